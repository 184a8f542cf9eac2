/** Reports pages: validate → authorise → use case → render. The only file of the capability that touches Hono. */
import { type Context, Hono } from "hono";
import type { CurrentUser } from "../accounts/account.js";
import { type Action, can } from "../accounts/permissions.js";
import type { Plan } from "../plans/plan.js";
import { findPlan } from "../plans/plan.repository.js";
import { fiscalYearLabel } from "../plans/plan-years.js";
import { authorize, requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderForbidden, renderNotFound } from "../web/error-pages.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { assetUrl } from "../web/static.js";
import {
  buildReport,
  findReportLayout,
  listReportLayouts,
  parseReportFile,
  renderModel,
  reportAttachment,
} from "./index.js";
import { loadReportSource } from "./load-report-source.js";
import { LayoutDesignerPage, layoutToForm } from "./pages/LayoutDesignerPage.js";
import { ReportsPage } from "./pages/ReportsPage.js";
import { findChromium } from "./render-pdf.js";
import { layoutFromForm } from "./report-layout.js";
import { walkNodes } from "./report-model.js";
import { deleteReportLayout, saveReportLayout } from "./save-report-layout.js";

type C = Context<AppEnv>;
const t = m.reports;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const db = (c: C) => c.get("deps").database.db;
const isResponse = (x: unknown): x is Response => x instanceof Response;

async function guard(c: C, action: Action): Promise<{ user: CurrentUser; plan: Plan } | Response> {
  const user = requireUser(c);
  if (isResponse(user)) return user;
  const id = c.req.param("id") ?? "";
  const plan = UUID.test(id) ? await findPlan(db(c), id) : null;
  if (!plan) return renderNotFound(c);
  const denied = await authorize(c, action, { orgId: plan.orgId });
  if (denied) return denied;
  return { user, plan };
}

async function formValues(c: C): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

/** `<layout>` → html, `<layout>.xlsx` → xlsx, `.csv`, `.sjis.csv`, `.pdf`. */

async function designer(
  c: C,
  plan: Plan,
  action: string,
  values: Record<string, string>,
  errors: Record<string, string>,
  status: 200 | 409 | 422 = 200,
) {
  const src = await loadReportSource(db(c), plan.id);
  const names = new Set<string>();
  if (src)
    walkNodes(src.nodes, (n) => {
      for (const k of Object.keys(n.attributes)) names.add(k);
    });
  return renderPage(c, {
    title: t.designerTitle(plan.title),
    status,
    body: (
      <LayoutDesignerPage
        plan={plan}
        action={action}
        state={{ values, errors }}
        attributeNames={[...names]}
      />
    ),
  });
}

async function save(c: C, layoutId: string | null) {
  const g = await guard(c, "plan.edit");
  if (isResponse(g)) return g;
  const values = await formValues(c);
  const action = layoutId
    ? `/plans/${g.plan.id}/reports/${layoutId}/edit`
    : `/plans/${g.plan.id}/reports/new`;
  const outcome = await saveReportLayout({ db: db(c) }, g.user, g.plan.id, {
    layoutId,
    version: /^\d+$/.test(values.version ?? "") ? Number(values.version) : 0,
    layout: layoutFromForm(values),
  });
  if (outcome.ok) return c.redirect(`/plans/${g.plan.id}/reports/${outcome.row.id}`, 303);
  if (outcome.reason === "forbidden") return renderForbidden(c);
  if (outcome.reason === "not_found") return renderNotFound(c);
  if (outcome.reason === "conflict") return designer(c, g.plan, action, values, { _: t.conflict }, 409);
  return designer(c, g.plan, action, values, outcome.errors, 422);
}

/** The confirmation step before a saved layout is deleted. */
function deletePage(
  c: C,
  plan: Plan,
  layoutId: string,
  name: string,
  version: number,
  error: string | null,
  status: 200 | 409 = 200,
) {
  return renderPage(c, {
    title: t.deleteTitle(name),
    status,
    body: (
      <section class="stack">
        <h1>{t.deleteTitle(name)}</h1>
        {error ? (
          <div class="alert alert--error" role="alert">
            <p>{error}</p>
          </div>
        ) : null}
        <p>{t.deleteLead}</p>
        <form method="post" action={`/plans/${plan.id}/reports/${layoutId}/delete`}>
          <input type="hidden" name="version" value={String(version)} />
          <button type="submit" class="button button--danger">
            {t.deleteConfirm}
          </button>{" "}
          <a href={`/plans/${plan.id}/reports`}>{t.cancel}</a>
        </form>
      </section>
    ),
  });
}

export const reportRoutes = new Hono<AppEnv>()
  .get("/plans/:id/reports", async (c) => {
    const g = await guard(c, "plan.view");
    if (isResponse(g)) return g;
    const [layouts, src, chromium] = await Promise.all([
      listReportLayouts(db(c), g.plan.id),
      loadReportSource(db(c), g.plan.id),
      findChromium(),
    ]);
    const style = src?.orgYearStyle ?? "wareki";
    const rounds = (src?.rounds ?? []).map((r) => ({
      id: r.id,
      label: t.roundOption(fiscalYearLabel(r.fiscalYear, style), t.roundStates[r.state]),
    }));
    const asked = c.req.query("roundId") ?? "";
    return renderPage(c, {
      title: t.title(g.plan.title),
      body: (
        <ReportsPage
          plan={g.plan}
          layouts={layouts}
          rounds={rounds}
          roundId={rounds.some((r) => r.id === asked) ? asked : null}
          canEdit={can(g.user, "plan.edit", { orgId: g.plan.orgId })}
          pdf={chromium !== null}
          notice={null}
        />
      ),
    });
  })
  .get("/plans/:id/reports/new", async (c) => {
    const g = await guard(c, "plan.edit");
    if (isResponse(g)) return g;
    return designer(c, g.plan, `/plans/${g.plan.id}/reports/new`, layoutToForm(null, 0), {});
  })
  .post("/plans/:id/reports/new", (c) => save(c, null))
  .get("/plans/:id/reports/:layoutId/edit", async (c) => {
    const g = await guard(c, "plan.edit");
    if (isResponse(g)) return g;
    const record = await findReportLayout(db(c), g.plan.id, c.req.param("layoutId"));
    if (!record || record.builtin) return renderNotFound(c);
    return designer(
      c,
      g.plan,
      `/plans/${g.plan.id}/reports/${record.id}/edit`,
      layoutToForm(record.layout, record.version),
      {},
    );
  })
  .post("/plans/:id/reports/:layoutId/edit", async (c) => {
    const id = c.req.param("layoutId");
    if (!UUID.test(id)) return renderNotFound(c);
    return save(c, id);
  })
  .get("/plans/:id/reports/:layoutId/delete", async (c) => {
    const g = await guard(c, "plan.edit");
    if (isResponse(g)) return g;
    const record = await findReportLayout(db(c), g.plan.id, c.req.param("layoutId"));
    if (!record || record.builtin) return renderNotFound(c);
    return deletePage(c, g.plan, record.id, record.layout.name, record.version, null);
  })
  .post("/plans/:id/reports/:layoutId/delete", async (c) => {
    const g = await guard(c, "plan.edit");
    if (isResponse(g)) return g;
    const id = c.req.param("layoutId");
    const record = UUID.test(id) ? await findReportLayout(db(c), g.plan.id, id) : null;
    if (!record || record.builtin) return renderNotFound(c);
    const values = await formValues(c);
    const outcome = await deleteReportLayout({ db: db(c) }, g.user, g.plan.id, {
      layoutId: record.id,
      version: /^\d+$/.test(values.version ?? "") ? Number(values.version) : -1,
    });
    if (outcome.ok) return c.redirect(`/plans/${g.plan.id}/reports`, 303);
    if (outcome.reason === "forbidden") return renderForbidden(c);
    if (outcome.reason === "not_found") return renderNotFound(c);
    return deletePage(c, g.plan, record.id, record.layout.name, record.version, t.conflict, 409);
  })
  .get("/plans/:id/reports/:file", async (c) => {
    const g = await guard(c, "plan.view");
    if (isResponse(g)) return g;
    const { layoutId, format } = parseReportFile(c.req.param("file"));
    const record = await findReportLayout(db(c), g.plan.id, layoutId);
    const roundId = c.req.query("roundId") || null;
    const opts = { roundId, audience: "internal" as const };
    const src = record ? await loadReportSource(db(c), g.plan.id, opts) : null;
    if (!record || !src) return renderNotFound(c);
    const model = buildReport(src, record.layout, opts);
    if (record.problem) model.notes.unshift(record.problem);
    const q = roundId ? `?roundId=${encodeURIComponent(roundId)}` : "";
    const base = `/plans/${g.plan.id}/reports/${record.id}`;
    const out = await renderModel(model, format, {
      css: { href: assetUrl("report.css") },
      toolbar: [
        { href: `/plans/${g.plan.id}/reports${q}`, label: t.backToList },
        { href: `${base}.xlsx${q}`, label: t.xlsx },
        { href: `${base}.csv${q}`, label: t.csv },
        { href: `${base}.sjis.csv${q}`, label: t.csvSjis },
        { href: `${base}.pdf${q}`, label: t.pdf },
      ],
    });
    if (!out.ok) {
      const page = await renderPage(c, {
        title: t.pdfUnavailableTitle,
        body: (
          <>
            <h1>{t.pdfUnavailableTitle}</h1>
            <p>{out.message}</p>
            <p>
              <a href={`${base}${q}`}>{t.html}</a>
            </p>
          </>
        ),
      });
      return new Response(page.body, { status: 503, headers: page.headers });
    }
    if (format === "html") return c.html(out.body as string);
    return c.body(out.body as string & Uint8Array, 200, {
      "content-type": out.contentType,
      "content-disposition": reportAttachment(out.filename),
      "cache-control": "private, no-store",
    });
  });
