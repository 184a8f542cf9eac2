import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CurrentUser, ROLES, type Role } from "./account.js";
import { ACTIONS, type Action, can } from "./permissions.js";

/**
 * The permission table restated independently of permissions.ts, so that a change there must be made
 * here too, on purpose. "org": anything of the own organisation; "dept": only items of the person's
 * departments; "no": never.
 */
const EXPECTED: Record<Action, Record<Role, "org" | "dept" | "no">> = {
  "org.manage": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "department.manage": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "user.manage": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "audit.view": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "plan.view": { admin: "org", department: "org", committee: "org", registry: "org", viewer: "org" },
  "plan.create": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "plan.edit": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "plan.publish": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "node.edit": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "round.manage": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "entry.view": { admin: "org", department: "dept", committee: "org", registry: "no", viewer: "org" },
  "entry.edit": { admin: "org", department: "dept", committee: "no", registry: "no", viewer: "no" },
  "entry.review": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "entry.comment": { admin: "org", department: "no", committee: "org", registry: "no", viewer: "no" },
  "entry.check": { admin: "org", department: "dept", committee: "org", registry: "no", viewer: "no" },
  "indicator.edit": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "actual.enter": { admin: "org", department: "dept", committee: "no", registry: "no", viewer: "no" },
  "import.run": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no" },
  "registry.edit": { admin: "org", department: "no", committee: "no", registry: "org", viewer: "no" },
};

const OWN_ORG = "org-yamaguchi";
const OTHER_ORG = "org-mie";
const OWN_DEPT = "dept-kenmin";
const OTHER_DEPT = "dept-jinji";

function person(role: Role): CurrentUser {
  return {
    id: `u-${role}`,
    orgId: OWN_ORG,
    email: `${role}@x.jp`,
    displayName: role,
    role,
    departmentIds: [OWN_DEPT],
  };
}

const SITUATIONS = {
  "an item of their own department": { orgId: OWN_ORG, departmentIds: [OWN_DEPT] },
  "an item of another department": { orgId: OWN_ORG, departmentIds: [OTHER_DEPT] },
  "an item of another organisation (even with a department id like theirs)": {
    orgId: OTHER_ORG,
    departmentIds: [OWN_DEPT],
  },
} as const;

function expected(rule: "org" | "dept" | "no", situation: keyof typeof SITUATIONS): boolean {
  if (rule === "no") return false;
  if (situation === "an item of their own department") return true;
  if (situation === "an item of another department") return rule === "org";
  return false;
}

describe("who may do what (can)", () => {
  it("the table below names every action there is", () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), [...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    describe(action, () => {
      for (const role of ROLES) {
        const rule = EXPECTED[action][role];
        for (const [situation, target] of Object.entries(SITUATIONS) as [keyof typeof SITUATIONS, never][]) {
          const allowed = expected(rule, situation);
          it(`${allowed ? "lets" : "does not let"} a ${role} act on ${situation}`, () => {
            assert.equal(can(person(role), action, target), allowed);
          });
        }
      }
      it("never lets an anonymous visitor act, in any organisation", () => {
        for (const target of Object.values(SITUATIONS)) assert.equal(can(null, action, target), false);
      });
    });
  }

  it("does not let department staff without departments act on department items", () => {
    const nobody = { ...person("department"), departmentIds: [] };
    assert.equal(can(nobody, "entry.edit", { orgId: OWN_ORG, departmentIds: [OWN_DEPT] }), false);
    assert.equal(can(nobody, "entry.edit", { orgId: OWN_ORG }), false);
  });

  it("lets department staff act on an item shared with another department when one of them is theirs", () => {
    assert.equal(
      can(person("department"), "entry.edit", { orgId: OWN_ORG, departmentIds: [OTHER_DEPT, OWN_DEPT] }),
      true,
    );
  });
});
