/** The inputs of the plans use cases as zod schemas, with Japanese field-level messages. */
import { z } from "zod";
import { CANONICAL_STATUSES, MAX_LEVELS, PLAN_STATUSES } from "./plan.js";

/** Optional text: trimmed, "" becomes null. */
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${max}文字以内で入力してください`)
    .nullable()
    .transform((v) => (v === "" ? null : v));

const required = (what: string, max: number) =>
  z.string().trim().min(1, `${what}を入力してください`).max(max, `${max}文字以内で入力してください`);

export const fiscalYearSchema = z
  .number({ error: "年度は西暦の数字で入力してください（例: 2024）" })
  .int("年度は整数で入力してください")
  .min(1900, "年度は1900〜2200の範囲で入力してください")
  .max(2200, "年度は1900〜2200の範囲で入力してください");

export const tierSchema = z.object({
  code: required("優先度の記号", 30),
  label: z.string().trim().max(100),
  definition: optText(500),
});
export const statusDefSchema = z.object({
  label: required("状況の表記", 30),
  canonical: z.enum(CANONICAL_STATUSES, { error: "状況の区分を選んでください" }),
});
export const gradeDefSchema = z.object({ label: required("評価の記号", 30), definition: optText(500) });
export const revisionSchema = z.object({
  kind: required("改定の種類", 30),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "年月は 2013-03 の形で入力してください")
    .nullable(),
  label: z.string().trim().max(100),
  note: optText(500),
});

export const planFieldsSchema = z
  .object({
    title: required("計画名", 200),
    kind: required("計画の種類", 50),
    termLabel: optText(50),
    subtitle: optText(200),
    issuedLabel: optText(50),
    issuer: optText(100),
    firstYear: fiscalYearSchema.nullable(),
    lastYear: fiscalYearSchema.nullable(),
    status: z.enum(PLAN_STATUSES, { error: "状態を選んでください" }),
    predecessorId: z.uuid({ error: "前期計画の指定が正しくありません" }).nullable(),
    levelNames: z
      .array(z.string().trim().min(1, "階層の名前が空です").max(50))
      .min(1, "階層の名前を1つ以上入力してください")
      .max(MAX_LEVELS, `階層は${MAX_LEVELS}つまでです`),
    tiers: z.array(tierSchema).max(30),
    statusVocabulary: z.array(statusDefSchema).max(30),
    gradeVocabulary: z.array(gradeDefSchema).max(30),
    revisions: z.array(revisionSchema).max(50),
  })
  .superRefine((v, ctx) => {
    if (v.firstYear !== null && v.lastYear !== null && v.firstYear > v.lastYear) {
      ctx.addIssue({ code: "custom", path: ["lastYear"], message: "終了年度は開始年度以降にしてください" });
    }
    const dup = (list: string[]) => list.find((x, i) => list.indexOf(x) !== i);
    const tier = dup(v.tiers.map((t) => t.code));
    if (tier) ctx.addIssue({ code: "custom", path: ["tiers"], message: `優先度「${tier}」が重複しています` });
    const status = dup(v.statusVocabulary.map((s) => s.label));
    if (status) {
      ctx.addIssue({
        code: "custom",
        path: ["statusVocabulary"],
        message: `状況「${status}」が重複しています`,
      });
    }
    const grade = dup(v.gradeVocabulary.map((g) => g.label));
    if (grade)
      ctx.addIssue({
        code: "custom",
        path: ["gradeVocabulary"],
        message: `評価「${grade}」が重複しています`,
      });
  });
export type PlanFields = z.infer<typeof planFieldsSchema>;

export const nextTermSchema = z
  .object({
    label: required("次期案", 30),
    tierCode: optText(30),
    completed: z.boolean(),
    reason: optText(2000),
  })
  .nullable();

export const nodeFieldsSchema = z.object({
  kind: z.enum(["item", "category"], { error: "種類を選んでください" }),
  label: optText(30),
  title: required("名称", 1000),
  content: optText(10000),
  yearlyGoal: optText(2000),
  targetState: optText(2000),
  tierCode: optText(30),
  departments: z.array(z.string().trim().min(1).max(100)).max(50, "担当課は50までです"),
  implementingBody: optText(200),
  schedule: z.record(
    z.string().regex(/^\d{4}$/, "実施年度は西暦4桁で入力してください"),
    z.enum(["start", "continue"], { error: "実施の記号は ○（開始）か →（継続）です" }),
  ),
  nextTerm: nextTermSchema,
  attributes: z.record(z.string().trim().min(1).max(100), z.string().max(5000)),
});
export type NodeFields = z.infer<typeof nodeFieldsSchema>;

export const versionSchema = z.number({ error: "版が指定されていません" }).int().min(1);
export const idSchema = z.uuid({ error: "指定が正しくありません" });
