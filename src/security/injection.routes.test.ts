import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { changedTables, rowsOf, tableChecksums } from "../ops/table-snapshot.js";
import { formBody, formsOf } from "./html-forms.js";
import { routeKey } from "./route-access.js";
import { actorsFor, buildSecurityWorld, ORIGIN, resolvePath, type SecurityWorld } from "./security-world.js";

/** SQL injection through every query parameter, and formula injection through every spreadsheet download. */
const SQLI = [
  "' OR '1'='1",
  "'; DROP TABLE plans; --",
  "1) OR (1=1",
  "%' UNION SELECT email, password_hash FROM users --",
  "\\'; SELECT pg_sleep(5); --",
  "0x27",
];
// every query parameter any page reads today, and the usual names of those added later
const PARAMS = [
  "q",
  "year",
  "plan",
  "parent",
  "saved",
  "next",
  "from",
  "to",
  "action",
  "entity",
  "actor",
  "page",
  "field",
  "legalForm",
  "disclosure",
  "status",
  "id",
  "done",
  "disabled",
  "expired",
  "signedout",
  "changed",
  "sort",
  "order",
  "department",
  "round",
  "kind",
  "state",
  "tier",
  "fy",
  "format",
  "search",
  "filter",
  "org",
];
const VOLATILE = ["sessions", "sign_in_attempts"];

describe("injection through filters, searches and exports", () => {
  let database: Database;
  let world: SecurityWorld;
  let getRoutes: string[];
  before(async () => {
    database = await createTestDatabase();
    world = await buildSecurityWorld(database);
    getRoutes = [
      ...new Set(world.app.routes.filter((r) => r.method === "GET").map((r) => routeKey(r.method, r.path))),
    ].map((k) => k.slice(4));
  });
  after(() => database.close());

  async function get(path: string, userId: string | null) {
    const headers: Record<string, string> = {};
    if (userId) headers.cookie = await world.cookie(userId);
    return world.app.request(path, { headers });
  }

  it("answers SQL in every query parameter of every page without a server error or a change", async () => {
    const before = await tableChecksums(database.db, VOLATILE);
    const problems: string[] = [];
    let requests = 0;
    for (const pattern of getRoutes) {
      const { path, ownerCode } = resolvePath(world, pattern);
      const admin = actorsFor(world, ownerCode).own[0]!.userId;
      for (const payload of SQLI) {
        const query = new URLSearchParams(PARAMS.map((p) => [p, payload])).toString();
        const started = performance.now();
        const res = await get(`${path}?${query}`, admin);
        requests += 1;
        const body = await res.text();
        if (res.status >= 500) problems.push(`${pattern} ${payload}: ${res.status}`);
        // the pages echo the search text (escaped); what must never show is the database's own error
        if (/syntax error|unterminated quoted|invalid input syntax|at character \d+/i.test(body))
          problems.push(`${pattern} ${payload}: the page shows a database error`);
        if (performance.now() - started > 4000) problems.push(`${pattern} ${payload}: pg_sleep ran`);
      }
    }
    assert.deepEqual(problems, []);
    // reading pages changes nothing; the one audited read is a group's personal-data export (group.export)
    const exports = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from audit_events where action = 'group.export'`,
      ),
    )[0]!.n;
    const changed = changedTables(before, await tableChecksums(database.db, VOLATILE));
    assert.deepEqual(changed, exports > 0 ? ["public.audit_events"] : []);
    const [others] = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from audit_events where action <> 'group.export'`,
      ),
    );
    assert.equal(others!.n, before["public.audit_events"]!.rows, "no other audit event was written");
    assert.ok(requests >= getRoutes.length * SQLI.length);
  });

  it("treats a search for SQL as text: it finds nothing rather than everything", async () => {
    const names = rowsOf<{ name: string }>(
      await database.db.execute(
        sql`select name from registry_groups where org_id = ${world.orgs["350001"]!}`,
      ),
    );
    assert.ok(names.length >= 2);
    const admin = world.people["350001"]!.admin;
    const all = await (await get("/registries/groups?status=all", admin)).text();
    assert.ok(
      names.every((n) => all.includes(n.name)),
      "an ordinary list shows every group",
    );
    for (const payload of SQLI) {
      const res = await get(`/registries/groups?status=all&q=${encodeURIComponent(payload)}`, admin);
      assert.equal(res.status, 200);
      const html = await res.text();
      for (const n of names) assert.ok(!html.includes(n.name), `${payload} found ${n.name}`);
    }
  });

  it("neutralises cells starting with = + - @ in every CSV and spreadsheet download", async () => {
    const FORMULAS = [
      '=HYPERLINK("http://evil.example","x")',
      "+1+1",
      "-2+3",
      "@SUM(1,1)",
      "=cmd|' /C calc'!A0",
    ];
    // store the formulas through every edit form of the records the downloads show
    let stored = 0;
    for (const pattern of getRoutes.filter((p) => p.endsWith("/edit"))) {
      const { path, ownerCode } = resolvePath(world, pattern);
      const admin = actorsFor(world, ownerCode).own[0]!.userId!;
      const page = await (await get(path, admin)).text();
      const form = formsOf(page).find((f) => f.method === "post" && f.action.endsWith("/edit"));
      if (!form) continue;
      const texts = form.fields.filter((f) => f.kind === "text" || f.kind === "textarea");
      for (const [i, field] of texts.entries()) {
        const fresh =
          formsOf(await (await get(path, admin)).text()).find((f) => f.action === form.action) ?? form;
        const res = await world.app.request(form.action, {
          method: "POST",
          headers: {
            origin: ORIGIN,
            cookie: await world.cookie(admin),
            "content-type": "application/x-www-form-urlencoded",
          },
          body: formBody(fresh, { [field.name]: FORMULAS[i % FORMULAS.length]! }),
        });
        assert.ok(res.status < 500, `${form.action} ${field.name}: ${res.status}`);
        if (res.status < 400) stored += 1;
      }
    }
    assert.ok(stored >= 5, `formulas stored through the forms: ${stored}`);

    // a number, or a lone "-" (the templates' and documents' "no value"), is no formula in any spreadsheet
    const dangerous = (v: string) => /^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v) && v !== "-";
    const problems: string[] = [];
    let neutralised = 0;
    let downloads = 0;
    for (const pattern of getRoutes) {
      const { path, ownerCode } = resolvePath(world, pattern);
      for (const reader of [null, actorsFor(world, ownerCode).own[0]!.userId]) {
        const res = await get(path, reader);
        if (res.status !== 200) continue;
        const type = res.headers.get("content-type") ?? "";
        const bytes = Buffer.from(await res.arrayBuffer());
        let cells: string[] = [];
        if (type.includes("csv")) {
          const text = new TextDecoder(/shift_jis/i.test(type) ? "shift_jis" : "utf-8").decode(bytes);
          cells = (parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][]).flat();
        } else if (type.includes("spreadsheetml")) {
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(bytes as unknown as ArrayBuffer);
          book.eachSheet((sheet) =>
            sheet.eachRow((row) =>
              row.eachCell((cell) => {
                const v = cell.value;
                if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v))
                  problems.push(`${pattern}: a formula cell ${cell.address}`);
                else cells.push(cell.text);
              }),
            ),
          );
        } else continue;
        downloads += 1;
        for (const c of cells) {
          if (dangerous(c)) problems.push(`${pattern} as ${reader ?? "anonymous"}: ${JSON.stringify(c)}`);
          if (FORMULAS.some((f) => c === `'${f}`)) neutralised += 1;
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(downloads >= 2, `spreadsheet downloads checked: ${downloads}`);
    assert.ok(neutralised >= 1, "a stored formula reached a download, neutralised");
  });
});
