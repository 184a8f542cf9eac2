/**
 * Sign-in throttling (OWASP Authentication Cheat Sheet, "Protect against automated attacks"):
 * failures are counted per e-mail address and per client address in a sliding window, in the database,
 * so that every app process behind a load balancer sees the same count.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failures for one e-mail address within the window before sign-in is refused. */
export const EMAIL_FAILURE_LIMIT = 5;
/** Failures from one client address (a whole town hall may share one) within the window. */
export const IP_FAILURE_LIMIT = 30;

export function emailKey(normalisedEmail: string): string {
  return `email:${normalisedEmail}`;
}

export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

export function windowStart(now: Date): Date {
  return new Date(now.getTime() - THROTTLE_WINDOW_MS);
}

/** Whether another attempt is refused, given the failures counted in the window for each key. */
export function isThrottled(counts: { email: number; ip: number }): boolean {
  return counts.email >= EMAIL_FAILURE_LIMIT || counts.ip >= IP_FAILURE_LIMIT;
}
