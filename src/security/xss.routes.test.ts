import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { formBody, formsOf } from "./html-forms.js";
import { routeKey } from "./route-access.js";
import { actorsFor, buildSecurityWorld, ORIGIN, resolvePath, type SecurityWorld } from "./security-world.js";

/**
 * Stored XSS: every text field of every form the application shows is saved with a script payload, then every
 * page is read back by the people who see it. The payload must only ever appear escaped. The forms are read out
 * of the pages themselves, so forms added later are swept too.
 */
const PAYLOADS = [
  '<script>alert("xss1")</script>',
  '"><img src=x onerror=alert("xss2")>',
  "'><svg onload=alert(3)>",
];
const RAW = [/<script>alert\("xss1"\)/, /<img src=x onerror=/, /<svg onload=/];
// forms whose purpose is to remove, disable or sign out: sweeping them would only remove what the sweep checks
const SKIP_ACTIONS =
  /\/(delete|disable|anonymise|merge|signout|signin|invitation|commit|state|reorder)$|^\/account\//;

describe("text typed into any form is shown escaped on every page (stored XSS)", () => {
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

  const adminOf = (ownerCode: string | null, code?: string) =>
    world.people[code ?? ownerCode ?? "350001"]!.admin;

  async function get(path: string, userId: string | null) {
    const headers: Record<string, string> = {};
    if (userId) headers.cookie = await world.cookie(userId);
    return world.app.request(path, { headers });
  }

  it("stores the payloads through every form, then finds them only escaped", async (t) => {
    const stats = { forms: 0, fields: 0, saved: 0, refused: 0 };
    const serverErrors: string[] = [];
    const swept = new Set<string>();
    for (const pattern of getRoutes) {
      const { path, ownerCode } = resolvePath(world, pattern);
      for (const code of ownerCode ? [ownerCode] : ["350001", "240001"]) {
        const admin = adminOf(ownerCode, code);
        const page = await get(path, admin);
        if (!(page.headers.get("content-type") ?? "").includes("text/html")) continue;
        for (const form of formsOf(await page.text())) {
          if (form.method !== "post" || SKIP_ACTIONS.test(form.action) || swept.has(`${code} ${form.action}`))
            continue;
          swept.add(`${code} ${form.action}`);
          stats.forms += 1;
          const textFields = form.fields.filter((f) => f.kind === "text" || f.kind === "textarea");
          for (const [i, field] of textFields.entries()) {
            // read the form again: a saved form has a new version
            const fresh =
              formsOf(await (await get(path, admin)).text()).find((f) => f.action === form.action) ?? form;
            const res = await world.app.request(form.action, {
              method: "POST",
              headers: {
                origin: ORIGIN,
                cookie: await world.cookie(admin),
                "content-type": "application/x-www-form-urlencoded",
              },
              body: formBody(fresh, { [field.name]: `${field.value}${PAYLOADS[i % PAYLOADS.length]}` }),
            });
            stats.fields += 1;
            if (res.status >= 500) serverErrors.push(`${form.action} ${field.name}: ${res.status}`);
            else if (res.status < 400) stats.saved += 1;
            else stats.refused += 1;
            const html = await res.text();
            for (const raw of RAW)
              if (raw.test(html)) serverErrors.push(`${form.action} ${field.name}: echoed raw`);
          }
        }
      }
    }
    assert.deepEqual(serverErrors, []);
    assert.ok(stats.forms >= 15, `forms swept: ${JSON.stringify(stats)}`);
    assert.ok(stats.saved >= 40, `payloads saved: ${JSON.stringify(stats)}`);

    // every page, as the administrators of both organisations, a viewer, and anonymous visitors
    const unescaped: string[] = [];
    let seenEscaped = 0;
    let pages = 0;
    for (const pattern of getRoutes) {
      const { path, ownerCode } = resolvePath(world, pattern);
      const { own } = actorsFor(world, ownerCode);
      const readers = [null, own[0]!.userId, own[4]!.userId, ...(ownerCode ? [] : [adminOf(null, "240001")])];
      for (const reader of readers) {
        const res = await get(path, reader);
        const type = res.headers.get("content-type") ?? "";
        if (!type.includes("text/html")) continue;
        pages += 1;
        const html = await res.text();
        for (const raw of RAW)
          if (raw.test(html)) unescaped.push(`${pattern} as ${reader ?? "anonymous"}: ${raw}`);
        if (html.includes("&lt;script&gt;alert(") || html.includes("&quot;&gt;&lt;img src=x"))
          seenEscaped += 1;
      }
    }
    t.diagnostic(`${JSON.stringify(stats)}; payload shown escaped on ${seenEscaped} of ${pages} pages`);
    assert.deepEqual(unescaped, []);
    assert.ok(
      seenEscaped >= 10,
      `the stored payloads were shown (escaped) on ${seenEscaped} of ${pages} pages`,
    );
  });
});
