/**
 * Validation of a PlanDocument at the import boundary: its shape (zod) and the rules of a plan
 * (unique keys, 再掲 pointing at an existing item, tiers and schedule years within the plan, no duplicate
 * number label under one parent). Each problem is located by its path and explained in Japanese.
 */
import { z } from "zod";
import { matchKey } from "../japanese/index.js";
import { CANONICAL_STATUSES, MAX_LEVELS, yearsOutsidePeriod } from "./plan.js";
import type { NodeDef, PlanDocument } from "./plan-document.js";

const nullableText = z.string().nullable();
const fiscalYear = z.number().int().min(1868).max(2200);

const block: z.ZodType<PlanDocument["sections"][number]["blocks"][number]> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("paragraph"), text: z.string() }),
  z.object({ type: z.literal("bullets"), items: z.array(z.string()) }),
  z.object({
    type: z.literal("table"),
    caption: nullableText,
    header: z.array(z.string()),
    rows: z.array(z.array(z.string())),
    note: nullableText,
  }),
  z.object({ type: z.literal("note"), text: z.string() }),
  z.object({ type: z.literal("figure"), caption: z.string() }),
]);

type Section = PlanDocument["sections"][number];
const section: z.ZodType<Section> = z.lazy(() =>
  z.object({ label: nullableText, heading: z.string(), blocks: z.array(block), children: z.array(section) }),
);

const nextTerm = z
  .object({ label: z.string(), tierCode: nullableText, completed: z.boolean(), reason: nullableText })
  .nullable();

const node: z.ZodType<NodeDef> = z.lazy(() =>
  z.object({
    key: z.string().min(1, "キーが空です"),
    kind: z.enum(["item", "category"]),
    level: z
      .number()
      .int()
      .min(0)
      .max(MAX_LEVELS - 1),
    label: nullableText,
    title: z.string(),
    content: nullableText,
    yearlyGoal: nullableText,
    targetState: nullableText,
    tierCode: nullableText,
    departments: z.array(z.string().min(1)),
    implementingBody: nullableText,
    schedule: z.record(
      z.string().regex(/^\d{4}$/, "実施年度は西暦4桁で指定してください"),
      z.enum(["start", "continue"]),
    ),
    crossRefOf: nullableText,
    nextTerm,
    attributes: z.record(z.string(), z.string()),
    children: z.array(node),
  }),
);

const narrative = z.array(z.object({ heading: z.string(), blocks: z.array(block) }));

export const planDocumentSchema: z.ZodType<PlanDocument> = z.object({
  title: z.string().trim().min(1, "計画名を入力してください"),
  kind: z.string().trim().min(1, "計画の種類を入力してください"),
  termLabel: nullableText,
  subtitle: nullableText,
  issuedLabel: nullableText,
  issuer: nullableText.optional(),
  firstYear: fiscalYear.nullable(),
  lastYear: fiscalYear.nullable(),
  levelNames: z.array(z.string().min(1)).max(MAX_LEVELS, `階層は${MAX_LEVELS}までです`),
  tiers: z.array(z.object({ code: z.string().min(1), label: z.string(), definition: nullableText })),
  statusVocabulary: z.array(z.object({ label: z.string().min(1), canonical: z.enum(CANONICAL_STATUSES) })),
  gradeVocabulary: z.array(z.object({ label: z.string().min(1), definition: nullableText })),
  revisions: z.array(
    z.object({
      kind: z.string(),
      month: z
        .string()
        .regex(/^\d{4}-\d{2}$/, "年月は yyyy-mm で指定してください")
        .nullable(),
      label: z.string(),
      note: nullableText,
    }),
  ),
  sections: z.array(section),
  nodes: z.array(node),
  indicators: z.array(
    z.object({
      nodeKey: nullableText,
      role: z.enum(["main", "sub", "statistic"]),
      name: z.string(),
      unit: nullableText,
      definition: nullableText,
      direction: z.enum(["up", "down"]).nullable(),
      baselineYear: fiscalYear.nullable(),
      values: z.array(
        z.object({
          fiscalYear,
          target: z.number().nullable(),
          actual: z.number().nullable(),
          note: nullableText,
        }),
      ),
      sourceNote: nullableText,
    }),
  ),
  budgets: z.array(
    z.object({
      nodeKey: nullableText,
      name: z.string(),
      servesLabel: nullableText,
      summary: nullableText,
      amounts: z.array(z.object({ fiscalYear, amount: z.number().nullable() })),
    }),
  ),
  rounds: z.array(
    z.object({
      fiscalYear,
      asOfLabel: nullableText,
      asOfDate: z.iso.date().nullable(),
      entries: z.array(
        z.object({
          nodeKey: z.string(),
          department: nullableText,
          statusLabel: nullableText,
          grade: nullableText,
          result: nullableText,
          doText: nullableText,
          checkText: nullableText,
          issuesText: nullableText,
          actText: nullableText,
          narrative,
        }),
      ),
      statedTallies: z.array(
        z.object({
          groupBy: z.enum(["tier", "department", "plan"]),
          group: nullableText,
          text: z.string(),
          counts: z.array(
            z.object({ statusLabel: z.string(), count: z.number().int(), of: z.number().int() }),
          ),
        }),
      ),
    }),
  ),
  departments: z.array(z.string().min(1)),
  source: z.object({ name: z.string(), notes: z.array(z.string()) }),
}) as z.ZodType<PlanDocument>;

/** A problem with a document: where (a path such as `nodes[0].children[2].tierCode`) and why, in Japanese. */
export type DocumentProblem = { path: string; message: string };

/** Checks shape and plan rules; returns the parsed document, or every problem found. */
export function checkPlanDocument(
  input: unknown,
): { ok: true; document: PlanDocument } | { ok: false; problems: DocumentProblem[] } {
  const parsed = planDocumentSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const doc = parsed.data;
  const json = JSON.stringify(doc);
  const problems: DocumentProblem[] = unstorableText(doc, json);
  if (problems.length > 0) return { ok: false, problems };
  if (doc.firstYear !== null && doc.lastYear !== null && doc.firstYear > doc.lastYear) {
    problems.push({ path: "lastYear", message: "計画期間の終了年度が開始年度より前です。" });
  }
  const tierCodes = new Set(doc.tiers.map((t) => t.code));
  const seenTier = new Set<string>();
  doc.tiers.forEach((t, i) => {
    if (seenTier.has(t.code))
      problems.push({ path: `tiers[${i}].code`, message: `優先度「${t.code}」が重複しています。` });
    seenTier.add(t.code);
  });
  const keys = new Map<string, NodeDef>();
  const walkKeys = (list: NodeDef[], path: string) =>
    list.forEach((n, i) => {
      const p = `${path}[${i}]`;
      if (keys.has(n.key)) problems.push({ path: `${p}.key`, message: `キー「${n.key}」が重複しています。` });
      keys.set(n.key, n);
      walkKeys(n.children, `${p}.children`);
    });
  walkKeys(doc.nodes, "nodes");
  const walk = (list: NodeDef[], path: string) => {
    // the labels of the earlier siblings, as sameLabel compares them (one set per list: linear, not quadratic)
    const earlier = new Set<string>();
    list.forEach((n, i) => {
      const p = `${path}[${i}]`;
      const dup = n.label ? earlier.has(matchKey(n.label)) : false;
      if (n.label !== null) earlier.add(matchKey(n.label));
      if (dup)
        problems.push({ path: `${p}.label`, message: `番号「${n.label}」が同じ階層に重複しています。` });
      if (n.tierCode !== null && !tierCodes.has(n.tierCode)) {
        problems.push({
          path: `${p}.tierCode`,
          message: `優先度「${n.tierCode}」が優先度の一覧にありません。`,
        });
      }
      if (n.nextTerm?.tierCode && !tierCodes.has(n.nextTerm.tierCode)) {
        problems.push({
          path: `${p}.nextTerm.tierCode`,
          message: `次期の優先度「${n.nextTerm.tierCode}」が優先度の一覧にありません。`,
        });
      }
      const outside = yearsOutsidePeriod(n.schedule, doc.firstYear, doc.lastYear);
      if (outside.length > 0) {
        problems.push({
          path: `${p}.schedule`,
          message: `実施年度 ${outside.join("、")} 年度が計画期間の外です。`,
        });
      }
      if (n.crossRefOf !== null) {
        const target = keys.get(n.crossRefOf);
        if (target?.kind !== "item" || target.crossRefOf !== null || n.crossRefOf === n.key) {
          problems.push({
            path: `${p}.crossRefOf`,
            message: `再掲の元「${n.crossRefOf}」が見つかりません。`,
          });
        }
        if (n.kind !== "item")
          problems.push({ path: `${p}.crossRefOf`, message: "再掲は取組にのみ指定できます。" });
      }
      walk(n.children, `${p}.children`);
    });
  };
  walk(doc.nodes, "nodes");
  const pointers: [string, string | null][] = [
    ...doc.indicators.map((x, i): [string, string | null] => [`indicators[${i}].nodeKey`, x.nodeKey]),
    ...doc.budgets.map((x, i): [string, string | null] => [`budgets[${i}].nodeKey`, x.nodeKey]),
    ...doc.rounds.flatMap((r, ri) =>
      r.entries.map((e, ei): [string, string | null] => [`rounds[${ri}].entries[${ei}].nodeKey`, e.nodeKey]),
    ),
  ];
  for (const [path, key] of pointers) {
    if (key !== null && !keys.has(key))
      problems.push({ path, message: `項目「${key}」が計画の中にありません。` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, document: doc };
}

/**
 * Text PostgreSQL cannot store: the NUL character and unpaired surrogates (broken characters). The JSON text of the
 * whole document is scanned first (JSON.stringify escapes both, as \u0000 and \udXXX), and the value is walked to
 * locate them only when it may hold one: a 10,000-item document is checked in one pass.
 */
function unstorableText(value: unknown, json: string): DocumentProblem[] {
  if (!json.includes("\\u0000") && !/\\ud[89a-f]/i.test(json)) return [];
  return locateUnstorable(value, "");
}

function locateUnstorable(value: unknown, path: string): DocumentProblem[] {
  if (typeof value === "string") {
    return value.includes("\u0000") || /\p{Surrogate}/u.test(value)
      ? [{ path, message: "使用できない文字（制御文字や壊れた文字）が含まれています。" }]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => locateUnstorable(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [
      ...locateUnstorable(k, path),
      ...locateUnstorable(v, path ? `${path}.${k}` : k),
    ]);
  }
  return [];
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    "",
  );
}
