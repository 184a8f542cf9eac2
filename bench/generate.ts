/**
 * Deterministic benchmark data: PlanDocuments shaped like the reference documents, at three sizes.
 *   city:       200 items, 5 fiscal years
 *   prefecture: 2,000 items, 10 fiscal years, 40 departments
 *   national:   1,788 organisations × ~280 items = 500,000 items, 10 fiscal years
 * The same seed always gives the same data (a small xorshift generator, no Math.random).
 */
import { type NodeDef, newNodeDef, type PlanDocument, type RoundDef } from "../src/plans/plan-document.js";

export type Size = "city" | "prefecture" | "national";
export const SIZES: Record<
  Size,
  { items: number; years: number; departments: number; organisations: number }
> = {
  city: { items: 200, years: 5, departments: 12, organisations: 1 },
  prefecture: { items: 2000, years: 10, departments: 40, organisations: 1 },
  national: { items: 280, years: 10, departments: 20, organisations: 1788 },
};

export function rng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const KANA = ["ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ"];
const WORDS = [
  "協働",
  "市民活動",
  "NPO",
  "地域づくり",
  "情報提供",
  "人材育成",
  "寄附",
  "拠点",
  "研修",
  "連携",
  "支援",
  "交流",
  "啓発",
];
const STATUSES = ["済", "済・継", "一部済", "着手中", "未"];
const TIERS = ["Ⅰ", "Ⅱ-ア", "Ⅱ-イ", "Ⅲ"];

/** One plan document of `items` items under categories (（1）… → ア …), with a progress round per fiscal year. */
export function generatePlanDocument(opts: {
  items: number;
  years: number;
  departments: number;
  seed: number;
  firstYear?: number;
}): PlanDocument {
  const r = rng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const firstYear = opts.firstYear ?? 2016;
  const departments = Array.from(
    { length: opts.departments },
    (_, i) => `部${Math.floor(i / 4) + 1} 第${i + 1}課`,
  );
  const perSub = 10;
  const subsPerTop = Math.min(KANA.length, 5);
  const nodes: NodeDef[] = [];
  let n = 0;
  for (let top = 1; n < opts.items; top++) {
    const topNode = node(`c${top}`, "category", 0, `（${top}）`, `${pick(WORDS)}に関すること`);
    for (let s = 0; s < subsPerTop && n < opts.items; s++) {
      const sub = node(`c${top}-${s}`, "category", 1, KANA[s]!, `${pick(WORDS)}の${pick(WORDS)}`);
      for (let i = 0; i < perSub && n < opts.items; i++) {
        n++;
        const item = node(`i${n}`, "item", 2, String(n), `${pick(WORDS)}と${pick(WORDS)}の推進（${n}）`);
        item.tierCode = pick(TIERS);
        item.departments = [pick(departments)];
        item.content = `${pick(WORDS)}を${pick(WORDS)}により進める。`.repeat(1 + Math.floor(r() * 3));
        item.schedule = Object.fromEntries(
          Array.from({ length: opts.years }, (_, y) => [
            String(firstYear + y),
            y === 0 ? "start" : "continue",
          ]),
        );
        sub.children.push(item);
      }
      topNode.children.push(sub);
    }
    nodes.push(topNode);
  }
  const itemKeys = Array.from({ length: opts.items }, (_, i) => `i${i + 1}`);
  const rounds: RoundDef[] = Array.from({ length: opts.years }, (_, y) => ({
    fiscalYear: firstYear + y,
    asOfLabel: null,
    asOfDate: `${firstYear + y + 1}-03-31`,
    statedTallies: [],
    entries: itemKeys.map((k) => ({
      nodeKey: k,
      department: null,
      statusLabel: pick(STATUSES),
      grade: null,
      result: `${pick(WORDS)}の取組を実施した。参加者${Math.floor(r() * 500)}人。`,
      doText: null,
      checkText: null,
      issuesText: null,
      actText: null,
      narrative: [],
    })),
  }));
  return {
    title: `協働推進計画（ベンチマーク ${opts.seed}）`,
    kind: "推進計画",
    termLabel: "第1期",
    subtitle: null,
    issuedLabel: null,
    firstYear,
    lastYear: firstYear + opts.years - 1,
    levelNames: ["分野", "施策の方向", "具体的な取組"],
    tiers: TIERS.map((code) => ({ code, label: `【${code}】`, definition: `${code}の定義` })),
    statusVocabulary: [
      { label: "済", canonical: "done" },
      { label: "済・継", canonical: "done" },
      { label: "一部済", canonical: "partly" },
      { label: "着手中", canonical: "in_progress" },
      { label: "未", canonical: "not_started" },
    ],
    gradeVocabulary: [],
    revisions: [],
    sections: [],
    nodes,
    indicators: [],
    budgets: [],
    rounds,
    departments,
    source: { name: `bench-seed-${opts.seed}`, notes: [] },
  };

  function node(
    key: string,
    kind: "item" | "category",
    level: number,
    label: string,
    title: string,
  ): NodeDef {
    return newNodeDef({ key, kind, level, label, title });
  }
}
