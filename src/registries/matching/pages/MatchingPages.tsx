/** マッチングシート pages: the list of issues, an issue with its offers, posting, and the public list. */
import type { FC } from "hono/jsx";
import { m } from "../../../web/messages/index.js";
import { Area, Choice, Errors, Facts, Text } from "../../pages/parts.js";
import type { FormState } from "../../registries-forms.js";
import {
  acceptsOffers,
  ISSUE_STATUS_LABELS,
  ISSUE_STATUSES,
  type MatchingIssue,
  type MatchingOffer,
} from "../matching.js";

const t = m.registries.matching;
export const issueLabels: Record<string, string> = {
  departmentId: t.department,
  title: t.title,
  background: t.background,
  desiredPartner: t.desiredPartner,
  deadline: t.deadline,
  status: t.status,
  outcome: t.outcome,
  groupId: t.offerGroup,
  message: t.message,
};

export type MatchingNames = { departments: Map<string, string>; groups: Map<string, string>; today: string };

const IssueTable: FC<{
  issues: MatchingIssue[];
  names: MatchingNames;
  linkBase: string | null;
  offers?: Map<string, number>;
}> = (p) => (
  <div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">{t.title}</th>
          <th scope="col">{t.department}</th>
          <th scope="col">{t.desiredPartner}</th>
          <th scope="col">{t.deadline}</th>
          <th scope="col">{t.status}</th>
          {p.offers ? (
            <th scope="col" class="num">
              {t.offers}
            </th>
          ) : (
            <th scope="col">{t.outcome}</th>
          )}
        </tr>
      </thead>
      <tbody>
        {p.issues.map((i) => (
          <tr>
            <th scope="row">
              {p.linkBase ? <a href={`${p.linkBase}/${i.id}`}>{i.title}</a> : i.title}
              {p.linkBase ? null : i.background ? (
                <>
                  <br />
                  <small>{i.background}</small>
                </>
              ) : null}
            </th>
            <td>{p.names.departments.get(i.departmentId) ?? ""}</td>
            <td>{i.desiredPartner ?? "—"}</td>
            <td>{i.deadline ?? "—"}</td>
            <td>{ISSUE_STATUS_LABELS[i.status]}</td>
            {p.offers ? <td class="num">{String(p.offers.get(i.id) ?? 0)}</td> : <td>{i.outcome ?? "—"}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const MatchingListPage: FC<{
  issues: MatchingIssue[];
  names: MatchingNames;
  offers: Map<string, number>;
  canPost: boolean;
}> = (p) => (
  <section class="stack">
    <h1>{t.listTitle}</h1>
    <p>{t.lead}</p>
    {p.canPost ? (
      <p>
        <a class="button" href="/registries/matching/new">
          {t.newIssue}
        </a>{" "}
        <a href="/public/matching">{t.publicTitle}</a>
      </p>
    ) : null}
    {p.issues.length === 0 ? (
      <p>{t.none}</p>
    ) : (
      <IssueTable issues={p.issues} names={p.names} linkBase="/registries/matching" offers={p.offers} />
    )}
  </section>
);

export const IssueFormPage: FC<{ s: FormState; departments: { id: string; label: string }[] }> = ({
  s,
  departments,
}) => (
  <section class="stack narrow">
    <h1>{t.newIssueTitle}</h1>
    <Errors errors={s.errors} labels={issueLabels} />
    <form method="post" action="/registries/matching" novalidate>
      <Choice
        name="departmentId"
        label={t.department}
        s={s}
        options={[{ value: "", label: "—" }, ...departments.map((d) => ({ value: d.id, label: d.label }))]}
      />
      <Text name="title" label={t.title} s={s} required />
      <Area name="background" label={t.background} s={s} rows={4} />
      <Area name="desiredPartner" label={t.desiredPartner} s={s} />
      <Text name="deadline" label={t.deadline} s={s} hint={m.registries.hints.date} />
      <button type="submit" class="button">
        {t.newIssue}
      </button>
    </form>
  </section>
);

export const IssuePage: FC<{
  issue: MatchingIssue;
  names: MatchingNames;
  /** offers the viewer may see (staff: all; a group: its own) */
  offers: MatchingOffer[];
  /** the offer form: null when the viewer may not offer; groups null = the viewer's own group */
  offer: { s: FormState; groups: { id: string; name: string }[] | null } | null;
  outcome: FormState | null;
}> = ({ issue: i, names, offers, offer, outcome }) => (
  <section class="stack">
    <p>
      <a href="/registries/matching">{t.listTitle}</a>
    </p>
    <h1>{i.title}</h1>
    <Facts
      rows={[
        [t.department, names.departments.get(i.departmentId) ?? ""],
        [t.background, i.background],
        [t.desiredPartner, i.desiredPartner],
        [t.deadline, i.deadline],
        [t.status, ISSUE_STATUS_LABELS[i.status]],
        [t.outcome, i.outcome],
      ]}
    />
    {offer && !acceptsOffers(i, names.today) ? <Errors errors={offer.s.errors} labels={issueLabels} /> : null}
    <h2>{t.offers}</h2>
    {offers.length === 0 ? (
      <p>{t.noOffers}</p>
    ) : (
      <ul class="plain-list">
        {offers.map((o) => (
          <li>
            <strong>{names.groups.get(o.groupId) ?? ""}</strong>
            <p>{o.message}</p>
          </li>
        ))}
      </ul>
    )}
    {offer && acceptsOffers(i, names.today) ? (
      <section class="stack narrow" aria-labelledby="offer-title">
        <h2 id="offer-title">{t.offerTitle}</h2>
        <Errors errors={offer.s.errors} labels={issueLabels} />
        <form method="post" action={`/registries/matching/${i.id}/offers`} novalidate>
          {offer.groups ? (
            <Choice
              name="groupId"
              label={t.offerGroup}
              s={offer.s}
              options={[
                { value: "", label: "—" },
                ...offer.groups.map((g) => ({ value: g.id, label: g.name })),
              ]}
            />
          ) : null}
          <Area name="message" label={t.message} s={offer.s} rows={5} />
          <button type="submit" class="button">
            {t.offer}
          </button>
        </form>
      </section>
    ) : null}
    {outcome ? (
      <section class="stack narrow" aria-labelledby="outcome-title">
        <h2 id="outcome-title">{t.recordOutcome}</h2>
        <Errors errors={outcome.errors} labels={issueLabels} />
        <form method="post" action={`/registries/matching/${i.id}/outcome`} novalidate>
          <input type="hidden" name="version" value={outcome.values.version ?? String(i.version)} />
          <Choice
            name="status"
            label={t.status}
            s={outcome}
            options={ISSUE_STATUSES.map((v) => ({ value: v, label: ISSUE_STATUS_LABELS[v] }))}
          />
          <Area name="outcome" label={t.outcome} s={outcome} />
          <button type="submit" class="button">
            {t.save}
          </button>
        </form>
      </section>
    ) : null}
  </section>
);

export const PublicMatchingPage: FC<{ issues: MatchingIssue[]; names: MatchingNames }> = (p) => (
  <section class="stack">
    <h1>{t.publicTitle}</h1>
    <p>{t.publicLead}</p>
    {p.issues.length === 0 ? (
      <p>{t.none}</p>
    ) : (
      <IssueTable issues={p.issues} names={p.names} linkBase={null} />
    )}
  </section>
);
