import { Hono } from "hono";
import { z } from "zod";
import { todayInJapan } from "../japanese/index.js";
import { authorize, requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import type { FieldErrors } from "./account.js";
import { pageCount } from "./audit.js";
import { auditVocabulary, listAudit } from "./audit.repository.js";
import { isIsoDate, nameAt } from "./department.js";
import { listDepartments } from "./department.repository.js";
import { AuditPage, type AuditQuery } from "./pages/AuditPage.js";
import { listUsers } from "./user.repository.js";

const t = m.accounts.audit;
const PAGE_SIZE = 50;

const text = z.string().max(100).optional().catch(undefined);
const querySchema = z.object({
  action: text,
  entity: text,
  actor: z.uuid().optional().catch(undefined),
  from: z.string().optional(),
  to: z.string().optional(),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/**
 * /admin/audit: the organisation's audit trail, filtered by action, kind of record, person and dates,
 * 50 a page. Read-only: no route of the application changes or deletes an audit event.
 */
export const adminAuditRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const actor = requireUser(c);
  if (actor instanceof Response) return actor;
  const denied = await authorize(c, "audit.view", { orgId: actor.orgId });
  if (denied) return denied;
  const db = c.get("deps").database.db;
  const q = querySchema.parse(c.req.query());
  const errors: FieldErrors = {};
  const date = (key: "from" | "to") => {
    const v = q[key]?.trim();
    if (!v) return undefined;
    if (isIsoDate(v)) return v;
    errors[key] = t.dateInvalid;
    return undefined;
  };
  const from = date("from");
  const to = date("to");
  const filter = {
    orgId: actor.orgId,
    action: q.action || undefined,
    entityType: q.entity || undefined,
    actorId: q.actor,
  };
  const [{ events, total }, vocabulary, people, departments] = await Promise.all([
    listAudit(db, { ...filter, from, to, page: q.page, pageSize: PAGE_SIZE }),
    auditVocabulary(db, actor.orgId),
    listUsers(db, actor.orgId),
    listDepartments(db, actor.orgId),
  ]);
  const today = todayInJapan(new Date());
  const entityNames = new Map<string, string>([
    ...people.map((u) => [u.id, u.displayName] as [string, string]),
    ...departments.map((d) => [d.id, nameAt(d.names, today) ?? d.name] as [string, string]),
  ]);
  const query: AuditQuery = {
    action: q.action ?? "",
    entity: q.entity ?? "",
    actor: q.actor ?? "",
    from: q.from ?? "",
    to: q.to ?? "",
    page: q.page,
  };
  return renderPage(c, {
    title: t.title,
    status: Object.keys(errors).length > 0 ? 422 : 200,
    body: (
      <AuditPage
        events={events}
        total={total}
        pages={pageCount(total, PAGE_SIZE)}
        query={query}
        actions={vocabulary.actions}
        entities={vocabulary.entityTypes}
        people={people.map((u) => ({ value: u.id, label: u.displayName }))}
        entityNames={entityNames}
        errors={errors}
      />
    ),
  });
});
