import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import type { Notice } from "../notice.js";

const t = m.notices;
const time = (d: Date) =>
  new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
    timeZone: "Asia/Tokyo",
    era: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(d);

/** A person's notices, newest first; unread ones say so in words (not colour alone) and can be marked read. */
export const NoticesPage: FC<{ notices: Notice[]; unread: number }> = ({ notices, unread }) => (
  <>
    <h1>{t.title}</h1>
    {unread > 0 ? (
      <form method="post" action="/notices/read" class="inline-form">
        <p>
          {t.unread(unread)}{" "}
          <button type="submit" class="button--secondary">
            {t.markAllRead}
          </button>
        </p>
      </form>
    ) : null}
    {notices.length === 0 ? (
      <p>{t.none}</p>
    ) : (
      <ul class="notice-list">
        {notices.map((n) => (
          <li class={n.readAt ? "notice" : "notice notice--unread"}>
            <h2 class="notice__title">
              <span class="badge">{n.readAt ? t.read : t.new}</span> {n.title}
            </h2>
            <p class="hint">
              {t.received}: <time datetime={n.createdAt.toISOString()}>{time(n.createdAt)}</time>
            </p>
            <p class="preserve-lines">{n.body}</p>
            <div class="actions">
              {n.url ? <a href={n.url}>{t.open}</a> : null}
              {n.readAt ? null : (
                <form method="post" action={`/notices/${n.id}/read`} class="inline-form">
                  <button type="submit" class="button--secondary">
                    {t.markRead}
                    <span class="visually-hidden">: {n.title}</span>
                  </button>
                </form>
              )}
            </div>
          </li>
        ))}
      </ul>
    )}
  </>
);
