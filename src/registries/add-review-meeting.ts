import { recordAudit } from "../accounts/audit.repository.js";
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
} from "../plans/plan-use-case.js";
import type { ReviewMeeting } from "./project.js";
import { reviewMeetingFieldsSchema } from "./project-input.js";
import { findProject, insertReviewMeeting } from "./registries.repository.js";

/** Records a review meeting (ふりかえり（検証）会議) of a project: date, participants, coordinator, findings, improvements. */
export async function addReviewMeeting(
  deps: UseCaseDeps,
  actor: Actor,
  projectId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true; meeting: ReviewMeeting } | Failure> {
  const project = await findProject(deps.db, projectId);
  if (!project) return notFound("協働事業");
  if (!allowed(actor, "registry.edit", { orgId: project.orgId })) return forbidden();
  const parsed = reviewMeetingFieldsSchema.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  if (!parsed.data.findings && !parsed.data.improvements)
    return invalid({ findings: "検証の結果（気づき）か改善点のどちらかを入力してください" });
  return transact(deps.db, async (tx) => {
    const meeting = await insertReviewMeeting(tx, project, parsed.data);
    await recordAudit(tx, {
      orgId: project.orgId,
      actor: auditActor(actor),
      action: "project.review",
      entityType: "project",
      entityId: project.id,
      after: meeting,
    });
    return { ok: true as const, meeting };
  });
}
