/**
 * Which parts of a company account a role may change (mirrors docs/api-accounts.md; the API
 * enforces the same rules — the SPA only hides controls that would be refused).
 */
import { translate } from '../i18n/translate.js';
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

const roles: ReadonlySet<string> = new Set<Role>(['company-admin', 'super-user', 'buyer', 'sales-rep', 'back-office']);

/** A role as people read it, in the UI language (an unknown role code as it is). */
export const roleLabel = (role: string): string => (roles.has(role) ? translate(`account.role.${role as Role}`) : role);
