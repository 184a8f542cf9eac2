import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classify, readLines } from "./lines.js";
import { readPeriod, readRevisions } from "./narrative-facts.js";
import { emptyPlaced, fillSection, newSection } from "./sections.js";

const kindOf = (text: string) => classify(readLines(text)[0]!).kind;

describe("recognising what a line of PDF text is", () => {
  it("tells chapters, headings, bullets, notes, figures, sources, subheadings and page numbers apart", () => {
    assert.equal(kindOf("第１章 総論"), "chapter");
    assert.equal(kindOf("第十二章 附則"), "chapter");
    assert.equal(kindOf("(1) 情報発信と普及啓発"), "heading");
    assert.equal(kindOf("（２）参加促進"), "heading");
    assert.equal(kindOf("- 県民活動の推進"), "bullet");
    assert.equal(kindOf("・県民活動の推進"), "bullet");
    assert.equal(kindOf("- ・ 市町と連携しています。"), "bullet");
    assert.equal(kindOf("(※) コミュニティ型のWebサイト"), "note");
    assert.equal(kindOf("〔協働する際の課題〕（複数回答）"), "figure");
    assert.equal(kindOf("(県民生活課資料) (年度末)"), "source");
    assert.equal(kindOf("《 市町 》"), "subheading");
    assert.equal(kindOf("- 12 -"), "page");
    assert.equal(kindOf("目 次"), "toc");
    assert.equal(kindOf("\tH20\tH21"), "row");
  });

  it("does not take a numbered sentence for a heading", () => {
    assert.equal(kindOf("1 この計画は条例に基づき策定したものです。"), "paragraph");
    assert.equal(kindOf("5万人を超える県民ボランティアが活躍しました"), "paragraph");
  });

  it("removes the letter spacing of PDF text but keeps the cells of a row", () => {
    const [line] = readLines("N P O (団体) の数\t目標値\t1,600団体");
    assert.deepEqual(line!.cells?.slice(1), ["目標値", "1,600団体"]);
    assert.equal(readLines("平成 2 2 年度")[0]!.text, "平成22年度");
  });

  it("reads a table laid out with spaces (pdftotext -layout) as rows of three cells or more", () => {
    const [head, target, actual, heading, prose, centred] = readLines(
      [
        "施策目標項目 (主指標)      H18年度   H19年度",
        "N P O の数   目標値   -   1,600団体",
        "             実績値   1,522団体   1,576団体",
        "第1章  総論",
        "県民活動とは、 地域の  担い手です。",
        "                第2章   県民活動の定義",
      ].join("\n"),
    );
    assert.deepEqual(head!.cells, ["施策目標項目 (主指標)", "H18年度", "H19年度"]);
    assert.deepEqual(target!.cells, ["NPOの数", "目標値", "-", "1,600団体"]);
    // an indented row starts with an empty cell, as one starting with a tab does
    assert.deepEqual(actual!.cells, ["", "実績値", "1,522団体", "1,576団体"]);
    // two parts are a heading or a sentence, not a row (an indented one too: a centred heading)
    assert.equal(heading!.cells, null);
    assert.equal(classify(heading!).kind, "chapter");
    assert.equal(prose!.cells, null);
    assert.equal(classify(centred!).kind, "chapter");
  });
});

describe("reading facts from the narrative", () => {
  const placedOf = (text: string) => {
    const placed = emptyPlaced();
    fillSection(newSection("第1章", "総論"), readLines(text), placed);
    return placed;
  };

  it("reads a period written in Western years or in 令和", () => {
    assert.deepEqual(readPeriod(placedOf("計画期間は、2024年度から2028年度までの5年間です。")), {
      firstYear: 2024,
      lastYear: 2028,
      line: 1,
    });
    assert.equal(readPeriod(placedOf("令和3年度～令和7年度までを期間とします。"))?.lastYear, 2025);
    assert.equal(readPeriod(placedOf("期間の定めはありません。")), null);
  });

  it("resolves a ditto mark to the same part of the line above, and leaves dates in sentences alone", () => {
    const text = [
      "令和元年5月 推進計画策定（計画期間：令和元～5年度）",
      "令和6年3月 推進計画改定（ 〃 : 令和6～10年度）",
      "令和2年4月に条例を制定しました。",
    ].join("\n");
    assert.deepEqual(
      readRevisions(placedOf(text)).map((r) => [r.kind, r.month, r.note]),
      [
        ["策定", "2019-05", "計画期間：令和元～5年度"],
        ["改定", "2024-03", "計画期間：令和6～10年度"],
      ],
    );
  });
});
