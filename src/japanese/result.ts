/**
 * The result of every parser in the Japanese kernel: a value, or a reason a clerk can read (in Japanese).
 * Parsers never throw; they return `{ ok: false, reason }` instead.
 *
 * @example
 * const r = parseFiscalYear("平成32年度");
 * if (!r.ok) console.log(r.reason); // 「平成32年度」は存在しない年度です（平成は31年度まで）
 */
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Builds a success. @example ok(2024) // { ok: true, value: 2024 } */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failure with a reason in Japanese. @example err("年度が空です") */
export function err<T = never>(reason: string): Result<T> {
  return { ok: false, reason };
}
