/** Helpers for the text importer's tests: the reference documents, and all text a PlanDocument holds. */
import type { NodeDef, PlanDocument } from "../../plans/plan-document.js";

/** A reference document (../shared/reference-docs beside the checkout, else the demo's copy). */
export { readReferenceDocument as referenceDoc } from "../../demo/reference-documents.js";

/** Every string and number a document holds, one per line (labels, titles, blocks, attributes, values). */
export function documentText(doc: PlanDocument): string {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") out.push(value);
    else if (typeof value === "number") out.push(String(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object")
      Object.entries(value).forEach(([k, v]) => {
        out.push(k);
        walk(v);
      });
  };
  walk(doc);
  return out.join("\n");
}

/** Width- and space-insensitive form for comparing printed text. */
export function squash(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

/** All nodes of a tree, depth first. */
export function flatten(nodes: NodeDef[]): NodeDef[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}
