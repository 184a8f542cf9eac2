/**
 * Civic groups (市民活動団体・NPO): vocabularies and pure rules. No I/O.
 */
import { compareKana, matchKey } from "../japanese/index.js";

/**
 * The 20 fields of activity of 特定非営利活動促進法（平成10年法律第7号）別表, as amended by 平成23年法律第70号
 * (in force 2012-04-01), numbered as the 別表 numbers them (号). Source: e-Gov 法令検索, 特定非営利活動促進法 別表;
 * 内閣府NPOホームページ「特定非営利活動の20分野」.
 */
export const ACTIVITY_FIELDS = [
  "保健、医療又は福祉の増進を図る活動",
  "社会教育の推進を図る活動",
  "まちづくりの推進を図る活動",
  "観光の振興を図る活動",
  "農山漁村又は中山間地域の振興を図る活動",
  "学術、文化、芸術又はスポーツの振興を図る活動",
  "環境の保全を図る活動",
  "災害救援活動",
  "地域安全活動",
  "人権の擁護又は平和の推進を図る活動",
  "国際協力の活動",
  "男女共同参画社会の形成の促進を図る活動",
  "子どもの健全育成を図る活動",
  "情報化社会の発展を図る活動",
  "科学技術の振興を図る活動",
  "経済活動の活性化を図る活動",
  "職業能力の開発又は雇用機会の拡充を支援する活動",
  "消費者の保護を図る活動",
  "前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助の活動",
  "前各号で掲げる活動に準ずる活動として都道府県又は指定都市の条例で定める活動",
] as const;

/** A field of activity by its 別表 number (1–20). */
export function activityFieldLabel(n: number): string | null {
  return ACTIVITY_FIELDS[n - 1] ?? null;
}

/** Legal forms (法人格) a group can have; 任意団体 = no legal personality. */
export const LEGAL_FORMS = [
  "NPO法人",
  "認定NPO法人",
  "特例認定NPO法人",
  "一般社団法人",
  "公益社団法人",
  "一般財団法人",
  "公益財団法人",
  "社会福祉法人",
  "認可地縁団体",
  "協同組合",
  "株式会社等",
  "任意団体",
  "その他",
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/**
 * Documents a group can have made public (情報公開). NPO法 §28 and §45 make 定款, 事業報告書, 活動計算書 (会計報告),
 * 役員名簿 public for NPO法人; other groups disclose what they choose.
 */
export const DISCLOSURE_DOCUMENTS = ["定款", "事業計画書", "事業報告書", "会計報告", "役員名簿"] as const;
export type DisclosureDocument = (typeof DISCLOSURE_DOCUMENTS)[number];

/** Fields a public group may choose to show in the public directory (name, kana, legal form and fields always show). */
export const OPTIONAL_PUBLIC_FIELDS = [
  "area",
  "postalCode",
  "address",
  "representative",
  "phone",
  "email",
  "website",
  "corporateNumber",
  "registeredOn",
] as const;
export type PublicField = (typeof OPTIONAL_PUBLIC_FIELDS)[number];

/** Personal fields cleared when a group leaves and asks to be forgotten (anonymiseGroup). */
export const PERSONAL_FIELDS = ["representative", "phone", "email", "postalCode", "address"] as const;

export type Group = {
  id: string;
  orgId: string;
  name: string;
  nameKana: string;
  legalForm: LegalForm;
  fields: number[];
  area: string | null;
  postalCode: string | null;
  address: string | null;
  representative: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  corporateNumber: string | null;
  registeredOn: string;
  leftOn: string | null;
  isPublic: boolean;
  publicFields: PublicField[];
  disclosures: DisclosureDocument[];
  note: string | null;
  anonymisedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

/** Full-width katakana (with ー, ・, full-width space and digits/Latin in NFKC-insensitive form). */
const KATAKANA = /^[\u30A0-\u30FF\u3000\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A（）・]+$/;
export function isFullWidthKatakana(s: string): boolean {
  return KATAKANA.test(s);
}

/** 郵便番号 as 123-4567 (half-width). */
export function isPostalCode(s: string): boolean {
  return /^\d{3}-\d{4}$/.test(s);
}

/**
 * Japanese phone numbers, hyphenated or not: fixed lines have 10 digits starting 0 (03-1234-5678,
 * 083-933-2573, 0820-22-1234), mobiles/IP 11 digits starting 050/070/080/090, free dial 0120-123-456 / 0800-123-4567.
 * Following 総務省「電気通信番号計画」: 10 digits for 固定, 11 for 携帯・IP.
 */
export function isJapanesePhone(s: string): boolean {
  if (!/^0[\d-]+$/.test(s) || /--|-$/.test(s)) return false;
  const digits = s.replace(/-/g, "");
  if (/^0(5|7|8|9)0/.test(digits)) return digits.length === 11;
  if (/^0120/.test(digits)) return digits.length === 10;
  if (/^0800/.test(digits)) return digits.length === 11;
  return digits.length === 10;
}

/** The key two group names are "the same" by: NFKC, case, width, hiragana/katakana and spaces ignored. */
export function duplicateKey(text: string): string {
  return matchKey(text);
}

export type DuplicateCandidate = { id: string; name: string; nameKana: string };

/** The existing group with the same normalised name or kana, if any (excluding `selfId` on edit). */
export function findDuplicate(
  input: { name: string; nameKana: string },
  existing: readonly DuplicateCandidate[],
  selfId?: string,
): { group: DuplicateCandidate; by: "name" | "nameKana" } | null {
  const nk = duplicateKey(input.name);
  const kk = duplicateKey(input.nameKana);
  for (const g of existing) {
    if (g.id === selfId) continue;
    if (duplicateKey(g.name) === nk) return { group: g, by: "name" };
    if (duplicateKey(g.nameKana) === kk) return { group: g, by: "nameKana" };
  }
  return null;
}

/** The Japanese message naming the existing group a new one duplicates. */
export function duplicateMessage(d: { group: DuplicateCandidate; by: "name" | "nameKana" }): string {
  return d.by === "name"
    ? `同じ名称の団体「${d.group.name}」（${d.group.nameKana}）がすでに登録されています`
    : `同じフリガナの団体「${d.group.name}」（${d.group.nameKana}）がすでに登録されています`;
}

/**
 * Whether a group counts at the end of a fiscal year (31 March of fy+1): registered on or before that day
 * and not left on or before it. A group that leaves on 31 March is no longer registered at the year's end.
 */
export function activeAtFiscalYearEnd(
  g: { registeredOn: string; leftOn: string | null },
  fy: number,
): boolean {
  const end = `${fy + 1}-03-31`;
  return g.registeredOn <= end && (g.leftOn === null || g.leftOn > end);
}

/** Groups in 五十音 order of their kana (then name). */
export function sortByKana<T extends { nameKana: string; name: string }>(groups: readonly T[]): T[] {
  return [...groups].sort((a, b) => compareKana(a.nameKana, b.nameKana) || (a.name < b.name ? -1 : 1));
}

/** What the public directory may show of a group: only public groups, only the fields they chose. */
export type PublicGroup = {
  id: string;
  name: string;
  nameKana: string;
  legalForm: string;
  fields: number[];
  disclosures: string[];
} & Partial<Record<PublicField, string | null>>;

export function toPublicGroup(g: Group): PublicGroup | null {
  if (!g.isPublic || g.leftOn !== null || g.anonymisedAt !== null) return null;
  const out: PublicGroup = {
    id: g.id,
    name: g.name,
    nameKana: g.nameKana,
    legalForm: g.legalForm,
    fields: g.fields,
    disclosures: g.disclosures,
  };
  for (const f of OPTIONAL_PUBLIC_FIELDS) if (g.publicFields.includes(f)) out[f] = g[f];
  return out;
}

/** One group's data as a person asked for it (開示請求 / data export): every stored field, JSON-ready. */
export function toGroupJson(g: Group) {
  return {
    id: g.id,
    name: g.name,
    nameKana: g.nameKana,
    legalForm: g.legalForm,
    fields: g.fields.map((n) => ({ number: n, label: activityFieldLabel(n) })),
    area: g.area,
    postalCode: g.postalCode,
    address: g.address,
    representative: g.representative,
    phone: g.phone,
    email: g.email,
    website: g.website,
    corporateNumber: g.corporateNumber,
    registeredOn: g.registeredOn,
    leftOn: g.leftOn,
    isPublic: g.isPublic,
    publicFields: g.publicFields,
    disclosures: g.disclosures,
    note: g.note,
    anonymisedAt: g.anonymisedAt?.toISOString() ?? null,
    updatedAt: g.updatedAt.toISOString(),
  };
}

/** The values personal fields take after anonymisation. */
export function anonymised(): Record<(typeof PERSONAL_FIELDS)[number], null> {
  return { representative: null, phone: null, email: null, postalCode: null, address: null };
}

/** The open-data ID of a group: its uuid without hyphens (半角英数字, unique within the body). */
export function openDataId(id: string): string {
  return id.replace(/-/g, "");
}

/** A spreadsheet cell made safe against formula injection (OWASP "CSV Injection"): = + - @ tab CR start → prefixed with '. */
export function neutraliseCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/**
 * What the audit trail keeps of a group: personal fields only as "recorded" / absent, so that anonymising a
 * group leaves no personal data behind in its history (個人情報保護法 §22: delete personal data no longer needed).
 */
export function auditSnapshot(g: Group): Record<string, unknown> {
  const out: Record<string, unknown> = { ...toGroupJson(g) };
  for (const f of PERSONAL_FIELDS) out[f] = g[f] === null ? null : "（記録あり）";
  return out;
}

/** Whether the actor is a civic group's own person (role `group`), not registry staff. */
export function actsForGroup(actor: object): boolean {
  return (actor as { role?: string }).role === "group";
}

/** Counts per legal form in LEGAL_FORMS order, every form listed (0 when none); unknown stored forms are left out. */
export function tallyByLegalForm(
  rows: readonly { legalForm: string; count: number }[],
): { legalForm: LegalForm; count: number }[] {
  const by = new Map(rows.map((r) => [r.legalForm, r.count]));
  return LEGAL_FORMS.map((legalForm) => ({ legalForm, count: by.get(legalForm) ?? 0 }));
}

/** Counts per field of activity (別表 1–20, all listed): a group counts once in each of its fields. */
export function tallyByField(
  groupsFields: readonly (readonly number[])[],
): { field: number; label: string; count: number }[] {
  const counts = new Array<number>(ACTIVITY_FIELDS.length).fill(0);
  for (const fields of groupsFields)
    for (const n of new Set(fields)) if (n >= 1 && n <= ACTIVITY_FIELDS.length) counts[n - 1]! += 1;
  return ACTIVITY_FIELDS.map((label, i) => ({ field: i + 1, label, count: counts[i]! }));
}
