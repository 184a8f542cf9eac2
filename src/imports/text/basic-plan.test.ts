import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { despacePdfText, splitLeadingNumbering } from "../../japanese/index.js";
import { parseBasicPlan } from "./basic-plan.js";
import { documentText, flatten, referenceDoc, squash } from "./test-support.js";

const source = referenceDoc("pref-basic-plan-2013.txt");
const { doc, warnings } = parseBasicPlan(source, { sourceName: "pref-basic-plan-2013.txt" });
const goal = doc.nodes[0]!;
const policies = goal.children;
const items = flatten(doc.nodes).filter((n) => n.kind === "item");

describe("importing the prefecture's basic plan (PDF text)", () => {
  it("reads the cover: title, edition, draft mark, issued month and issuing body", () => {
    assert.equal(doc.title, "山口県県民活動促進基本計画");
    assert.equal(doc.kind, "基本計画");
    assert.equal(doc.termLabel, "第2次改定版");
    assert.equal(doc.subtitle, "(骨子案)");
    assert.equal(doc.issuedLabel, "平成25年3月");
    assert.equal(doc.issuer, "山口県");
    assert.equal(doc.source.name, "pref-basic-plan-2013.txt");
  });

  it("skips the table of contents and keeps the six chapters with their titles", () => {
    assert.deepEqual(
      doc.sections.map((s) => `${s.label} ${s.heading}`),
      [
        "第1章 基本計画改定の背景と趣旨",
        "第2章 県民活動の定義と役割等",
        "第3章 県民活動の現状と課題",
        "第4章 基本目標と施策の基本方針",
        "第5章 施策の展開方向",
        "第6章 基本計画の推進",
      ],
    );
    assert.deepEqual(
      doc.sections[0]!.children.map((s) => s.label),
      ["1", "2", "3", "4", "5", "6"],
      "chapter 1 has its six sections once, not the contents' copy",
    );
  });

  it("reads the plan period H25–H29 from its sentence", () => {
    assert.equal(doc.firstYear, 2013);
    assert.equal(doc.lastYear, 2017);
  });

  it("reads the revision history, resolving the ditto marks 〃 from the line above", () => {
    assert.deepEqual(
      doc.revisions.map((r) => [r.kind, r.month, r.note]),
      [
        ["条例制定", "2002-03", null],
        ["策定", "2003-03", "計画期間：平成15～19年度"],
        ["改定", "2008-03", "計画期間：平成20～22年度"],
        ["延長", "2011-03", "計画期間：平成20～24年度"],
      ],
    );
    assert.match(doc.revisions[3]!.label, /^平成23年3月 基本計画延長/);
  });

  it("names the tree levels in the document's own words", () => {
    assert.deepEqual(doc.levelNames, ["基本目標", "施策の基本方針", "施策の展開方向", "具体的な取組"]);
  });

  it("makes the goal sentence the root and the four policies I–IV its children with their descriptions", () => {
    assert.equal(doc.nodes.length, 1);
    assert.equal(goal.level, 0);
    assert.equal(
      goal.title,
      "県民誰もが県民活動に参加し、一人ひとりが生き生きと輝き、ともに支え合う、元気で魅力あふれる地域づくり",
    );
    assert.deepEqual(
      policies.map((p) => `${p.label} ${p.title}`),
      [
        "I 県民活動への理解と参加の促進",
        "II 県民活動団体の自立・持続的発展に向けた環境づくり",
        "III 県民活動団体と多様な主体との協働の推進",
        "IV 「県民力」、「地域力」の向上に向けた県民活動の一層の促進",
      ],
    );
    assert.ok(policies.every((p) => p.level === 1 && p.kind === "category"));
    assert.match(policies[0]!.content ?? "", /^県民誰もが県民活動へ参加できるようにするためには/);
    assert.match(policies[3]!.content ?? "", /県民活動を一層促進していきます。$/);
  });

  it("puts 4, 8, 5 and 4 directions under the policies, each with its description", () => {
    assert.deepEqual(
      policies.map((p) => p.children.length),
      [4, 8, 5, 4],
    );
    const first = policies[0]!.children[0]!;
    assert.equal(first.label, "(1)");
    assert.equal(first.title, "情報発信と普及啓発");
    assert.equal(first.level, 2);
    assert.match(first.content ?? "", /^県民活動に関する情報を様々な手段・場を活用して/);
    assert.equal(policies[1]!.children[6]!.title, "NPO法改正への対応と認定NPOへの移行促進");
    assert.ok(policies.flatMap((p) => p.children).every((d) => d.content !== null));
  });

  it("keeps the chapter-5 heading of a policy when it is worded differently from chapter 4", () => {
    assert.equal(policies[0]!.attributes.施策の展開方向での見出し, "1 県民活動への理解と参加促進");
  });

  it("turns every bullet of 具体的な取組 into an unnumbered item, first to last", () => {
    assert.equal(items.length, 60);
    assert.ok(items.every((i) => i.level === 3 && i.label === null && i.children.length === 0));
    assert.equal(items[0]!.title, "県民活動促進期間（毎年10・11月）における重点的な普及啓発活動の推進");
    assert.equal(
      items.at(-1)!.title,
      "県民一斉環境美化活動促進期間の設定と自主的な環境美化活動への支援の強化",
    );
  });

  it("keeps the audience prefix of an action in its title", () => {
    const directions = policies[0]!.children[1]!;
    assert.deepEqual(
      directions.children.map((c) => /^[(（]([^)）]+)[)）]/.exec(c.title)?.[1]),
      ["児童・生徒", "大学生・若者", "中堅世代", "シニア世代"],
    );
  });

  it("attaches each footnote (※) to the node that carries the mark", () => {
    const sns = policies[0]!.children[1]!.children[1]!;
    assert.match(sns.attributes.注 ?? "", /コミュニティ型のWebサイト/);
    const business = policies[1]!.children[4]!;
    assert.match(business.attributes.注 ?? "", /ソーシャル・ビジネスの一部/);
    const multi = policies[2]!.children[4]!.children[1]!;
    assert.match(multi.attributes.注 ?? "", /対話と合意形成/);
  });

  it("reads the statistics table (H20–H23) as actuals with its source note", () => {
    assert.deepEqual(
      doc.indicators.map((i) => [i.role, i.name, i.values.map((v) => [v.fiscalYear, v.target, v.actual])]),
      [
        [
          "statistic",
          "県・市町活動支援センター登録団体数",
          [
            [2008, null, 2097],
            [2009, null, 2132],
            [2010, null, 2112],
            [2011, null, 2211],
          ],
        ],
        [
          "statistic",
          "NPO法人数",
          [
            [2008, null, 330],
            [2009, null, 354],
            [2010, null, 376],
            [2011, null, 386],
          ],
        ],
      ],
    );
    assert.ok(doc.indicators.every((i) => i.sourceNote === "(県民生活課資料) (年度末)" && i.unit === null));
  });

  it("keeps tables, lost figures, notes and subheadings in the narrative", () => {
    const definitions = doc.sections[1]!.children[0]!.children[0]!;
    const table = definitions.blocks.find((b) => b.type === "table");
    assert.deepEqual(table?.type === "table" && table.header, ["活動の種類", "特徴等"]);
    assert.equal(table?.type === "table" && table.rows.length, 3);
    const situation = doc.sections[2]!.children[0]!;
    const figures = [situation, ...situation.children].flatMap((s) =>
      s.blocks.flatMap((b) => (b.type === "figure" ? [b.caption] : [])),
    );
    assert.deepEqual(figures.slice(0, 2), [
      "〔県民活動への参加状況（年齢別）〕",
      "〔県民活動に参加できない理由〕",
    ]);
    assert.equal(figures.length, 6);
    const roles = doc.sections[1]!.children[2]!.children[1]!;
    assert.deepEqual(
      roles.children.map((c) => squash(c.heading)),
      ["《県》", "《市町》"],
    );
  });

  it("holds every line of the source outside the table of contents", () => {
    const lines = source.split("\n");
    const tocStart = lines.findIndex((l) => /^目\s*次$/.test(l.trim()));
    const firstChapter = lines.findIndex((l, i) => i > tocStart && /^第\s*\d+\s*章/.test(l.trim()));
    const bodyStart = lines.findIndex((l, i) => i > firstChapter && l.trim() === lines[firstChapter]!.trim());
    assert.ok(tocStart > 0 && bodyStart > tocStart);
    const text = squash(documentText(doc));
    const missing: string[] = [];
    lines.forEach((line, i) => {
      if (i >= tocStart && i < bodyStart) return;
      for (const cell of line.split("\t")) {
        let t = despacePdfText(cell).trim();
        t = t.replace(/^(?:-\s+)?(?:・\s*)?/, "").replace(/^第\s*\d+\s*章\s*/, "");
        t = splitLeadingNumbering(t).rest;
        if (t !== "" && !text.includes(squash(t))) missing.push(`${i + 1}: ${t}`);
      }
    });
    assert.deepEqual(missing, []);
  });

  it("reports nothing it could not place", () => {
    assert.deepEqual(warnings, []);
  });
});
