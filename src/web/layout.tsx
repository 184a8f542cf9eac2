import type { Context } from "hono";
import type { Child, FC, PropsWithChildren } from "hono/jsx";
import type { CurrentUser } from "../accounts/account.js";
import { findHomeOrganisation } from "../accounts/organisation.repository.js";
import { can } from "../accounts/permissions.js";
import { countUnread } from "../notices/notices.repository.js";
import type { AppEnv } from "./context.js";
import { m } from "./messages/index.js";
import { assetUrl } from "./static.js";

export type NavItem = { href: string; label: string; match?: string };

/** The main navigation, one entry per capability that has pages. */
export function mainNav(user: CurrentUser | null): NavItem[] {
  const items: NavItem[] = [{ href: "/", label: m.nav.home }];
  // a civic group's person sees only their group's pages
  if (user?.role === "group")
    return [
      ...items,
      { href: "/registries/my", label: m.registries.groupUsers.myGroup, match: "/registries/groups" },
      { href: "/registries/proposals", label: m.registries.proposals.nav, match: "/registries/proposals" },
      { href: "/registries/matching", label: m.registries.matching.nav, match: "/registries/matching" },
    ];
  if (user) items.push({ href: "/plans", label: m.nav.plans, match: "/plans" });
  if (user && can(user, "import.run", { orgId: user.orgId }))
    items.push({ href: "/imports", label: m.imports.nav, match: "/imports" });
  if (user) items.push({ href: "/registries/groups", label: m.registries.nav, match: "/registries" });
  if (user) items.push({ href: "/progress", label: m.nav.progress, match: "/progress" });
  if (user?.role === "admin") {
    items.push(
      { href: "/admin/users", label: m.accounts.nav.users, match: "/admin/users" },
      { href: "/admin/departments", label: m.accounts.nav.departments, match: "/admin/departments" },
      { href: "/admin/audit", label: m.accounts.nav.audit, match: "/admin/audit" },
    );
  }
  return items;
}

type LayoutProps = PropsWithChildren<{
  title: string;
  path: string;
  orgName: string | null;
  user: CurrentUser | null;
  /** Extra scripts (served from /static) for pages that enhance themselves. */
  scripts?: string[];
  /** the person's unread notices, shown beside their name */
  unreadNotices?: number;
}>;

export const Layout: FC<LayoutProps> = ({ title, path, orgName, user, children, scripts, unreadNotices }) => {
  const nav = mainNav(user);
  const isCurrent = (item: NavItem) => (item.match ? path.startsWith(item.match) : path === item.href);
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${orgName ? `${orgName} ` : ""}${m.app.name}`}</title>
        <link rel="stylesheet" href={assetUrl("app.css")} />
        <link rel="stylesheet" href={assetUrl("print.css")} media="print" />
        {(scripts ?? []).map((s) => (
          <script src={assetUrl(s)} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {m.app.skipToContent}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-title" href="/">
              <span class="site-title__app">{m.app.name}</span>
              {orgName ? <span class="site-title__org">{orgName}</span> : null}
            </a>
            <div class="site-user">
              {user ? (
                <form method="post" action="/signout" class="inline-form">
                  <span class="site-user__name">{user.displayName}</span>
                  <a href="/notices" class="site-user__notices">
                    {m.notices.nav}
                    {unreadNotices ? (
                      <span class="badge notice-count">{m.notices.unread(unreadNotices)}</span>
                    ) : null}
                  </a>
                  <a href="/account/password">{m.accounts.nav.password}</a>
                  <button type="submit" class="link-button">
                    {m.nav.signOut}
                  </button>
                </form>
              ) : (
                <a href="/signin">{m.nav.signIn}</a>
              )}
            </div>
          </div>
          <nav class="main-nav" aria-label={m.app.mainNav}>
            <ul>
              {nav.map((item) => (
                <li>
                  <a href={item.href} aria-current={isCurrent(item) ? "page" : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>{m.app.footer}</p>
        </footer>
      </body>
    </html>
  );
};

export type PageOptions = {
  title: string;
  body: Child;
  status?: 200 | 201 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500;
  scripts?: string[];
};

/** Renders a full page in the layout, with the organisation's name, as an HTML5 document. */
export async function renderPage(c: Context<AppEnv>, page: PageOptions): Promise<Response> {
  const user = c.get("user") ?? null;
  let orgName: string | null = null;
  try {
    orgName = (await findHomeOrganisation(c.get("deps").database.db, user?.orgId))?.name ?? null;
  } catch {
    orgName = null; // the layout must render even when the database is down (error pages)
  }
  let unreadNotices = 0;
  try {
    if (user) unreadNotices = await countUnread(c.get("deps").database.db, user.id);
  } catch {
    unreadNotices = 0;
  }
  const html = await (
    <Layout
      title={page.title}
      path={c.req.path}
      orgName={orgName}
      user={user}
      scripts={page.scripts}
      unreadNotices={unreadNotices}
    >
      {page.body}
    </Layout>
  ).toString();
  return c.html(`<!DOCTYPE html>${html}`, page.status ?? 200);
}
