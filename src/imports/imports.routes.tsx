/** Import pages: validate → authorise → use case → render. The only file of the imports capability that touches Hono. */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { CurrentUser } from "../accounts/account.js";
import { findHomeOrganisation } from "../accounts/organisation.repository.js";
import { can } from "../accounts/permissions.js";
import { parseFiscalYear } from "../japanese/fiscal-year.js";
import { formatFiscalYear } from "../japanese/index.js";
import { MessagePage } from "../plans/pages/components.js";
import { listPlans } from "../plans/plan.repository.js";
import type { Failure } from "../plans/plan-use-case.js";
import { findRound } from "../progress/progress.repository.js";
import { authorize, requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { commitImport, planUpdateOf } from "./commit-import.js";
import { findImportJobFor, importJobPath } from "./find-import-job.js";
import { DEFAULT_LIMITS, formatBytes } from "./grid.js";
import { diffPlanDocuments } from "./import-diff.js";
import {
  type ImportSource,
  type ImportSourceKind,
  type PlanParse,
  parseHeaderRows,
  sourceKindOfFile,
} from "./import-job.js";
import { type ImportJob, listImportMappings } from "./import-job.repository.js";
import { ImportPage } from "./pages/ImportPage.js";
import { proposedMappingName } from "./pages/MappingForm.js";
import { PreviewPage } from "./pages/PreviewPage.js";
import { JobProgressPage, ProgressPastePage, ProgressPreviewPage } from "./pages/ProgressPages.js";
import { ResultPage } from "./pages/ResultPage.js";
import { ValuesPastePage, ValuesPreviewPage } from "./pages/ValuesPages.js";
import {
  commitPlanValuesImport,
  type PlanSeries,
  planSeriesFor,
  startPlanValuesImport,
} from "./plan-values-import.js";
import { commitProgressImport, roundEntriesFor, startProgressImport } from "./progress-import.js";
import { progressTemplateCsv, progressTemplateXlsx } from "./progress-template.js";
import { remapImport } from "./remap-import.js";
import { saveImportMapping } from "./save-import-mapping.js";
import { startImport } from "./start-import.js";
import { planTemplateCsv, planTemplateXlsx } from "./templates.js";
import { valuesTemplateCsv, valuesTemplateXlsx } from "./values-template.js";
import type { ValuesTarget } from "./year-values.js";

type C = Context<AppEnv>;
const db = (c: C) => c.get("deps").database.db;
const deps = (c: C) => ({ db: db(c) });

/** The upload limit; the request body may exceed it by the multipart framing and the other form fields. */
const MAX_UPLOAD = DEFAULT_LIMITS.maxBytes;
const MAX_BODY = MAX_UPLOAD + 1024 * 1024;
const LIMIT_LABEL = formatBytes(MAX_UPLOAD);

const user = (c: C) => c.get("user") as CurrentUser;

/** Signed in and allowed to import for their own organisation; otherwise the sign-in redirect or 403. */
const mayImport: MiddlewareHandler<AppEnv> = async (c, next) => {
  // a round's bulk entry is open to department staff; its use cases authorise entry by entry
  if (c.req.path.startsWith("/imports/rounds/")) {
    const signedIn = requireUser(c);
    if (signedIn instanceof Response) return signedIn;
    return next();
  }
  const u = c.get("user");
  const denied = await authorize(c, "import.run", { orgId: u?.orgId ?? "" });
  if (denied) return denied;
  await next();
};

type FormValues = Record<string, string>;

async function renderImportPage(
  c: C,
  values: FormValues,
  errors: Record<string, string>,
  status: 200 | 413 | 422,
) {
  const u = user(c);
  const [plans, saved] = await Promise.all([
    listPlans(db(c), u.orgId),
    listImportMappings(db(c), u.orgId, "plan"),
  ]);
  return renderPage(c, {
    title: m.imports.title,
    status,
    body: (
      <ImportPage
        state={{ values, errors }}
        plans={plans.map((p) => ({ id: p.id, title: p.title, termLabel: p.termLabel }))}
        savedMappings={saved.map((s) => ({ id: s.id, name: s.name }))}
        limit={LIMIT_LABEL}
      />
    ),
  });
}

function notFoundPage(c: C) {
  return renderPage(c, {
    title: m.errors.notFoundTitle,
    status: 404,
    body: (
      <MessagePage title={m.errors.notFoundTitle}>
        <p>{m.imports.errors.notFound}</p>
        <p>
          <a href="/imports">{m.imports.title}</a>
        </p>
      </MessagePage>
    ),
  });
}

function forbiddenPage(c: C) {
  return renderPage(c, {
    title: m.plans.errors.forbiddenTitle,
    status: 403,
    body: (
      <MessagePage title={m.plans.errors.forbiddenTitle}>
        <p>{m.plans.errors.forbidden}</p>
      </MessagePage>
    ),
  });
}

/** 和暦 or Western, or empty; undefined when it cannot be read. */
function fiscalYearOf(raw: string | undefined): number | null | undefined {
  const text = (raw ?? "").trim();
  if (!text) return null;
  const year = parseFiscalYear(
    /^\d{4}$/.test(text.normalize("NFKC")) ? `${text.normalize("NFKC")}年度` : text,
  );
  return year.ok ? year.value : undefined;
}

async function previewOf(
  c: C,
  job: ImportJob & { parsed: PlanParse },
  extra: { errors?: string[]; status?: 200 | 409 | 422; fiscalYear?: string } = {},
) {
  const parsed = job.parsed;
  const { target, current, doc } = await planUpdateOf(db(c), job, parsed);
  const saved = c.req.query("saved") ?? null;
  return renderPage(c, {
    title: m.imports.preview.title(job.sourceName),
    status: extra.status ?? 200,
    body: (
      <PreviewPage
        job={{ ...job, sourceKind: job.sourceKind as ImportSourceKind }}
        updates={target && current ? { title: target.title } : null}
        diff={diffPlanDocuments(current, doc)}
        errors={extra.errors ?? []}
        saved={saved}
        values={{
          fiscalYear:
            extra.fiscalYear ?? (job.options.fiscalYear === null ? "" : String(job.options.fiscalYear)),
          mappingName: proposedMappingName(saved, job.sourceName),
        }}
      />
    ),
  });
}

/** A refused job use case: 403 / 404 pages, else the preview again with the messages (409 / 422). */
async function jobFailure(c: C, f: Failure, jobId: string, fiscalYear?: string) {
  if (f.reason === "forbidden") return forbiddenPage(c);
  if (f.reason === "not_found") return notFoundPage(c);
  const found = await findImportJobFor(deps(c), user(c), jobId);
  if (!found.ok) return notFoundPage(c);
  const job = found.job;
  if (!job.parsed || (job.parsed.mode !== "grid" && job.parsed.mode !== "text")) return jobPage(c, job, 422);
  return previewOf(
    c,
    { ...job, parsed: job.parsed },
    {
      errors: Object.values(f.errors),
      status: f.reason === "conflict" ? 409 : 422,
      ...(fiscalYear !== undefined ? { fiscalYear } : {}),
    },
  );
}

/** How long the upload request waits for the parse before redirecting to the job page that shows its progress. */
const PARSE_WAIT_MS = 1500;

/** A job by its state: still reading (progress, refreshed), failed, committed (result) or parsed (preview). */
async function jobPage(c: C, job: ImportJob, status: 200 | 422 = 200) {
  // a round's or a plan's values job has its own page
  const path = importJobPath(job);
  if (path !== `/imports/${job.id}`) return c.redirect(path, 303);
  if (job.state === "parsing" || job.state === "failed" || !job.parsed) {
    if (job.state === "parsing") c.header("Refresh", "2");
    return renderPage(c, {
      title:
        job.state === "failed"
          ? m.imports.jobs.failedTitle(job.sourceName)
          : m.imports.jobs.parsingTitle(job.sourceName),
      status,
      body: (
        <JobProgressPage
          sourceName={job.sourceName}
          progress={job.progress ?? null}
          failure={job.state === "failed" ? (job.failure ?? m.imports.jobs.notReady) : null}
        />
      ),
    });
  }
  if (
    job.state === "committed" &&
    job.result &&
    (job.result.kind === undefined || job.result.kind === "plan")
  ) {
    const result = job.result;
    return renderPage(c, {
      title: m.imports.result[result.outcome],
      body: <ResultPage sourceName={job.sourceName} result={result} />,
    });
  }
  if (job.parsed.mode !== "grid" && job.parsed.mode !== "text") return notFoundPage(c);
  return previewOf(c, { ...job, parsed: job.parsed });
}

export const importRoutes = new Hono<AppEnv>()
  .use("/imports", mayImport)
  .use("/imports/*", mayImport)
  .get("/imports", (c) => renderImportPage(c, {}, {}, 200))
  .post(
    "/imports",
    bodyLimit({
      maxSize: MAX_BODY,
      onError: (c) => renderImportPage(c, {}, { source: m.imports.errors.tooLarge(LIMIT_LABEL) }, 413),
    }),
    async (c) => {
      const body = await c.req.parseBody();
      const values: FormValues = {};
      for (const [k, v] of Object.entries(body)) if (typeof v === "string") values[k] = v;
      const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
      const paste = (values.paste ?? "").trim() ? (values.paste ?? "") : null;
      const fail = (errors: Record<string, string>, status: 413 | 422 = 422) =>
        renderImportPage(c, values, errors, status);
      if (file && paste) return fail({ source: m.imports.errors.bothSources });
      if (!file && !paste) return fail({ source: m.imports.errors.noSource });
      if (file && file.size > MAX_UPLOAD)
        return fail({ source: m.imports.errors.tooLarge(LIMIT_LABEL) }, 413);
      let source: ImportSource;
      if (file) {
        const kind = sourceKindOfFile(file.name);
        if (!kind) return fail({ source: m.imports.errors.unsupported(file.name) });
        source = { kind, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), text: null };
      } else {
        source = { kind: "paste", name: m.imports.preview.kinds.paste, bytes: null, text: paste };
      }
      const fiscalYear = fiscalYearOf(values.fiscalYear);
      if (fiscalYear === undefined) return fail({ fiscalYear: m.imports.errors.badYear });
      const r = await startImport(
        deps(c),
        user(c),
        user(c).orgId,
        {
          source,
          targetPlanId: values.targetPlanId || null,
          fiscalYear,
          title: values.title || null,
          kind: values.kind || null,
          savedMappingId: values.savedMappingId || null,
        },
        // a parse longer than this goes on in a worker; the job page shows its progress meanwhile
        { waitMs: PARSE_WAIT_MS },
      );
      if (!r.ok) return r.reason === "forbidden" ? forbiddenPage(c) : fail(r.errors);
      return c.redirect(`/imports/${r.jobId}`, 303);
    },
  )
  .get("/imports/templates/plan.xlsx", async (c) =>
    c.body(new Uint8Array(await planTemplateXlsx()), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="plan.xlsx"`,
    }),
  )
  .get("/imports/templates/plan.csv", (c) =>
    c.body(new Uint8Array(planTemplateCsv()), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="plan.csv"`,
    }),
  )
  .get("/imports/:id", async (c) => {
    const found = await findImportJobFor(deps(c), user(c), c.req.param("id"));
    if (!found.ok) return jobFailure(c, found, c.req.param("id"));
    return jobPage(c, found.job);
  })
  .post("/imports/:id/mapping", async (c) => {
    const id = c.req.param("id");
    const body = await c.req.parseBody();
    const columns = mappingFields(body);
    const rawYear = typeof body.fiscalYear === "string" ? body.fiscalYear : "";
    const rawHeaderRows = typeof body.headerRows === "string" ? body.headerRows : "";
    const headerRows = parseHeaderRows(rawHeaderRows);
    if (headerRows === null)
      return jobFailure(
        c,
        { ok: false, reason: "invalid", errors: { headerRows: m.imports.headerRows.bad } },
        id,
        rawYear,
      );
    const fiscalYear = fiscalYearOf(rawYear);
    if (fiscalYear === undefined)
      return jobFailure(
        c,
        { ok: false, reason: "invalid", errors: { fiscalYear: m.imports.errors.badYear } },
        id,
        rawYear,
      );
    const r = await remapImport(deps(c), user(c), id, { fiscalYear, columns, headerRows });
    if (!r.ok) return jobFailure(c, r, id, rawYear);
    return c.redirect(r.path, 303);
  })
  .post("/imports/:id/commit", async (c) => {
    const id = c.req.param("id");
    const r = await commitImport(deps(c), user(c), id);
    if (!r.ok) return jobFailure(c, r, id);
    return c.redirect(`/imports/${id}`, 303);
  })
  .post("/imports/:id/mappings", async (c) => {
    const r = await saveMapping(c);
    if (!r.ok) return jobFailure(c, r, c.req.param("id"));
    return c.redirect(r.path, 303);
  })
  // --- a reporting round's bulk entry (department staff and the plan owner) ---
  .get("/imports/rounds/:roundId", async (c) => {
    const ctx = await roundContext(c);
    if (ctx instanceof Response) return ctx;
    return pastePage(c, ctx, {}, {}, 200);
  })
  .post(
    "/imports/rounds/:roundId",
    bodyLimit({
      maxSize: MAX_BODY,
      onError: async (c) => {
        const ctx = await roundContext(c);
        if (ctx instanceof Response) return ctx;
        return pastePage(c, ctx, {}, { source: m.imports.errors.tooLarge(LIMIT_LABEL) }, 413);
      },
    }),
    async (c) => {
      const ctx = await roundContext(c);
      if (ctx instanceof Response) return ctx;
      const read = await tableSource(c);
      if (!read.ok) return pastePage(c, ctx, read.values, read.errors, read.status);
      const { source, values } = read;
      const r = await startProgressImport(
        deps(c),
        user(c),
        ctx.round.id,
        source,
        values.savedMappingId || null,
      );
      if (!r.ok) {
        if (r.reason === "forbidden") return forbiddenPage(c);
        if (r.reason === "not_found") return notFoundPage(c);
        return pastePage(c, ctx, values, r.errors, 422);
      }
      return c.redirect(`/imports/rounds/${ctx.round.id}/jobs/${r.jobId}`, 303);
    },
  )
  .get("/imports/rounds/:roundId/template.xlsx", async (c) => {
    const ctx = await roundContext(c);
    if (ctx instanceof Response) return ctx;
    return c.body(new Uint8Array(await progressTemplateXlsx(ctx.entries, ctx.round.fieldsAsked)), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="progress.xlsx"`,
    });
  })
  .get("/imports/rounds/:roundId/template.csv", async (c) => {
    const ctx = await roundContext(c);
    if (ctx instanceof Response) return ctx;
    return c.body(new Uint8Array(progressTemplateCsv(ctx.entries, ctx.round.fieldsAsked)), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="progress.csv"`,
    });
  })
  .get("/imports/rounds/:roundId/jobs/:id", async (c) => progressJobPage(c, [], 200))
  .post("/imports/rounds/:roundId/jobs/:id/mapping", async (c) =>
    tableJobAction(c, progressJobPage, await remapTable(c)),
  )
  .post("/imports/rounds/:roundId/jobs/:id/mappings", async (c) =>
    tableJobAction(c, progressJobPage, await saveMapping(c)),
  )
  .post("/imports/rounds/:roundId/jobs/:id/commit", async (c) => {
    const body = await c.req.parseBody();
    const r = await commitProgressImport(deps(c), user(c), c.req.param("id"), {
      submit: body.submit === "1",
    });
    if (!r.ok) {
      if (r.reason === "forbidden") return forbiddenPage(c);
      if (r.reason === "not_found") return notFoundPage(c);
      return progressJobPage(c, Object.values(r.errors), r.reason === "conflict" ? 409 : 422);
    }
    return c.redirect(`/imports/rounds/${r.roundId}/jobs/${c.req.param("id")}`, 303);
  })
  // --- a plan's yearly values: indicator targets / actuals, budget amounts (plan owners) ---
  .get("/imports/plans/:planId/:target", async (c) => {
    const ctx = await valuesContext(c);
    if (ctx instanceof Response) return ctx;
    return valuesPastePage(c, ctx, {}, {}, 200);
  })
  .post(
    "/imports/plans/:planId/:target",
    bodyLimit({
      maxSize: MAX_BODY,
      onError: async (c) => {
        const ctx = await valuesContext(c);
        if (ctx instanceof Response) return ctx;
        return valuesPastePage(c, ctx, {}, { source: m.imports.errors.tooLarge(LIMIT_LABEL) }, 413);
      },
    }),
    async (c) => {
      const ctx = await valuesContext(c);
      if (ctx instanceof Response) return ctx;
      const source = await tableSource(c);
      if (!source.ok) return valuesPastePage(c, ctx, source.values, source.errors, source.status);
      const r = await startPlanValuesImport(
        deps(c),
        user(c),
        ctx.plan.id,
        ctx.target,
        source.source,
        source.values.savedMappingId || null,
      );
      if (!r.ok) {
        if (r.reason === "forbidden") return forbiddenPage(c);
        if (r.reason === "not_found") return notFoundPage(c);
        return valuesPastePage(c, ctx, source.values, r.errors, 422);
      }
      return c.redirect(`/imports/plans/${ctx.plan.id}/${ctx.target}/jobs/${r.jobId}`, 303);
    },
  )
  .get("/imports/plans/:planId/:target/template.xlsx", async (c) => {
    const ctx = await valuesContext(c);
    if (ctx instanceof Response) return ctx;
    return c.body(new Uint8Array(await valuesTemplateXlsx(ctx.target, ctx)), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${ctx.target}.xlsx"`,
    });
  })
  .get("/imports/plans/:planId/:target/template.csv", async (c) => {
    const ctx = await valuesContext(c);
    if (ctx instanceof Response) return ctx;
    return c.body(new Uint8Array(valuesTemplateCsv(ctx.target, ctx)), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${ctx.target}.csv"`,
    });
  })
  .get("/imports/plans/:planId/:target/jobs/:id", async (c) => valuesJobPage(c, [], 200))
  .post("/imports/plans/:planId/:target/jobs/:id/mapping", async (c) =>
    tableJobAction(c, valuesJobPage, await remapTable(c)),
  )
  .post("/imports/plans/:planId/:target/jobs/:id/mappings", async (c) =>
    tableJobAction(c, valuesJobPage, await saveMapping(c)),
  )
  .post("/imports/plans/:planId/:target/jobs/:id/commit", async (c) => {
    const r = await commitPlanValuesImport(deps(c), user(c), c.req.param("id"));
    if (!r.ok) {
      if (r.reason === "forbidden") return forbiddenPage(c);
      if (r.reason === "not_found") return notFoundPage(c);
      return valuesJobPage(c, Object.values(r.errors), r.reason === "conflict" ? 409 : 422);
    }
    return c.redirect(`/imports/plans/${r.planId}/${r.target}/jobs/${c.req.param("id")}`, 303);
  });

/** A round's or a plan's values import re-run with the preview's corrected mapping. */
async function remapTable(c: C) {
  return remapImport(deps(c), user(c), c.req.param("id") ?? "", {
    fiscalYear: null,
    columns: mappingFields(await c.req.parseBody()),
  });
}

/** The job's mapping saved under the posted name; done: the job's page, which confirms it (`?saved=`). */
async function saveMapping(c: C): Promise<{ ok: true; path: string } | Failure> {
  const body = await c.req.parseBody();
  const name = typeof body.name === "string" ? body.name : "";
  const r = await saveImportMapping(deps(c), user(c), c.req.param("id") ?? "", { name });
  return r.ok ? { ok: true, path: `${r.path}?saved=${encodeURIComponent(name.trim())}` } : r;
}

/** A round's or a plan's values job action done: its page next; refused: 403 / 404, or its preview again. */
function tableJobAction(
  c: C,
  jobPage: (c: C, errors: string[], status: 200 | 409 | 422) => Promise<Response>,
  r: { ok: true; path: string } | Failure,
): Response | Promise<Response> {
  if (!r.ok) {
    if (r.reason === "forbidden") return forbiddenPage(c);
    if (r.reason === "not_found") return notFoundPage(c);
    return jobPage(c, Object.values(r.errors), r.reason === "conflict" ? 409 : 422);
  }
  return c.redirect(r.path, 303);
}

/** The mapping form's choices: `col.<n>` (what the column is) and `year.<n>` (the year of a year column). */
function mappingFields(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body))
    if ((k.startsWith("col.") || k.startsWith("year.")) && typeof v === "string") out[k] = v;
  return out;
}

/** The paste or the file of a bulk-entry form, or the form's messages. */
async function tableSource(
  c: C,
): Promise<
  | { ok: true; source: ImportSource; values: Record<string, string> }
  | { ok: false; values: Record<string, string>; errors: Record<string, string>; status: 413 | 422 }
> {
  const body = await c.req.parseBody();
  // PostgreSQL text cannot hold NUL: a pasted NUL is dropped before the paste is stored with the job (it was a 500)
  const pasted = typeof body.paste === "string" ? body.paste.replace(/\u0000/g, "") : "";
  const paste = pasted.trim() ? pasted : null;
  const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
  const values = {
    paste: paste ?? "",
    savedMappingId: typeof body.savedMappingId === "string" ? body.savedMappingId : "",
  };
  const fail = (source: string, status: 413 | 422 = 422) => ({
    ok: false as const,
    values,
    errors: { source },
    status,
  });
  if (file && paste) return fail(m.imports.errors.bothSources);
  if (!file && !paste) return fail(m.imports.errors.noSource);
  if (file && file.size > MAX_UPLOAD) return fail(m.imports.errors.tooLarge(LIMIT_LABEL), 413);
  if (file) {
    const kind = sourceKindOfFile(file.name);
    if (kind !== "xlsx" && kind !== "csv") return fail(m.imports.errors.unsupported(file.name));
    return {
      ok: true,
      values,
      source: { kind, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), text: null },
    };
  }
  return {
    ok: true,
    values,
    source: { kind: "paste", name: m.imports.preview.kinds.paste, bytes: null, text: paste },
  };
}

type ValuesContext = PlanSeries & { target: ValuesTarget };

/** The plan of the path with its indicators or budget lines, for its owner; else 404/403. */
async function valuesContext(c: C): Promise<ValuesContext | Response> {
  const target = c.req.param("target");
  if (target !== "indicators" && target !== "budgets") return notFoundPage(c);
  const r = await planSeriesFor(deps(c), user(c), c.req.param("planId") ?? "", target);
  if (!r.ok) return r.reason === "forbidden" ? forbiddenPage(c) : notFoundPage(c);
  return { plan: r.plan, series: r.series, years: r.years, target };
}

async function valuesPastePage(
  c: C,
  ctx: ValuesContext,
  values: Record<string, string>,
  errors: Record<string, string>,
  status: 200 | 413 | 422,
) {
  const saved = await listImportMappings(db(c), ctx.plan.orgId, ctx.target);
  return renderPage(c, {
    title:
      ctx.target === "indicators"
        ? m.imports.values.indicatorsTitle(ctx.plan.title)
        : m.imports.values.budgetsTitle(ctx.plan.title),
    status,
    body: (
      <ValuesPastePage
        planId={ctx.plan.id}
        planTitle={ctx.plan.title}
        target={ctx.target}
        limit={LIMIT_LABEL}
        savedMappings={saved.map((s) => ({ id: s.id, name: s.name }))}
        state={{ values, errors }}
      />
    ),
  });
}

async function valuesJobPage(c: C, errors: string[], status: 200 | 409 | 422) {
  const found = await findImportJobFor(deps(c), user(c), c.req.param("id") ?? "");
  if (!found.ok) return found.reason === "forbidden" ? forbiddenPage(c) : notFoundPage(c);
  const job = found.job;
  const parse = job.parsed;
  if (
    parse?.mode !== "values" ||
    parse.planId !== c.req.param("planId") ||
    parse.target !== c.req.param("target")
  )
    return notFoundPage(c);
  const style = (await findHomeOrganisation(db(c), job.orgId))?.yearStyle ?? "wareki";
  return renderPage(c, {
    title: m.imports.values.previewTitle(job.sourceName),
    status,
    body: (
      <ValuesPreviewPage
        jobId={job.id}
        mapping={job.mapping}
        sourceName={job.sourceName}
        parse={parse}
        yearStyle={style}
        errors={errors}
        committed={
          job.state === "committed" && job.result?.kind === "values" ? { saved: job.result.saved } : null
        }
        saved={c.req.query("saved") ?? null}
        mappingName={proposedMappingName(c.req.query("saved") ?? null, job.sourceName)}
      />
    ),
  });
}

type RoundContext = {
  round: NonNullable<Awaited<ReturnType<typeof findRound>>>;
  planTitle: string;
  yearLabel: string;
  entries: Awaited<ReturnType<typeof roundEntriesFor>> extends infer R
    ? R extends { entries: infer E }
      ? E
      : never
    : never;
};

/** The round of the path, in the user's organisation, with the entries the user may fill; else 404/403. */
async function roundContext(c: C): Promise<RoundContext | Response> {
  const u = user(c);
  const id = c.req.param("roundId") ?? "";
  const round = /^[0-9a-f-]{36}$/i.test(id) ? await findRound(db(c), id) : null;
  if (!round || round.orgId !== u.orgId) return notFoundPage(c);
  const loaded = await roundEntriesFor(deps(c), u, round);
  if ("ok" in loaded) return notFoundPage(c);
  if (!loaded.entries.some((e) => e.editable) && !can(u, "round.manage", { orgId: round.orgId }))
    return forbiddenPage(c);
  const style = (await findHomeOrganisation(db(c), u.orgId))?.yearStyle ?? "wareki";
  return {
    round,
    planTitle: loaded.plan.title,
    yearLabel: formatFiscalYear(round.fiscalYear, style as "wareki"),
    entries: loaded.entries,
  };
}

async function pastePage(
  c: C,
  ctx: RoundContext,
  values: Record<string, string>,
  errors: Record<string, string>,
  status: 200 | 413 | 422,
) {
  const saved = await listImportMappings(db(c), ctx.round.orgId, "progress");
  return renderPage(c, {
    title: m.imports.progress.title(ctx.planTitle, ctx.yearLabel),
    status,
    body: (
      <ProgressPastePage
        roundId={ctx.round.id}
        planTitle={ctx.planTitle}
        yearLabel={ctx.yearLabel}
        ownOnly={!can(user(c), "round.manage", { orgId: ctx.round.orgId })}
        limit={LIMIT_LABEL}
        savedMappings={saved.map((s) => ({ id: s.id, name: s.name }))}
        state={{ values, errors }}
      />
    ),
  });
}

async function progressJobPage(c: C, errors: string[], status: 200 | 409 | 422) {
  const found = await findImportJobFor(deps(c), user(c), c.req.param("id") ?? "");
  if (!found.ok) return found.reason === "forbidden" ? forbiddenPage(c) : notFoundPage(c);
  const job = found.job;
  const parse = job.parsed;
  if (parse?.mode !== "progress" || parse.roundId !== c.req.param("roundId")) return notFoundPage(c);
  const style = (await findHomeOrganisation(db(c), job.orgId))?.yearStyle ?? "wareki";
  return renderPage(c, {
    title: m.imports.progress.previewTitle(job.sourceName),
    status,
    body: (
      <ProgressPreviewPage
        jobId={job.id}
        mapping={job.mapping}
        roundId={parse.roundId}
        sourceName={job.sourceName}
        parse={parse}
        yearLabel={formatFiscalYear(parse.fiscalYear, style as "wareki")}
        errors={errors}
        committed={
          job.state === "committed" && job.result?.kind === "progress"
            ? { saved: job.result.saved, submitted: job.result.submitted }
            : null
        }
        saved={c.req.query("saved") ?? null}
        mappingName={proposedMappingName(c.req.query("saved") ?? null, job.sourceName)}
      />
    ),
  });
}
