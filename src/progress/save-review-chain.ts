import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import { listDepartments } from "../accounts/department.repository.js";
import { findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  conflict,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
  zodErrors,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import { cleanText } from "./progress.js";
import { findReviewChain, saveReviewChain } from "./progress.repository.js";
import type { ProgressDeps } from "./progress-use-case.js";
import { MAX_STEPS, type ReviewStep, STEP_ROLES } from "./review-chain.js";

const e = m.progress.errors;
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => String(x ?? ""));

/**
 * The chain form: parallel lists `label`, `role`, `departmentId` (one per row, as the form posts them). Rows with
 * an empty name are dropped; a department step must name its department.
 */
const chainInput = z.object({
  version: z.coerce.number().int().min(0),
  steps: z
    .array(
      z
        .object({
          label: z.string().max(50, e.tooLong(50)),
          role: z.enum(STEP_ROLES, { error: e.stepRole }),
          departmentId: z.string().nullable(),
        })
        .refine((s) => s.role !== "department" || s.departmentId !== null, {
          error: e.stepDepartment,
          path: ["departmentId"],
        }),
    )
    .max(MAX_STEPS, e.tooManySteps(MAX_STEPS)),
});

export function chainRows(input: Record<string, unknown>) {
  const labels = list(input.label);
  const roles = list(input.role);
  const depts = list(input.departmentId);
  return labels
    .map((label, i) => ({
      label: cleanText(label)?.trim() ?? "",
      role: roles[i] ?? "",
      departmentId: depts[i] ? depts[i] : null,
    }))
    .filter((r) => r.label !== "");
}

/**
 * Sets a plan's review chain (the plan owner only): the ordered steps after a department submits. Rounds opened
 * afterwards use it; an empty chain means the default (the plan owner approves). Stale versions are refused.
 */
export async function saveChain(
  deps: ProgressDeps,
  actor: Actor,
  planId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true; steps: ReviewStep[] } | Failure> {
  const plan = await findPlan(deps.db, planId);
  if (!plan) return notFound();
  if (!allowed(actor, "round.manage", { orgId: plan.orgId })) return forbidden();
  const parsed = chainInput.safeParse({ version: input.version, steps: chainRows(input) });
  if (!parsed.success) {
    const errors = zodErrors(parsed.error);
    return invalid(
      Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replace(/^steps\./, "step."), v])),
    );
  }
  const departments = await listDepartments(deps.db, plan.orgId);
  const steps: ReviewStep[] = [];
  for (const [i, s] of parsed.data.steps.entries()) {
    const dept = s.role === "department" ? departments.find((d) => d.id === s.departmentId) : null;
    if (s.role === "department" && !dept) return invalid({ [`step.${i}.departmentId`]: e.stepDepartment });
    steps.push({
      label: s.label,
      role: s.role,
      departmentId: dept?.id ?? null,
      departmentName: dept?.name ?? null,
    });
  }
  return transact(deps.db, async (tx) => {
    const before = await findReviewChain(tx, plan.id);
    if ((before?.version ?? 0) !== parsed.data.version) return conflict([]);
    if (!(await saveReviewChain(tx, { planId: plan.id, orgId: plan.orgId, steps }, parsed.data.version)))
      return conflict([]);
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "plan.review-chain",
      entityType: "plan",
      entityId: plan.id,
      before: before?.steps ?? [],
      after: steps,
    });
    return { ok: true as const, steps };
  });
}
