/** Importing a list of groups: choose a file → preview with located problems → commit all or nothing. */
import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import type { ImportProblem } from "../group-import.js";

const t = m.registries.importPage;

export const ImportPage: FC<{
  problems: ImportProblem[];
  message: string | null;
  preview: { names: string[]; payload: string } | null;
}> = (p) => (
  <section class="stack narrow">
    <h1>{t.title}</h1>
    <p>{t.lead}</p>
    {p.message ? (
      <div
        class={p.problems.length ? "alert alert--error" : "alert alert--ok"}
        role={p.problems.length ? "alert" : "status"}
      >
        <p>{p.message}</p>
      </div>
    ) : null}
    {p.problems.length > 0 ? (
      <table>
        <caption>{t.problems(p.problems.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.row}</th>
            <th scope="col">{t.column}</th>
            <th scope="col">{t.problem}</th>
          </tr>
        </thead>
        <tbody>
          {p.problems.map((x) => (
            <tr>
              <td>{x.row}</td>
              <td>{x.column}</td>
              <td>{x.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : null}
    {p.preview ? (
      <form method="post" action="/registries/groups/import/commit">
        <ol>
          {p.preview.names.map((n) => (
            <li>{n}</li>
          ))}
        </ol>
        <input type="hidden" name="payload" value={p.preview.payload} />
        <button type="submit" class="button">
          {t.commit(p.preview.names.length)}
        </button>
      </form>
    ) : null}
    <form method="post" action="/registries/groups/import" enctype="multipart/form-data">
      <div class="field">
        <label for="f-file">{t.file}</label>
        <input type="file" id="f-file" name="file" accept=".csv,.xlsx,text/csv" required />
      </div>
      <button type="submit" class="button button--secondary">
        {t.preview}
      </button>
    </form>
  </section>
);
