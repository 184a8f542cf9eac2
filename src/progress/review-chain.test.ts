import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  advance,
  chainOf,
  currentStep,
  DEFAULT_CHAIN,
  mayActOnStep,
  mayReturnAtStep,
  type ReviewStep,
  stepLabel,
} from "./review-chain.js";

const KIKAKU = "dept-kikaku";
const chain: ReviewStep[] = [
  { label: "企画課の確認", role: "department", departmentId: KIKAKU, departmentName: "企画課" },
  { label: "審議会の意見", role: "committee", departmentId: null, departmentName: null },
  { label: "最終評価", role: "admin", departmentId: null, departmentName: null },
];

describe("the review chain", () => {
  it("uses the default chain (the plan owner approves) when a plan has none", () => {
    assert.deepEqual(chainOf([]), DEFAULT_CHAIN);
    assert.deepEqual(chainOf(null), DEFAULT_CHAIN);
    assert.equal(chainOf(chain).length, 3);
    assert.deepEqual(advance(DEFAULT_CHAIN, 0), { state: "approved", reviewStep: 0 });
  });

  it("moves a submitted entry step by step and approves it after the last step", () => {
    assert.deepEqual(advance(chain, 0), { state: "submitted", reviewStep: 1 });
    assert.deepEqual(advance(chain, 1), { state: "submitted", reviewStep: 2 });
    assert.deepEqual(advance(chain, 2), { state: "approved", reviewStep: 2 });
  });

  it("tells the step a submitted entry waits at, and none for other states", () => {
    assert.equal(currentStep(chain, { state: "submitted", reviewStep: 1 })?.step.label, "審議会の意見");
    assert.equal(currentStep(chain, { state: "submitted", reviewStep: 9 })?.index, 2);
    assert.equal(currentStep(chain, { state: "draft", reviewStep: 0 }), null);
    assert.equal(currentStep(chain, { state: "approved", reviewStep: 2 }), null);
    assert.equal(stepLabel(chain, 1), "2/3 審議会の意見");
  });

  it("lets only the step's role act: the coordinating division's staff, the committee, the plan owner always", () => {
    const kikaku = { role: "department", departmentIds: [KIKAKU] };
    const other = { role: "department", departmentIds: ["dept-sangyo"] };
    const committee = { role: "committee", departmentIds: [] };
    const admin = { role: "admin", departmentIds: [] };
    assert.equal(mayActOnStep(kikaku, chain[0]!), true);
    assert.equal(mayActOnStep(other, chain[0]!), false);
    assert.equal(mayActOnStep(committee, chain[0]!), false);
    assert.equal(mayActOnStep(committee, chain[1]!), true);
    assert.equal(mayActOnStep(kikaku, chain[1]!), false);
    assert.equal(mayActOnStep(committee, chain[2]!), false);
    for (const s of chain) assert.equal(mayActOnStep(admin, s), true);
    assert.equal(mayActOnStep({ role: "viewer", departmentIds: [] }, chain[2]!), false);
  });

  it("lets the committee give its opinion and pass an entry on, but not return it", () => {
    const committee = { role: "committee", departmentIds: [] };
    assert.equal(mayReturnAtStep(committee, chain[1]!), false);
    assert.equal(mayReturnAtStep({ role: "department", departmentIds: [KIKAKU] }, chain[0]!), true);
    assert.equal(mayReturnAtStep({ role: "admin", departmentIds: [] }, chain[1]!), true);
  });
});
