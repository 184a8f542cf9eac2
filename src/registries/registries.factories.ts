/** Test data for the registries tests: a valid group form and project form. */
export function groupInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "やまぐち子ども劇場",
    nameKana: "ヤマグチコドモゲキジョウ",
    legalForm: "NPO法人",
    fields: [13, 6],
    area: "山口市",
    postalCode: "753-0001",
    address: "山口市滝町1-1",
    representative: "山田 花子",
    phone: "083-933-2573",
    email: "hanako@example.jp",
    website: "https://example.jp",
    corporateNumber: null,
    registeredOn: "2020-04-01",
    leftOn: null,
    isPublic: false,
    publicFields: [],
    disclosures: ["定款", "事業報告書"],
    note: null,
    ...over,
  };
}

export function projectInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "協働フォーラム開催事業",
    departmentId: null,
    partnerGroupIds: [],
    form: "委託",
    fiscalYear: 2024,
    budget: 3011,
    planNodeIds: [],
    summary: null,
    outcome: null,
    ...over,
  };
}
