/** Views of the public portal: the published plans, a plan, an item, search, open data. */
import { raw } from "hono/html";
import type { FC, PropsWithChildren } from "hono/jsx";
import { renderChartSvg } from "../../indicators/indicator-chart.js";
import { type TierTally, type TreeNode, tallyByTier } from "../../plans/plan.js";
import { fiscalYearLabel, periodLabel } from "../../plans/plan-years.js";
import { m } from "../../web/messages/index.js";
import {
  type Column,
  INDICATOR_COLUMNS,
  ITEM_COLUMNS,
  latestStatusByItem,
  latestYear,
  type PublicIndicator,
  type PublicItem,
  type PublicNode,
  type PublicPlan,
  type PublicProgress,
  planDistributions,
  progressByYear,
  RESULTS_PER_PAGE,
  type SearchQuery,
  statusTone,
} from "../portal.js";
import type { SearchHit } from "../portal.repository.js";

const t = m.portal;

/** A table that may scroll sideways on a narrow screen: a named region reachable by keyboard (WCAG 2.1.1, 1.4.10). */
const TableWrap: FC<PropsWithChildren<{ label: string }>> = ({ label, children }) => (
  <section class="table-wrap" aria-label={label} tabindex={0}>
    {children}
  </section>
);

const dateLabel = (d: Date) =>
  new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "long" }).format(d);
const year = (plan: PublicPlan, fy: number) => fiscalYearLabel(fy, plan.org.yearStyle);

/**
 * Published reports of a plan (HTML / xlsx / CSV / PDF). The reports capability (src/reports, renderReport with
 * audience "public") fills this list once merged; until then it is empty and the section is not shown.
 */
export type PublishedReport = { title: string; href: string; format: "HTML" | "xlsx" | "CSV" | "PDF" };

export const HomePage: FC<{ plans: PublicPlan[] }> = ({ plans }) => {
  const orgs = [...new Map(plans.map((p) => [p.org.id, p.org])).values()];
  return (
    <section class="stack">
      <h1>{t.home.title}</h1>
      <p>{t.home.lead}</p>
      {plans.length === 0 ? <p>{t.home.none}</p> : null}
      {orgs.map((org) => (
        <section class="stack" aria-labelledby={`org-${org.id}`}>
          <h2 id={`org-${org.id}`}>{org.name}</h2>
          <ul class="public-plan-list">
            {plans
              .filter((p) => p.org.id === org.id)
              .map((p) => (
                <li>
                  <a href={`/public/plans/${p.id}`}>{p.title}</a>
                  {p.termLabel ? ` ${p.termLabel}` : ""}
                  <span class="muted">
                    {" "}
                    （{t.home.period}：{periodLabel(p.firstYear, p.lastYear, org.yearStyle)}）
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
};

const PlanFacts: FC<{ plan: PublicPlan }> = ({ plan }) => (
  <dl class="facts">
    <dt>{t.plan.organisation}</dt>
    <dd>{plan.org.name}</dd>
    <dt>{t.plan.localGovCode}</dt>
    <dd>{plan.org.code}</dd>
    <dt>{t.plan.kind}</dt>
    <dd>{plan.kind}</dd>
    <dt>{t.plan.period}</dt>
    <dd>{periodLabel(plan.firstYear, plan.lastYear, plan.org.yearStyle)}</dd>
    <dt>{t.plan.status}</dt>
    <dd>{t.plan.statuses[plan.status] ?? plan.status}</dd>
    <dt>{t.plan.published}</dt>
    <dd>{dateLabel(plan.publishedAt)}</dd>
  </dl>
);

const Summary: FC<{ plan: PublicPlan; tallies: TierTally[]; yearLabel: string }> = ({
  plan,
  tallies,
  yearLabel,
}) => {
  const labels = plan.statusVocabulary.map((s) => s.label).filter((l, i, a) => a.indexOf(l) === i);
  const tierLabel = (code: string | null) =>
    code === null ? t.plan.noTier : (plan.tiers.find((x) => x.code === code)?.label ?? code);
  return (
    <TableWrap label={t.plan.summaryCaption(yearLabel)}>
      <table>
        <caption>{t.plan.summaryCaption(yearLabel)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.plan.tier}</th>
            <th scope="col" class="num">
              {t.plan.total}
            </th>
            {labels.map((l) => (
              <th scope="col" class="num">
                {l}
              </th>
            ))}
            <th scope="col" class="num">
              {t.plan.unreported}
            </th>
          </tr>
        </thead>
        <tbody>
          {tallies.map((row) => (
            <tr>
              <th scope="row">{tierLabel(row.tierCode)}</th>
              <td class="num">{row.total}</td>
              {labels.map((l) => (
                <td class="num">{row.byPrintedStatus.find((x) => x.label === l)?.count ?? 0}</td>
              ))}
              <td class="num">{row.unreported}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
};

const TreeList: FC<{
  plan: PublicPlan;
  nodes: TreeNode<PublicNode>[];
  latest: Map<string, PublicProgress>;
  byId: Map<string, PublicNode>;
}> = ({ plan, nodes, latest, byId }) => (
  <ul class="public-tree">
    {nodes.map((n) => {
      const status = latest.get(n.crossRefOf ?? n.id);
      return (
        <li>
          <a href={`/public/plans/${plan.id}/items/${n.id}`}>
            {n.label ? `${n.label} ` : ""}
            {n.title}
          </a>
          {n.crossRefOf && byId.has(n.crossRefOf) ? <span class="badge">{t.plan.crossRef}</span> : null}
          {n.kind === "item" && n.tierCode ? <span class="badge">{n.tierCode}</span> : null}
          {n.kind === "item" && status ? (
            <span class={`badge status-${statusTone(plan, status.statusLabel)}`}>
              {year(plan, status.fiscalYear)} {status.statusLabel}
            </span>
          ) : null}
          {n.children.length > 0 ? (
            <TreeList plan={plan} nodes={n.children} latest={latest} byId={byId} />
          ) : null}
        </li>
      );
    })}
  </ul>
);

export const PlanPage: FC<{
  plan: PublicPlan;
  tree: TreeNode<PublicNode>[];
  nodes: PublicNode[];
  progress: PublicProgress[];
  indicators: PublicIndicator[];
  reports: PublishedReport[];
}> = ({ plan, tree, nodes, progress, indicators, reports }) => {
  const latestFy = latestYear(progress);
  const inLatest = progress.filter((p) => p.fiscalYear === latestFy);
  const statusOfLatest = latestStatusByItem(inLatest);
  const tallies =
    latestFy === null
      ? []
      : tallyByTier(
          nodes,
          (n) => statusOfLatest.get(n.id)?.statusLabel ?? null,
          plan.statusVocabulary,
          plan.tiers,
        );
  const files = planDistributions(plan.id);
  const itemCount = nodes.filter((n) => n.kind === "item" && !n.crossRefOf).length;
  return (
    <article class="stack">
      <h1>
        {plan.title}
        {plan.termLabel ? ` ${plan.termLabel}` : ""}
      </h1>
      {plan.subtitle ? <p>{plan.subtitle}</p> : null}
      <section aria-labelledby="facts">
        <h2 id="facts">{t.plan.facts}</h2>
        <PlanFacts plan={plan} />
      </section>
      <section aria-labelledby="summary">
        <h2 id="summary">{t.plan.summary}</h2>
        {latestFy === null ? (
          <p>{t.plan.summaryNone}</p>
        ) : (
          <Summary plan={plan} tallies={tallies} yearLabel={year(plan, latestFy)} />
        )}
      </section>
      {reports.length > 0 ? (
        <section aria-labelledby="reports">
          <h2 id="reports">{t.plan.reports}</h2>
          <ul>
            {reports.map((r) => (
              <li>
                <a href={r.href}>{r.title}</a>（{r.format}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="tree">
        <h2 id="tree">{t.plan.tree}</h2>
        <p>{t.plan.treeCount(itemCount)}</p>
        <TreeList
          plan={plan}
          nodes={tree}
          latest={latestStatusByItem(progress)}
          byId={new Map(nodes.map((n) => [n.id, n]))}
        />
      </section>
      {indicators.length > 0 ? (
        <section aria-labelledby="plan-indicators" class="stack">
          <h2 id="plan-indicators">{t.plan.indicators}</h2>
          {indicators.map((x) => (
            <IndicatorBlock plan={plan} x={x} />
          ))}
        </section>
      ) : null}
      <section aria-labelledby="open-data">
        <h2 id="open-data">{t.plan.openData}</h2>
        <ul>
          {files.map((f) => (
            <li>
              <a href={f.path}>{f.title}</a>
            </li>
          ))}
          <li>
            <a href={`/public/plans/${plan.id}/data-definitions`}>{t.plan.definitions}</a>
          </li>
        </ul>
      </section>
    </article>
  );
};

const IndicatorBlock: FC<{ plan: PublicPlan; x: PublicIndicator }> = ({ plan, x }) => {
  const years = x.values.map((v) => v.fiscalYear);
  const statistic = x.role === "statistic";
  const name = statistic ? t.item.chartLabelStatistic(x.name) : t.item.chartLabel(x.name);
  const svg =
    years.length > 0
      ? renderChartSvg(
          {
            title: x.name,
            unit: x.unit,
            years: years.map((y) => ({ fiscalYear: y, label: year(plan, y) })),
            values: x.values.map((v) => ({ ...v, note: null })),
            showTargets: !statistic,
            labels: { target: t.item.target, actual: t.item.actual },
          },
          name,
        )
      : null;
  const fmt = (v: number | null) => (v === null ? "-" : v.toLocaleString("ja-JP"));
  return (
    <section class="indicator" aria-labelledby={`ind-${x.id}`}>
      <h3 id={`ind-${x.id}`}>
        <span class="badge">{t.item.roles[x.role] ?? x.role}</span> {x.name}
      </h3>
      {x.definition ? (
        <p>
          {t.item.definition}：{x.definition}
        </p>
      ) : null}
      {svg ? <figure class="indicator-chart">{raw(svg)}</figure> : null}
      <TableWrap label={t.item.tableCaption(x.name, x.unit ?? t.item.noUnit)}>
        <table>
          <caption>{t.item.tableCaption(x.name, x.unit ?? t.item.noUnit)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.item.yearHeader}</th>
              {years.map((y) => (
                <th scope="col" class="num">
                  {year(plan, y)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {statistic ? null : (
              <tr>
                <th scope="row">{t.item.target}</th>
                {x.values.map((v) => (
                  <td class="num">{fmt(v.target)}</td>
                ))}
              </tr>
            )}
            <tr>
              <th scope="row">{t.item.actual}</th>
              {x.values.map((v) => (
                <td class="num">{fmt(v.actual)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </TableWrap>
      {x.sourceNote ? (
        <p class="muted">
          {t.item.source}：{x.sourceNote}
        </p>
      ) : null}
    </section>
  );
};

const Text: FC<{ value: string | null }> = ({ value }) =>
  value ? (
    value.split("\n").map((line, i) => (
      <>
        {i > 0 ? <br /> : null}
        {line}
      </>
    ))
  ) : (
    <>-</>
  );

export const ItemPage: FC<{ item: PublicItem }> = ({ item }) => {
  const { plan, node } = item;
  const base = `/public/plans/${plan.id}/items/${node.id}`;
  return (
    <article class="stack">
      <h1>
        {node.label ? `${node.label} ` : ""}
        {node.title}
      </h1>
      {node.crossRefOf ? (
        <p>
          {t.item.crossRefOf} <a href={`/public/plans/${plan.id}/items/${node.crossRefOf}`}>{node.title}</a>
        </p>
      ) : null}
      <section aria-labelledby="contents">
        <h2 id="contents">{t.item.contents}</h2>
        <dl class="facts">
          {node.content ? (
            <>
              <dt>{t.item.content}</dt>
              <dd>
                <Text value={node.content} />
              </dd>
            </>
          ) : null}
          {node.yearlyGoal ? (
            <>
              <dt>{t.item.yearlyGoal}</dt>
              <dd>
                <Text value={node.yearlyGoal} />
              </dd>
            </>
          ) : null}
          {node.targetState ? (
            <>
              <dt>{t.item.targetState}</dt>
              <dd>
                <Text value={node.targetState} />
              </dd>
            </>
          ) : null}
          {node.tierCode ? (
            <>
              <dt>{t.item.tier}</dt>
              <dd>{plan.tiers.find((x) => x.code === node.tierCode)?.label ?? node.tierCode}</dd>
            </>
          ) : null}
          {node.departments.length > 0 ? (
            <>
              <dt>{t.item.departments}</dt>
              <dd>{node.departments.join("、")}</dd>
            </>
          ) : null}
          {node.implementingBody ? (
            <>
              <dt>{t.item.implementingBody}</dt>
              <dd>{node.implementingBody}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="progress" class="stack">
        <h2 id="progress">{t.item.progress}</h2>
        {item.progress.length === 0 ? <p>{t.item.progressNone}</p> : null}
        {progressByYear(item.progress).map((y) => (
          <TableWrap label={t.item.progressCaption(year(plan, y.fiscalYear), y.rows[0]?.asOfLabel ?? null)}>
            <table>
              <caption>
                {t.item.progressCaption(year(plan, y.fiscalYear), y.rows[0]?.asOfLabel ?? null)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t.item.department}</th>
                  <th scope="col">{t.item.status}</th>
                  <th scope="col">{t.item.grade}</th>
                  <th scope="col">{t.item.result}</th>
                  <th scope="col">{t.item.issues}</th>
                  <th scope="col">{t.item.next}</th>
                </tr>
              </thead>
              <tbody>
                {y.rows.map((p) => (
                  <tr>
                    <th scope="row">{p.departmentName ?? "-"}</th>
                    <td>{p.statusLabel ?? "-"}</td>
                    <td>{p.grade ?? "-"}</td>
                    <td>
                      <Text value={p.result ?? p.doText} />
                    </td>
                    <td>
                      <Text value={p.issuesText ?? p.checkText} />
                    </td>
                    <td>
                      <Text value={p.actText} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ))}
      </section>
      <section aria-labelledby="indicators" class="stack">
        <h2 id="indicators">{t.item.indicators}</h2>
        {item.indicators.length === 0 ? <p>{t.item.indicatorsNone}</p> : null}
        {item.indicators.map((x) => (
          <IndicatorBlock plan={plan} x={x} />
        ))}
      </section>
      <section aria-labelledby="follow">
        <h2 id="follow">{t.plan.follow}</h2>
        <ul>
          <li>
            <a href={`${base}/feed.atom`}>{t.item.feed}</a>
          </li>
          <li>
            <a href={`${base}.json`}>{t.item.json}</a>
          </li>
        </ul>
      </section>
    </article>
  );
};

export const SearchPage: FC<{
  query: SearchQuery | null;
  raw: string;
  error: string | null;
  hits: SearchHit[];
  hasNext: boolean;
}> = ({ query, raw: rawText, error, hits, hasNext }) => {
  const q = query?.text ?? "";
  const page = query?.page ?? 1;
  const link = (p: number) => `/public/search?q=${encodeURIComponent(q)}&page=${p}`;
  return (
    <section class="stack">
      <h1>{t.search.title}</h1>
      {error ? (
        <div class="alert alert--error" role="alert" aria-labelledby="search-error-title">
          <h2 id="search-error-title">{t.search.errorSummary}</h2>
          <p>
            <a href="#q">{error}</a>
          </p>
        </div>
      ) : null}
      <search>
        <form method="get" action="/public/search" class="stack">
          <div class="field">
            <label for="q">{t.search.label}</label>
            <p id="q-hint" class="hint">
              {t.search.hint}
            </p>
            {error ? (
              <p id="q-error" class="field-error">
                {error}
              </p>
            ) : null}
            <input
              type="search"
              id="q"
              name="q"
              value={error ? rawText.slice(0, 200) : q}
              maxlength={100}
              aria-describedby={error ? "q-hint q-error" : "q-hint"}
              aria-invalid={error ? "true" : undefined}
            />
          </div>
          <p>
            <button type="submit">{t.search.submit}</button>
          </p>
        </form>
      </search>
      {query && query.terms.length > 0 && !error ? (
        <section aria-labelledby="results" class="stack">
          <h2 id="results" aria-live="polite">
            {hits.length === 0
              ? t.search.none(q)
              : hasNext || page > 1
                ? `${t.search.resultsMore(q)} ${t.search.pageOf(page)}`
                : t.search.results(hits.length, q)}
          </h2>
          <ol class="search-results" start={(page - 1) * RESULTS_PER_PAGE + 1}>
            {hits.map((h) => (
              <li>
                <span class="badge">{t.search.kinds[h.kind] ?? h.kind}</span>{" "}
                <a
                  href={
                    h.nodeId ? `/public/plans/${h.planId}/items/${h.nodeId}` : `/public/plans/${h.planId}`
                  }
                >
                  {h.label ? `${h.label} ` : ""}
                  {h.title}
                </a>
                <span class="muted">
                  {" "}
                  — {h.orgName} {h.nodeId ? h.planTitle : ""}
                </span>
              </li>
            ))}
          </ol>
          {page > 1 || hasNext ? (
            <nav aria-label={t.search.pageOf(page)} class="pager">
              {page > 1 ? <a href={link(page - 1)}>{t.search.prev}</a> : null}{" "}
              {hasNext ? <a href={link(page + 1)}>{t.search.next}</a> : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </section>
  );
};

export const OpenDataPage: FC<{ plans: PublicPlan[] }> = ({ plans }) => (
  <section class="stack">
    <h1>{t.openData.title}</h1>
    <p>{t.openData.lead}</p>
    <p>
      <a href="/public/catalog.json">{t.openData.catalogue}</a>
    </p>
    {plans.length === 0 ? <p>{t.openData.none}</p> : null}
    {plans.map((p) => (
      <section aria-labelledby={`d-${p.id}`}>
        <h2 id={`d-${p.id}`}>
          {p.org.name} {p.title}
        </h2>
        <p>
          {t.openData.licence}：<a href={p.licence.url}>{p.licence.name}</a>
        </p>
        <ul>
          {planDistributions(p.id).map((f) => (
            <li>
              <a href={f.path}>{f.title}</a>
            </li>
          ))}
          <li>
            <a href={`/public/plans/${p.id}/data-definitions`}>{t.plan.definitions}</a>
          </li>
        </ul>
      </section>
    ))}
  </section>
);

const ColumnTable: FC<{ caption: string; columns: Column<never>[] }> = ({ caption, columns }) => (
  <TableWrap label={caption}>
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.openData.column}</th>
          <th scope="col">{t.openData.key}</th>
          <th scope="col">{t.openData.type}</th>
          <th scope="col">{t.openData.description}</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => (
          <tr>
            <th scope="row">{c.header}</th>
            <td>
              <code>{c.key}</code>
            </td>
            <td>{c.type}</td>
            <td>{c.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </TableWrap>
);

export const DefinitionsPage: FC<{ plan: PublicPlan }> = ({ plan }) => (
  <section class="stack">
    <h1>{t.openData.definitionsTitle(plan.title)}</h1>
    <p>{t.openData.encoding}</p>
    <p>
      {t.openData.licence}：<a href={plan.licence.url}>{plan.licence.name}</a>
    </p>
    <ColumnTable caption={t.openData.itemsTable} columns={ITEM_COLUMNS as Column<never>[]} />
    <ColumnTable caption={t.openData.indicatorsTable} columns={INDICATOR_COLUMNS as Column<never>[]} />
  </section>
);

export const MessagePage: FC<{ title: string; body: string }> = ({ title, body }) => (
  <section class="message-page">
    <h1>{title}</h1>
    <p>{body}</p>
    <p>
      <a href="/public">{t.errors.backToList}</a>
    </p>
  </section>
);
