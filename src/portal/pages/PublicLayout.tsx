/** The public layout: no internal navigation, the same header, menu and footer (with the licence) on every page. */
import type { FC, PropsWithChildren } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import { assetUrl } from "../../web/static.js";
import { DEFAULT_LICENCE, type Licence } from "../portal.js";

const t = m.portal;

export const PUBLIC_NAV = [
  {
    href: "/public",
    label: t.navHome,
    match: (p: string) => p === "/public" || p.startsWith("/public/plans"),
  },
  { href: "/public/search", label: t.navSearch, match: (p: string) => p.startsWith("/public/search") },
  {
    href: "/public/open-data",
    label: t.navOpenData,
    match: (p: string) => p.startsWith("/public/open-data"),
  },
  { href: "/public/groups", label: t.navGroups, match: (p: string) => p.startsWith("/public/groups") },
  {
    href: "/public/proposals",
    label: t.navProposals,
    match: (p: string) => p.startsWith("/public/proposals"),
  },
  { href: "/public/matching", label: t.navMatching, match: (p: string) => p.startsWith("/public/matching") },
  {
    href: "/public/accessibility",
    label: t.navAccessibility,
    match: (p: string) => p.startsWith("/public/accessibility"),
  },
];

export type Crumb = { href?: string; label: string };

export const PublicLayout: FC<
  PropsWithChildren<{
    title: string;
    path: string;
    crumbs?: Crumb[];
    feed?: { href: string; title: string };
    /** the licence of the plan the page shows; the site's default elsewhere */
    licence?: Licence;
  }>
> = ({ title, path, crumbs, feed, licence = DEFAULT_LICENCE, children }) => (
  <html lang="ja">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} | ${t.siteName}`}</title>
      <link rel="stylesheet" href={assetUrl("app.css")} />
      <link rel="stylesheet" href={assetUrl("print.css")} media="print" />
      {feed ? <link rel="alternate" type="application/atom+xml" href={feed.href} title={feed.title} /> : null}
    </head>
    <body class="public">
      <a class="skip-link" href="#main">
        {m.app.skipToContent}
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          <a class="site-title" href="/public">
            <span class="site-title__app">{t.siteName}</span>
          </a>
          <div class="site-user">
            <a href="/signin">{t.staffSignIn}</a>
          </div>
        </div>
        <nav class="main-nav" aria-label={t.nav}>
          <ul>
            {PUBLIC_NAV.map((item) => (
              <li>
                <a href={item.href} aria-current={item.match(path) ? "page" : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {crumbs && crumbs.length > 0 ? (
        <nav class="breadcrumb" aria-label={t.breadcrumb}>
          <ol>
            {crumbs.map((c) => (
              <li>{c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}</li>
            ))}
          </ol>
        </nav>
      ) : null}
      <main id="main" tabindex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <p>
          {t.licenceLine(licence.shortName)} <a href={licence.url}>{licence.name}</a>
        </p>
        <p>
          <a href="/public/accessibility">{t.navAccessibility}</a>
        </p>
        <p>{m.app.footer}</p>
      </footer>
    </body>
  </html>
);
