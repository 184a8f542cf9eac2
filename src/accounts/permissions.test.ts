import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CurrentUser, ROLES, type Role } from "./account.js";
import { ACTIONS, type Action, can } from "./permissions.js";

/**
 * The permission table restated independently of permissions.ts, so that a change there must be made
 * here too, on purpose. "org": anything of the own organisation; "dept": only items of the person's
 * departments; "group": only the entry and things of the civic group the person acts for; "no": never.
 */
type Expect = "org" | "dept" | "group" | "no";
const EXPECTED: Record<Action, Record<Role, Expect>> = {
  "org.manage": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "department.manage": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "user.manage": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "audit.view": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "plan.view": {
    admin: "org",
    department: "org",
    committee: "org",
    registry: "org",
    viewer: "org",
    group: "no",
  },
  "plan.create": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "plan.edit": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no", group: "no" },
  "plan.publish": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "node.edit": { admin: "org", department: "no", committee: "no", registry: "no", viewer: "no", group: "no" },
  "round.manage": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "entry.view": {
    admin: "org",
    department: "dept",
    committee: "org",
    registry: "no",
    viewer: "org",
    group: "no",
  },
  "entry.edit": {
    admin: "org",
    department: "dept",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "entry.review": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "entry.comment": {
    admin: "org",
    department: "no",
    committee: "org",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "entry.check": {
    admin: "org",
    department: "dept",
    committee: "org",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "indicator.edit": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "actual.enter": {
    admin: "org",
    department: "dept",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "import.run": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "registry.view": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "org",
    viewer: "no",
    group: "group",
  },
  "registry.edit": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "org",
    viewer: "no",
    group: "group",
  },
  "group.invite": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "org",
    viewer: "no",
    group: "no",
  },
  "call.manage": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "org",
    viewer: "no",
    group: "no",
  },
  "proposal.submit": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "org",
    viewer: "no",
    group: "group",
  },
  "proposal.review": {
    admin: "no",
    department: "no",
    committee: "org",
    registry: "no",
    viewer: "no",
    group: "no",
  },
  "matching.post": {
    admin: "org",
    department: "dept",
    committee: "no",
    registry: "org",
    viewer: "no",
    group: "no",
  },
  "matching.propose": {
    admin: "org",
    department: "no",
    committee: "no",
    registry: "org",
    viewer: "no",
    group: "group",
  },
};

const OWN_ORG = "org-yamaguchi";
const OTHER_ORG = "org-mie";
const OWN_DEPT = "dept-kenmin";
const OTHER_DEPT = "dept-jinji";
const OWN_GROUP = "group-kodomo";
const OTHER_GROUP = "group-kankyo";

function person(role: Role): CurrentUser {
  return {
    id: `u-${role}`,
    orgId: OWN_ORG,
    email: `${role}@x.jp`,
    displayName: role,
    role,
    departmentIds: [OWN_DEPT],
    groupId: role === "group" ? OWN_GROUP : null,
  };
}

const SITUATIONS = {
  "an item of their own department": { orgId: OWN_ORG, departmentIds: [OWN_DEPT] },
  "an item of another department": { orgId: OWN_ORG, departmentIds: [OTHER_DEPT] },
  "an item of another organisation (even with a department id like theirs)": {
    orgId: OTHER_ORG,
    departmentIds: [OWN_DEPT],
  },
  "the entry of their own group": { orgId: OWN_ORG, groupId: OWN_GROUP },
  "the entry of another group": { orgId: OWN_ORG, groupId: OTHER_GROUP },
  "a group of another organisation (even with a group id like theirs)": {
    orgId: OTHER_ORG,
    groupId: OWN_GROUP,
  },
} as const;

function expected(rule: Expect, situation: keyof typeof SITUATIONS): boolean {
  if (rule === "no") return false;
  if (situation.includes("another organisation")) return false;
  if (rule === "org") return true;
  if (rule === "dept") return situation === "an item of their own department";
  return situation === "the entry of their own group";
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

  it("does not let a group's person without a group act for any group", () => {
    const nobody = { ...person("group"), groupId: null };
    assert.equal(can(nobody, "registry.edit", { orgId: OWN_ORG, groupId: OWN_GROUP }), false);
    assert.equal(can(nobody, "registry.edit", { orgId: OWN_ORG }), false);
  });

  it("lets department staff act on an item shared with another department when one of them is theirs", () => {
    assert.equal(
      can(person("department"), "entry.edit", { orgId: OWN_ORG, departmentIds: [OTHER_DEPT, OWN_DEPT] }),
      true,
    );
  });
});
