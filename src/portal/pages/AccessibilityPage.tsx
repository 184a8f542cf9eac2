/** The conformance claim as municipalities publish it: policy, 試験結果 and the 達成基準チェックリスト (38 criteria). */
import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import { type AccessibilityResults, CHECKS, CRITERIA, criterionResult } from "../accessibility.js";

const t = m.portal.accessibility;

export const AccessibilityPage: FC<{ results: AccessibilityResults | null }> = ({ results }) => {
  const outcomes = CRITERIA.map((c) => ({ c, r: criterionResult(c, results) }));
  const count = (r: string) => outcomes.filter((o) => o.r === r).length;
  const runAt = results
    ? new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "long" }).format(
        new Date(results.runAt),
      )
    : t.notRun;
  return (
    <article class="stack">
      <h1>{t.title}</h1>
      <section aria-labelledby="policy">
        <h2 id="policy">{t.policyTitle}</h2>
        <p>{t.policy}</p>
      </section>
      <section aria-labelledby="result" class="stack">
        <h2 id="result">{t.resultTitle}</h2>
        <dl class="facts">
          <dt>{t.standard}</dt>
          <dd>{t.standardValue}</dd>
          <dt>{t.level}</dt>
          <dd>{t.levelValue}</dd>
          <dt>{t.scope}</dt>
          <dd>{t.scopeValue}</dd>
          <dt>{t.date}</dt>
          <dd>{runAt}</dd>
          <dt>{t.tool}</dt>
          <dd>{t.toolValue}</dd>
          <dt>{t.pages}</dt>
          <dd>{results ? results.pages.length : t.notRun}</dd>
        </dl>
        <p>{t.resultSummary(count("pass"), count("fail"), count("manual"))}</p>
      </section>
      <section aria-labelledby="checklist">
        <h2 id="checklist">{t.checklist}</h2>
        <section class="table-wrap" aria-label={t.checklist} tabindex={0}>
          <table>
            <caption>{t.checklist}（JIS X 8341-3:2016）</caption>
            <thead>
              <tr>
                <th scope="col">{t.number}</th>
                <th scope="col">{t.criterion}</th>
                <th scope="col">{t.criterionLevel}</th>
                <th scope="col">{t.applicable}</th>
                <th scope="col">{t.result}</th>
                <th scope="col">{t.tests}</th>
              </tr>
            </thead>
            <tbody>
              {outcomes.map(({ c, r }) => (
                <tr id={`sc-${c.id}`}>
                  <th scope="row">{c.id}</th>
                  <td>{c.name}</td>
                  <td>{c.level}</td>
                  <td>{c.note ?? t.yes}</td>
                  <td>{r === "pass" ? t.pass : r === "fail" ? t.fail : t.manual}</td>
                  <td>
                    {c.checks.length === 0 ? (
                      t.manualOnly
                    ) : (
                      <ul>
                        {c.checks.map((k) => (
                          <li>{CHECKS[k]}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>
    </article>
  );
};
