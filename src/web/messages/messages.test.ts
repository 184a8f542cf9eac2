import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { en } from "./en.js";
import { ja } from "./ja.js";

function shape(value: unknown, prefix = ""): string[] {
  if (typeof value === "function") return [`${prefix}()/${value.length}`];
  if (Array.isArray(value)) return [`${prefix}[${value.length}]`];
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe("message catalogues", () => {
  it("English has exactly the keys (and argument counts) of Japanese", () => {
    assert.deepEqual(shape(en).sort(), shape(ja).sort());
  });

  it("no message is empty", () => {
    const walk = (v: unknown): void => {
      if (typeof v === "string") assert.ok(v.trim().length > 0);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(ja);
    walk(en);
  });
});
