/**
 * 全国地方公共団体コード (JIS X 0401 prefecture + JIS X 0402 municipality + check digit).
 *
 * Check digit (総務省「全国地方公共団体コード」の検査数字): multiply the five digits by 6, 5, 4, 3, 2,
 * sum, take the remainder r of division by 11; the check digit is the last digit of 11 − r, i.e.
 * (11 − r) mod 10: r = 0 → 1, r = 1 → 0, otherwise 11 − r. Verified against published codes:
 * 北海道 010006, 東京都 130001, 札幌市 011002, 千代田区 131016, 三重県 240001, 山口県 350001,
 * 埼玉県 110001 (r = 0 → 1), 神戸市 281000 (r = 1 → 0).
 */
import { nfkc, quote } from "./chars.js";
import { err, ok, type Result } from "./result.js";

/** A validated code in its 6-digit form. */
export interface LocalGovCode {
  /** Six digits, with the check digit. */
  readonly code: string;
  /** The first two digits (01 北海道 … 47 沖縄県). */
  readonly prefectureCode: string;
  /** True for a prefecture itself (municipality part 000). */
  readonly isPrefecture: boolean;
}

/**
 * The check digit of a 5-digit code. @example localGovCheckDigit("13101") // 6 (千代田区 131016)
 */
export function localGovCheckDigit(fiveDigits: string): number {
  const weights = [6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(fiveDigits[i]) * weights[i]!;
  return (11 - (sum % 11)) % 10;
}

/**
 * Validates a code given with 6 digits (checks the check digit) or 5 digits (adds it). Full-width
 * digits, spaces and hyphens are tolerated. The prefecture part must be 01–47. A 4-digit value is
 * refused with a hint: Excel drops the leading zero of 01… codes. Note that a 5-digit value cannot
 * be told apart from a 6-digit code that lost its leading zero (11002 ← 011002); it is read as the
 * 5-digit form. Never throws.
 *
 * @example
 * validateLocalGovCode("011002") // { ok: true, value: { code: "011002", prefectureCode: "01", isPrefecture: false } }
 * validateLocalGovCode("13101")  // { ok: true, value: { code: "131016", … } }
 * validateLocalGovCode("130002") // { ok: false, reason: "「130002」の検査数字が正しくありません（正しくは130001）" }
 */
export function validateLocalGovCode(code: string): Result<LocalGovCode> {
  const s = nfkc(code).replace(/[\s-]/g, "");
  if (s === "") return err("全国地方公共団体コードが空です");
  if (!/^\d+$/.test(s))
    return err(`${quote(code)}は全国地方公共団体コードとして読めません（数字6桁で入力してください）`);
  if (s.length === 4) {
    return err(`${quote(code)}は桁が足りません（先頭の0が消えていませんか。例: 01100 → 011002）`);
  }
  if (s.length !== 5 && s.length !== 6) {
    return err(`${quote(code)}は全国地方公共団体コードの桁数ではありません（6桁、または検査数字なしの5桁）`);
  }
  const pref = Number(s.slice(0, 2));
  if (pref < 1 || pref > 47) {
    return err(`${quote(code)}の都道府県コード「${s.slice(0, 2)}」は存在しません（01から47まで）`);
  }
  const check = localGovCheckDigit(s.slice(0, 5));
  const full = s.slice(0, 5) + String(check);
  if (s.length === 6 && s !== full) {
    return err(`${quote(code)}の検査数字が正しくありません（正しくは${full}）`);
  }
  return ok({ code: full, prefectureCode: s.slice(0, 2), isPrefecture: s.slice(2, 5) === "000" });
}
