import type { FC } from "hono/jsx";
import { formatFiscalYear, formatJapaneseDate, type YearStyle } from "../../japanese/index.js";
import {
  ErrorSummary,
  type FormState,
  MessagePage,
  Select,
  TextArea,
  TextField,
} from "../../plans/pages/components.js";
import type { Plan } from "../../plans/plan.js";
import { m } from "../../web/messages/index.js";
import type { Completion } from "../entry-state.js";
import { ASKED_FIELDS, ENTRY_MODES, type Round } from "../progress.js";

const t = m.progress;

export const fy = (year: number, style: string) => formatFiscalYear(year, style as YearStyle);
export const day = (iso: string | null, style: string) =>
  iso ? formatJapaneseDate(iso, style === "western" ? "western" : "wareki") : "—";

export const RoundListPage: FC<{
  rounds: { round: Round; planTitle: string; completion: Completion | null }[];
  yearStyle: string;
  canOpen: boolean;
}> = (p) => (
  <>
    <h1>{t.listTitle}</h1>
    <p class="lead">{t.listLead}</p>
    {p.canOpen ? (
      <p class="actions">
        <a class="button" href="/progress/rounds/new">
          {t.openRound}
        </a>
      </p>
    ) : null}
    {p.rounds.length === 0 ? (
      <p>{t.none}</p>
    ) : (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.columns.plan}</th>
              <th scope="col">{t.columns.fiscalYear}</th>
              <th scope="col">{t.columns.asOf}</th>
              <th scope="col">{t.columns.deadline}</th>
              <th scope="col">{t.columns.state}</th>
              <th scope="col">{t.columns.progress}</th>
            </tr>
          </thead>
          <tbody>
            {p.rounds.map(({ round, planTitle, completion }) => (
              <tr>
                <th scope="row">
                  <a href={`/progress/rounds/${round.id}`}>
                    {planTitle}
                    <span class="visually-hidden"> {fy(round.fiscalYear, p.yearStyle)}</span>
                  </a>
                </th>
                <td>{fy(round.fiscalYear, p.yearStyle)}</td>
                <td>{round.asOfLabel ?? day(round.asOfDate, p.yearStyle)}</td>
                <td>{day(round.deadline, p.yearStyle)}</td>
                <td>{t.roundStates[round.state]}</td>
                <td>
                  {completion
                    ? `${completion.byState.submitted + completion.byState.approved}/${completion.total}（${t.board.percent(completion.submittedPercent)}）`
                    : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </>
);

export const NewRoundPage: FC<{ plans: Plan[]; state: FormState; asked: string[] }> = (p) => {
  if (p.plans.length === 0)
    return (
      <MessagePage title={t.newRound.title}>
        <p>{t.newRound.noPlans}</p>
      </MessagePage>
    );
  const labels = { ...t.newRound, fieldsAsked: t.newRound.fieldsAsked } as Record<string, string>;
  return (
    <>
      <h1>{t.newRound.title}</h1>
      <p class="lead">{t.newRound.lead}</p>
      <ErrorSummary errors={p.state.errors} labels={labels} />
      <form method="post" action="/progress/rounds" class="stack" novalidate>
        <Select
          name="planId"
          label={t.newRound.plan}
          state={p.state}
          options={p.plans.map((plan) => ({ value: plan.id, label: plan.title }))}
        />
        <TextField
          name="fiscalYear"
          label={t.newRound.fiscalYear}
          state={p.state}
          inputmode="numeric"
          required
        />
        <TextField name="asOfDate" label={t.newRound.asOfDate} state={p.state} type="date" />
        <TextField name="asOfLabel" label={t.newRound.asOfLabel} state={p.state} />
        <TextField name="deadline" label={t.newRound.deadline} state={p.state} type="date" />
        <fieldset id="f-fieldsAsked">
          <legend>{t.newRound.fieldsAsked}</legend>
          {p.state.errors.fieldsAsked ? <p class="field-error">{p.state.errors.fieldsAsked}</p> : null}
          {ASKED_FIELDS.filter((f) => f !== "indicatorActuals").map((f) => (
            <div class="checkbox">
              <input
                type="checkbox"
                id={`asked-${f}`}
                name="fieldsAsked"
                value={f}
                checked={p.asked.includes(f)}
              />
              <label for={`asked-${f}`}>{t.fields[f]}</label>
            </div>
          ))}
        </fieldset>
        <Select
          name="entryMode"
          label={t.newRound.entryMode}
          state={p.state}
          options={ENTRY_MODES.map((x) => ({ value: x, label: t.entryModes[x] }))}
        />
        <TextField name="reminderDays" label={t.newRound.reminderDays} state={p.state} inputmode="numeric" />
        <div class="checkbox">
          <input
            type="checkbox"
            id="f-allowLate"
            name="allowLate"
            value="1"
            checked={p.state.values.allowLate === "1"}
          />
          <label for="f-allowLate">{t.newRound.allowLate}</label>
        </div>
        <TextArea name="instructions" label={t.newRound.instructions} state={p.state} rows={4} />
        <p>
          <button type="submit">{t.newRound.submit}</button>
        </p>
      </form>
    </>
  );
};
