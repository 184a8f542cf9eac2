import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import { exportPlanDocument } from "./export-plan-document.js";
import { writePlanDocument } from "./import-plan-document.js";
import { nextTermDocument } from "./next-term.js";
import type { Plan } from "./plan.js";
import { findNodes, findPlan } from "./plan.repository.js";
import { fiscalYearSchema } from "./plan-input.js";
import {
  type Actor,
  allowed,
  auditActor,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "./plan-use-case.js";

const inputSchema = z
  .object({
    title: z.string().trim().min(1, "計画名を入力してください").max(200, "200文字以内で入力してください"),
    termLabel: z.string().trim().max(50).nullable(),
    firstYear: fiscalYearSchema.nullable(),
    lastYear: fiscalYearSchema.nullable(),
    completedItems: z.enum(["drop", "mark"], { error: "完了した取組の扱いを選んでください" }),
  })
  .refine((v) => v.firstYear === null || v.lastYear === null || v.firstYear <= v.lastYear, {
    path: ["lastYear"],
    message: "終了年度は開始年度以降にしてください",
  });

export type CreateNextTermPlanInput = { planId: string } & z.input<typeof inputSchema>;

/**
 * The next term's plan from a closed one: the tree is copied with each item's 2期案 applied (tier changed,
 * finished items dropped or marked), every node linked to the one it continues, and the new plan linked to the old.
 */
export async function createNextTermPlan(
  deps: UseCaseDeps,
  actor: Actor,
  input: CreateNextTermPlanInput,
): Promise<{ ok: true; plan: Plan; droppedKeys: string[] } | Failure> {
  const previous = await findPlan(deps.db, input.planId);
  if (!previous) return notFound();
  if (!allowed(actor, "plan.create", { orgId: previous.orgId })) return forbidden();
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  if (previous.status !== "closed") {
    return invalid({ _: "次期計画は、状態が「終了」の計画から作成できます。先に計画を終了にしてください。" });
  }
  const options = { ...parsed.data, termLabel: parsed.data.termLabel || null };
  return transact(deps.db, async (tx) => {
    const doc = await exportPlanDocument(tx, previous.id);
    if (!doc) return notFound();
    const { document, droppedKeys } = nextTermDocument(doc, options);
    const oldNodes = await findNodes(tx, previous.id);
    const { plan } = await writePlanDocument(tx, actor, previous.orgId, document, {
      existing: null,
      predecessorId: previous.id,
      predecessorNodeIds: new Map(oldNodes.map((n) => [n.key, n.id])),
      status: "draft",
    });
    await recordAudit(tx, {
      orgId: previous.orgId,
      actor: auditActor(actor),
      action: "plan.next_term",
      entityType: "plan",
      entityId: plan.id,
      after: { from: previous.id, plan: plan.id, droppedKeys, completedItems: options.completedItems },
    });
    return { ok: true as const, plan, droppedKeys };
  });
}
