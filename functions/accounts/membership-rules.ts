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

// ---- membership by consent: invitations -----------------------------------------------------

/** An invitation to join a company as a member stays open this long (TTL attribute `expiresAt`). */
export const invitationDays = 14;

/** A pending invitation of an existing portal user into another company (nothing granted yet). */
export interface MemberInvitation {
  readonly companyId: string;
  readonly companyName: string;
  readonly sub: string;
  readonly email: string;
  readonly role: CompanyRole;
  readonly homeCompanyId: string;
  readonly invitedBy: { readonly sub: string; readonly name: string };
  readonly invitedAt: string;
  /** Epoch seconds (DynamoDB TTL); the invitation is closed from this second on, even before TTL deletes it. */
  readonly expiresAt: number;
}

export const epochSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

export const invitationExpiry = (now: Date): number => epochSeconds(now) + invitationDays * 24 * 3600;

export const isOpen = (invitation: Pick<MemberInvitation, 'expiresAt'>, now: Date): boolean => invitation.expiresAt > epochSeconds(now);

/** A user may join `companyId` unless already a member there or already in the maximum number of companies. */
export function assertMayJoin(memberships: readonly { companyId: string }[], companyId: string): void {
  if (memberships.some((membership) => membership.companyId === companyId))
    throw new AppError(409, 'ALREADY_MEMBER', 'This user is already a member of the company');
  if (memberships.length >= maxMembershipsPerUser)
    throw new AppError(409, 'TOO_MANY_MEMBERSHIPS', `A user can be a member of at most ${maxMembershipsPerUser} further companies`);
}

/** The caller as far as the rules of invitations and memberships care. */
export interface PersonCaller {
  readonly sub: string;
  readonly role: string;
  readonly companyId?: string;
  readonly home?: { readonly companyId: string; readonly role: string };
}

/**
 * Only the invited person decides, and only as themselves: with the identity of the home company (the
 * token's), not while acting for another company through `X-Active-Company`. Returns the home company.
 */
export function deciderHome(caller: PersonCaller): string {
  if (caller.home) throw new AppError(403, 'HOME_COMPANY_REQUIRED', 'Switch to your home company to answer an invitation');
  if (!caller.companyId) throw new AppError(403, 'FORBIDDEN', 'Only users of a customer company have invitations');
  return caller.companyId;
}

/** The invitation `stored` (the invitee's item) may be accepted now by the user of `homeCompanyId`. */
export function acceptable(stored: MemberInvitation | undefined, companyId: string, homeCompanyId: string, now: Date): MemberInvitation {
  if (!stored || stored.companyId !== companyId || stored.homeCompanyId !== homeCompanyId || companyId === homeCompanyId) {
    throw new AppError(404, 'INVITATION_NOT_FOUND', 'There is no invitation of this company for you');
  }
  if (!isOpen(stored, now)) throw new AppError(409, 'INVITATION_EXPIRED', 'The invitation has expired; ask the company for a new one');
  return stored;
}

/** The home company of a member leaving `companyId`; nobody leaves the home company. */
export function leavingHome(caller: PersonCaller, companyId: string): { companyId: string; role: string } {
  const home = caller.home ?? (caller.companyId ? { companyId: caller.companyId, role: caller.role } : undefined);
  if (!home) throw new AppError(403, 'FORBIDDEN', 'Only users of a customer company have memberships');
  if (home.companyId === companyId) throw new AppError(409, 'HOME_COMPANY', 'You cannot leave your home company');
  return home;
}
