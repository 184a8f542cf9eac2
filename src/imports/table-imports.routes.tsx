/**
 * Table imports, validate → authorise → use case → render: a reporting round's bulk entry (/imports/rounds/…)
 * and a plan's yearly values, indicator targets / actuals and budget amounts (/imports/plans/:planId/:target/…).
 * With imports.routes.tsx and import-route-support.tsx, the only files of the imports capability that touch Hono.
 * Mounted after importRoutes, as when they were one router (see src/app.ts).
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { findHomeOrganisation } from "../accounts/organisation.repository.js";
import { can } from "../accounts/permissions.js";
import { formatFiscalYear } from "../japanese/index.js";
import { forbiddenPage } from "../plans/pages/components.js";
import type { Failure } from "../plans/plan-use-case.js";
import { findRound } from "../progress/progress.repository.js";
import type { AppEnv } from "../web/context.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { findImportJobFor } from "./find-import-job.js";
import { type ImportSource, sourceKindOfFile } from "./import-job.js";
import { listImportMappings } from "./import-job.repository.js";
import {
  type C,
  db,
  deps,
  LIMIT_LABEL,
  MAX_BODY,
  MAX_UPLOAD,
  mappingFields,
  mayImport,
  notFoundPage,
  saveMapping,
  user,
} from "./import-route-support.js";
import { proposedMappingName } from "./pages/MappingForm.js";
import { ProgressPastePage, ProgressPreviewPage } from "./pages/ProgressPages.js";
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
import { valuesTemplateCsv, valuesTemplateXlsx } from "./values-template.js";
import type { ValuesTarget } from "./year-values.js";

export const tableImportRoutes = new Hono<AppEnv>()
  // importRoutes' guard of /imports/* covers these paths already; guarded here too, so that this router stands alone
  .use("/imports/rounds/*", mayImport)
  .use("/imports/plans/*", mayImport)
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
