import type { Identity } from '../shared/auth.js';
import { changeDirectoryRole, setDirectoryUserEnabled } from '../shared/directory.js';
import { badRequest, conflict, notFound } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import { languageOf } from '../shared/locale.js';
import { authorizedAccount, currencyOfAccount } from './companies.js';
import { userMembershipPut } from './memberships.js';
import { inviteUser } from './invitations.js';
import * as repository from './repository.js';
import { losesLastAdmin, type CompanyUser } from './rules.js';
import type { EmployeeChange, EmployeeInvitation } from './contract.js';

/** An order limit in another currency than the company buys in would never apply (orders are compared in their currency). */
async function assertLimitCurrency(account: Parameters<typeof currencyOfAccount>[0], limit: Money | null | undefined): Promise<void> {
  if (!limit) return;
  const currency = await currencyOfAccount(account);
  if (limit.currency !== currency)
    throw badRequest('CURRENCY_MISMATCH', `Order limits are kept in the company's currency ${currency}, got ${limit.currency}`, {
      expected: currency,
      got: limit.currency,
    });
}

export async function listUsers(caller: Identity, companyId: string) {
  await authorizedAccount(caller, companyId, 'view-users');
  return repository.listCompanyUsers(companyId);
}

export async function inviteEmployee(caller: Identity, companyId: string, invite: EmployeeInvitation) {
  const account = await authorizedAccount(caller, companyId, 'manage-users');
  await assertLimitCurrency(account, invite.orderLimit);
  const email = invite.email.toLowerCase();
  // The invitation e-mail goes out in the company's language.
  const invitee = { email, name: invite.name, role: invite.role, companyId, companyName: account.name, language: languageOf(account) };
  const sub = await inviteUser(invitee, (newSub) => {
    const user: CompanyUser = { sub: newSub, email, name: invite.name, role: invite.role, enabled: true, orderLimit: invite.orderLimit ?? null };
    return [
      repository.emailClaim(email, { owner: 'user', companyId, sub: newSub }),
      repository.put(repository.companyUserItem(companyId, user, { invitedBy: caller.sub, createdAt: new Date().toISOString() }), 'attribute_not_exists(PK)'),
      repository.auditPut(companyId, caller, { action: 'user.invited', details: { email, role: invite.role } }),
    ];
  });
  return (await repository.listCompanyUsers(companyId)).find((user) => user.sub === sub)!;
}

/** Role, enabled flag and order limit of an employee; Cognito changes first, then the portal record. */
export async function updateEmployee(caller: Identity, companyId: string, userSub: string, change: EmployeeChange) {
  const account = await authorizedAccount(caller, companyId, 'manage-users');
  await assertLimitCurrency(account, change.orderLimit);
  const users = await repository.listCompanyUsers(companyId);
  const target = users.find((user) => user.sub === userSub);
  if (!target) throw notFound('User');
  // The punchout account is the portal's, not a person: its role and state follow the punchout set-up only.
  if (target.technical && ((change.role !== undefined && change.role !== target.role) || (change.enabled !== undefined && change.enabled !== target.enabled))) {
    throw conflict('TECHNICAL_ACCOUNT', 'This is the technical punchout account; it changes only with the punchout set-up');
  }
  if (losesLastAdmin(users, userSub, change)) throw conflict('LAST_ADMIN', 'The company needs at least one active company admin');

  // A member from another company keeps the Cognito role and account of the home company.
  if (!target.homeCompanyId) {
    if (change.role && change.role !== target.role) await changeDirectoryRole(target.email, target.role, change.role);
    if (change.enabled !== undefined && change.enabled !== target.enabled) await setDirectoryUserEnabled(target.email, change.enabled);
  }

  const next: CompanyUser = {
    ...target,
    ...(change.role ? { role: change.role } : {}),
    ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
    ...(change.orderLimit !== undefined ? { orderLimit: change.orderLimit } : {}),
  };
  const stored = await repository.findUserItem(companyId, userSub);
  await repository.transact([
    repository.put({ ...stored, ...repository.companyUserItem(companyId, next) }, 'attribute_exists(PK)'),
    repository.auditPut(companyId, caller, { action: target.homeCompanyId ? 'member.updated' : 'user.updated', details: { email: target.email, ...change } }),
    // A member's change is in the home company's trail too.
    ...(target.homeCompanyId
      ? [
          userMembershipPut(companyId, next, {}, 'attribute_exists(PK)'),
          repository.auditPut(target.homeCompanyId, caller, {
            action: 'membership.updated',
            details: { email: target.email, companyId, companyName: account.name, ...change },
          }),
        ]
      : []),
  ]);
  return next;
}
