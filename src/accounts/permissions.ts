import type { CurrentUser, Role } from "./account.js";

/**
 * Authorisation as one pure table: `can(user, action, target)` answers every route's question.
 * Tested exhaustively in permissions.test.ts (every action × every role × own/other department × own/other org).
 */
export const ACTIONS = [
  // accounts
  "org.manage",
  "department.manage",
  "user.manage",
  "audit.view",
  // plans
  "plan.view",
  "plan.create",
  "plan.edit",
  "plan.publish",
  "node.edit",
  // progress
  "round.manage",
  "entry.view",
  "entry.edit",
  "entry.review",
  "entry.comment",
  /** act on a step of a plan's review chain (the step's role and department are checked by review-chain.ts) */
  "entry.check",
  // indicators
  "indicator.edit",
  "actual.enter",
  // imports
  "import.run",
  // registries
  "registry.view",
  "registry.edit",
  "group.invite",
  "call.manage",
  "proposal.submit",
  "proposal.review",
  "matching.post",
  "matching.propose",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * What an action is done to: the organisation it belongs to, for department work the departments responsible,
 * and for a civic group's own things (its registry entry, its proposals) the group.
 */
export type Target = { orgId: string; departmentIds?: readonly string[]; groupId?: string };

type Rule = "any" | "own-org" | "own-department" | "own-group" | "never";

const RULES: Record<Action, Partial<Record<Role, Rule>>> = {
  "org.manage": { admin: "own-org" },
  "department.manage": { admin: "own-org" },
  "user.manage": { admin: "own-org" },
  "audit.view": { admin: "own-org" },
  "plan.view": {
    admin: "own-org",
    department: "own-org",
    committee: "own-org",
    registry: "own-org",
    viewer: "own-org",
  },
  "plan.create": { admin: "own-org" },
  "plan.edit": { admin: "own-org" },
  "plan.publish": { admin: "own-org" },
  "node.edit": { admin: "own-org" },
  "round.manage": { admin: "own-org" },
  "entry.view": { admin: "own-org", department: "own-department", committee: "own-org", viewer: "own-org" },
  "entry.edit": { admin: "own-org", department: "own-department" },
  "entry.review": { admin: "own-org" },
  "entry.comment": { admin: "own-org", committee: "own-org" },
  "entry.check": { admin: "own-org", department: "own-department", committee: "own-org" },
  "indicator.edit": { admin: "own-org" },
  "actual.enter": { admin: "own-org", department: "own-department" },
  "import.run": { admin: "own-org" },
  // personal data of the registry (representative, contact): registry staff and the group itself
  "registry.view": { admin: "own-org", registry: "own-org", group: "own-group" },
  "registry.edit": { admin: "own-org", registry: "own-org", group: "own-group" },
  "group.invite": { admin: "own-org", registry: "own-org" },
  // 協働事業提案制度: calls, adoption and publication by staff; scoring by the review panel (審議会委員)
  "call.manage": { admin: "own-org", registry: "own-org" },
  "proposal.submit": { admin: "own-org", registry: "own-org", group: "own-group" },
  "proposal.review": { committee: "own-org" },
  // マッチングシート: departments post their issues; groups propose
  "matching.post": { admin: "own-org", registry: "own-org", department: "own-department" },
  "matching.propose": { admin: "own-org", registry: "own-org", group: "own-group" },
};

export function can(user: CurrentUser | null, action: Action, target: Target): boolean {
  if (!user) return false;
  const rule = RULES[action][user.role] ?? "never";
  if (rule === "never") return false;
  if (rule === "any") return true;
  if (user.orgId !== target.orgId) return false;
  if (rule === "own-org") return true;
  // own-group: the target must be the group the person acts for
  if (rule === "own-group") return !!user.groupId && target.groupId === user.groupId;
  // own-department: the target must name a department the person belongs to
  const depts = target.departmentIds ?? [];
  return depts.some((d) => user.departmentIds.includes(d));
}
