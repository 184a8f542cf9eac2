import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../web/context.js";
import { m } from "../web/messages/index.js";
import { type Crumb, PublicLayout } from "./pages/PublicLayout.js";

/**
 * A public page rendered in the portal's layout (header, portal menu, crumbs, licence footer) for public routes
 * that live in other capabilities (/public/groups, /public/proposals, /public/matching). Not cached: these pages
 * are cheap and their tables are not among the portal page cache's keys.
 */
export async function renderPublicPage(
  c: Context<AppEnv>,
  p: { title: string; body: Child; crumbs?: Crumb[]; status?: 200 | 400 | 404 },
): Promise<Response> {
  const crumbs = p.crumbs ?? [{ href: "/public", label: m.portal.navHome }, { label: p.title }];
  const html = await (
    <PublicLayout title={p.title} path={c.req.path} crumbs={crumbs}>
      {p.body}
    </PublicLayout>
  ).toString();
  return c.html(`<!DOCTYPE html>${html}`, p.status ?? 200);
}
