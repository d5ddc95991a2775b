import type { CompanyRole } from '../../lib/definitions/index.js';
import { AppError } from '../shared/errors.js';
import { losesLastAdmin, type CompanyUser } from './rules.js';

/** The e-mail claim item of an address (`EMAIL#<e-mail>`): who uses it. */
export interface EmailOwner {
  readonly owner?: string;
  readonly companyId?: string;
  readonly sub?: string;
}

/** At most this many companies besides the home company (keeps `GET /me` and the switcher small). */
export const maxMembershipsPerUser = 20;

/**
 * Who may be added to `companyId` as a member: an existing portal user of another customer company.
 * Staff, pending registrations and the company's own employees cannot be added.
 */
export function memberCandidate(owner: EmailOwner | undefined, companyId: string): { sub: string; homeCompanyId: string } {
  if (!owner || owner.owner !== 'user' || !owner.sub) throw new AppError(404, 'USER_NOT_FOUND', 'No portal user has this e-mail address');
  if (!owner.companyId) throw new AppError(409, 'NOT_A_CUSTOMER_USER', 'Staff users cannot become members of a customer company');
  if (owner.companyId === companyId) throw new AppError(409, 'ALREADY_MEMBER', 'This user is already an employee of the company');
  return { sub: owner.sub, homeCompanyId: owner.companyId };
}

/** A membership may go unless it takes the company's last active admin with it. */
export function assertRemovable(users: readonly CompanyUser[], memberSub: string): CompanyUser & { homeCompanyId: string } {
  const member = users.find((user) => user.sub === memberSub);
  if (!member?.homeCompanyId) throw new AppError(404, 'NOT_A_MEMBER', 'This user is not a member from another company');
  if (losesLastAdmin(users, memberSub, { enabled: false })) throw new AppError(409, 'LAST_ADMIN', 'The company needs at least one active company admin');
  return member as CompanyUser & { homeCompanyId: string };
}

export interface CompanyChoice {
  readonly companyId: string;
  readonly name: string;
  readonly role: CompanyRole;
  readonly home: boolean;
}

/** The companies a user can switch between: home first, then memberships by name; disabled ones are left out. */
export function companyChoices(
  home: { companyId: string; name: string; role: CompanyRole },
  memberships: readonly { companyId: string; name: string; role: CompanyRole; enabled: boolean }[],
): CompanyChoice[] {
  const others = memberships
    .filter((membership) => membership.enabled && membership.companyId !== home.companyId)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ companyId, name, role }) => ({ companyId, name, role, home: false }));
  return [{ ...home, home: true }, ...others];
}
