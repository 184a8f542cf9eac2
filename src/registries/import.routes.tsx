/** The group-list import: upload → preview (nothing written) → commit (all or nothing, re-checked). */
import { type Context, Hono } from "hono";
import { readCsv, readXlsx } from "../imports/grid.js";
import { authorize, requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { type ImportRow, readGroupSheet } from "./group-import.js";
import { importGroups } from "./import-groups.js";
import { ImportPage } from "./pages/ImportPage.js";

type C = Context<AppEnv>;
const t = m.registries.importPage;
type Payload = { rows: ImportRow[]; columns: Record<string, string> };

const page = (c: C, p: Parameters<typeof ImportPage>[0], status: 200 | 422 = 200) =>
  renderPage(c, { title: t.title, status, body: <ImportPage {...p} /> });

async function staff(c: C) {
  const user = requireUser(c);
  if (user instanceof Response) return user;
  return (await authorize(c, "registry.edit", { orgId: user.orgId })) ?? user;
}

export const importRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const user = await staff(c);
    if (user instanceof Response) return user;
    return page(c, { problems: [], message: null, preview: null });
  })
  .post("/", async (c) => {
    const user = await staff(c);
    if (user instanceof Response) return user;
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0)
      return page(c, { problems: [], message: t.badFile, preview: null }, 422);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const grid = /\.xlsx$/i.test(file.name) ? await readXlsx(bytes) : readCsv(bytes);
    if (!grid.ok || !grid.value.sheets[0])
      return page(c, { problems: [], message: grid.ok ? t.badFile : grid.reason, preview: null }, 422);
    const sheet = readGroupSheet(grid.value.sheets[0]);
    if (!sheet.ok) return page(c, { problems: sheet.problems, message: t.badFile, preview: null }, 422);
    const r = await importGroups(
      { db: c.get("deps").database.db },
      user,
      user.orgId,
      sheet.rows,
      sheet.columns,
      {
        dryRun: true,
      },
    );
    if (!r.ok)
      return page(c, { problems: r.problems ?? [], message: r.errors._ ?? t.empty, preview: null }, 422);
    const payload = Buffer.from(JSON.stringify({ rows: sheet.rows, columns: sheet.columns })).toString(
      "base64",
    );
    return page(c, {
      problems: [],
      message: `${t.ready(r.created + r.updated)}（${t.counts(r.created, r.updated, r.unchanged)}）`,
      preview: { names: sheet.rows.map((x) => String(x.input.name)), payload },
    });
  })
  .post("/commit", async (c) => {
    const user = await staff(c);
    if (user instanceof Response) return user;
    const body = await c.req.parseBody();
    let payload: Payload;
    try {
      payload = JSON.parse(Buffer.from(String(body.payload ?? ""), "base64").toString("utf8")) as Payload;
      if (!Array.isArray(payload.rows)) throw new Error("rows");
    } catch {
      return page(c, { problems: [], message: t.badFile, preview: null }, 422);
    }
    // re-checked from scratch: the preview's payload came back from the browser
    const r = await importGroups(
      { db: c.get("deps").database.db },
      user,
      user.orgId,
      payload.rows,
      payload.columns ?? {},
      {
        dryRun: false,
      },
    );
    if (!r.ok)
      return page(c, { problems: r.problems ?? [], message: r.errors._ ?? t.empty, preview: null }, 422);
    return page(c, {
      problems: [],
      message: `${t.done(r.groups.length)}（${t.counts(r.created, r.updated, r.unchanged)}）`,
      preview: null,
    });
  });
