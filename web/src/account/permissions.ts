/**
 * Which parts of a company account a role may change (mirrors docs/api-accounts.md; the API
 * enforces the same rules — the SPA only hides controls that would be refused).
 */
import type { Role } from '../types.js';

const has =
  (roles: readonly Role[]) =>
  (role: Role): boolean =>
    roles.includes(role);

export const canEditMasterData = has(['company-admin', 'super-user', 'sales-rep', 'back-office']);
export const canEditBankAccounts = has(['company-admin', 'super-user', 'back-office']);
export const canSeeUsers = has(['company-admin', 'sales-rep', 'back-office']);
export const canManageUsers = has(['company-admin']);
export const canSeeAudit = has(['company-admin', 'sales-rep', 'back-office']);

export const roleLabels: Record<Role, string> = {
  'company-admin': 'Company admin',
  'super-user': 'Super user',
  buyer: 'Buyer',
  'sales-rep': 'Sales representative',
  'back-office': 'Back office',
};

export const roleLabel = (role: string): string => roleLabels[role as Role] ?? role;
