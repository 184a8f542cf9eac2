import { z } from "zod";
import type { Db } from "../db/client.js";
import { validateLocalGovCode, type YearStyle } from "../japanese/index.js";
import { m } from "../web/messages/index.js";
import { type Failure, failure, zodFieldErrors } from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { insertOrganisation, type Organisation, organisationCodeTaken } from "./organisation.repository.js";

const t = m.accounts.organisations;

export const YEAR_STYLES = [
  "wareki",
  "wareki-short",
  "western",
  "both",
] as const satisfies readonly YearStyle[];

const schema = z.object({
  code: z.string({ error: t.codeInvalid("") }).trim(),
  name: z.string({ error: t.nameRequired }).trim().min(1, t.nameRequired).max(100, t.nameRequired),
  nameKana: z.string().trim().max(100).optional(),
  yearStyle: z.enum(YEAR_STYLES, { error: t.yearStyleInvalid }).default("wareki"),
});

/**
 * Registers a local government in the deployment (an operator's act, e.g. from a set-up script: there
 * is no actor in the application), after checking its 全国地方公共団体コード with the Japanese kernel.
 * Written with an audit event.
 */
export async function createOrganisation(
  deps: { db: Db },
  input: { code: unknown; name: unknown; nameKana?: unknown; yearStyle?: unknown },
): Promise<{ ok: true; organisation: Organisation } | Failure> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return failure("invalid", zodFieldErrors(parsed.error));
  const checked = validateLocalGovCode(parsed.data.code);
  if (!checked.ok) return failure("invalid", { code: t.codeInvalid(checked.reason) });
  const code = checked.value.code;
  if (await organisationCodeTaken(deps.db, code)) return failure("invalid", { code: t.codeTaken });
  const organisation = await deps.db.transaction(async (tx) => {
    const org = await insertOrganisation(tx, {
      code,
      name: parsed.data.name,
      nameKana: parsed.data.nameKana || null,
      yearStyle: parsed.data.yearStyle,
    });
    await recordAudit(tx, {
      orgId: org.id,
      actor: null,
      action: "organisation.create",
      entityType: "organisation",
      entityId: org.id,
      after: { code, name: org.name, nameKana: org.nameKana, yearStyle: org.yearStyle, version: org.version },
    });
    return org;
  });
  return { ok: true, organisation };
}
