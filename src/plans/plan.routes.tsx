/** Plans pages: validate → authorise → use case → render. The only file of the capability that touches Hono. */
import { type Context, Hono } from "hono";
import type { CurrentUser } from "../accounts/account.js";
import { findHomeOrganisation } from "../accounts/organisation.repository.js";
import { type Action, can } from "../accounts/permissions.js";
import { readIndicatorSummaries } from "../indicators/plan-indicators.js";
import { readRoundToShow } from "../progress/index.js";
import type { AppEnv } from "../web/context.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { addCrossReference } from "./add-cross-reference.js";
import { addNode } from "./add-node.js";
import { createNextTermPlan } from "./create-next-term-plan.js";
import { createPlan } from "./create-plan.js";
import { deleteNode } from "./delete-node.js";
import { moveNode } from "./move-node.js";
import { forbiddenPage, MessagePage } from "./pages/components.js";
import { CrossRefPage, NodeDeletePage, NodeFormPage, NodeMovePage } from "./pages/NodeForms.js";
import { ConflictView, NextTermPage, PlanFormPage, PlanListPage } from "./pages/PlanForms.js";
import { PlanPage } from "./pages/PlanPage.js";
import { type Plan, removedWith } from "./plan.js";
import { findNode, findNodes, findPlan, listPlans } from "./plan.repository.js";
import { type FormValues, nodeToForm, parseNodeForm, parsePlanForm, planToForm } from "./plan-forms.js";
import type { Failure } from "./plan-use-case.js";
import { fiscalYearLabel } from "./plan-years.js";
import { reorderNodes } from "./reorder-nodes.js";
import { updateNode } from "./update-node.js";
import { updatePlan } from "./update-plan.js";

type C = Context<AppEnv>;

const db = (c: C) => c.get("deps").database.db;
const deps = (c: C) => ({ db: db(c) });

function signInPage(c: C) {
  return renderPage(c, {
    title: m.plans.errors.signInTitle,
    status: 401,
    body: (
      <MessagePage title={m.plans.errors.signInTitle}>
        <p>{m.plans.errors.signIn}</p>
        <p>
          <a href={`/signin?next=${encodeURIComponent(c.req.path)}`}>{m.nav.signIn}</a>
        </p>
      </MessagePage>
    ),
  });
}

function notFoundPage(c: C, message = m.plans.errors.notFound) {
  return renderPage(c, {
    title: m.errors.notFoundTitle,
    status: 404,
    body: (
      <MessagePage title={m.errors.notFoundTitle}>
        <p>{message}</p>
        <p>
          <a href="/plans">{m.plans.listTitle}</a>
        </p>
      </MessagePage>
    ),
  });
}

/** The signed-in person allowed `action` on the plan, or the 401/403/404 response. */
async function guard(
  c: C,
  action: Action,
  planId?: string,
): Promise<{ user: CurrentUser; plan: Plan | null } | Response> {
  const user = c.get("user");
  if (!user) return signInPage(c);
  let plan: Plan | null = null;
  if (planId !== undefined) {
    plan = UUID.test(planId) ? await findPlan(db(c), planId) : null;
    if (!plan || plan.orgId !== user.orgId) return plan ? forbiddenPage(c) : notFoundPage(c);
  }
  if (!can(user, action, { orgId: plan?.orgId ?? user.orgId })) return forbiddenPage(c);
  return { user, plan };
}

async function form(c: C): Promise<FormValues> {
  const body = await c.req.parseBody();
  const out: FormValues = {};
  // NUL cannot be stored in PostgreSQL text: dropped here, as the progress forms do
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v.replaceAll("\u0000", "");
  return out;
}

async function yearStyle(c: C, user: CurrentUser): Promise<string> {
  return (await findHomeOrganisation(db(c), user.orgId))?.yearStyle ?? "wareki";
}

/** A refused use case as a page: 403, 404, 409 with what changed, or the form again with field messages (422). */
function failure(
  c: C,
  f: Failure,
  back: string,
  rerender: (errors: Record<string, string>) => Promise<Response>,
) {
  switch (f.reason) {
    case "forbidden":
      return forbiddenPage(c);
    case "not_found":
      return notFoundPage(c, f.errors._);
    case "conflict":
      return renderPage(c, {
        title: m.plans.errors.conflictTitle,
        status: 409,
        body: <ConflictView changes={f.changes ?? []} back={back} message={f.errors._ ?? ""} />,
      });
    default:
      return rerender(f.errors);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const version = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : 0);
const isResponse = (x: unknown): x is Response => x instanceof Response;

export const planRoutes = new Hono<AppEnv>()
  .get("/plans", async (c) => {
    const g = await guard(c, "plan.view");
    if (isResponse(g)) return g;
    const plans = await listPlans(db(c), g.user.orgId);
    return renderPage(c, {
      title: m.plans.listTitle,
      body: (
        <PlanListPage
          plans={plans}
          yearStyle={await yearStyle(c, g.user)}
          canCreate={can(g.user, "plan.create", { orgId: g.user.orgId })}
        />
      ),
    });
  })
  .get("/plans/new", async (c) => {
    const g = await guard(c, "plan.create");
    if (isResponse(g)) return g;
    const values = { status: "draft", levelNames: "基本方針\n施策\n取組" };
    return renderPlanForm(c, g.user, null, { values, errors: {} }, 200);
  })
  .post("/plans", async (c) => {
    const g = await guard(c, "plan.create");
    if (isResponse(g)) return g;
    const values = await form(c);
    const parsed = parsePlanForm(values);
    if (!parsed.ok) return renderPlanForm(c, g.user, null, { values, errors: parsed.errors }, 422);
    const r = await createPlan(deps(c), g.user, { orgId: g.user.orgId, ...parsed.value });
    if (!r.ok)
      return failure(c, r, "/plans", (errors) => renderPlanForm(c, g.user, null, { values, errors }, 422));
    return c.redirect(`/plans/${r.plan.id}`, 303);
  })
  .get("/plans/:id", async (c) => {
    const g = await guard(c, "plan.view", c.req.param("id"));
    if (isResponse(g)) return g;
    const plan = g.plan!;
    const [nodes, predecessor] = await Promise.all([
      findNodes(db(c), plan.id),
      plan.predecessorId ? findPlan(db(c), plan.predecessorId) : Promise.resolve(null),
    ]);
    const style = await yearStyle(c, g.user);
    const indicatorLines = await readIndicatorSummaries(db(c), plan.id, (y) => fiscalYearLabel(y, style));
    // statuses and 実績 of the latest published round (else the latest round) from the progress capability
    const round = await readRoundToShow(db(c), plan.id, new Map(nodes.map((n) => [n.id, n.key])));
    return renderPage(c, {
      title: plan.title,
      body: (
        <PlanPage
          plan={plan}
          nodes={nodes}
          yearStyle={style}
          departmentIds={g.user.departmentIds}
          canEdit={can(g.user, "node.edit", { orgId: plan.orgId })}
          round={round}
          predecessor={predecessor ? { id: predecessor.id, title: predecessor.title } : null}
          indicatorLines={indicatorLines}
        />
      ),
    });
  })
  .get("/plans/:id/edit", async (c) => {
    const g = await guard(c, "plan.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    return renderPlanForm(c, g.user, g.plan, { values: planToForm(g.plan!), errors: {} }, 200);
  })
  .post("/plans/:id/edit", async (c) => {
    const g = await guard(c, "plan.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const plan = g.plan!;
    const values = await form(c);
    const parsed = parsePlanForm(values);
    if (!parsed.ok) return renderPlanForm(c, g.user, plan, { values, errors: parsed.errors }, 422);
    const r = await updatePlan(deps(c), g.user, {
      planId: plan.id,
      version: version(values.version),
      ...parsed.value,
    });
    if (!r.ok) {
      return failure(c, r, `/plans/${plan.id}/edit`, (errors) =>
        renderPlanForm(c, g.user, plan, { values, errors }, 422),
      );
    }
    return c.redirect(`/plans/${plan.id}`, 303);
  })
  .get("/plans/:id/next-term", async (c) => {
    const g = await guard(c, "plan.create", c.req.param("id"));
    if (isResponse(g)) return g;
    const plan = g.plan!;
    const span =
      plan.firstYear !== null && plan.lastYear !== null ? plan.lastYear - plan.firstYear + 1 : null;
    const values = {
      title: plan.title,
      termLabel: "",
      firstYear: plan.lastYear !== null ? String(plan.lastYear + 1) : "",
      lastYear: plan.lastYear !== null && span ? String(plan.lastYear + span) : "",
      completedItems: "drop",
    };
    return renderPage(c, {
      title: m.plans.nextTerm.title,
      body: <NextTermPage plan={plan} state={{ values, errors: {} }} />,
    });
  })
  .post("/plans/:id/next-term", async (c) => {
    const g = await guard(c, "plan.create", c.req.param("id"));
    if (isResponse(g)) return g;
    const plan = g.plan!;
    const values = await form(c);
    const yearOf = (s: string | undefined) =>
      s && /^\d{4}$/.test(s.normalize("NFKC").trim()) ? Number(s.normalize("NFKC")) : null;
    const badYear = (s: string | undefined) => !!s?.trim() && yearOf(s) === null;
    const rerender = (errors: Record<string, string>) =>
      renderPage(c, {
        title: m.plans.nextTerm.title,
        status: 422,
        body: <NextTermPage plan={plan} state={{ values, errors }} />,
      });
    if (badYear(values.firstYear) || badYear(values.lastYear)) {
      return rerender({
        ...(badYear(values.firstYear) ? { firstYear: m.plans.errors.badYear } : {}),
        ...(badYear(values.lastYear) ? { lastYear: m.plans.errors.badYear } : {}),
      });
    }
    const r = await createNextTermPlan(deps(c), g.user, {
      planId: plan.id,
      title: values.title ?? "",
      termLabel: values.termLabel?.trim() || null,
      firstYear: yearOf(values.firstYear),
      lastYear: yearOf(values.lastYear),
      completedItems: values.completedItems === "mark" ? "mark" : "drop",
    });
    if (!r.ok) return failure(c, r, `/plans/${plan.id}`, rerender);
    return c.redirect(`/plans/${r.plan.id}`, 303);
  })
  .get("/plans/:id/nodes/new", async (c) => {
    const g = await guard(c, "node.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const values = { kind: "item", parentId: c.req.query("parent") ?? "" };
    return renderNodeForm(c, g.plan!, null, { values, errors: {} }, 200);
  })
  .post("/plans/:id/nodes", async (c) => {
    const g = await guard(c, "node.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const plan = g.plan!;
    const values = await form(c);
    const parsed = parseNodeForm(values);
    if (!parsed.ok) return renderNodeForm(c, plan, null, { values, errors: parsed.errors }, 422);
    const r = await addNode(deps(c), g.user, {
      planId: plan.id,
      parentId: values.parentId || null,
      position: null,
      ...parsed.value,
    });
    if (!r.ok)
      return failure(c, r, `/plans/${plan.id}`, (errors) =>
        renderNodeForm(c, plan, null, { values, errors }, 422),
      );
    return c.redirect(`/plans/${plan.id}#node-${r.node.id}`, 303);
  })
  .get("/plans/:id/nodes/:nodeId/edit", async (c) => {
    const g = await guard(c, "node.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const listed = await nodeOf(c, g.plan!);
    if (!listed) return notFoundPage(c);
    const target = listed.crossRefOf ? await findNode(db(c), listed.crossRefOf) : listed;
    if (!target) return notFoundPage(c);
    return renderNodeForm(c, g.plan!, listed, { values: nodeToForm(target), errors: {} }, 200);
  })
  .post("/plans/:id/nodes/:nodeId/edit", async (c) => {
    const g = await guard(c, "node.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const plan = g.plan!;
    const listed = await nodeOf(c, plan);
    if (!listed) return notFoundPage(c);
    const values = await form(c);
    const parsed = parseNodeForm(values);
    if (!parsed.ok) return renderNodeForm(c, plan, listed, { values, errors: parsed.errors }, 422);
    const r = await updateNode(deps(c), g.user, {
      nodeId: listed.id,
      version: version(values.version),
      ...parsed.value,
    });
    if (!r.ok) {
      return failure(c, r, `/plans/${plan.id}/nodes/${listed.id}/edit`, (errors) =>
        renderNodeForm(c, plan, listed, { values, errors }, 422),
      );
    }
    return c.redirect(`/plans/${plan.id}#node-${listed.id}`, 303);
  })
  .get("/plans/:id/nodes/:nodeId/move", async (c) => {
    const g = await guard(c, "node.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const node = await nodeOf(c, g.plan!);
    if (!node) return notFoundPage(c);
    const nodes = await findNodes(db(c), g.plan!.id);
    const state = { values: { parentId: node.parentId ?? "" }, errors: {} };
    return renderPage(c, {
      title: m.plans.node.moveTitle,
      body: <NodeMovePage plan={g.plan!} nodes={nodes} node={node} state={state} />,
    });
  })
  .post("/plans/:id/nodes/:nodeId/move", async (c) => {
    const g = await guard(c, "node.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const plan = g.plan!;
    const node = await nodeOf(c, plan);
    if (!node) return notFoundPage(c);
    const values = await form(c);
    const r = await moveNode(deps(c), g.user, {
      nodeId: node.id,
      version: version(values.version),
      parentId: values.parentId || null,
      position: null,
    });
    if (!r.ok) {
      return failure(c, r, `/plans/${plan.id}`, async (errors) =>
        renderPage(c, {
          title: m.plans.node.moveTitle,
          status: 422,
          body: (
            <NodeMovePage
              plan={plan}
              nodes={await findNodes(db(c), plan.id)}
              node={node}
              state={{ values, errors }}
            />
          ),
        }),
      );
    }
    return c.redirect(`/plans/${plan.id}#node-${node.id}`, 303);
  })
  .post("/plans/:id/nodes/:nodeId/reorder", async (c) => {
    const g = await guard(c, "node.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const plan = g.plan!;
    const node = await nodeOf(c, plan);
    if (!node) return notFoundPage(c);
    const values = await form(c);
    const nodes = await findNodes(db(c), plan.id);
    const order = nodes
      .filter((x) => x.parentId === node.parentId)
      .sort((a, b) => a.position - b.position)
      .map((x) => x.id);
    const i = order.indexOf(node.id);
    const j = values.direction === "up" ? i - 1 : i + 1;
    if (j >= 0 && j < order.length) [order[i], order[j]] = [order[j]!, order[i]!];
    const r = await reorderNodes(deps(c), g.user, { planId: plan.id, parentId: node.parentId, order });
    if (!r.ok) return failure(c, r, `/plans/${plan.id}`, async () => c.redirect(`/plans/${plan.id}`, 303));
    return c.redirect(`/plans/${plan.id}#node-${node.id}`, 303);
  })
  .get("/plans/:id/nodes/:nodeId/delete", async (c) => {
    const g = await guard(c, "node.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const node = await nodeOf(c, g.plan!);
    if (!node) return notFoundPage(c);
    const count = await deleteCount(c, g.plan!, node.id);
    return renderPage(c, {
      title: m.plans.node.deleteTitle,
      body: <NodeDeletePage plan={g.plan!} node={node} count={count} state={{ values: {}, errors: {} }} />,
    });
  })
  .post("/plans/:id/nodes/:nodeId/delete", async (c) => {
    const g = await guard(c, "node.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const plan = g.plan!;
    const node = await nodeOf(c, plan);
    if (!node) return notFoundPage(c);
    const values = await form(c);
    const r = await deleteNode(deps(c), g.user, {
      nodeId: node.id,
      version: version(values.version),
      confirmed: values.confirmed === "on",
    });
    if (!r.ok) {
      return failure(c, r, `/plans/${plan.id}`, async (errors) =>
        renderPage(c, {
          title: m.plans.node.deleteTitle,
          status: 422,
          body: (
            <NodeDeletePage
              plan={plan}
              node={node}
              count={await deleteCount(c, plan, node.id)}
              state={{ values, errors }}
            />
          ),
        }),
      );
    }
    return c.redirect(`/plans/${plan.id}`, 303);
  })
  .get("/plans/:id/nodes/:nodeId/cross-reference", async (c) => {
    const g = await guard(c, "node.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const node = await nodeOf(c, g.plan!);
    if (!node) return notFoundPage(c);
    const nodes = await findNodes(db(c), g.plan!.id);
    return renderPage(c, {
      title: m.plans.node.crossRefTitle,
      body: <CrossRefPage plan={g.plan!} nodes={nodes} node={node} state={{ values: {}, errors: {} }} />,
    });
  })
  .post("/plans/:id/nodes/:nodeId/cross-reference", async (c) => {
    const g = await guard(c, "node.edit", c.req.param("id"));
    if (isResponse(g)) return g;
    const plan = g.plan!;
    const node = await nodeOf(c, plan);
    if (!node) return notFoundPage(c);
    const values = await form(c);
    const r = await addCrossReference(deps(c), g.user, {
      planId: plan.id,
      originalId: node.id,
      parentId: values.parentId ?? "",
      label: values.label ?? null,
    });
    if (!r.ok) {
      return failure(c, r, `/plans/${plan.id}`, async (errors) =>
        renderPage(c, {
          title: m.plans.node.crossRefTitle,
          status: 422,
          body: (
            <CrossRefPage
              plan={plan}
              nodes={await findNodes(db(c), plan.id)}
              node={node}
              state={{ values, errors }}
            />
          ),
        }),
      );
    }
    return c.redirect(`/plans/${plan.id}#node-${r.node.id}`, 303);
  });

async function nodeOf(c: C, plan: Plan) {
  const id = c.req.param("nodeId") ?? "";
  const node = UUID.test(id) ? await findNode(db(c), id) : null;
  return node && node.planId === plan.id ? node : null;
}

async function deleteCount(c: C, plan: Plan, nodeId: string): Promise<number> {
  return removedWith(await findNodes(db(c), plan.id), nodeId).length;
}

async function renderPlanForm(
  c: C,
  user: CurrentUser,
  plan: Plan | null,
  state: { values: FormValues; errors: Record<string, string> },
  status: 200 | 422,
) {
  const others = await listPlans(db(c), user.orgId);
  return renderPage(c, {
    title: plan ? m.plans.editTitle(plan.title) : m.plans.newTitle,
    status,
    body: <PlanFormPage plan={plan} state={state} others={others} />,
  });
}

async function renderNodeForm(
  c: C,
  plan: Plan,
  listed: Awaited<ReturnType<typeof findNode>>,
  state: { values: FormValues; errors: Record<string, string> },
  status: 200 | 422,
) {
  const nodes = await findNodes(db(c), plan.id);
  return renderPage(c, {
    title: listed ? m.plans.node.editTitle : m.plans.node.addTitle,
    status,
    body: (
      <NodeFormPage plan={plan} nodes={nodes} node={listed} isCrossRef={!!listed?.crossRefOf} state={state} />
    ),
  });
}
