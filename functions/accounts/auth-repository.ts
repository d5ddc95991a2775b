import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '../shared/auth.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { accountKeys, auditPut, conditionHolds, getItem, transact, type AuditEntry } from './repository.js';
import type { SignInClient, StoredResetCode } from './sign-in-rules.js';

/**
 * DynamoDB items of the sign-in door (docs/access-patterns.md "Sign-in"): sessions, challenge
 * bindings, attempt counters and password-reset codes. All carry the table's TTL attribute `expiresAt`.
 */
export const authKeys = {
  /** One per interactive sign-in; the refresh token is stored only as its SHA-256. */
  session: (tokenHash: string) => ({ PK: `AUTH-SESSION#${tokenHash}`, SK: 'SESSION' }),
  /** Binds Cognito's challenge session to the e-mail and client it was issued for (one-time, 3 minutes). */
  challenge: (sessionHash: string) => ({ PK: `AUTH-CHALLENGE#${sessionHash}`, SK: 'CHALLENGE' }),
  /** Failed sign-ins of one e-mail address in one fixed window. */
  signInAttempts: (email: string, windowStart: number) => ({ PK: `SIGN-IN-ATTEMPTS#${email}`, SK: `WINDOW#${windowStart}` }),
  passwordReset: (email: string) => ({ PK: `PASSWORD-RESET#${email}`, SK: 'RESET' }),
  /** How many reset codes were issued for one e-mail address in one hour. */
  passwordResetIssued: (email: string, windowStart: number) => ({ PK: `PASSWORD-RESET#${email}`, SK: `ISSUED#${windowStart}` }),
  /** Audit trail of staff (no company): sign-ins, MFA changes, password resets. */
  staffAudit: (at: string) => ({ PK: 'STAFF-AUDIT', SK: `AUDIT#${at}#${randomUUID()}` }),
};

type Item = Record<string, unknown>;
const table = () => config.tableName();

// ---- the portal account behind an e-mail address ------------------------------------------------

export interface PortalAccount {
  readonly sub: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  /** Home company; staff have none. */
  readonly companyId?: string;
  readonly enabled: boolean;
  readonly technical: boolean;
  readonly mfaEnabled: boolean;
  readonly sessionTimeoutMinutes?: number;
  /** Epoch seconds: sessions signed in before this moment are over (password reset). */
  readonly sessionsRevokedAt?: number;
}

const toPortalAccount = (item: Item, email: string): PortalAccount => ({
  sub: String(item.sub),
  email: typeof item.email === 'string' ? item.email : email,
  name: typeof item.name === 'string' ? item.name : email,
  role: String(item.role ?? ''),
  ...(typeof item.companyId === 'string' && item.PK !== 'STAFF' ? { companyId: item.companyId } : {}),
  enabled: item.enabled !== false,
  technical: item.technical !== undefined,
  mfaEnabled: item.mfaEnabled === true,
  ...(typeof item.sessionTimeoutMinutes === 'number' ? { sessionTimeoutMinutes: item.sessionTimeoutMinutes } : {}),
  ...(typeof item.sessionsRevokedAt === 'number' ? { sessionsRevokedAt: item.sessionsRevokedAt } : {}),
});

/** The home user record (company user or staff) behind an e-mail address: two GetItems, or undefined. */
export async function findAccountByEmail(email: string): Promise<PortalAccount | undefined> {
  const claim = await getItem(accountKeys.email(email));
  if (!claim || claim.owner !== 'user' || typeof claim.sub !== 'string') return undefined;
  const companyId = typeof claim.companyId === 'string' ? claim.companyId : undefined;
  const item = await getItem(companyId ? accountKeys.companyUser(companyId, claim.sub) : accountKeys.staffUser(claim.sub));
  // A member row carries homeCompanyId: the e-mail claim always names the home record.
  if (!item || item.homeCompanyId !== undefined) return undefined;
  return toPortalAccount(item, email);
}

export async function findAccountBySub(companyId: string | undefined, sub: string): Promise<PortalAccount | undefined> {
  const item = await getItem(companyId ? accountKeys.companyUser(companyId, sub) : accountKeys.staffUser(sub));
  return item && item.homeCompanyId === undefined ? toPortalAccount(item, String(item.email ?? '')) : undefined;
}

/**
 * Ends every session of the person that started before `atSeconds`, with the audit row: every request
 * and every refresh compares its sign-in time with it (shared/account-status.ts, sign-in.ts refresh).
 */
export async function revokeSessions(
  account: Pick<PortalAccount, 'sub' | 'companyId'>,
  atSeconds: number,
  audit: { actor: Identity; entry: AuditEntry },
): Promise<void> {
  await updateHomeUser(account, 'SET sessionsRevokedAt = :at', { ':at': atSeconds }, audit);
}

/** Sets `mfaEnabled` on the home user record, with the audit row, in one transaction. */
export async function setMfaEnabled(
  account: Pick<PortalAccount, 'sub' | 'companyId'>,
  enabled: boolean,
  audit: { actor: Identity; entry: AuditEntry },
): Promise<void> {
  await updateHomeUser(account, 'SET mfaEnabled = :enabled, mfaChangedAt = :at', { ':enabled': enabled, ':at': new Date().toISOString() }, audit);
}

/** One update of the person's home user record (which must exist) with its audit row, in one transaction. */
async function updateHomeUser(
  account: Pick<PortalAccount, 'sub' | 'companyId'>,
  updateExpression: string,
  values: Item,
  audit: { actor: Identity; entry: AuditEntry },
): Promise<void> {
  await transact([
    {
      Update: {
        TableName: table(),
        Key: account.companyId ? accountKeys.companyUser(account.companyId, account.sub) : accountKeys.staffUser(account.sub),
        UpdateExpression: updateExpression,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: values,
      },
    },
    auditItem(account.companyId, audit.actor, audit.entry),
  ]);
}

/** The audit row of a sign-in event: the home company's trail, or the staff trail. */
export function auditItem(companyId: string | undefined, actor: Identity, entry: AuditEntry) {
  if (companyId) return auditPut(companyId, actor, entry);
  const at = new Date().toISOString();
  return {
    Put: {
      TableName: table(),
      Item: {
        ...authKeys.staffAudit(at),
        type: 'audit',
        at,
        action: entry.action,
        actor: { sub: actor.sub, name: actor.name, role: actor.role },
        onBehalf: false,
        ...(entry.details !== undefined ? { details: entry.details } : {}),
      },
    },
  };
}

export async function writeAudit(companyId: string | undefined, actor: Identity, entry: AuditEntry): Promise<void> {
  const { Put } = auditItem(companyId, actor, entry);
  await dynamo().send(new PutCommand(Put!));
}

/** Sets the company's "MFA required" flag (versioned, so a concurrent master-data save cannot undo it) with its audit row. */
export async function setCompanyMfaRequired(companyId: string, expectedVersion: number, mfaRequired: boolean, actor: Identity): Promise<void> {
  await transact([
    {
      Update: {
        TableName: table(),
        Key: accountKeys.company(companyId),
        UpdateExpression: 'SET mfaRequired = :required, updatedAt = :at ADD version :one',
        ConditionExpression: 'attribute_exists(PK) AND version = :version',
        ExpressionAttributeValues: { ':required': mfaRequired, ':at': new Date().toISOString(), ':one': 1, ':version': expectedVersion },
      },
    },
    auditPut(companyId, actor, { action: 'security.mfa-required', details: { mfaRequired } }),
  ]);
}

// ---- attempt counters ---------------------------------------------------------------------------

/** Where a counter may count up: a fixed window (the item is created on the first count, with its TTL and type) or an existing item guarded by a condition. */
type CounterScope = { window: { expiresAt: number }; type: string } | { guard: string; values?: Item };

/**
 * Adds one to the counter `attribute` of the item at `key` unless it has reached `max` (one atomic,
 * conditional ADD). The new count, or undefined when refused (at the limit, or the guard failed).
 */
async function countUp(key: Item, attribute: string, max: number, scope: CounterScope): Promise<number | undefined> {
  let count: number | undefined;
  const counted = await conditionHolds(async () => {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: key,
        ...('window' in scope
          ? {
              UpdateExpression: `ADD ${attribute} :one SET expiresAt = if_not_exists(expiresAt, :ttl), #type = :type`,
              ConditionExpression: `attribute_not_exists(${attribute}) OR ${attribute} < :max`,
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':one': 1, ':max': max, ':ttl': scope.window.expiresAt, ':type': scope.type },
            }
          : {
              UpdateExpression: `ADD ${attribute} :one`,
              ConditionExpression: `${scope.guard} AND ${attribute} < :max`,
              ExpressionAttributeValues: { ':one': 1, ':max': max, ...scope.values },
            }),
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    count = Number(Attributes?.[attribute]);
  });
  return counted ? count : undefined;
}

/**
 * Reserves one attempt in the e-mail's window (atomic ADD, refused at the limit). A successful
 * sign-in gives its reservation back, so only failures stay counted.
 */
export async function reserveSignInAttempt(email: string, window: { start: number; expiresAt: number }, max: number): Promise<boolean> {
  return (await countUp(authKeys.signInAttempts(email, window.start), 'attempts', max, { window, type: 'sign-in-attempts' })) !== undefined;
}

export async function releaseSignInAttempt(email: string, windowStart: number): Promise<void> {
  await conditionHolds(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: authKeys.signInAttempts(email, windowStart),
        UpdateExpression: 'ADD attempts :minusOne',
        ConditionExpression: 'attempts > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      }),
    ),
  );
}

// ---- sessions and challenge bindings ------------------------------------------------------------

export interface SessionItem {
  readonly sub: string;
  readonly email: string;
  readonly companyId?: string;
  readonly client: SignInClient;
  readonly startedAt: string;
  readonly expiresAt: number;
}

export async function putSession(tokenHash: string, session: SessionItem): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: table(), Item: { ...authKeys.session(tokenHash), type: 'auth-session', ...session } }));
}

export async function findSession(tokenHash: string): Promise<SessionItem | undefined> {
  const item = await getItem(authKeys.session(tokenHash));
  if (!item) return undefined;
  return {
    sub: String(item.sub),
    email: String(item.email ?? ''),
    ...(typeof item.companyId === 'string' ? { companyId: item.companyId } : {}),
    client: item.client === 'console' ? 'console' : 'shop',
    startedAt: String(item.startedAt),
    expiresAt: Number(item.expiresAt),
  };
}

export async function deleteSession(tokenHash: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: table(), Key: authKeys.session(tokenHash) }));
}

export interface ChallengeBinding {
  readonly email: string;
  readonly client: SignInClient;
  readonly challenge: string;
  readonly wrongCodes: number;
  readonly expiresAt: number;
}

export async function putChallenge(sessionHash: string, binding: Omit<ChallengeBinding, 'wrongCodes'>): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: table(), Item: { ...authKeys.challenge(sessionHash), type: 'auth-challenge', ...binding, wrongCodes: 0 } }));
}

export async function findChallenge(sessionHash: string): Promise<ChallengeBinding | undefined> {
  const item = await getItem(authKeys.challenge(sessionHash));
  if (!item) return undefined;
  return {
    email: String(item.email),
    client: item.client === 'console' ? 'console' : 'shop',
    challenge: String(item.challenge),
    wrongCodes: Number(item.wrongCodes ?? 0),
    expiresAt: Number(item.expiresAt),
  };
}

/** Counts a wrong code on the binding; false when it was already used up (then it is gone). */
export async function countWrongCode(sessionHash: string, max: number): Promise<boolean> {
  const count = await countUp(authKeys.challenge(sessionHash), 'wrongCodes', max, { guard: 'attribute_exists(PK)' });
  if (count === undefined) return false;
  if (count >= max) await deleteChallenge(sessionHash);
  return true;
}

export async function deleteChallenge(sessionHash: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: table(), Key: authKeys.challenge(sessionHash) }));
}

// ---- password reset -----------------------------------------------------------------------------

export async function reserveResetIssue(email: string, window: { start: number; expiresAt: number }, max: number): Promise<boolean> {
  return (await countUp(authKeys.passwordResetIssued(email, window.start), 'issued', max, { window, type: 'password-reset-issued' })) !== undefined;
}

export interface ResetItem extends StoredResetCode {
  readonly sub: string;
  readonly companyId?: string;
}

/** A new code replaces an older one of the same address. */
export async function putResetCode(email: string, reset: ResetItem): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: table(), Item: { ...authKeys.passwordReset(email), type: 'password-reset', ...reset, createdAt: new Date().toISOString() } }),
  );
}

export async function findResetCode(email: string): Promise<ResetItem | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: authKeys.passwordReset(email), ConsistentRead: true }));
  if (!Item) return undefined;
  return {
    codeHash: String(Item.codeHash),
    salt: String(Item.salt),
    attempts: Number(Item.attempts ?? 0),
    expiresAt: Number(Item.expiresAt),
    sub: String(Item.sub),
    ...(typeof Item.companyId === 'string' ? { companyId: Item.companyId } : {}),
  };
}

/** Counts a wrong try against exactly this code; at the limit the code is deleted (burnt). */
export async function countWrongResetCode(email: string, codeHash: string, max: number): Promise<void> {
  const count = await countUp(authKeys.passwordReset(email), 'attempts', max, { guard: 'codeHash = :hash', values: { ':hash': codeHash } });
  if (count !== undefined && count >= max) {
    await dynamo()
      .send(
        new DeleteCommand({
          TableName: table(),
          Key: authKeys.passwordReset(email),
          ConditionExpression: 'codeHash = :hash',
          ExpressionAttributeValues: { ':hash': codeHash },
        }),
      )
      .catch(() => undefined);
  }
}

/** Uses the code up: deleted only while it is this code and not burnt (exactly one reset per code). */
export async function consumeResetCode(email: string, codeHash: string, max: number): Promise<boolean> {
  return conditionHolds(() =>
    dynamo().send(
      new DeleteCommand({
        TableName: table(),
        Key: authKeys.passwordReset(email),
        ConditionExpression: 'codeHash = :hash AND attempts < :max AND expiresAt > :now',
        ExpressionAttributeValues: { ':hash': codeHash, ':max': max, ':now': Math.floor(Date.now() / 1000) },
      }),
    ),
  );
}
