import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { AIUEO, IROHA } from "./kana.js";
import {
  compareNumbering,
  type Numbering,
  type NumberingKind,
  numberingComparator,
  parseNumbering,
  splitLeadingNumbering,
} from "./numbering.js";

function parsed(label: string, kanaOrder?: "aiueo" | "iroha"): Numbering {
  const r = parseNumbering(label, kanaOrder ? { kanaOrder } : {});
  if (!r.ok) assert.fail(`${label}: ${r.reason}`);
  return r.value;
}

function kindValues(label: string, kanaOrder?: "aiueo" | "iroha"): [NumberingKind, readonly number[]] {
  const n = parsed(label, kanaOrder);
  return [n.kind, n.values];
}

const toFullWidth = (s: string): string =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function toRoman(n: number): string {
  const table: [number, string][] = [
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

const CIRCLED = [..."①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"];
const UNICODE_ROMAN = [..."ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"];

/** A generator of labels of every kind, as they are written. */
const anyLabel = fc.oneof(
  fc.integer({ min: 1, max: 9999 }).map(String),
  fc.integer({ min: 1, max: 9999 }).map((n) => toFullWidth(String(n))),
  fc.integer({ min: 1, max: 99 }).map((n) => `(${n})`),
  fc.integer({ min: 1, max: 99 }).map((n) => `（${toFullWidth(String(n))}）`),
  fc.integer({ min: 1, max: 99 }).map((n) => `${n})`),
  fc.constantFrom(...CIRCLED),
  fc.constantFrom(...UNICODE_ROMAN),
  fc.integer({ min: 1, max: 89 }).map(toRoman),
  fc.tuple(fc.constantFrom(...UNICODE_ROMAN), fc.constantFrom(...AIUEO)).map(([r, k]) => `${r}-${k}`),
  fc.constantFrom(...AIUEO),
  fc.constantFrom(...AIUEO).map((k) => `(${k})`),
  fc.integer({ min: 1, max: 30 }).map((n) => `第${n}章`),
  fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 4 }).map((a) => a.join("-")),
  fc.integer({ min: 10000, max: 999999 }).map(String),
);

describe("parseNumbering", () => {
  it("recognises every style of the issue and tells the levels apart", () => {
    assert.deepEqual(kindValues("I"), ["roman", [1]]);
    assert.deepEqual(kindValues("IV"), ["roman", [4]]);
    assert.deepEqual(kindValues("Ⅰ"), ["roman", [1]]);
    assert.deepEqual(kindValues("Ⅹ"), ["roman", [10]]);
    assert.deepEqual(kindValues("Ⅱ-ア"), ["roman-kana", [2, 1]]);
    assert.deepEqual(kindValues("Ⅱ－イ"), ["roman-kana", [2, 2]]);
    assert.deepEqual(kindValues("1"), ["arabic", [1]]);
    assert.deepEqual(kindValues("１"), ["arabic", [1]]);
    assert.deepEqual(kindValues("1."), ["arabic", [1]]);
    assert.deepEqual(kindValues("(1)"), ["paren-arabic", [1]]);
    assert.deepEqual(kindValues("（１）"), ["paren-arabic", [1]]);
    assert.deepEqual(kindValues("⑴"), ["paren-arabic", [1]]);
    assert.deepEqual(kindValues("1)"), ["rparen-arabic", [1]]);
    assert.deepEqual(kindValues("①"), ["circled", [1]]);
    assert.deepEqual(kindValues("⑳"), ["circled", [20]]);
    assert.deepEqual(kindValues("㊿"), ["circled", [50]]);
    assert.deepEqual(kindValues("ア"), ["kana-aiueo", [1]]);
    assert.deepEqual(kindValues("ｳ"), ["kana-aiueo", [3]]);
    assert.deepEqual(kindValues("ロ", "iroha"), ["kana-iroha", [2]]);
    assert.deepEqual(kindValues("ヰ"), ["kana-iroha", [25]]);
    assert.deepEqual(kindValues("(イ)"), ["paren-kana-aiueo", [2]]);
    assert.deepEqual(kindValues("52101"), ["code", [52101]]);
    assert.deepEqual(kindValues("5210101"), ["code", [5210101]]);
    assert.deepEqual(kindValues("第1章"), ["chapter", [1]]);
    assert.deepEqual(kindValues("第一章"), ["chapter", [1]]);
    assert.deepEqual(kindValues("第2節"), ["section", [2]]);
    assert.deepEqual(kindValues("第3"), ["dai", [3]]);
    assert.deepEqual(kindValues("1-2-3"), ["hierarchical", [1, 2, 3]]);
    assert.deepEqual(kindValues("ⅲ"), ["roman-lower", [3]]);
    assert.deepEqual(kindValues("十二"), ["kanji", [12]]);
    assert.equal(parsed(" （１） ").label, " （１） ");
  });

  it("explains what it cannot read", () => {
    assert.deepEqual(parseNumbering(""), { ok: false, reason: "番号が空です" });
    for (const bad of ["アイ", "H18", "IIII", "(※)", "第章", "1--2", "重点"]) {
      const r = parseNumbering(bad);
      assert.ok(!r.ok && r.reason.includes("項目番号として読めません"), bad);
    }
  });

  it("gives full-width and half-width spellings the same kind and sort key", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.constantFrom("", "(", "第"), (n, wrap) => {
        const half = wrap === "(" ? `(${n})` : wrap === "第" ? `第${n}章` : String(n);
        const a = parsed(half);
        const b = parsed(toFullWidth(half));
        assert.equal(a.kind, b.kind);
        assert.equal(a.sortKey, b.sortKey);
      }),
    );
  });

  it("reads back the value of every roman numeral, circled number and kana", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 89 }), (n) => {
        assert.deepEqual(parsed(toRoman(n)).values, [n]);
        assert.deepEqual(parsed(toRoman(n).toLowerCase()).values, [n]);
        if (n <= 12) assert.deepEqual(parsed(UNICODE_ROMAN[n - 1]!).values, [n]);
        if (n <= 50) assert.deepEqual(parsed(CIRCLED[n - 1]!).values, [n]);
        if (n <= AIUEO.length) assert.deepEqual(parsed(AIUEO[n - 1]!).values, [n]);
        if (n <= IROHA.length) assert.deepEqual(parsed(IROHA[n - 1]!, "iroha").values, [n]);
      }),
    );
  });

  it("never throws on any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), anyLabel), (s) => {
        const r = parseNumbering(s);
        assert.equal(typeof r.ok, "boolean");
      }),
      { numRuns: 500 },
    );
  });
});

describe("compareNumbering", () => {
  it("orders tiers as the guideline prints them", () => {
    assert.deepEqual(["Ⅲ", "Ⅱ-イ", "Ⅰ", "Ⅱ-ア", "Ⅱ"].sort(compareNumbering), ["Ⅰ", "Ⅱ", "Ⅱ-ア", "Ⅱ-イ", "Ⅲ"]);
    assert.deepEqual(["2", "1-2", "10", "1", "1-10"].sort(compareNumbering), ["1", "1-2", "1-10", "2", "10"]);
    assert.deepEqual(["52102", "52101", "521", "522"].sort(compareNumbering), [
      "521",
      "522",
      "52101",
      "52102",
    ]);
    assert.deepEqual(
      ["ハ", "ロ", "イ"].sort((a, b) => compareNumbering(a, b, { kanaOrder: "iroha" })),
      ["イ", "ロ", "ハ"],
    );
  });

  it("puts unreadable labels after readable ones", () => {
    assert.deepEqual(["その他", "2", "(1)", "備考", "1"].sort(compareNumbering), [
      "1",
      "2",
      "(1)",
      "その他",
      "備考",
    ]);
  });

  it("is a total order over any strings", () => {
    const s = fc.oneof(anyLabel, fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        assert.ok(Math.sign(compareNumbering(a, b)) === -Math.sign(compareNumbering(b, a)));
        assert.equal(compareNumbering(a, b) === 0, a === b);
        if (compareNumbering(a, b) <= 0 && compareNumbering(b, c) <= 0)
          assert.ok(compareNumbering(a, c) <= 0);
      }),
      { numRuns: 1000 },
    );
  });

  it("orders labels of one kind by their values, and sort keys agree with the comparator", () => {
    fc.assert(
      fc.property(anyLabel, anyLabel, (a, b) => {
        const pa = parsed(a);
        const pb = parsed(b);
        if (pa.kind === pb.kind && pa.kind !== "code") {
          const byValues = compareValues(pa.values, pb.values);
          if (byValues !== 0) assert.equal(Math.sign(compareNumbering(a, b)), byValues, `${a} / ${b}`);
        }
        if (pa.sortKey !== pb.sortKey) assert.equal(compareNumbering(a, b) < 0, pa.sortKey < pb.sortKey);
      }),
      { numRuns: 1000 },
    );
  });

  it("orders numbers of each kind numerically, whatever their digit count", () => {
    const wrap: ((n: number) => string)[] = [
      String,
      (n) => `(${n})`,
      (n) => `${n})`,
      (n) => `第${n}章`,
      (n) => `1-${n}`,
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 9999 }),
        fc.constantFrom(...wrap),
        (n, m, w) => {
          assert.equal(Math.sign(compareNumbering(w(n), w(m))), Math.sign(n - m), `${w(n)} / ${w(m)}`);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("sorts a shuffled list of siblings back into order, detecting いろは from the list", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(AIUEO, IROHA),
        fc.integer({ min: 2, max: 12 }),
        fc.nat(),
        (seq, len, seed) => {
          const labels = seq.slice(0, len);
          const shuffled = [...labels].sort(
            (x, y) => ((x.charCodeAt(0) * 31 + seed) % 17) - ((y.charCodeAt(0) * 31 + seed) % 17),
          );
          // The comparator is built from the labels in print order (as a parser sees them).
          assert.deepEqual([...shuffled].sort(numberingComparator(labels)), labels);
        },
      ),
    );
  });
});

function compareValues(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return Math.sign(a[i]! - b[i]!);
  return Math.sign(a.length - b.length);
}

describe("splitLeadingNumbering", () => {
  it("splits the headings of the issue", () => {
    const cases: [string, NumberingKind | null, string][] = [
      ["（1）活動の場の提供に関すること", "paren-arabic", "活動の場の提供に関すること"],
      ["ア 市民活動団体等の活動拠点の確保", "kana-aiueo", "市民活動団体等の活動拠点の確保"],
      ["52101 N P O と行政との協働の推進", "code", "N P O と行政との協働の推進"],
      ["I 県民活動への理解と参加の促進", "roman", "県民活動への理解と参加の促進"],
      ["1 基本計画策定の経緯", "arabic", "基本計画策定の経緯"],
      ["第1章 基本計画改定の背景と趣旨", "chapter", "基本計画改定の背景と趣旨"],
      ["5 2 1 N P O (ボランティア団体", "arabic", "N P O (ボランティア団体"],
      ["①県民活動", "circled", "県民活動"],
      ["1．はじめに", "arabic", "はじめに"],
      ["Ⅱ-ア 中期的な施策", "roman-kana", "中期的な施策"],
      ["アンケート調査等の実施", null, "アンケート調査等の実施"],
      ["2024年度の取組", null, "2024年度の取組"],
      ["一人ひとりが", null, "一人ひとりが"],
      ["IT推進", null, "IT推進"],
      ["(※) コミュニティ型のWebサイト", null, "(※) コミュニティ型のWebサイト"],
      ["1,600団体", null, "1,600団体"],
    ];
    for (const [text, kind, rest] of cases) {
      const r = splitLeadingNumbering(text);
      assert.equal(r.numbering?.kind ?? null, kind, text);
      assert.equal(r.rest, rest, text);
    }
    assert.deepEqual(splitLeadingNumbering("5 2 1 N P O").numbering?.values, [521]);
  });

  it("gives back a label written before a heading, and the heading", () => {
    const heading = fc
      .array(fc.constantFrom(..."協働推進の環境づくりと県民活動支援"), { minLength: 1, maxLength: 12 })
      .map((a) => a.join(""));
    fc.assert(
      fc.property(anyLabel, fc.constantFrom(" ", "　", "\t"), heading, (label, sep, rest) => {
        const r = splitLeadingNumbering(`${label}${sep}${rest}`);
        assert.ok(r.numbering, label);
        assert.equal(r.numbering.sortKey, parsed(label).sortKey);
        assert.equal(r.rest, rest);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws and never invents text", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = splitLeadingNumbering(s);
        assert.ok(s.replace(/\s/g, "").endsWith(r.rest.replace(/\s/g, "")));
      }),
      { numRuns: 500 },
    );
  });
});
