import type { FC } from "hono/jsx";
import type { Plan } from "../../plans/plan.js";
import { m } from "../../web/messages/index.js";
import type { BoardRow, Round } from "../progress.js";
import type { TallyRow } from "../round-tally.js";
import { ActionButton, type BoardItem, EntryTable, itemName } from "./components.js";
import { day, fy } from "./RoundPages.js";

export { type BoardItem, StateBadge } from "./components.js";

const t = m.progress;

export type ReminderRow = {
  departmentName: string;
  daysBefore: number | null;
  recipients: number;
  mailed: number;
  sentAt: Date;
};

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
  /** entries waiting at a review step the person may act on (their id → may also return it) */
  reviewable: Map<string, { mayReturn: boolean; last: boolean }>;
  /** entries the person's department contributes to as a related department (関係課) */
  contributing: BoardItem[];
  /** the review chain as printed: 「企画課の確認 → 審議会の意見 → 最終評価」 */
  chain: string;
  reminders: ReminderRow[];
  /** a message after an action (e.g. how many departments were reminded) */
  notice: string | null;
  /** department staff see their to-do list only */
  isDepartment: boolean;
};

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
        <dt>{t.chain.current}</dt>
        <dd>{p.chain}</dd>
        <dt>{t.columns.deadline}</dt>
        <dd>
          {round.deadline ? day(round.deadline, p.yearStyle) : t.board.noDeadline}
          {p.pastDeadline && round.state === "open" ? (
            <strong class="overdue"> {t.board.overdueMark}</strong>
          ) : null}
          {round.allowLate ? <span class="badge"> {t.board.lateAllowed}</span> : null}
        </dd>
      </dl>
      {p.notice ? (
        <div class="alert alert--ok" role="status">
          <p>{p.notice}</p>
        </div>
      ) : null}
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
      {p.canManage ? <RoundActions round={round} planId={p.plan.id} /> : null}
      {round.state === "open" && (p.canManage || p.mine.length > 0) ? (
        <p>
          <a href={`/imports/rounds/${round.id}`}>{m.imports.progress.link}</a>
        </p>
      ) : null}
      {p.isDepartment ? <MyItems {...p} /> : <OwnerBoard {...p} />}
      {p.isDepartment && p.contributing.length > 0 ? (
        <section aria-labelledby="contributing">
          <h2 id="contributing">{t.contributions.todo}</h2>
          <EntryTable items={p.contributing} />
        </section>
      ) : null}
      {p.isDepartment && p.reviewable.size > 0 ? <ReviewQueue {...p} /> : null}
      {p.canManage ? <Reminders {...p} /> : null}
      {p.isDepartment ? null : <TallyTable rows={p.tally} />}
    </>
  );
};

const RoundActions: FC<{ round: Round; planId: string }> = ({ round, planId }) => {
  const actions: { action: string; label: string }[] = [];
  if (round.state === "open") {
    actions.push({ action: "close", label: t.board.close });
    actions.push(
      round.locked ? { action: "unlock", label: t.board.unlock } : { action: "lock", label: t.board.lock },
      round.allowLate
        ? { action: "disallow-late", label: t.board.disallowLate }
        : { action: "allow-late", label: t.board.allowLate },
    );
  }
  if (round.state === "closed") {
    actions.push({ action: "reopen", label: t.board.reopen }, { action: "publish", label: t.board.publish });
  }
  return (
    <section aria-labelledby="round-actions">
      <h2 id="round-actions">{t.board.roundActions}</h2>
      <div class="actions">
        {actions.map((a) => (
          <ActionButton
            url={`/progress/rounds/${round.id}/state`}
            action={a.action}
            version={round.version}
            label={a.label}
          />
        ))}
        {round.state !== "open" && round.fieldsAsked.includes("nextTerm") ? (
          <ActionButton
            url={`/progress/rounds/${round.id}/carry-next-term`}
            action="carry"
            version={round.version}
            label={t.board.carryNextTerm}
          />
        ) : null}
        <a href={`/progress/plans/${planId}/chain`}>{t.chain.link}</a>
      </div>
    </section>
  );
};

const Reminders: FC<RoundBoardProps> = (p) => {
  const r = t.reminders;
  return (
    <section aria-labelledby="reminders">
      <h2 id="reminders">{r.title}</h2>
      <p>{p.round.reminderDays.length > 0 ? r.days(p.round.reminderDays.join("・")) : r.noDays}</p>
      {p.round.state === "open" && p.board.some((b) => b.outstanding > 0) ? (
        <ActionButton
          url={`/progress/rounds/${p.round.id}/remind`}
          action="remind"
          version={p.round.version}
          label={r.remindNow}
          primary
        />
      ) : null}
      {p.reminders.length > 0 ? (
        <>
          <h3>{r.history}</h3>
          <ul class="plain-list">
            {p.reminders.map((x) => (
              <li>
                <time datetime={x.sentAt.toISOString()}>
                  {day(x.sentAt.toISOString().slice(0, 10), p.yearStyle)}
                </time>{" "}
                {x.departmentName}: {x.daysBefore === null ? r.historyManual : r.historyAuto(x.daysBefore)}（
                {r.recipients(x.recipients, x.mailed)}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
};

/** Review buttons for an entry waiting at a step the person may act on. */
const ReviewButtons: FC<{ item: BoardItem; last: boolean; mayReturn: boolean }> = ({
  item,
  last,
  mayReturn,
}) => (
  <div class="node-actions">
    <ActionButton
      url={`/progress/entries/${item.entry.id}/review`}
      action="approve"
      version={item.entry.version}
      label={last ? t.board.approve : t.chain.advance}
      hiddenLabel={itemName(item.node)}
    />
    {mayReturn ? (
      <a href={`/progress/entries/${item.entry.id}#review`}>
        {t.board.returnEntry}
        <span class="visually-hidden">: {itemName(item.node)}</span>
      </a>
    ) : (
      <a href={`/progress/entries/${item.entry.id}#review`}>
        {t.chain.opinion}
        <span class="visually-hidden">: {itemName(item.node)}</span>
      </a>
    )}
  </div>
);

const reviewCell = (p: RoundBoardProps) => (x: BoardItem) => {
  const r = p.reviewable.get(x.entry.id);
  return r && p.round.state === "open" ? (
    <ReviewButtons item={x} last={r.last} mayReturn={r.mayReturn} />
  ) : null;
};

const ReviewQueue: FC<RoundBoardProps> = (p) => (
  <section aria-labelledby="review-queue">
    <h2 id="review-queue">{t.board.reviewQueue}</h2>
    <EntryTable items={p.items.filter((x) => p.reviewable.has(x.entry.id))} actions={reviewCell(p)} />
  </section>
);

const MyItems: FC<RoundBoardProps> = (p) => (
  <section aria-labelledby="my-items">
    <h2 id="my-items">{t.board.myItems}</h2>
    <p>
      <a href={`/progress/rounds/${p.round.id}/actuals`}>{m.indicators.roundActuals.link}</a>
    </p>
    {p.mine.length === 0 ? <p>{t.board.myItemsNone}</p> : <EntryTable items={p.mine} />}
  </section>
);

const STATES = ["not_started", "draft", "submitted", "returned", "approved"] as const;

/** The completion tracker: per department the counts per state, percent submitted and approved, overdue in words. */
const Tracker: FC<{ board: BoardRow[] }> = ({ board }) => (
  <section aria-labelledby="by-department">
    <h2 id="by-department">{t.board.byDepartment}</h2>
    <div class="table-wrap">
      <table class="board">
        <caption class="visually-hidden">{t.tracker.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.columns.department}</th>
            {STATES.map((s) => (
              <th scope="col" class="num">
                {t.entryStates[s]}
              </th>
            ))}
            <th scope="col" class="num">
              {t.columns.total}
            </th>
            <th scope="col">{t.columns.percent}</th>
            <th scope="col">{t.columns.overdue}</th>
          </tr>
        </thead>
        <tbody>
          {board.map((r) => (
            <tr class={r.overdue ? "board-row--overdue" : undefined}>
              <th scope="row">{r.departmentName ?? t.sharedDepartment}</th>
              {STATES.map((s) => (
                <td class="num">{r.completion.byState[s]}</td>
              ))}
              <td class="num">{r.completion.total}</td>
              <td class="tracker">
                <progress
                  max={100}
                  value={r.completion.submittedPercent}
                  aria-label={`${r.departmentName ?? t.sharedDepartment} ${t.tracker.submitted(r.completion.submittedPercent)}`}
                />{" "}
                <span>
                  {t.tracker.submitted(r.completion.submittedPercent)}／
                  {t.tracker.approved(r.completion.approvedPercent)}
                </span>
              </td>
              <td>{r.overdue ? <strong class="overdue">⚠ {t.board.overdueMark}</strong> : t.board.onTime}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </section>
);

const OwnerBoard: FC<RoundBoardProps> = (p) => (
  <>
    <Tracker board={p.board} />
    <section aria-labelledby="by-item">
      <h2 id="by-item">{t.board.byItem}</h2>
      <EntryTable items={p.items} actions={p.reviewable.size > 0 ? reviewCell(p) : undefined} />
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
