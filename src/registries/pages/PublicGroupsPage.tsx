/** The public directory of civic groups (no sign-in): only public groups, only the fields they chose. */
import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import { activityFieldLabel, OPTIONAL_PUBLIC_FIELDS, type PublicGroup } from "../group.js";
import type { GroupFilter } from "../registries.repository.js";
import { GroupFilterForm } from "./GroupPages.js";

const f = m.registries.fields;
const t = m.registries.public;

export const PublicGroupsPage: FC<{ groups: PublicGroup[]; filter: GroupFilter }> = ({ groups, filter }) => (
  <section class="stack">
    <h1>{t.title}</h1>
    <p>{t.lead}</p>
    <p>
      <a href="/public/groups.csv">{t.csv}</a>
      {" ・ "}
      <a href="/public/groups.sjis.csv">{t.csvSjis}</a>
    </p>
    <GroupFilterForm action="/public/groups" filter={filter} withStatus={false} />
    <p aria-live="polite">{t.count(groups.length)}</p>
    {groups.length === 0 ? <p>{m.registries.groups.none}</p> : null}
    {groups.map((g) => (
      <article class="stack" aria-labelledby={`g-${g.id}`}>
        <h2 id={`g-${g.id}`}>{g.name}</h2>
        <dl class="facts">
          <dt>{m.registries.fields.nameKana}</dt>
          <dd>{g.nameKana}</dd>
          <dt>{f.legalForm}</dt>
          <dd>{g.legalForm}</dd>
          <dt>{f.fields}</dt>
          <dd>{g.fields.map((n) => activityFieldLabel(n)).join("、")}</dd>
          {g.disclosures.length ? (
            <>
              <dt>{f.disclosures}</dt>
              <dd>{g.disclosures.join("、")}</dd>
            </>
          ) : null}
          {OPTIONAL_PUBLIC_FIELDS.filter((k) => g[k]).map((k) => (
            <>
              <dt>{f[k]}</dt>
              <dd>{k === "website" ? <a href={g[k]!}>{g[k]}</a> : g[k]}</dd>
            </>
          ))}
        </dl>
      </article>
    ))}
  </section>
);
