import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePolicyOverview } from "./policy-overview.js";
import { referenceDoc, squash } from "./test-support.js";

const source = referenceDoc("pref-policy-overview-fy2010.txt");
const { doc, warnings } = parsePolicyOverview(source, { sourceName: "pref-policy-overview-fy2010.txt" });
const policy = doc.nodes[0]!;
const series = (name: string) => {
  const indicator = doc.indicators.find((i) => squash(i.name) === squash(name));
  assert.ok(indicator, `indicator ${name}`);
  return Object.fromEntries(indicator.values.map((v) => [v.fiscalYear, [v.target, v.actual]]));
};

describe("importing the prefecture's policy overview (PDF text)", () => {
  it("reads the heading as the title and its fiscal year FY2010", () => {
    assert.equal(doc.title, "平成22年度当初予算 施策別概要");
    assert.equal(doc.kind, "施策別概要");
    assert.equal(doc.firstYear, 2010);
    assert.equal(doc.lastYear, 2010);
    assert.deepEqual(doc.levelNames, ["施策", "基本事業"]);
  });

  it("makes policy 521 the root with its two basic projects and their departments", () => {
    assert.equal(doc.nodes.length, 1);
    assert.equal(policy.label, "521");
    assert.equal(
      squash(policy.title),
      "NPO(ボランティア団体・市民活動団体等)の参画による地域社会づくりの推進",
    );
    assert.deepEqual(
      policy.children.map((c) => [c.label, c.title, c.departments, c.level]),
      [
        ["52101", "NPOと行政との協働の推進", ["生活・文化部"], 1],
        ["52102", "県民の社会参画活動への支援", ["生活・文化部"], 1],
      ],
    );
    assert.deepEqual(policy.departments, ["生活・文化部"]);
    assert.deepEqual(doc.departments, ["生活・文化部"]);
  });

  it("keeps 主担当部 and the purpose (対象)/(意図) as attributes of the policy", () => {
    assert.equal(policy.attributes.主担当部, "生活・文化部");
    assert.equal(policy.attributes.対象, "NPOが");
    assert.equal(
      policy.attributes.意図,
      "ネットワークを形成し、他の主体とも協働しながら地域づくり活動を行っている",
    );
  });

  it("reads the main indicator with targets and actuals per year, absent years left empty", () => {
    const main = doc.indicators[0]!;
    assert.equal(main.role, "main");
    assert.equal(main.unit, "団体");
    assert.equal(main.nodeKey, policy.key);
    assert.equal(
      squash(main.definition ?? ""),
      "県が、地域の市民活動センターとも連携して把握している県内のNPOの数",
    );
    assert.deepEqual(series("NPO(ボランティア団体・市民活動団体等)の数"), {
      2006: [null, 1522],
      2007: [1600, 1576],
      2008: [1700, 1931],
      2009: [2040, null],
      2010: [2140, null],
    });
  });

  it("reads both sub indicators with their units", () => {
    assert.deepEqual(
      doc.indicators.map((i) => [i.role, i.unit]),
      [
        ["main", "団体"],
        ["sub", "事業"],
        ["sub", "人"],
      ],
    );
    assert.deepEqual(series("ふりかえり(検証)会議を行った協働事業数")[2008], [31, 28]);
    assert.deepEqual(series("ふりかえり(検証)会議コーディネーター(調整者)の人数")[2009], [46, null]);
    assert.ok(doc.indicators.slice(1).every((i) => i.definition === null));
  });

  it("puts the progress bullets and the year's direction into the FY2010 round on the policy", () => {
    assert.equal(doc.rounds.length, 1);
    const round = doc.rounds[0]!;
    assert.equal(round.fiscalYear, 2010);
    assert.equal(round.entries.length, 1);
    const entry = round.entries[0]!;
    assert.equal(entry.nodeKey, policy.key);
    assert.equal(entry.department, "生活・文化部");
    assert.deepEqual(
      entry.narrative.map((n) => squash(n.heading)),
      ["進捗状況(現状と課題)", "平成22年度の取組方向"],
    );
    const progress = entry.narrative[0]!.blocks;
    assert.equal(progress.length, 1);
    assert.equal(progress[0]!.type === "bullets" && progress[0]!.items.length, 6);
    assert.ok(
      progress[0]!.type === "bullets" && progress[0]!.items[0]!.startsWith("市町や社会福祉協議会等と連携し"),
    );
    const direction = entry.narrative[1]!.blocks;
    assert.equal(direction.length, 6);
    assert.ok(direction.every((b) => b.type === "paragraph"));
  });

  it("reads the six main projects with their basic project, budgets in thousand yen and summary", () => {
    assert.deepEqual(
      doc.budgets.map((b) => [b.name, b.nodeKey, b.amounts.map((a) => [a.fiscalYear, a.amount])]),
      [
        [
          "「新しい時代の公」協働推進事業",
          "52101",
          [
            [2009, 3011],
            [2010, 2612],
          ],
        ],
        [
          "NPO活動支援推進事業",
          "52102",
          [
            [2009, 6106],
            [2010, 6510],
          ],
        ],
        [
          "NPO活動支援緊急雇用創出事業",
          "52102",
          [
            [2009, 6429],
            [2010, 35274],
          ],
        ],
        [
          "NPO活動支援ふるさと雇用再生事業",
          "52102",
          [
            [2009, null],
            [2010, 50381],
          ],
        ],
        [
          "みえ県民交流センター指定管理事業",
          "52102",
          [
            [2009, 5256],
            [2010, 28410],
          ],
        ],
        [
          "みえ県民交流センター管理運営事業",
          "52102",
          [
            [2009, 54173],
            [2010, 32381],
          ],
        ],
      ],
    );
    assert.equal(doc.budgets[0]!.servesLabel, "52101 NPOと行政との協働の推進");
    assert.match(doc.budgets[5]!.summary ?? "", /^県民の自発的な社会貢献に関する活動を促進する/);
  });

  it("reports nothing it could not place", () => {
    assert.deepEqual(warnings, []);
  });

  it("reads the same indicators from the text laid out with spaces instead of tabs", () => {
    const spaced = parsePolicyOverview(source.replace(/\t/g, "   "), {
      sourceName: "pref-policy-overview-fy2010.txt",
    }).doc;
    assert.deepEqual(spaced.indicators, doc.indicators);
    assert.deepEqual(spaced.budgets, doc.budgets);
    assert.deepEqual(spaced.nodes, doc.nodes);
  });
});
