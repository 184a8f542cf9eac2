import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diffFields, isRole, newPasswordErrors, normaliseEmail, passwordProblem } from "./account.js";
import { changedFields, pageCount } from "./audit.js";
import { EMAIL_FAILURE_LIMIT, IP_FAILURE_LIMIT, isThrottled } from "./sign-in-throttle.js";

describe("people's details", () => {
  it("compares e-mail addresses without case, spaces or full-width letters", () => {
    assert.equal(normaliseEmail("  Tanaka@Pref.Yamaguchi.LG.JP "), "tanaka@pref.yamaguchi.lg.jp");
    assert.equal(normaliseEmail("ｔａｎａｋａ＠ｅｘ．ｊｐ"), "tanaka@ex.jp");
  });
  it("knows the five roles and nothing else", () => {
    assert.equal(isRole("committee"), true);
    assert.equal(isRole("root"), false);
    assert.equal(isRole(undefined), false);
  });
});

describe("passwords", () => {
  it("need at least ten characters, counted as typed (Japanese counts per character)", () => {
    assert.equal(passwordProblem("short"), "short");
    assert.equal(passwordProblem("あいうえおかきくけこ"), null);
    assert.equal(passwordProblem("x".repeat(201)), "long");
  });
  it("must be typed the same twice, with a Japanese message", () => {
    assert.deepEqual(newPasswordErrors("long enough pw", "long enough pw"), {});
    assert.match(newPasswordErrors("long enough pw", "long enough pX").confirm ?? "", /一致しません/);
    assert.match(newPasswordErrors("short", "short").password ?? "", /10文字以上/);
    assert.match(newPasswordErrors(undefined, undefined).password ?? "", /10文字以上/);
  });
});

describe("sign-in throttling", () => {
  it("refuses at five failures for an address or thirty from a client", () => {
    assert.equal(isThrottled({ email: EMAIL_FAILURE_LIMIT - 1, ip: 0 }), false);
    assert.equal(isThrottled({ email: EMAIL_FAILURE_LIMIT, ip: 0 }), true);
    assert.equal(isThrottled({ email: 0, ip: IP_FAILURE_LIMIT - 1 }), false);
    assert.equal(isThrottled({ email: 0, ip: IP_FAILURE_LIMIT }), true);
  });
});

describe("showing what changed", () => {
  it("lists the fields whose values differ between a stale form and the stored record", () => {
    assert.deepEqual(diffFields({ 氏名: "山田", 役割: "閲覧者" }, { 氏名: "山田", 役割: "管理者" }), [
      { field: "役割", yours: "閲覧者", theirs: "管理者" },
    ]);
  });
  it("reads an audit event's before and after as changed fields", () => {
    assert.deepEqual(changedFields({ role: "viewer", version: 1 }, { role: "admin", version: 2 }), [
      { key: "role", before: "viewer", after: "admin" },
      { key: "version", before: "1", after: "2" },
    ]);
    assert.deepEqual(changedFields(null, { name: "県民生活課" }), [
      { key: "name", before: "—", after: "県民生活課" },
    ]);
    assert.deepEqual(changedFields({ ids: ["a", "b"] }, { ids: ["a", "b"] }), []);
  });
  it("counts at least one page of audit events", () => {
    assert.equal(pageCount(0, 50), 1);
    assert.equal(pageCount(50, 50), 1);
    assert.equal(pageCount(51, 50), 2);
  });
});

describe("audit events in words", () => {
  it("lets the page turn stored codes and ids into words, inside lists too", () => {
    const names = new Map([["d1", "県民生活課"]]);
    const format = (key: string, v: unknown) =>
      key === "role" && v === "admin" ? "管理者" : typeof v === "string" ? names.get(v) : undefined;
    assert.deepEqual(
      changedFields({ role: "viewer", departmentIds: [] }, { role: "admin", departmentIds: ["d1"] }, format),
      [
        { key: "role", before: "viewer", after: "管理者" },
        { key: "departmentIds", before: "—", after: "県民生活課" },
      ],
    );
  });
});
