import {
  type Actor,
  allowed,
  type Failure,
  forbidden,
  transact,
  type UseCaseDeps,
} from "../plans/plan-use-case.js";
import type { Project } from "./project.js";
import { auditProject, foreignReferences, parseProject } from "./project-use-case.js";
import { insertProject } from "./registries.repository.js";

/** Records a collaboration project (協働事業) of one fiscal year. */
export async function createProject(
  deps: UseCaseDeps,
  actor: Actor,
  orgId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true; project: Project } | Failure> {
  if (!allowed(actor, "registry.edit", { orgId })) return forbidden();
  const parsed = parseProject(input);
  if (!parsed.ok) return parsed;
  return transact(deps.db, async (tx) => {
    const bad = await foreignReferences(tx, orgId, parsed.fields);
    if (bad) return bad;
    const project = await insertProject(tx, orgId, parsed.fields);
    await auditProject(tx, actor, "project.create", null, project);
    return { ok: true as const, project };
  });
}
