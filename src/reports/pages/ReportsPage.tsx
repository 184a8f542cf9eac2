import type { FC } from "hono/jsx";
import type { Plan } from "../../plans/plan.js";
import { m } from "../../web/messages/index.js";
import type { LayoutRecord } from "../report-layout.js";

const t = m.reports;

export type RoundChoice = { id: string; label: string };

/** The links of one layout: the printable HTML and the downloads, for the chosen round. */
const Outputs: FC<{ planId: string; layout: LayoutRecord; roundId: string | null; pdf: boolean }> = (p) => {
  const base = `/plans/${p.planId}/reports/${p.layout.id}`;
  const q = p.roundId ? `?roundId=${encodeURIComponent(p.roundId)}` : "";
  const name = p.layout.layout.name;
  return (
    <ul class="inline-list">
      <li>
        <a href={`${base}${q}`} aria-label={`${name}: ${t.html}`}>
          {t.html}
        </a>
      </li>
      <li>
        <a href={`${base}.xlsx${q}`} aria-label={`${name}: ${t.xlsx}`}>
          {t.xlsx}
        </a>
      </li>
      <li>
        <a href={`${base}.csv${q}`} aria-label={`${name}: ${t.csv}`}>
          {t.csv}
        </a>
      </li>
      <li>
        <a href={`${base}.sjis.csv${q}`} aria-label={`${name}: ${t.csvSjis}`}>
          {t.csvSjis}
        </a>
      </li>
      {p.pdf ? (
        <li>
          <a href={`${base}.pdf${q}`} aria-label={`${name}: ${t.pdf}`}>
            {t.pdf}
          </a>
        </li>
      ) : null}
    </ul>
  );
};

export const ReportsPage: FC<{
  plan: Plan;
  layouts: LayoutRecord[];
  rounds: RoundChoice[];
  roundId: string | null;
  canEdit: boolean;
  pdf: boolean;
  notice: string | null;
}> = (p) => {
  const builtin = p.layouts.filter((l) => l.builtin);
  const saved = p.layouts.filter((l) => !l.builtin);
  const table = (list: LayoutRecord[], caption: string, editable: boolean) => (
    <table class="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.layout}</th>
          <th scope="col">{t.formats}</th>
          {editable ? <th scope="col">{t.edit}</th> : null}
        </tr>
      </thead>
      <tbody>
        {list.map((l) => (
          <tr>
            <th scope="row">{l.layout.name}</th>
            <td>
              <Outputs planId={p.plan.id} layout={l} roundId={p.roundId} pdf={p.pdf} />
            </td>
            {editable ? (
              <td>
                <a
                  href={`/plans/${p.plan.id}/reports/${l.id}/edit`}
                  aria-label={`${l.layout.name}を${t.edit}`}
                >
                  {t.edit}
                </a>{" "}
                <a
                  href={`/plans/${p.plan.id}/reports/${l.id}/delete`}
                  aria-label={`${l.layout.name}を${t.delete}`}
                >
                  {t.delete}
                </a>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <p>
        <a href={`/plans/${p.plan.id}`}>{t.backToPlan}</a>
      </p>
      <h1>{t.title(p.plan.title)}</h1>
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <p>{t.lead}</p>
      <form method="get" action={`/plans/${p.plan.id}/reports`} class="inline-form">
        <div class="field">
          <label for="f-roundId">{t.round}</label>
          <select id="f-roundId" name="roundId">
            <option value="">{t.roundLatest}</option>
            {p.rounds.map((r) => (
              <option value={r.id} selected={r.id === p.roundId}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t.choose}</button>
      </form>
      {table(builtin, t.builtin, false)}
      {saved.length ? table(saved, t.saved, p.canEdit) : <p>{t.noSaved}</p>}
      {p.canEdit ? (
        <p class="actions">
          <a class="button" href={`/plans/${p.plan.id}/reports/new`}>
            {t.create}
          </a>
        </p>
      ) : null}
    </>
  );
};
