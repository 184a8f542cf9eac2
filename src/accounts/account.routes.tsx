import { Hono } from "hono";
import { clearSessionCookie, clientIp, requireUser, sessionToken, setSessionCookie } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { acceptInvitation, findOpenInvitation } from "./accept-invitation.js";
import { STATUS_OF } from "./account.js";
import { changePassword } from "./change-password.js";
import { InvitationInvalidPage, InvitationPage, PasswordPage, SignInPage } from "./pages/SignInPage.js";
import { safeNextPath } from "./session.js";
import { signIn } from "./sign-in.js";
import { signOut } from "./sign-out.js";

const t = m.accounts;

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** Sign-in, sign-out, one's own password, and the invitation link. */
export const accountRoutes = new Hono<AppEnv>()
  .get("/signin", async (c) => {
    const next = safeNextPath(c.req.query("next"));
    if (c.get("user")) return c.redirect(next, 303);
    const notice =
      c.req.query("expired") === "1"
        ? t.signIn.expired
        : c.req.query("signedout") === "1"
          ? t.signIn.signedOut
          : c.req.query("next")
            ? t.signIn.required
            : null;
    return renderPage(c, { title: t.signIn.title, body: <SignInPage next={next} notice={notice} /> });
  })
  .post("/signin", async (c) => {
    const form = await c.req.parseBody();
    const next = safeNextPath(form.next);
    const deps = { db: c.get("deps").database.db };
    const outcome = await signIn(deps, { email: form.email, password: form.password, ip: clientIp(c) });
    if (!outcome.ok) {
      return renderPage(c, {
        title: t.signIn.title,
        status: STATUS_OF[outcome.kind],
        body: <SignInPage next={next} email={str(form.email)} errors={outcome.errors} />,
      });
    }
    // session fixation: whatever session the browser had ends; the new one has a new id
    await signOut(deps, { token: sessionToken(c) });
    clearSessionCookie(c);
    setSessionCookie(c, outcome.token, outcome.expiresAt);
    return c.redirect(next, 303);
  })
  .post("/signout", async (c) => {
    await signOut({ db: c.get("deps").database.db }, { token: sessionToken(c) });
    clearSessionCookie(c);
    return c.redirect("/signin?signedout=1", 303);
  })
  .get("/account/password", async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const notice = c.req.query("changed") === "1" ? t.password.changed : null;
    return renderPage(c, { title: t.password.title, body: <PasswordPage notice={notice} /> });
  })
  .post("/account/password", async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const form = await c.req.parseBody();
    const outcome = await changePassword(
      { db: c.get("deps").database.db },
      { user, current: form.current, password: form.password, confirm: form.confirm },
    );
    if (!outcome.ok) {
      return renderPage(c, {
        title: t.password.title,
        status: STATUS_OF[outcome.kind],
        body: <PasswordPage errors={outcome.errors} />,
      });
    }
    setSessionCookie(c, outcome.token, outcome.expiresAt);
    return c.redirect("/account/password?changed=1", 303);
  })
  .get("/invitations/:token", async (c) => {
    const token = c.req.param("token");
    const open = await findOpenInvitation({ db: c.get("deps").database.db }, token);
    if (!open.ok)
      return renderPage(c, { title: t.invitation.title, status: 404, body: <InvitationInvalidPage /> });
    return renderPage(c, {
      title: t.invitation.title,
      body: <InvitationPage name={open.user.displayName} email={open.user.email} token={token} />,
    });
  })
  .post("/invitations/:token", async (c) => {
    const token = c.req.param("token");
    const deps = { db: c.get("deps").database.db };
    const form = await c.req.parseBody();
    const outcome = await acceptInvitation(deps, { token, password: form.password, confirm: form.confirm });
    if (!outcome.ok) {
      if (outcome.kind === "not-found") {
        return renderPage(c, { title: t.invitation.title, status: 404, body: <InvitationInvalidPage /> });
      }
      const open = await findOpenInvitation(deps, token);
      if (!open.ok)
        return renderPage(c, { title: t.invitation.title, status: 404, body: <InvitationInvalidPage /> });
      return renderPage(c, {
        title: t.invitation.title,
        status: STATUS_OF[outcome.kind],
        body: (
          <InvitationPage
            name={open.user.displayName}
            email={open.user.email}
            token={token}
            errors={outcome.errors}
          />
        ),
      });
    }
    await signOut(deps, { token: sessionToken(c) });
    clearSessionCookie(c);
    setSessionCookie(c, outcome.token, outcome.expiresAt);
    return c.redirect("/", 303);
  });
