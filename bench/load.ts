/**
 * Loads one benchmark size into a database: the organisation, its departments (from the document), one person per
 * department plus an administrator (with database sessions, so the measuring scripts can send a signed-in cookie),
 * the generated plan with its fiscal years of imported progress rounds, and one round opened in the app for the
 * last fiscal year (per-department entries, half of them saved as drafts), as a department would see it.
 *
 * City and prefecture go through the real use cases (importPlanDocument, openRound): a prefecture loads in well
 * under a minute. The national size is loaded by bench/national.ts with bulk SQL.
 *
 * The result (ids, cookies) is written to `<dataDir>/bench-manifest.json`; loading into a folder that already
 * has a manifest does nothing, so a loaded folder can be reused between runs.
 *
 *   node --import tsx bench/load.ts prefecture ./bench-data/prefecture     (PGlite folder)
 *   DATABASE_URL=postgres://… node --import tsx bench/load.ts prefecture   (PostgreSQL)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { userDepartments } from "../src/accounts/accounts.table.js";
import { createOrganisation } from "../src/accounts/create-organisation.js";
import { hashPassword } from "../src/accounts/password.js";
import { hashToken, newToken, sessionCookieName } from "../src/accounts/session.js";
import { insertSession } from "../src/accounts/session.repository.js";
import { insertUser } from "../src/accounts/user.repository.js";
import { type Database, migrateDatabase, openDatabase } from "../src/db/client.js";
import { importPlanDocument } from "../src/plans/import-plan-document.js";
import { findOrgDepartments } from "../src/plans/plan.repository.js";
import { SYSTEM_ACTOR } from "../src/plans/plan-use-case.js";
import { publishPlan } from "../src/portal/publish-plan.js";
import { openRound } from "../src/progress/open-round.js";
import { findEntries } from "../src/progress/progress.repository.js";
import { saveEntry } from "../src/progress/save-entry.js";
import { generatePlanDocument, SIZES, type Size } from "./generate.js";

export const BENCH_PASSWORD = "kyodo-bench-password";

export type Manifest = {
  size: Size;
  orgId: string;
  planId: string;
  /** the round opened in the app (the live board, the department to-do) */
  roundId: string;
  entryId: string;
  nodeId: string;
  adminEmail: string;
  departmentEmail: string;
  /** Cookie header values (sessions valid 30 days) */
  adminCookie: string;
  departmentCookie: string;
  items: number;
  entries: number;
  loadMs: number;
};

/** A valid 全国地方公共団体コード of a prefecture (01–47): its own code with the check digit. */
export function prefectureCode(pref: number): string {
  const five = `${String(pref).padStart(2, "0")}000`;
  const sum = [...five].reduce((s, d, i) => s + Number(d) * (6 - i), 0);
  return `${five}${(11 - (sum % 11)) % 10}`;
}

export async function newSessionCookie(database: Database, userId: string): Promise<string> {
  const token = newToken();
  await insertSession(database.db, {
    id: hashToken(token),
    userId,
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
  });
  return `${sessionCookieName(false)}=${token}`;
}

/** Loads one organisation of the size (for "national": the one organisation bench/national.ts then copies). */
export async function loadSize(database: Database, size: Size): Promise<Manifest> {
  const t0 = performance.now();
  const spec = SIZES[size];
  const db = database.db;
  const created = await createOrganisation(
    { db },
    {
      code: prefectureCode(size === "city" ? 46 : size === "prefecture" ? 47 : 45),
      name: { city: "ベンチ市", prefecture: "ベンチ県", national: "ベンチ団体" }[size],
    },
  );
  if (!created.ok) throw new Error(`createOrganisation: ${JSON.stringify(created)}`);
  const orgId = created.organisation.id;
  const doc = generatePlanDocument({
    items: spec.items,
    years: spec.years,
    departments: spec.departments,
    seed: 20261123,
  });
  const imported = await importPlanDocument({ db }, SYSTEM_ACTOR, orgId, doc);
  if (!imported.ok) throw new Error(`importPlanDocument: ${JSON.stringify(imported).slice(0, 2000)}`);
  const planId = imported.planId;
  // published, so that the public portal's pages (item page, item JSON) serve it
  const published = await publishPlan({ db }, SYSTEM_ACTOR, { planId, version: 0, publish: true });
  if (!published.ok) throw new Error(`publishPlan: ${JSON.stringify(published)}`);

  // people: an administrator and one department member per department
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const departments = await findOrgDepartments(db, orgId);
  const adminEmail = `admin@${size}.bench.kyodo.jp`;
  const adminId = await insertUser(db, {
    orgId,
    email: adminEmail,
    displayName: "ベンチ 管理者",
    role: "admin",
    passwordHash,
  });
  const members: { id: string; email: string; departmentId: string }[] = [];
  for (const [i, d] of departments.entries()) {
    const email = `dept${i + 1}@${size}.bench.kyodo.jp`;
    const id = await insertUser(db, {
      orgId,
      email,
      displayName: `${d.name} 担当`,
      role: "department",
      passwordHash,
    });
    await db.insert(userDepartments).values({ userId: id, departmentId: d.id });
    members.push({ id, email, departmentId: d.id });
  }

  // the live round: the last fiscal year again, opened in the app, half of the entries saved as drafts
  const liveYear = (doc.lastYear ?? 2025) + 1;
  const opened = await openRound({ db }, SYSTEM_ACTOR, {
    planId,
    fiscalYear: liveYear,
    asOfDate: `${liveYear}-09-30`,
    // open until the end of next year, whatever the date the benchmark runs on
    deadline: `${new Date().getUTCFullYear() + 1}-12-31`,
    fieldsAsked: ["status", "result"],
    entryMode: "per-department",
  });
  if (!opened.ok) throw new Error(`openRound: ${JSON.stringify(opened)}`);
  const roundId = opened.round.id;
  const entries = await findEntries(db, [roundId]);
  const byDept = new Map(members.map((m) => [m.departmentId, m]));
  const usersById = new Map<string, Awaited<ReturnType<typeof userFor>>>();
  async function userFor(m: (typeof members)[number]) {
    const [row] = await db.select().from(userDepartments).where(eq(userDepartments.userId, m.id));
    return {
      id: m.id,
      orgId,
      email: m.email,
      displayName: "担当",
      role: "department" as const,
      departmentIds: row ? [row.departmentId] : [],
    };
  }
  for (const [i, entry] of entries.entries()) {
    if (i % 2 === 1 || !entry.departmentId) continue;
    const m = byDept.get(entry.departmentId);
    if (!m) continue;
    let u = usersById.get(m.id);
    if (!u) {
      u = await userFor(m);
      usersById.set(m.id, u);
    }
    const saved = await saveEntry({ db }, u, entry.id, {
      version: String(entry.version),
      statusLabel: "着手中",
      result: `中間報告（${i}）`,
    });
    if (!saved.ok) throw new Error(`saveEntry: ${JSON.stringify(saved)}`);
  }

  const first = entries.find((e) => e.departmentId !== null) ?? entries[0]!;
  const member = members.find((m) => m.departmentId === first.departmentId) ?? members[0]!;
  return {
    size,
    orgId,
    planId,
    roundId,
    entryId: first.id,
    nodeId: first.nodeId,
    adminEmail,
    departmentEmail: member.email,
    adminCookie: await newSessionCookie(database, adminId),
    departmentCookie: await newSessionCookie(database, member.id),
    items: spec.items,
    entries: entries.length,
    loadMs: Math.round(performance.now() - t0),
  };
}

/** Opens the folder (or DATABASE_URL), migrates, loads unless a manifest is there, and closes. */
export async function loadInto(
  size: Exclude<Size, "national">,
  opts: { dataDir: string; url?: string },
): Promise<Manifest> {
  mkdirSync(opts.dataDir, { recursive: true });
  const manifestFile = path.join(opts.dataDir, "bench-manifest.json");
  if (existsSync(manifestFile)) return JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
  const database = await openDatabase(
    opts.url ? { url: opts.url } : { dataDir: path.join(opts.dataDir, "pglite") },
  );
  try {
    await migrateDatabase(database);
    const manifest = await loadSize(database, size);
    // statistics for the planner, as autovacuum would gather them on a server (PGlite has no autovacuum)
    await database.db.execute(sql`analyze`);
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    return manifest;
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = (process.argv[2] ?? "prefecture") as Exclude<Size, "national">;
  if (size !== "city" && size !== "prefecture") {
    console.error("usage: bench/load.ts city|prefecture [dataDir]   (national: bench/national.ts)");
    process.exit(2);
  }
  const dataDir = path.resolve(process.argv[3] ?? `bench-data/${size}`);
  const m = await loadInto(size, { dataDir, url: process.env.DATABASE_URL });
  console.log(`loaded ${size}: ${m.items} items, ${m.entries} live entries in ${m.loadMs} ms → ${dataDir}`);
}
