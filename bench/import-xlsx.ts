/**
 * Benchmark: import of a 10,000-row plan sheet (xlsx). Generates a deterministic workbook, then measures, each in
 * its own process so that peak RSS is that of one job:
 *   bare — exceljs `xlsx.load` alone;
 *   full — readXlsx (zip guard + exceljs + Grid) → detectStructure → gridToPlanDocument (document, problems, preview).
 * Target: full under 3 s and under 400 MB peak RSS.
 *
 *   node --import tsx bench/import-xlsx.ts [rows]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { detectStructure } from "../src/imports/detect.js";
import { readXlsx } from "../src/imports/grid.js";
import { gridToPlanDocument } from "../src/imports/grid-to-plan.js";

const STATUSES = ["済", "済・継", "一部済", "着手中", "未"];
const TIERS = ["【Ⅰ】<重点施策>", "【Ⅱ-ア】", "【Ⅱ-イ】", "【Ⅲ】"];
const DEPARTMENTS = ["協働推進課", "産業振興課", "人事課", "広報課", "全課"];

async function generate(rows: number): Promise<Uint8Array> {
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

async function child(mode: string, file: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  let detail: Record<string, number> = {};
  if (mode === "bare") {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    detail = { rows: wb.worksheets[0]!.rowCount };
  } else {
    const grid = await readXlsx(bytes);
    if (!grid.ok) throw new Error(grid.reason);
    const t1 = performance.now();
    const detection = detectStructure(grid.value);
    if (!detection.ok) throw new Error(detection.reason);
    const t2 = performance.now();
    const out = gridToPlanDocument(grid.value, detection.value.mapping, { fiscalYear: 2023 });
    const t3 = performance.now();
    detail = {
      readMs: Math.round(t1 - t0),
      detectMs: Math.round(t2 - t1),
      planMs: Math.round(t3 - t2),
      previewRows: out.preview.length,
      problems: out.problems.length,
    };
  }
  const ms = performance.now() - t0;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ mode, ms: Math.round(ms), peakMb: Math.round(peakMb), ...detail }));
}

async function main(): Promise<void> {
  const [modeArg, fileArg] = process.argv.slice(2);
  if (modeArg === "--child") return child(fileArg!, process.argv[4]!);
  const rows = Number(modeArg ?? 10_000);
  const dir = mkdtempSync(path.join(tmpdir(), "kyodo-bench-"));
  try {
    const file = path.join(dir, "plan.xlsx");
    const bytes = await generate(rows);
    writeFileSync(file, bytes);
    const self = fileURLToPath(import.meta.url);
    const run = (mode: string) => {
      const r = spawnSync(process.execPath, ["--import", "tsx", self, "--child", mode, file], {
        encoding: "utf8",
      });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout) as { ms: number; peakMb: number } & Record<string, number>;
    };
    const bare = run("bare");
    const full = run("full");
    console.log(
      `import-xlsx: ${rows} rows, file ${(bytes.length / 1024).toFixed(0)} KB (node ${process.version})`,
    );
    console.log(`  bare exceljs load: ${bare.ms} ms, peak RSS ${bare.peakMb} MB`);
    console.log(
      `  read+detect+preview: ${full.ms} ms (read ${full.readMs}, detect ${full.detectMs}, plan+preview ${full.planMs}), peak RSS ${full.peakMb} MB, ${full.previewRows} preview rows, ${full.problems} problems`,
    );
    console.log(
      `  ratio to bare: time ×${(full.ms / bare.ms).toFixed(2)}, peak RSS ×${(full.peakMb / bare.peakMb).toFixed(2)}`,
    );
    const pass = full.ms < 3000 && full.peakMb < 400;
    console.log(`  target (< 3 s, < 400 MB): ${pass ? "met" : "NOT met"}`);
    if (!pass) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
