import ExcelJS from "exceljs";
import fc from "fast-check";
import { changedTables, tableChecksums } from "../ops/table-snapshot.js";
import { formsOf } from "./html-forms.js";
import { routeKey } from "./route-access.js";
import { actorsFor, ORIGIN, resolvePath, type SecurityWorld } from "./security-world.js";

/**
 * Generated form bodies against every POST route of the application, sent by a person allowed to use it with a
 * correct origin: random values for the form's own fields (read from the pages) and for invented ones, huge
 * strings, every kind of Unicode, NUL and control characters, repeated and missing fields. Every answer must be
 * below 500, and every refusal (4xx) must leave every table as it was.
 * Forms that upload a file (multipart/form-data: the imports) also get generated multipart bodies: random bytes,
 * a truncated or byte-flipped workbook, a workbook of random cells, random CSV, under random file names.
 * Shared by the bounded test (form-fuzz.routes.test.ts) and the long run (bench/fuzz-forms.ts).
 */
export type FuzzStats = {
  routes: number;
  /** routes whose form uploads a file, which also got generated multipart bodies */
  multipartRoutes: number;
  inputs: number;
  refused: number;
  accepted: number;
  failures: string[];
};

// tables a refusal may legitimately write: sessions (minted per request here) and the sign-in throttle's log
const VOLATILE = ["sessions", "sign_in_attempts"];

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  fc.constantFrom(
    "",
    " ",
    "　",
    "\u0000",
    "a\u0000b",
    "\uFEFF",
    "\uD800",
    "0",
    "-1",
    "1e309",
    "NaN",
    "999999999999999999999",
  ),
  fc.constantFrom(
    "2024-02-30",
    "令和7年4月1日",
    "00000000-0000-0000-0000-000000000000",
    "true",
    "on",
    "null",
    "[]",
    "{}",
  ),
  fc.constantFrom("<script>alert(1)</script>", "' OR 1=1 --", "=cmd|'/C calc'!A0", "../../etc/passwd", "%00"),
  fc.nat({ max: 60_000 }).map((n) => "あ".repeat(n)),
  fc.integer().map(String),
  fc.uuid(),
);

/**
 * Every POST route with every one of its form's fields holding `text` (e.g. a NUL character, which PostgreSQL
 * text cannot store): the answers below 500, as "status route" lines for the failures.
 */
export async function everyFieldHolding(
  world: SecurityWorld,
  text: string,
): Promise<{ sent: number; failures: string[] }> {
  const known = await fieldsByAction(world);
  const failures: string[] = [];
  let sent = 0;
  for (const r of world.app.routes) {
    if (r.method !== "POST") continue;
    const { path, ownerCode } = resolvePath(world, r.path);
    const admin = actorsFor(world, ownerCode).own[0]!.userId!;
    const names = known.get(path) ?? ["title", "name", "body"];
    const res = await world.app.request(path, {
      method: "POST",
      headers: {
        origin: ORIGIN,
        cookie: await world.cookie(admin),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(names.map((n) => [n, text])).toString(),
    });
    sent += 1;
    if (res.status >= 500) failures.push(`${res.status} ${routeKey(r.method, r.path)}`);
  }
  return { sent, failures };
}

/** field name → form field names of the forms posting to that path, read from every page the actor can see */
async function fieldsByAction(
  world: SecurityWorld,
  multipart = new Set<string>(),
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const gets = [...new Set(world.app.routes.filter((r) => r.method === "GET").map((r) => r.path))];
  for (const pattern of gets) {
    const { path, ownerCode } = resolvePath(world, pattern);
    const admin = actorsFor(world, ownerCode).own[0]!.userId!;
    const res = await world.app.request(path, { headers: { cookie: await world.cookie(admin) } });
    if (!(res.headers.get("content-type") ?? "").includes("text/html")) continue;
    for (const form of formsOf(await res.text())) {
      if (form.method !== "post") continue;
      if (form.enctype === "multipart/form-data") multipart.add(form.action);
      const names = new Set([...(out.get(form.action) ?? []), ...form.fields.map((f) => f.name)]);
      out.set(form.action, [...names]);
    }
  }
  return out;
}

export async function fuzzForms(
  world: SecurityWorld,
  opts: {
    runsPerRoute: number;
    seed?: number;
    /** only the routes whose key ("POST /imports/…") contains this text */
    only?: string;
    onRoute?: (key: string, stats: FuzzStats) => void;
  },
): Promise<FuzzStats> {
  const stats: FuzzStats = {
    routes: 0,
    multipartRoutes: 0,
    inputs: 0,
    refused: 0,
    accepted: 0,
    failures: [],
  };
  const multipart = new Set<string>();
  const known = await fieldsByAction(world, multipart);
  const upload = await uploadArbitrary();
  const seen = new Set<string>();
  for (const r of world.app.routes) {
    if (r.method !== "POST") continue;
    const key = routeKey(r.method, r.path);
    if (seen.has(key) || (opts.only && !key.includes(opts.only))) continue;
    seen.add(key);
    stats.routes += 1;
    const { path, ownerCode } = resolvePath(world, r.path);
    const { own } = actorsFor(world, ownerCode);
    const names = known.get(path) ?? [];
    const fieldName = names.length
      ? fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 20 }))
      : fc.string({ maxLength: 20 });
    const body = fc.array(fc.tuple(fieldName, value), { maxLength: Math.max(4, names.length + 3) });
    const actor = fc.constantFrom(...own.map((a) => a.userId!));
    // the database as it stands before each input: taken once, then again only after an accepted input
    let before = await tableChecksums(world.database.db, VOLATILE);
    const check = async (res: Response, shown: string) => {
      await res.arrayBuffer();
      stats.inputs += 1;
      if (res.status >= 500) {
        stats.failures.push(`${key}: ${res.status} for ${shown.slice(0, 300)}`);
        return;
      }
      const now = await tableChecksums(world.database.db, VOLATILE);
      if (res.status >= 400) {
        stats.refused += 1;
        const changed = changedTables(before, now);
        if (changed.length)
          stats.failures.push(
            `${key}: refused (${res.status}) yet changed ${changed.join(", ")}: ${shown.slice(0, 300)}`,
          );
      } else stats.accepted += 1;
      before = now;
    };
    await fc.assert(
      fc.asyncProperty(body, actor, async (pairs, userId) => {
        const params = new URLSearchParams();
        for (const [k, v] of pairs) params.append(k, v);
        const res = await world.app.request(path, {
          method: "POST",
          headers: {
            origin: ORIGIN,
            cookie: await world.cookie(userId),
            "content-type": "application/x-www-form-urlencoded",
          },
          body: params.toString(),
        });
        await check(res, params.toString());
      }),
      { numRuns: opts.runsPerRoute, seed: opts.seed, endOnFailure: false },
    );
    if (multipart.has(path)) {
      stats.multipartRoutes += 1;
      await fc.assert(
        fc.asyncProperty(body, upload, actor, async (pairs, file, userId) => {
          const form = new FormData();
          for (const [k, v] of pairs) if (k !== "file") form.append(k, v);
          const data = Buffer.from(file.rows ? await workbookBytes(file.rows) : file.bytes);
          form.append("file", new File([data], file.name, { type: file.type }));
          const res = await world.app.request(path, {
            method: "POST",
            headers: { origin: ORIGIN, cookie: await world.cookie(userId) },
            body: form,
          });
          const shown = `multipart ${file.kind} ${JSON.stringify(file.name)} (${data.length} bytes) + ${JSON.stringify(pairs).slice(0, 200)}`;
          await check(res, shown);
        }),
        { numRuns: opts.runsPerRoute, seed: opts.seed, endOnFailure: false },
      );
    }
    opts.onRoute?.(key, stats);
  }
  return stats;
}

/** an upload; `rows` is a workbook of random cells, written when the input is used (exceljs is asynchronous) */
type Upload = { kind: string; name: string; type: string; bytes: Uint8Array; rows?: string[][] };

/** a workbook of the given cells, as the bytes of an .xlsx file */
async function workbookBytes(rows: string[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** generated uploads: random bytes, truncated/flipped workbooks, workbooks of random cells, random CSV */
async function uploadArbitrary(): Promise<fc.Arbitrary<Upload>> {
  const sample = await workbookBytes([
    ["番号", "名称", "担当課", "指標", "目標値"],
    ["1", "協働の推進", "市民協働課", "参加者数", "100"],
    ["1-1", "地域活動の支援", "市民協働課", "団体数", "20"],
  ]);
  const name = fc.oneof(
    fc.constantFrom("plan.xlsx", "plan.csv", "plan.xlsm", "plan.tsv", "plan.txt", "", "計画.xlsx", "a.exe"),
    fc.string({ maxLength: 40 }),
  );
  const type = fc.constantFrom(
    "application/octet-stream",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "",
  );
  const cells = fc.array(fc.array(value, { maxLength: 8 }), { maxLength: 12 });
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map((b) => ({ kind: "random bytes", bytes: b })),
    fc.nat({ max: sample.length }).map((n) => ({ kind: "truncated xlsx", bytes: sample.slice(0, n) })),
    fc.tuple(fc.nat({ max: sample.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
      const b = sample.slice();
      b[at] = b[at]! ^ x;
      return { kind: "flipped xlsx", bytes: b };
    }),
    cells.map((rows) => ({ kind: "random-cell xlsx", bytes: new Uint8Array(), rows })),
    fc
      .tuple(cells, fc.constantFrom(",", "\t", ";"), fc.constantFrom("\n", "\r\n", "\r"), fc.boolean())
      .map(([rows, sep, eol, bom]) => ({
        kind: "random csv",
        bytes: new TextEncoder().encode((bom ? "\uFEFF" : "") + rows.map((r) => r.join(sep)).join(eol)),
      })),
  );
  return fc.tuple(bytes, name, type).map(([b, n, t]) => ({ ...b, name: n, type: t }));
}
