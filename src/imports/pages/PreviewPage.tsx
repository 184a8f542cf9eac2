import type { FC } from "hono/jsx";
import { compareStatedTally, countableDefs, type TierTally, tallyByTier } from "../../plans/plan.js";
import type { EntryDef, NodeDef, PlanDocument } from "../../plans/plan-document.js";
import { TextField } from "../../web/form-fields.js";
import { m } from "../../web/messages/index.js";
import type { ColumnMapping } from "../detect.js";
import type { Problem } from "../grid-to-plan.js";
import { FIELD_IDS, FIELD_LABELS } from "../headers.js";
import type { ImportDiff } from "../import-diff.js";
import {
  blockingProblems,
  type GridParse,
  type ImportJobOptions,
  type PlanParse,
  type TextParse,
} from "../import-job.js";
import { MappingForm, SavedMappingNotice, SaveMappingForm } from "./MappingForm.js";

const t = m.imports.preview;

/** At most this many preview rows are rendered; a 10,000-row sheet would make a page no one can read. */
export const MAX_PREVIEW_ROWS = 1000;

export type PreviewPageProps = {
  job: {
    id: string;
    sourceName: string;
    sourceKind: "xlsx" | "csv" | "text" | "paste";
    options: ImportJobOptions;
    mapping: ColumnMapping | null;
    parsed: PlanParse;
  };
  /** the plan a commit would update, or null for a new plan */
  updates: { title: string } | null;
  diff: ImportDiff | null;
  errors: string[];
  /** the name a mapping was just saved under */
  saved: string | null;
  values: { fiscalYear: string; mappingName: string; headerRows?: string };
};

export const PreviewPage: FC<PreviewPageProps> = (p) => {
  const { job } = p;
  const parsed = job.parsed;
  const blocking = blockingProblems(parsed);
  return (
    <>
      <h1>{t.title(job.sourceName)}</h1>
      {p.errors.length > 0 ? (
        <div class="alert alert--error" role="alert">
          <ul>
            {p.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <SavedMappingNotice name={p.saved} />
      <p class="alert">{t.notWritten}</p>
      <dl class="facts">
        <dt>{t.source}</dt>
        <dd>{job.sourceName}</dd>
        <dt>{t.sourceKind}</dt>
        <dd>{t.kinds[job.sourceKind]}</dd>
        {parsed.mode === "grid" ? (
          <>
            {parsed.encoding ? (
              <>
                <dt>{t.encoding}</dt>
                <dd>{parsed.encoding}</dd>
              </>
            ) : null}
            <dt>{t.rows}</dt>
            <dd>{t.rowsValue(parsed.rowCount)}</dd>
          </>
        ) : (
          <>
            <dt>{t.textKindLabel}</dt>
            <dd>{t.textKinds[parsed.textKind]}</dd>
            <dt>{t.lines}</dt>
            <dd>{t.rowsValue(parsed.lineCount)}</dd>
          </>
        )}
        <dt>{t.target}</dt>
        <dd>{p.updates ? t.targetUpdate(p.updates.title) : t.targetNew(parsed.doc.title)}</dd>
        <dt>{t.fiscalYear}</dt>
        <dd>{job.options.fiscalYear ?? parsed.doc.rounds[0]?.fiscalYear ?? t.fiscalYearNone}</dd>
      </dl>

      {parsed.mode === "grid" ? <Problems problems={parsed.problems} /> : <Warnings parse={parsed} />}

      <section aria-labelledby="commit-title">
        <h2 id="commit-title">{t.commitTitle}</h2>
        <p>{summaryLine(parsed.doc)}</p>
        {p.diff ? (
          <p>
            {t.changeSummary(p.diff.tally.new, p.diff.tally.changed, p.diff.tally.same, p.diff.tally.removed)}
          </p>
        ) : null}
        {parsed.mode === "text" ? (
          <p>
            {t.counts(parsed.doc.sections.length, parsed.doc.indicators.length, parsed.doc.budgets.length)}
          </p>
        ) : null}
        {blocking.length > 0 ? (
          <p class="field-error">{t.commitBlocked}</p>
        ) : (
          <form method="post" action={`/imports/${job.id}/commit`}>
            <button type="submit">{t.commit}</button>
          </form>
        )}
      </section>

      {parsed.mode === "grid" ? <Legend doc={parsed.doc} /> : null}
      {parsed.mode === "grid" ? (
        <GridItems parse={parsed} diff={p.diff} />
      ) : (
        <TreeItems doc={parsed.doc} diff={p.diff} />
      )}
      {p.diff && p.diff.removed.length > 0 ? (
        <section aria-labelledby="removed-title">
          <h2 id="removed-title">{t.removedTitle}</h2>
          <ul>
            {p.diff.removed.map((r) => (
              <li>{[r.label, r.title].filter(Boolean).join(" ")}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {parsed.mode === "grid" && job.mapping ? (
        <MappingForm
          action={`/imports/${job.id}/mapping`}
          target="plan"
          mapping={job.mapping}
          unmatched={parsed.unmatched}
        >
          <PlanMappingFields
            mapping={job.mapping}
            fiscalYear={p.values.fiscalYear}
            headerRows={p.values.headerRows ?? ""}
          />
        </MappingForm>
      ) : null}
      {parsed.mode === "grid" && job.mapping ? (
        <SaveMappingForm action={`/imports/${job.id}/mappings`} name={p.values.mappingName} />
      ) : null}
      <p>
        <a href="/imports">{t.again}</a>
      </p>
    </>
  );
};

function summaryLine(doc: PlanDocument): string {
  let items = 0;
  let categories = 0;
  const walk = (list: NodeDef[]) => {
    for (const n of list) {
      if (n.kind === "item") items++;
      else categories++;
      walk(n.children);
    }
  };
  walk(doc.nodes);
  return t.itemsSummary(items, categories);
}

function fieldName(field: Problem["field"]): string {
  if (field === null) return "—";
  if ((FIELD_IDS as readonly string[]).includes(field))
    return FIELD_LABELS[field as keyof typeof FIELD_LABELS];
  return t.otherFields[field as keyof typeof t.otherFields] ?? field;
}

export const Problems: FC<{ problems: Problem[] }> = ({ problems }) => (
  <section aria-labelledby="problems-title">
    <h2 id="problems-title">{t.problemsTitle}</h2>
    {problems.length === 0 ? (
      <p class="alert alert--ok">{t.noProblems}</p>
    ) : (
      <>
        <p class="alert alert--error">{t.problemsCount(problems.length)}</p>
        <div class="table-wrap">
          <table class="import-problems">
            <thead>
              <tr>
                <th scope="col">{t.sheet}</th>
                <th scope="col">{t.row}</th>
                <th scope="col">{t.column}</th>
                <th scope="col">{t.field}</th>
                <th scope="col">{t.reason}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((pr) => (
                <tr>
                  <td>{pr.sheet}</td>
                  <td class="num">{pr.row ?? t.wholeSheet}</td>
                  <td>{pr.column ?? "—"}</td>
                  <td>{fieldName(pr.field)}</td>
                  <td>{pr.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    )}
  </section>
);

const Warnings: FC<{ parse: TextParse }> = ({ parse }) => (
  <section aria-labelledby="warnings-title">
    <h2 id="warnings-title">{t.warningsTitle}</h2>
    {parse.warnings.length === 0 ? (
      <p class="alert alert--ok">{t.noWarnings}</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th scope="col">{t.line}</th>
            <th scope="col">{t.reason}</th>
          </tr>
        </thead>
        <tbody>
          {parse.warnings.map((w) => (
            <tr>
              <td class="num">{w.line}</td>
              <td>{w.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);

const Legend: FC<{ doc: PlanDocument }> = ({ doc }) => {
  if (doc.tiers.length === 0) return null;
  const round = doc.rounds[0];
  const stated = new Map(
    (round?.statedTallies ?? []).filter((s) => s.groupBy === "tier").map((s) => [s.group, s]),
  );
  // the tally a commit will compute from the items, beside the one the source prints (DOMAIN.md: a real tally error)
  const status = new Map((round?.entries ?? []).map((e) => [e.nodeKey, e.statusLabel]));
  const computed = new Map(
    tallyByTier(
      countableDefs(doc.nodes),
      (n) => status.get(n.def.key) ?? null,
      doc.statusVocabulary,
      doc.tiers,
    ).map((x) => [x.tierCode, x]),
  );
  const asText = (x: TierTally) =>
    [
      ...x.byStatus.map((s) => `${s.count}/${x.total}：${s.label}`),
      ...(x.unreported > 0 ? [`${x.unreported}/${x.total}：${m.plans.show.noStatus}`] : []),
    ].join(" ");
  return (
    <section aria-labelledby="legend-title">
      <h2 id="legend-title">{t.legendTitle}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.legendCode}</th>
            <th scope="col">{t.legendDefinition}</th>
            <th scope="col">{t.legendStated}</th>
            <th scope="col">{t.legendComputed}</th>
          </tr>
        </thead>
        <tbody>
          {doc.tiers.map((tier) => {
            const s = stated.get(tier.code);
            const c = computed.get(tier.code);
            const diffs = s && c ? compareStatedTally(s.counts, c, doc.statusVocabulary) : [];
            return (
              <tr class={diffs.length > 0 ? "plan-tally--differs" : undefined}>
                <th scope="row">{tier.label}</th>
                <td>{tier.definition ?? "—"}</td>
                <td>{s?.text ?? "—"}</td>
                <td>
                  {c && round ? asText(c) : "—"}{" "}
                  {s && c && round ? (
                    <strong class={diffs.length > 0 ? "badge plan-tally__differs" : "badge"}>
                      {diffs.length > 0 ? t.legendDiffers : t.legendAgrees}
                    </strong>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="hint">{t.legendNote}</p>
    </section>
  );
};

function indexNodes(doc: PlanDocument): { nodes: Map<string, NodeDef>; entries: Map<string, EntryDef> } {
  const nodes = new Map<string, NodeDef>();
  const walk = (list: NodeDef[]) => {
    for (const n of list) {
      nodes.set(n.key, n);
      walk(n.children);
    }
  };
  walk(doc.nodes);
  const entries = new Map((doc.rounds[0]?.entries ?? []).map((e) => [e.nodeKey, e]));
  return { nodes, entries };
}

const ChangeCell: FC<{ diff: ImportDiff | null; nodeKey: string | null }> = ({ diff, nodeKey }) => {
  const change = nodeKey && diff ? diff.byKey[nodeKey] : undefined;
  return (
    <td class="nowrap">{change ? <span class={`badge badge--${change}`}>{t.changes[change]}</span> : ""}</td>
  );
};

const GridItems: FC<{ parse: GridParse; diff: ImportDiff | null }> = ({ parse, diff }) => {
  const { nodes, entries } = indexNodes(parse.doc);
  const rows = parse.preview.filter((r) => r.action === "item" || r.action === "category");
  const shown = rows.slice(0, MAX_PREVIEW_ROWS);
  return (
    <section aria-labelledby="items-title">
      <h2 id="items-title">{t.itemsTitle}</h2>
      {rows.length > shown.length ? <p>{t.truncated(shown.length, rows.length)}</p> : null}
      <div class="table-wrap">
        <table class="import-preview">
          <thead>
            <tr>
              <th scope="col">{t.row}</th>
              <th scope="col">{t.change}</th>
              <th scope="col">{t.number}</th>
              <th scope="col">{t.itemTitle}</th>
              <th scope="col">{t.tier}</th>
              <th scope="col">{t.departments}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.result}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const node = r.nodeKey ? nodes.get(r.nodeKey) : undefined;
              const entry = r.nodeKey ? entries.get(r.nodeKey) : undefined;
              const category = r.action === "category";
              return (
                <tr class={`import-row--${r.action}${r.problemCount > 0 ? " import-row--problem" : ""}`}>
                  <td class="num">{r.row}</td>
                  <ChangeCell diff={diff} nodeKey={r.nodeKey} />
                  <td>{r.label ?? ""}</td>
                  <th scope="row" class={`depth-${Math.min(r.level ?? 0, 3)}`}>
                    {category ? `${t.category}: ` : ""}
                    {r.title}
                  </th>
                  <td class="nowrap">{node?.tierCode ?? ""}</td>
                  <td>{node?.departments.join("・") ?? ""}</td>
                  <td class="nowrap">{entry?.statusLabel ?? ""}</td>
                  <td>{entry?.result ?? ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
};

const TreeItems: FC<{ doc: PlanDocument; diff: ImportDiff | null }> = ({ doc, diff }) => {
  const flat: NodeDef[] = [];
  const walk = (list: NodeDef[]) => {
    for (const n of list) {
      flat.push(n);
      walk(n.children);
    }
  };
  walk(doc.nodes);
  const shown = flat.slice(0, MAX_PREVIEW_ROWS);
  if (flat.length === 0) return null;
  return (
    <section aria-labelledby="items-title">
      <h2 id="items-title">{t.itemsTitle}</h2>
      {flat.length > shown.length ? <p>{t.truncated(shown.length, flat.length)}</p> : null}
      <div class="table-wrap">
        <table class="import-preview">
          <thead>
            <tr>
              <th scope="col">{t.change}</th>
              <th scope="col">{t.number}</th>
              <th scope="col">{t.itemTitle}</th>
              <th scope="col">{t.tier}</th>
              <th scope="col">{t.departments}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((n) => (
              <tr class={`import-row--${n.kind}`}>
                <ChangeCell diff={diff} nodeKey={n.key} />
                <td>{n.label ?? ""}</td>
                <th scope="row" class={`depth-${Math.min(n.level, 3)}`}>
                  {n.title}
                </th>
                <td>{n.tierCode ?? ""}</td>
                <td>{n.departments.join("・")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};

const PlanMappingFields: FC<{ mapping: ColumnMapping; fiscalYear: string; headerRows: string }> = (p) => {
  const state = { values: { headerRows: p.headerRows, fiscalYear: p.fiscalYear }, errors: {} };
  return (
    <>
      <TextField
        name="headerRows"
        label={m.imports.headerRows.label}
        inputmode="numeric"
        hint={m.imports.headerRows.hint(p.mapping.headerRows.join("-"))}
        state={state}
      />
      <TextField
        name="fiscalYear"
        label={m.imports.fiscalYear}
        inputmode="numeric"
        hint={m.imports.fiscalYearHint}
        state={state}
      />
    </>
  );
};
