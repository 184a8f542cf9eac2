import { z } from "zod";
import { m } from "../web/messages/index.js";
import { isIsoDate } from "./department.js";

const t = m.accounts.departments;

export const departmentName = z
  .string({ error: t.nameRequired })
  .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, t.nameRequired).max(100, t.nameTooLong));

export const isoDate = z.string({ error: t.dateInvalid }).trim().refine(isIsoDate, t.dateInvalid);

/** What the audit trail keeps of a department. */
export function departmentAuditView(d: {
  name: string;
  parentId: string | null;
  endedOn: string | null;
  mergedIntoId: string | null;
}) {
  return { name: d.name, parentId: d.parentId, endedOn: d.endedOn, mergedIntoId: d.mergedIntoId };
}
