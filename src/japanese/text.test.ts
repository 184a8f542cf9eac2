import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { despacePdfText, matchKey, normalizeForSearch } from "./text.js";

const toFullWidth = (s: string): string =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe("despacePdfText", () => {
  it("removes the spacing of the issue", () => {
    assert.equal(despacePdfText("5 2 1 N P O (ボランティア団体"), "521 NPO (ボランティア団体");
    assert.equal(despacePdfText("平成 2 2 年度"), "平成22年度");
  });

  it("cleans the lines of the FY2010 policy overview", () => {
    const cases: [string, string][] = [
      ["平成 2 2 年度当初予算 施策別概要", "平成22年度当初予算 施策別概要"],
      ["< 平成 2 2 年度の取組方向 >", "< 平成22年度の取組方向 >"],
      ["52101 N P O と行政との協働の推進 (生活・文化部)", "52101 NPOと行政との協働の推進 (生活・文化部)"],
      ["(対象) N P O が", "(対象) NPOが"],
      ["- ・ N P O は、社会サービス", "- ・ NPOは、社会サービス"],
      ["山 口 県", "山口県"],
      ["令和 5 年度", "令和5年度"],
    ];
    for (const [pdf, clean] of cases) assert.equal(despacePdfText(pdf), clean);
  });

  it("keeps spaces between real words", () => {
    for (const kept of [
      "1 基本計画策定の経緯",
      "ア 市民活動団体等の活動拠点の確保",
      "協働推進課 産業振興課",
      "(21) 3,011千円 (22) 2,612千円",
      "予算額：(21) - 千円 (22) 50,381千円",
      "ふりかえり (検証) 会議コーディネーター (調整者) の人数",
      "I 県民活動への理解と参加の促進",
      "H18年度\tH19年度\tH20年度",
      "第1章 基本計画改定の背景と趣旨",
    ]) {
      assert.equal(despacePdfText(kept), kept);
    }
  });

  it("only ever removes spaces", () => {
    const text = fc
      .array(
        fc.constantFrom(
          "平成",
          "2",
          "年度",
          "N",
          "P",
          "O",
          "と",
          "協働",
          " ",
          " ",
          "  ",
          "\t",
          "(",
          "1",
          "ア",
          "52101",
        ),
        { maxLength: 12 },
      )
      .map((a) => a.join(""));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (s) => {
        const out = despacePdfText(s);
        assert.equal(out.replace(/ /g, ""), s.replace(/ /g, ""));
        assert.equal(despacePdfText(out), out, "idempotent");
      }),
      { numRuns: 1000 },
    );
  });

  it("never joins words of two characters or more", () => {
    const word = fc.oneof(
      fc
        .array(fc.constantFrom(..."協働推進課産業振興"), { minLength: 2, maxLength: 5 })
        .map((a) => a.join("")),
      fc.array(fc.constantFrom(..."abcXYZ"), { minLength: 2, maxLength: 5 }).map((a) => a.join("")),
      fc.integer({ min: 10, max: 99999 }).map(String),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const s = words.join(" ");
        assert.equal(despacePdfText(s), s);
      }),
    );
  });
});

describe("normalizeForSearch", () => {
  it("folds width, case, kana and long-vowel variants", () => {
    assert.equal(normalizeForSearch("ＮＰＯ法人　ｺｰﾃﾞｨﾈｰﾀｰ"), "npo法人 コーディネーター");
    assert.equal(normalizeForSearch("コーディネータ―"), normalizeForSearch("コーディネーター"));
    assert.equal(normalizeForSearch("ぼらんてぃあ"), normalizeForSearch("ボランティア"));
    assert.equal(normalizeForSearch("N P O と行政"), normalizeForSearch("NPOと行政"));
    assert.equal(normalizeForSearch("ア〜オ"), "ア~オ");
    assert.equal(normalizeForSearch("  協働\n\t推進 "), "協働 推進");
  });

  it("finds full-width text with a half-width query", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abcXYZ019-()%") }), (ascii) => {
        assert.equal(normalizeForSearch(toFullWidth(ascii)), normalizeForSearch(ascii));
      }),
    );
  });

  it("is idempotent, so stored and query text meet", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" })), (s) => {
        const once = normalizeForSearch(s);
        assert.equal(normalizeForSearch(once), once);
      }),
      { numRuns: 1000 },
    );
  });

  it("matches names whatever their spacing", () => {
    assert.equal(matchKey("協働推進課 "), matchKey("協働　推進課"));
    assert.notEqual(matchKey("協働推進課"), matchKey("産業振興課"));
  });
});
