/** Roles, as the domain names them. */
export const ROLES = ["admin", "department", "committee", "registry", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in person, as every route sees them. */
export type CurrentUser = {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  role: Role;
  departmentIds: string[];
};
