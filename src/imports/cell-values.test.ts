import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { departmentsOf, nextTermOf, resolveStatus, scheduleMarkOf } from "./cell-values.js";
import { fieldOfHeader } from "./headers.js";

describe("reading single cells of a plan list", () => {
  it("maps the usual status labels to their canonical state, ignoring width and spaces", () => {
    const canonical = (l: string) => {
      const r = resolveStatus(l, null);
      return r.ok ? r.value.canonical : r.reason;
    };
    assert.deepEqual(
      ["済", "済・継", "一部済", "着手中", "未", "未実施", "未着手", "中止", "廃止", " 済 ", "済･継"].map(
        canonical,
      ),
      [
        "done",
        "done",
        "partly",
        "in_progress",
        "not_started",
        "not_started",
        "not_started",
        "discontinued",
        "discontinued",
        "done",
        "done",
      ],
    );
    assert.match(canonical("検討済?"), /どれに当たるか分かりません/);
  });

  it("reads 2期案 proposals and refuses what is none of them", () => {
    assert.deepEqual(nextTermOf("Ⅱ－イ"), {
      ok: true,
      value: { label: "Ⅱ－イ", tierCode: "Ⅱ-イ", completed: false },
    });
    assert.deepEqual(nextTermOf("◯→Ⅰ"), {
      ok: true,
      value: { label: "◯→Ⅰ", tierCode: "Ⅰ", completed: true },
    });
    assert.deepEqual(nextTermOf("完了"), {
      ok: true,
      value: { label: "完了", tierCode: null, completed: true },
    });
    assert.equal(nextTermOf("検討する").ok, false);
  });

  it("reads a 今後の方向性 word as it is written, and a letter tier", () => {
    for (const word of ["継続", "拡充", "見直し", "廃止", "継続実施", "見直しの上継続", "縮小"]) {
      assert.deepEqual(nextTermOf(word), {
        ok: true,
        value: { label: word, tierCode: null, completed: false },
      });
    }
    assert.deepEqual(nextTermOf("［B］"), {
      ok: true,
      value: { label: "［B］", tierCode: "B", completed: false },
    });
    // a sentence is not a direction, even with one of its words in it
    const sentence = "市民活動団体との協働を継続しながら新たな支援の仕組みを作る";
    assert.equal(nextTermOf(sentence).ok, false);
  });

  it("reads ○ as the start year and → as a continuing year", () => {
    assert.deepEqual(
      ["○", "◯", "→", "―→", "", "-"].map((t) => {
        const r = scheduleMarkOf(t);
        return r.ok ? r.value : "error";
      }),
      ["start", "start", "continue", "continue", null, null],
    );
    assert.equal(scheduleMarkOf("済").ok, false);
  });

  it("splits departments on spaces, commas and line breaks but keeps ・ inside a name", () => {
    assert.deepEqual(departmentsOf("協働推進課 産業振興課、子ども・子育て支援課\n全課"), [
      "協働推進課",
      "産業振興課",
      "子ども・子育て支援課",
      "全課",
    ]);
  });
});

describe("headers and departments written other ways", () => {
  it("reads past a fiscal year written before or after a header", () => {
    assert.equal(fieldOfHeader("R5実施状況"), "status");
    assert.equal(fieldOfHeader("実績（令和5年度）"), "result");
    assert.equal(fieldOfHeader("令和5年度の実績"), "result");
    assert.equal(fieldOfHeader("事業番号"), "number");
    assert.equal(fieldOfHeader("R5"), null);
    assert.equal(fieldOfHeader("2期案"), "nextTerm");
  });

  it("reads PDCA headers written with their English name, grades with their scale, and more ways to name a column", () => {
    const fields = (headers: string[]) => headers.map((h) => fieldOfHeader(h));
    assert.deepEqual(fields(["計画（Plan）", "Do（実施）", "評価（Check）", "改善（Action）"]), [
      "content",
      "doText",
      "checkText",
      "actText",
    ]);
    // 評価(C) is the C of PDCA; 評価 with a scale is the grade
    assert.deepEqual(fields(["評価（C）", "評価（A～D）", "自己評価（5段階）", "評価"]), [
      "checkText",
      "grade",
      "grade",
      "grade",
    ]);
    assert.deepEqual(
      fields(["所管部局", "担当課室", "事業名称", "事業内容", "今後の方針", "次期計画での扱い"]),
      ["departments", "departments", "title", "content", "actText", "nextTerm"],
    );
  });

  it("splits departments at ・ only when every part is a department", () => {
    assert.deepEqual(departmentsOf("市民協働課・企画課"), ["市民協働課", "企画課"]);
    assert.deepEqual(departmentsOf("生活・文化部"), ["生活・文化部"]);
    assert.deepEqual(departmentsOf("市民協働課、生活・文化部"), ["市民協働課", "生活・文化部"]);
  });
});
