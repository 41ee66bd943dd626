// Roles and what each may do (DESIGN.md section 3). Plain TypeScript: the guard, the services and
// the tests read the same table.

export const ROLES = ['UNIT_OFFICER', 'UNIT_HEAD', 'DIC_REVIEWER', 'DOF_OFFICER', 'DPI_OFFICER', 'CHAIR', 'ADMIN', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for their own unit (and, for a district, its communes) only. */
export const UNIT_ROLES: readonly Role[] = ['UNIT_OFFICER', 'UNIT_HEAD'];

const EVERYONE = ROLES;
const PROVINCE = ['DIC_REVIEWER', 'DOF_OFFICER', 'DPI_OFFICER', 'CHAIR', 'ADMIN', 'AUDITOR'] as const;

/** Every permission a route can require, and the roles that hold it. */
export const PERMISSIONS = {
  'registry.read': EVERYONE,
  'session.end': EVERYONE,
  'users.revokeTokens': ['ADMIN'],
  'years.manage': ['ADMIN', 'DOF_OFFICER'],
  'estimates.read': EVERYONE,
  'estimates.create': ['UNIT_OFFICER', 'UNIT_HEAD', 'ADMIN'],
  'estimates.editLines': ['UNIT_OFFICER', 'UNIT_HEAD'],
  'estimates.submit': ['UNIT_HEAD'],
  'estimates.return': ['DIC_REVIEWER', 'DOF_OFFICER', 'DPI_OFFICER'],
  'estimates.review': ['DIC_REVIEWER'],
  'estimates.balance': ['DOF_OFFICER', 'DPI_OFFICER'],
  'estimates.adjust': ['DOF_OFFICER', 'DPI_OFFICER'],
  'consolidation.read': EVERYONE,
  'budget.read': PROVINCE,
  'budget.prepare': ['DOF_OFFICER'],
  'budget.decide': ['CHAIR'],
  'audit.read': ['DOF_OFFICER', 'CHAIR', 'AUDITOR'],
  'allocation.read': PROVINCE,
  'allocation.run': ['DOF_OFFICER', 'DPI_OFFICER'],
  'floor.read': PROVINCE,
  'support.read': PROVINCE,
  'support.prepare': ['DOF_OFFICER'],
  'support.decide': ['CHAIR'],
  'targets.read': EVERYONE,
  'targets.manage': ['ADMIN', 'DIC_REVIEWER'],
  'progress.read': EVERYONE,
  'progress.draft': ['UNIT_OFFICER', 'UNIT_HEAD'],
  'progress.submit': ['UNIT_HEAD'],
  'progress.review': ['DIC_REVIEWER'],
  'dashboard.read': PROVINCE,
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function roleHolds(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
