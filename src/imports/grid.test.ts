import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import iconv from "iconv-lite";
import {
  cellText,
  columnLetter,
  DEFAULT_LIMITS,
  type Grid,
  readCsv,
  readPastedText,
  readTextTable,
  readXlsx,
} from "./grid.js";
import { buildZip } from "./test-support.js";

function texts(grid: Grid, sheet = 0): string[][] {
  return grid.sheets[sheet]!.rows.map((r) => r.cells.map((c) => c.text));
}

function okValue<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) assert.fail(`expected ok, got: ${r.reason}`);
  return r.value;
}

function failure(r: { ok: boolean; reason?: string }): string {
  assert.equal(r.ok, false, "expected a failure");
  return (r as { reason: string }).reason;
}

async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("reading an xlsx upload", () => {
  it("keeps a merged cell's text once, in its top-left cell, and points the other cells to it", async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet("進捗");
      ws.getCell("A1").value = "（1）活動の場の提供に関すること";
      ws.mergeCells("A1:D1");
      ws.getCell("A2").value = "No";
      ws.getCell("B2").value = "内容";
    });
    const grid = okValue(await readXlsx(bytes));
    const sheet = grid.sheets[0]!;
    assert.equal(sheet.name, "進捗");
    assert.deepEqual(texts(grid)[0], ["（1）活動の場の提供に関すること", "", "", ""]);
    assert.deepEqual(sheet.rows[0]!.cells[2]!.merge, { masterRow: 1, masterColumn: 1, isMaster: false });
    assert.equal(sheet.rows[0]!.cells[0]!.merge?.isMaster, true);
    assert.equal(cellText(sheet, sheet.rows[0]!, 3), "（1）活動の場の提供に関すること");
    assert.deepEqual(sheet.merges, [{ top: 1, left: 1, bottom: 1, right: 4 }]);
  });

  it("reads a header spanning two rows, cells with line breaks, rich text, formulas and dates", async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet("Sheet1");
      ws.getCell("A1").value = "No";
      ws.mergeCells("A1:A2");
      ws.getCell("B1").value = "施策の\r\n方向性";
      ws.mergeCells("B1:B2");
      ws.getCell("C1").value = "実施目標年度";
      ws.mergeCells("C1:E1");
      ws.getCell("C2").value = "H25";
      ws.getCell("D2").value = "H26";
      ws.getCell("E2").value = "H27";
      ws.getCell("A3").value = 1;
      ws.getCell("B3").value = { richText: [{ text: "協働の", font: { bold: true } }, { text: "推進" }] };
      ws.getCell("C3").value = { formula: '"○"', result: "○" };
      ws.getCell("D3").value = new Date(Date.UTC(2014, 3, 1));
      ws.getCell("E3").value = 0.1 + 0.2;
    });
    const grid = okValue(await readXlsx(bytes));
    const rows = texts(grid);
    assert.deepEqual(rows[0], ["No", "施策の\n方向性", "実施目標年度", "", ""]);
    assert.deepEqual(rows[1], ["", "", "H25", "H26", "H27"]);
    assert.deepEqual(rows[2], ["1", "協働の推進", "○", "2014-04-01", "0.3"]);
    const sheet = grid.sheets[0]!;
    assert.equal(cellText(sheet, sheet.rows[1]!, 1), "施策の\n方向性");
  });

  it("marks bold cells, which is how category rows are often printed", async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = "ア 市民活動団体等の活動拠点の確保";
      ws.getCell("A1").font = { bold: true };
      ws.getCell("A2").value = "1";
    });
    const grid = okValue(await readXlsx(bytes));
    assert.equal(grid.sheets[0]!.rows[0]!.cells[0]!.bold, true);
    assert.equal(grid.sheets[0]!.rows[1]!.cells[0]!.bold, false);
  });

  it("reads every sheet of the workbook", async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet("一覧").getCell("A1").value = "a";
      wb.addWorksheet("凡例").getCell("B2").value = "b";
    });
    const grid = okValue(await readXlsx(bytes));
    assert.deepEqual(
      grid.sheets.map((s) => s.name),
      ["一覧", "凡例"],
    );
    assert.deepEqual(texts(grid, 1), [
      ["", ""],
      ["", "b"],
    ]);
  });

  it("refuses a row with 1,000 columns, saying which row and what the limit is", async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet("広い");
      ws.getRow(3).values = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    });
    const reason = failure(await readXlsx(bytes));
    assert.match(reason, /シート「広い」3行目/);
    assert.match(reason, /200列まで/);
  });

  it("refuses a zip bomb whose sheet expands a thousandfold", async () => {
    const bomb = buildZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(50 * 1024 * 1024, 0x20) },
    ]);
    assert.ok(bomb.length < 200 * 1024, "the bomb itself is small");
    assert.match(failure(await readXlsx(bomb)), /圧縮爆弾/);
  });

  it("refuses an archive that declares small sizes but expands further", async () => {
    const liar = buildZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(5 * 1024 * 1024, 0x41), declaredSize: 1000 },
    ]);
    assert.match(failure(await readXlsx(liar)), /申告より大きく展開/);
  });

  it("refuses an archive whose declared total size is over the limit before expanding anything", async () => {
    const big = buildZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "a.xml", data: Buffer.from("x"), declaredSize: 150 * 1024 * 1024, store: true },
      { name: "b.xml", data: Buffer.from("x"), declaredSize: 150 * 1024 * 1024, store: true },
    ]);
    assert.match(failure(await readXlsx(big)), /展開すると大きすぎます/);
  });

  it("refuses a sheet with thousands of merged ranges before exceljs spends seconds on them", async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet("結合");
      for (let r = 1; r <= 30; r++) {
        ws.getCell(r, 1).value = `分類${r}`;
        ws.mergeCells(r, 1, r, 3);
      }
    });
    assert.equal((await readXlsx(bytes)).ok, true);
    const reason = failure(await readXlsx(bytes, { ...DEFAULT_LIMITS, maxMergedRanges: 20 }));
    assert.match(reason, /結合セルが多すぎます（1シートに30か所、上限20か所）/);
  });

  it("refuses a truncated or damaged xlsx with a message instead of crashing", async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet("S");
      for (let r = 1; r <= 200; r++) ws.getRow(r).values = [r, `項目${r}`, "済"];
    });
    assert.match(failure(await readXlsx(bytes.subarray(0, Math.floor(bytes.length / 2)))), /壊れているか/);
    const damaged = new Uint8Array(bytes);
    for (let i = 200; i < 400; i++) damaged[i] = 0x55;
    assert.match(failure(await readXlsx(damaged)), /xlsx/);
  });

  it("refuses an old .xls or password-protected file and says what to do", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]);
    assert.match(failure(await readXlsx(ole)), /\.xlsx形式で保存し直してください/);
  });

  it("refuses a file over the size limit before reading it", async () => {
    const reason = failure(await readXlsx(new Uint8Array(2048), { ...DEFAULT_LIMITS, maxBytes: 1024 }));
    assert.match(reason, /ファイルが大きすぎます/);
  });
});

describe("reading a CSV file", () => {
  const rows = [
    ["No", "内容", "重点", "担当課"],
    ["1", "①協働の推進\n（Ⅰ期）", "【Ⅰ】", "㈱との連携・協働推進課"],
  ];

  it("reads UTF-8 without a BOM", () => {
    const grid = okValue(readCsv(Buffer.from(stringify(rows))));
    assert.equal(grid.encoding, "utf-8");
    assert.equal(grid.delimiter, ",");
    assert.deepEqual(texts(grid), rows);
  });

  it("reads UTF-8 with a BOM without leaving it in the first header", () => {
    const grid = okValue(readCsv(Buffer.from(stringify(rows, { bom: true, record_delimiter: "windows" }))));
    assert.equal(grid.encoding, "utf-8-bom");
    assert.equal(texts(grid)[0]![0], "No");
    assert.deepEqual(texts(grid), rows);
  });

  it("reads Shift_JIS (CP932) including ①, Ⅰ and ㈱", () => {
    const bytes = iconv.encode(stringify(rows, { record_delimiter: "windows" }), "cp932");
    const grid = okValue(readCsv(bytes));
    assert.equal(grid.encoding, "shift_jis");
    assert.deepEqual(texts(grid), rows);
  });

  it("reads UTF-16 with a BOM, tab-separated, as some open-data catalogues serve it", () => {
    const body = Buffer.from(stringify(rows, { delimiter: "\t" }), "utf16le");
    const grid = okValue(readCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), body])));
    assert.equal(grid.encoding, "utf-16le");
    assert.equal(grid.delimiter, "\t");
    assert.deepEqual(texts(grid), rows);
  });

  it("turns line breaks inside quoted cells into \\n", () => {
    const grid = okValue(readCsv(Buffer.from('a,"一行目\r\n二行目"\r\nb,c\r\n')));
    assert.deepEqual(texts(grid), [
      ["a", "一行目\n二行目"],
      ["b", "c"],
    ]);
  });

  it("says where an unclosed quote is instead of failing silently", () => {
    assert.match(failure(readCsv(Buffer.from('a,b\nc,"d\ne,f\n'))), /閉じられていません/);
  });

  it("refuses a row with 1,000 columns", () => {
    const reason = failure(
      readCsv(Buffer.from(`a,b\n${Array.from({ length: 1000 }, (_, i) => i).join(",")}\n`)),
    );
    assert.match(reason, /2行目に1000列/);
  });

  it("refuses more rows than the limit", () => {
    const reason = failure(readCsv(Buffer.from("a\n".repeat(11)), { ...DEFAULT_LIMITS, maxRows: 10 }));
    assert.match(reason, /行数が多すぎます/);
  });

  it("refuses bytes that are no Japanese text encoding", () => {
    assert.match(failure(readCsv(new Uint8Array([0x82, 0xa0, 0x82]))), /文字コードを判別できません/);
  });
});

describe("reading text pasted from Excel", () => {
  it("splits on tabs and keeps quoted cells with line breaks and doubled quotes", () => {
    const pasted = 'No\t内容\t実績\r\n1\t"協働の\n推進"\t"「""愛称""」を決定"\r\n2\t研修\t\r\n';
    const grid = okValue(readPastedText(pasted));
    assert.equal(grid.kind, "paste");
    assert.deepEqual(texts(grid), [
      ["No", "内容", "実績"],
      ["1", "協働の\n推進", '「"愛称"」を決定'],
      ["2", "研修", ""],
    ]);
  });

  it("keeps a single-column paste as one column even when it contains commas", () => {
    const grid = okValue(readPastedText("ア、イ、ウ\r\nエ,オ\r\n"));
    assert.deepEqual(texts(grid), [["ア、イ、ウ"], ["エ,オ"]]);
  });
});

describe("reading tab text extracted from a PDF", () => {
  it("marks <b> cells bold, removes the tags and keeps line numbers", () => {
    const grid = okValue(readTextTable("\nNo\t内容\n<b>（1）活動の場</b>\t\t\n1\t民間施設\n"));
    const sheet = grid.sheets[0]!;
    assert.equal(sheet.rows[2]!.sourceRow, 3);
    assert.equal(sheet.rows[2]!.cells[0]!.text, "（1）活動の場");
    assert.equal(sheet.rows[2]!.cells[0]!.bold, true);
    assert.equal(sheet.rows[3]!.cells[0]!.bold, false);
  });

  it("does not treat quotes as special, as PDF text has none", () => {
    const grid = okValue(readTextTable('1\t"愛称\t済\n'));
    assert.deepEqual(texts(grid), [["1", '"愛称', "済"]]);
  });
});

describe("readers never throw on arbitrary input", () => {
  it("returns ok or a Japanese reason for random bytes as CSV, paste, PDF text and xlsx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        for (const r of [
          readCsv(bytes),
          readPastedText(Buffer.from(bytes).toString("latin1")),
          readTextTable(new TextDecoder().decode(bytes)),
          await readXlsx(bytes),
        ]) {
          assert.ok(r.ok || (typeof r.reason === "string" && r.reason.length > 0));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("returns ok or a reason for an xlsx with random bytes overwritten", async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet("S");
      for (let r = 1; r <= 20; r++) ws.getRow(r).values = [r, `項目${r}`, "済"];
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (edits) => {
          const copy = new Uint8Array(bytes);
          for (const [i, b] of edits) copy[i] = b;
          const r = await readXlsx(copy);
          assert.ok(r.ok || r.reason.length > 0);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("CSV round trip", () => {
  const cellArb = fc.string({
    unit: fc.constantFrom("a", "1", ",", '"', "\n", "協", "働", "①", "Ⅰ", "㈱", " ", "\t", "ー"),
  });
  const tableArb = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 }))
    .chain(([cols, rowCount]) =>
      fc.array(fc.array(cellArb, { minLength: cols, maxLength: cols }), {
        minLength: rowCount,
        maxLength: rowCount,
      }),
    )
    // A record made of one empty cell is written as an empty line, which reads back as a row with no cells.
    .filter((rows) => rows.every((r) => r.length > 1 || r[0] !== ""));

  it("reads back exactly the cells written as UTF-8 with BOM", () => {
    fc.assert(
      fc.property(tableArb, (rows) => {
        const bytes = Buffer.from(stringify(rows, { bom: true, record_delimiter: "windows", quoted: true }));
        assert.deepEqual(texts(okValue(readCsv(bytes))), rows);
      }),
    );
  });

  it("reads back exactly the cells written as Shift_JIS", () => {
    fc.assert(
      fc.property(tableArb, (rows) => {
        const bytes = iconv.encode(stringify(rows, { record_delimiter: "windows", quoted: true }), "cp932");
        assert.deepEqual(texts(okValue(readCsv(bytes))), rows);
      }),
    );
  });
});

describe("column letters", () => {
  it("names columns as Excel does", () => {
    assert.deepEqual([0, 25, 26, 51, 52, 701, 702].map(columnLetter), [
      "A",
      "Z",
      "AA",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });
});
