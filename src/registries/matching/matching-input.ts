/** Inputs of the matching-sheet use cases as zod schemas, with Japanese field messages. */
import { z } from "zod";
import { parseJapaneseDate } from "../../japanese/index.js";
import { optText, required } from "../group-input.js";
import { ISSUE_STATUSES } from "./matching.js";

const uuid = z.uuid({ error: "選択肢から選んでください" });

const optDate = (what: string) =>
  z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (!v?.trim()) return null;
      const d = parseJapaneseDate(v.trim());
      if (!d.ok) {
        ctx.addIssue({
          code: "custom",
          message: `${what}は 2025-06-30 や 令和7年6月30日 の形で入力してください`,
        });
        return z.NEVER;
      }
      return d.value;
    });

export const issueFieldsSchema = z.object({
  departmentId: uuid,
  title: required("課題", 200),
  background: optText(4000),
  desiredPartner: optText(2000),
  deadline: optDate("申し出の期限"),
});
export type IssueFields = z.output<typeof issueFieldsSchema>;

export const offerFieldsSchema = z.object({
  groupId: uuid,
  message: required("提案の内容・できること", 4000),
});
export type OfferFields = z.output<typeof offerFieldsSchema>;

export const outcomeFieldsSchema = z.object({
  status: z.enum(ISSUE_STATUSES, { error: "状態を選んでください" }),
  outcome: optText(4000),
});
export type OutcomeFields = z.output<typeof outcomeFieldsSchema>;
