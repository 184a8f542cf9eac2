import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  corporateCheckDigit,
  corporateNumberOfLocalGov,
  validateCorporateNumber,
} from "./corporate-number.js";

const base12 = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 })
  .map((d) => d.join(""));

describe("validateCorporateNumber", () => {
  it("accepts published numbers", () => {
    // 国税庁, 東京都, トヨタ自動車株式会社 (国税庁法人番号公表サイト).
    for (const n of ["7000012050002", "8000020130001", "1180301018771"]) {
      assert.deepEqual(validateCorporateNumber(n), { ok: true, value: n });
    }
    assert.deepEqual(validateCorporateNumber("7-0000-1205-0002"), { ok: true, value: "7000012050002" });
    assert.deepEqual(validateCorporateNumber("７０００ ０１２０ ５０００２"), {
      ok: true,
      value: "7000012050002",
    });
  });

  it("explains a wrong number", () => {
    assert.deepEqual(validateCorporateNumber("1000012050002"), {
      ok: false,
      reason: "「1000012050002」の検査用数字が正しくありません（正しくは7000012050002）",
    });
    const short = validateCorporateNumber("700001205000");
    assert.ok(!short.ok && short.reason.includes("13桁"));
    assert.deepEqual(validateCorporateNumber(""), { ok: false, reason: "法人番号が空です" });
  });

  it("derives a local government's number from its code", () => {
    assert.deepEqual(corporateNumberOfLocalGov("130001"), { ok: true, value: "8000020130001" });
    assert.deepEqual(corporateNumberOfLocalGov("01000"), { ok: true, value: "7000020010006" });
    assert.equal(corporateNumberOfLocalGov("130002").ok, false);
  });

  it("detects every single-digit error except 0↔9 (which mod 9 cannot see)", () => {
    fc.assert(
      fc.property(
        base12,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 9 }),
        (base, pos, digit) => {
          const valid = `${corporateCheckDigit(base)}${base}`;
          assert.equal(validateCorporateNumber(valid).ok, true);
          const old = Number(valid[pos]);
          fc.pre(old !== digit);
          const changed = valid.slice(0, pos) + String(digit) + valid.slice(pos + 1);
          const undetectable = pos > 0 && Math.abs(old - digit) === 9;
          assert.equal(validateCorporateNumber(changed).ok, undetectable, `${valid} → ${changed}`);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.string(), (s) => void validateCorporateNumber(s)),
      { numRuns: 500 },
    );
  });
});
