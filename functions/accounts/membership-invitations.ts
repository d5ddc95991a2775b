/**
 * Membership by consent (issue 12 finding 1): a company admin invites an existing portal user of
 * another company; nothing is granted until that person accepts while signed in as themselves. Two
 * items per open invitation, written and deleted together (see docs/access-patterns.md M6–M11):
 *  - `COMPANY#<companyId> / MEMBER-INVITATION#<sub>`: the company's list of pending invitations;
 *  - `USER#<sub> / INVITATION#<companyId>`: the invitee's list (`GET /me/invitations`, shop banner).
 * Both carry `expiresAt` (epoch seconds, the table's TTL attribute); an invitation past it is closed
 * at once, whether or not TTL has deleted it yet.
 * (functions/accounts/invitations.ts is something else: new employees with a temporary password.)
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CompanyRole } from '../../lib/definitions/index.js';
import type { Identity } from '../shared/auth.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { AppError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { formatDate } from '../shared/format.js';
import type { Language } from '../shared/locale.js';
import { sendMail } from '../shared/mail.js';
import { translator } from '../shared/messages/index.js';
import { queryAll } from '../shared/query.js';
import { authorizedAccount } from './companies.js';
import { mailLanguage } from './service.js';
import {
  acceptable,
  assertMayJoin,
  deciderHome,
  epochSeconds,
  invitationExpiry,
  isOpen,
  memberCandidate,
  type EmailOwner,
  type MemberInvitation,
} from './membership-rules.js';
import { membershipPuts, membershipsOf } from './memberships.js';
import * as repository from './repository.js';
import type { CompanyUser } from './rules.js';
import type { MemberInvitationRequest } from './contract.js';

type TransactItem = ReturnType<typeof repository.put>;

export const invitationKeys = {
  company: (companyId: string, sub: string) => ({ PK: `COMPANY#${companyId}`, SK: `MEMBER-INVITATION#${sub}` }),
  companyPrefix: 'MEMBER-INVITATION#',
  invitee: (sub: string, companyId: string) => ({ PK: `USER#${sub}`, SK: `INVITATION#${companyId}` }),
  inviteePrefix: 'INVITATION#',
};

/** At most this many open invitations are listed for one person (each needs another company's admin). */
const maxListedInvitations = 50;

const toInvitation = (item: Record<string, unknown>): MemberInvitation => ({
  companyId: String(item.companyId),
  companyName: String(item.companyName ?? item.companyId),
  sub: String(item.sub),
  email: String(item.email),
  role: item.role as CompanyRole,
  homeCompanyId: String(item.homeCompanyId),
  invitedBy: (item.invitedBy as MemberInvitation['invitedBy']) ?? { sub: '', name: '' },
  invitedAt: String(item.invitedAt),
  expiresAt: Number(item.expiresAt),
});

const expiresAtIso = (invitation: MemberInvitation) => new Date(invitation.expiresAt * 1000).toISOString();

/** Both items of an invitation; a new one may replace only an expired one (one open invitation per pair). */
function invitationPuts(invitation: MemberInvitation, now: Date): TransactItem[] {
  const item = { type: 'member-invitation', ...invitation };
  const condition = {
    ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
    ExpressionAttributeValues: { ':now': epochSeconds(now) },
  };
  return [
    { Put: { TableName: config.tableName(), Item: { ...invitationKeys.company(invitation.companyId, invitation.sub), ...item }, ...condition } },
    { Put: { TableName: config.tableName(), Item: { ...invitationKeys.invitee(invitation.sub, invitation.companyId), ...item }, ...condition } },
  ];
}

/** Deletes both items; with `now` only while the invitation is still open (accepting). */
function invitationDeletes(companyId: string, sub: string, now?: Date): TransactItem[] {
  const condition = now
    ? { ConditionExpression: 'attribute_exists(PK) AND expiresAt > :now', ExpressionAttributeValues: { ':now': epochSeconds(now) } }
    : { ConditionExpression: 'attribute_exists(PK)' };
  return [
    { Delete: { TableName: config.tableName(), Key: invitationKeys.company(companyId, sub), ...condition } },
    { Delete: { TableName: config.tableName(), Key: invitationKeys.invitee(sub, companyId), ...condition } },
  ];
}

/** The invitation e-mail in the invitee's language (their own choice, else their home company's). */
export function invitationMail(invitation: MemberInvitation, name: string, language: Language) {
  const t = translator(language);
  const company = invitation.companyName;
  const role = t(`role.${invitation.role satisfies CompanyRole}`);
  return {
    to: [invitation.email],
    subject: t('mail.member.subject', { company, role }),
    text: [
      t('mail.greeting', { name }),
      '',
      t('mail.member.text', { name: invitation.invitedBy.name, company, role }),
      '',
      t('mail.member.accept'),
      process.env.WEB_URL ? `${process.env.WEB_URL}/invitations` : t('mail.member.page'),
      '',
      t('mail.member.expires', { date: formatDate(expiresAtIso(invitation), language), company }),
    ].join('\n'),
  };
}

const presentForCompany = (invitation: MemberInvitation) => ({
  status: 'pending' as const,
  sub: invitation.sub,
  email: invitation.email,
  role: invitation.role,
  invitedBy: { name: invitation.invitedBy.name },
  invitedAt: invitation.invitedAt,
  expiresAt: expiresAtIso(invitation),
});

const presentForInvitee = (invitation: MemberInvitation) => ({
  companyId: invitation.companyId,
  companyName: invitation.companyName,
  role: invitation.role,
  invitedBy: { name: invitation.invitedBy.name },
  invitedAt: invitation.invitedAt,
  expiresAt: expiresAtIso(invitation),
});

/**
 * A company admin invites an existing portal user of another company with a role in this company.
 * Same candidates and the same answers for unknown addresses as adding a member directly did; nothing is
 * granted: the invitee gets an e-mail and accepts or declines while signed in.
 */
export async function inviteMember(caller: Identity, companyId: string, request: MemberInvitationRequest) {
  const account = await authorizedAccount(caller, companyId, 'manage-users');
  const email = request.email.toLowerCase();
  const candidate = memberCandidate((await repository.getItem(repository.accountKeys.email(email))) as EmailOwner | undefined, companyId);
  const [homeUser, existing] = await Promise.all([repository.findUserItem(candidate.homeCompanyId, candidate.sub), membershipsOf(candidate.sub)]);
  if (!homeUser) throw new AppError(404, 'USER_NOT_FOUND', 'No portal user has this e-mail address');
  assertMayJoin(existing, companyId);

  const now = new Date();
  const invitation: MemberInvitation = {
    companyId,
    companyName: account.name,
    sub: candidate.sub,
    email,
    role: request.role,
    homeCompanyId: candidate.homeCompanyId,
    invitedBy: { sub: caller.sub, name: caller.name },
    invitedAt: now.toISOString(),
    expiresAt: invitationExpiry(now),
  };
  await repository.transact(
    [...invitationPuts(invitation, now), repository.auditPut(companyId, caller, { action: 'member.invited', details: { email, role: request.role } })],
    'INVITATION_PENDING',
    'This user already has an open invitation to the company',
  );
  try {
    await sendMail(invitationMail(invitation, String(homeUser.name ?? email), await mailLanguage(candidate.homeCompanyId, candidate.sub)));
  } catch (error) {
    // The invitation stands; the invitee also sees it in the shop after signing in.
    logger.error('Membership invitation e-mail failed', { error: error as Error, companyId });
  }
  return presentForCompany(invitation);
}

/** The company's open invitations (company admin; like the user list also the rep and back office). */
export async function listCompanyInvitations(caller: Identity, companyId: string) {
  await authorizedAccount(caller, companyId, 'view-users');
  const items = await queryAll({
    TableName: config.tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': `COMPANY#${companyId}`, ':prefix': invitationKeys.companyPrefix },
    ConsistentRead: true,
  });
  const now = new Date();
  return items
    .map(toInvitation)
    .filter((invitation) => isOpen(invitation, now))
    .sort((a, b) => a.invitedAt.localeCompare(b.invitedAt))
    .map(presentForCompany);
}

/** The company admin takes back an invitation that was not answered yet. */
export async function revokeInvitation(caller: Identity, companyId: string, sub: string) {
  await authorizedAccount(caller, companyId, 'manage-users');
  const stored = await repository.getItem(invitationKeys.company(companyId, sub));
  if (!stored) throw new AppError(404, 'INVITATION_NOT_FOUND', 'There is no invitation for this user');
  const invitation = toInvitation(stored);
  await repository.transact(
    [
      ...invitationDeletes(companyId, sub),
      repository.auditPut(companyId, caller, { action: 'member.invitation-revoked', details: { email: invitation.email, role: invitation.role } }),
    ],
    'INVITATION_NOT_FOUND',
    'The invitation was answered or revoked meanwhile',
  );
  return { revoked: sub };
}

/** The caller's own open invitations, whichever company is active (they belong to the person). */
export async function listMyInvitations(caller: Identity) {
  const homeCompanyId = caller.home?.companyId ?? caller.companyId;
  if (!homeCompanyId) return [];
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: config.tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `USER#${caller.sub}`, ':prefix': invitationKeys.inviteePrefix },
      ConsistentRead: true,
      Limit: maxListedInvitations,
    }),
  );
  const now = new Date();
  return Items.map(toInvitation)
    .filter((invitation) => invitation.homeCompanyId === homeCompanyId && isOpen(invitation, now))
    .sort((a, b) => a.companyName.localeCompare(b.companyName))
    .map(presentForInvitee);
}

async function ownInvitation(caller: Identity, companyId: string) {
  const homeCompanyId = deciderHome(caller);
  const stored = await repository.getItem(invitationKeys.invitee(caller.sub, companyId));
  return { homeCompanyId, stored: stored ? toInvitation(stored) : undefined };
}

/**
 * The invited person accepts, signed in as themselves: in one transaction both invitation items go
 * (only while open), the membership's two items are written as adding a member always did, and both
 * companies' audit trails record it.
 */
export async function acceptInvitation(caller: Identity, companyId: string) {
  const now = new Date();
  const { homeCompanyId, stored } = await ownInvitation(caller, companyId);
  const invitation = acceptable(stored, companyId, homeCompanyId, now);
  const [homeUser, existing] = await Promise.all([repository.findUserItem(homeCompanyId, caller.sub), membershipsOf(caller.sub)]);
  if (!homeUser) throw new AppError(404, 'INVITATION_NOT_FOUND', 'There is no invitation of this company for you');
  assertMayJoin(existing, companyId);

  const email = String(homeUser.email ?? invitation.email);
  const member: CompanyUser & { homeCompanyId: string } = {
    sub: caller.sub,
    email,
    name: String(homeUser.name ?? caller.name),
    role: invitation.role,
    enabled: true,
    orderLimit: null,
    homeCompanyId,
  };
  try {
    await repository.transact([
      ...invitationDeletes(companyId, caller.sub, now),
      ...membershipPuts(companyId, member, invitation.invitedBy.sub, now.toISOString()),
      repository.auditPut(companyId, caller, {
        action: 'member.added',
        details: { email, role: invitation.role, homeCompanyId, invitedBy: invitation.invitedBy.name, consent: 'accepted' },
      }),
      repository.auditPut(homeCompanyId, caller, {
        action: 'membership.accepted',
        details: { email, companyId, companyName: invitation.companyName, role: invitation.role },
      }),
    ]);
  } catch (error) {
    const failedIndex = (error as { failedIndex?: number }).failedIndex;
    if (failedIndex === undefined) throw error;
    if (failedIndex < 2) throw new AppError(409, 'INVITATION_EXPIRED', 'The invitation is no longer open');
    throw new AppError(409, 'ALREADY_MEMBER', 'You are already a member of the company');
  }
  return { companyId, companyName: invitation.companyName, role: invitation.role, home: false };
}

/** The invited person declines; the inviting company's trail records it. */
export async function declineInvitation(caller: Identity, companyId: string) {
  const { homeCompanyId, stored } = await ownInvitation(caller, companyId);
  if (!stored || stored.homeCompanyId !== homeCompanyId) throw new AppError(404, 'INVITATION_NOT_FOUND', 'There is no invitation of this company for you');
  await repository.transact(
    [
      ...invitationDeletes(companyId, caller.sub),
      repository.auditPut(companyId, caller, { action: 'member.invitation-declined', details: { email: stored.email, role: stored.role } }),
    ],
    'INVITATION_NOT_FOUND',
    'The invitation was answered or revoked meanwhile',
  );
  return { declined: companyId };
}
