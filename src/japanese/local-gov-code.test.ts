import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { localGovCheckDigit, validateLocalGovCode } from "./local-gov-code.js";

/** The rule as 総務省 words it: the last digit of 11 − (Σ digit × weight mod 11). */
function officialCheckDigit(five: string): number {
  const sum = [...five].reduce((s, d, i) => s + Number(d) * (6 - i), 0);
  return Number(String(11 - (sum % 11)).slice(-1));
}

const fivePrefixed = fc
  .tuple(fc.integer({ min: 1, max: 47 }), fc.integer({ min: 0, max: 999 }))
  .map(([p, c]) => `${String(p).padStart(2, "0")}${String(c).padStart(3, "0")}`);

describe("validateLocalGovCode", () => {
  it("accepts published codes", () => {
    for (const code of [
      "010006",
      "130001",
      "011002",
      "240001",
      "350001",
      "131016",
      "110001",
      "281000",
      "271403",
      "012025",
    ]) {
      const r = validateLocalGovCode(code);
      assert.ok(r.ok, `${code}: ${r.ok ? "" : r.reason}`);
      assert.equal(r.value.code, code);
    }
    assert.deepEqual(validateLocalGovCode("011002"), {
      ok: true,
      value: { code: "011002", prefectureCode: "01", isPrefecture: false },
    });
    assert.equal(
      (validateLocalGovCode("130001") as { value: { isPrefecture: boolean } }).value.isPrefecture,
      true,
    );
  });

  it("covers the remainders 0 and 1 (埼玉県 110001, 神戸市 281000)", () => {
    assert.equal(localGovCheckDigit("11000"), 1);
    assert.equal(localGovCheckDigit("28100"), 0);
  });

  it("completes a 5-digit code and tolerates full-width digits", () => {
    assert.equal((validateLocalGovCode("13101") as { value: { code: string } }).value.code, "131016");
    assert.equal((validateLocalGovCode("０１１００２") as { value: { code: string } }).value.code, "011002");
  });

  it("explains a wrong code", () => {
    assert.deepEqual(validateLocalGovCode("130002"), {
      ok: false,
      reason: "「130002」の検査数字が正しくありません（正しくは130001）",
    });
    const lostZero = validateLocalGovCode("1100");
    assert.ok(!lostZero.ok && lostZero.reason.includes("先頭の0"));
    const pref = validateLocalGovCode("480001");
    assert.ok(!pref.ok && pref.reason.includes("都道府県コード"));
    assert.equal(validateLocalGovCode("札幌市").ok, false);
    assert.equal(validateLocalGovCode("1234567").ok, false);
    assert.deepEqual(validateLocalGovCode(""), { ok: false, reason: "全国地方公共団体コードが空です" });
  });

  it("agrees with the official wording of the check digit rule", () => {
    fc.assert(
      fc.property(fivePrefixed, (five) => assert.equal(localGovCheckDigit(five), officialCheckDigit(five))),
      {
        numRuns: 1000,
      },
    );
  });

  it("accepts exactly one check digit for every code", () => {
    fc.assert(
      fc.property(fivePrefixed, fc.integer({ min: 0, max: 9 }), (five, d) => {
        const completed = validateLocalGovCode(five);
        assert.ok(completed.ok);
        assert.equal(validateLocalGovCode(`${five}${d}`).ok, completed.value.code === `${five}${d}`);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.string(), (s) => void validateLocalGovCode(s)),
      { numRuns: 500 },
    );
  });
});
