import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '../shared/auth.js';
import { dynamo } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { accountKeys, auditPut, getItem, transact, type AuditEntry } from './repository.js';
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
export async function revokeSessions(account: Pick<PortalAccount, 'sub' | 'companyId'>, atSeconds: number, audit: { actor: Identity; entry: AuditEntry }): Promise<void> {
  await transact([
    {
      Update: {
        TableName: table(),
        Key: account.companyId ? accountKeys.companyUser(account.companyId, account.sub) : accountKeys.staffUser(account.sub),
        UpdateExpression: 'SET sessionsRevokedAt = :at',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':at': atSeconds },
      },
    },
    auditItem(account.companyId, audit.actor, audit.entry),
  ]);
}

/** Sets `mfaEnabled` on the home user record, with the audit row, in one transaction. */
export async function setMfaEnabled(account: Pick<PortalAccount, 'sub' | 'companyId'>, enabled: boolean, audit: { actor: Identity; entry: AuditEntry }): Promise<void> {
  await transact([
    {
      Update: {
        TableName: table(),
        Key: account.companyId ? accountKeys.companyUser(account.companyId, account.sub) : accountKeys.staffUser(account.sub),
        UpdateExpression: 'SET mfaEnabled = :enabled, mfaChangedAt = :at',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':enabled': enabled, ':at': new Date().toISOString() },
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

/**
 * Reserves one attempt in the e-mail's window (atomic ADD, refused at the limit). A successful
 * sign-in gives its reservation back, so only failures stay counted.
 */
export async function reserveSignInAttempt(email: string, window: { start: number; expiresAt: number }, max: number): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: authKeys.signInAttempts(email, window.start),
        UpdateExpression: 'ADD attempts :one SET expiresAt = if_not_exists(expiresAt, :ttl), #type = :type',
        ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :max',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':max': max, ':ttl': window.expiresAt, ':type': 'sign-in-attempts' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function releaseSignInAttempt(email: string, windowStart: number): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: authKeys.signInAttempts(email, windowStart),
      UpdateExpression: 'ADD attempts :minusOne',
      ConditionExpression: 'attempts > :zero',
      ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
    }),
  ).catch((error: unknown) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
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
  return { email: String(item.email), client: item.client === 'console' ? 'console' : 'shop', challenge: String(item.challenge), wrongCodes: Number(item.wrongCodes ?? 0), expiresAt: Number(item.expiresAt) };
}

/** Counts a wrong code on the binding; false when it was already used up (then it is gone). */
export async function countWrongCode(sessionHash: string, max: number): Promise<boolean> {
  try {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: authKeys.challenge(sessionHash),
        UpdateExpression: 'ADD wrongCodes :one',
        ConditionExpression: 'attribute_exists(PK) AND wrongCodes < :max',
        ExpressionAttributeValues: { ':one': 1, ':max': max },
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (Number(Attributes?.wrongCodes) >= max) await deleteChallenge(sessionHash);
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function deleteChallenge(sessionHash: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: table(), Key: authKeys.challenge(sessionHash) }));
}

// ---- password reset -----------------------------------------------------------------------------

export async function reserveResetIssue(email: string, window: { start: number; expiresAt: number }, max: number): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: authKeys.passwordResetIssued(email, window.start),
        UpdateExpression: 'ADD issued :one SET expiresAt = if_not_exists(expiresAt, :ttl), #type = :type',
        ConditionExpression: 'attribute_not_exists(issued) OR issued < :max',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':max': max, ':ttl': window.expiresAt, ':type': 'password-reset-issued' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export interface ResetItem extends StoredResetCode {
  readonly sub: string;
  readonly companyId?: string;
}

/** A new code replaces an older one of the same address. */
export async function putResetCode(email: string, reset: ResetItem): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: table(), Item: { ...authKeys.passwordReset(email), type: 'password-reset', ...reset, createdAt: new Date().toISOString() } }));
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
  try {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: authKeys.passwordReset(email),
        UpdateExpression: 'ADD attempts :one',
        ConditionExpression: 'codeHash = :hash AND attempts < :max',
        ExpressionAttributeValues: { ':one': 1, ':hash': codeHash, ':max': max },
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (Number(Attributes?.attempts) >= max) {
      await dynamo().send(new DeleteCommand({ TableName: table(), Key: authKeys.passwordReset(email), ConditionExpression: 'codeHash = :hash', ExpressionAttributeValues: { ':hash': codeHash } })).catch(() => undefined);
    }
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Uses the code up: deleted only while it is this code and not burnt (exactly one reset per code). */
export async function consumeResetCode(email: string, codeHash: string, max: number): Promise<boolean> {
  try {
    await dynamo().send(
      new DeleteCommand({
        TableName: table(),
        Key: authKeys.passwordReset(email),
        ConditionExpression: 'codeHash = :hash AND attempts < :max AND expiresAt > :now',
        ExpressionAttributeValues: { ':hash': codeHash, ':max': max, ':now': Math.floor(Date.now() / 1000) },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
