/**
 * HTML form fields ⇄ use-case inputs (pure). Vocabularies are edited as text, one entry per line with fields
 * separated by ｜ or | (as a clerk would type or paste them); each line's problem is reported with its number.
 */
import { m } from "../web/messages/index.js";
import {
  CANONICAL_STATUSES,
  type CanonicalStatus,
  type Plan,
  type PlanNode,
  type PlanStatus,
} from "./plan.js";
import type { NodeFields, PlanFields } from "./plan-input.js";

export type FormValues = Record<string, string>;
type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const lines = (text: string | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .map((l, i) => ({ l, n: i + 1 }))
    .filter(({ l }) => l.length > 0);
const cells = (line: string) => line.split(/[|｜]/).map((c) => c.trim());
const orNull = (s: string | undefined) => (s && s.trim() !== "" ? s.trim() : null);

function year(text: string | undefined): number | null | "bad" {
  const t = (text ?? "").normalize("NFKC").trim();
  if (t === "") return null;
  return /^\d{4}$/.test(t) ? Number(t) : "bad";
}

function canonicalFromLabel(label: string): CanonicalStatus | null {
  const t = label.trim();
  if ((CANONICAL_STATUSES as readonly string[]).includes(t)) return t as CanonicalStatus;
  const hit = Object.entries(m.plans.canonical).find(([, v]) => v === t);
  return hit ? (hit[0] as CanonicalStatus) : null;
}

export function parsePlanForm(form: FormValues): Parsed<PlanFields> {
  const errors: Record<string, string> = {};
  const lineError = (field: string, n: number, msg: string) => {
    errors[field] ??= m.plans.errors.line(n, msg);
  };
  const firstYear = year(form.firstYear);
  const lastYear = year(form.lastYear);
  if (firstYear === "bad") errors.firstYear = m.plans.errors.badYear;
  if (lastYear === "bad") errors.lastYear = m.plans.errors.badYear;
  const tiers = lines(form.tiers).map(({ l }) => {
    const [code = "", label = "", definition] = cells(l);
    return { code, label: label || code, definition: orNull(definition) };
  });
  const statusVocabulary = lines(form.statusVocabulary).flatMap(({ l, n }) => {
    const [label = "", state] = cells(l);
    const canonical = state ? canonicalFromLabel(state) : null;
    if (!state) lineError("statusVocabulary", n, m.plans.errors.badLine);
    else if (!canonical) lineError("statusVocabulary", n, m.plans.errors.badCanonical);
    return canonical ? [{ label, canonical }] : [];
  });
  const gradeVocabulary = lines(form.gradeVocabulary).map(({ l }) => {
    const [label = "", definition] = cells(l);
    return { label, definition: orNull(definition) };
  });
  const revisions = lines(form.revisions).flatMap(({ l, n }) => {
    const [kind = "", month = "", label = "", note] = cells(l);
    if (cells(l).length < 3) {
      lineError("revisions", n, m.plans.errors.badLine);
      return [];
    }
    return [{ kind, month: orNull(month.normalize("NFKC")), label, note: orNull(note) }];
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title: form.title ?? "",
      kind: form.kind ?? "",
      termLabel: orNull(form.termLabel),
      subtitle: orNull(form.subtitle),
      issuedLabel: orNull(form.issuedLabel),
      issuer: orNull(form.issuer),
      firstYear: firstYear as number | null,
      lastYear: lastYear as number | null,
      status: (form.status ?? "") as PlanStatus,
      predecessorId: orNull(form.predecessorId),
      levelNames: lines(form.levelNames).map(({ l }) => l),
      tiers,
      statusVocabulary,
      gradeVocabulary,
      revisions,
    },
  };
}

export function planToForm(plan: Plan): FormValues {
  return {
    title: plan.title,
    kind: plan.kind,
    termLabel: plan.termLabel ?? "",
    subtitle: plan.subtitle ?? "",
    issuedLabel: plan.issuedLabel ?? "",
    issuer: plan.issuer ?? "",
    firstYear: plan.firstYear?.toString() ?? "",
    lastYear: plan.lastYear?.toString() ?? "",
    status: plan.status,
    predecessorId: plan.predecessorId ?? "",
    levelNames: plan.levelNames.join("\n"),
    tiers: plan.tiers.map((t) => [t.code, t.label, t.definition ?? ""].join("｜")).join("\n"),
    statusVocabulary: plan.statusVocabulary
      .map((s) => `${s.label}｜${m.plans.canonical[s.canonical]}`)
      .join("\n"),
    gradeVocabulary: plan.gradeVocabulary.map((g) => `${g.label}｜${g.definition ?? ""}`).join("\n"),
    revisions: plan.revisions
      .map((r) => [r.kind, r.month ?? "", r.label, r.note ?? ""].join("｜"))
      .join("\n"),
    version: String(plan.version),
  };
}

/** `2024○ 2025→` (or `2024:start`) → schedule. */
export function parseScheduleText(text: string): Record<string, "start" | "continue"> | null {
  const out: Record<string, "start" | "continue"> = {};
  for (const token of text
    .normalize("NFKC")
    .split(/[\s,、]+/)
    .filter(Boolean)) {
    const hit = /^(\d{4})[:：]?(○|◯|→|start|continue)$/.exec(token);
    if (!hit) return null;
    out[hit[1]!] = hit[2] === "→" || hit[2] === "continue" ? "continue" : "start";
  }
  return out;
}

export function parseNodeForm(form: FormValues): Parsed<NodeFields> {
  const errors: Record<string, string> = {};
  let schedule: Record<string, "start" | "continue"> = {};
  for (const [k, v] of Object.entries(form)) {
    const hit = /^schedule_(\d{4})$/.exec(k);
    if (hit && (v === "start" || v === "continue")) schedule[hit[1]!] = v;
  }
  if (form.scheduleText !== undefined && form.scheduleText.trim() !== "") {
    const parsed = parseScheduleText(form.scheduleText);
    if (!parsed) errors.schedule = m.plans.errors.badSchedule;
    else schedule = { ...schedule, ...parsed };
  }
  const attributes: Record<string, string> = {};
  for (const { l, n } of lines(form.attributes)) {
    const [name = "", ...rest] = cells(l);
    if (rest.length === 0) errors.attributes ??= m.plans.errors.line(n, m.plans.errors.badLine);
    else attributes[name] = rest.join("｜");
  }
  const nextLabel = orNull(form.nextTermLabel);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: form.kind === "category" ? "category" : "item",
      label: orNull(form.label),
      title: form.title ?? "",
      content: orNull(form.content),
      yearlyGoal: orNull(form.yearlyGoal),
      targetState: orNull(form.targetState),
      tierCode: orNull(form.tierCode),
      departments: (form.departments ?? "")
        .split(/[\s、,，]+/u)
        .map((s) => s.trim())
        .filter(Boolean),
      implementingBody: orNull(form.implementingBody),
      schedule,
      nextTerm: nextLabel
        ? {
            label: nextLabel,
            tierCode: orNull(form.nextTermTierCode),
            completed: form.nextTermCompleted === "on",
            reason: orNull(form.nextTermReason),
          }
        : null,
      attributes,
    },
  };
}

export function nodeToForm(node: PlanNode): FormValues {
  const out: FormValues = {
    kind: node.kind,
    label: node.label ?? "",
    title: node.title,
    content: node.content ?? "",
    yearlyGoal: node.yearlyGoal ?? "",
    targetState: node.targetState ?? "",
    tierCode: node.tierCode ?? "",
    departments: node.departments.map((d) => d.name).join("、"),
    implementingBody: node.implementingBody ?? "",
    nextTermLabel: node.nextTerm?.label ?? "",
    nextTermTierCode: node.nextTerm?.tierCode ?? "",
    nextTermCompleted: node.nextTerm?.completed ? "on" : "",
    nextTermReason: node.nextTerm?.reason ?? "",
    attributes: Object.entries(node.attributes)
      .map(([k, v]) => `${k}｜${v}`)
      .join("\n"),
    scheduleText: Object.entries(node.schedule)
      .map(([y, mk]) => `${y}${mk === "start" ? "○" : "→"}`)
      .join(" "),
    version: String(node.version),
  };
  for (const [y, mk] of Object.entries(node.schedule)) out[`schedule_${y}`] = mk;
  return out;
}
