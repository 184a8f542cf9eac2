/** Pages of the proposal system (協働事業提案制度): calls, a call with its proposals, submitting, scoring, deciding. */
import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../../plans/plan-years.js";
import { m } from "../../../web/messages/index.js";
import { Area, Choice, Errors, Facts, PlanItemPicker, Text } from "../../pages/parts.js";
import type { PlanItemGroup } from "../../plan-items.js";
import { formatBudget, PROJECT_FORMS } from "../../project.js";
import type { FormState } from "../../registries-forms.js";
import {
  CALL_KIND_LABELS,
  CALL_KINDS,
  type Call,
  callIsOpen,
  maxTotal,
  PROPOSAL_STATUS_LABELS,
  type Proposal,
  type ScoreSheet,
} from "../proposal.js";

const t = m.registries.proposals;

export const callLabels: Record<string, string> = {
  kind: t.kind,
  title: t.callTitle,
  fiscalYear: t.fiscalYear,
  departmentId: t.department,
  theme: t.theme,
  description: t.description,
  opensOn: t.opensOn,
  closesOn: t.closesOn,
  criteria: t.criteria,
  scaleMax: t.scaleMax,
};
export const proposalLabels: Record<string, string> = {
  groupId: t.group,
  title: t.title,
  summary: t.summary,
  budget: t.budget,
  planNodeIds: m.registries.planItems.label,
  decision: t.decision,
  reason: t.decisionReason,
  form: m.registries.projects.form,
};

export type Ctx = {
  yearStyle: string;
  departments: Map<string, string>;
  groups: Map<string, string>;
  today: string;
};

function periodState(call: Call, today: string): string {
  if (callIsOpen(call, today)) return t.open;
  return today < call.opensOn ? t.notYet : t.closed;
}

export const CallListPage: FC<{
  calls: Call[];
  counts: Map<string, number>;
  ctx: Ctx;
  canManage: boolean;
}> = (p) => (
  <section class="stack">
    <h1>{t.listTitle}</h1>
    <p>{t.lead}</p>
    {p.canManage ? (
      <p>
        <a class="button" href="/registries/proposals/new">
          {t.newCall}
        </a>
      </p>
    ) : null}
    {p.calls.length === 0 ? (
      <p>{t.noCalls}</p>
    ) : (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.fiscalYear}</th>
              <th scope="col">{t.callTitle}</th>
              <th scope="col">{t.kind}</th>
              <th scope="col">{t.period}</th>
              <th scope="col">{t.status}</th>
              <th scope="col" class="num">
                {t.proposals}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.calls.map((c) => (
              <tr>
                <td>{fiscalYearLabel(c.fiscalYear, p.ctx.yearStyle)}</td>
                <td>
                  <a href={`/registries/proposals/${c.id}`}>{c.title}</a>
                </td>
                <td>{CALL_KIND_LABELS[c.kind]}</td>
                <td>{`${c.opensOn}〜${c.closesOn}`}</td>
                <td>
                  {periodState(c, p.ctx.today)}
                  {c.resultsPublishedAt ? `（${t.published}）` : ""}
                </td>
                <td class="num">{String(p.counts.get(c.id) ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </section>
);

export const CallFormPage: FC<{ s: FormState; departments: { id: string; label: string }[] }> = ({
  s,
  departments,
}) => (
  <section class="stack narrow">
    <h1>{t.newCallTitle}</h1>
    <Errors errors={s.errors} labels={callLabels} />
    <form method="post" action="/registries/proposals" novalidate>
      <Choice
        name="kind"
        label={t.kind}
        s={s}
        options={CALL_KINDS.map((k) => ({ value: k, label: CALL_KIND_LABELS[k] }))}
      />
      <Text name="title" label={t.callTitle} s={s} required />
      <Text name="fiscalYear" label={t.fiscalYear} s={s} hint="例: 令和7年度 または 2025" required />
      <Choice
        name="departmentId"
        label={t.department}
        s={s}
        options={[
          { value: "", label: m.registries.projects.noDepartment },
          ...departments.map((d) => ({ value: d.id, label: d.label })),
        ]}
      />
      <Area name="theme" label={t.theme} s={s} />
      <Area name="description" label={t.description} s={s} />
      <Text name="opensOn" label={t.opensOn} s={s} hint={m.registries.hints.date} required />
      <Text name="closesOn" label={t.closesOn} s={s} hint={m.registries.hints.date} required />
      <Area name="criteria" label={t.criteria} s={s} hint={t.criteriaHint} rows={5} />
      <Text name="scaleMax" label={t.scaleMax} s={s} inputmode="numeric" required />
      <button type="submit" class="button">
        {t.newCall}
      </button>
    </form>
  </section>
);

export type ProposalRow = {
  proposal: Proposal;
  result: { total: number } | null;
  rank: number | null;
};

export const CriteriaTable: FC<{ call: Call }> = ({ call }) => (
  <div class="table-wrap">
    <table>
      <caption>{t.criteriaTitle}</caption>
      <thead>
        <tr>
          <th scope="col">{t.criterion}</th>
          <th scope="col" class="num">
            {t.weight}
          </th>
          <th scope="col" class="num">
            {t.maxPoints}
          </th>
          <th scope="col">{t.viewpoint}</th>
        </tr>
      </thead>
      <tbody>
        {call.criteria.map((c) => (
          <tr>
            <th scope="row">{c.name}</th>
            <td class="num">{`×${c.weight}`}</td>
            <td class="num">{String(c.weight * call.scaleMax)}</td>
            <td>{c.description ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const CallPage: FC<{
  call: Call;
  rows: ProposalRow[];
  ctx: Ctx;
  canSubmit: boolean;
  canManage: boolean;
  /** staff and the review panel see scores; a group sees its own proposals only */
  seesScores: boolean;
}> = ({ call, rows, ctx, canSubmit, canManage, seesScores }) => (
  <section class="stack">
    <p>
      <a href="/registries/proposals">{t.back}</a>
    </p>
    <h1>{call.title}</h1>
    <Facts
      rows={[
        [t.kind, CALL_KIND_LABELS[call.kind]],
        [t.fiscalYear, fiscalYearLabel(call.fiscalYear, ctx.yearStyle)],
        [t.department, call.departmentId ? (ctx.departments.get(call.departmentId) ?? "") : ""],
        [t.theme, call.theme],
        [t.description, call.description],
        [t.period, `${call.opensOn}〜${call.closesOn}（${periodState(call, ctx.today)}）`],
      ]}
    />
    <CriteriaTable call={call} />
    <p>{`${t.maxPoints}（合計）: ${maxTotal(call)}点`}</p>
    {canSubmit && callIsOpen(call, ctx.today) ? (
      <p>
        <a class="button" href={`/registries/proposals/${call.id}/submit`}>
          {t.submit}
        </a>
      </p>
    ) : null}
    <h2>{t.proposals}</h2>
    {rows.length === 0 ? (
      <p>{t.noProposals}</p>
    ) : (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              {seesScores ? (
                <th scope="col" class="num">
                  {t.rank}
                </th>
              ) : null}
              <th scope="col">{t.title}</th>
              <th scope="col">{t.group}</th>
              <th scope="col">{t.submittedOn}</th>
              {seesScores ? (
                <th scope="col" class="num">
                  {t.total}
                </th>
              ) : null}
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                {seesScores ? <td class="num">{r.rank === null ? "—" : String(r.rank)}</td> : null}
                <td>
                  <a href={`/registries/proposals/${call.id}/${r.proposal.id}`}>{r.proposal.title}</a>
                </td>
                <td>{ctx.groups.get(r.proposal.groupId) ?? ""}</td>
                <td>{r.proposal.submittedOn}</td>
                {seesScores ? <td class="num">{r.result ? String(r.result.total) : t.notScored}</td> : null}
                <td>{PROPOSAL_STATUS_LABELS[r.proposal.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {canManage && !call.resultsPublishedAt ? (
      <form method="post" action={`/registries/proposals/${call.id}/publish`}>
        <input type="hidden" name="version" value={String(call.version)} />
        <button type="submit" class="button button--secondary">
          {t.publish}
        </button>
      </form>
    ) : call.resultsPublishedAt ? (
      <p>{t.published}</p>
    ) : null}
  </section>
);

export const ProposalFormPage: FC<{
  call: Call;
  s: FormState;
  /** null: the group is the signed-in group's own */
  groups: { id: string; name: string }[] | null;
  planItems: PlanItemGroup[];
}> = ({ call, s, groups, planItems }) => (
  <section class="stack narrow">
    <p>
      <a href={`/registries/proposals/${call.id}`}>{call.title}</a>
    </p>
    <h1>{t.submitTitle(call.title)}</h1>
    <Errors errors={s.errors} labels={proposalLabels} />
    <form method="post" action={`/registries/proposals/${call.id}/submit`} novalidate>
      {groups ? (
        <Choice
          name="groupId"
          label={t.group}
          s={s}
          options={[{ value: "", label: "—" }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
        />
      ) : null}
      <Text name="title" label={t.title} s={s} required />
      <Area name="summary" label={t.summary} s={s} rows={6} />
      <Text name="budget" label={t.budget} s={s} inputmode="numeric" />
      <PlanItemPicker s={s} groups={planItems} />
      <button type="submit" class="button">
        {t.submit}
      </button>
    </form>
  </section>
);

/** The per-criterion fields of the scoring form are named score_0 / reason_0 …; zod reports 0.score. */
export const scoreFieldErrors = (errors: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(errors).map(([k, v]) => {
      const mm = /^(\d+)\.(score|reason)$/.exec(k);
      return [mm ? `${mm[2]}_${mm[1]}` : k, v];
    }),
  );

export const ProposalPage: FC<{
  call: Call;
  proposal: Proposal;
  ctx: Ctx;
  planItems: Map<string, string>;
  sheets: ScoreSheet[] | null;
  result: { total: number; perCriterion: number[]; reviewers: number } | null;
  /** the signed-in panel member's scoring form, or null */
  scoring: { s: FormState; version: number | null } | null;
  /** the decision form for staff, or null */
  decision: FormState | null;
}> = ({ call, proposal: p, ctx, planItems, sheets, result, scoring, decision }) => (
  <section class="stack">
    <p>
      <a href={`/registries/proposals/${call.id}`}>{call.title}</a>
    </p>
    <h1>{p.title}</h1>
    <Facts
      rows={[
        [t.group, ctx.groups.get(p.groupId) ?? ""],
        [t.submittedOn, p.submittedOn],
        [t.summary, p.summary],
        [t.budget, formatBudget(p.budget)],
        [
          m.registries.planItems.label,
          p.planNodeIds.length ? (
            <ul class="plain-list">
              {p.planNodeIds.map((id) => (
                <li>{planItems.get(id) ?? id}</li>
              ))}
            </ul>
          ) : null,
        ],
        [t.status, PROPOSAL_STATUS_LABELS[p.status]],
        [t.decisionReason, p.decisionReason],
        [
          t.project,
          p.projectId ? (
            <a href={`/registries/projects/${p.projectId}`}>{m.registries.projects.listTitle}</a>
          ) : null,
        ],
      ]}
    />
    {sheets ? (
      <section class="stack" aria-labelledby="result-title">
        <h2 id="result-title">{t.result}</h2>
        {sheets.length === 0 ? null : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.reviewers}</th>
                  {call.criteria.map((c) => (
                    <th scope="col">{`${c.name}（×${c.weight}）`}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sheets.map((sh) => (
                  <tr>
                    <th scope="row">{sh.reviewerName}</th>
                    {call.criteria.map((_c, i) => (
                      <td>
                        <strong>{`${sh.scores[i]?.score ?? "—"}点`}</strong>
                        <br />
                        <small>{sh.scores[i]?.reason ?? ""}</small>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          {result
            ? `${t.total}: ${result.total}点 / ${maxTotal(call)}点（${t.reviewers} ${result.reviewers}名）`
            : t.notScored}
        </p>
      </section>
    ) : null}
    {scoring ? (
      <section class="stack narrow" aria-labelledby="score-title">
        <h2 id="score-title">{t.score}</h2>
        <p>{t.scoreLead(call.scaleMax)}</p>
        <Errors
          errors={scoring.s.errors}
          labels={Object.fromEntries(
            call.criteria.flatMap((c, i) => [
              [`score_${i}`, `${c.name} ${t.points}`],
              [`reason_${i}`, `${c.name} ${t.reason}`],
            ]),
          )}
        />
        <form method="post" action={`/registries/proposals/${call.id}/${p.id}/score`} novalidate>
          <input
            type="hidden"
            name="version"
            value={scoring.version === null ? "" : String(scoring.version)}
          />
          {call.criteria.map((c, i) => (
            <fieldset class="stack">
              <legend>{`${c.name}（×${c.weight}）`}</legend>
              {c.description ? <p class="hint">{c.description}</p> : null}
              <Text
                name={`score_${i}`}
                label={`${t.points}（0〜${call.scaleMax}）`}
                s={scoring.s}
                type="number"
                inputmode="numeric"
                required
              />
              <Area name={`reason_${i}`} label={t.reason} s={scoring.s} rows={2} />
            </fieldset>
          ))}
          <button type="submit" class="button">
            {t.saveScores}
          </button>
        </form>
      </section>
    ) : null}
    {decision ? (
      <section class="stack narrow" aria-labelledby="decide-title">
        <h2 id="decide-title">{t.decide}</h2>
        <Errors errors={decision.errors} labels={proposalLabels} />
        <form method="post" action={`/registries/proposals/${call.id}/${p.id}/decide`} novalidate>
          <input type="hidden" name="version" value={String(p.version)} />
          <Choice
            name="decision"
            label={t.decision}
            s={decision}
            options={[
              { value: "adopt", label: t.adopt },
              { value: "reject", label: t.reject },
            ]}
          />
          <Choice
            name="form"
            label={m.registries.projects.form}
            s={decision}
            options={PROJECT_FORMS.map((v) => ({ value: v, label: v }))}
          />
          <Area name="reason" label={t.decisionReason} s={decision} />
          <button type="submit" class="button">
            {t.decide}
          </button>
        </form>
      </section>
    ) : null}
  </section>
);

export const PublicProposalsPage: FC<{
  results: { call: Call; adopted: { proposal: Proposal; total: number | null }[] }[];
  ctx: Ctx;
}> = ({ results, ctx }) => (
  <section class="stack">
    <h1>{t.publicTitle}</h1>
    <p>{t.publicLead}</p>
    {results.length === 0 ? (
      <p>{t.publicNone}</p>
    ) : (
      results.map(({ call, adopted }) => (
        <section class="stack" aria-labelledby={`call-${call.id}`}>
          <h2 id={`call-${call.id}`}>
            {call.title.includes(fiscalYearLabel(call.fiscalYear, ctx.yearStyle))
              ? call.title
              : `${fiscalYearLabel(call.fiscalYear, ctx.yearStyle)} ${call.title}`}
          </h2>
          <p>{`${CALL_KIND_LABELS[call.kind]}${call.theme ? `／${t.theme}: ${call.theme}` : ""}`}</p>
          <CriteriaTable call={call} />
          <div class="table-wrap">
            <table>
              <caption>{t.publicTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.title}</th>
                  <th scope="col">{t.group}</th>
                  <th scope="col">{t.summary}</th>
                  <th scope="col" class="num">
                    {t.total}
                  </th>
                  <th scope="col">{t.decisionReason}</th>
                </tr>
              </thead>
              <tbody>
                {adopted.map(({ proposal: p, total }) => (
                  <tr>
                    <th scope="row">{p.title}</th>
                    <td>{ctx.groups.get(p.groupId) ?? ""}</td>
                    <td>{p.summary}</td>
                    <td class="num">{total === null ? "—" : `${total} / ${maxTotal(call)}`}</td>
                    <td>{p.decisionReason ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))
    )}
  </section>
);
