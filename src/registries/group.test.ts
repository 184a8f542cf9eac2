import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  ACTIVITY_FIELDS,
  activeAtFiscalYearEnd,
  activityFieldLabel,
  auditSnapshot,
  duplicateMessage,
  findDuplicate,
  type Group,
  isFullWidthKatakana,
  isJapanesePhone,
  isPostalCode,
  LEGAL_FORMS,
  neutraliseCell,
  sortByKana,
  tallyByField,
  tallyByLegalForm,
  toPublicGroup,
} from "./group.js";
import { groupFieldsSchema } from "./group-input.js";
import { coordinatorsInYear, formatBudget, type Project, projectHistory } from "./project.js";

const group = (over: Partial<Group> = {}): Group => ({
  id: "00000000-0000-4000-8000-000000000001",
  orgId: "org",
  name: "やまぐち子ども劇場",
  nameKana: "ヤマグチコドモゲキジョウ",
  legalForm: "NPO法人",
  fields: [13],
  area: "山口市",
  postalCode: "753-0001",
  address: "山口市滝町1-1",
  representative: "山田 花子",
  phone: "083-933-2573",
  email: "info@example.jp",
  website: "https://example.jp",
  corporateNumber: null,
  registeredOn: "2020-04-01",
  leftOn: null,
  isPublic: true,
  publicFields: ["area", "website"],
  disclosures: ["定款"],
  note: null,
  anonymisedAt: null,
  version: 1,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...over,
});

describe("the fields of activity of the NPO law", () => {
  it("lists the 20 fields of 別表 in their legal order", () => {
    assert.equal(ACTIVITY_FIELDS.length, 20);
    assert.equal(activityFieldLabel(1), "保健、医療又は福祉の増進を図る活動");
    assert.equal(activityFieldLabel(4), "観光の振興を図る活動");
    assert.equal(activityFieldLabel(13), "子どもの健全育成を図る活動");
    assert.equal(
      activityFieldLabel(20),
      "前各号で掲げる活動に準ずる活動として都道府県又は指定都市の条例で定める活動",
    );
    assert.equal(activityFieldLabel(21), null);
    assert.equal(new Set(ACTIVITY_FIELDS).size, 20);
  });
});

describe("checking what a clerk typed", () => {
  it("accepts full-width katakana readings and refuses hiragana, kanji or half-width kana", () => {
    assert.ok(isFullWidthKatakana("ヤマグチ・エヌピーオーセンター"));
    assert.ok(!isFullWidthKatakana("やまぐち"));
    assert.ok(!isFullWidthKatakana("山口"));
    assert.ok(!isFullWidthKatakana("ﾔﾏｸﾞﾁ"));
  });

  it("accepts postal codes written 123-4567 only", () => {
    assert.ok(isPostalCode("753-0001"));
    for (const bad of ["7530001", "753-001", "７５３-０００１", "753 0001"])
      assert.ok(!isPostalCode(bad), bad);
  });

  it("accepts fixed, mobile and free-dial numbers and refuses wrong lengths", () => {
    for (const good of [
      "083-933-2573",
      "0839332573",
      "03-1234-5678",
      "090-1234-5678",
      "0120-123-456",
      "0800-123-4567",
    ])
      assert.ok(isJapanesePhone(good), good);
    for (const bad of ["083-933-257", "090-1234-567", "1234567890", "083--933-2573", "tel:0839332573"])
      assert.ok(!isJapanesePhone(bad), bad);
  });

  it("reads a whole group form and explains each problem in Japanese", () => {
    const r = groupFieldsSchema.safeParse({
      name: "",
      nameKana: "やまぐち",
      legalForm: "NPO法人",
      fields: [],
      postalCode: "7530001",
      phone: "12345",
      email: "not-mail",
      website: "example.jp",
      corporateNumber: "1000012050002",
      registeredOn: "いつか",
      isPublic: false,
      publicFields: [],
      disclosures: [],
    });
    assert.ok(!r.success);
    const fields = new Set(r.error.issues.map((i) => i.path[0]));
    for (const f of [
      "name",
      "nameKana",
      "fields",
      "postalCode",
      "phone",
      "email",
      "website",
      "corporateNumber",
      "registeredOn",
    ])
      assert.ok(fields.has(f), f);
    assert.ok(r.error.issues.every((i) => /[ぁ-んァ-ン一-龠]/.test(i.message)));
  });

  it("checks the 法人番号 check digit through the kernel and accepts a correct one", () => {
    const base = {
      name: "A",
      nameKana: "エー",
      legalForm: "NPO法人",
      fields: [1],
      registeredOn: "令和6年4月1日",
      isPublic: false,
      publicFields: [],
      disclosures: [],
    };
    const ok = groupFieldsSchema.safeParse({ ...base, corporateNumber: "７００００１２０５０００２" });
    assert.ok(ok.success);
    assert.equal(ok.data.corporateNumber, "7000012050002");
    assert.equal(ok.data.registeredOn, "2024-04-01");
    assert.ok(!groupFieldsSchema.safeParse({ ...base, corporateNumber: "7000012050003" }).success);
  });

  it("refuses a leaving date before the registration date", () => {
    const r = groupFieldsSchema.safeParse({
      name: "A",
      nameKana: "エー",
      legalForm: "任意団体",
      fields: [1],
      registeredOn: "2024-04-01",
      leftOn: "2024-03-31",
      isPublic: false,
      publicFields: [],
      disclosures: [],
    });
    assert.ok(!r.success);
    assert.deepEqual(r.error.issues[0]?.path, ["leftOn"]);
  });
});

describe("finding a group registered twice", () => {
  const existing = [
    { id: "1", name: "ＮＰＯ法人　やまぐち子ども劇場", nameKana: "ヤマグチコドモゲキジョウ" },
  ];

  it("treats names differing only in width, spaces or kana script as the same group, and names it", () => {
    const d = findDuplicate({ name: "NPO法人やまぐち子ども劇場", nameKana: "ベツ" }, existing);
    assert.equal(d?.by, "name");
    assert.match(
      duplicateMessage(d!),
      /「ＮＰＯ法人　やまぐち子ども劇場」（ヤマグチコドモゲキジョウ）がすでに登録されています/,
    );
  });

  it("treats the same kana as the same group and ignores the group being edited", () => {
    assert.equal(
      findDuplicate({ name: "別名", nameKana: "ヤマグチ コドモゲキジョウ" }, existing)?.by,
      "nameKana",
    );
    assert.equal(
      findDuplicate(
        { name: "NPO法人やまぐち子ども劇場", nameKana: "ヤマグチコドモゲキジョウ" },
        existing,
        "1",
      ),
      null,
    );
  });
});

describe("counting groups at the end of a fiscal year", () => {
  it("counts a group registered on 31 March and not one registered on 1 April", () => {
    assert.ok(activeAtFiscalYearEnd({ registeredOn: "2025-03-31", leftOn: null }, 2024));
    assert.ok(!activeAtFiscalYearEnd({ registeredOn: "2025-04-01", leftOn: null }, 2024));
  });

  it("no longer counts a group that left on or before 31 March, but counts it in earlier years", () => {
    assert.ok(!activeAtFiscalYearEnd({ registeredOn: "2020-04-01", leftOn: "2025-03-31" }, 2024));
    assert.ok(activeAtFiscalYearEnd({ registeredOn: "2020-04-01", leftOn: "2025-04-01" }, 2024));
    assert.ok(activeAtFiscalYearEnd({ registeredOn: "2020-04-01", leftOn: "2025-03-31" }, 2023));
  });

  it("never counts a group in a year before it registered or after it left (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2040 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 3000 }),
        (fy, a, b) => {
          const day = (n: number) =>
            new Date(Date.UTC(2000, 0, 1) + n * 86_400_000 * 5).toISOString().slice(0, 10);
          const g = { registeredOn: day(a), leftOn: day(a + b) };
          const end = `${fy + 1}-03-31`;
          return activeAtFiscalYearEnd(g, fy) === (g.registeredOn <= end && g.leftOn > end);
        },
      ),
    );
  });
});

describe("the public directory and open data", () => {
  it("shows only the fields a group chose, never the representative's contact unless chosen", () => {
    const p = toPublicGroup(group())!;
    assert.equal(p.area, "山口市");
    assert.equal(p.website, "https://example.jp");
    for (const k of ["representative", "phone", "email", "address", "postalCode"]) assert.ok(!(k in p), k);
    assert.equal(toPublicGroup(group({ isPublic: false })), null);
    assert.equal(toPublicGroup(group({ leftOn: "2024-01-01" })), null);
  });

  it("keeps no personal value in the audit trail", () => {
    const s = JSON.stringify(auditSnapshot(group()));
    for (const v of ["山田 花子", "083-933-2573", "info@example.jp", "山口市滝町1-1", "753-0001"])
      assert.ok(!s.includes(v), v);
    assert.match(s, /やまぐち子ども劇場/);
  });

  it("neutralises cells that a spreadsheet would run as formulas", () => {
    assert.equal(neutraliseCell('=HYPERLINK("x")'), '\'=HYPERLINK("x")');
    assert.equal(neutraliseCell("+81"), "'+81");
    assert.equal(neutraliseCell("-1"), "'-1");
    assert.equal(neutraliseCell("@SUM(A1)"), "'@SUM(A1)");
    assert.equal(neutraliseCell("山口"), "山口");
  });

  it("sorts groups in 五十音 order of their reading, not by code point of the name", () => {
    const sorted = sortByKana([
      { name: "和", nameKana: "ワ" },
      { name: "が", nameKana: "ガッコウ" },
      { name: "あ", nameKana: "アイ" },
      { name: "か", nameKana: "カキ" },
    ]);
    assert.deepEqual(
      sorted.map((g) => g.nameKana),
      ["アイ", "カキ", "ガッコウ", "ワ"],
    );
  });
});

describe("collaboration projects", () => {
  const p = (fy: number, title: string, departmentId: string | null = "d1"): Project => ({
    id: `${fy}${title}`,
    orgId: "o",
    title,
    departmentId,
    partnerGroupIds: [],
    form: "委託",
    fiscalYear: fy,
    budget: null,
    planNodeIds: [],
    summary: null,
    outcome: null,
    version: 1,
    createdAt: new Date(),
    updatedAt: new Date(),
  });

  it("shows the same project across years by its title, oldest first", () => {
    const all = [
      p(2025, "協働フォーラム"),
      p(2023, "協働フォーラム"),
      p(2024, "別事業"),
      p(2024, "協働　フォーラム"),
    ];
    assert.deepEqual(
      projectHistory(all, all[0]!).map((x) => x.fiscalYear),
      [2023, 2024, 2025],
    );
  });

  it("counts each coordinator once within the fiscal year of the meeting", () => {
    const names = coordinatorsInYear(
      [
        { heldOn: "2024-04-01", coordinator: "佐藤 一郎" },
        { heldOn: "2025-03-31", coordinator: "佐藤　一郎" },
        { heldOn: "2025-04-01", coordinator: "鈴木" },
        { heldOn: "2024-06-01", coordinator: null },
      ],
      2024,
    );
    assert.deepEqual(names, ["佐藤 一郎"]);
  });

  it("writes budgets in thousand yen", () => {
    assert.equal(formatBudget(3011), "3,011千円");
    assert.equal(formatBudget(null), "—");
  });
});

describe("counts by legal form and by field", () => {
  it("lists every legal form in order with zeros, leaving out unknown stored forms", () => {
    const t = tallyByLegalForm([
      { legalForm: "任意団体", count: 3 },
      { legalForm: "NPO法人", count: 2 },
      { legalForm: "昔の区分", count: 9 },
    ]);
    assert.equal(t.length, LEGAL_FORMS.length);
    assert.deepEqual(t[0], { legalForm: "NPO法人", count: 2 });
    assert.equal(t.find((r) => r.legalForm === "任意団体")?.count, 3);
    assert.equal(
      t.reduce((s, r) => s + r.count, 0),
      5,
    );
  });

  it("counts a group once per field even when a field is listed twice, and ignores numbers outside 1–20", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -2, max: 23 }), { maxLength: 6 }), { maxLength: 20 }),
        (gs) => {
          const t = tallyByField(gs);
          assert.equal(t.length, 20);
          for (const row of t) assert.equal(row.count, gs.filter((g) => g.includes(row.field)).length);
        },
      ),
    );
  });
});
