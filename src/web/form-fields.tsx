/**
 * The form fields every page uses: a label tied to its input, a hint, and the field's error message linked by
 * aria-describedby (JIS X 8341-3 / WCAG 1.3.1, 3.3.1). Values and errors come from a FormState.
 */
import type { FC } from "hono/jsx";
import { m } from "./messages/index.js";

export type FormState = { values: Record<string, string>; errors: Record<string, string> };

export type FieldProps = {
  name: string;
  label: string;
  state: FormState;
  hint?: string;
  required?: boolean;
  /** show （必須） after the label of a required field */
  markRequired?: boolean;
};

/** The first error for a field or any of its sub-paths (tiers.1.code → tiers). */
export function errorFor(errors: Record<string, string>, name: string): string | undefined {
  return errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1];
}

/** The ids of a field's hint and error, for aria-describedby. */
export const described = (name: string, hint?: string, error?: string) =>
  [hint ? `h-${name}` : null, error ? `e-${name}` : null].filter(Boolean).join(" ") || undefined;

/** A field's hint and error message, with the ids `described` points at. */
export const Help: FC<{ name: string; hint?: string; error?: string }> = ({ name, hint, error }) => (
  <>
    {hint ? (
      <p class="hint" id={`h-${name}`}>
        {hint}
      </p>
    ) : null}
    {error ? (
      <p class="field-error" id={`e-${name}`}>
        {error}
      </p>
    ) : null}
  </>
);

export const TextField: FC<
  FieldProps & { type?: string; inputmode?: "numeric" | "text" | "tel" | "email" | "url" }
> = (p) => {
  const error = errorFor(p.state.errors, p.name);
  return (
    <div class="field">
      <label for={`f-${p.name}`}>
        {p.label}
        {p.markRequired && p.required ? <span class="required">{m.app.requiredMark}</span> : null}
      </label>
      <input
        type={p.type ?? "text"}
        id={`f-${p.name}`}
        name={p.name}
        value={p.state.values[p.name] ?? ""}
        required={p.required}
        inputmode={p.inputmode}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described(p.name, p.hint, error)}
      />
      <Help name={p.name} hint={p.hint} error={error} />
    </div>
  );
};

export const TextArea: FC<FieldProps & { rows?: number }> = (p) => {
  const error = errorFor(p.state.errors, p.name);
  return (
    <div class="field">
      <label for={`f-${p.name}`}>{p.label}</label>
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 4}
        required={p.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described(p.name, p.hint, error)}
      >
        {p.state.values[p.name] ?? ""}
      </textarea>
      <Help name={p.name} hint={p.hint} error={error} />
    </div>
  );
};

export const Select: FC<FieldProps & { options: readonly { value: string; label: string }[] }> = (p) => {
  const error = errorFor(p.state.errors, p.name);
  const current = p.state.values[p.name] ?? "";
  return (
    <div class="field">
      <label for={`f-${p.name}`}>{p.label}</label>
      <select
        id={`f-${p.name}`}
        name={p.name}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described(p.name, p.hint, error)}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
      <Help name={p.name} hint={p.hint} error={error} />
    </div>
  );
};
