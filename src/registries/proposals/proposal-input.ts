/** The inputs of the proposal-system use cases as zod schemas, with Japanese field messages. */
import { z } from "zod";
import { parseFiscalYear } from "../../japanese/index.js";
import { dateSchema, optText, required } from "../group-input.js";
import { CALL_KINDS, type Criterion, parseCriteriaLines } from "./proposal.js";

const uuid = z.uuid({ error: "選択肢から選んでください" });

/** 2025, "2025", 令和7年度, R7 … → 2025. */
const fiscalYear = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const r = typeof v === "number" ? { ok: true as const, value: v } : parseFiscalYear(v.trim());
  if (!r.ok || !Number.isInteger(r.value) || r.value < 1990 || r.value > 2100) {
    ctx.addIssue({ code: "custom", message: "年度は 2025 や 令和7年度 の形で入力してください" });
    return z.NEVER;
  }
  return r.value;
});

const criteria = z.string({ error: "審査基準を入力してください" }).transform((v, ctx): Criterion[] => {
  const r = parseCriteriaLines(v);
  if (r.errors.length > 0) {
    ctx.addIssue({ code: "custom", message: r.errors.join("、") });
    return z.NEVER;
  }
  return r.criteria;
});

export const callFieldsSchema = z
  .object({
    kind: z.enum(CALL_KINDS, { error: "募集の種類（テーマ設定型・自由提案型）を選んでください" }),
    title: required("募集の名称", 200),
    fiscalYear,
    departmentId: uuid.nullable(),
    theme: optText(2000),
    description: optText(4000),
    opensOn: dateSchema("受付開始日"),
    closesOn: dateSchema("受付締切日"),
    criteria,
    scaleMax: z
      .number({ error: "満点は1〜10の整数で入力してください" })
      .int("満点は1〜10の整数で入力してください")
      .min(1, "満点は1〜10の整数で入力してください")
      .max(10, "満点は1〜10の整数で入力してください"),
  })
  .superRefine((c, ctx) => {
    if (c.closesOn < c.opensOn)
      ctx.addIssue({
        code: "custom",
        path: ["closesOn"],
        message: "受付締切日は受付開始日より後の日にしてください",
      });
    if (c.kind === "theme" && !c.departmentId)
      ctx.addIssue({
        code: "custom",
        path: ["departmentId"],
        message: "テーマ設定型では担当課を選んでください",
      });
    if (c.kind === "theme" && !c.theme)
      ctx.addIssue({ code: "custom", path: ["theme"], message: "テーマ設定型ではテーマを入力してください" });
  });
export type CallFields = z.output<typeof callFieldsSchema>;

export const proposalFieldsSchema = z.object({
  groupId: uuid,
  title: required("提案事業名", 200),
  summary: required("提案の内容", 4000),
  budget: z
    .number({ error: "事業費は千円単位の数字で入力してください（例: 1500）" })
    .int("事業費は千円単位の整数で入力してください")
    .min(0, "事業費は0以上で入力してください")
    .max(100_000_000, "事業費が大きすぎます（千円単位で入力してください）")
    .nullable(),
  planNodeIds: z.array(uuid).transform((a) => [...new Set(a)]),
});
export type ProposalFields = z.output<typeof proposalFieldsSchema>;

/** A reviewer's sheet: one score (0..scaleMax, whole points) and a reason per criterion, in the call's order. */
export function scoresSchema(criteria: readonly Criterion[], scaleMax: number) {
  const scoreMsg = `0〜${scaleMax}点の整数で採点してください`;
  return z
    .array(
      z.object({
        score: z.number({ error: scoreMsg }).int(scoreMsg).min(0, scoreMsg).max(scaleMax, scoreMsg),
        reason: required("採点の理由", 2000),
      }),
    )
    .length(criteria.length, "すべての審査基準を採点してください");
}

export const decisionSchema = z.object({
  decision: z.enum(["adopt", "reject"], { error: "採択か不採択かを選んでください" }),
  reason: required("決定の理由", 2000),
});
