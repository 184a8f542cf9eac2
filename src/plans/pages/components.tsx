import type { Child, FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";

export type FormState = { values: Record<string, string>; errors: Record<string, string> };

export const ErrorSummary: FC<{ errors: Record<string, string>; labels?: Record<string, string> }> = ({
  errors,
  labels,
}) => {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert--error" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{m.plans.errors.summary}</h2>
      <ul>
        {entries.map(([field, msg]) => (
          <li>
            {field === "_" ? (
              msg
            ) : (
              <a href={`#f-${field.split(".")[0]}`}>
                {labels?.[field.split(".")[0]!] ? `${labels[field.split(".")[0]!]}: ` : ""}
                {msg}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
};

type FieldProps = {
  name: string;
  label: string;
  state: FormState;
  hint?: string;
  required?: boolean;
};

/** The first error for a field or any of its sub-paths (tiers.1.code → tiers). */
export function errorFor(errors: Record<string, string>, name: string): string | undefined {
  return errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1];
}

const described = (name: string, hint?: string, error?: string) =>
  [hint ? `h-${name}` : null, error ? `e-${name}` : null].filter(Boolean).join(" ") || undefined;

const Help: FC<{ name: string; hint?: string; error?: string }> = ({ name, hint, error }) => (
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

export const TextField: FC<FieldProps & { type?: string; inputmode?: "numeric" | "text" }> = (p) => {
  const error = errorFor(p.state.errors, p.name);
  return (
    <div class="field">
      <label for={`f-${p.name}`}>{p.label}</label>
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

export const Select: FC<FieldProps & { options: { value: string; label: string }[] }> = (p) => {
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

export const Hidden: FC<{ name: string; value: string }> = ({ name, value }) => (
  <input type="hidden" name={name} value={value} />
);

export const MessagePage: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <section class="message-page">
    <h1>{title}</h1>
    {children}
  </section>
);
