import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import type { ImportResult } from "../import-job.js";

const t = m.imports.result;

/** After a commit: what was written (created / updated / unchanged with counts) and the way to the plan. */
export const ResultPage: FC<{ sourceName: string; result: ImportResult }> = ({ sourceName, result }) => (
  <>
    <h1>{t[result.outcome]}</h1>
    <p class={result.outcome === "unchanged" ? "alert" : "alert alert--ok"} role="status">
      {result.outcome === "unchanged"
        ? t.unchangedLead
        : t.counts(result.counts.nodesCreated, result.counts.nodesUpdated, result.counts.nodesDeleted)}
    </p>
    <dl class="facts">
      <dt>{m.imports.preview.source}</dt>
      <dd>{sourceName}</dd>
    </dl>
    {result.counts.departmentsCreated.length > 0 ? (
      <p>{t.departmentsCreated(result.counts.departmentsCreated.join("、"))}</p>
    ) : null}
    <p>
      <a class="button" href={`/plans/${result.planId}`}>
        {t.openPlan}
      </a>
    </p>
    <p>
      <a href="/imports">{m.imports.preview.again}</a>
    </p>
  </>
);
