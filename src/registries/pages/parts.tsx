/** Form parts of the registries pages (labels from messages; errors tied to their field). */
import type { Child, FC } from "hono/jsx";
import type { Change } from "../../plans/plan-use-case.js";
import { described, errorFor, Help, Select, TextArea, TextField } from "../../web/form-fields.js";
import { m } from "../../web/messages/index.js";
import type { PlanItemGroup } from "../plan-items.js";
import type { FormState } from "../registries-forms.js";

type P = { name: string; label: string; s: FormState; hint?: string; required?: boolean };

/** The shared fields (web/form-fields.tsx) with this capability's FormState and its required-field mark. */
export const Text: FC<P & { type?: string; inputmode?: "numeric" | "tel" | "email" | "url" }> = ({
  s,
  ...p
}) => <TextField {...p} state={s} markRequired />;

export const Area: FC<P & { rows?: number }> = ({ s, required: _required, ...p }) => (
  <TextArea {...p} rows={p.rows ?? 3} state={s} />
);

export const Choice: FC<P & { options: readonly { value: string; label: string }[] }> = ({ s, ...p }) => (
  <Select {...p} state={s} />
);

export const Checks: FC<P & { options: readonly { value: string; label: string }[] }> = (p) => {
  const error = errorFor(p.s.errors, p.name);
  const chosen = p.s.multi[p.name] ?? [];
  return (
    <fieldset
      class="field checkbox-group"
      id={`f-${p.name}`}
      aria-describedby={described(p.name, p.hint, error)}
    >
      <legend>{p.label}</legend>
      <Help name={p.name} hint={p.hint} error={error} />
      {p.options.map((o, i) => (
        <div class="checkbox">
          <input
            type="checkbox"
            id={`f-${p.name}-${i}`}
            name={p.name}
            value={o.value}
            checked={chosen.includes(o.value)}
          />
          <label for={`f-${p.name}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
};

export const Errors: FC<{ errors: Record<string, string>; labels: Record<string, string> }> = ({
  errors,
  labels,
}) => {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert--error" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{m.plans.errors.summary}</h2>
      <ul>
        {entries.map(([field, msg]) => {
          const key = field.split(".")[0]!;
          return (
            <li>
              {field === "_" ? (
                msg
              ) : (
                <a href={`#f-${key}`}>{`${labels[key] ? `${labels[key]}: ` : ""}${msg}`}</a>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
};

const show = (v: unknown) =>
  v === null || v === undefined || v === "" ? "—" : Array.isArray(v) ? v.join("、") : String(v);

export const Conflict: FC<{
  changes: Change[];
  back: string;
  message: string;
  labels: Record<string, string>;
}> = (p) => (
  <>
    <h1>{m.plans.errors.conflictTitle}</h1>
    <div class="alert alert--error" role="alert">
      <p>{p.message}</p>
    </div>
    {p.changes.length > 0 ? (
      <table>
        <thead>
          <tr>
            <th scope="col">{m.plans.errors.conflictField}</th>
            <th scope="col">{m.plans.errors.conflictCurrent}</th>
            <th scope="col">{m.plans.errors.conflictSubmitted}</th>
          </tr>
        </thead>
        <tbody>
          {p.changes.map((c) => (
            <tr>
              <th scope="row">{p.labels[c.field] ?? c.field}</th>
              <td>{show(c.current)}</td>
              <td>{show(c.submitted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : null}
    <p>
      <a href={p.back}>{m.registries.groups.edit}</a>
    </p>
  </>
);

export const Facts: FC<{ rows: [string, Child][] }> = ({ rows }) => (
  <dl class="facts">
    {rows.map(([k, v]) => (
      <>
        <dt>{k}</dt>
        <dd>{v === null || v === undefined || v === "" ? "—" : v}</dd>
      </>
    ))}
  </dl>
);

/** The plan-item picker: the organisation's plan items by number label and title, grouped by plan, several allowed. */
export const PlanItemPicker: FC<{ s: FormState; groups: readonly PlanItemGroup[]; name?: string }> = (p) => {
  const name = p.name ?? "planNodeIds";
  const t = m.registries.planItems;
  const error = errorFor(p.s.errors, name);
  const chosen = p.s.multi[name] ?? [];
  return (
    <div class="field">
      <label for={`f-${name}`}>{t.label}</label>
      {p.groups.length === 0 ? (
        <p class="hint">{t.none}</p>
      ) : (
        <select
          id={`f-${name}`}
          name={name}
          multiple
          size={8}
          class="plan-item-picker"
          aria-invalid={error ? "true" : undefined}
          aria-describedby={described(name, t.hint, error)}
        >
          {p.groups.map((g) => (
            <optgroup label={g.plan}>
              {g.items.map((i) => (
                <option value={i.value} selected={chosen.includes(i.value)}>
                  {i.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
      <Help name={name} hint={t.hint} error={error} />
    </div>
  );
};
