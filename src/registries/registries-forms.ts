/** HTML form values ↔ use-case inputs for groups and projects (pure). */
import { normalizeForSearch } from "../japanese/index.js";
import type { Group } from "./group.js";
import type { Project } from "./project.js";

/** A posted form: one string per field, or several for checkboxes / multi-selects. */
export type PostedForm = Record<string, string | string[]>;
export type FormState = {
  values: Record<string, string>;
  multi: Record<string, string[]>;
  errors: Record<string, string>;
};

export const one = (f: PostedForm, k: string): string => {
  const v = f[k];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
};
export const many = (f: PostedForm, k: string): string[] => {
  const v = f[k];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
/** A number typed with full-width digits or separators (３,０１１ → 3011); "" → null; unreadable → the text (zod explains). */
export const num = (s: string): number | string | null => {
  const t = normalizeForSearch(s)
    .replace(/[,，\s]/g, "")
    .replace(/千円$/, "");
  if (t === "") return null;
  return /^-?\d+$/.test(t) ? Number(t) : s;
};

export const GROUP_TEXT_FIELDS = [
  "name",
  "nameKana",
  "legalForm",
  "area",
  "postalCode",
  "address",
  "representative",
  "phone",
  "email",
  "website",
  "corporateNumber",
  "registeredOn",
  "leftOn",
  "note",
] as const;

export function groupFormToInput(f: PostedForm): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of GROUP_TEXT_FIELDS) out[k] = one(f, k);
  out.fields = many(f, "fields").map((v) => num(v));
  out.isPublic = one(f, "isPublic") === "1";
  out.publicFields = many(f, "publicFields");
  out.disclosures = many(f, "disclosures");
  return out;
}

export function formState(f: PostedForm, errors: Record<string, string> = {}): FormState {
  const values: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const k of Object.keys(f)) {
    values[k] = one(f, k);
    multi[k] = many(f, k);
  }
  return { values, multi, errors };
}

export function groupToForm(g: Group): PostedForm {
  const out: PostedForm = {};
  for (const k of GROUP_TEXT_FIELDS) out[k] = (g[k] as string | null) ?? "";
  out.fields = g.fields.map(String);
  out.isPublic = g.isPublic ? "1" : "";
  out.publicFields = g.publicFields;
  out.disclosures = g.disclosures;
  out.version = String(g.version);
  return out;
}

export function projectFormToInput(f: PostedForm): Record<string, unknown> {
  return {
    title: one(f, "title"),
    departmentId: one(f, "departmentId") || null,
    partnerGroupIds: many(f, "partnerGroupIds"),
    form: one(f, "form"),
    fiscalYear: num(one(f, "fiscalYear")) ?? "",
    budget: num(one(f, "budget")),
    // the picker posts one value per chosen item; older clients typed ids one a line
    planNodeIds: many(f, "planNodeIds")
      .flatMap((v) => v.split(/[\s,、]+/))
      .filter(Boolean),
    summary: one(f, "summary"),
    outcome: one(f, "outcome"),
  };
}

export function projectToForm(p: Project): PostedForm {
  return {
    title: p.title,
    departmentId: p.departmentId ?? "",
    partnerGroupIds: p.partnerGroupIds,
    form: p.form,
    fiscalYear: String(p.fiscalYear),
    budget: p.budget === null ? "" : String(p.budget),
    planNodeIds: p.planNodeIds,
    summary: p.summary ?? "",
    outcome: p.outcome ?? "",
    version: String(p.version),
  };
}
