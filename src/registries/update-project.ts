import {
  type Actor,
  allowed,
  changedFields,
  conflict,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
  type UseCaseDeps,
} from "../plans/plan-use-case.js";
import { versionSchema } from "./group-input.js";
import type { Project } from "./project.js";
import { auditProject, foreignReferences, parseProject } from "./project-use-case.js";
import { findProject, updateProjectRow } from "./registries.repository.js";

/** Changes a project; a stale version is a conflict listing what changed. */
export async function updateProject(
  deps: UseCaseDeps,
  actor: Actor,
  input: { projectId: string; version: number; fields: Record<string, unknown> },
): Promise<{ ok: true; project: Project } | Failure> {
  const current = await findProject(deps.db, input.projectId);
  if (!current) return notFound("協働事業");
  if (!allowed(actor, "registry.edit", { orgId: current.orgId })) return forbidden();
  const version = versionSchema.safeParse(input.version);
  if (!version.success) return invalid({ version: "版が指定されていません" });
  const parsed = parseProject(input.fields);
  if (!parsed.ok) return parsed;
  return transact(deps.db, async (tx) => {
    const bad = await foreignReferences(tx, current.orgId, parsed.fields);
    if (bad) return bad;
    const updated = await updateProjectRow(tx, current.id, version.data, parsed.fields);
    if (!updated) {
      const fresh = (await findProject(tx, current.id)) ?? current;
      return conflict(changedFields(fresh as unknown as Record<string, unknown>, parsed.fields));
    }
    await auditProject(tx, actor, "project.update", current, updated);
    return { ok: true as const, project: updated };
  });
}
