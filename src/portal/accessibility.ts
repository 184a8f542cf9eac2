/**
 * JIS X 8341-3:2016 (= WCAG 2.0) level A and AA: the 38 success criteria, which automated browser check covers each,
 * and how a criterion's result follows from a test run. Pure: the run's results are read in accessibility-results.ts.
 */

/** The automated checks the browser tests run (e2e/accessibility.spec.ts writes one result per check). */
export const CHECKS = {
  axe: "axe-core（WCAG 2.1 AA の規則）で違反0件（公開ページと職員用ページ）",
  keyboard: "キーボードだけで、スキップリンクから本文へ移り、すべてのリンク・操作部品にTabで到達できる",
  noTrap: "Tabを押し続けるとページの最後から先頭へ戻り、途中で止まらない（キーボードトラップなし）",
  focusVisible: "フォーカスされたリンク・ボタン・入力欄に、見えるアウトラインがある",
  titles: "ページタイトルがすべて空でなく、互いに異なり、サイト名を含む",
  consistentNav: "公開ページのメニューが、どのページでも同じ順序・同じ名前で表示される",
  errorIdentification:
    "検索フォームの誤った入力で、エラーが文字で示され、入力欄と関連付けられ、直し方が示される",
  reflow: "幅320pxで横スクロールが生じず、200%拡大でも内容が読める（スクリーンショットで確認）",
} as const;
export type CheckId = keyof typeof CHECKS;

export type Criterion = { id: string; name: string; level: "A" | "AA"; checks: CheckId[]; note?: string };

export const CRITERIA: Criterion[] = [
  { id: "1.1.1", name: "非テキストコンテンツ", level: "A", checks: ["axe"] },
  { id: "1.2.1", name: "音声のみ及び映像のみ（収録済み）", level: "A", checks: [], note: "音声・映像なし" },
  { id: "1.2.2", name: "キャプション（収録済み）", level: "A", checks: [], note: "音声・映像なし" },
  {
    id: "1.2.3",
    name: "音声解説、又はメディアに対する代替（収録済み）",
    level: "A",
    checks: [],
    note: "音声・映像なし",
  },
  { id: "1.2.4", name: "キャプション（ライブ）", level: "AA", checks: [], note: "音声・映像なし" },
  { id: "1.2.5", name: "音声解説（収録済み）", level: "AA", checks: [], note: "音声・映像なし" },
  { id: "1.3.1", name: "情報及び関係性", level: "A", checks: ["axe"] },
  { id: "1.3.2", name: "意味のある順序", level: "A", checks: [] },
  { id: "1.3.3", name: "感覚的な特徴", level: "A", checks: [] },
  { id: "1.4.1", name: "色の使用", level: "A", checks: ["axe"] },
  { id: "1.4.2", name: "音声の制御", level: "A", checks: [], note: "自動再生する音声なし" },
  { id: "1.4.3", name: "コントラスト（最低限レベル）", level: "AA", checks: ["axe"] },
  { id: "1.4.4", name: "テキストのサイズ変更", level: "AA", checks: ["axe", "reflow"] },
  { id: "1.4.5", name: "文字画像", level: "AA", checks: [] },
  { id: "2.1.1", name: "キーボード", level: "A", checks: ["keyboard"] },
  { id: "2.1.2", name: "キーボードトラップなし", level: "A", checks: ["noTrap"] },
  { id: "2.2.1", name: "タイミング調整可能", level: "A", checks: ["axe"] },
  { id: "2.2.2", name: "一時停止、停止及び非表示", level: "A", checks: [] },
  { id: "2.3.1", name: "3回の閃光、又は閾値以下", level: "A", checks: [] },
  { id: "2.4.1", name: "ブロックスキップ", level: "A", checks: ["axe", "keyboard"] },
  { id: "2.4.2", name: "ページタイトル", level: "A", checks: ["axe", "titles"] },
  { id: "2.4.3", name: "フォーカス順序", level: "A", checks: ["keyboard"] },
  { id: "2.4.4", name: "リンクの目的（コンテキスト内）", level: "A", checks: ["axe"] },
  { id: "2.4.5", name: "複数の手段", level: "AA", checks: [] },
  { id: "2.4.6", name: "見出し及びラベル", level: "AA", checks: [] },
  { id: "2.4.7", name: "フォーカスの可視化", level: "AA", checks: ["focusVisible"] },
  { id: "3.1.1", name: "ページの言語", level: "A", checks: ["axe"] },
  { id: "3.1.2", name: "一部分の言語", level: "AA", checks: ["axe"] },
  { id: "3.2.1", name: "フォーカス時", level: "A", checks: [] },
  { id: "3.2.2", name: "入力時", level: "A", checks: [] },
  { id: "3.2.3", name: "一貫したナビゲーション", level: "AA", checks: ["consistentNav"] },
  { id: "3.2.4", name: "一貫した識別性", level: "AA", checks: [] },
  { id: "3.3.1", name: "エラーの特定", level: "A", checks: ["errorIdentification"] },
  { id: "3.3.2", name: "ラベル又は説明", level: "A", checks: ["axe"] },
  { id: "3.3.3", name: "エラー修正の提案", level: "AA", checks: ["errorIdentification"] },
  { id: "3.3.4", name: "エラー回避（法的、金融及びデータ）", level: "AA", checks: [] },
  { id: "4.1.1", name: "構文解析", level: "A", checks: ["axe"] },
  { id: "4.1.2", name: "名前（name）・役割（role）及び値（value）", level: "A", checks: ["axe"] },
];

/** What a browser test run wrote: when, which pages, and each check's outcome. */
export type AccessibilityResults = {
  runAt: string;
  pages: string[];
  checks: Partial<Record<CheckId, { passed: boolean; detail: string }>>;
};

export type CriterionResult = "pass" | "fail" | "manual";

/**
 * A criterion passes when every check mapped to it ran and passed, fails when one of them failed, and needs manual
 * checking otherwise (no automated check, or the run did not include it). Automated checks never prove full
 * conformance of a criterion; the page says so.
 */
export function criterionResult(c: Criterion, results: AccessibilityResults | null): CriterionResult {
  if (!results || c.checks.length === 0) return "manual";
  const outcomes = c.checks.map((k) => results.checks[k]);
  if (outcomes.some((o) => o && !o.passed)) return "fail";
  if (outcomes.every((o) => o?.passed)) return "pass";
  return "manual";
}
