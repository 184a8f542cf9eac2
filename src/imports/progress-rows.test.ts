import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { detectStructure } from "./detect.js";
import { readPastedText } from "./grid.js";
import { parseHeaderRows, remapHeaderRows } from "./import-job.js";
import { type EntryValues, labelKey, planProgressImport, type RoundEntryForImport } from "./progress-rows.js";
import { progressTemplateRows } from "./progress-template.js";

const empty = (): EntryValues => ({
  statusLabel: null,
  grade: null,
  result: null,
  doText: null,
  checkText: null,
  issuesText: null,
  actText: null,
  nextTermLabel: null,
  nextTermReason: null,
});

const entry = (over: Partial<RoundEntryForImport>): RoundEntryForImport => ({
  entryId: `e-${over.nodeKey}-${over.departmentName ?? ""}`,
  nodeId: `n-${over.nodeKey}`,
  nodeKey: "k",
  label: null,
  title: "",
  departmentName: null,
  version: 1,
  values: empty(),
  editable: true,
  refusal: null,
  ...over,
});

const ENTRIES: RoundEntryForImport[] = [
  entry({ nodeKey: "a", label: "1", title: "活動拠点の確保", departmentName: "協働推進課" }),
  entry({ nodeKey: "b", label: "2", title: "中小企業との協働", departmentName: "産業振興課" }),
  entry({ nodeKey: "c", label: "3", title: "提案制度", departmentName: "協働推進課" }),
  entry({ nodeKey: "c", label: "3", title: "提案制度", departmentName: "産業振興課" }),
  entry({
    nodeKey: "d",
    label: "4",
    title: "職員研修",
    editable: false,
    refusal: "担当課ではない項目のため入力できません",
  }),
];

const CTX = {
  statusVocabulary: [
    { label: "済", canonical: "done" as const },
    { label: "着手中", canonical: "in_progress" as const },
    { label: "未", canonical: "not_started" as const },
  ],
  gradeVocabulary: [
    { label: "◎", definition: null },
    { label: "○", definition: null },
    { label: "△", definition: null },
    { label: "×", definition: null },
  ],
  fieldsAsked: ["status", "grade", "result"],
  entries: ENTRIES,
  fiscalYear: 2023,
};

function plan(tsv: string, ctx = CTX) {
  const grid = readPastedText(tsv);
  assert.ok(grid.ok);
  const detected = detectStructure(grid.value);
  assert.ok(detected.ok, detected.ok ? "" : detected.reason);
  return planProgressImport(grid.value.sheets[0]!, detected.value.mapping, ctx);
}

describe("matching pasted progress rows to a round's entries", () => {
  it("matches by number label ignoring width, lists the changed fields and keeps line breaks", () => {
    const out = plan('No\t担当課\t進捗状況\t評価\t実績\n１\t\t済\t◎\t"一行目\n二行目"\n2\t\t着手中\t\t');
    assert.deepEqual(out.problems, []);
    assert.equal(out.changes.length, 2);
    const first = out.changes[0]!;
    assert.equal(first.entryId, ENTRIES[0]!.entryId);
    assert.equal(first.values.result, "一行目\n二行目");
    assert.deepEqual(
      first.changes.map((c) => c.field),
      ["statusLabel", "grade", "result"],
    );
  });

  it("reads past the rows of other years when a 年度 column lists several (the open data)", () => {
    const out = plan("No\t年度\t進捗状況\n1\t2022\t着手中\n1\t令和5年度\t済\n2\tR4\t未\n2\t\t未");
    assert.deepEqual(out.problems, []);
    assert.deepEqual(
      out.changes.map((c) => [c.entryId, c.values.statusLabel]),
      [
        [ENTRIES[0]!.entryId, "済"],
        [ENTRIES[1]!.entryId, "未"],
      ],
    );
    assert.equal(out.rowCount, 2);
  });

  it("uses the item key column before the number, and names the department when an item has two entries", () => {
    const out = plan("項目キー\tNo\t担当課\t進捗状況\nc\t99\t産業振興課\t未\n\t3\t\t済");
    assert.equal(out.changes[0]?.entryId, ENTRIES[3]!.entryId);
    assert.equal(out.problems.length, 1);
    assert.match(
      out.problems[0]!.message,
      /^3行目「担当課」: この項目は複数の課（協働推進課・産業振興課）が報告します/,
    );
  });

  it("locates the example of the issue: a grade outside the plan's marks", () => {
    const out = plan("No\t内容\t評価\n1\t活動拠点の確保\t◯");
    assert.deepEqual(
      out.problems.map((p) => [p.row, p.column, p.field, p.message]),
      [[2, "C", "grade", "2行目「評価」: 「◯」はこの計画の評価区分（◎○△×）にありません"]],
    );
    assert.equal(out.changes.length, 0);
  });

  it("reports rows of items the actor may not edit, unknown numbers and duplicates", () => {
    const out = plan("No\t進捗状況\n4\t済\n7\t済\n2\t済\n２\t未");
    assert.deepEqual(
      out.problems.map((p) => p.message),
      [
        "2行目「No」: 担当課ではない項目のため入力できません",
        "3行目「No」: 「7」という番号の項目はこの回にありません",
        "5行目「No」: 同じ項目が4行目にもあります。1行にまとめてください",
      ],
    );
  });

  it("leaves out columns the round does not ask for and says so", () => {
    const out = plan("No\t進捗状況\t2期案\n1\t済\tⅡ");
    assert.deepEqual(out.notAsked, ["2期案"]);
    assert.deepEqual(
      out.changes[0]?.changes.map((c) => c.field),
      ["statusLabel"],
    );
  });

  it("asks for a number column and for something to enter", () => {
    const out = plan("内容\t進捗状況\n活動拠点の確保\t済");
    assert.match(out.problems[0]!.message, /「No」（番号）または「項目キー」の列が見つかりません/);
  });

  it("reads back its own template without a change (the department's round trip)", () => {
    const withValues = ENTRIES.map((e, i) => ({
      ...e,
      values: { ...empty(), statusLabel: i % 2 ? "済" : null, result: i % 2 ? "講座を3回\n開催" : null },
    }));
    const rows = progressTemplateRows(withValues, CTX.fieldsAsked);
    const tsv = rows
      .map((r) => r.map((c) => (/[\n\t"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join("\t"))
      .join("\n");
    const out = plan(tsv, { ...CTX, entries: withValues });
    assert.deepEqual(out.problems, []);
    assert.equal(out.changes.length, 0);
    assert.equal(out.unchanged.length, 4, "the four editable entries");
  });

  it("never throws on arbitrary pasted tables: every row is a change, unchanged or a located problem", () => {
    const cell = fc.oneof(
      fc.constantFrom("1", "2", "３", "4", "99", "済", "未", "◎", "◯", "", "協働推進課", "産業振興課"),
      fc.string({ maxLength: 12 }).map((s) => s.replace(/[\t\n\r"]/g, "")),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 12 }), (rows) => {
        const tsv = ["No\t担当課\t進捗状況\t評価", ...rows.map((r) => r.join("\t"))].join("\n");
        const grid = readPastedText(tsv);
        if (!grid.ok) return;
        const detected = detectStructure(grid.value);
        if (!detected.ok) return;
        const out = planProgressImport(grid.value.sheets[0]!, detected.value.mapping, CTX);
        for (const p of out.problems) assert.ok(p.message.length > 0);
        const ids = out.changes.map((c) => c.entryId);
        assert.equal(new Set(ids).size, ids.length, "an entry is changed at most once");
        assert.ok(out.changes.every((c) => ENTRIES.find((e) => e.entryId === c.entryId)?.editable));
      }),
      { numRuns: 200 },
    );
  });

  it("keys number labels by width and trailing dots", () => {
    assert.equal(labelKey("１．"), "1");
    assert.equal(labelKey(" 12 "), "12");
  });
});

describe("the header rows a user names", () => {
  it("reads 3, 3-4, ３〜４ and 3,4, and refuses three rows or words", () => {
    assert.deepEqual(parseHeaderRows("3"), [3]);
    assert.deepEqual(parseHeaderRows("3-4"), [3, 4]);
    assert.deepEqual(parseHeaderRows("３〜４行目"), [3, 4]);
    assert.deepEqual(parseHeaderRows("3,4"), [3, 4]);
    assert.deepEqual(parseHeaderRows(""), []);
    assert.equal(parseHeaderRows("2-4"), null);
    assert.equal(parseHeaderRows("見出し"), null);
  });

  it("detects the mapping again from the named rows, refusing rows outside the sheet or apart", () => {
    const grid = readPastedText("計画一覧\n\nNo\t内容\t進捗状況\n1\t公共施設\t済");
    assert.ok(grid.ok);
    const detected = detectStructure(grid.value);
    assert.ok(detected.ok);
    const again = remapHeaderRows(grid.value, detected.value.mapping, [3]);
    assert.ok(again.ok);
    assert.deepEqual(again.value.headerRows, [3]);
    assert.equal(again.value.fields.status, 2);
    assert.match(
      (remapHeaderRows(grid.value, detected.value.mapping, [1, 3]) as { reason: string }).reason,
      /続いた行/,
    );
    assert.match(
      (remapHeaderRows(grid.value, detected.value.mapping, [9]) as { reason: string }).reason,
      /1〜3行目/,
    );
  });
});
