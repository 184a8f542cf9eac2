/** Small helpers the registries' Hono sub-apps share (posted forms, ids, a 403 that says why). */
import type { Context } from "hono";
import type { AppEnv } from "../web/context.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import type { PostedForm } from "./registries-forms.js";

type C = Context<AppEnv>;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isResponse = (x: unknown): x is Response => x instanceof Response;
export const versionOf = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : 0);

export async function posted(c: C): Promise<PostedForm> {
  const body = await c.req.parseBody({ all: true });
  const out: PostedForm = {};
  for (const [k, v] of Object.entries(body)) {
    const vals = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
    out[k] = vals.length === 1 ? vals[0]! : vals;
  }
  return out;
}

/** 403 naming why (e.g. a group's person opening another group's entry). */
export function registryForbidden(c: C, message: string) {
  return renderPage(c, {
    title: m.accounts.errors.forbiddenTitle,
    status: 403,
    body: (
      <section class="message-page">
        <h1>{m.accounts.errors.forbiddenTitle}</h1>
        <p>{message}</p>
        <p>
          <a href="/">{m.errors.backHome}</a>
        </p>
      </section>
    ),
  });
}
