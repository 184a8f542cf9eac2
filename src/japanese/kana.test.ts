import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { AIUEO, compareKana, detectKanaOrder, IROHA, kanaIndex, kanaOrderKey } from "./kana.js";

const BASIC_HIRAGANA = [
  ..."あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん",
];

describe("kana label sequences", () => {
  it("holds the 五十音 and いろは sequences", () => {
    assert.equal(AIUEO.length, 46);
    assert.equal(IROHA.length, 48);
    assert.deepEqual(IROHA.slice(0, 7), ["イ", "ロ", "ハ", "ニ", "ホ", "ヘ", "ト"]);
    assert.equal(new Set(IROHA).size, IROHA.length);
    assert.equal(kanaIndex("ウ", "aiueo"), 3);
    assert.equal(kanaIndex("ハ", "iroha"), 3);
    assert.equal(kanaIndex("ｳ", "aiueo"), 3);
    assert.equal(kanaIndex("ヰ", "aiueo"), null);
  });

  it("detects the sequence from the labels in print order", () => {
    assert.equal(detectKanaOrder(["ア", "イ", "ウ", "エ", "オ"]), "aiueo");
    assert.equal(detectKanaOrder(["イ", "ロ", "ハ", "ニ"]), "iroha");
    assert.equal(detectKanaOrder(["イ", "ロ"]), "iroha");
    assert.equal(detectKanaOrder(["ア", "イ"]), "aiueo");
    // A list whose first label is イ reads as いろは: a 五十音 list would start at ア.
    assert.equal(detectKanaOrder(["イ"]), "iroha");
    assert.equal(detectKanaOrder(["ロ", "ハ"]), "iroha");
    assert.equal(detectKanaOrder(["ヰ"]), "iroha");
    assert.equal(detectKanaOrder([]), "aiueo");
  });

  it("detects the sequence of any run of consecutive labels of length two or more", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("aiueo" as const, "iroha" as const),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 2, max: 6 }),
        (order, start, len) => {
          const seq = (order === "aiueo" ? AIUEO : IROHA).slice(start, start + len);
          fc.pre(seq.length >= 2);
          // Some short runs read consecutively in both sequences; only then may the default win.
          const other = order === "aiueo" ? IROHA : AIUEO;
          const bothConsecutive = seq.every(
            (k, i) => i === 0 || other.indexOf(k) === other.indexOf(seq[i - 1]!) + 1,
          );
          if (!bothConsecutive) assert.equal(detectKanaOrder(seq), order, seq.join(""));
        },
      ),
    );
  });
});

describe("五十音 order of readings", () => {
  it("sorts readings as a dictionary does", () => {
    const sorted = [
      "さくら",
      "カキ",
      "あい",
      "がっこう",
      "かき",
      "かっこう",
      "アイ",
      "きゃく",
      "きやく",
      "カード",
      "かあど",
    ].sort(compareKana);
    assert.deepEqual(sorted, [
      "あい",
      "アイ",
      "かあど",
      "カード",
      "かき",
      "カキ",
      "かっこう",
      "がっこう",
      "きゃく",
      "きやく",
      "さくら",
    ]);
  });

  it("folds half-width kana", () => {
    assert.equal(kanaOrderKey("ｶﾞｯｺｳ"), kanaOrderKey("ガッコウ"));
  });

  it("is a total order", () => {
    const reading = fc
      .array(fc.constantFrom(..."あがぱゃやーアガッツつカｶ漢A1".split("")), { maxLength: 5 })
      .map((a) => a.join(""));
    fc.assert(
      fc.property(reading, reading, reading, (a, b, c) => {
        assert.ok(Math.sign(compareKana(a, b)) === -Math.sign(compareKana(b, a)));
        assert.equal(compareKana(a, b) === 0, a === b);
        if (compareKana(a, b) <= 0 && compareKana(b, c) <= 0) assert.ok(compareKana(a, c) <= 0);
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with Intl.Collator('ja') on plain hiragana", () => {
    const collator = new Intl.Collator("ja");
    const word = fc
      .array(fc.constantFrom(...BASIC_HIRAGANA), { minLength: 1, maxLength: 4 })
      .map((a) => a.join(""));
    fc.assert(
      fc.property(word, word, (a, b) => {
        assert.equal(Math.sign(compareKana(a, b)), Math.sign(collator.compare(a, b)), `${a} / ${b}`);
      }),
      { numRuns: 1000 },
    );
  });
});
