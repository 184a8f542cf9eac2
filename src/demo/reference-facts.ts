/**
 * Facts taken by hand from each reference document (../shared/reference-docs), in the document's own order, and
 * the helpers that check a page or report holds them in order. Used by the plan pages' test
 * (reference-facts.routes.test.ts) and the reports' test (src/reports/reports.db.test.ts).
 */
import assert from "node:assert/strict";

/** The visible text of a page, with every kind of white space removed (PDF text spaces words apart). */
export function pageText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, "");
}

/** Asserts that each fact occurs in the text after the previous one. */
export function assertInOrder(text: string, facts: string[], what: string) {
  let from = 0;
  for (const fact of facts) {
    const f = fact.replace(/\s+/g, "");
    const at = text.indexOf(f, from);
    assert.ok(
      at >= 0,
      `${what}: 「${fact}」 is not on the page after the previous fact (or not at all: ${text.includes(f)})`,
    );
    from = at + f.length;
  }
}

export const CITY_FACTS = [
  "第1期指針",
  "【Ⅰ】<重点>",
  "優先度が高く、短期的（1～2年）に実施していくもの",
  "【Ⅱ-ア】",
  "優先度がやや高く、中期的（3～5年）に実施していくもの",
  "【Ⅱ-イ】",
  "現状の取り組みを継続しながら、充実を図るもの",
  "【Ⅲ】",
  "十分に検討しながら、段階的に実施していくもの",
  "（1）",
  "活動の場の提供に関すること",
  "市民活動団体等の活動拠点の確保",
  "民間施設等の活用に向けた協力体制の構築",
  "済・継",
  "ホームページにて民間打合せスペースmapの作成及び公開",
  "コロナにより需要が低減。Ⅲに降格し、情報収集及び情報更新に努めていく",
  "市民活動を支援するための基金の設置",
  "R3につながるエール基金の開始",
  "完了",
  "市民活動補償制度",
  "R4の問い合わせ12件（内、市民団体7件）",
  "※12月20日現在",
  "多様な中間支援組織との連携",
  "中間支援組織同士が交流する機会の提供や連携するための仕組みづくりの検討",
  "協働事業に関する手引き（職員向け）の作成",
  "○→I",
  "協働コーディネーターの配置",
  "協働事業の評価・検証に関する仕組みづくり",
  "質の高い協働事業の創出がR5年度課題となったため、協働事業の評価についても具体的に検討する必要がある。",
];

export const BASIC_PLAN_FACTS = [
  "山口県県民活動促進基本計画",
  "第2次改定版",
  "平成25年度",
  "平成29年度",
  "平成25年3月",
  "山口県",
  "平成14年3月",
  "条例制定",
  "平成15年3月",
  "策定",
  "平成20年3月",
  "改定",
  "平成23年3月",
  "延長",
  "基本目標",
  "施策の基本方針",
  "県民誰もが県民活動に参加し、一人ひとりが生き生きと輝き、ともに支え合う、元気で魅力あふれる地域づくり",
  "県民活動への理解と参加の促進",
  "情報発信と普及啓発",
  "県民活動促進期間（毎年10・11月）における重点的な普及啓発活動の推進",
  "(シニア世代) 県生涯現役推進センター等と連携した情報提供や仲間づくり、リーダー養成等の支援の充実",
  "県民活動団体の自立・持続的発展に向けた環境づくり",
  "NPO法人に対する県税（県民税、不動産取得税、自動車取得税）の課税免除",
  "県民活動団体と多様な主体との協働の推進",
  "マルチステークホルダー・プロセス（※）による協働の仕組みづくり",
  "「県民力」、「地域力」の向上に向けた県民活動の一層の促進",
  "県民一斉環境美化活動促進期間の設定と自主的な環境美化活動への支援の強化",
  "第1章",
  "基本計画改定の背景と趣旨",
  "平成13年に開催した「山口きらら博」",
  "第3章",
  "県・市町活動支援センター登録団体数",
  "2,097",
  "2,211",
  "NPO法人数",
  "330",
  "386",
  "第6章",
  "基本計画の推進",
  "毎年度、計画の進捗状況を把握し、進行管理及び評価を行うほか",
];

export const OVERVIEW_FACTS = [
  "施策別概要",
  "521",
  "52101",
  "NPOと行政との協働の推進",
  "生活・文化部",
  "52102",
  "県民の社会参画活動への支援",
];

export const OVERVIEW_INDICATOR_FACTS = [
  "NPO(ボランティア団体・市民活動団体等)の数",
  "平成18年度",
  "平成22年度",
  "1,600",
  "1,700",
  "2,040",
  "2,140",
  "1,522",
  "1,576",
  "1,931",
  "県が、地域の市民活動センターとも連携して把握している県内のNPOの数",
  "ふりかえり(検証)会議を行った協働事業数",
  "ふりかえり(検証)会議コーディネーター(調整者)の人数",
  "「新しい時代の公」協働推進事業",
  "3,011",
  "2,612",
  "NPO活動支援ふるさと雇用再生事業",
  "50,381",
  "みえ県民交流センター管理運営事業",
  "54,173",
  "32,381",
];
