import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import { findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  conflict,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  notFound,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../plans/plan-use-case.js";
import { CUSTOM_LICENCE, DEFAULT_LICENCE, LICENCES, type Licence } from "./portal.js";
import { findPublication, type Publication, writePublication } from "./portal.repository.js";

/** A licence as the publication row stores it: name and URL only for an own licence. */
const storedLicence = (l: Licence): StoredLicence =>
  l.code === CUSTOM_LICENCE
    ? { code: l.code, name: l.name, url: l.url }
    : { code: l.code, name: null, url: null };
type StoredLicence = { code: string; name: string | null; url: string | null };

/** The licence asked for, checked: a known code, or "custom" with a name and an http(s) URL. */
function licenceInput(d: {
  licenceCode?: string;
  licenceName?: string;
  licenceUrl?: string;
}): StoredLicence | { error: string } | null {
  if (d.licenceCode === undefined || d.licenceCode === "") return null;
  if (d.licenceCode === CUSTOM_LICENCE) {
    if (!d.licenceName) return { error: "独自の利用条件には名称を入力してください。" };
    if (!d.licenceUrl || !/^https?:\/\/[^\s]+$/.test(d.licenceUrl))
      return { error: "独自の利用条件には http:// または https:// で始まるURLを入力してください。" };
    return { code: CUSTOM_LICENCE, name: d.licenceName, url: d.licenceUrl };
  }
  if (!LICENCES.some((l) => l.code === d.licenceCode)) return { error: "利用条件を一覧から選んでください。" };
  return { code: d.licenceCode, name: null, url: null };
}

const input = z.object({
  planId: z.uuid("計画が見つかりません。"),
  /** the publication's version the person saw (0 = never published) */
  version: z.coerce.number({ error: "版が指定されていません。" }).int().min(0, "版が指定されていません。"),
  /** the publication wanted; absent = as it is (only the licence changes) */
  publish: z.boolean().optional(),
  /** the open-data licence: a code of LICENCES or "custom" with a name and an http(s) URL; unchanged when absent */
  licenceCode: z.string().optional(),
  licenceName: z.string().trim().max(200, "利用条件の名称は200文字までです。").optional(),
  licenceUrl: z.string().trim().max(500, "利用条件のURLは500文字までです。").optional(),
});
export type PublishPlanInput = z.input<typeof input>;

/**
 * Makes a plan public on the portal (公開する) or takes it off (公開を停止する), audited as plan.publish /
 * plan.unpublish. Only the plan itself is published here: progress appears on the portal round by round, when a
 * round is published (progress capability), and only its approved entries.
 */
export async function publishPlan(
  deps: UseCaseDeps,
  actor: Actor,
  raw: PublishPlanInput,
): Promise<{ ok: true; publication: Publication } | Failure> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const { planId, version } = parsed.data;
  const licence = licenceInput(parsed.data);
  if (licence && "error" in licence) return invalid({ licenceCode: licence.error });
  const plan = await findPlan(deps.db, planId);
  if (!plan) return notFound();
  if (!allowed(actor, "plan.publish", { orgId: plan.orgId })) return forbidden();
  return transact(deps.db, async (tx) => {
    const before = await findPublication(tx, planId);
    const already = (before?.publishedAt ?? null) !== null;
    const publish = parsed.data.publish ?? already;
    const current = before?.version ?? 0;
    if (current !== version) {
      return conflict([
        { field: "publishedAt", current: before?.publishedAt?.toISOString() ?? null, submitted: publish },
      ]);
    }
    const kept = storedLicence(before?.licence ?? DEFAULT_LICENCE);
    const next = licence ?? kept;
    const licenceChange = next.code !== kept.code || next.name !== kept.name || next.url !== kept.url;
    if (already === publish && !licenceChange)
      return invalid({
        _: publish ? "この計画はすでに公開されています。" : "この計画は公開されていません。",
      });
    const written = await writePublication(tx, planId, version, {
      publishedAt: already === publish ? (before?.publishedAt ?? null) : publish ? new Date() : null,
      changedBy: isSystem(actor) ? null : actor.id,
      changedByName: actor.displayName,
      licenceCode: next.code,
      licenceName: next.name,
      licenceUrl: next.url,
    });
    if (!written) return conflict([{ field: "publishedAt", current: null, submitted: publish }]);
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: already === publish ? "plan.publication_licence" : publish ? "plan.publish" : "plan.unpublish",
      entityType: "plan",
      entityId: planId,
      before: before ?? null,
      after: written,
    });
    return { ok: true as const, publication: written };
  });
}
