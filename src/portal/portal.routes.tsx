/**
 * The public portal (no sign-in) and the internal publication switch. The only file of the capability that
 * touches Hono. Published content is answered with a strong ETag (a hash of the body, the same in every app
 * process) and a short public Cache-Control. Pages are cached in the database (all processes share it); on PGlite,
 * whose database is inside this one process, in memory as well (page-cache.memory.ts).
 */
import { createHash } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { can } from "../accounts/permissions.js";
import { buildTree } from "../plans/plan.js";
import { findPlan } from "../plans/plan.repository.js";
import { fiscalYearLabel } from "../plans/plan-years.js";
import { listReportLayouts, parseReportFile, renderReport, reportAttachment } from "../reports/index.js";
import { requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderForbidden, renderNotFound } from "../web/error-pages.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { readAccessibilityResults } from "./accessibility-results.js";
import { expiresAt, type MemoryPage, memoryPageCache } from "./page-cache.memory.js";
import { type CachedPage, readCachedPage, storeCachedPage } from "./page-cache.repository.js";
import { AccessibilityPage } from "./pages/AccessibilityPage.js";
import {
  DefinitionsPage,
  HomePage,
  ItemPage,
  MessagePage,
  OpenDataPage,
  PlanPage,
  type PublishedReport,
  SearchPage,
} from "./pages/PortalPages.js";
import { PublicationPanel } from "./pages/PublicationPanel.js";
import { type Crumb, PublicLayout } from "./pages/PublicLayout.js";
import {
  atomFeed,
  type Column,
  catalogue,
  csvCell,
  type FeedEntry,
  INDICATOR_COLUMNS,
  ITEM_COLUMNS,
  indicatorRows,
  isUuid,
  itemRows,
  type Licence,
  likeContains,
  type PublicPlan,
  type PublicProgress,
  RESULTS_PER_PAGE,
  readSearchQuery,
} from "./portal.js";
import {
  findPublication,
  findPublicationEvents,
  findPublicIndicators,
  findPublicItem,
  findPublicNodeDepartments,
  findPublicNodes,
  findPublicProgress,
  findPublishedPlan,
  findRecentPublicProgress,
  listPublishedPlans,
  type PublicationEvent,
  searchPublished,
} from "./portal.repository.js";
import { publishPlan } from "./publish-plan.js";

type C = Context<AppEnv>;
const db = (c: C) => c.get("deps").database.db;
const t = m.portal;
// revalidated on every use (cheap with the ETag): stopping publication takes effect at once, in browsers and shared caches
const CACHE = "public, no-cache";
const FEED_LIMIT = 100;

function origin(c: C): string {
  return c.get("deps").config.publicOrigin ?? new URL(c.req.url).origin;
}

/** Answers published content with its strong ETag and Cache-Control; 304 when the client holds the same bytes. */
function answer(c: C, p: CachedPage | MemoryPage, extra: Record<string, string> = {}): Response {
  const headers: Record<string, string> = {
    etag: p.etag,
    "cache-control": CACHE,
    vary: "accept-encoding",
    ...extra,
  };
  const inm = c.req.header("if-none-match");
  if (inm?.split(",").some((x) => x.trim() === p.etag)) return c.body(null, 304, headers);
  const all = { ...headers, "content-type": p.contentType };
  // a page from memory is already UTF-8
  return typeof p.body === "string" ? c.body(p.body, 200, all) : c.body(p.body, 200, all);
}

/** Answers published content with a strong ETag (a hash of the body, the same in every app process). */
function published(c: C, body: string, contentType: string, extra: Record<string, string> = {}): Response {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
  return answer(c, { etag, contentType, body }, extra);
}

/**
 * For answers that depend on the path alone: served from the page cache in the database (one query) while no
 * write has touched public content, otherwise rendered and kept for the next visitor. Only 200s are kept.
 * On PGlite the pages are kept in this process's memory as well, dropped by the commit that changes public content
 * (page-cache.memory.ts): a hit there asks the database nothing. On PostgreSQL `memory` is null.
 */
async function cachedByPath(c: C, render: () => Promise<Response>): Promise<Response> {
  const key = c.req.path;
  // only paths a published page can have (ids): anything else is rendered (a 404) without asking the cache
  if (!/^[\x21-\x7e]{1,300}$/.test(key)) return render();
  const deps = c.get("deps");
  const memory = memoryPageCache(deps.database, (err) =>
    deps.log.warn("public pages not kept in memory: cannot listen to the database", { err }),
  );
  const kept = memory?.get(key);
  if (kept) return answer(c, kept);
  const { generation, page: hit } = await readCachedPage(db(c), key);
  memory?.read(generation);
  if (hit) {
    memory?.set(key, generation, hit, expiresAt(hit.createdAtMs));
    return answer(c, hit);
  }
  const res = await render();
  const etag = res.headers.get("etag");
  if (res.status === 200 && etag) {
    const page = { etag, contentType: res.headers.get("content-type") ?? "", body: await res.clone().text() };
    // stamped now: before the database's created_at, so it never outlives the stored copy
    memory?.set(key, generation, page, expiresAt(Date.now()));
    // a cache that cannot be written (read-only replica, lock timeout) must not fail the visitor's request
    await storeCachedPage(db(c), key, generation, page).catch((err) =>
      deps.log.warn("public page cache not written", { key, err }),
    );
  }
  return res;
}

async function page(
  c: C,
  p: {
    title: string;
    body: Child;
    crumbs?: Crumb[];
    feed?: { href: string; title: string };
    status?: 400 | 404 | 503;
    licence?: Licence;
  },
): Promise<Response> {
  const html = await (
    <PublicLayout title={p.title} path={c.req.path} crumbs={p.crumbs} feed={p.feed} licence={p.licence}>
      {p.body}
    </PublicLayout>
  ).toString();
  const doc = `<!DOCTYPE html>${html}`;
  if (p.status) return c.html(doc, p.status, { "cache-control": "no-store" });
  return published(c, doc, "text/html; charset=UTF-8");
}

const notFound = (c: C) =>
  page(c, {
    title: t.errors.notFoundTitle,
    status: 404,
    body: <MessagePage title={t.errors.notFoundTitle} body={t.errors.notFoundBody} />,
  });

const planCrumbs = (plan: PublicPlan): Crumb[] => [
  { href: "/public", label: t.navHome },
  { href: `/public/plans/${plan.id}`, label: plan.title },
];

/** What a published plan shows: its items, their published progress and its indicators. */
const planContent = (c: C, planId: string) =>
  Promise.all([
    findPublicNodes(db(c), planId),
    findPublicProgress(db(c), planId),
    findPublicIndicators(db(c), planId),
  ]);

/** The published plan named in the path, or null (unknown id, malformed id, not published). */
async function planOf(c: C): Promise<PublicPlan | null> {
  const id = c.req.param("planId");
  return isUuid(id) ? findPublishedPlan(db(c), id) : null;
}

function csv<R>(columns: Column<R>[], rows: R[]): string {
  const records = [
    columns.map((col) => col.header),
    ...rows.map((r) => columns.map((col) => csvCell(col.value(r)))),
  ];
  return `\uFEFF${stringify(records, { record_delimiter: "\r\n" })}`;
}

const asObject = <R,>(columns: Column<R>[], r: R) =>
  Object.fromEntries(columns.map((col) => [col.key, col.value(r) ?? null]));

function feedEntry(
  plan: PublicPlan,
  base: string,
  p: PublicProgress,
  titles: Map<string, string>,
): FeedEntry {
  const year = fiscalYearLabel(p.fiscalYear, plan.org.yearStyle);
  return {
    id: `urn:uuid:${p.entryId}`,
    title: `${titles.get(p.nodeId) ?? ""}：${year} ${p.statusLabel ?? ""}${p.departmentName ? `（${p.departmentName}）` : ""}`,
    updated: p.updatedAt,
    link: `${base}/public/plans/${plan.id}/items/${p.nodeId}`,
    summary: [p.statusLabel, p.grade, p.result].filter(Boolean).join(" / "),
  };
}

function eventEntry(plan: PublicPlan, base: string, e: PublicationEvent): FeedEntry {
  const title =
    e.kind === "plan" || e.fiscalYear === null
      ? t.feed.planPublished(plan.title)
      : t.feed.roundPublished(fiscalYearLabel(e.fiscalYear, plan.org.yearStyle));
  return {
    id: `urn:kyodo:publication-event:${e.id}`,
    title,
    updated: e.at,
    link: `${base}/public/plans/${plan.id}`,
    summary: title,
  };
}

/** The outputs of a published report, as linked from the public plan page. */
const REPORT_LINKS: readonly [string, PublishedReport["format"]][] = [
  ["", "HTML"],
  [".xlsx", "xlsx"],
  [".csv", "CSV"],
  [".pdf", "PDF"],
];

export const portalRoutes = new Hono<AppEnv>()
  .get("/public", async (c) => {
    const plans = await listPublishedPlans(db(c));
    return page(c, { title: t.home.title, body: <HomePage plans={plans} /> });
  })
  .get("/public/plans/:planId", (c) =>
    cachedByPath(c, async () => {
      const plan = await planOf(c);
      if (!plan) return notFound(c);
      const [nodes, progress, indicators] = await planContent(c, plan.id);
      const reports: PublishedReport[] = (await listReportLayouts(db(c), plan.id)).flatMap((l) =>
        REPORT_LINKS.map(([suffix, format]) => ({
          title: l.layout.name,
          href: `/public/plans/${plan.id}/reports/${l.id}${suffix}`,
          format,
        })),
      );
      return page(c, {
        title: plan.title,
        licence: plan.licence,
        crumbs: [{ href: "/public", label: t.navHome }, { label: plan.title }],
        feed: { href: `/public/plans/${plan.id}/feed.atom`, title: t.plan.feed },
        body: (
          <PlanPage
            plan={plan}
            tree={buildTree(nodes)}
            nodes={nodes}
            progress={progress}
            indicators={indicators.filter((i) => i.nodeId === null)}
            reports={reports}
          />
        ),
      });
    }),
  )
  .get("/public/plans/:planId/reports/:file", async (c) => {
    const plan = await planOf(c);
    if (!plan) return notFound(c);
    const { layoutId, format } = parseReportFile(c.req.param("file"));
    const out = await renderReport(db(c), { planId: plan.id, layoutId, format, audience: "public" });
    if (!out.ok) {
      if (out.reason === "not_found") return notFound(c);
      return page(c, {
        title: t.plan.reports,
        status: 503,
        body: <MessagePage title={t.plan.reports} body={out.message} />,
      });
    }
    if (format === "html") return c.html(out.body as string);
    return c.body(out.body as string & Uint8Array, 200, {
      "content-type": out.contentType,
      "content-disposition": reportAttachment(out.filename),
    });
  })
  .get("/public/plans/:planId/items/:nodeRef", (c) =>
    cachedByPath(c, async () => {
      const planId = c.req.param("planId");
      const ref = c.req.param("nodeRef");
      const json = ref.endsWith(".json");
      const nodeId = json ? ref.slice(0, -5) : ref;
      const item = isUuid(planId) && isUuid(nodeId) ? await findPublicItem(db(c), planId, nodeId) : null;
      if (!item) {
        if (json) return c.json({ error: "not_found", message: t.errors.notFoundBody }, 404);
        return notFound(c);
      }
      if (json) {
        const body = JSON.stringify({
          licence: item.plan.licence,
          plan: {
            id: item.plan.id,
            title: item.plan.title,
            localGovCode: item.plan.org.code,
            organisation: item.plan.org.name,
          },
          item: item.node,
          ancestors: item.ancestors,
          progress: item.progress.map(({ updatedAt, ...p }) => ({
            ...p,
            updatedAt: updatedAt.toISOString(),
          })),
          indicators: item.indicators,
        });
        return published(c, body, "application/json; charset=UTF-8");
      }
      const title = `${item.node.label ? `${item.node.label} ` : ""}${item.node.title}`;
      return page(c, {
        title: `${title} | ${item.plan.title}`,
        licence: item.plan.licence,
        crumbs: [
          ...planCrumbs(item.plan),
          ...item.ancestors.map((a) => ({
            href: `/public/plans/${item.plan.id}/items/${a.id}`,
            label: `${a.label ? `${a.label} ` : ""}${a.title}`,
          })),
          { label: title },
        ],
        feed: { href: `/public/plans/${item.plan.id}/items/${item.node.id}/feed.atom`, title: t.item.feed },
        body: <ItemPage item={item} />,
      });
    }),
  )
  .get("/public/plans/:planId/items/:nodeId/feed.atom", async (c) => {
    const planId = c.req.param("planId");
    const nodeId = c.req.param("nodeId");
    const item = isUuid(planId) && isUuid(nodeId) ? await findPublicItem(db(c), planId, nodeId) : null;
    if (!item) return notFound(c);
    const base = origin(c);
    const titles = new Map([[item.node.id, item.node.title]]);
    const xml = atomFeed({
      id: `urn:uuid:${item.node.id}`,
      title: `${item.node.title}（${item.plan.title}）`,
      selfUrl: `${base}${c.req.path}`,
      alternateUrl: `${base}/public/plans/${item.plan.id}/items/${item.node.id}`,
      author: item.plan.org.name,
      rights: item.plan.licence.name,
      fallbackUpdated: item.plan.publishedAt,
      entries: [...item.progress].reverse().map((p) => feedEntry(item.plan, base, p, titles)),
    });
    return published(c, xml, "application/atom+xml; charset=UTF-8");
  })
  .get("/public/plans/:planId/feed.atom", async (c) => {
    const plan = await planOf(c);
    if (!plan) return notFound(c);
    const [recent, nodes, events] = await Promise.all([
      findRecentPublicProgress(db(c), plan.id, FEED_LIMIT),
      findPublicNodes(db(c), plan.id),
      findPublicationEvents(db(c), plan.id, FEED_LIMIT),
    ]);
    const base = origin(c);
    const titles = new Map(nodes.map((n) => [n.id, n.title]));
    // what moved: progress reports, and the plan and its yearly rounds being published, newest first
    const entries = [
      ...recent.map((p) => feedEntry(plan, base, p, titles)),
      ...events.map((e) => eventEntry(plan, base, e)),
    ]
      .sort((a, b) => b.updated.getTime() - a.updated.getTime())
      .slice(0, FEED_LIMIT);
    const xml = atomFeed({
      id: `urn:uuid:${plan.id}`,
      title: plan.title,
      selfUrl: `${base}${c.req.path}`,
      alternateUrl: `${base}/public/plans/${plan.id}`,
      author: plan.org.name,
      rights: plan.licence.name,
      fallbackUpdated: plan.publishedAt,
      entries,
    });
    return published(c, xml, "application/atom+xml; charset=UTF-8");
  })
  .get("/public/plans/:planId/data.csv", async (c) => {
    const plan = await planOf(c);
    if (!plan) return notFound(c);
    const [nodes, progress, departments] = await Promise.all([
      findPublicNodes(db(c), plan.id),
      findPublicProgress(db(c), plan.id),
      findPublicNodeDepartments(db(c), plan.id),
    ]);
    const rows = itemRows(plan, nodes, progress, departments);
    return published(c, csv(ITEM_COLUMNS, rows), "text/csv; charset=UTF-8", {
      "content-disposition": `attachment; filename="plan-${plan.id}-items.csv"`,
    });
  })
  .get("/public/plans/:planId/indicators.csv", async (c) => {
    const plan = await planOf(c);
    if (!plan) return notFound(c);
    const [nodes, indicators] = await Promise.all([
      findPublicNodes(db(c), plan.id),
      findPublicIndicators(db(c), plan.id),
    ]);
    const keys = new Map(nodes.map((n) => [n.id, n.key]));
    return published(
      c,
      csv(INDICATOR_COLUMNS, indicatorRows(plan, indicators, keys)),
      "text/csv; charset=UTF-8",
      {
        "content-disposition": `attachment; filename="plan-${plan.id}-indicators.csv"`,
      },
    );
  })
  .get("/public/plans/:planId/data.json", async (c) => {
    const plan = await planOf(c);
    if (!plan) return notFound(c);
    const [[nodes, progress, indicators], departments] = await Promise.all([
      planContent(c, plan.id),
      findPublicNodeDepartments(db(c), plan.id),
    ]);
    const keys = new Map(nodes.map((n) => [n.id, n.key]));
    const base = origin(c);
    const body = JSON.stringify({
      licence: plan.licence,
      definitions: `${base}/public/plans/${plan.id}/data-definitions`,
      plan: {
        id: plan.id,
        title: plan.title,
        kind: plan.kind,
        termLabel: plan.termLabel,
        firstYear: plan.firstYear,
        lastYear: plan.lastYear,
        localGovCode: plan.org.code,
        organisation: plan.org.name,
        publishedAt: plan.publishedAt.toISOString(),
      },
      items: itemRows(plan, nodes, progress, departments).map((r) => asObject(ITEM_COLUMNS, r)),
      indicators: indicatorRows(plan, indicators, keys).map((r) => asObject(INDICATOR_COLUMNS, r)),
    });
    return published(c, body, "application/json; charset=UTF-8");
  })
  .get("/public/plans/:planId/data-definitions", async (c) => {
    const plan = await planOf(c);
    if (!plan) return notFound(c);
    return page(c, {
      title: t.openData.definitionsTitle(plan.title),
      licence: plan.licence,
      crumbs: [...planCrumbs(plan), { label: t.plan.definitions }],
      body: <DefinitionsPage plan={plan} />,
    });
  })
  .get("/public/open-data", async (c) => {
    const plans = await listPublishedPlans(db(c));
    return page(c, { title: t.openData.title, body: <OpenDataPage plans={plans} /> });
  })
  .get("/public/catalog.json", async (c) => {
    const plans = await listPublishedPlans(db(c));
    return published(c, JSON.stringify(catalogue(origin(c), plans)), "application/ld+json; charset=UTF-8");
  })
  .get("/public/search", async (c) => {
    const q = c.req.query("q");
    const read = readSearchQuery(q, c.req.query("page"));
    if (!read.ok) {
      return page(c, {
        title: `${t.errors.badRequestTitle}：${t.search.title}`,
        status: 400,
        body: <SearchPage query={null} raw={q ?? ""} error={read.message} hits={[]} hasNext={false} />,
      });
    }
    const { query } = read;
    const found = await searchPublished(
      db(c),
      query.terms.map(likeContains),
      RESULTS_PER_PAGE,
      (query.page - 1) * RESULTS_PER_PAGE,
    );
    const hasNext = found.length > RESULTS_PER_PAGE;
    return page(c, {
      title: query.terms.length > 0 ? t.search.titleWith(query.text) : t.search.title,
      body: (
        <SearchPage
          query={query}
          raw={q ?? ""}
          error={null}
          hits={found.slice(0, RESULTS_PER_PAGE)}
          hasNext={hasNext}
        />
      ),
    });
  })
  .get("/public/accessibility", async (c) => {
    const results = readAccessibilityResults(c.get("deps").config.dataDir);
    return page(c, { title: t.accessibility.title, body: <AccessibilityPage results={results} /> });
  })
  // --- internal: the publication switch of a plan (plan.publish) ------------------------------------------------
  .get("/plans/:planId/publication", async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const id = c.req.param("planId");
    const plan = isUuid(id) ? await findPlan(db(c), id) : null;
    if (!plan) return renderNotFound(c);
    if (!can(user, "plan.view", { orgId: plan.orgId })) return renderForbidden(c);
    const publication = await findPublication(db(c), plan.id);
    return renderPage(c, {
      title: `${t.publication.title}：${plan.title}`,
      body: (
        <PublicationPanel
          plan={plan}
          publication={publication}
          canPublish={can(user, "plan.publish", { orgId: plan.orgId })}
          error={null}
        />
      ),
    });
  })
  .post("/plans/:planId/publication", async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const id = c.req.param("planId");
    const plan = isUuid(id) ? await findPlan(db(c), id) : null;
    if (!plan) return renderNotFound(c);
    const body = await c.req.parseBody();
    const field = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : undefined);
    const outcome = await publishPlan({ db: db(c) }, user, {
      planId: plan.id,
      version: field("version") ?? "",
      // "licence": only the open-data licence changes; the publication stays as it is
      publish: body.action === "licence" ? undefined : body.action === "publish",
      licenceCode: field("licenceCode"),
      licenceName: field("licenceName"),
      licenceUrl: field("licenceUrl"),
    });
    if (outcome.ok) return c.redirect(`/plans/${plan.id}/publication`, 303);
    if (outcome.reason === "forbidden") return renderForbidden(c);
    if (outcome.reason === "not_found") return renderNotFound(c);
    const publication = await findPublication(db(c), plan.id);
    return renderPage(c, {
      title: `${t.publication.title}：${plan.title}`,
      status: outcome.reason === "conflict" ? 409 : 422,
      body: (
        <PublicationPanel
          plan={plan}
          publication={publication}
          canPublish={can(user, "plan.publish", { orgId: plan.orgId })}
          error={outcome.errors._ ?? Object.values(outcome.errors)[0] ?? m.errors.badRequestTitle}
        />
      ),
    });
  });
