import { randomBytes } from 'node:crypto';
import type { Identity } from '../shared/auth.js';
import { config } from '../shared/config.js';
import { createDirectoryUser, deleteDirectoryUser, temporaryPassword } from '../shared/directory.js';
import { logger } from '../shared/logger.js';
import { authorizedAccount } from './companies.js';
import * as repository from './repository.js';
import type { CompanyUser } from './rules.js';

type TransactItem = ReturnType<typeof repository.put>;

/**
 * Technical accounts: users the portal creates and owns for a machine, never for a person. Today one
 * kind, `punchout` — the buyer account a company's punchout sessions act as (functions/punchout).
 * Its Cognito user lives on a reserved, non-deliverable domain (RFC 2606 `.invalid`), so no mail and
 * no password reset ever reaches anybody; the e-mail claim item names the owner `technical`, so the
 * address can be neither registered nor added as a member elsewhere. Only punchout signs it in
 * (functions/punchout/sign-in.ts), and only after checking the `technical` mark on its user item.
 */
export const technicalDomain = 'punchout.invalid';
export const technicalPunchoutName = 'Punchout (technical account)';

export interface TechnicalUser {
  readonly sub: string;
  readonly email: string;
  readonly name: string;
  readonly companyId: string;
  readonly enabled: boolean;
  readonly role: 'buyer';
  readonly technical: 'punchout';
}

/** `punchout-<company id>-<10 hex>@punchout.invalid`; the local part stays within 64 characters. */
export function technicalPunchoutEmail(companyId: string, random = randomBytes(5).toString('hex')): string {
  return `punchout-${companyId.toLowerCase().slice(0, 40)}-${random}@${technicalDomain}`;
}

/** The company's technical punchout account, or nothing when the user item is not one (a person, a member, gone). */
export async function findTechnicalPunchoutUser(companyId: string, sub: string): Promise<TechnicalUser | undefined> {
  const item = await repository.findUserItem(companyId, sub);
  if (!item || item.technical !== 'punchout' || item.role !== 'buyer' || typeof item.homeCompanyId === 'string') return undefined;
  return { sub, email: String(item.email), name: String(item.name), companyId, enabled: item.enabled !== false, role: 'buyer', technical: 'punchout' };
}

/** A technical account whose Cognito user exists already; `items` go into the caller's transaction, `discard` undoes it. */
export interface PreparedTechnicalUser {
  readonly user: TechnicalUser;
  readonly items: readonly TransactItem[];
  discard(): Promise<void>;
}

/**
 * Creates the Cognito user of a new technical punchout account (role buyer, `custom:companyId`) and
 * returns the user item, the e-mail claim and the audit row for the caller's transaction: the caller
 * (punchout's set-up) writes them together with its own configuration, and calls `discard` when
 * that transaction fails, so the Cognito user and the portal records exist together or not at all.
 */
export async function prepareTechnicalPunchoutUser(caller: Identity, companyId: string): Promise<PreparedTechnicalUser> {
  await authorizedAccount(caller, companyId, 'manage-users');
  const email = technicalPunchoutEmail(companyId);
  // Never used: punchout sets a fresh random password at every start (functions/punchout/sign-in.ts).
  const sub = await createDirectoryUser({ email, name: technicalPunchoutName, role: 'buyer', companyId, temporaryPassword: temporaryPassword() });
  const user: TechnicalUser = { sub, email, name: technicalPunchoutName, companyId, enabled: true, role: 'buyer', technical: 'punchout' };
  const record: CompanyUser = { sub, email, name: user.name, role: 'buyer', enabled: true, orderLimit: null, technical: 'punchout' };
  const at = new Date().toISOString();
  return {
    user,
    items: [
      repository.emailClaim(email, { owner: 'technical', technical: 'punchout', companyId, sub }),
      repository.put(repository.companyUserItem(companyId, record, { createdBy: caller.sub, createdAt: at }), 'attribute_not_exists(PK)'),
      repository.auditPut(companyId, caller, { action: 'punchout.account.created', details: { email } }),
    ],
    discard: () =>
      deleteDirectoryUser(email).catch((error: unknown) =>
        logger.error('Could not remove the Cognito user of a technical account after a failed set-up', { error: error as Error, email }),
      ),
  };
}

/** The removal of a technical punchout account: items for the caller's transaction, then `afterCommit` deletes the Cognito user. */
export interface TechnicalUserRemoval {
  readonly items: readonly TransactItem[];
  afterCommit(): Promise<void>;
}

/**
 * Removing punchout removes its account: the user item goes (the per-request account check then
 * refuses its tokens at once), the e-mail claim and the Cognito user too. The user item is deleted
 * only while it is still marked technical, so this can never remove a person. Nothing to remove
 * (legacy set-ups that named a person) gives no items.
 */
export async function removeTechnicalPunchoutUser(caller: Identity, companyId: string, sub: string): Promise<TechnicalUserRemoval> {
  const user = await findTechnicalPunchoutUser(companyId, sub);
  if (!user) return { items: [], afterCommit: async () => undefined };
  return {
    items: [
      {
        Delete: {
          TableName: config.tableName(),
          Key: repository.accountKeys.companyUser(companyId, sub),
          ConditionExpression: 'technical = :technical',
          ExpressionAttributeValues: { ':technical': 'punchout' },
        },
      },
      repository.remove(repository.accountKeys.email(user.email)),
      repository.auditPut(companyId, caller, { action: 'punchout.account.removed', details: { email: user.email } }),
    ],
    afterCommit: () =>
      deleteDirectoryUser(user.email).catch((error: unknown) =>
        logger.error('Could not remove the Cognito user of a removed technical account', { error: error as Error, email: user.email }),
      ),
  };
}
