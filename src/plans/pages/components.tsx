import type { Context } from "hono";
import type { Child, FC } from "hono/jsx";
import type { AppEnv } from "../../web/context.js";
import { renderPage } from "../../web/layout.js";
import { m } from "../../web/messages/index.js";

export { errorFor, type FormState, Select, TextArea, TextField } from "../../web/form-fields.js";

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

export const Hidden: FC<{ name: string; value: string }> = ({ name, value }) => (
  <input type="hidden" name={name} value={value} />
);

export const MessagePage: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <section class="message-page">
    <h1>{title}</h1>
    {children}
  </section>
);

/** 403 for a plan, or an import into one, the person may not touch. */
export function forbiddenPage(c: Context<AppEnv>) {
  return renderPage(c, {
    title: m.plans.errors.forbiddenTitle,
    status: 403,
    body: (
      <MessagePage title={m.plans.errors.forbiddenTitle}>
        <p>{m.plans.errors.forbidden}</p>
      </MessagePage>
    ),
  });
}
