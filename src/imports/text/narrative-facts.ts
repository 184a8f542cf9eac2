/**
 * Facts read out of a plan's narrative once it is placed in sections: the revision history (策定経緯), the
 * plan period sentence, and statistics tables whose header is a row of fiscal years. The narrative keeps the
 * printed text; these passes add the structured reading beside it.
 */
import type { IndicatorDef, RevisionDef } from "../../plans/plan-document.js";
import { eraOf, fiscalYearOf, quantityOf, yearHeaders, yearMonthOf } from "./kernel.js";
import type { Warning } from "./lines.js";
import type { Placed } from "./sections.js";

const ERA = "(?:明治|大正|昭和|平成|令和)";
/** `平成15年3月 基本計画策定（計画期間：平成15～19年度）`: a year-month, then a short event, no sentence. */
const REVISION_LINE = new RegExp(
  `^(${ERA}\\s*(?:元|[0-9０-９]{1,2})\\s*年\\s*[0-9０-９]{1,2}\\s*月|[0-9０-９]{4}\\s*年\\s*[0-9０-９]{1,2}\\s*月)[\\s\\u3000]*(.+)$`,
);
const REVISION_WORDS = ["制定", "策定", "改定", "改訂", "延長", "見直し", "廃止", "施行", "公布"];
/** The instrument a revision is about, when it is not the plan itself (条例制定). */
const PLAN_WORDS = /計画|指針|プラン|方針|ビジョン|戦略/;
const DITTO = /^[〃″”"]$/;

/** Revision history lines → RevisionDef, ditto marks (〃, "same as above") resolved from the line before. */
export function readRevisions(placed: Placed): RevisionDef[] {
  const revisions: RevisionDef[] = [];
  let previousParts: string[] | null = null;
  for (const p of placed.paragraphs) {
    const m = REVISION_LINE.exec(p.text);
    if (!m) continue;
    const event = m[2]!.trim();
    if (event.length > 60 || /[。．]$/.test(event) || /^[にをはがで、]/.test(event)) continue;
    const paren = /[(（]([^()（）]*)[)）]\s*$/.exec(event);
    const body = (paren ? event.slice(0, paren.index) : event).trim();
    const word = REVISION_WORDS.find((w) => body.includes(w));
    if (!word) continue;
    const subject = body.slice(0, body.indexOf(word)).trim();
    const kind = subject !== "" && !PLAN_WORDS.test(subject) ? `${subject}${word}` : word;
    let note: string | null = null;
    if (paren) {
      const parts = splitNote(paren[1]!);
      const resolved = parts.map((part, i) =>
        DITTO.test(part.trim()) ? (previousParts?.[i] ?? part).trim() : part.trim(),
      );
      previousParts = resolved;
      note = joinNote(paren[1]!, resolved);
    }
    revisions.push({ kind, month: yearMonthOf(m[1]!), label: p.text, note });
  }
  return revisions;
}

/** `計画期間：平成15～19年度` → [計画期間, 平成15, 19年度]; separators are kept by joinNote. */
function splitNote(note: string): string[] {
  return note.split(/[:：～〜~]/);
}

function joinNote(original: string, parts: string[]): string {
  const separators = [...original.matchAll(/[:：～〜~]/g)].map((s) =>
    s[0] === ":" ? "：" : s[0] === "~" ? "～" : s[0],
  );
  return parts.map((part, i) => part + (separators[i] ?? "")).join("");
}

const PERIOD = new RegExp(
  `((?:${ERA}\\s*(?:元|[0-9０-９]{1,2})|[0-9０-９]{4})\\s*年度?)\\s*(?:から|～|〜|~|－|-)\\s*((?:${ERA})?\\s*(?:元|[0-9０-９]{1,4})\\s*年度)\\s*(?:まで)?`,
);

/** The plan period (`平成25年度から平成29年度までの5年間`), preferring a section about the period (期間). */
export function readPeriod(placed: Placed): { firstYear: number; lastYear: number; line: number } | null {
  const candidates = placed.paragraphs.filter((p) => PERIOD.test(p.text) && !REVISION_LINE.test(p.text));
  const preferred =
    candidates.find((p) => p.section.heading.includes("期間")) ??
    candidates.find((p) => /計画期間|期間は/.test(p.text)) ??
    candidates[0];
  if (!preferred) return null;
  const m = PERIOD.exec(preferred.text)!;
  const era = eraOf(m[1]!);
  const first = fiscalYearOf(m[1]!.replace(/\s/g, ""), era);
  const last = fiscalYearOf(m[2]!.replace(/\s/g, ""), eraOf(m[2]!) ?? era);
  if (first === null || last === null || last < first) return null;
  return { firstYear: first, lastYear: last, line: preferred.line };
}

/**
 * A table whose header cells after the first are fiscal years (`H20 H21 H22 H23`) is a statistic: one
 * indicator per row, each cell an actual value. Units come from the cells when printed; the table's
 * source note (`(…資料) (年度末)`) becomes the indicator's.
 */
export function readStatistics(placed: Placed, warnings: Warning[]): IndicatorDef[] {
  const indicators: IndicatorDef[] = [];
  for (const { block, line } of placed.tables) {
    const yearCells = block.header.slice(1);
    const years = yearHeaders(yearCells, null);
    if (years === null || years.length < 2) continue;
    block.rows.forEach((row, r) => {
      const name = row[0] ?? "";
      if (name === "") return;
      let unit: string | null = null;
      const values = years.map((fiscalYear, i) => {
        const cell = row[i + 1] ?? "";
        if (cell === "") return { fiscalYear, target: null, actual: null, note: null };
        const q = quantityOf(cell);
        if (q === null) {
          warnings.push({
            line: line + r + 1,
            message: `「${cell}」を数値として読めませんでした（${name}）。`,
          });
          return { fiscalYear, target: null, actual: null, note: cell };
        }
        unit ??= q.unit;
        return { fiscalYear, target: null, actual: q.value, note: null };
      });
      indicators.push({
        nodeKey: null,
        role: "statistic",
        name,
        unit,
        definition: null,
        direction: null,
        baselineYear: null,
        values,
        sourceNote: block.note,
      });
    });
  }
  return indicators;
}
