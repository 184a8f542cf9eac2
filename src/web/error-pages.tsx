import type { Context } from "hono";
import type { AppEnv } from "./context.js";
import { renderPage } from "./layout.js";
import { m } from "./messages/index.js";

export function renderNotFound(c: Context<AppEnv>): Promise<Response> {
  return renderPage(c, {
    title: m.errors.notFoundTitle,
    status: 404,
    body: (
      <section class="message-page">
        <h1>{m.errors.notFoundTitle}</h1>
        <p>{m.errors.notFoundBody}</p>
        <p>
          <a href="/">{m.errors.backHome}</a>
        </p>
      </section>
    ),
  });
}

export function renderServerError(c: Context<AppEnv>, errorId: string): Promise<Response> {
  return renderPage(c, {
    title: m.errors.serverErrorTitle,
    status: 500,
    body: (
      <section class="message-page">
        <h1>{m.errors.serverErrorTitle}</h1>
        <p>{m.errors.serverErrorBody(errorId)}</p>
        <p>
          <a href="/">{m.errors.backHome}</a>
        </p>
      </section>
    ),
  });
}

/** 403 in Japanese: the person is signed in but may not do this. */
export function renderForbidden(c: Context<AppEnv>): Promise<Response> {
  return renderPage(c, {
    title: m.accounts.errors.forbiddenTitle,
    status: 403,
    body: (
      <section class="message-page">
        <h1>{m.accounts.errors.forbiddenTitle}</h1>
        <p>{m.accounts.errors.forbiddenBody}</p>
        <p>
          <a href="/">{m.errors.backHome}</a>
        </p>
      </section>
    ),
  });
}

/** 403 for a form posted from another site (hono/csrf refused its Origin). */
export function renderCsrfRejected(c: Context<AppEnv>): Promise<Response> {
  return renderPage(c, {
    title: m.accounts.errors.csrfTitle,
    status: 403,
    body: (
      <section class="message-page">
        <h1>{m.accounts.errors.csrfTitle}</h1>
        <p>{m.accounts.errors.csrfBody}</p>
        <p>
          <a href="/">{m.errors.backHome}</a>
        </p>
      </section>
    ),
  });
}
