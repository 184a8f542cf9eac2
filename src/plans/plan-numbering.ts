/**
 * Sort keys of number labels (Ⅱ-ア, （1）, ①, ア, 52101): the Japanese kernel's parseNumbering sortKey, null for a
 * missing or unreadable label. Keys compare by code unit; a query that orders by `sort_key` must use COLLATE "C".
 */
import { parseNumbering } from "../japanese/index.js";

export function sortKeyFor(label: string | null): string | null {
  if (label === null) return null;
  const parsed = parseNumbering(label);
  return parsed.ok ? parsed.value.sortKey : null;
}
