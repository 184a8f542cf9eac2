/**
 * The plan tree of a basic plan, from three places of the document:
 * - the 基本目標 section: its goal sentence (the paragraph that is a slogan, not a sentence ending in 。) →
 *   the root node (level 0, a category);
 * - the 施策の基本方針 section: its numbered sub-sections (I … IV, Ⅰ …) with their paragraphs → policies
 *   (level 1, categories, paragraphs in `content`);
 * - the 施策の展開方向 chapter: its first numbering style (1 …) matches the policies in order, the second
 *   ((1) …) gives directions (level 2, categories, the paragraph under the heading in `content`), bullets give
 *   具体的な取組 (level 3, items, no printed label), deeper numbered headings give numbered items.
 * Without a goal the policies are the roots (level 0); without a policy section the chapter's first numbered
 * headings are the policies. Level names are the document's own headings (`[具体的な取組]` names the bullets).
 * Footnotes ((※)…) go to the attribute 注 of the nearest node that carries the ※ mark.
 */
import type { NodeDef, SectionDef } from "../../plans/plan-document.js";
import { appendText, newNode, uniqueKeys } from "./document.js";
import { classify, type Line, type Warning } from "./lines.js";
import { findSection, paragraphsOf } from "./sections.js";

export type PolicyTree = {
  nodes: NodeDef[];
  levelNames: string[];
  /** the tree chapter's printed lines that the tree does not hold (intro paragraphs, tables, markers) */
  chapter: SectionDef | null;
};

const GOAL = /基本目標$/;
const POLICY = /基本方針$|施策の柱$|基本的方向$/;
const DEFAULT_ITEM_LEVEL = "具体的な取組";

export function buildPolicyTree(
  sections: SectionDef[],
  treeChapter: { section: SectionDef; lines: Line[] } | null,
  warnings: Warning[],
): PolicyTree {
  const key = uniqueKeys();
  const goalSection = findSection(sections, GOAL);
  const policySection = findSection(sections, POLICY);
  const goalText = goalSection ? goalSentence(paragraphsOf(goalSection)) : null;
  const base = goalText ? 1 : 0;
  const levelNames: string[] = [];
  if (goalText) levelNames.push(goalSection!.heading);

  const policies: NodeDef[] = (policySection?.children ?? []).map((s) =>
    newNode({
      key: key(keyPart(s.label, s.heading)),
      kind: "category",
      level: base,
      label: s.label,
      title: s.heading,
      content: paragraphsOf(s).join("\n") || null,
    }),
  );
  levelNames.push(policySection?.heading ?? "施策の基本方針");

  if (treeChapter) {
    const itemLevelName = readTreeChapter(treeChapter, policies, base, key, warnings);
    levelNames.push(treeChapter.section.heading || "施策の展開方向", itemLevelName);
  }
  const depth = Math.max(0, ...policies.map(depthOf));
  levelNames.length = Math.min(levelNames.length, base + depth + 1);

  if (goalText) {
    const goal = newNode({ key: key("goal"), kind: "category", level: 0, label: null, title: goalText });
    goal.children = policies;
    return { nodes: [goal], levelNames, chapter: treeChapter?.section ?? null };
  }
  return { nodes: policies, levelNames, chapter: treeChapter?.section ?? null };
}

function depthOf(node: NodeDef): number {
  return node.children.length === 0 ? 0 : 1 + Math.max(...node.children.map(depthOf));
}

/** The goal: the last paragraph that is not a sentence (no closing 。), else the last paragraph. */
function goalSentence(paragraphs: string[]): string | null {
  const slogans = paragraphs.filter((p) => !/[。．]$/.test(p));
  return slogans.at(-1) ?? paragraphs.at(-1) ?? null;
}

function keyPart(label: string | null, title: string): string {
  const l = (label ?? "").normalize("NFKC").replace(/[()\s.．、]/g, "");
  return l !== "" ? l : title.slice(0, 12);
}

/** Reads the tree chapter into the policies; returns the name of the item level. */
function readTreeChapter(
  chapter: { section: SectionDef; lines: Line[] },
  policies: NodeDef[],
  base: number,
  key: (k: string) => string,
  warnings: Warning[],
): string {
  const styles: string[] = [];
  const announced = policies.length;
  let policyIndex = -1;
  let policy: NodeDef | null = null;
  let direction: NodeDef | null = null;
  let itemLevelName: string | null = null;
  const levelName = chapter.section.heading || "施策の展開方向";
  const keep = (line: Line, block: SectionDef["blocks"][number], why: string | null) => {
    chapter.section.blocks.push(block);
    if (why) warnings.push({ line: line.no, message: why });
  };
  const parentOfItems = (line: Line): NodeDef | null => {
    if (direction) return direction;
    if (policy) return policy;
    warnings.push({ line: line.no, message: "取組の属する施策が見つからないため、本文として保存しました。" });
    return null;
  };
  const addItem = (parent: NodeDef, label: string | null, title: string) => {
    const item = newNode({
      key: key(`${parent.key}-${label ? keyPart(label, title) : parent.children.length + 1}`),
      kind: "item",
      level: parent.level + 1,
      label,
      title,
    });
    parent.children.push(item);
    return item;
  };

  for (const line of chapter.lines) {
    const k = classify(line);
    switch (k.kind) {
      case "blank":
      case "page":
        break;
      case "heading": {
        const at = styles.indexOf(k.numbering.style);
        if (at >= 0) styles.length = at + 1;
        else styles.push(k.numbering.style);
        const depth = styles.indexOf(k.numbering.style);
        const { label, rest } = k.numbering;
        if (depth === 0) {
          policyIndex += 1;
          direction = null;
          policy = policies[policyIndex] ?? null;
          if (policy === null) {
            if (announced > 0)
              warnings.push({
                line: line.no,
                message: `「${line.text}」に対応する施策の基本方針がないため、新しい方針として追加しました。`,
              });
            policy = newNode({
              key: key(keyPart(label, rest)),
              kind: "category",
              level: base,
              label,
              title: rest,
            });
            policies.push(policy);
          } else {
            if (k.numbering.value !== null && k.numbering.value !== policyIndex + 1)
              warnings.push({
                line: line.no,
                message: `「${line.text}」の番号が施策の基本方針の順番（${policyIndex + 1}番目）と合いません。`,
              });
            if (squash(rest) !== squash(policy.title))
              policy.attributes[`${levelName}での見出し`] = line.text;
          }
        } else if (depth === 1 && policy) {
          direction = newNode({
            key: key(`${policy.key}-${keyPart(label, rest)}`),
            kind: "category",
            level: policy.level + 1,
            label,
            title: rest,
          });
          policy.children.push(direction);
        } else {
          const parent = parentOfItems(line);
          if (parent) addItem(parent, label, rest);
          else keep(line, { type: "paragraph", text: line.text }, null);
        }
        break;
      }
      case "bullet": {
        const parent = parentOfItems(line);
        if (parent) addItem(parent, null, k.text);
        else keep(line, { type: "bullets", items: [k.text] }, null);
        break;
      }
      case "paragraph": {
        const target = direction ?? policy;
        if (target) target.content = appendText(target.content, line.text);
        else keep(line, { type: "paragraph", text: line.text }, null);
        break;
      }
      case "note": {
        const target = noteTarget(direction ?? policy);
        if (target) target.attributes.注 = appendText(target.attributes.注 ?? null, k.text);
        else keep(line, { type: "note", text: k.text }, null);
        break;
      }
      case "subheading":
        if (/^[[［]/.test(k.text) && k.inner !== "") itemLevelName ??= k.inner;
        keep(line, { type: "note", text: k.text }, null);
        break;
      case "figure":
        keep(line, { type: "figure", caption: k.caption }, null);
        break;
      case "source":
        keep(line, { type: "note", text: k.text }, null);
        break;
      case "row":
        keep(
          line,
          { type: "table", caption: null, header: k.cells, rows: [], note: null },
          "施策の展開方向の中の表の行は、章の本文として保存しました。",
        );
        break;
      case "chapter":
      case "toc":
        keep(line, { type: "paragraph", text: line.text }, null);
        break;
    }
  }
  return itemLevelName ?? DEFAULT_ITEM_LEVEL;
}

/** The node a footnote explains: the last item marked ※, else the node itself. */
function noteTarget(node: NodeDef | null): NodeDef | null {
  if (!node) return null;
  const marked = [...node.children].reverse().find((c) => c.title.includes("※"));
  return marked ?? node;
}

function squash(text: string): string {
  return text.normalize("NFKC").replace(/[\s、,]/g, "");
}
