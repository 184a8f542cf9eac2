/**
 * 法人番号 (13 digits: a check digit followed by a 12-digit base number).
 *
 * Check digit (法人番号の指定等に関する省令 第2条; 国税庁「法人番号の検査用数字」):
 *   9 − (Σ_{n=1..12} Pn × Qn) mod 9, where Pn is the n-th digit of the base number counted from
 *   the right (n = 1 is the last digit) and Qn = 1 when n is odd, 2 when n is even.
 * Verified: 国税庁 7000012050002, 東京都 8000020130001.
 * A local government's base number is 00002 followed by its 6-digit 全国地方公共団体コード (no
 * leading 0 dropped): 東京都 130001 → 8000020130001.
 */
import { nfkc, quote } from "./chars.js";
import { validateLocalGovCode } from "./local-gov-code.js";
import { err, ok, type Result } from "./result.js";

/** The check digit of a 12-digit base number. @example corporateCheckDigit("000012050002") // 7 */
export function corporateCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const p = Number(base12[12 - n]);
    sum += p * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/**
 * Validates a 法人番号 and returns it as 13 half-width digits. Full-width digits, spaces and
 * hyphens are tolerated. Never throws.
 *
 * @example
 * validateCorporateNumber("7000012050002") // { ok: true, value: "7000012050002" }
 * validateCorporateNumber("1000012050002") // { ok: false, reason: "「1000012050002」の検査用数字が正しくありません（正しくは7000012050002）" }
 */
export function validateCorporateNumber(n: string): Result<string> {
  const s = nfkc(n).replace(/[\s-]/g, "");
  if (s === "") return err("法人番号が空です");
  if (!/^\d{13}$/.test(s)) return err(`${quote(n)}は法人番号として読めません（数字13桁で入力してください）`);
  const base = s.slice(1);
  const check = corporateCheckDigit(base);
  if (Number(s[0]) !== check) {
    return err(`${quote(n)}の検査用数字が正しくありません（正しくは${check}${base}）`);
  }
  return ok(s);
}

/**
 * The 法人番号 of a local government from its 全国地方公共団体コード (5 or 6 digits).
 * @example corporateNumberOfLocalGov("130001") // { ok: true, value: "8000020130001" }
 */
export function corporateNumberOfLocalGov(code: string): Result<string> {
  const c = validateLocalGovCode(code);
  if (!c.ok) return c;
  const base = `000020${c.value.code}`;
  return ok(`${corporateCheckDigit(base)}${base}`);
}
