/**
 * The text importer's one seam to the Japanese kernel (`src/japanese`, branch feat/japanese): PDF despacing,
 * leading numbering, fiscal years, year-months and quantities. Every other file of `src/imports/text/` calls
 * these functions only, so the kernel's API shape is adapted in this one place.
 */
import {
  despacePdfText,
  type EraName,
  parseFiscalYear,
  parseJapaneseMonth,
  parseQuantity,
  parseYearHeaders,
  splitLeadingNumbering,
} from "../../japanese/index.js";

export type Numbering = {
  /** as printed: `1`, `(1)`, `（１）`, `I`, `Ⅱ`, `①`, `ア` */
  label: string;
  /** the numbering style: headings of one style are siblings */
  style: string;
  /** 1-based value within its style (I → 1, (3) → 3, ウ → 3), null when unknown */
  value: number | null;
  rest: string;
};

/** Removes the letter spacing of PDF text (`平成 2 2 年度` → `平成22年度`), keeping meaningful spaces. */
export function despace(text: string): string {
  return despacePdfText(text);
}

/** The leading numbering of a heading (`(1) 情報発信` → `(1)` + `情報発信`), or null when it has none. */
export function leadingNumbering(text: string): Numbering | null {
  const split = splitLeadingNumbering(text);
  const numbering = split.numbering;
  if (numbering === null || split.rest.trim() === "") return null;
  return {
    label: numbering.label,
    style: numbering.kind,
    value: numbering.values.at(-1) ?? null,
    rest: split.rest.trim(),
  };
}

const ERA_NAMES = ["明治", "大正", "昭和", "平成", "令和"] as const;
const ERA_LETTERS: Record<string, string> = { M: "明治", T: "大正", S: "昭和", H: "平成", R: "令和" };

/** The era a year text is written in (`平成22年度` → 平成, `H20` → 平成), or null (Western or bare). */
export function eraOf(text: string): string | null {
  const t = text.normalize("NFKC");
  for (const era of ERA_NAMES) if (t.includes(era)) return era;
  const letter = /(?:^|[^A-Za-z])([MTSHR])\s*(?:元|\d{1,2})/i.exec(t);
  return letter ? (ERA_LETTERS[letter[1]!.toUpperCase()] ?? null) : null;
}

/** Western fiscal year of `平成22年度`, `H20`, `(21)` or `24年度` (bare numbers read in `era`), or null. */
export function fiscalYearOf(text: string, era: string | null): number | null {
  const parsed = parseFiscalYear(text, era ? { era: era as EraName } : undefined);
  return parsed.ok ? parsed.value : null;
}

/** `平成15年3月` → `2003-03`, or null. */
export function yearMonthOf(text: string): string | null {
  const parsed = parseJapaneseMonth(text);
  if (!parsed.ok) return null;
  return `${parsed.value.year}-${String(parsed.value.month).padStart(2, "0")}`;
}

/** `1,600団体` → 1600 団体; `-` → value null. null when the text is no quantity. */
export function quantityOf(text: string): { value: number | null; unit: string | null } | null {
  const parsed = parseQuantity(text);
  return parsed.ok ? { value: parsed.value.value, unit: parsed.value.unit } : null;
}

/** Fiscal years of a row of year headers (`H20 H21`, `H18年度 …`, `19 20` in `era`), or null if one is no year. */
export function yearHeaders(cells: string[], era: string | null): number[] | null {
  if (cells.length === 0) return null;
  const parsed = parseYearHeaders(cells, era ? { era: era as EraName } : undefined);
  return parsed.ok && parsed.value.length === cells.length ? parsed.value : null;
}
