import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ColumnMapping } from "./detect.js";
import { choicesOf, MAPPING_CHOICES, mappingFromForm } from "./mapping-form.js";

const base: ColumnMapping = {
  version: 1,
  sheet: "CSV",
  headerRows: [1],
  fields: { id: 0, fiscalYear: 2 },
  years: [],
  attributes: [],
  headers: ["指標ID", "指標名", "年度", "目標値", "実績値"],
  valueColumns: [
    { column: 3, kind: "target" },
    { column: 4, kind: "actual" },
  ],
};

describe("the mapping form", () => {
  it("shows and keeps the values of each row's year (a row per year)", () => {
    assert.deepEqual(choicesOf(base), ["id", "", "fiscalYear", "value:target", "value:actual"]);
    const kept = mappingFromForm(base, {}, MAPPING_CHOICES.indicators);
    assert.ok(kept.ok);
    assert.deepEqual(kept.mapping, base);
  });

  it("takes a correction, and refuses values of each row's year without the 年度 column", () => {
    const moved = mappingFromForm(
      base,
      { "col.1": "indicatorName", "col.4": "" },
      MAPPING_CHOICES.indicators,
    );
    assert.ok(moved.ok);
    assert.deepEqual(moved.mapping.valueColumns, [{ column: 3, kind: "target" }]);
    assert.equal(moved.mapping.fields.indicatorName, 1);
    const refused = mappingFromForm(base, { "col.2": "" }, MAPPING_CHOICES.indicators);
    assert.ok(!refused.ok);
    assert.match(refused.errors[0]!, /年度/);
    const notRead = mappingFromForm(base, { "col.3": "value:amount" }, MAPPING_CHOICES.indicators);
    assert.ok(!notRead.ok, "an indicator import reads no budget amounts");
    const { valueColumns: _, ...wide } = base;
    const none = mappingFromForm(wide, {}, MAPPING_CHOICES.indicators);
    assert.ok(none.ok);
    assert.equal(none.mapping.valueColumns, undefined);
  });
});
