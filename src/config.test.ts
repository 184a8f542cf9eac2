import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "./config.js";

describe("configuration from the environment", () => {
  it("starts with sensible defaults when nothing is set", () => {
    const r = loadConfig({});
    assert.ok(r.ok);
    assert.equal(r.config.port, 3000);
    assert.ok(r.config.dataDir.endsWith("/data"));
    assert.equal(r.config.databaseUrl, undefined);
    assert.equal(r.config.demo, true);
    assert.equal(r.config.reminderIntervalMinutes, 60);
    assert.equal(r.config.maxInFlight, 64);
    assert.equal(r.config.maxQueue, 256);
    const off = loadConfig({ REMINDER_INTERVAL_MINUTES: "0" });
    assert.ok(off.ok && off.config.reminderIntervalMinutes === 0);
  });

  it("reads the request limits, 0 turning the limit off", () => {
    const r = loadConfig({ MAX_IN_FLIGHT: "0", MAX_QUEUE: "10" });
    assert.ok(r.ok);
    assert.equal(r.config.maxInFlight, 0);
    assert.equal(r.config.maxQueue, 10);
    assert.equal(loadConfig({ MAX_IN_FLIGHT: "-1" }).ok, false);
  });

  it("reads every variable", () => {
    const r = loadConfig({
      PORT: "8080",
      DATA_DIR: "/tmp/k",
      DATABASE_URL: "postgres://app@127.0.0.1:5432/app",
      DEMO: "off",
      SESSION_SECRET: "x".repeat(40),
    });
    assert.ok(r.ok);
    assert.equal(r.config.port, 8080);
    assert.equal(r.config.dataDir, "/tmp/k");
    assert.equal(r.config.databaseUrl, "postgres://app@127.0.0.1:5432/app");
    assert.equal(r.config.demo, false);
  });

  it("names the variable in a one-line message when a value is wrong", () => {
    for (const [env, name] of [
      [{ PORT: "abc" }, "PORT"],
      [{ PORT: "70000" }, "PORT"],
      [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
      [{ DEMO: "maybe" }, "DEMO"],
      [{ REMINDER_INTERVAL_MINUTES: "often" }, "REMINDER_INTERVAL_MINUTES"],
      [{ REMINDER_INTERVAL_MINUTES: "-5" }, "REMINDER_INTERVAL_MINUTES"],
      [{ SESSION_SECRET: "short" }, "SESSION_SECRET"],
      [{ NODE_ENV: "production" }, "SESSION_SECRET"],
    ] as const) {
      const r = loadConfig(env);
      assert.equal(r.ok, false, JSON.stringify(env));
      if (!r.ok) {
        assert.match(r.message, new RegExp(`^設定エラー: ${name}: `));
        assert.ok(!r.message.includes("\n"));
      }
    }
  });
});
