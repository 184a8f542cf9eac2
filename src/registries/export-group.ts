import { recordAudit } from "../accounts/audit.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  type Failure,
  forbidden,
  notFound,
  transact,
  type UseCaseDeps,
} from "../plans/plan-use-case.js";
import { toGroupJson } from "./group.js";
import { findGroup, listProjects } from "./registries.repository.js";

/** One group's data (a 開示請求 or a leaving group's request), with the projects it took part in; the export is audited. */
export async function exportGroup(
  deps: UseCaseDeps,
  actor: Actor,
  groupId: string,
): Promise<{ ok: true; filename: string; data: Record<string, unknown> } | Failure> {
  const group = await findGroup(deps.db, groupId);
  if (!group) return notFound("団体");
  if (!allowed(actor, "registry.edit", { orgId: group.orgId })) return forbidden();
  return transact(deps.db, async (tx) => {
    const projects = await listProjects(tx, group.orgId, { groupId: group.id });
    await recordAudit(tx, {
      orgId: group.orgId,
      actor: auditActor(actor),
      action: "group.export",
      entityType: "group",
      entityId: group.id,
    });
    const data = {
      exportedAt: new Date().toISOString(),
      group: toGroupJson(group),
      projects: projects.map((p) => ({ id: p.id, title: p.title, fiscalYear: p.fiscalYear, form: p.form })),
    };
    return { ok: true as const, filename: `group-${group.id}.json`, data };
  });
}
