/** Builders for an empty PlanDocument and plan node, shared by the text parsers. */
import type { NodeDef, PlanDocument } from "../../plans/plan-document.js";

export function emptyDocument(title: string, kind: string, sourceName: string): PlanDocument {
  return {
    title,
    kind,
    termLabel: null,
    subtitle: null,
    issuedLabel: null,
    issuer: null,
    firstYear: null,
    lastYear: null,
    levelNames: [],
    tiers: [],
    statusVocabulary: [],
    gradeVocabulary: [],
    revisions: [],
    sections: [],
    nodes: [],
    indicators: [],
    budgets: [],
    rounds: [],
    departments: [],
    source: { name: sourceName, notes: [] },
  };
}

export function newNode(fields: {
  key: string;
  kind: NodeDef["kind"];
  level: number;
  label: string | null;
  title: string;
  content?: string | null;
  departments?: string[];
}): NodeDef {
  return {
    key: fields.key,
    kind: fields.kind,
    level: fields.level,
    label: fields.label,
    title: fields.title,
    content: fields.content ?? null,
    yearlyGoal: null,
    targetState: null,
    tierCode: null,
    departments: fields.departments ?? [],
    implementingBody: null,
    schedule: {},
    crossRefOf: null,
    nextTerm: null,
    attributes: {},
    children: [],
  };
}

/** Appends a paragraph to a nullable text with a line break. */
export function appendText(text: string | null, more: string): string {
  return text === null || text === "" ? more : `${text}\n${more}`;
}

/** Gives each key once: a repeated key gets `-2`, `-3` … */
export function uniqueKeys(): (key: string) => string {
  const seen = new Map<string, number>();
  return (key) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}-${n}`;
  };
}
