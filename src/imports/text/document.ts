/** Builders for an empty PlanDocument and plan node, shared by the text parsers. */
import { emptyPlanDocument, type NodeDef, newNodeDef, type PlanDocument } from "../../plans/plan-document.js";

export function emptyDocument(title: string, kind: string, sourceName: string): PlanDocument {
  return emptyPlanDocument({ title, kind, issuer: null, source: { name: sourceName, notes: [] } });
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
  return newNodeDef({ ...fields, content: fields.content ?? null, departments: fields.departments ?? [] });
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
