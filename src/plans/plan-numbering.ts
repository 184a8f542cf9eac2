/**
 * Sort keys of number labels (Ⅱ-ア, （1）, ①, ア, 52101). They come from the Japanese kernel's parseNumbering
 * (src/japanese, branch feat/japanese); until it is merged into this branch no key is computed (null) and the tree
 * keeps the order of its positions, which is the printed order.
 */
export function sortKeyFor(_label: string | null): string | null {
  return null;
}
