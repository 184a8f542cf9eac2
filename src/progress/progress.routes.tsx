/** The progress pages: rounds of the organisation, opening a round, the live board, the entry form. */
import { type Context, Hono } from "hono";
import type { CurrentUser } from "../accounts/account.js";
import { listDepartments } from "../accounts/department.repository.js";
import { findHomeOrganisation } from "../accounts/organisation.repository.js";
import { can } from "../accounts/permissions.js";
import { todayInJapan } from "../japanese/index.js";
import { MessagePage } from "../plans/pages/components.js";
import { findNodes, findPlan, listPlans } from "../plans/plan.repository.js";
import type { Failure } from "../plans/plan-use-case.js";
import { requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderForbidden } from "../web/error-pages.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { approveEntry } from "./approve-entry.js";
import { carryNextTermProposals } from "./carry-next-term.js";
import {
  allowLateSubmission,
  closeRound,
  lockRound,
  publishRound,
  reopenRound,
} from "./change-round-state.js";
import { commentOnEntry } from "./comment-on-entry.js";
import { contributeToEntry } from "./contribute-to-entry.js";
import { completion } from "./entry-state.js";
import { defaultFiscalYear, openRound } from "./open-round.js";
import { ChainPage } from "./pages/ChainPage.js";
import { EntryPage } from "./pages/EntryPage.js";
import { type BoardItem, RoundBoardPage } from "./pages/RoundBoardPage.js";
import { NewRoundPage, RoundListPage } from "./pages/RoundPages.js";
import {
  boardByDepartment,
  ENTRY_FIELD_NAMES,
  type Entry,
  relatedDepartments,
  responsibleDepartmentIds,
} from "./progress.js";
import {
  countEntryStates,
  findEntries,
  findPreviousEntry,
  findReviewChain,
  findRound,
  findStatedTallies,
  listComments,
  listContributions,
  listEntryVersions,
  listReminders,
  listRoundsOfOrg,
} from "./progress.repository.js";
import {
  type EntryContext,
  isFailure,
  loadEntry,
  mayEdit,
  mayView,
  reviewOptions,
} from "./progress-use-case.js";
import { reminderDeps } from "./reminder-job.js";
import { returnEntry } from "./return-entry.js";
import { chainOf } from "./review-chain.js";
import { roundTally } from "./round-tally.js";
import { saveEntry } from "./save-entry.js";
import { chainRows, saveChain } from "./save-review-chain.js";
import { remindNow } from "./send-reminders.js";
import { submitEntry } from "./submit-entry.js";

type C = Context<AppEnv>;
/**
 * What the live board reads of the plan's nodes: department staff see their to-do lists, found by the items'
 * departments; the others the whole board and the tier tally, counted by the items' kinds, tiers and 再掲.
 */
const DEPARTMENT_NODE_FIELDS = ["label", "title", "departments"] as const;
const OWNER_NODE_FIELDS = ["label", "title", "kind", "tierCode", "crossRefOf"] as const;
/** What the live board reads of the round's entries (its tables, tracker, tally and review buttons). */
const BOARD_ENTRY_FIELDS = [
  "nodeId",
  "position",
  "departmentId",
  "departmentName",
  "state",
  "reviewStep",
  "statusLabel",
  "version",
] as const;
const reminded = (n: number) =>
  Number.isInteger(n) && n > 0 ? m.progress.reminders.sent(n) : m.progress.reminders.nothing;
const db = (c: C) => c.get("deps").database.db;
const deps = (c: C) => ({ db: db(c) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isResponse = (x: unknown): x is Response => x instanceof Response;
const t = m.progress;

async function yearStyle(c: C, user: CurrentUser): Promise<string> {
  return (await findHomeOrganisation(db(c), user.orgId))?.yearStyle ?? "wareki";
}

async function form(c: C): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

function notFoundPage(c: C, message: string) {
  return renderPage(c, {
    title: m.errors.notFoundTitle,
    status: 404,
    body: (
      <MessagePage title={m.errors.notFoundTitle}>
        <p>{message}</p>
        <p>
          <a href="/progress">{t.listTitle}</a>
        </p>
      </MessagePage>
    ),
  });
}

/** A refused use case that has no form to show again: 403, 404, or a message page with the reason (409/422). */
function failurePage(c: C, f: Failure, back: string) {
  if (f.reason === "forbidden") return renderForbidden(c);
  if (f.reason === "not_found") return notFoundPage(c, f.errors._ ?? "");
  return renderPage(c, {
    title: f.reason === "conflict" ? t.errors.conflictTitle : t.errors.summary,
    status: f.reason === "conflict" ? 409 : 422,
    body: (
      <MessagePage title={f.reason === "conflict" ? t.errors.conflictTitle : t.errors.summary}>
        <div class="alert alert--error" role="alert">
          <ul>
            {Object.values(f.errors).map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
        <p>
          <a href={back}>{t.entry.back}</a>
        </p>
      </MessagePage>
    ),
  });
}

async function loadRoundFor(c: C, user: CurrentUser, id: string) {
  const round = UUID.test(id) ? await findRound(db(c), id) : null;
  if (!round || round.orgId !== user.orgId)
    return notFoundPage(c, `${t.errors.roundNotFound}が見つかりません。`);
  return round;
}

async function loadEntryFor(c: C, user: CurrentUser, id: string): Promise<EntryContext | Response> {
  const ctx = UUID.test(id) ? await loadEntry(db(c), id) : null;
  if (!ctx || isFailure(ctx) || ctx.round.orgId !== user.orgId)
    return notFoundPage(c, `${t.errors.entryNotFound}が見つかりません。`);
  if (!mayView(user, ctx)) return renderForbidden(c);
  return ctx;
}

const fieldValues = (e: Entry): Record<string, string> => ({
  version: String(e.version),
  ...Object.fromEntries(ENTRY_FIELD_NAMES.map((k) => [k, e[k] ?? ""])),
});

async function renderEntry(
  c: C,
  user: CurrentUser,
  ctx: EntryContext,
  opts: {
    values?: Record<string, string>;
    errors?: Record<string, string>;
    status?: 200 | 409 | 422;
    conflict?: Failure["changes"];
  } = {},
) {
  const [previous, comments, versions, contributions] = await Promise.all([
    findPreviousEntry(db(c), ctx.round, ctx.entry),
    listComments(db(c), ctx.entry.id),
    listEntryVersions(db(c), ctx.entry.id),
    listContributions(db(c), ctx.entry.id),
  ]);
  const { entry, round } = ctx;
  const today = todayInJapan();
  const windowOpen =
    round.state === "open" &&
    !round.locked &&
    (round.deadline === null || today <= round.deadline || round.allowLate) &&
    ["not_started", "draft", "returned"].includes(entry.state);
  const editable = mayEdit(user, ctx) && windowOpen;
  const review = reviewOptions(user, round, entry);
  const related = relatedDepartments(round, entry, ctx.node.departments);
  const myDept = related.find((d) => user.departmentIds.includes(d.departmentId));
  const myRow = myDept ? contributions.find((x) => x.departmentId === myDept.departmentId) : undefined;
  const saved = c.req.query("saved");
  return renderPage(c, {
    title: t.entry.title(ctx.node.title),
    status: opts.status ?? 200,
    body: (
      <EntryPage
        {...ctx}
        yearStyle={await yearStyle(c, user)}
        state={{ values: opts.values ?? fieldValues(entry), errors: opts.errors ?? {} }}
        previous={previous}
        comments={comments}
        versions={versions}
        editable={editable}
        canReview={review.may}
        step={review.step}
        lastStep={review.last}
        mayReturn={review.mayReturn}
        contributions={related.length > 0 ? contributions : null}
        myContribution={
          myDept
            ? {
                departmentId: myDept.departmentId,
                name: myDept.name,
                body: myRow?.body ?? "",
                version: myRow?.version ?? 0,
                editable: windowOpen,
              }
            : null
        }
        canComment={can(user, "entry.comment", { orgId: round.orgId })}
        conflict={opts.conflict ?? null}
        notice={
          saved === "submit"
            ? t.entry.submittedMessage
            : saved === "contribution"
              ? t.contributions.saved
              : saved
                ? t.entry.saved
                : null
        }
      />
    ),
  });
}

export const progressRoutes = new Hono<AppEnv>()
  .get("/progress", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    // the organisation's rounds and plans are staff's (plan.view): a civic group's person is refused
    if (!can(user, "plan.view", { orgId: user.orgId })) return renderForbidden(c);
    const [rounds, plans] = await Promise.all([
      listRoundsOfOrg(db(c), user.orgId),
      listPlans(db(c), user.orgId),
    ]);
    const titles = new Map(plans.map((p) => [p.id, p.title]));
    const counts = await countEntryStates(
      db(c),
      rounds.filter((r) => r.origin === "app").map((r) => r.id),
    );
    return renderPage(c, {
      title: t.listTitle,
      body: (
        <RoundListPage
          rounds={rounds
            .filter((r) => titles.has(r.planId))
            .map((round) => {
              const states = counts
                .filter((x) => x.roundId === round.id)
                .flatMap((x) => Array.from({ length: x.count }, () => x.state));
              return {
                round,
                planTitle: titles.get(round.planId)!,
                completion: states.length > 0 ? completion(states) : null,
              };
            })}
          yearStyle={await yearStyle(c, user)}
          canOpen={can(user, "round.manage", { orgId: user.orgId })}
        />
      ),
    });
  })
  .get("/progress/rounds/new", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    if (!can(user, "round.manage", { orgId: user.orgId })) return renderForbidden(c);
    const plans = await listPlans(db(c), user.orgId);
    const values = {
      planId: c.req.query("plan") ?? plans[0]?.id ?? "",
      fiscalYear: String(defaultFiscalYear(todayInJapan())),
      entryMode: "per-department",
      reminderDays: "7,1",
    };
    return renderPage(c, {
      title: t.newRound.title,
      body: <NewRoundPage plans={plans} state={{ values, errors: {} }} asked={["status", "result"]} />,
    });
  })
  .post("/progress/rounds", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const body = await form(c);
    const r = await openRound(deps(c), user, body);
    if (r.ok) return c.redirect(`/progress/rounds/${r.round.id}`, 303);
    if (r.reason !== "invalid") return failurePage(c, r, "/progress");
    const plans = await listPlans(db(c), user.orgId);
    const asked =
      body.fieldsAsked === undefined
        ? []
        : Array.isArray(body.fieldsAsked)
          ? body.fieldsAsked
          : [body.fieldsAsked];
    const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, one(v)]));
    return renderPage(c, {
      title: t.newRound.title,
      status: 422,
      body: <NewRoundPage plans={plans} state={{ values, errors: r.errors }} asked={asked} />,
    });
  })
  .get("/progress/rounds/:id", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const round = await loadRoundFor(c, user, c.req.param("id"));
    if (isResponse(round)) return round;
    if (
      !can(user, "entry.view", { orgId: round.orgId, departmentIds: user.departmentIds }) &&
      user.role !== "department"
    )
      return renderForbidden(c);
    const plan = await findPlan(db(c), round.planId);
    if (!plan || plan.orgId !== user.orgId)
      return notFoundPage(c, `${t.errors.roundNotFound}が見つかりません。`);
    // only the columns the view shows (issue 13): on PGlite, a prefecture's 2,000 nodes and entries with all their
    // columns cost the page about 60 ms more, and the nodes' departments the owner's board about 15 ms
    const isDepartment = user.role === "department";
    const [view, entries, reminders, departments, style] = await Promise.all([
      isDepartment
        ? findNodes(db(c), plan.id, DEPARTMENT_NODE_FIELDS).then((nodes) => ({
            of: "department" as const,
            nodes,
          }))
        : Promise.all([
            findNodes(db(c), plan.id, OWNER_NODE_FIELDS),
            findStatedTallies(db(c), [round.id]),
          ]).then(([nodes, stated]) => ({ of: "owner" as const, nodes, stated: stated.get(round.id) ?? [] })),
      findEntries(db(c), [round.id], BOARD_ENTRY_FIELDS),
      listReminders(db(c), round.id),
      listDepartments(db(c), round.orgId),
      yearStyle(c, user),
    ]);
    const byId = new Map<string, BoardItem["node"]>(view.nodes.map((n) => [n.id, n]));
    const options = new Map(entries.map((e) => [e.id, reviewOptions(user, round, e)]));
    const items = entries
      .filter((e) => byId.has(e.nodeId))
      .map((entry) => ({ entry, node: byId.get(entry.nodeId)!, step: options.get(entry.id)?.step ?? null }));
    const reviewable = new Map(
      entries
        .filter((e) => e.state === "submitted" && options.get(e.id)?.may)
        .map((e) => [e.id, { mayReturn: options.get(e.id)!.mayReturn, last: options.get(e.id)!.last }]),
    );
    const deptNames = new Map(departments.map((d) => [d.id, d.name]));
    const itemDepartments =
      view.of === "department" ? new Map(view.nodes.map((n) => [n.id, n.departments])) : null;
    const mine = itemDepartments
      ? items.filter((x) =>
          responsibleDepartmentIds(x.entry, itemDepartments.get(x.entry.nodeId)!, user.departmentIds).some(
            (d) => user.departmentIds.includes(d),
          ),
        )
      : [];
    const today = todayInJapan();
    return renderPage(c, {
      title: t.board.title(plan.title, String(round.fiscalYear)),
      body: (
        <RoundBoardPage
          round={round}
          plan={plan}
          yearStyle={style}
          pastDeadline={round.deadline !== null && today > round.deadline}
          items={items}
          mine={mine}
          board={boardByDepartment(
            items.map((x) => x.entry),
            round.deadline,
            today,
          )}
          tally={view.of === "owner" ? roundTally(plan, view.nodes, entries, view.stated) : []}
          canManage={can(user, "round.manage", { orgId: round.orgId })}
          reviewable={reviewable}
          contributing={
            itemDepartments
              ? items.filter((x) =>
                  relatedDepartments(round, x.entry, itemDepartments.get(x.entry.nodeId)!).some((d) =>
                    user.departmentIds.includes(d.departmentId),
                  ),
                )
              : []
          }
          chain={chainOf(round.reviewSteps)
            .map((s) => s.label)
            .join(" → ")}
          reminders={reminders.map((r) => ({ ...r, departmentName: deptNames.get(r.departmentId) ?? "" }))}
          notice={
            c.req.query("reminded") !== undefined
              ? reminded(Number(c.req.query("reminded")))
              : c.req.query("carried") !== undefined
                ? t.board.carried(Number(c.req.query("carried")) || 0)
                : null
          }
          isDepartment={isDepartment}
        />
      ),
    });
  })
  .post("/progress/rounds/:id/state", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const id = c.req.param("id");
    const body = await form(c);
    const input = { version: one(body.version) };
    const action = one(body.action);
    const changes = {
      close: () => closeRound(deps(c), user, id, input),
      reopen: () => reopenRound(deps(c), user, id, input),
      publish: () => publishRound(deps(c), user, id, input),
      lock: () => lockRound(deps(c), user, id, input, true),
      unlock: () => lockRound(deps(c), user, id, input, false),
      "allow-late": () => allowLateSubmission(deps(c), user, id, input, true),
      "disallow-late": () => allowLateSubmission(deps(c), user, id, input, false),
    };
    // own keys only: an action named after an Object.prototype member (valueOf) is not a change
    const change = Object.hasOwn(changes, action) ? changes[action as keyof typeof changes] : undefined;
    if (!change)
      return failurePage(
        c,
        { ok: false, reason: "invalid", errors: { _: m.errors.badRequestTitle } },
        "/progress",
      );
    const r = await change();
    if (!r.ok) return failurePage(c, r, UUID.test(id) ? `/progress/rounds/${id}` : "/progress");
    return c.redirect(`/progress/rounds/${id}`, 303);
  })
  .get("/progress/entries/:id", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const ctx = await loadEntryFor(c, user, c.req.param("id"));
    if (isResponse(ctx)) return ctx;
    return renderEntry(c, user, ctx);
  })
  .post("/progress/entries/:id", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const ctx = await loadEntryFor(c, user, c.req.param("id"));
    if (isResponse(ctx)) return ctx;
    const body = await form(c);
    const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, one(v)]));
    const action = values.action === "submit" ? "submit" : "save";
    const r = await (action === "submit" ? submitEntry : saveEntry)(deps(c), user, ctx.entry.id, values);
    if (r.ok) return c.redirect(`/progress/entries/${ctx.entry.id}?saved=${action}`, 303);
    if (r.reason === "forbidden" || r.reason === "not_found")
      return failurePage(c, r, `/progress/rounds/${ctx.round.id}`);
    const fresh = await loadEntry(db(c), ctx.entry.id);
    const now = isFailure(fresh) ? ctx : fresh;
    if (r.reason === "conflict") {
      // the person's text stays in the form, with the current version, so that saving again keeps both
      return renderEntry(c, user, now, {
        values: { ...values, version: String(now.entry.version) },
        errors: {},
        status: 409,
        conflict: r.changes ?? [],
      });
    }
    return renderEntry(c, user, now, { values, errors: r.errors, status: 422 });
  })
  .post("/progress/entries/:id/review", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const ctx = await loadEntryFor(c, user, c.req.param("id"));
    if (isResponse(ctx)) return ctx;
    const body = await form(c);
    const input = { version: one(body.version), comment: one(body.comment) };
    const action = one(body.action);
    const r = await (action === "return" ? returnEntry : approveEntry)(deps(c), user, ctx.entry.id, input);
    if (r.ok) return c.redirect(`/progress/rounds/${ctx.round.id}`, 303);
    if (r.reason === "invalid" && r.errors.comment)
      return renderEntry(c, user, ctx, {
        values: { ...fieldValues(ctx.entry), comment: input.comment },
        errors: r.errors,
        status: 422,
      });
    return failurePage(c, r, `/progress/entries/${ctx.entry.id}`);
  })
  .post("/progress/entries/:id/comments", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const ctx = await loadEntryFor(c, user, c.req.param("id"));
    if (isResponse(ctx)) return ctx;
    const body = await form(c);
    const r = await commentOnEntry(deps(c), user, ctx.entry.id, { body: one(body.body) });
    if (r.ok) return c.redirect(`/progress/entries/${ctx.entry.id}#comments`, 303);
    if (r.reason === "invalid") return renderEntry(c, user, ctx, { errors: r.errors, status: 422 });
    return failurePage(c, r, `/progress/entries/${ctx.entry.id}`);
  })
  .post("/progress/rounds/:id/remind", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const id = c.req.param("id");
    const round = await loadRoundFor(c, user, id);
    if (isResponse(round)) return round;
    const body = await form(c);
    const r = await remindNow(reminderDeps(c.get("deps")), user, round.id, { version: one(body.version) });
    if (!r.ok) return failurePage(c, r, `/progress/rounds/${round.id}`);
    return c.redirect(`/progress/rounds/${round.id}?reminded=${r.sent.length}`, 303);
  })
  .post("/progress/rounds/:id/carry-next-term", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const round = await loadRoundFor(c, user, c.req.param("id"));
    if (isResponse(round)) return round;
    const r = await carryNextTermProposals(deps(c), user, round.id);
    if (!r.ok) return failurePage(c, r, `/progress/rounds/${round.id}`);
    return c.redirect(`/progress/rounds/${round.id}?carried=${r.carried}`, 303);
  })
  .post("/progress/entries/:id/contribution", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const ctx = await loadEntryFor(c, user, c.req.param("id"));
    if (isResponse(ctx)) return ctx;
    const body = await form(c);
    const input = {
      departmentId: one(body.departmentId),
      version: one(body.version),
      body: one(body.contribution),
    };
    const r = await contributeToEntry(deps(c), user, ctx.entry.id, input);
    if (r.ok) return c.redirect(`/progress/entries/${ctx.entry.id}?saved=contribution#contributions`, 303);
    if (r.reason === "forbidden" || r.reason === "not_found")
      return failurePage(c, r, `/progress/rounds/${ctx.round.id}`);
    // a stale version or a refusal: the person's text stays in the form, the saved text is shown beside it
    return renderEntry(c, user, ctx, {
      values: { ...fieldValues(ctx.entry), contribution: input.body },
      errors: r.reason === "conflict" ? {} : r.errors,
      status: r.reason === "conflict" ? 409 : 422,
      conflict: r.reason === "conflict" ? (r.changes ?? []) : undefined,
    });
  })
  .get("/progress/plans/:planId/chain", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const planId = c.req.param("planId");
    const plan = UUID.test(planId) ? await findPlan(db(c), planId) : null;
    if (!plan || plan.orgId !== user.orgId) return notFoundPage(c, "計画が見つかりません。");
    if (!can(user, "round.manage", { orgId: plan.orgId })) return renderForbidden(c);
    const [chain, departments] = await Promise.all([
      findReviewChain(db(c), plan.id),
      listDepartments(db(c), plan.orgId),
    ]);
    return renderPage(c, {
      title: t.chain.title(plan.title),
      body: (
        <ChainPage
          planId={plan.id}
          planTitle={plan.title}
          rows={chain?.steps ?? []}
          current={chain?.steps ?? []}
          version={chain?.version ?? 0}
          departments={departments}
          errors={{}}
          saved={c.req.query("saved") !== undefined}
        />
      ),
    });
  })
  .post("/progress/plans/:planId/chain", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const planId = c.req.param("planId");
    const plan = UUID.test(planId) ? await findPlan(db(c), planId) : null;
    if (!plan || plan.orgId !== user.orgId) return notFoundPage(c, "計画が見つかりません。");
    const body = await form(c);
    const r = await saveChain(deps(c), user, plan.id, body);
    if (r.ok) return c.redirect(`/progress/plans/${plan.id}/chain?saved=1`, 303);
    if (r.reason === "forbidden" || r.reason === "not_found") return failurePage(c, r, "/progress");
    const [chain, departments] = await Promise.all([
      findReviewChain(db(c), plan.id),
      listDepartments(db(c), plan.orgId),
    ]);
    return renderPage(c, {
      title: t.chain.title(plan.title),
      status: r.reason === "conflict" ? 409 : 422,
      body: (
        <ChainPage
          planId={plan.id}
          planTitle={plan.title}
          rows={chainRows(body)}
          current={chain?.steps ?? []}
          version={chain?.version ?? 0}
          departments={departments}
          errors={r.reason === "conflict" ? { _: r.errors._ ?? t.errors.conflictTitle } : r.errors}
          saved={false}
        />
      ),
    });
  });
