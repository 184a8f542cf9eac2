/**
 * Narrative text → SectionDef tree with blocks. Inside a chapter, numbered headings nest by numbering style:
 * the first style met is one level below the chapter, a new style one level deeper, and a style met before
 * closes the deeper ones (1 → (1) → 《…》, then 2 closes them). Every line lands in a block: paragraph, bullet
 * list, table (consecutive tab rows, first row is the header), note ((※)…), figure (〔…〕, its chart lost in
 * extraction) or, for a source note after a table, the table's note.
 */
import type { Block, SectionDef } from "../../plans/plan-document.js";
import { classify, type Line } from "./lines.js";

export type TableBlock = Extract<Block, { type: "table" }>;

/** Where things were put, for the passes that read facts out of the narrative (period, history, statistics). */
export type Placed = {
  tables: { block: TableBlock; line: number; section: SectionDef }[];
  paragraphs: { text: string; line: number; section: SectionDef }[];
};

export function emptyPlaced(): Placed {
  return { tables: [], paragraphs: [] };
}

export function newSection(label: string | null, heading: string): SectionDef {
  return { label, heading, blocks: [], children: [] };
}

/** Fills `root` (a chapter) with the blocks and sub-sections of its lines. Never throws. */
export function fillSection(root: SectionDef, lines: Line[], placed: Placed): void {
  const stack: { style: string; section: SectionDef }[] = [];
  let current = root;
  let last: Block | null = null;
  let rows: Line[] = [];

  const add = (block: Block) => {
    current.blocks.push(block);
    last = block;
  };
  const flushTable = () => {
    if (rows.length === 0) return;
    const [head, ...body] = rows;
    const block: TableBlock = {
      type: "table",
      caption: null,
      header: head!.cells ?? [],
      rows: body.map((r) => r.cells ?? []),
      note: null,
    };
    add(block);
    placed.tables.push({ block, line: head!.no, section: current });
    rows = [];
  };
  const open = (style: string, label: string | null, heading: string) => {
    const at = stack.findIndex((s) => s.style === style);
    if (at >= 0) stack.length = at;
    const parent = stack.at(-1)?.section ?? root;
    const section = newSection(label, heading);
    parent.children.push(section);
    stack.push({ style, section });
    current = section;
    last = null;
  };

  for (const line of lines) {
    const k = classify(line);
    if (k.kind !== "row") flushTable();
    switch (k.kind) {
      case "blank":
      case "page":
        break;
      case "row":
        rows.push(line);
        break;
      case "heading":
        open(k.numbering.style, k.numbering.label, k.numbering.rest);
        break;
      case "subheading":
        open(`sub:${k.text[0]}`, null, k.text);
        break;
      case "bullet": {
        const prev = last as Block | null;
        if (prev?.type === "bullets") prev.items.push(k.text);
        else add({ type: "bullets", items: [k.text] });
        break;
      }
      case "note":
        add({ type: "note", text: k.text });
        break;
      case "figure":
        add({ type: "figure", caption: k.caption });
        break;
      case "source": {
        const prev = last as Block | null;
        if (prev?.type === "table" && prev.note === null) prev.note = k.text;
        else add({ type: "note", text: k.text });
        break;
      }
      case "chapter":
      case "toc":
      case "paragraph":
        add({ type: "paragraph", text: line.text });
        placed.paragraphs.push({ text: line.text, line: line.no, section: current });
        break;
    }
  }
  flushTable();
}

/** Every section of a tree, depth first. */
export function* allSections(sections: SectionDef[]): Generator<SectionDef> {
  for (const s of sections) {
    yield s;
    yield* allSections(s.children);
  }
}

/** The paragraphs of a section (its own blocks only), in order. */
export function paragraphsOf(section: SectionDef): string[] {
  return section.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
}

/** The first section (below the chapters) whose heading ends with `word` (基本目標, 基本方針). */
export function findSection(sections: SectionDef[], word: RegExp): SectionDef | null {
  for (const chapter of sections) {
    const stack = [...chapter.children];
    while (stack.length > 0) {
      const s = stack.shift()!;
      if (word.test(s.heading)) return s;
      stack.unshift(...s.children);
    }
  }
  return null;
}
