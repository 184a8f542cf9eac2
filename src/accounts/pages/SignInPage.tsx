import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import { type FieldErrors, PASSWORD_MIN } from "../account.js";
import { ErrorSummary, Field, Notice } from "./form-parts.js";

const t = m.accounts.signIn;

export const SignInPage: FC<{
  email?: string;
  next: string;
  errors?: FieldErrors;
  notice?: string | null;
}> = (p) => (
  <section class="narrow">
    <h1>{t.title}</h1>
    <Notice text={p.notice} />
    <ErrorSummary errors={p.errors} prefix="signin" />
    <p>{t.lead}</p>
    <form method="post" action="/signin" class="stack">
      <input type="hidden" name="next" value={p.next} />
      <Field
        prefix="signin"
        name="email"
        label={t.email}
        type="email"
        value={p.email}
        error={p.errors?.email}
        required
        autocomplete="username"
      />
      <Field
        prefix="signin"
        name="password"
        label={t.password}
        type="password"
        error={p.errors?.password}
        required
        autocomplete="current-password"
      />
      <div>
        <button type="submit">{t.submit}</button>
      </div>
    </form>
  </section>
);

const pw = m.accounts.password;

export const PasswordPage: FC<{ errors?: FieldErrors; notice?: string | null }> = (p) => (
  <section class="narrow">
    <h1>{pw.title}</h1>
    <Notice text={p.notice} />
    <ErrorSummary errors={p.errors} prefix="password" />
    <form method="post" action="/account/password" class="stack">
      <Field
        prefix="password"
        name="current"
        label={pw.current}
        type="password"
        error={p.errors?.current}
        required
        autocomplete="current-password"
      />
      <Field
        prefix="password"
        name="password"
        label={pw.next}
        type="password"
        hint={pw.hint(PASSWORD_MIN)}
        error={p.errors?.password}
        required
        autocomplete="new-password"
      />
      <Field
        prefix="password"
        name="confirm"
        label={pw.confirm}
        type="password"
        error={p.errors?.confirm}
        required
        autocomplete="new-password"
      />
      <div>
        <button type="submit">{pw.submit}</button>
      </div>
    </form>
  </section>
);

const inv = m.accounts.invitation;

export const InvitationPage: FC<{ name: string; email: string; token: string; errors?: FieldErrors }> = (
  p,
) => (
  <section class="narrow">
    <h1>{inv.title}</h1>
    <ErrorSummary errors={p.errors} prefix="invitation" />
    <p>{inv.lead(p.name)}</p>
    <form method="post" action={`/invitations/${p.token}`} class="stack">
      {/* lets password managers store the new password under the right account */}
      <input type="hidden" name="username" value={p.email} autocomplete="username" />
      <Field
        prefix="invitation"
        name="password"
        label={pw.next}
        type="password"
        hint={pw.hint(PASSWORD_MIN)}
        error={p.errors?.password}
        required
        autocomplete="new-password"
      />
      <Field
        prefix="invitation"
        name="confirm"
        label={pw.confirm}
        type="password"
        error={p.errors?.confirm}
        required
        autocomplete="new-password"
      />
      <div>
        <button type="submit">{inv.submit}</button>
      </div>
    </form>
  </section>
);

export const InvitationInvalidPage: FC = () => (
  <section class="message-page">
    <h1>{inv.title}</h1>
    <p>{inv.invalid}</p>
    <p>
      <a href="/signin">{t.title}</a>
    </p>
  </section>
);
