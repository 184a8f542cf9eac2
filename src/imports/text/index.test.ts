import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { detectPlanTextKind, parsePlanText } from "./index.js";
import { documentText, flatten, referenceDoc, squash } from "./test-support.js";

const basic = referenceDoc("pref-basic-plan-2013.txt");
const overview = referenceDoc("pref-policy-overview-fy2010.txt");

const fullWidthDigits = (text: string) =>
  text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const shape = (text: string) => {
  const { doc, kind } = parsePlanText(text);
  const policies = doc.nodes[0]?.children ?? [];
  return {
    kind,
    period: [doc.firstYear, doc.lastYear],
    policies: policies.map((p) => p.children.length),
    items: flatten(doc.nodes).filter((n) => n.kind === "item").length,
    revisions: doc.revisions.map((r) => r.month),
    statistics: doc.indicators.map((i) => i.values.map((v) => v.actual)),
  };
};
const expected = {
  kind: "basic-plan",
  period: [2013, 2017],
  policies: [4, 8, 5, 4],
  items: 60,
  revisions: ["2002-03", "2003-03", "2008-03", "2011-03"],
  statistics: [
    [2097, 2132, 2112, 2211],
    [330, 354, 376, 386],
  ],
};

describe("detecting which kind of document a PDF text is", () => {
  it("recognises the basic plan and the policy overview", () => {
    assert.equal(detectPlanTextKind(basic), "basic-plan");
    assert.equal(detectPlanTextKind(overview), "policy-overview");
    assert.equal(parsePlanText(overview).kind, "policy-overview");
  });

  it("keeps text of no known kind as paragraphs and says so", () => {
    const text = "お知らせ\n\n今年の研修会は10月に開催します。\n- 申込みは9月末まで\n";
    const { doc, kind, warnings } = parsePlanText(text, { sourceName: "memo.txt" });
    assert.equal(kind, "unknown");
    assert.equal(doc.title, "お知らせ");
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.line, 1);
    assert.match(documentText(doc), /今年の研修会は10月に開催します。/);
    assert.match(documentText(doc), /申込みは9月末まで/);
    assert.equal(doc.source.name, "memo.txt");
  });
});

describe("reading variants of a basic plan", () => {
  it("reads the plan with full-width digits the same way", () => {
    assert.deepEqual(shape(fullWidthDigits(basic)), expected);
  });

  it("reads policies numbered with the Roman numeral characters Ⅰ–Ⅳ", () => {
    const roman: Record<string, string> = { I: "Ⅰ", II: "Ⅱ", III: "Ⅲ", IV: "Ⅳ" };
    const text = basic.replace(/^(IV|III|II|I) /gm, (_, r: string) => `${roman[r]} `);
    assert.notEqual(text, basic);
    const { doc } = parsePlanText(text);
    assert.deepEqual(
      doc.nodes[0]!.children.map((p) => p.label),
      ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"],
    );
    assert.deepEqual(shape(text), expected);
  });

  it("reads actions listed with ・ instead of -", () => {
    const text = basic.replace(/^- /gm, "・");
    assert.deepEqual(shape(text), expected);
  });

  it("reads Windows line endings and a missing table of contents", () => {
    const lines = basic.split("\n");
    const tocStart = lines.findIndex((l) => l.trim() === "目 次");
    const bodyStart = lines.findIndex((l, i) => i > tocStart + 5 && l.startsWith("第1章"));
    const text = [...lines.slice(0, tocStart), ...lines.slice(bodyStart)].join("\r\n");
    assert.deepEqual(shape(text), expected);
    assert.deepEqual(parsePlanText(text).warnings, []);
  });

  it("names the levels after differently titled chapters", () => {
    const text = basic.replaceAll("施策の展開方向", "施策の体系").replaceAll("[具体的な取組]", "[主な取組]");
    const { doc, warnings } = parsePlanText(text);
    assert.deepEqual(doc.levelNames, ["基本目標", "施策の基本方針", "施策の体系", "主な取組"]);
    assert.deepEqual(shape(text), expected);
    assert.deepEqual(warnings, []);
  });

  it("reads chapters in another order plus an extra chapter, and warns that the contents differ", () => {
    const body = basic.split(/(?=^第\d章 )/m);
    // body[0] cover + contents' first chapter … the body chapters are the last six pieces
    const chapters = body.slice(-6);
    const reordered = [chapters[0], chapters[2], chapters[1], chapters[3], chapters[4], chapters[5]];
    const extra =
      "第7章 用語の解説\n\n1 協働\n\n異なる主体が共通の目的のために協力すること。\n\n- 対等\n- 相互理解\n";
    const text = [...body.slice(0, -6), ...reordered, extra].join("");
    const { doc, warnings } = parsePlanText(text);
    assert.deepEqual(
      doc.sections.map((s) => s.label),
      ["第1章", "第3章", "第2章", "第4章", "第5章", "第6章", "第7章"],
    );
    assert.deepEqual(shape(text), expected);
    const glossary = doc.sections[6]!.children[0]!;
    assert.equal(glossary.heading, "協働");
    assert.deepEqual(glossary.blocks.at(-1), { type: "bullets", items: ["対等", "相互理解"] });
    assert.equal(warnings.length, 0, "a chapter order change is no contents mismatch: titles still match");
  });

  it("warns with the line number when a chapter of the contents is not in the body", () => {
    const text = basic.replace(/\n第6章 基本計画の推進\n(?![\s\S]*\n第6章)/, "\n");
    const { warnings } = parsePlanText(text);
    assert.ok(
      warnings.some(
        (w) => w.line === 49 && /目次の「第6章 基本計画の推進」が本文にありません/.test(w.message),
      ),
    );
  });

  it("makes the policies the roots when the plan states no goal", () => {
    const text = basic.replace(/\n1 基本目標\n[\s\S]*?\n2 施策の基本方針/, "\n2 施策の基本方針");
    const { doc, warnings } = parsePlanText(text);
    assert.deepEqual(doc.levelNames, ["施策の基本方針", "施策の展開方向", "具体的な取組"]);
    assert.deepEqual(
      doc.nodes.map((n) => [n.label, n.level, n.children.length]),
      [
        ["I", 0, 4],
        ["II", 0, 8],
        ["III", 0, 5],
        ["IV", 0, 4],
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it("takes the policies from the 施策の展開方向 chapter when no policy section announces them", () => {
    const text = basic.replace(/\n2 施策の基本方針\n[\s\S]*?\n第5章/, "\n第5章");
    const { doc, warnings } = parsePlanText(text);
    const policies = doc.nodes[0]!.children;
    assert.deepEqual(
      policies.map((p) => [p.label, p.title, p.children.length]),
      [
        ["1", "県民活動への理解と参加促進", 4],
        ["2", "県民活動団体の自立・持続的発展に向けた環境づくり", 8],
        ["3", "県民活動団体と多様な主体との協働の推進", 5],
        ["4", "「県民力」、「地域力」の向上に向けた県民活動の一層の促進", 4],
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it("keeps a direction the policies do not announce, with a warning", () => {
    const extra = "5 新しい方向\n\n(1) 試行\n\n試行します。\n\n- 試行の取組\n\n";
    const text = basic.replace(
      "第6章 基本計画の推進\n\n1 推進体制",
      `${extra}第6章 基本計画の推進\n\n1 推進体制`,
    );
    const { doc, warnings } = parsePlanText(text);
    const policies = doc.nodes[0]!.children;
    assert.equal(policies.length, 5);
    assert.equal(policies[4]!.title, "新しい方向");
    assert.equal(policies[4]!.children[0]!.children[0]!.title, "試行の取組");
    assert.ok(warnings.some((w) => /対応する施策の基本方針がない/.test(w.message)));
  });
});

describe("reading variants of a policy overview", () => {
  it("reads another year, era and policy code, with full-width digits", () => {
    const text = fullWidthDigits(
      overview
        .replace("平成 2 2 年度当初予算 施策別概要", "令和 5 年度当初予算 施策評価表")
        .replace(/\(21\)/g, "(4)")
        .replace(/\(22\)/g, "(5)")
        .replace(/H18年度\tH19年度\tH20年度\tH21年度\tH22年度/g, "R1年度\tR2年度\tR3年度\tR4年度\tR5年度")
        .replace(/5 2 1 N P O/, "3 1 2 N P O")
        .replace(/5210/g, "3120")
        .replace(/5 2 1 0/g, "3 1 2 0"),
    );
    const { doc, kind, warnings } = parsePlanText(text);
    assert.equal(kind, "policy-overview");
    assert.equal(doc.kind, "施策評価表");
    assert.equal(doc.firstYear, 2023);
    assert.equal(squash(doc.nodes[0]!.label ?? ""), "312");
    assert.deepEqual(
      doc.nodes[0]!.children.map((c) => squash(c.label ?? "")),
      ["31201", "31202"],
    );
    assert.deepEqual(
      doc.indicators[0]!.values.map((v) => [v.fiscalYear, v.target, v.actual]),
      [
        [2019, null, 1522],
        [2020, 1600, 1576],
        [2021, 1700, 1931],
        [2022, 2040, null],
        [2023, 2140, null],
      ],
    );
    assert.deepEqual(doc.budgets[3]!.amounts, [
      { fiscalYear: 2022, amount: null },
      { fiscalYear: 2023, amount: 50381 },
    ]);
    assert.ok(doc.budgets.every((b) => b.nodeKey !== null));
    assert.deepEqual(warnings, []);
  });

  it("keeps a project without a basic project link, and warns about a project without a budget", () => {
    const text = `${overview}\n\n独自事業\n\n予算額：(22) 1,000千円\n\n事業概要：試行します。\n\n★ 備考\n`;
    const { doc, warnings } = parsePlanText(text);
    const last = doc.budgets.at(-1)!;
    assert.equal(last.name, "★ 備考");
    const lineOfNote = text.split("\n").indexOf("★ 備考") + 1;
    assert.deepEqual(warnings, [{ line: lineOfNote, message: "事業「★ 備考」に予算額がありません。" }]);
    const own = doc.budgets.at(-2)!;
    assert.deepEqual(
      [own.name, own.nodeKey, own.amounts, own.summary],
      ["独自事業", null, [{ fiscalYear: 2010, amount: 1000 }], "試行します。"],
    );
  });
});

describe("reading any text without crashing", () => {
  const fragments = [
    "第1章 総論",
    "第２章 計画",
    "目 次",
    "1 基本目標",
    "2 施策の基本方針",
    "I 方針",
    "Ⅱ 方針",
    "(1) 方向",
    "（２）方向",
    "- 取組",
    "・取組",
    "(※) 注",
    "〔図〕",
    "(資料) (年度末)",
    "《県》",
    "[具体的な取組]",
    "\tH20\tH21",
    "団体数\t1,000\t-",
    "平成15年3月 基本計画策定（計画期間：平成15～19年度）",
    "( 〃 : 〃 ~24年度）",
    "平成25年度から平成29年度までの5年間",
    "平成 2 2 年度当初予算 施策別概要",
    "5 2 1 N P O の推進",
    "52101 協働 (生活部)",
    "(主担当部 : 生活部)",
    "< 施策の目的 >",
    "(対象) NPOが",
    "< 施策の数値目標 >",
    "主指標\t\tH18年度\tH19年度",
    "名\t目標値\t-\t1,600団体",
    "\t実績値\t\t",
    "< 主な事業 >",
    "事業【基本事業名：52101 協働】",
    "予算額：(21) - 千円 (22) 2,612千円",
    "事業概要：概要",
    "",
    " ",
    "\t",
  ];
  const anyText = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map((ls) => ls.join("\n")),
    fc
      .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 30 })), { maxLength: 40 })
      .map((ls) => ls.join("\n")),
  );

  it("returns a document and located warnings for random text, never throwing", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { doc, kind, warnings } = parsePlanText(text);
        const lineCount = text.split(/\r\n|\r|\n/).length;
        assert.ok(["basic-plan", "policy-overview", "unknown"].includes(kind));
        assert.ok(typeof doc.title === "string" && doc.title.length > 0);
        for (const w of warnings) {
          assert.ok(
            Number.isInteger(w.line) && w.line >= 1 && w.line <= lineCount,
            `line ${w.line} of ${lineCount}`,
          );
          assert.ok(w.message.length > 0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("survives the reference documents with lines dropped, repeated and shuffled", () => {
    const lines = [...basic.split("\n"), ...overview.split("\n")];
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: 0, maxLength: 200 }), fc.nat(), (subset, seed) => {
        const repeated = subset.flatMap((l, i) => ((i + seed) % 7 === 0 ? [l, l] : [l]));
        assert.doesNotThrow(() => parsePlanText(repeated.join("\n")));
      }),
      { numRuns: 150 },
    );
  });
});
