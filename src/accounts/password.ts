import { hash, verify } from "@node-rs/argon2";

/**
 * Argon2id with the parameters OWASP's Password Storage Cheat Sheet lists first
 * (m=19 MiB, t=2, p=1), which are also @node-rs/argon2's defaults; the PHC string stores them.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** Verifying against this when the e-mail is unknown keeps the answer time the same (no account enumeration). */
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("kyodo-timing-equaliser");
  await verifyPassword(await dummyHash, password);
  return false;
}
