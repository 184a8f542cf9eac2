/**
 * The whole-plan import, validate → authorise → use case → render: the upload or paste form (/imports), its
 * templates, and a job's progress, preview, mapping, saved mapping and commit (/imports/:id). The imports of a
 * round's progress and of a plan's yearly values are in table-imports.routes.tsx, what both use in
 * import-route-support.tsx: these three are the only files of the imports capability that touch Hono.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { parseFiscalYear } from "../japanese/fiscal-year.js";
import { forbiddenPage } from "../plans/pages/components.js";
import { listPlans } from "../plans/plan.repository.js";
import type { Failure } from "../plans/plan-use-case.js";
import type { AppEnv } from "../web/context.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { commitImport, planUpdateOf } from "./commit-import.js";
import { findImportJobFor, importJobPath } from "./find-import-job.js";
import { diffPlanDocuments } from "./import-diff.js";
import {
  type ImportSource,
  type ImportSourceKind,
  type PlanParse,
  parseHeaderRows,
  sourceKindOfFile,
} from "./import-job.js";
import { type ImportJob, listImportMappings } from "./import-job.repository.js";
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
import { ImportPage } from "./pages/ImportPage.js";
import { proposedMappingName } from "./pages/MappingForm.js";
import { PreviewPage } from "./pages/PreviewPage.js";
import { JobProgressPage } from "./pages/ProgressPages.js";
import { ResultPage } from "./pages/ResultPage.js";
import { remapImport } from "./remap-import.js";
import { startImport } from "./start-import.js";
import { planTemplateCsv, planTemplateXlsx } from "./templates.js";

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
  // all of /imports/*, as before the split: the table imports' paths (guarded there too) and unknown ones
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
  });
