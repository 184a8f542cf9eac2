import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import type { Change, FieldErrors } from "../account.js";

/** `2025-04-01` → `2025年4月1日` (dates are shown the way Japanese forms print them). */
export function formatDate(iso: string | null): string {
  if (!iso) return "";
  const [y, mo, d] = iso.split("-").map(Number);
  return `${y}年${mo}月${d}日`;
}

const dateTime = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
export function formatDateTime(d: Date): string {
  return dateTime.format(d);
}

/**
 * The list of problems at the top of a form (JIS X 8341-3 / WCAG 3.3.1): each links to its field;
 * role="alert" so screen readers announce it after the page reloads.
 */
export const ErrorSummary: FC<{ errors?: FieldErrors; prefix: string }> = ({ errors, prefix }) => {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="alert alert--error" role="alert" aria-labelledby={`${prefix}-error-title`}>
      <h2 id={`${prefix}-error-title`} class="alert__title">
        {m.accounts.form.errorSummary}
      </h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === "form" ? message : <a href={`#${prefix}-${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
};

export const Notice: FC<{ text?: string | null }> = ({ text }) =>
  text ? (
    <div class="alert alert--ok" role="status">
      <p>{text}</p>
    </div>
  ) : null;

type FieldProps = {
  prefix: string;
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "date";
  value?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
};

/** A labelled input whose error and hint are tied to it with aria-describedby. */
export const Field: FC<FieldProps> = (p) => {
  const id = `${p.prefix}-${p.name}`;
  const described = [p.hint ? `${id}-hint` : null, p.error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={id}>
        {p.label}
        {p.required ? <span class="required">（{m.accounts.form.required}）</span> : null}
      </label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="field-error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
      <input
        id={id}
        name={p.name}
        type={p.type ?? "text"}
        value={p.type === "password" ? undefined : (p.value ?? "")}
        required={p.required}
        autocomplete={p.autocomplete}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  );
};

export type Option = { value: string; label: string };

export const SelectField: FC<{
  prefix: string;
  name: string;
  label: string;
  options: Option[];
  value?: string;
  error?: string;
  required?: boolean;
}> = (p) => {
  const id = `${p.prefix}-${p.name}`;
  return (
    <div class="field">
      <label for={id}>
        {p.label}
        {p.required ? <span class="required">（{m.accounts.form.required}）</span> : null}
      </label>
      {p.error ? (
        <p class="field-error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
      <select
        id={id}
        name={p.name}
        required={p.required}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={p.error ? `${id}-error` : undefined}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === (p.value ?? "")}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
};

/** Checkboxes in a fieldset whose legend names the group; the first box carries the field id for error links. */
export const CheckboxGroup: FC<{
  prefix: string;
  name: string;
  legend: string;
  hint?: string;
  options: (Option & { depth?: number })[];
  values: string[];
  error?: string;
}> = (p) => {
  const id = `${p.prefix}-${p.name}`;
  return (
    <fieldset class="field checkbox-group" aria-describedby={p.error ? `${id}-error` : undefined}>
      <legend>{p.legend}</legend>
      {p.hint ? <p class="hint">{p.hint}</p> : null}
      {p.error ? (
        <p class="field-error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
      {p.options.map((o, i) => (
        <div class="checkbox" data-depth={String(o.depth ?? 0)}>
          <input
            type="checkbox"
            id={i === 0 ? id : `${id}-${i}`}
            name={p.name}
            value={o.value}
            checked={p.values.includes(o.value)}
          />
          <label for={i === 0 ? id : `${id}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
};

/** What a stale form would have overwritten: the person's input beside what is stored now. */
export const ConflictTable: FC<{ changes: Change[] }> = ({ changes }) => (
  <div class="alert alert--error" role="alert" aria-labelledby="conflict-title">
    <h2 id="conflict-title" class="alert__title">
      {m.accounts.errors.conflictTitle}
    </h2>
    <p>{m.accounts.errors.conflictBody}</p>
    {changes.length > 0 ? (
      <table>
        <caption>{m.accounts.errors.conflictCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.accounts.errors.field}</th>
            <th scope="col">{m.accounts.errors.yours}</th>
            <th scope="col">{m.accounts.errors.theirs}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((ch) => (
            <tr>
              <th scope="row">{ch.field}</th>
              <td>{ch.yours}</td>
              <td>{ch.theirs}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : null}
  </div>
);
