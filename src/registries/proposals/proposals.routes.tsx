import { todayInJapan } from "../../japanese/index.js";
/** 協働事業提案制度 pages: validate → authorise → use case → render. */

import { type Context, Hono } from "hono";
import type { CurrentUser } from "../../accounts/account.js";
import { departmentChoices } from "../../accounts/department-choices.js";
import { findHomeOrganisation } from "../../accounts/organisation.repository.js";
import { can } from "../../accounts/permissions.js";
import type { Failure } from "../../plans/plan-use-case.js";
import { renderPublicPage } from "../../portal/public-page.js";
import { requireUser } from "../../web/auth.js";
import type { AppEnv } from "../../web/context.js";
import { renderForbidden, renderNotFound } from "../../web/error-pages.js";
import { renderPage } from "../../web/layout.js";
import { m } from "../../web/messages/index.js";
import { actsForGroup } from "../group.js";
import { planItemChoices, planItemNames } from "../plan-items.js";
import { groupsByIds, listGroups } from "../registries.repository.js";
import { type FormState, formState, many, num, one, type PostedForm } from "../registries-forms.js";
import { isResponse, posted, registryForbidden, UUID, versionOf } from "../route-support.js";
import { createCall } from "./create-call.js";
import { decideProposal } from "./decide-proposal.js";
import {
  CallFormPage,
  CallListPage,
  CallPage,
  type Ctx,
  ProposalFormPage,
  ProposalPage,
  PublicProposalsPage,
  scoreFieldErrors,
} from "./pages/ProposalPages.js";
import { type Call, type Proposal, proposalResult, rankProposals } from "./proposal.js";

import {
  findCall,
  findProposal,
  findScoreSheet,
  listCalls,
  listProposals,
  listScoreSheets,
} from "./proposals.repository.js";
import { publishResults } from "./publish-results.js";
import { scoreProposal } from "./score-proposal.js";
import { submitProposal } from "./submit-proposal.js";

type C = Context<AppEnv>;
const db = (c: C) => c.get("deps").database.db;
const deps = (c: C) => ({ db: db(c) });
const t = m.registries.proposals;

/** Staff and panel (plan.view) and groups' people may read the calls. */
async function reader(c: C): Promise<CurrentUser | Response> {
  const user = requireUser(c);
  if (isResponse(user)) return user;
  if (!actsForGroup(user) && !can(user, "plan.view", { orgId: user.orgId })) return renderForbidden(c);
  return user;
}

async function ctxOf(c: C, orgId: string, groupIds: string[]): Promise<Ctx> {
  const [org, { names }, groups] = await Promise.all([
    findHomeOrganisation(db(c), orgId),
    departmentChoices(db(c), orgId, new Date()),
    groupsByIds(db(c), orgId, [...new Set(groupIds)]),
  ]);
  return {
    yearStyle: org?.yearStyle ?? "wareki",
    departments: names,
    groups: new Map(groups.map((g) => [g.id, g.name])),
    today: todayInJapan(),
  };
}

async function callOf(c: C, user: CurrentUser): Promise<Call | Response> {
  const id = c.req.param("callId") ?? "";
  const call = UUID.test(id) ? await findCall(db(c), id) : null;
  if (!call) return renderNotFound(c);
  if (call.orgId !== user.orgId) return renderForbidden(c);
  return call;
}

/** A proposal of the call, readable by staff, the panel and the proposing group only. */
async function proposalOf(c: C, user: CurrentUser, call: Call): Promise<Proposal | Response> {
  const id = c.req.param("proposalId") ?? "";
  const p = UUID.test(id) ? await findProposal(db(c), id) : null;
  if (!p || p.callId !== call.id) return renderNotFound(c);
  const staffOrPanel =
    can(user, "call.manage", { orgId: p.orgId }) || can(user, "proposal.review", { orgId: p.orgId });
  if (!staffOrPanel && !can(user, "proposal.submit", { orgId: p.orgId, groupId: p.groupId }))
    return actsForGroup(user) ? registryForbidden(c, m.registries.groupUsers.otherGroup) : renderForbidden(c);
  return p;
}

function outcome(c: C, f: Failure, rerender: (e: Record<string, string>) => Promise<Response>) {
  if (f.reason === "forbidden") return registryForbidden(c, f.errors._ ?? m.accounts.errors.forbiddenBody);
  if (f.reason === "not_found") return renderNotFound(c);
  return rerender(f.errors).then((r) =>
    f.reason === "conflict" ? new Response(r.body, { status: 409, headers: r.headers }) : r,
  );
}

const callFormToInput = (f: PostedForm) => ({
  kind: one(f, "kind"),
  title: one(f, "title"),
  fiscalYear: one(f, "fiscalYear"),
  departmentId: one(f, "departmentId") || null,
  theme: one(f, "theme"),
  description: one(f, "description"),
  opensOn: one(f, "opensOn"),
  closesOn: one(f, "closesOn"),
  criteria: one(f, "criteria"),
  scaleMax: num(one(f, "scaleMax")) ?? "",
});

const proposalFormToInput = (f: PostedForm, user: CurrentUser) => ({
  // a group's person always proposes for their own group, whatever the form says
  groupId: actsForGroup(user) ? (user.groupId ?? "") : one(f, "groupId"),
  title: one(f, "title"),
  summary: one(f, "summary"),
  budget: num(one(f, "budget")),
  planNodeIds: many(f, "planNodeIds").filter(Boolean),
});

async function callForm(c: C, user: CurrentUser, s: FormState, status: 200 | 422) {
  const { choices } = await departmentChoices(db(c), user.orgId, new Date());
  return renderPage(c, { title: t.newCallTitle, status, body: <CallFormPage s={s} departments={choices} /> });
}

async function proposalForm(c: C, user: CurrentUser, call: Call, s: FormState, status: 200 | 422) {
  const [groups, planItems] = await Promise.all([
    actsForGroup(user) ? Promise.resolve(null) : listGroups(db(c), user.orgId),
    planItemChoices(db(c), user.orgId),
  ]);
  return renderPage(c, {
    title: t.submitTitle(call.title),
    status,
    body: <ProposalFormPage call={call} s={s} groups={groups} planItems={planItems} />,
  });
}

async function proposalPage(
  c: C,
  user: CurrentUser,
  call: Call,
  p: Proposal,
  forms: { scoring?: FormState; decision?: FormState; status?: 200 | 409 | 422 } = {},
) {
  const seesScores =
    can(user, "call.manage", { orgId: p.orgId }) || can(user, "proposal.review", { orgId: p.orgId });
  const [ctx, items, sheets, mine] = await Promise.all([
    ctxOf(c, user.orgId, [p.groupId]),
    planItemChoices(db(c), user.orgId),
    seesScores ? listScoreSheets(db(c), [p.id]) : Promise.resolve(null),
    findScoreSheet(db(c), p.id, user.id),
  ]);
  const mayScore = can(user, "proposal.review", { orgId: p.orgId }) && p.status === "submitted";
  const mineForm: PostedForm = { version: mine ? String(mine.version) : "" };
  mine?.scores.forEach((s, i) => {
    mineForm[`score_${i}`] = String(s.score);
    mineForm[`reason_${i}`] = s.reason;
  });
  return renderPage(c, {
    title: p.title,
    status: forms.status ?? 200,
    body: (
      <ProposalPage
        call={call}
        proposal={p}
        ctx={ctx}
        planItems={planItemNames(items)}
        sheets={sheets}
        result={sheets ? proposalResult(call.criteria, sheets) : null}
        scoring={
          mayScore ? { s: forms.scoring ?? formState(mineForm), version: mine?.version ?? null } : null
        }
        decision={
          can(user, "call.manage", { orgId: p.orgId }) && p.status === "submitted"
            ? (forms.decision ?? formState({ decision: "adopt", form: "委託" }))
            : null
        }
      />
    ),
  });
}

export const proposalRoutes = new Hono<AppEnv>()
  .get("/registries/proposals", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const calls = await listCalls(db(c), user.orgId);
    const own = actsForGroup(user) ? { groupId: user.groupId ?? "-" } : {};
    const proposals = await listProposals(
      db(c),
      calls.map((x) => x.id),
      own,
    );
    const counts = new Map<string, number>();
    for (const p of proposals) counts.set(p.callId, (counts.get(p.callId) ?? 0) + 1);
    return renderPage(c, {
      title: t.listTitle,
      body: (
        <CallListPage
          calls={calls}
          counts={counts}
          ctx={await ctxOf(c, user.orgId, [])}
          canManage={can(user, "call.manage", { orgId: user.orgId })}
        />
      ),
    });
  })
  .get("/registries/proposals/new", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    if (!can(user, "call.manage", { orgId: user.orgId })) return renderForbidden(c);
    return callForm(
      c,
      user,
      formState({ kind: "theme", scaleMax: "5", criteria: "公益性|2\n実現性|1\n協働の効果|2" }),
      200,
    );
  })
  .post("/registries/proposals", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const f = await posted(c);
    const r = await createCall(deps(c), user, user.orgId, callFormToInput(f));
    if (!r.ok) return outcome(c, r, (e) => callForm(c, user, formState(f, e), 422));
    return c.redirect(`/registries/proposals/${r.call.id}`, 303);
  })
  .get("/registries/proposals/:callId", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const call = await callOf(c, user);
    if (isResponse(call)) return call;
    const seesScores =
      can(user, "call.manage", { orgId: call.orgId }) || can(user, "proposal.review", { orgId: call.orgId });
    const proposals = await listProposals(
      db(c),
      [call.id],
      seesScores ? {} : { groupId: user.groupId ?? "-" },
    );
    const sheets = seesScores
      ? await listScoreSheets(
          db(c),
          proposals.map((p) => p.id),
        )
      : [];
    const rows = rankProposals(
      proposals.map((p) => ({
        proposal: p,
        result: proposalResult(
          call.criteria,
          sheets.filter((s) => s.proposalId === p.id),
        ),
      })),
    );
    return renderPage(c, {
      title: call.title,
      body: (
        <CallPage
          call={call}
          rows={rows}
          ctx={
            await ctxOf(
              c,
              user.orgId,
              proposals.map((p) => p.groupId),
            )
          }
          canSubmit={can(user, "proposal.submit", { orgId: call.orgId, groupId: user.groupId ?? undefined })}
          canManage={can(user, "call.manage", { orgId: call.orgId })}
          seesScores={seesScores}
        />
      ),
    });
  })
  .get("/registries/proposals/:callId/submit", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const call = await callOf(c, user);
    if (isResponse(call)) return call;
    if (!can(user, "proposal.submit", { orgId: call.orgId, groupId: user.groupId ?? undefined }))
      return renderForbidden(c);
    return proposalForm(c, user, call, formState({}), 200);
  })
  .post("/registries/proposals/:callId/submit", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const call = await callOf(c, user);
    if (isResponse(call)) return call;
    const f = await posted(c);
    const r = await submitProposal(deps(c), user, call.id, proposalFormToInput(f, user));
    if (!r.ok) return outcome(c, r, (e) => proposalForm(c, user, call, formState(f, e), 422));
    return c.redirect(`/registries/proposals/${call.id}/${r.proposal.id}`, 303);
  })
  .post("/registries/proposals/:callId/publish", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    const call = await callOf(c, user);
    if (isResponse(call)) return call;
    const s = formState(await posted(c));
    const r = await publishResults(deps(c), user, call.id, versionOf(s.values.version));
    if (!r.ok)
      return outcome(c, r, (e) =>
        renderPage(c, {
          title: call.title,
          status: 422,
          body: (
            <section class="stack">
              <h1>{call.title}</h1>
              <div class="alert alert--error" role="alert">
                <p>{e._ ?? ""}</p>
              </div>
              <p>
                <a href={`/registries/proposals/${call.id}`}>{t.back}</a>
              </p>
            </section>
          ),
        }),
      );
    return c.redirect(`/registries/proposals/${call.id}`, 303);
  })
  .get("/registries/proposals/:callId/:proposalId", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const call = await callOf(c, user);
    if (isResponse(call)) return call;
    const p = await proposalOf(c, user, call);
    if (isResponse(p)) return p;
    return proposalPage(c, user, call, p);
  })
  .post("/registries/proposals/:callId/:proposalId/score", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const call = await callOf(c, user);
    if (isResponse(call)) return call;
    const p = await proposalOf(c, user, call);
    if (isResponse(p)) return p;
    const f = await posted(c);
    const s = formState(f);
    const scores = call.criteria.map((_c, i) => ({
      score: num(s.values[`score_${i}`] ?? "") ?? "",
      reason: s.values[`reason_${i}`] ?? "",
    }));
    const r = await scoreProposal(deps(c), user, p.id, {
      version: s.values.version ? versionOf(s.values.version) : null,
      scores,
    });
    if (!r.ok)
      return outcome(c, r, (e) =>
        proposalPage(c, user, call, p, {
          scoring: formState(f, scoreFieldErrors(e)),
          status: r.reason === "conflict" ? 409 : 422,
        }),
      );
    return c.redirect(`/registries/proposals/${call.id}/${p.id}`, 303);
  })
  .post("/registries/proposals/:callId/:proposalId/decide", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const call = await callOf(c, user);
    if (isResponse(call)) return call;
    const p = await proposalOf(c, user, call);
    if (isResponse(p)) return p;
    const f = await posted(c);
    const s = formState(f);
    const r = await decideProposal(deps(c), user, p.id, {
      version: versionOf(s.values.version),
      decision: s.values.decision,
      reason: s.values.reason,
      form: s.values.form,
    });
    if (!r.ok)
      return outcome(c, r, (e) => proposalPage(c, user, call, p, { decision: formState(f, e), status: 422 }));
    return c.redirect(`/registries/proposals/${call.id}/${p.id}`, 303);
  })
  .get("/public/proposals", async (c) => {
    const org = await findHomeOrganisation(db(c), c.get("user")?.orgId);
    if (!org) return renderNotFound(c);
    const calls = await listCalls(db(c), org.id, { publishedOnly: true });
    const proposals = (
      await listProposals(
        db(c),
        calls.map((x) => x.id),
      )
    ).filter((p) => p.status === "adopted");
    const sheets = await listScoreSheets(
      db(c),
      proposals.map((p) => p.id),
    );
    const results = calls.map((call) => ({
      call,
      adopted: proposals
        .filter((p) => p.callId === call.id)
        .map((p) => ({
          proposal: p,
          total:
            proposalResult(
              call.criteria,
              sheets.filter((s) => s.proposalId === p.id),
            )?.total ?? null,
        })),
    }));
    return renderPublicPage(c, {
      title: t.publicTitle,
      body: (
        <PublicProposalsPage
          results={results}
          ctx={
            await ctxOf(
              c,
              org.id,
              proposals.map((p) => p.groupId),
            )
          }
        />
      ),
    });
  });
