/** The only file of the registries capability that runs SQL. */
import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  lte,
  or,
  sql,
} from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { fiscalYearRange, kanaOrderKey, matchKey } from "../japanese/index.js";
import { duplicateKey, type Group, type LegalForm, tallyByField, tallyByLegalForm } from "./group.js";
import type { GroupFields } from "./group-input.js";
import { coordinatorsInYear, type Project, type ProjectForm, type ReviewMeeting } from "./project.js";
import type { ProjectFields, ReviewMeetingFields } from "./project-input.js";
import { registryGroups, registryProjects, registryReviewMeetings } from "./registries.table.js";

type GroupRow = typeof registryGroups.$inferSelect;

function toGroup(r: GroupRow): Group {
  const { nameKey: _n, kanaKey: _k, kanaSort: _s, ...rest } = r;
  return { ...rest, legalForm: r.legalForm as LegalForm };
}

function derived(f: { name: string; nameKana: string }) {
  return {
    nameKey: duplicateKey(f.name),
    kanaKey: duplicateKey(f.nameKana),
    kanaSort: kanaOrderKey(f.nameKana),
  };
}

export async function insertGroup(tx: DbOrTx, orgId: string, f: GroupFields): Promise<Group> {
  const [row] = await tx
    .insert(registryGroups)
    .values({ ...f, ...derived(f), orgId })
    .returning();
  return toGroup(row!);
}

/** Updates a group when its version still matches; null when someone saved first. */
export async function updateGroupRow(
  tx: DbOrTx,
  id: string,
  version: number,
  f: Partial<GroupFields> & { name: string; nameKana: string; anonymisedAt?: Date },
): Promise<Group | null> {
  const [row] = await tx
    .update(registryGroups)
    .set({ ...f, ...derived(f), updatedAt: new Date(), version: sql`${registryGroups.version} + 1` })
    .where(and(eq(registryGroups.id, id), eq(registryGroups.version, version)))
    .returning();
  return row ? toGroup(row) : null;
}

export async function findGroup(db: DbOrTx, id: string): Promise<Group | null> {
  const [row] = await db.select().from(registryGroups).where(eq(registryGroups.id, id)).limit(1);
  return row ? toGroup(row) : null;
}

/** Groups of the organisation whose normalised name or kana equals one of the given keys. */
export async function duplicateCandidates(
  db: DbOrTx,
  orgId: string,
  keys: { nameKeys: string[]; kanaKeys: string[] },
): Promise<{ id: string; name: string; nameKana: string }[]> {
  if (keys.nameKeys.length === 0 && keys.kanaKeys.length === 0) return [];
  return db
    .select({ id: registryGroups.id, name: registryGroups.name, nameKana: registryGroups.nameKana })
    .from(registryGroups)
    .where(
      and(
        eq(registryGroups.orgId, orgId),
        or(
          keys.nameKeys.length ? inArray(registryGroups.nameKey, keys.nameKeys) : sql`false`,
          keys.kanaKeys.length ? inArray(registryGroups.kanaKey, keys.kanaKeys) : sql`false`,
        ),
      ),
    );
}

export type GroupFilter = {
  q?: string;
  legalForm?: string;
  field?: number;
  disclosure?: string;
  /** active (default) | left | all */
  status?: "active" | "left" | "all";
  publicOnly?: boolean;
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const containsJson = (col: typeof registryGroups.fields | typeof registryGroups.disclosures, v: unknown) =>
  sql`${col} @> ${JSON.stringify([v])}::jsonb`;

/** The organisation's groups matching the filter, in 五十音 order of their kana. */
export async function listGroups(db: DbOrTx, orgId: string, f: GroupFilter = {}): Promise<Group[]> {
  const conds = [eq(registryGroups.orgId, orgId)];
  const q = f.q ? matchKey(f.q) : "";
  if (q) {
    const pattern = `%${likeEscape(q)}%`;
    conds.push(
      or(sql`${registryGroups.nameKey} like ${pattern}`, sql`${registryGroups.kanaKey} like ${pattern}`)!,
    );
  }
  if (f.legalForm) conds.push(eq(registryGroups.legalForm, f.legalForm));
  if (f.field) conds.push(containsJson(registryGroups.fields, f.field));
  if (f.disclosure) conds.push(containsJson(registryGroups.disclosures, f.disclosure));
  const status = f.status ?? "active";
  if (status === "active") conds.push(isNull(registryGroups.leftOn));
  if (status === "left") conds.push(isNotNull(registryGroups.leftOn));
  if (f.publicOnly) conds.push(eq(registryGroups.isPublic, true), isNull(registryGroups.anonymisedAt));
  const rows = await db
    .select()
    .from(registryGroups)
    .where(and(...conds))
    .orderBy(asc(registryGroups.kanaSort), asc(registryGroups.name));
  return rows.map(toGroup);
}

/**
 * Groups registered at the end of a fiscal year (31 March of fy+1): registered on or before that day and not
 * left by then (the rule of group.ts activeAtFiscalYearEnd). For the indicators capability's live indicators.
 * @example await countGroupsAtFiscalYearEnd(db, orgId, 2024, { legalForm: "NPO法人" }) // registered at 2025-03-31
 */
export async function countGroupsAtFiscalYearEnd(
  db: DbOrTx,
  orgId: string,
  fiscalYear: number,
  opts: { legalForm?: string; field?: number } = {},
): Promise<number> {
  const end = fiscalYearRange(fiscalYear).end;
  const conds = [
    eq(registryGroups.orgId, orgId),
    lte(registryGroups.registeredOn, end),
    or(isNull(registryGroups.leftOn), gt(registryGroups.leftOn, end))!,
  ];
  if (opts.legalForm) conds.push(eq(registryGroups.legalForm, opts.legalForm));
  if (opts.field) conds.push(containsJson(registryGroups.fields, opts.field));
  const [row] = await db
    .select({ n: count() })
    .from(registryGroups)
    .where(and(...conds));
  return row?.n ?? 0;
}

function activeAtEndConds(orgId: string, fiscalYear: number) {
  const end = fiscalYearRange(fiscalYear).end;
  return [
    eq(registryGroups.orgId, orgId),
    lte(registryGroups.registeredOn, end),
    or(isNull(registryGroups.leftOn), gt(registryGroups.leftOn, end))!,
  ];
}

/**
 * Groups registered at a fiscal year's end, by legal form (every form of LEGAL_FORMS, zeros included, in its order).
 * @example await countGroupsByLegalFormAtFiscalYearEnd(db, orgId, 2024) // [{ legalForm: "NPO法人", count: 12 }, …]
 */
export async function countGroupsByLegalFormAtFiscalYearEnd(
  db: DbOrTx,
  orgId: string,
  fiscalYear: number,
): Promise<{ legalForm: LegalForm; count: number }[]> {
  const rows = await db
    .select({ legalForm: registryGroups.legalForm, n: count() })
    .from(registryGroups)
    .where(and(...activeAtEndConds(orgId, fiscalYear)))
    .groupBy(registryGroups.legalForm);
  return tallyByLegalForm(rows.map((r) => ({ legalForm: r.legalForm, count: r.n })));
}

/**
 * Groups registered at a fiscal year's end, by field of activity (別表 1–20, zeros included). A group active in
 * several fields counts once in each, so the counts add up to more than the groups.
 * @example await countGroupsByFieldAtFiscalYearEnd(db, orgId, 2024) // [{ field: 1, label: "保健、医療…", count: 30 }, …]
 */
export async function countGroupsByFieldAtFiscalYearEnd(
  db: DbOrTx,
  orgId: string,
  fiscalYear: number,
): Promise<{ field: number; label: string; count: number }[]> {
  const rows = await db
    .select({ fields: registryGroups.fields })
    .from(registryGroups)
    .where(and(...activeAtEndConds(orgId, fiscalYear)));
  return tallyByField(rows.map((r) => r.fields));
}

// ---- projects ----

type ProjectRow = typeof registryProjects.$inferSelect;
const toProject = (r: ProjectRow): Project => ({ ...r, form: r.form as ProjectForm });

export async function insertProject(tx: DbOrTx, orgId: string, f: ProjectFields): Promise<Project> {
  const [row] = await tx
    .insert(registryProjects)
    .values({ ...f, orgId })
    .returning();
  return toProject(row!);
}

export async function updateProjectRow(
  tx: DbOrTx,
  id: string,
  version: number,
  f: ProjectFields,
): Promise<Project | null> {
  const [row] = await tx
    .update(registryProjects)
    .set({ ...f, updatedAt: new Date(), version: sql`${registryProjects.version} + 1` })
    .where(and(eq(registryProjects.id, id), eq(registryProjects.version, version)))
    .returning();
  return row ? toProject(row) : null;
}

export async function findProject(db: DbOrTx, id: string): Promise<Project | null> {
  const [row] = await db.select().from(registryProjects).where(eq(registryProjects.id, id)).limit(1);
  return row ? toProject(row) : null;
}

export async function listProjects(
  db: DbOrTx,
  orgId: string,
  f: { fiscalYear?: number; groupId?: string } = {},
): Promise<Project[]> {
  const conds = [eq(registryProjects.orgId, orgId)];
  if (f.fiscalYear) conds.push(eq(registryProjects.fiscalYear, f.fiscalYear));
  if (f.groupId)
    conds.push(sql`${registryProjects.partnerGroupIds} @> ${JSON.stringify([f.groupId])}::jsonb`);
  const rows = await db
    .select()
    .from(registryProjects)
    .where(and(...conds))
    .orderBy(desc(registryProjects.fiscalYear), asc(registryProjects.title));
  return rows.map(toProject);
}

/** The groups of the organisation among `ids` (to check partners belong to it, and to name them). */
export async function groupsByIds(db: DbOrTx, orgId: string, ids: string[]): Promise<Group[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(registryGroups)
    .where(and(eq(registryGroups.orgId, orgId), inArray(registryGroups.id, ids)));
  return rows.map(toGroup);
}

export async function insertReviewMeeting(
  tx: DbOrTx,
  project: Project,
  f: ReviewMeetingFields,
): Promise<ReviewMeeting> {
  const [row] = await tx
    .insert(registryReviewMeetings)
    .values({ ...f, projectId: project.id, orgId: project.orgId })
    .returning();
  return row!;
}

export async function listReviewMeetings(db: DbOrTx, projectIds: string[]): Promise<ReviewMeeting[]> {
  if (projectIds.length === 0) return [];
  return db
    .select()
    .from(registryReviewMeetings)
    .where(inArray(registryReviewMeetings.projectId, projectIds))
    .orderBy(asc(registryReviewMeetings.heldOn));
}

/** Collaboration projects of a fiscal year. @example await countProjectsInYear(db, orgId, 2024) */
export async function countProjectsInYear(db: DbOrTx, orgId: string, fiscalYear: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(registryProjects)
    .where(and(eq(registryProjects.orgId, orgId), eq(registryProjects.fiscalYear, fiscalYear)));
  return row?.n ?? 0;
}

/** Projects of a fiscal year that held at least one review meeting (ふりかえり会議), whenever it was held. */
export async function countProjectsWithReviewInYear(
  db: DbOrTx,
  orgId: string,
  fiscalYear: number,
): Promise<number> {
  const [row] = await db
    .select({ n: countDistinct(registryProjects.id) })
    .from(registryProjects)
    .innerJoin(registryReviewMeetings, eq(registryReviewMeetings.projectId, registryProjects.id))
    .where(and(eq(registryProjects.orgId, orgId), eq(registryProjects.fiscalYear, fiscalYear)));
  return row?.n ?? 0;
}

/**
 * Distinct coordinators (names compared NFKC-normalised, spaces ignored) of review meetings held within a fiscal
 * year (April–March). @example await countCoordinators(db, orgId, 2024)
 */
export async function countCoordinators(db: DbOrTx, orgId: string, fiscalYear: number): Promise<number> {
  const { start, end } = fiscalYearRange(fiscalYear);
  const rows = await db
    .select({ heldOn: registryReviewMeetings.heldOn, coordinator: registryReviewMeetings.coordinator })
    .from(registryReviewMeetings)
    .where(
      and(
        eq(registryReviewMeetings.orgId, orgId),
        isNotNull(registryReviewMeetings.coordinator),
        sql`${registryReviewMeetings.heldOn} between ${start} and ${end}`,
      ),
    );
  return coordinatorsInYear(rows, fiscalYear).length;
}
