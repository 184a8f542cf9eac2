import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import iconv from "iconv-lite";
import type { Group } from "./group.js";
import { groupsCsv, groupsCsvShiftJis, toShiftJis } from "./open-data.js";
import { groupInput } from "./registries.factories.js";

const group = (over: Record<string, unknown> = {}): Group =>
  ({
    id: "0b6f3c2e-5d1a-4c1e-9a57-0c7e8b1d2f3a",
    orgId: "org",
    ...groupInput({ isPublic: true, publicFields: ["area", "phone"], ...over }),
    anonymisedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    version: 1,
  }) as unknown as Group;

const org = { code: "350001", name: "山口県" };

describe("open data in Shift_JIS", () => {
  it("writes the same rows as the UTF-8 file, read back through CP932", () => {
    const g = [group({ name: "宇部〜まちづくりの会", area: "宇部市" })];
    const sjis = iconv.decode(groupsCsvShiftJis(org, g), "cp932");
    assert.equal(
      sjis,
      groupsCsv(org, g)
        .replace(/^\uFEFF/, "")
        .replace("〜", "～"),
    );
    assert.match(sjis, /^全国地方公共団体コード,ID,地方公共団体名,名称/);
  });

  it("writes 〜 and − as the CP932 characters Excel shows, never as ?", () => {
    assert.deepEqual([...toShiftJis("〜−")], [0x81, 0x60, 0x81, 0x7c]);
  });

  it("marks a character CP932 cannot hold with 〓 instead of a silent ?", () => {
    assert.equal(iconv.decode(toShiftJis("𠮷野家🍚"), "cp932"), "〓野家〓");
  });

  it("round-trips every text made of JIS X 0208 kana and kanji", () => {
    const jis = fc.constantFrom(
      ..."あいうえおアイウエオ山口県宇部市協働推進計画ＮＰＯ法人ー・「」、。0123abc",
    );
    fc.assert(
      fc.property(fc.array(jis, { maxLength: 40 }), (chars) => {
        const s = chars.join("");
        assert.equal(iconv.decode(toShiftJis(s), "cp932"), s);
      }),
    );
  });
});
