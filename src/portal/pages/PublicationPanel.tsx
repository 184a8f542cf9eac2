/** The internal page of a plan's publication: state, who changed it, and the 公開する / 公開を停止する button. */
import type { FC } from "hono/jsx";
import type { Plan } from "../../plans/plan.js";
import { m } from "../../web/messages/index.js";
import { CUSTOM_LICENCE, DEFAULT_LICENCE, LICENCES, type Licence } from "../portal.js";
import type { Publication } from "../portal.repository.js";

/** The licence choice: the known licences, or an own one with its name and URL. */
const LicenceFields: FC<{ licence: Licence }> = ({ licence }) => {
  const custom = licence.code === CUSTOM_LICENCE;
  return (
    <fieldset class="stack">
      <legend>{t.licence}</legend>
      <p class="hint" id="licence-hint">
        {t.licenceHint}
      </p>
      {[...LICENCES, null].map((l) => {
        const code = l?.code ?? CUSTOM_LICENCE;
        return (
          <div>
            <label>
              <input
                type="radio"
                name="licenceCode"
                value={code}
                checked={code === licence.code}
                aria-describedby="licence-hint"
              />{" "}
              {l ? l.name : t.custom}
            </label>
          </div>
        );
      })}
      <div>
        <label for="licence-name">{t.customName}</label>
        <input
          id="licence-name"
          name="licenceName"
          type="text"
          maxlength={200}
          value={custom ? licence.name : ""}
        />
      </div>
      <div>
        <label for="licence-url">{t.customUrl}</label>
        <input
          id="licence-url"
          name="licenceUrl"
          type="url"
          maxlength={500}
          value={custom ? licence.url : ""}
        />
      </div>
    </fieldset>
  );
};

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
  const licence = publication?.licence ?? DEFAULT_LICENCE;
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
      <p>{t.licenceNow(licence.name)}</p>
      {canPublish ? (
        <form method="post" action={`/plans/${plan.id}/publication`} class="stack">
          <input type="hidden" name="version" value={String(publication?.version ?? 0)} />
          {isPublic ? null : <LicenceFields licence={licence} />}
          <input type="hidden" name="action" value={isPublic ? "unpublish" : "publish"} />
          <div>
            <button type="submit" class={isPublic ? "button button--secondary" : "button"}>
              {isPublic ? t.unpublish : t.publish}
            </button>
          </div>
        </form>
      ) : null}
      {canPublish && isPublic ? (
        <form method="post" action={`/plans/${plan.id}/publication`} class="stack">
          <input type="hidden" name="version" value={String(publication?.version ?? 0)} />
          <input type="hidden" name="action" value="licence" />
          <LicenceFields licence={licence} />
          <div>
            <button type="submit" class="button button--secondary">
              {t.changeLicence}
            </button>
          </div>
        </form>
      ) : null}
      <p>
        <a href={`/plans/${plan.id}`}>{plan.title}</a>
      </p>
    </section>
  );
};
