/** The inputs of the civic-group use cases as zod schemas, with Japanese field messages. */
import { z } from "zod";
import { parseJapaneseDate, validateCorporateNumber } from "../japanese/index.js";
import {
  DISCLOSURE_DOCUMENTS,
  isFullWidthKatakana,
  isJapanesePhone,
  isPostalCode,
  LEGAL_FORMS,
  OPTIONAL_PUBLIC_FIELDS,
} from "./group.js";

/** Optional text: trimmed, "" / undefined become null. */
export const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${max}文字以内で入力してください`)
    .nullish()
    .transform((v) => (v ? v : null));

export const required = (what: string, max: number) =>
  z
    .string({ error: `${what}を入力してください` })
    .trim()
    .min(1, `${what}を入力してください`)
    .max(max, `${max}文字以内で入力してください`);

/** A date typed as 2024-04-01, 2024/4/1, 令和6年4月1日 … stored as ISO. */
export const dateSchema = (what: string) =>
  z.string({ error: `${what}を入力してください` }).transform((v, ctx) => {
    const d = parseJapaneseDate(v.trim());
    if (!d.ok) {
      ctx.addIssue({
        code: "custom",
        message: `${what}は 2024-04-01 や 令和6年4月1日 の形で入力してください`,
      });
      return z.NEVER;
    }
    return d.value;
  });

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
          message: `${what}は 2024-04-01 や 令和6年4月1日 の形で入力してください`,
        });
        return z.NEVER;
      }
      return d.value;
    });

const optMatching = (max: number, test: (s: string) => boolean, message: string) =>
  optText(max).refine((v) => v === null || test(v), message);

export const groupFieldsSchema = z
  .object({
    name: required("団体名", 200),
    nameKana: required("団体名のフリガナ", 200).refine(
      isFullWidthKatakana,
      "フリガナは全角カタカナで入力してください（例: ヤマグチシミンカツドウネット）",
    ),
    legalForm: z.enum(LEGAL_FORMS, { error: "法人格を選んでください" }),
    fields: z
      .array(z.number().int().min(1).max(20), { error: "活動分野を選んでください" })
      .min(1, "活動分野を1つ以上選んでください")
      .transform((a) => [...new Set(a)].sort((x, y) => x - y)),
    area: optText(200),
    postalCode: optMatching(8, isPostalCode, "郵便番号は 123-4567 の形で入力してください"),
    address: optText(300),
    representative: optText(100),
    phone: optMatching(
      16,
      isJapanesePhone,
      "電話番号は 083-933-2573 や 090-1234-5678 の形で入力してください",
    ),
    email: optText(254).refine(
      (v) => v === null || z.email().safeParse(v).success,
      "メールアドレスは name@example.jp の形で入力してください",
    ),
    website: optText(500).refine(
      (v) => v === null || /^https?:\/\/[^\s/]+\.[^\s]+$/.test(v),
      "ホームページは https:// で始まるアドレスで入力してください",
    ),
    corporateNumber: optText(20).transform((v, ctx) => {
      if (v === null) return null;
      const r = validateCorporateNumber(v);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.reason });
        return z.NEVER;
      }
      return r.value;
    }),
    registeredOn: dateSchema("登録日"),
    leftOn: optDate("退会日"),
    isPublic: z.boolean(),
    publicFields: z.array(z.enum(OPTIONAL_PUBLIC_FIELDS, { error: "公開する項目が正しくありません" })),
    disclosures: z.array(z.enum(DISCLOSURE_DOCUMENTS, { error: "公開している書類が正しくありません" })),
    note: optText(2000),
  })
  .superRefine((g, ctx) => {
    if (g.leftOn && g.leftOn < g.registeredOn)
      ctx.addIssue({ code: "custom", path: ["leftOn"], message: "退会日は登録日より後の日付にしてください" });
    if (g.legalForm === "任意団体" && g.corporateNumber)
      ctx.addIssue({
        code: "custom",
        path: ["corporateNumber"],
        message: "任意団体には法人番号はありません（法人格を確認してください）",
      });
  });

export type GroupFields = z.output<typeof groupFieldsSchema>;
export type GroupFieldsInput = z.input<typeof groupFieldsSchema>;
export const versionSchema = z.number().int().min(1);
