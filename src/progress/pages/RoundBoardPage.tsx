import type { FC } from "hono/jsx";
import type { Plan, PlanNode } from "../../plans/plan.js";
import { m } from "../../web/messages/index.js";
import type { BoardRow, Entry, Round } from "../progress.js";
import type { TallyRow } from "../round-tally.js";
import { day, fy } from "./RoundPages.js";

const t = m.progress;

export type BoardItem = { entry: Entry; node: Pick<PlanNode, "label" | "title"> };

export type RoundBoardProps = {
  round: Round;
  plan: Plan;
  yearStyle: string;
  /** the deadline has passed (Japan time) */
  pastDeadline: boolean;
  items: BoardItem[];
  /** entries the person may edit (department staff: exactly their items) */
  mine: BoardItem[];
  board: BoardRow[];
  tally: TallyRow[];
  canManage: boolean;
  canReview: boolean;
  /** department staff see their to-do list only */
  isDepartment: boolean;
};

export const StateBadge: FC<{ state: Entry["state"] }> = ({ state }) => (
  <span class={`badge entry-state entry-state--${state}`}>{t.entryStates[state]}</span>
);

const itemName = (n: BoardItem["node"]) => `${n.label ? `${n.label} ` : ""}${n.title}`;
const deptName = (e: Entry) => e.departmentName ?? t.sharedDepartment;

export const RoundBoardPage: FC<RoundBoardProps> = (p) => {
  const { round } = p;
  return (
    <>
      <h1>{t.board.title(p.plan.title, fy(round.fiscalYear, p.yearStyle))}</h1>
      <dl class="plan-facts">
        <dt>{t.columns.state}</dt>
        <dd>{t.roundStates[round.state]}</dd>
        <dt>{t.columns.asOf}</dt>
        <dd>{round.asOfLabel ?? day(round.asOfDate, p.yearStyle)}</dd>
        <dt>{t.columns.deadline}</dt>
        <dd>
          {round.deadline ? day(round.deadline, p.yearStyle) : t.board.noDeadline}
          {p.pastDeadline && round.state === "open" ? (
            <strong class="overdue"> {t.board.overdueMark}</strong>
          ) : null}
        </dd>
      </dl>
      {round.locked ? (
        <div class="alert" role="status">
          <p>{t.board.locked}</p>
        </div>
      ) : null}
      {round.instructions ? (
        <section aria-labelledby="instructions">
          <h2 id="instructions">{t.board.instructions}</h2>
          <p class="preserve-lines">{round.instructions}</p>
        </section>
      ) : null}
      {p.canManage ? <RoundActions round={round} /> : null}
      {round.state === "open" && (p.canManage || p.mine.length > 0) ? (
        <p>
          <a href={`/imports/rounds/${round.id}`}>{m.imports.progress.link}</a>
        </p>
      ) : null}
      {p.isDepartment ? <MyItems {...p} /> : <OwnerBoard {...p} />}
      {p.isDepartment ? null : <TallyTable rows={p.tally} />}
    </>
  );
};

const RoundActions: FC<{ round: Round }> = ({ round }) => {
  const actions: { action: string; label: string }[] = [];
  if (round.state === "open") {
    actions.push({ action: "close", label: t.board.close });
    actions.push(
      round.locked ? { action: "unlock", label: t.board.unlock } : { action: "lock", label: t.board.lock },
    );
  }
  if (round.state === "closed") {
    actions.push({ action: "reopen", label: t.board.reopen }, { action: "publish", label: t.board.publish });
  }
  if (actions.length === 0) return null;
  return (
    <section aria-labelledby="round-actions">
      <h2 id="round-actions">{t.board.roundActions}</h2>
      <div class="actions">
        {actions.map((a) => (
          <form method="post" action={`/progress/rounds/${round.id}/state`} class="inline-form">
            <input type="hidden" name="version" value={String(round.version)} />
            <input type="hidden" name="action" value={a.action} />
            <button type="submit" class="button--secondary">
              {a.label}
            </button>
          </form>
        ))}
      </div>
    </section>
  );
};

const MyItems: FC<RoundBoardProps> = (p) => (
  <section aria-labelledby="my-items">
    <h2 id="my-items">{t.board.myItems}</h2>
    <p>
      <a href={`/progress/rounds/${p.round.id}/actuals`}>{m.indicators.roundActuals.link}</a>
    </p>
    {p.mine.length === 0 ? (
      <p>{t.board.myItemsNone}</p>
    ) : (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.columns.item}</th>
              <th scope="col">{t.columns.department}</th>
              <th scope="col">{t.columns.entryState}</th>
              <th scope="col">{t.columns.status}</th>
            </tr>
          </thead>
          <tbody>
            {p.mine.map((x) => (
              <tr>
                <th scope="row">
                  <a href={`/progress/entries/${x.entry.id}`}>{itemName(x.node)}</a>
                </th>
                <td>{deptName(x.entry)}</td>
                <td>
                  <StateBadge state={x.entry.state} />
                </td>
                <td>{x.entry.statusLabel ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </section>
);

const OwnerBoard: FC<RoundBoardProps> = (p) => (
  <>
    <section aria-labelledby="by-department">
      <h2 id="by-department">{t.board.byDepartment}</h2>
      <div class="table-wrap">
        <table class="board">
          <thead>
            <tr>
              <th scope="col">{t.columns.department}</th>
              {(["not_started", "draft", "submitted", "returned", "approved"] as const).map((s) => (
                <th scope="col" class="num">
                  {t.entryStates[s]}
                </th>
              ))}
              <th scope="col" class="num">
                {t.columns.total}
              </th>
              <th scope="col" class="num">
                {t.columns.percent}
              </th>
              <th scope="col">{t.columns.overdue}</th>
            </tr>
          </thead>
          <tbody>
            {p.board.map((r) => (
              <tr class={r.overdue ? "board-row--overdue" : undefined}>
                <th scope="row">{r.departmentName ?? t.sharedDepartment}</th>
                {(["not_started", "draft", "submitted", "returned", "approved"] as const).map((s) => (
                  <td class="num">{r.completion.byState[s]}</td>
                ))}
                <td class="num">{r.completion.total}</td>
                <td class="num">{t.board.percent(r.completion.submittedPercent)}</td>
                <td>{r.overdue ? <strong class="overdue">{t.board.overdueMark}</strong> : t.board.onTime}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
    <section aria-labelledby="by-item">
      <h2 id="by-item">{t.board.byItem}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.columns.item}</th>
              <th scope="col">{t.columns.department}</th>
              <th scope="col">{t.columns.entryState}</th>
              <th scope="col">{t.columns.status}</th>
              {p.canReview ? <th scope="col">{t.columns.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            {p.items.map((x) => (
              <tr>
                <th scope="row">
                  <a href={`/progress/entries/${x.entry.id}`}>{itemName(x.node)}</a>
                </th>
                <td>{deptName(x.entry)}</td>
                <td>
                  <StateBadge state={x.entry.state} />
                </td>
                <td>{x.entry.statusLabel ?? ""}</td>
                {p.canReview ? (
                  <td>
                    {x.entry.state === "submitted" && p.round.state === "open" ? (
                      <div class="node-actions">
                        <form
                          method="post"
                          action={`/progress/entries/${x.entry.id}/review`}
                          class="inline-form"
                        >
                          <input type="hidden" name="version" value={String(x.entry.version)} />
                          <input type="hidden" name="action" value="approve" />
                          <button type="submit" class="button--secondary">
                            {t.board.approve}
                            <span class="visually-hidden">: {itemName(x.node)}</span>
                          </button>
                        </form>
                        <a href={`/progress/entries/${x.entry.id}#review`}>
                          {t.board.returnEntry}
                          <span class="visually-hidden">: {itemName(x.node)}</span>
                        </a>
                      </div>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  </>
);

export const TallyTable: FC<{ rows: TallyRow[] }> = ({ rows }) => {
  const hasStated = rows.some((r) => r.stated !== null);
  return (
    <section aria-labelledby="round-tally">
      <h2 id="round-tally">{t.tally.title}</h2>
      <table class="plan-tally">
        <caption>{t.tally.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.tally.tier}</th>
            <th scope="col">{t.tally.computed}</th>
            {hasStated ? <th scope="col">{t.tally.stated}</th> : null}
            {hasStated ? <th scope="col">{t.tally.difference}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr class={r.differences.length > 0 ? "plan-tally--differs" : undefined}>
              <th scope="row">{r.tierLabel ?? t.tally.noTier}</th>
              <td>
                {r.computed}
                {r.unreported > 0 ? ` ${t.tally.unreported(r.unreported)}` : ""}
              </td>
              {hasStated ? <td>{r.stated ?? "—"}</td> : null}
              {hasStated ? (
                <td>
                  {r.stated === null ? (
                    "—"
                  ) : r.differences.length === 0 ? (
                    t.tally.agrees
                  ) : (
                    <strong class="plan-tally__differs">
                      {t.tally.differs(
                        r.differences
                          .map((d) => `${d.statusLabel} ${d.stated ?? "0"}→${d.computed ?? "0"}`)
                          .join("、"),
                      )}
                    </strong>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">{t.tally.note}</p>
    </section>
  );
};
