import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CompanyRole } from '../../lib/definitions/index.js';
import type { Identity } from '../shared/auth.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { membershipKeys } from '../shared/memberships.js';
import { authorizedAccount } from './companies.js';
import { assertRemovable, companyChoices, leavingHome, maxMembershipsPerUser } from './membership-rules.js';
import * as repository from './repository.js';
import type { CompanyUser } from './rules.js';

type TransactItem = ReturnType<typeof repository.put>;

interface StoredMembership {
  readonly companyId: string;
  readonly role: CompanyRole;
  readonly enabled: boolean;
}

export async function membershipsOf(sub: string): Promise<StoredMembership[]> {
  const { PK, SKPrefix } = membershipKeys.userMemberships(sub);
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: config.tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': PK, ':prefix': SKPrefix },
      ConsistentRead: true,
      Limit: maxMembershipsPerUser + 1,
    }),
  );
  return Items.map((item) => ({ companyId: String(item.companyId), role: item.role as CompanyRole, enabled: item.enabled !== false }));
}

/** The user's side of a membership; kept in step with the member row in the same transaction. */
export function userMembershipPut(
  companyId: string,
  member: Pick<CompanyUser, 'sub' | 'role' | 'enabled'>,
  extra: Record<string, unknown> = {},
  condition?: string,
): TransactItem {
  const item = {
    ...membershipKeys.userMembership(member.sub, companyId),
    type: 'membership',
    sub: member.sub,
    companyId,
    role: member.role,
    enabled: member.enabled,
    ...extra,
  };
  return repository.put(item, condition);
}

/**
 * The two items of a membership (the member row in the company's user list and the user's own side),
 * both only if absent. Written by accepting an invitation (functions/accounts/membership-invitations.ts).
 */
export function membershipPuts(companyId: string, member: CompanyUser & { homeCompanyId: string }, addedBy: string, at: string): TransactItem[] {
  return [
    repository.put(repository.companyUserItem(companyId, member, { addedBy, createdAt: at }), 'attribute_not_exists(PK)'),
    userMembershipPut(companyId, member, { addedAt: at }, 'attribute_not_exists(PK)'),
  ];
}

/** The identity of a user as the home company knows it (for audit rows written there). */
export function homeIdentity(caller: Identity): Identity {
  if (!caller.home) return caller;
  const { home, ...rest } = caller;
  return { ...rest, companyId: home.companyId, role: home.role };
}

/** Ends a membership; the member's very next request in this company is refused. */
export async function removeMember(caller: Identity, companyId: string, memberSub: string) {
  const account = await authorizedAccount(caller, companyId, 'manage-users');
  const member = assertRemovable(await repository.listCompanyUsers(companyId), memberSub);
  await repository.transact([
    repository.remove(membershipKeys.companyMember(companyId, memberSub), 'attribute_exists(homeCompanyId)'),
    repository.remove(membershipKeys.userMembership(memberSub, companyId)),
    repository.auditPut(companyId, caller, {
      action: 'member.removed',
      details: { email: member.email, role: member.role, homeCompanyId: member.homeCompanyId },
    }),
    // The member's home company sees it too: membership changes are in both companies' trails.
    repository.auditPut(member.homeCompanyId, caller, {
      action: 'membership.removed',
      details: { email: member.email, companyId, companyName: account.name, role: member.role },
    }),
  ]);
  return { removed: memberSub };
}

/** The member ends a membership themselves (not the home company; the last active admin stays). */
export async function leaveCompany(caller: Identity, companyId: string) {
  const home = leavingHome(caller, companyId);
  const member = assertRemovable(await repository.listCompanyUsers(companyId), caller.sub);
  const company = await repository.findCompany(companyId);
  const actor = homeIdentity(caller);
  await repository.transact(
    [
      repository.remove(membershipKeys.companyMember(companyId, caller.sub), 'attribute_exists(homeCompanyId)'),
      repository.remove(membershipKeys.userMembership(caller.sub, companyId)),
      repository.auditPut(companyId, actor, { action: 'member.left', details: { email: member.email, role: member.role, homeCompanyId: home.companyId } }),
      repository.auditPut(home.companyId, actor, {
        action: 'membership.left',
        details: { email: member.email, companyId, companyName: company?.name ?? companyId, role: member.role },
      }),
    ],
    'NOT_A_MEMBER',
    'You are no longer a member of this company',
  );
  return { left: companyId };
}

/** The companies the caller can switch between (home first), with the role in each. */
export async function companiesOf(caller: Identity) {
  const home = caller.home ?? (caller.companyId ? { companyId: caller.companyId, role: caller.role } : undefined);
  if (!home) return [];
  const memberships = await membershipsOf(caller.sub);
  const companies = await Promise.all([home.companyId, ...memberships.map((membership) => membership.companyId)].map((id) => repository.findCompany(id)));
  const nameOf = (id: string) => companies.find((company) => company?.id === id)?.name ?? id;
  return companyChoices(
    { companyId: home.companyId, name: nameOf(home.companyId), role: home.role as CompanyRole },
    memberships.map((membership) => ({ ...membership, name: nameOf(membership.companyId) })),
  );
}
