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

const roles: readonly Role[] = ['company-admin', 'super-user', 'buyer', 'sales-rep', 'back-office'];

/** Each role as people read it; every read gives the label in the current UI language. */
export const roleLabels: Readonly<Record<Role, string>> = Object.defineProperties(
  {} as Record<Role, string>,
  Object.fromEntries(roles.map((role) => [role, { enumerable: true, get: () => translate(`account.role.${role}`) }])),
);

/** A role as people read it, in the UI language (an unknown role code as it is). */
export const roleLabel = (role: string): string => ((roles as readonly string[]).includes(role) ? roleLabels[role as Role] : role);
