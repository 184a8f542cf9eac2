import type { FC } from "hono/jsx";
import { ErrorSummary } from "../../plans/pages/components.js";
import { m } from "../../web/messages/index.js";
import { MAX_STEPS, type ReviewStep, STEP_ROLES } from "../review-chain.js";

const t = m.progress.chain;

export type ChainRow = { label: string; role: string; departmentId: string | null };

/** The plan owner sets the review chain: one row per step (name, who acts, the department of a department step). */
export const ChainPage: FC<{
  planId: string;
  planTitle: string;
  rows: ChainRow[];
  current: ReviewStep[];
  version: number;
  departments: { id: string; name: string }[];
  errors: Record<string, string>;
  saved: boolean;
}> = (p) => {
  const rows = [...p.rows];
  while (rows.length < Math.min(MAX_STEPS, Math.max(p.rows.length + 2, 3)))
    rows.push({ label: "", role: "admin", departmentId: null });
  return (
    <>
      <p>
        <a href="/progress">{m.progress.entry.back}</a>
      </p>
      <h1>{t.title(p.planTitle)}</h1>
      <p class="lead">{t.lead}</p>
      {p.saved ? (
        <div class="alert alert--ok" role="status">
          <p>{t.saved}</p>
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <p>
        {t.current}: {p.current.length > 0 ? p.current.map((s) => s.label).join(" → ") : t.defaultChain}
      </p>
      <form method="post" action={`/progress/plans/${p.planId}/chain`} class="stack" novalidate>
        <input type="hidden" name="version" value={String(p.version)} />
        {rows.map((r, i) => (
          <fieldset class="chain-step">
            <legend>{t.step(i + 1)}</legend>
            {p.errors[`step.${i}.label`] ? <p class="field-error">{p.errors[`step.${i}.label`]}</p> : null}
            <div class="field">
              <label for={`step-${i}-label`}>{t.label}</label>
              <input type="text" id={`step-${i}-label`} name="label" value={r.label} />
            </div>
            <div class="field">
              <label for={`step-${i}-role`}>{t.role}</label>
              <select id={`step-${i}-role`} name="role">
                {STEP_ROLES.map((role) => (
                  <option value={role} selected={r.role === role}>
                    {t.roles[role]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`step-${i}-department`}>{t.department}</label>
              {p.errors[`step.${i}.departmentId`] ? (
                <p class="field-error" id={`step-${i}-department-error`}>
                  {p.errors[`step.${i}.departmentId`]}
                </p>
              ) : null}
              <select
                id={`step-${i}-department`}
                name="departmentId"
                aria-invalid={p.errors[`step.${i}.departmentId`] ? "true" : undefined}
                aria-describedby={
                  p.errors[`step.${i}.departmentId`] ? `step-${i}-department-error` : undefined
                }
              >
                <option value="">{t.departmentNone}</option>
                {p.departments.map((d) => (
                  <option value={d.id} selected={r.departmentId === d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
        ))}
        <p>
          <button type="submit">{t.save}</button>
        </p>
      </form>
    </>
  );
};
