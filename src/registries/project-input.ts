/** The inputs of the collaboration-project use cases as zod schemas, with Japanese field messages. */
import { z } from "zod";
import { dateSchema, optText, required } from "./group-input.js";
import { PROJECT_FORMS } from "./project.js";

const uuid = z.uuid({ error: "選択肢から選んでください" });

export const projectFieldsSchema = z.object({
  title: required("事業名", 200),
  departmentId: uuid.nullable(),
  partnerGroupIds: z.array(uuid).transform((a) => [...new Set(a)]),
  form: z.enum(PROJECT_FORMS, { error: "協働の形態を選んでください" }),
  fiscalYear: z
    .number({ error: "年度は西暦の数字で入力してください（例: 2024）" })
    .int("年度は整数で入力してください")
    .min(1990, "年度は1990〜2100の範囲で入力してください")
    .max(2100, "年度は1990〜2100の範囲で入力してください"),
  budget: z
    .number({ error: "予算額は千円単位の数字で入力してください（例: 3011）" })
    .int("予算額は千円単位の整数で入力してください")
    .min(0, "予算額は0以上で入力してください")
    .max(100_000_000, "予算額が大きすぎます（千円単位で入力してください）")
    .nullable(),
  planNodeIds: z.array(uuid).transform((a) => [...new Set(a)]),
  summary: optText(4000),
  outcome: optText(4000),
});
export type ProjectFields = z.output<typeof projectFieldsSchema>;

export const reviewMeetingFieldsSchema = z.object({
  heldOn: dateSchema("開催日"),
  participants: optText(1000),
  coordinator: optText(100),
  findings: optText(4000),
  improvements: optText(4000),
});
export type ReviewMeetingFields = z.output<typeof reviewMeetingFieldsSchema>;
