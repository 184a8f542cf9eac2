import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import {
  buildTree,
  compareStatedTally,
  countItems,
  flattenTree,
  isResponsible,
  type Plan,
  type PlanNode,
  scheduleColumns,
  type TreeNode,
  tallyByTier,
} from "../plan.js";
import type { Block, RoundDef, SectionDef } from "../plan-document.js";
import { fiscalYearLabel, periodLabel } from "../plan-years.js";

export type PlanPageProps = {
  plan: Plan;
  nodes: PlanNode[];
  yearStyle: string;
  /** the person's departments: their items are highlighted */
  departmentIds: string[];
  canEdit: boolean;
  /** the latest progress round of the imported document, if any */
  round: RoundDef | null;
  predecessor: { id: string; title: string } | null;
  /** per item id, one line per indicator (from the indicators capability); shown under the item */
  indicatorLines?: ReadonlyMap<string, string[]>;
};

const t = m.plans.show;

export const PlanPage: FC<PlanPageProps> = (p) => {
  const { plan } = p;
  return (
    <article class="plan">
      <h1>
        {plan.title}
        {plan.subtitle ? <span class="plan__subtitle"> {plan.subtitle}</span> : null}
      </h1>
      <section aria-labelledby="overview">
        <h2 id="overview">{t.overview}</h2>
        <dl class="plan-facts">
          <dt>{m.plans.colKind}</dt>
          <dd>{plan.kind}</dd>
          <dt>{m.plans.colTerm}</dt>
          <dd>{plan.termLabel ?? "—"}</dd>
          <dt>{m.plans.colPeriod}</dt>
          <dd>{periodLabel(plan.firstYear, plan.lastYear, p.yearStyle)}</dd>
          <dt>{m.plans.colStatus}</dt>
          <dd>{m.plans.status[plan.status]}</dd>
          {plan.issuedLabel ? (
            <>
              <dt>{m.plans.fields.issuedLabel}</dt>
              <dd>{plan.issuedLabel}</dd>
            </>
          ) : null}
          {plan.issuer ? (
            <>
              <dt>{m.plans.fields.issuer}</dt>
              <dd>{plan.issuer}</dd>
            </>
          ) : null}
          {p.predecessor ? (
            <>
              <dt>{t.predecessor}</dt>
              <dd>
                <a href={`/plans/${p.predecessor.id}`}>{p.predecessor.title}</a>
              </dd>
            </>
          ) : null}
        </dl>
        <p>
          <a href={`/plans/${plan.id}/indicators`}>{m.indicators.openIndicators}</a>
        </p>
        <p>
          <a href={`/plans/${plan.id}/reports`}>{m.reports.open}</a>
        </p>
        {p.canEdit ? (
          <p class="actions">
            <a class="button" href={`/plans/${plan.id}/edit`}>
              {t.edit}
            </a>{" "}
            <a class="button button--secondary" href={`/plans/${plan.id}/nodes/new`}>
              {t.addTop}
            </a>{" "}
            {plan.status === "closed" ? (
              <a class="button button--secondary" href={`/plans/${plan.id}/next-term`}>
                {t.nextTermCreate}
              </a>
            ) : null}
          </p>
        ) : null}
      </section>
      {plan.revisions.length > 0 ? <Revisions plan={plan} /> : null}
      <Vocabularies plan={plan} />
      <Tree {...p} />
      {p.round ? <Tally {...p} round={p.round} /> : null}
      {plan.sections.length > 0 ? (
        <section aria-labelledby="chapters">
          <h2 id="chapters">{t.chapters}</h2>
          {plan.sections.map((s) => (
            <Section section={s} depth={3} />
          ))}
        </section>
      ) : null}
    </article>
  );
};

const Revisions: FC<{ plan: Plan }> = ({ plan }) => (
  <section aria-labelledby="revisions">
    <h2 id="revisions">{t.revisions}</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">{t.revisionMonth}</th>
          <th scope="col">{t.revisionKind}</th>
          <th scope="col">{t.revisionNote}</th>
        </tr>
      </thead>
      <tbody>
        {plan.revisions.map((r) => (
          <tr>
            <td>{r.label || r.month}</td>
            <td>{r.kind}</td>
            <td>{r.note ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);

const Vocabularies: FC<{ plan: Plan }> = ({ plan }) => (
  <section aria-labelledby="vocabularies">
    <h2 id="vocabularies">{t.vocabularies}</h2>
    <p>
      <strong>{t.levels}:</strong> {plan.levelNames.join(" → ") || "—"}
    </p>
    {plan.tiers.length > 0 ? (
      <table>
        <caption>{t.tiers}</caption>
        <thead>
          <tr>
            <th scope="col">{t.tierLabel}</th>
            <th scope="col">{t.definition}</th>
          </tr>
        </thead>
        <tbody>
          {plan.tiers.map((x) => (
            <tr>
              <th scope="row">{x.label || x.code}</th>
              <td>{x.definition ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : null}
    {plan.statusVocabulary.length > 0 ? (
      <p>
        <strong>{t.statuses}:</strong>{" "}
        {plan.statusVocabulary.map((s) => `${s.label}（${m.plans.canonical[s.canonical]}）`).join("、")}
      </p>
    ) : null}
    {plan.gradeVocabulary.length > 0 ? (
      <p>
        <strong>{t.grades}:</strong>{" "}
        {plan.gradeVocabulary.map((g) => (g.definition ? `${g.label} ${g.definition}` : g.label)).join("、")}
      </p>
    ) : null}
  </section>
);

function tierLabel(plan: Plan, code: string | null): string {
  if (code === null) return "";
  return plan.tiers.find((x) => x.code === code)?.label || code;
}

const Tree: FC<PlanPageProps> = (p) => {
  const { plan, nodes } = p;
  const rows = flattenTree(buildTree(nodes));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const shown = (n: PlanNode) => (n.crossRefOf ? (byId.get(n.crossRefOf) ?? n) : n);
  const years = scheduleColumns(plan, nodes);
  const entries = new Map((p.round?.entries ?? []).map((e) => [e.nodeKey, e]));
  const hasDepts = nodes.some((n) => n.departments.length > 0);
  const hasTier = nodes.some((n) => n.tierCode !== null);
  const hasNext = nodes.some((n) => n.nextTerm !== null);
  const hasRound = p.round !== null;
  const cols =
    2 + (hasTier ? 1 : 0) + (hasDepts ? 1 : 0) + years.length + (hasRound ? 2 : 0) + (hasNext ? 2 : 0);
  return (
    <section aria-labelledby="tree">
      <h2 id="tree">{t.tree}</h2>
      <div class="table-wrap">
        <table class="plan-tree">
          <caption>{t.treeCaption(countItems(nodes))}</caption>
          <thead>
            <tr>
              <th scope="col">{t.no}</th>
              <th scope="col">{t.content}</th>
              {hasTier ? <th scope="col">{t.tier}</th> : null}
              {hasDepts ? <th scope="col">{t.departments}</th> : null}
              {years.map((y) => (
                <th scope="col" class="num">
                  {fiscalYearLabel(y, p.yearStyle === "western" ? "western" : "wareki-short")}
                </th>
              ))}
              {hasRound ? (
                <>
                  <th scope="col">{t.statusCol}</th>
                  <th scope="col">{t.result}</th>
                </>
              ) : null}
              {hasNext ? (
                <>
                  <th scope="col">{t.nextTerm}</th>
                  <th scope="col">{t.reason}</th>
                </>
              ) : null}
              {p.canEdit ? <th scope="col">{t.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const n = shown(row);
              const mine =
                n.kind === "item" && p.departmentIds.length > 0 && isResponsible(n, p.departmentIds);
              const actions = p.canEdit ? <NodeActions plan={plan} node={row} siblings={nodes} /> : null;
              if (row.kind === "category") {
                return (
                  <tr
                    class={`plan-row plan-row--category plan-row--level-${row.level}`}
                    id={`node-${row.id}`}
                  >
                    <th scope="rowgroup" colspan={cols}>
                      {row.label ? <span class="plan-row__label">{row.label} </span> : null}
                      {row.title}
                      {row.content ? <p class="plan-row__content">{row.content}</p> : null}
                    </th>
                    {actions ? <td>{actions}</td> : null}
                  </tr>
                );
              }
              const entry = entries.get(row.key) ?? entries.get(n.key);
              return (
                <tr class={`plan-row plan-row--item${mine ? " plan-row--mine" : ""}`} id={`node-${row.id}`}>
                  <th scope="row" class="plan-row__label">
                    {row.label ?? ""}
                  </th>
                  <td>
                    <span class="plan-row__title">{n.title}</span>
                    {row.crossRefOf ? (
                      <span class="badge plan-row__ref">
                        {t.crossRef}
                        <span class="visually-hidden">{t.crossRefOf(n.label ?? n.title)}</span>
                      </span>
                    ) : null}
                    {mine ? <span class="badge plan-row__mine">{t.mine}</span> : null}
                    {n.content ? <p class="plan-row__content">{n.content}</p> : null}
                    {n.yearlyGoal ? (
                      <p>
                        {t.yearlyGoal}: {n.yearlyGoal}
                      </p>
                    ) : null}
                    {n.targetState ? (
                      <p>
                        {t.targetState}: {n.targetState}
                      </p>
                    ) : null}
                    {n.implementingBody ? (
                      <p>
                        {t.implementingBody}: {n.implementingBody}
                      </p>
                    ) : null}
                    {Object.entries(n.attributes).map(([k, v]) => (
                      <p>
                        {k}: {v}
                      </p>
                    ))}
                    {p.indicatorLines?.get(n.id)?.length ? (
                      <ul class="plan-indicators" aria-label={m.indicators.planIndicators}>
                        {p.indicatorLines.get(n.id)!.map((line) => (
                          <li>{line}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  {hasTier ? <td class="plan-row__tier">{tierLabel(plan, n.tierCode)}</td> : null}
                  {hasDepts ? <td>{n.departments.map((d) => d.name).join("、")}</td> : null}
                  {years.map((y) => {
                    const mark = n.schedule[String(y)];
                    return (
                      <td class="num">
                        {mark === "start" ? (
                          <>
                            <span aria-hidden="true">{t.start}</span>
                            <span class="visually-hidden">{t.startLabel}</span>
                          </>
                        ) : mark === "continue" ? (
                          <>
                            <span aria-hidden="true">{t.continue}</span>
                            <span class="visually-hidden">{t.continueLabel}</span>
                          </>
                        ) : null}
                      </td>
                    );
                  })}
                  {hasRound ? (
                    <>
                      <td class="plan-row__status">{entry?.statusLabel ?? ""}</td>
                      <td>{entry?.result ?? ""}</td>
                    </>
                  ) : null}
                  {hasNext ? (
                    <>
                      <td class="plan-row__next">{n.nextTerm?.label ?? ""}</td>
                      <td>{n.nextTerm?.reason ?? ""}</td>
                    </>
                  ) : null}
                  {actions ? <td>{actions}</td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
};

const NodeActions: FC<{ plan: Plan; node: TreeNode<PlanNode>; siblings: PlanNode[] }> = ({
  plan,
  node,
  siblings,
}) => {
  const base = `/plans/${plan.id}/nodes/${node.id}`;
  const peers = siblings.filter((s) => s.parentId === node.parentId).sort((a, b) => a.position - b.position);
  const index = peers.findIndex((s) => s.id === node.id);
  const name = `${node.label ?? ""} ${node.title}`.trim();
  return (
    <div class="node-actions">
      <a href={`${base}/edit`}>
        {t.editNode}
        <span class="visually-hidden">: {name}</span>
      </a>
      {node.kind === "category" ? (
        <a href={`/plans/${plan.id}/nodes/new?parent=${node.id}`}>
          {t.addChild}
          <span class="visually-hidden">: {name}</span>
        </a>
      ) : null}
      <a href={`${base}/move`}>
        {t.move}
        <span class="visually-hidden">: {name}</span>
      </a>
      {node.kind === "item" && !node.crossRefOf ? (
        <a href={`${base}/cross-reference`}>
          {t.listAgain}
          <span class="visually-hidden">: {name}</span>
        </a>
      ) : null}
      <a href={`${base}/delete`}>
        {t.del}
        <span class="visually-hidden">: {name}</span>
      </a>
      {index > 0 ? (
        <form method="post" action={`${base}/reorder`} class="inline-form">
          <input type="hidden" name="direction" value="up" />
          <button type="submit" class="link-button" aria-label={t.upLabel(name)}>
            {t.up}
          </button>
        </form>
      ) : null}
      {index >= 0 && index < peers.length - 1 ? (
        <form method="post" action={`${base}/reorder`} class="inline-form">
          <input type="hidden" name="direction" value="down" />
          <button type="submit" class="link-button" aria-label={t.downLabel(name)}>
            {t.down}
          </button>
        </form>
      ) : null}
    </div>
  );
};

const Tally: FC<PlanPageProps & { round: RoundDef }> = (p) => {
  const status = new Map(p.round.entries.map((e) => [e.nodeKey, e.statusLabel]));
  const keyOf = new Map(p.nodes.map((n) => [n.id, n.key]));
  const tally = tallyByTier(
    p.nodes,
    (n) => status.get(keyOf.get(n.id) ?? "") ?? null,
    p.plan.statusVocabulary,
    p.plan.tiers,
  );
  const stated = new Map(p.round.statedTallies.filter((s) => s.groupBy === "tier").map((s) => [s.group, s]));
  const asText = (x: (typeof tally)[number]) =>
    [
      ...x.byStatus.map((s) => `${s.count}/${x.total}：${s.label}`),
      ...(x.unreported > 0 ? [`${x.unreported}/${x.total}：${t.noStatus}`] : []),
    ].join(" ");
  return (
    <section aria-labelledby="tally">
      <h2 id="tally">{t.tally}</h2>
      <table class="plan-tally">
        <caption>
          {t.roundCaption(fiscalYearLabel(p.round.fiscalYear, p.yearStyle), p.round.asOfLabel ?? "")} —{" "}
          {t.tallyCaption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.tier}</th>
            <th scope="col">{t.computed}</th>
            {stated.size > 0 ? <th scope="col">{t.stated}</th> : null}
          </tr>
        </thead>
        <tbody>
          {tally.map((x) => {
            const s = stated.get(x.tierCode);
            const diffs = s ? compareStatedTally(s.counts, x, p.plan.statusVocabulary) : [];
            return (
              <tr class={diffs.length > 0 ? "plan-tally--differs" : undefined}>
                <th scope="row">{tierLabel(p.plan, x.tierCode) || "—"}</th>
                <td>{asText(x)}</td>
                {stated.size > 0 ? (
                  <td>
                    {s ? s.text : "—"}{" "}
                    {s ? (
                      <strong class={diffs.length > 0 ? "badge plan-tally__differs" : "badge"}>
                        {diffs.length > 0 ? t.differs : t.agrees}
                      </strong>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
};

const Section: FC<{ section: SectionDef; depth: number }> = ({ section, depth }) => {
  const heading = `${section.label ? `${section.label} ` : ""}${section.heading}`;
  const level = Math.min(depth, 6);
  return (
    <section class="plan-section">
      {level === 3 ? (
        <h3>{heading}</h3>
      ) : level === 4 ? (
        <h4>{heading}</h4>
      ) : level === 5 ? (
        <h5>{heading}</h5>
      ) : (
        <h6>{heading}</h6>
      )}
      {section.blocks.map((b) => (
        <BlockView block={b} />
      ))}
      {section.children.map((c) => (
        <Section section={c} depth={depth + 1} />
      ))}
    </section>
  );
};

export const BlockView: FC<{ block: Block }> = ({ block }) => {
  switch (block.type) {
    case "paragraph":
      return <p>{block.text}</p>;
    case "note":
      return <p class="hint">{block.text}</p>;
    case "figure":
      return <p class="hint">{t.figure(block.caption)}</p>;
    case "bullets":
      return (
        <ul>
          {block.items.map((i) => (
            <li>{i}</li>
          ))}
        </ul>
      );
    case "table":
      return (
        <div class="table-wrap">
          <table>
            {block.caption ? <caption>{block.caption}</caption> : null}
            {block.header.length > 0 ? (
              <thead>
                <tr>
                  {block.header.map((h) => (
                    <th scope="col">{h}</th>
                  ))}
                </tr>
              </thead>
            ) : null}
            <tbody>
              {block.rows.map((r) => (
                <tr>
                  {r.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td class="num">{cell}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
          {block.note ? <p class="hint">{block.note}</p> : null}
        </div>
      );
  }
};
