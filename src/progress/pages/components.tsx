/** Blocks the progress pages share: an entry's state badge, an item's printed name, the table of entries. */
import type { Child, FC } from "hono/jsx";
import type { PlanNode } from "../../plans/plan.js";
import { m } from "../../web/messages/index.js";
import type { Entry } from "../progress.js";

const t = m.progress;

export type BoardItem = {
  entry: Pick<Entry, "id" | "departmentName" | "state" | "statusLabel" | "version">;
  node: Pick<PlanNode, "label" | "title">;
  /** 「2/3 審議会の意見」 while the entry waits at a review step */
  step?: string | null;
};

export const StateBadge: FC<{ state: Entry["state"] }> = ({ state }) => (
  <span class={`badge entry-state entry-state--${state}`}>{t.entryStates[state]}</span>
);

export const itemName = (n: Pick<PlanNode, "label" | "title">) => `${n.label ? `${n.label} ` : ""}${n.title}`;
export const deptName = (e: Pick<Entry, "departmentName">) => e.departmentName ?? t.sharedDepartment;

/** An entry's state, and the review step it waits at. */
export const EntryStateCell: FC<{ item: BoardItem }> = ({ item }) => (
  <>
    <StateBadge state={item.entry.state} />
    {item.step ? <span class="entry-step"> {item.step}</span> : null}
  </>
);

/** A table of entries (item, department, state and step, status), with an optional last column per row. */
export const EntryTable: FC<{
  items: BoardItem[];
  actionsHeader?: string;
  actions?: (item: BoardItem) => Child;
}> = ({ items, actionsHeader, actions }) => (
  <div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">{t.columns.item}</th>
          <th scope="col">{t.columns.department}</th>
          <th scope="col">{t.columns.entryState}</th>
          <th scope="col">{t.columns.status}</th>
          {actions ? <th scope="col">{actionsHeader ?? t.columns.actions}</th> : null}
        </tr>
      </thead>
      <tbody>
        {items.map((x) => (
          <tr>
            <th scope="row">
              <a href={`/progress/entries/${x.entry.id}`}>{itemName(x.node)}</a>
            </th>
            <td>{deptName(x.entry)}</td>
            <td>
              <EntryStateCell item={x} />
            </td>
            <td>{x.entry.statusLabel ?? ""}</td>
            {actions ? <td>{actions(x)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** A one-button form posting to the progress routes (version and action as hidden fields). */
export const ActionButton: FC<{
  action: string;
  url: string;
  version: number;
  label: string;
  hiddenLabel?: string;
  primary?: boolean;
}> = (p) => (
  <form method="post" action={p.url} class="inline-form">
    <input type="hidden" name="version" value={String(p.version)} />
    <input type="hidden" name="action" value={p.action} />
    <button type="submit" class={p.primary ? undefined : "button--secondary"}>
      {p.label}
      {p.hiddenLabel ? <span class="visually-hidden">: {p.hiddenLabel}</span> : null}
    </button>
  </form>
);
