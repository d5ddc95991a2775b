import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CompanyRole } from '../../lib/definitions/index.js';
import type { Identity } from '../shared/auth.js';
import { dynamo } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { AppError } from '../shared/errors.js';
import { membershipKeys } from '../shared/memberships.js';
import { authorizedAccount } from './companies.js';
import { assertRemovable, companyChoices, maxMembershipsPerUser, memberCandidate, type EmailOwner } from './membership-rules.js';
import * as repository from './repository.js';
import type { CompanyUser } from './rules.js';

type TransactItem = ReturnType<typeof repository.put>;

interface StoredMembership {
  readonly companyId: string;
  readonly role: CompanyRole;
  readonly enabled: boolean;
}

async function membershipsOf(sub: string): Promise<StoredMembership[]> {
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
export function userMembershipPut(companyId: string, member: Pick<CompanyUser, 'sub' | 'role' | 'enabled'>, extra: Record<string, unknown> = {}, condition?: string): TransactItem {
  const item = { ...membershipKeys.userMembership(member.sub, companyId), type: 'membership', sub: member.sub, companyId, role: member.role, enabled: member.enabled, ...extra };
  return repository.put(item, condition);
}

/** A company admin adds an existing portal user of another company, with a role in this company. */
export async function addMember(caller: Identity, companyId: string, request: { email: string; role: CompanyRole }) {
  await authorizedAccount(caller, companyId, 'manage-users');
  const email = request.email.toLowerCase();
  const candidate = memberCandidate((await repository.getItem(repository.accountKeys.email(email))) as EmailOwner | undefined, companyId);
  const [homeUser, existing] = await Promise.all([repository.findUserItem(candidate.homeCompanyId, candidate.sub), membershipsOf(candidate.sub)]);
  if (!homeUser) throw new AppError(404, 'USER_NOT_FOUND', 'No portal user has this e-mail address');
  if (existing.some((membership) => membership.companyId === companyId)) throw new AppError(409, 'ALREADY_MEMBER', 'This user is already a member of the company');
  if (existing.length >= maxMembershipsPerUser) throw new AppError(409, 'TOO_MANY_MEMBERSHIPS', `A user can be a member of at most ${maxMembershipsPerUser} further companies`);

  const at = new Date().toISOString();
  const member: CompanyUser = { sub: candidate.sub, email, name: String(homeUser.name ?? email), role: request.role, enabled: true, orderLimit: null, homeCompanyId: candidate.homeCompanyId };
  await repository.transact(
    [
      repository.put(repository.companyUserItem(companyId, member, { addedBy: caller.sub, createdAt: at }), 'attribute_not_exists(PK)'),
      userMembershipPut(companyId, member, { addedAt: at }, 'attribute_not_exists(PK)'),
      repository.auditPut(companyId, caller, { action: 'member.added', details: { email, role: request.role, homeCompanyId: candidate.homeCompanyId } }),
    ],
    'ALREADY_MEMBER',
    'This user is already a member of the company',
  );
  return member;
}

/** Ends a membership; the member's very next request in this company is refused. */
export async function removeMember(caller: Identity, companyId: string, memberSub: string) {
  await authorizedAccount(caller, companyId, 'manage-users');
  const member = assertRemovable(await repository.listCompanyUsers(companyId), memberSub);
  await repository.transact([
    repository.remove(membershipKeys.companyMember(companyId, memberSub), 'attribute_exists(homeCompanyId)'),
    repository.remove(membershipKeys.userMembership(memberSub, companyId)),
    repository.auditPut(companyId, caller, { action: 'member.removed', details: { email: member.email, role: member.role, homeCompanyId: member.homeCompanyId } }),
  ]);
  return { removed: memberSub };
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
