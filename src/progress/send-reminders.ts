/**
 * Reminders to departments with unfinished entries: an in-app notice to each of their staff and an e-mail when
 * SMTP is configured. The reminder job (`sendDueReminders`, run on an interval by main.ts and by
 * `npm run reminders` from cron) sends the reminders configured N days before each open round's deadline; the
 * plan owner's button on the board (`remindNow`) reminds the stragglers at once. Each reminder is claimed by a
 * unique key in the same transaction as its notices, so two app processes never send it twice.
 */
import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import { listDepartments } from "../accounts/department.repository.js";
import { listUsers } from "../accounts/user.repository.js";
import { formatFiscalYear, formatJapaneseDate } from "../japanese/index.js";
import type { Mailer, NewNotice } from "../notices/notice.js";
import { insertNotices } from "../notices/notices.repository.js";
import type { Plan } from "../plans/plan.js";
import { findNodes, findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  type Failure,
  forbidden,
  invalid,
  notFound,
  SYSTEM_ACTOR,
  transact,
  zodErrors,
} from "../plans/plan-use-case.js";
import type { Logger } from "../web/log.js";
import { m } from "../web/messages/index.js";
import { type Round, reminderDue, unfinishedByDepartment } from "./progress.js";
import {
  claimReminder,
  findEntries,
  findRound,
  listRoundsToRemind,
  recordReminderMailed,
} from "./progress.repository.js";
import { type ProgressDeps, today } from "./progress-use-case.js";

export type ReminderDeps = ProgressDeps & {
  mailer: Mailer | null;
  /** the public address of the app, for the link in the message (PUBLIC_ORIGIN) */
  baseUrl: string;
  log?: Logger;
};

export type ReminderSent = {
  roundId: string;
  departmentId: string;
  departmentName: string;
  recipients: number;
  mailed: number;
};

const r = m.progress.reminders;

/** What one department is told: subject, the notice's title and the body listing its unfinished items. */
export function reminderMessage(p: {
  plan: Pick<Plan, "title">;
  round: Pick<Round, "id" | "fiscalYear" | "deadline">;
  departmentName: string;
  items: readonly { label: string | null; title: string }[];
  baseUrl: string;
}): { subject: string; title: string; body: string; url: string } {
  const year = formatFiscalYear(p.round.fiscalYear, "wareki");
  const deadline = p.round.deadline ? formatJapaneseDate(p.round.deadline, "wareki") : "—";
  const path = `/progress/rounds/${p.round.id}`;
  return {
    subject: r.subject(p.plan.title, year, deadline),
    title: r.noticeTitle(p.plan.title, year, deadline),
    body: r.body({
      department: p.departmentName,
      plan: p.plan.title,
      year,
      deadline,
      items: p.items.map((i) => `・${i.label ? `${i.label} ` : ""}${i.title}`).join("\n"),
      url: `${p.baseUrl.replace(/\/$/, "")}${path}`,
    }),
    url: path,
  };
}

/**
 * Reminds every department of the round with unfinished entries, each once per `keyOf(department)`; returns the
 * departments reminded now (those already reminded under the same key are skipped).
 */
async function remindRound(
  deps: ReminderDeps,
  actor: Actor,
  round: Round,
  daysBefore: number | null,
  keyOf: (departmentId: string) => string,
): Promise<ReminderSent[]> {
  const plan = await findPlan(deps.db, round.planId);
  if (!plan) return [];
  const [nodes, entries, departments, people] = await Promise.all([
    findNodes(deps.db, plan.id),
    findEntries(deps.db, [round.id]),
    listDepartments(deps.db, round.orgId),
    listUsers(deps.db, round.orgId),
  ]);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const unfinished = unfinishedByDepartment(
    entries
      .filter((e) => nodeById.has(e.nodeId))
      .map((entry) => ({ entry, departments: nodeById.get(entry.nodeId)!.departments })),
    departments.map((d) => d.id),
  );
  const sent: ReminderSent[] = [];
  for (const department of departments) {
    const todo = unfinished.get(department.id);
    if (!todo || todo.length === 0) continue;
    const staff = people.filter(
      (p) => p.role === "department" && p.disabledAt === null && p.departmentIds.includes(department.id),
    );
    // nobody to tell (e.g. a 部 above the 課 that report, reached through a 全課 item): no reminder is recorded
    if (staff.length === 0) continue;
    const message = reminderMessage({
      plan,
      round,
      departmentName: department.name,
      items: todo.map((e) => nodeById.get(e.nodeId)!),
      baseUrl: deps.baseUrl,
    });
    const claimed = await transact(deps.db, async (tx) => {
      const id = await claimReminder(tx, {
        key: keyOf(department.id),
        roundId: round.id,
        departmentId: department.id,
        daysBefore,
        recipients: staff.length,
      });
      if (id === null) return { ok: true as const, id: null };
      const notices: NewNotice[] = staff.map((p) => ({
        orgId: round.orgId,
        userId: p.id,
        kind: "reminder",
        title: message.title,
        body: message.body,
        url: message.url,
      }));
      await insertNotices(tx, notices);
      await recordAudit(tx, {
        orgId: round.orgId,
        actor: auditActor(actor),
        action: "round.remind",
        entityType: "progress_round",
        entityId: round.id,
        after: { department: department.name, daysBefore, recipients: staff.length, items: todo.length },
      });
      return { ok: true as const, id };
    });
    if (!claimed.ok || claimed.id === null) continue;
    // mail after the commit: a slow or refusing mail server never holds the transaction nor undoes the notices
    let mailed = 0;
    if (deps.mailer) {
      for (const p of staff)
        if (await deps.mailer.send({ to: p.email, subject: message.subject, text: message.body }))
          mailed += 1;
      await recordReminderMailed(deps.db, claimed.id, mailed);
    }
    sent.push({
      roundId: round.id,
      departmentId: department.id,
      departmentName: department.name,
      recipients: staff.length,
      mailed,
    });
  }
  return sent;
}

/**
 * The reminder job: for every open, unlocked round whose deadline is N days away (N one of the round's reminder
 * days), reminds the departments with unfinished entries, once per round, department and N.
 */
export async function sendDueReminders(deps: ReminderDeps): Promise<ReminderSent[]> {
  const day = today(deps);
  const out: ReminderSent[] = [];
  for (const round of await listRoundsToRemind(deps.db)) {
    const n = reminderDue(round.deadline, day, round.reminderDays);
    if (n === null) continue;
    out.push(...(await remindRound(deps, SYSTEM_ACTOR, round, n, (d) => `${round.id}:${d}:before-${n}`)));
  }
  if (out.length > 0) deps.log?.info("reminders sent", { departments: out.length });
  return out;
}

const remindInput = z.object({ version: z.coerce.number().int().min(1) });

/**
 * The board's 「未提出の課に督促する」: the plan owner reminds every department with unfinished entries now
 * (once a day per department, so a double click sends nothing twice).
 */
export async function remindNow(
  deps: ReminderDeps,
  actor: Actor,
  roundId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true; sent: ReminderSent[] } | Failure> {
  const parsed = remindInput.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const round = await findRound(deps.db, roundId);
  if (!round) return notFound(m.progress.errors.roundNotFound);
  if (!allowed(actor, "round.manage", { orgId: round.orgId })) return forbidden();
  if (round.state !== "open") return invalid({ _: m.progress.errors.roundClosed });
  const day = today(deps);
  const sent = await remindRound(deps, actor, round, null, (d) => `${round.id}:${d}:manual-${day}`);
  return { ok: true, sent };
}
