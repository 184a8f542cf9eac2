import { todayInJapan } from "../../japanese/index.js";
/** マッチングシート pages: validate → authorise → use case → render. */

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

import { groupsByIds, listGroups } from "../registries.repository.js";
import { type FormState, formState, one, type PostedForm } from "../registries-forms.js";
import { isResponse, posted, registryForbidden, UUID, versionOf } from "../route-support.js";
import type { MatchingIssue } from "./matching.js";
import { findIssue, listIssues, listOffers } from "./matching.repository.js";
import { offerForIssue } from "./offer-for-issue.js";
import {
  IssueFormPage,
  IssuePage,
  MatchingListPage,
  type MatchingNames,
  PublicMatchingPage,
} from "./pages/MatchingPages.js";
import { postIssue } from "./post-issue.js";
import { recordIssueOutcome } from "./record-issue-outcome.js";

type C = Context<AppEnv>;
const db = (c: C) => c.get("deps").database.db;
const deps = (c: C) => ({ db: db(c) });
const t = m.registries.matching;

async function reader(c: C): Promise<CurrentUser | Response> {
  const user = requireUser(c);
  if (isResponse(user)) return user;
  if (!actsForGroup(user) && !can(user, "plan.view", { orgId: user.orgId })) return renderForbidden(c);
  return user;
}

async function namesOf(c: C, orgId: string, groupIds: string[]): Promise<MatchingNames> {
  const [{ names }, groups] = await Promise.all([
    departmentChoices(db(c), orgId, new Date()),
    groupsByIds(db(c), orgId, [...new Set(groupIds)]),
  ]);
  return { departments: names, groups: new Map(groups.map((g) => [g.id, g.name])), today: todayInJapan() };
}

/** Staff of the issue's department, registry staff and administrators see every offer and record the outcome. */
const manages = (user: CurrentUser, i: MatchingIssue) =>
  can(user, "matching.post", { orgId: i.orgId, departmentIds: [i.departmentId] });

function outcome(c: C, f: Failure, rerender: (e: Record<string, string>) => Promise<Response>) {
  if (f.reason === "forbidden") return registryForbidden(c, f.errors._ ?? m.accounts.errors.forbiddenBody);
  if (f.reason === "not_found") return renderNotFound(c);
  return rerender(f.errors);
}

async function issueForm(c: C, user: CurrentUser, s: FormState, status: 200 | 422) {
  const { choices } = await departmentChoices(db(c), user.orgId, new Date());
  // department staff post for their own departments
  const departments =
    user.role === "department" ? choices.filter((d) => user.departmentIds.includes(d.id)) : choices;
  return renderPage(c, {
    title: t.newIssueTitle,
    status,
    body: <IssueFormPage s={s} departments={departments} />,
  });
}

async function issuePage(
  c: C,
  user: CurrentUser,
  issue: MatchingIssue,
  forms: { offer?: FormState; outcome?: FormState; status?: 200 | 409 | 422 } = {},
) {
  const staff = manages(user, issue);
  const offers = await listOffers(db(c), [issue.id], staff ? {} : { groupId: user.groupId ?? "-" });
  const mayOffer = actsForGroup(user)
    ? can(user, "matching.propose", { orgId: issue.orgId, groupId: user.groupId ?? undefined })
    : can(user, "matching.propose", { orgId: issue.orgId });
  return renderPage(c, {
    title: issue.title,
    status: forms.status ?? 200,
    body: (
      <IssuePage
        issue={issue}
        names={
          await namesOf(
            c,
            user.orgId,
            offers.map((o) => o.groupId),
          )
        }
        offers={offers}
        offer={
          mayOffer
            ? {
                s: forms.offer ?? formState({}),
                groups: actsForGroup(user) ? null : await listGroups(db(c), user.orgId),
              }
            : null
        }
        outcome={
          staff
            ? (forms.outcome ??
              formState({
                status: issue.status,
                outcome: issue.outcome ?? "",
                version: String(issue.version),
              }))
            : null
        }
      />
    ),
  });
}

async function issueOf(c: C, user: CurrentUser): Promise<MatchingIssue | Response> {
  const id = c.req.param("id") ?? "";
  const issue = UUID.test(id) ? await findIssue(db(c), id) : null;
  if (!issue) return renderNotFound(c);
  if (issue.orgId !== user.orgId) return renderForbidden(c);
  return issue;
}

const issueFormToInput = (f: PostedForm) => ({
  departmentId: one(f, "departmentId"),
  title: one(f, "title"),
  background: one(f, "background"),
  desiredPartner: one(f, "desiredPartner"),
  deadline: one(f, "deadline"),
});

export const matchingRoutes = new Hono<AppEnv>()
  .get("/registries/matching", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const issues = await listIssues(db(c), user.orgId);
    const offers = await listOffers(
      db(c),
      issues.map((i) => i.id),
      actsForGroup(user) ? { groupId: user.groupId ?? "-" } : {},
    );
    const counts = new Map<string, number>();
    for (const o of offers) counts.set(o.issueId, (counts.get(o.issueId) ?? 0) + 1);
    return renderPage(c, {
      title: t.listTitle,
      body: (
        <MatchingListPage
          issues={issues}
          names={await namesOf(c, user.orgId, [])}
          offers={counts}
          canPost={user.role === "department" || can(user, "matching.post", { orgId: user.orgId })}
        />
      ),
    });
  })
  .get("/registries/matching/new", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    if (!(user.role === "department" || can(user, "matching.post", { orgId: user.orgId })))
      return renderForbidden(c);
    return issueForm(c, user, formState({ departmentId: user.departmentIds[0] ?? "" }), 200);
  })
  .post("/registries/matching", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const f = await posted(c);
    const r = await postIssue(deps(c), user, user.orgId, issueFormToInput(f));
    if (!r.ok) return outcome(c, r, (e) => issueForm(c, user, formState(f, e), 422));
    return c.redirect(`/registries/matching/${r.issue.id}`, 303);
  })
  .get("/registries/matching/:id", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const issue = await issueOf(c, user);
    if (isResponse(issue)) return issue;
    return issuePage(c, user, issue);
  })
  .post("/registries/matching/:id/offers", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const issue = await issueOf(c, user);
    if (isResponse(issue)) return issue;
    const f = await posted(c);
    const r = await offerForIssue(deps(c), user, issue.id, {
      groupId: actsForGroup(user) ? (user.groupId ?? "") : one(f, "groupId"),
      message: one(f, "message"),
    });
    if (!r.ok)
      return outcome(c, r, (e) => {
        // a group's person has no group field on the form: say it above the form instead
        const { groupId, ...rest } = e;
        const errors = actsForGroup(user) && groupId ? { _: groupId, ...rest } : e;
        return issuePage(c, user, issue, { offer: formState(f, errors), status: 422 });
      });
    return c.redirect(`/registries/matching/${issue.id}`, 303);
  })
  .post("/registries/matching/:id/outcome", async (c) => {
    const user = await reader(c);
    if (isResponse(user)) return user;
    const issue = await issueOf(c, user);
    if (isResponse(issue)) return issue;
    const f = await posted(c);
    const s = formState(f);
    const r = await recordIssueOutcome(deps(c), user, issue.id, {
      version: versionOf(s.values.version),
      status: s.values.status,
      outcome: s.values.outcome,
    });
    if (!r.ok)
      return outcome(c, r, (e) =>
        issuePage(c, user, issue, { outcome: formState(f, e), status: r.reason === "conflict" ? 409 : 422 }),
      );
    return c.redirect(`/registries/matching/${issue.id}`, 303);
  })
  .get("/public/matching", async (c) => {
    const org = await findHomeOrganisation(db(c), c.get("user")?.orgId);
    if (!org) return renderNotFound(c);
    const issues = await listIssues(db(c), org.id);
    return renderPublicPage(c, {
      title: t.publicTitle,
      body: <PublicMatchingPage issues={issues} names={await namesOf(c, org.id, [])} />,
    });
  });
