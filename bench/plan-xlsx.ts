/** The deterministic plan workbook of the import benchmark (and of the long-import tests): `rows` data rows. */
import ExcelJS from "exceljs";

const STATUSES = ["済", "済・継", "一部済", "着手中", "未"];
const TIERS = ["【Ⅰ】<重点施策>", "【Ⅱ-ア】", "【Ⅱ-イ】", "【Ⅲ】"];
const DEPARTMENTS = ["協働推進課", "産業振興課", "人事課", "広報課", "全課"];

export async function generate(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("進捗一覧");
  ws.getRow(1).values = [
    ...["No", "内容", "施策の方向性", "重点", "担当課", "実施目標年度", null, null, null, null],
    ...["進捗状況", "実績", "2期案", "理由"],
  ];
  ws.getRow(2).values = [null, null, null, null, null, "R2", "R3", "R4", "R5", "R6"];
  for (let c = 1; c <= 14; c++) if (c < 6 || c > 10) ws.mergeCells(1, c, 2, c);
  ws.mergeCells(1, 6, 1, 10);
  let r = 3;
  let item = 0;
  let chapter = 0;
  let categoryDue = true;
  while (r - 2 <= rows) {
    if (categoryDue) {
      categoryDue = false;
      chapter++;
      ws.getRow(r).values = [`（${chapter}）分野${chapter}に関すること`];
      ws.mergeCells(r, 1, r, 14);
      ws.getRow(r).font = { bold: true };
      r++;
      continue;
    }
    item++;
    categoryDue = item % 50 === 0;
    const start = item % 5;
    const marks = [0, 1, 2, 3, 4].map((i) => (i === start ? "○" : i > start ? "→" : null));
    ws.getRow(r).values = [
      item,
      `具体施策${item}の実施と協働の推進`,
      `施策${item}について、市民活動団体と連携して取り組む。\n年度ごとに見直す。`,
      TIERS[item % 4]!,
      DEPARTMENTS[item % 5]!,
      ...marks,
      STATUSES[item % 5]!,
      `令和5年度は講座を${item % 12}回開催し、延べ${item * 3}人が参加した。`,
      item % 3 === 0 ? "○→I" : "Ⅱ-イ",
      "継続して取り組むため",
    ];
    r++;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
