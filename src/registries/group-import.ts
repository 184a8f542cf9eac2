/** Reading a list of groups from a spreadsheet grid (pure): headings → fields, one input per row, located problems. */
import type { GridSheet } from "../imports/grid.js";
import { cellText, columnLetter } from "../imports/grid.js";
import { matchKey } from "../japanese/index.js";
import { ACTIVITY_FIELDS } from "./group.js";

/** Headings accepted for each field: our own labels and the 自治体標準オープンデータセット column names. */
const HEADINGS: Record<string, string[]> = {
  // the registry's own open data (and its export) name each group: a row with a known ID updates that group
  id: ["ID", "団体ID"],
  name: ["団体名", "名称"],
  nameKana: ["フリガナ", "団体名フリガナ", "名称_カナ", "ふりがな"],
  legalForm: ["法人格"],
  fields: ["活動分野"],
  area: ["活動地域"],
  postalCode: ["郵便番号", "所在地_郵便番号"],
  address: ["所在地", "住所", "所在地_連結表記"],
  representative: ["代表者名", "代表者"],
  phone: ["電話番号"],
  email: ["メールアドレス"],
  website: ["ホームページ", "URL"],
  corporateNumber: ["法人番号"],
  registeredOn: ["登録日"],
  isPublic: ["公開"],
};

export type ImportProblem = { row: number; column: string; message: string };
/**
 * A row of the file; `id` when it names a group of the registry (the open data's ID, with or without hyphens), and
 * the fields whose cells are empty (for a named group they keep what is stored: the open data leaves out what a
 * group does not publish).
 */
export type ImportRow = { row: number; input: Record<string, unknown>; id?: string; blank?: string[] };

/** 活動分野 cell: numbers (1、13) or the 別表 wording, separated by 、 , ; or line breaks. Unknown → 0 (zod refuses). */
export function parseFieldsCell(text: string): number[] {
  // the open data joins whole labels with ; and a label may itself hold 、 (保健、医療又は福祉の増進を図る活動)
  return text
    .split(/[;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((part) => {
      const whole = ACTIVITY_FIELDS.findIndex((f) => matchKey(f) === matchKey(part));
      return whole >= 0
        ? [whole + 1]
        : part
            .split(/[、,]+/)
            .map((s) => s.trim())
            .filter(Boolean)
            .map(fieldNumber);
    });
}

function fieldNumber(s: string): number {
  const n = Number(matchKey(s));
  if (Number.isInteger(n)) return n;
  const i = ACTIVITY_FIELDS.findIndex(
    (f) => matchKey(f) === matchKey(s) || matchKey(f).startsWith(matchKey(s)),
  );
  return i + 1;
}

export function readGroupSheet(
  sheet: GridSheet,
):
  | { ok: true; rows: ImportRow[]; columns: Record<string, string> }
  | { ok: false; problems: ImportProblem[] } {
  const header = sheet.rows.find((r) => r.cells.some((c) => c.text.trim() !== ""));
  if (!header) return { ok: false, problems: [{ row: 1, column: "", message: "見出しの行がありません" }] };
  const col: Record<string, number> = {};
  const letters: Record<string, string> = {};
  header.cells.forEach((_, i) => {
    const h = matchKey(cellText(sheet, header, i));
    for (const [field, names] of Object.entries(HEADINGS))
      if (col[field] === undefined && names.some((n) => matchKey(n) === h)) {
        col[field] = i;
        letters[field] = columnLetter(i);
      }
  });
  const missing = ["name", "nameKana", "registeredOn"].filter((k) => col[k] === undefined);
  if (missing.length > 0)
    return {
      ok: false,
      problems: [
        {
          row: header.sourceRow,
          column: "",
          message: `見出しに ${missing.map((k) => HEADINGS[k]![0]).join("・")} の列がありません`,
        },
      ],
    };
  const rows: ImportRow[] = [];
  for (const r of sheet.rows) {
    if (r.sourceRow <= header.sourceRow || r.cells.every((c) => c.text.trim() === "")) continue;
    const get = (k: string) => (col[k] === undefined ? "" : cellText(sheet, r, col[k]!).trim());
    const id = get("id");
    const blank = Object.keys(col).filter((k) => k !== "id" && get(k) === "");
    rows.push({
      row: r.sourceRow,
      ...(id ? { id, blank } : {}),
      input: {
        name: get("name"),
        nameKana: get("nameKana"),
        legalForm: get("legalForm") || "任意団体",
        fields: parseFieldsCell(get("fields")),
        area: get("area"),
        postalCode: get("postalCode"),
        address: get("address"),
        representative: get("representative"),
        phone: get("phone"),
        email: get("email"),
        website: get("website"),
        corporateNumber: get("corporateNumber"),
        registeredOn: get("registeredOn"),
        leftOn: null,
        isPublic: ["有", "公開", "はい", "1"].includes(get("isPublic")),
        publicFields: [],
        disclosures: [],
        note: null,
      },
    });
  }
  return { ok: true, rows, columns: letters };
}
