/** The internal page of a plan's publication: state, who changed it, and the 公開する / 公開を停止する button. */
import type { FC } from "hono/jsx";
import type { Plan } from "../../plans/plan.js";
import { m } from "../../web/messages/index.js";
import type { Publication } from "../portal.repository.js";

const t = m.portal.publication;
const when = (d: Date) =>
  new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "long", timeStyle: "short" }).format(
    d,
  );

export const PublicationPanel: FC<{
  plan: Plan;
  publication: Publication | null;
  canPublish: boolean;
  error: string | null;
}> = ({ plan, publication, canPublish, error }) => {
  const isPublic = publication?.publishedAt != null;
  return (
    <section class="stack">
      <h1>
        {t.title}：{plan.title}
      </h1>
      {error ? (
        <div class="alert alert--error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <p>{t.lead}</p>
      <p>
        <strong>
          {publication === null
            ? t.notPublished
            : isPublic
              ? t.published(when(publication.publishedAt!), publication.changedByName)
              : t.stopped(when(publication.changedAt), publication.changedByName)}
        </strong>
      </p>
      {isPublic ? (
        <p>
          <a href={`/public/plans/${plan.id}`}>{t.view}</a>
        </p>
      ) : null}
      {canPublish ? (
        <form method="post" action={`/plans/${plan.id}/publication`}>
          <input type="hidden" name="version" value={String(publication?.version ?? 0)} />
          <input type="hidden" name="action" value={isPublic ? "unpublish" : "publish"} />
          <button type="submit" class={isPublic ? "button button--secondary" : "button"}>
            {isPublic ? t.unpublish : t.publish}
          </button>
        </form>
      ) : null}
      <p>
        <a href={`/plans/${plan.id}`}>{plan.title}</a>
      </p>
    </section>
  );
};
