/** Indicators pages: validate → authorise → use case → render. The only file of the capability that touches Hono. */
import { type Context, Hono } from "hono";
import type { CurrentUser } from "../accounts/account.js";
import { findHomeOrganisation } from "../accounts/organisation.repository.js";
import { type Action, can } from "../accounts/permissions.js";
import { todayInJapan } from "../japanese/index.js";
import type { Plan } from "../plans/plan.js";
import { findNodes, findPlan } from "../plans/plan.repository.js";
import type { Failure } from "../plans/plan-use-case.js";
import { fiscalYearLabel } from "../plans/plan-years.js";

import { findRound } from "../progress/progress.repository.js";
import { authorize, requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderForbidden, renderNotFound } from "../web/error-pages.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { deleteBudgetLine, deleteIndicator } from "./delete-indicator.js";
import { enterActual, roundRefusal } from "./enter-actual.js";
import { freezeLiveActual } from "./freeze-actual.js";
import { type BudgetLineRow, type Indicator, valueYearWindow } from "./indicator.js";
import {
  findBudgetLine,
  findIndicator,
  findPlanBudgetLines,
  findPlanIndicators,
} from "./indicator.repository.js";
import { budgetYearWindow, readYear } from "./indicator-input.js";
import { withLiveActuals } from "./live-actuals.js";
import { BudgetFormPage, ConflictPage, type FormState, IndicatorFormPage } from "./pages/IndicatorForms.js";
import { IndicatorsPage } from "./pages/IndicatorsPage.js";
import { RoundActualsPage } from "./pages/RoundActualsPage.js";
import { saveBudgetLine } from "./save-budget-line.js";
import { saveIndicator } from "./save-indicator.js";

type C = Context<AppEnv>;
const t = m.indicators;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const db = (c: C) => c.get("deps").database.db;
const isResponse = (x: unknown): x is Response => x instanceof Response;

/** The signed-in person allowed `action` on the plan of the path, or the response to send instead. */
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

async function yearStyle(c: C, user: CurrentUser): Promise<string> {
  return (await findHomeOrganisation(db(c), user.orgId))?.yearStyle ?? "wareki";
}

async function formValues(c: C): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

/** Flat form fields (`values.2.target`) → the nested shape the use cases validate. */
function nest(values: Record<string, string>, list: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const rows: Record<string, string>[] = [];
  for (const [k, v] of Object.entries(values)) {
    const mm = new RegExp(`^${list}\\.(\\d{1,2})\\.(\\w+)$`).exec(k);
    if (!mm) {
      out[k] = v;
      continue;
    }
    const row = rows[Number(mm[1])] ?? {};
    row[mm[2]!] = v;
    rows[Number(mm[1])] = row;
  }
  out[list] = Array.from(rows, (r) => r ?? {});
  return out;
}

const version = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : 0);

function indicatorToForm(x: Indicator | null, plan: Plan, style: string): Record<string, string> {
  const values: Record<string, string> = x
    ? {
        version: String(x.version),
        nodeId: x.nodeId ?? "",
        role: x.role,
        name: x.name,
        unit: x.unit ?? "",
        definition: x.definition ?? "",
        direction: x.direction ?? "",
        baselineYear: x.baselineYear === null ? "" : fiscalYearLabel(x.baselineYear, style),
        sourceNote: x.sourceNote ?? "",
        liveSource: x.liveSource ?? "",
      }
    : { version: "0", role: "main", direction: "up", liveSource: "" };
  const window = valueYearWindow(plan, { role: x?.role ?? "main", baselineYear: x?.baselineYear ?? null });
  const years = new Set(x?.values.map((v) => v.fiscalYear) ?? []);
  if (window?.from != null && window.to != null && window.to - window.from < 30)
    for (let y = window.from; y <= window.to; y++) years.add(y);
  const byYear = new Map(x?.values.map((v) => [v.fiscalYear, v]) ?? []);
  const num = (n: number | null | undefined) =>
    n === null || n === undefined ? "" : n.toLocaleString("ja-JP");
  const sorted = [...years].sort((a, b) => a - b);
  sorted.forEach((y, i) => {
    const v = byYear.get(y);
    values[`values.${i}.year`] = fiscalYearLabel(y, style);
    values[`values.${i}.target`] = num(v?.target);
    values[`values.${i}.actual`] = num(v?.actual);
    values[`values.${i}.note`] = v?.note ?? "";
  });
  values[`values.${sorted.length}.year`] = "";
  return values;
}

function budgetToForm(b: BudgetLineRow | null, plan: Plan, style: string): Record<string, string> {
  const values: Record<string, string> = b
    ? {
        version: String(b.version),
        nodeId: b.nodeId ?? "",
        name: b.name,
        servesLabel: b.servesLabel ?? "",
        summary: b.summary ?? "",
      }
    : { version: "0" };
  const window = budgetYearWindow(plan);
  const years = new Set(b?.amounts.map((a) => a.fiscalYear) ?? []);
  if (window?.from != null && window.to != null && window.to - window.from < 30)
    for (let y = window.from; y <= window.to; y++) years.add(y);
  const byYear = new Map(b?.amounts.map((a) => [a.fiscalYear, a.amount]) ?? []);
  const sorted = [...years].sort((a, z) => a - z);
  sorted.forEach((y, i) => {
    const a = byYear.get(y);
    values[`amounts.${i}.year`] = fiscalYearLabel(y, style);
    values[`amounts.${i}.amount`] = a === undefined ? "" : a === null ? "-" : a.toLocaleString("ja-JP");
  });
  values[`amounts.${sorted.length}.year`] = "";
  return values;
}

/** The row the person added last stays on the page, with one more blank row to add another. */
function withBlankRow(values: Record<string, string>, list: string): Record<string, string> {
  const keys = Object.keys(values).filter((k) => k.startsWith(`${list}.`));
  const n = Math.max(-1, ...keys.map((k) => Number(k.split(".")[1]))) + 1;
  const last = keys.filter((k) => k.startsWith(`${list}.${n - 1}.`)).some((k) => values[k]?.trim());
  return last || n === 0 ? { ...values, [`${list}.${n}.year`]: "" } : values;
}

function refused(
  c: C,
  f: Failure,
  back: string,
  rerender: (errors: Record<string, string>) => Promise<Response>,
) {
  switch (f.reason) {
    case "forbidden":
      return renderForbidden(c);
    case "not_found":
      return renderNotFound(c);
    case "conflict":
      return renderPage(c, {
        title: t.conflictTitle,
        status: 409,
        body: <ConflictPage changes={f.changes ?? []} message={f.errors._ ?? ""} back={back} />,
      });
    default:
      return rerender(f.errors);
  }
}

export const indicatorRoutes = new Hono<AppEnv>()
  .get("/plans/:id/indicators", async (c) => {
    const g = await guard(c, "plan.view");
    if (isResponse(g)) return g;
    const [nodes, indicators, budgets] = await Promise.all([
      findNodes(db(c), g.plan.id),
      findPlanIndicators(db(c), g.plan.id),
      findPlanBudgetLines(db(c), g.plan.id),
    ]);
    return renderPage(c, {
      title: t.title(g.plan.title),
      body: (
        <IndicatorsPage
          plan={g.plan}
          nodes={nodes}
          indicators={await withLiveActuals(db(c), g.plan, indicators)}
          budgets={budgets}
          yearStyle={await yearStyle(c, g.user)}
          canEdit={can(g.user, "indicator.edit", { orgId: g.plan.orgId })}
        />
      ),
    });
  })
  .get("/plans/:id/indicators/new", async (c) => {
    const g = await guard(c, "indicator.edit");
    if (isResponse(g)) return g;
    const style = await yearStyle(c, g.user);
    return indicatorForm(
      c,
      g.plan,
      null,
      { values: indicatorToForm(null, g.plan, style), errors: {} },
      style,
      200,
    );
  })
  .post("/plans/:id/indicators", async (c) => {
    const g = await guard(c, "indicator.edit");
    if (isResponse(g)) return g;
    return postIndicator(c, g.user, g.plan, null);
  })
  .get("/plans/:id/indicators/:indicatorId/edit", async (c) => {
    const g = await guard(c, "indicator.edit");
    if (isResponse(g)) return g;
    const x = await indicatorOf(c, g.plan);
    if (!x) return renderNotFound(c);
    const style = await yearStyle(c, g.user);
    return indicatorForm(
      c,
      g.plan,
      x.id,
      { values: indicatorToForm(x, g.plan, style), errors: {} },
      style,
      200,
    );
  })
  .post("/plans/:id/indicators/:indicatorId/edit", async (c) => {
    const g = await guard(c, "indicator.edit");
    if (isResponse(g)) return g;
    const x = await indicatorOf(c, g.plan);
    if (!x) return renderNotFound(c);
    return postIndicator(c, g.user, g.plan, x.id);
  })
  .get("/plans/:id/budgets/new", async (c) => {
    const g = await guard(c, "indicator.edit");
    if (isResponse(g)) return g;
    const style = await yearStyle(c, g.user);
    return budgetForm(c, g.plan, null, { values: budgetToForm(null, g.plan, style), errors: {} }, style, 200);
  })
  .post("/plans/:id/budgets", async (c) => {
    const g = await guard(c, "indicator.edit");
    if (isResponse(g)) return g;
    return postBudget(c, g.user, g.plan, null);
  })
  .get("/plans/:id/budgets/:lineId/edit", async (c) => {
    const g = await guard(c, "indicator.edit");
    if (isResponse(g)) return g;
    const b = await budgetOf(c, g.plan);
    if (!b) return renderNotFound(c);
    const style = await yearStyle(c, g.user);
    return budgetForm(c, g.plan, b.id, { values: budgetToForm(b, g.plan, style), errors: {} }, style, 200);
  })
  .post("/plans/:id/budgets/:lineId/edit", async (c) => {
    const g = await guard(c, "indicator.edit");
    if (isResponse(g)) return g;
    const b = await budgetOf(c, g.plan);
    if (!b) return renderNotFound(c);
    return postBudget(c, g.user, g.plan, b.id);
  })
  .post("/plans/:id/indicators/:indicatorId/freeze", async (c) => {
    const g = await guard(c, "indicator.edit");
    if (isResponse(g)) return g;
    const x = await indicatorOf(c, g.plan);
    if (!x) return renderNotFound(c);
    const values = await formValues(c);
    const r = await freezeLiveActual({ db: db(c) }, g.user, {
      indicatorId: x.id,
      fiscalYear: values.fiscalYear ?? "",
      version: values.version ?? "",
    });
    const back = `/plans/${g.plan.id}/indicators#i-${x.id}`;
    if (!r.ok) return refused(c, r, back, (errors) => messagePage(c, errors, back));
    return c.redirect(back, 303);
  })
  .post("/plans/:id/indicators/:indicatorId/delete", async (c) => {
    const g = await guard(c, "indicator.edit");
    if (isResponse(g)) return g;
    const x = await indicatorOf(c, g.plan);
    if (!x) return renderNotFound(c);
    const values = await formValues(c);
    const r = await deleteIndicator({ db: db(c) }, g.user, {
      planId: g.plan.id,
      id: x.id,
      version: values.version ?? "",
    });
    const back = `/plans/${g.plan.id}/indicators/${x.id}/edit`;
    if (!r.ok) return refused(c, r, back, (errors) => messagePage(c, errors, back));
    return c.redirect(`/plans/${g.plan.id}/indicators`, 303);
  })
  .post("/plans/:id/budgets/:lineId/delete", async (c) => {
    const g = await guard(c, "indicator.edit");
    if (isResponse(g)) return g;
    const b = await budgetOf(c, g.plan);
    if (!b) return renderNotFound(c);
    const values = await formValues(c);
    const r = await deleteBudgetLine({ db: db(c) }, g.user, {
      planId: g.plan.id,
      id: b.id,
      version: values.version ?? "",
    });
    const back = `/plans/${g.plan.id}/budgets/${b.id}/edit`;
    if (!r.ok) return refused(c, r, back, (errors) => messagePage(c, errors, back));
    return c.redirect(`/plans/${g.plan.id}/indicators#budgets`, 303);
  })
  .get("/progress/rounds/:roundId/actuals", async (c) => {
    const ctx = await roundContext(c);
    if (isResponse(ctx)) return ctx;
    const saved = c.req.query("saved") ?? null;
    return roundActualsPage(c, ctx, null, saved && UUID.test(saved) ? saved : null, 200);
  })
  .post("/progress/rounds/:roundId/actuals/:indicatorId", async (c) => {
    const ctx = await roundContext(c);
    if (isResponse(ctx)) return ctx;
    const id = c.req.param("indicatorId") ?? "";
    if (!UUID.test(id)) return renderNotFound(c);
    const values = await formValues(c);
    const field = (k: string) => values[`a-${id}.${k}`] ?? "";
    const r = await enterActual({ db: db(c) }, ctx.user, {
      indicatorId: id,
      fiscalYear: ctx.round.fiscalYear,
      actual: field("actual"),
      note: field("note"),
      version: version(values.version),
      roundId: ctx.round.id,
    });
    const base = `/progress/rounds/${ctx.round.id}/actuals`;
    if (!r.ok) {
      const state = {
        values: { actual: field("actual"), note: field("note"), version: values.version ?? "" },
        errors: r.errors,
      };
      return refused(c, r, base, (errors) =>
        roundActualsPage(c, ctx, { indicatorId: id, state: { ...state, errors } }, null, 422),
      );
    }
    return c.redirect(`${base}?saved=${id}#a-${id}`, 303);
  });

type RoundContext = {
  user: CurrentUser;
  round: NonNullable<Awaited<ReturnType<typeof findRound>>>;
  plan: Plan;
};

/** The signed-in person and the round of the path (of their organisation) with its plan. */
async function roundContext(c: C): Promise<RoundContext | Response> {
  const user = requireUser(c);
  if (isResponse(user)) return user;
  const id = c.req.param("roundId") ?? "";
  const round = UUID.test(id) ? await findRound(db(c), id) : null;
  if (!round || round.orgId !== user.orgId) return renderNotFound(c);
  const plan = await findPlan(db(c), round.planId);
  if (!plan) return renderNotFound(c);
  const denied = await authorize(c, "plan.view", { orgId: plan.orgId });
  if (denied) return denied;
  return { user, round, plan };
}

async function roundActualsPage(
  c: C,
  ctx: RoundContext,
  form: { indicatorId: string; state: FormState } | null,
  savedId: string | null,
  status: 200 | 422,
) {
  const [nodes, all] = await Promise.all([
    findNodes(db(c), ctx.plan.id),
    findPlanIndicators(db(c), ctx.plan.id),
  ]);
  // the indicators of the items the person's departments answer for (all of them for the plan owner)
  const mine = all.filter((x) => {
    const node = nodes.find((n) => n.id === x.nodeId);
    const departmentIds = (node?.departments ?? []).flatMap((d) => (d.departmentId ? [d.departmentId] : []));
    return can(ctx.user, "actual.enter", { orgId: ctx.plan.orgId, departmentIds });
  });
  const style = await yearStyle(c, ctx.user);
  return renderPage(c, {
    title: t.roundActuals.title(fiscalYearLabel(ctx.round.fiscalYear, style)),
    status,
    body: (
      <RoundActualsPage
        round={ctx.round}
        plan={ctx.plan}
        nodes={nodes}
        indicators={await withLiveActuals(db(c), ctx.plan, mine)}
        yearStyle={style}
        closed={roundRefusal(ctx.round, todayInJapan())}
        form={form}
        savedId={savedId}
      />
    ),
  });
}

/** A refusal that has no form to go back to (freeze, delete): its message and the way back. */
function messagePage(c: C, errors: Record<string, string>, back: string) {
  return renderPage(c, {
    title: t.form.errorSummary,
    status: 422,
    body: (
      <article class="message-page">
        <h1>{t.form.errorSummary}</h1>
        <ul>
          {Object.values(errors).map((msg) => (
            <li>{msg}</li>
          ))}
        </ul>
        <p>
          <a href={back}>{t.conflictBack}</a>
        </p>
      </article>
    ),
  });
}

async function indicatorOf(c: C, plan: Plan): Promise<Indicator | null> {
  const id = c.req.param("indicatorId") ?? "";
  const x = UUID.test(id) ? await findIndicator(db(c), id) : null;
  return x && x.planId === plan.id ? x : null;
}

async function budgetOf(c: C, plan: Plan): Promise<BudgetLineRow | null> {
  const id = c.req.param("lineId") ?? "";
  const b = UUID.test(id) ? await findBudgetLine(db(c), id) : null;
  return b && b.planId === plan.id ? b : null;
}

async function postIndicator(c: C, user: CurrentUser, plan: Plan, indicatorId: string | null) {
  const values = await formValues(c);
  const style = await yearStyle(c, user);
  const r = await saveIndicator({ db: db(c) }, user, {
    planId: plan.id,
    indicatorId,
    version: version(values.version),
    form: nest(values, "values"),
  });
  const back = indicatorId
    ? `/plans/${plan.id}/indicators/${indicatorId}/edit`
    : `/plans/${plan.id}/indicators/new`;
  if (!r.ok)
    return refused(c, r, back, (errors) =>
      indicatorForm(c, plan, indicatorId, { values: withBlankRow(values, "values"), errors }, style, 422),
    );
  return c.redirect(`/plans/${plan.id}/indicators#i-${r.indicator.id}`, 303);
}

async function postBudget(c: C, user: CurrentUser, plan: Plan, lineId: string | null) {
  const values = await formValues(c);
  const style = await yearStyle(c, user);
  const r = await saveBudgetLine({ db: db(c) }, user, {
    planId: plan.id,
    lineId,
    version: version(values.version),
    form: nest(values, "amounts"),
  });
  const back = lineId ? `/plans/${plan.id}/budgets/${lineId}/edit` : `/plans/${plan.id}/budgets/new`;
  if (!r.ok)
    return refused(c, r, back, (errors) =>
      budgetForm(c, plan, lineId, { values: withBlankRow(values, "amounts"), errors }, style, 422),
    );
  return c.redirect(`/plans/${plan.id}/indicators#budgets`, 303);
}

async function indicatorForm(
  c: C,
  plan: Plan,
  indicatorId: string | null,
  state: FormState,
  style: string,
  status: 200 | 422,
) {
  const role = (state.values.role ?? "main") as Indicator["role"];
  const baseline = readYear(state.values.baselineYear ?? "");
  const window = valueYearWindow(plan, { role, baselineYear: baseline.ok ? baseline.value : null });
  return renderPage(c, {
    title: indicatorId ? t.form.editTitle : t.form.newTitle,
    status,
    body: (
      <IndicatorFormPage
        plan={plan}
        nodes={await findNodes(db(c), plan.id)}
        indicatorId={indicatorId}
        state={state}
        window={window}
        yearStyle={style}
      />
    ),
  });
}

async function budgetForm(
  c: C,
  plan: Plan,
  lineId: string | null,
  state: FormState,
  style: string,
  status: 200 | 422,
) {
  return renderPage(c, {
    title: lineId ? t.form.budgetEditTitle : t.form.budgetNewTitle,
    status,
    body: (
      <BudgetFormPage
        plan={plan}
        nodes={await findNodes(db(c), plan.id)}
        lineId={lineId}
        state={state}
        window={budgetYearWindow(plan)}
        yearStyle={style}
      />
    ),
  });
}
