import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { conflict } from '../shared/errors.js';
import { transact, transactWrite, type TransactItem } from '../shared/transactions.js';
import type { AttemptCounter, Credential } from './rules.js';

/**
 * Punchout items in the single table (docs/access-patterns.md):
 *   configuration  PK COMPANY#<companyId>                            SK PUNCHOUT#CONFIG
 *   credential     PK PUNCHOUT-CREDENTIAL#oci#<username lower>       SK CREDENTIAL
 *                  PK PUNCHOUT-CREDENTIAL#cxml#<domain>#<identity>   SK CREDENTIAL   (lower case)
 *   session        PK COMPANY#<companyId>                            SK PUNCHOUT-SESSION#<id>   (TTL)
 *   start code     PK PUNCHOUT-CODE#<sha256 of the code>              SK CODE                    (TTL, one use)
 *   failed logins  PK PUNCHOUT-ATTEMPTS#<sha256 of the credential PK> SK ATTEMPTS                (TTL, counter)
 * The technical account itself (user item, e-mail claim) belongs to accounts (functions/accounts/technical-users.ts).
 */
export interface PunchoutConfig {
  readonly companyId: string;
  /**
   * The technical buyer account the portal created for this set-up (functions/accounts/technical-users.ts):
   * sessions act as it. Set-ups saved before technical accounts named a person in `userSub`; they
   * are refused at entry until an admin saves the set-up again.
   */
  readonly technicalUserSub?: string;
  readonly technicalUsername?: string;
  readonly oci: { readonly username: string } | null;
  readonly cxml: { readonly domain: string; readonly identity: string } | null;
  /** The shop's vendor number in the buyer's system (OCI NEW_ITEM-VENDOR), if the buyer gave one. */
  readonly vendorNumber?: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface CredentialRecord {
  readonly companyId: string;
  readonly protocol: 'oci' | 'cxml';
  readonly secretHash: string;
}

export interface PunchoutSession {
  readonly sessionId: string;
  readonly companyId: string;
  readonly userSub: string;
  readonly protocol: 'oci' | 'cxml';
  /** HOOK_URL (OCI) or BrowserFormPost URL (cXML). */
  readonly returnUrl: string;
  readonly oci?: { readonly okCode: string; readonly target: string; readonly caller: string };
  readonly cxml?: { readonly buyerCookie: string; readonly buyer: readonly Credential[]; readonly supplier: readonly Credential[]; readonly operation: string };
  /** Open this product first (OCI FUNCTION=DETAIL). */
  readonly productSku?: string;
  readonly createdAt: string;
  /** Epoch seconds (TTL attribute). */
  readonly expiresAt: number;
  readonly transferredAt?: string;
}

export const punchoutKeys = {
  config: (companyId: string) => ({ PK: `COMPANY#${companyId}`, SK: 'PUNCHOUT#CONFIG' }),
  ociCredential: (username: string) => ({ PK: `PUNCHOUT-CREDENTIAL#oci#${username.toLowerCase()}`, SK: 'CREDENTIAL' }),
  cxmlCredential: (domain: string, identity: string) => ({
    PK: `PUNCHOUT-CREDENTIAL#cxml#${domain.toLowerCase()}#${identity.toLowerCase()}`,
    SK: 'CREDENTIAL',
  }),
  session: (companyId: string, sessionId: string) => ({ PK: `COMPANY#${companyId}`, SK: `PUNCHOUT-SESSION#${sessionId}` }),
  startCode: (codeHash: string) => ({ PK: `PUNCHOUT-CODE#${codeHash}`, SK: 'CODE' }),
  attempts: (credentialHash: string) => ({ PK: `PUNCHOUT-ATTEMPTS#${credentialHash}`, SK: 'ATTEMPTS' }),
};

const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, type: _type, ...rest } = item;
  return rest as T;
};

async function get<T>(key: { PK: string; SK: string }): Promise<T | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName(), Key: key, ConsistentRead: true }));
  return strip<T>(Item);
}

export const readConfig = (companyId: string) => get<PunchoutConfig>(punchoutKeys.config(companyId));
export const readOciCredential = (username: string) => get<CredentialRecord>(punchoutKeys.ociCredential(username));
export const readCxmlCredential = (domain: string, identity: string) => get<CredentialRecord>(punchoutKeys.cxmlCredential(domain, identity));
export const readSession = (companyId: string, sessionId: string) => get<PunchoutSession>(punchoutKeys.session(companyId, sessionId));

const put = (item: Record<string, unknown>, condition?: string, values?: Record<string, unknown>): TransactItem => ({
  Put: {
    TableName: config.tableName(),
    Item: item,
    ...(condition ? { ConditionExpression: condition } : {}),
    ...(values ? { ExpressionAttributeValues: values } : {}),
  },
});
const remove = (key: { PK: string; SK: string }): TransactItem => ({ Delete: { TableName: config.tableName(), Key: key } });

export interface ConfigChange {
  readonly config: PunchoutConfig;
  /** Credentials to write (new or with a new secret); each may only belong to this company. */
  readonly credentials: readonly { key: { PK: string; SK: string }; record: CredentialRecord }[];
  /** Credentials no longer in use (renamed identity, protocol switched off). */
  readonly obsolete: readonly { PK: string; SK: string }[];
  /** `updatedAt` of the configuration this change was computed from (none: a first set-up). */
  readonly previousUpdatedAt: string | undefined;
  /** Items of other contexts written in the same transaction (the new technical account). */
  readonly also?: readonly TransactItem[];
}

/**
 * Configuration, credential items and a new technical account in one transaction: a credential
 * never points to a stale configuration, and two admins saving at once cannot both create an account.
 */
export async function saveConfig(change: ConfigChange): Promise<void> {
  const { companyId } = change.config;
  const items: TransactItem[] = [
    change.previousUpdatedAt === undefined
      ? put({ ...punchoutKeys.config(companyId), type: 'punchout-config', ...change.config }, 'attribute_not_exists(PK)')
      : put({ ...punchoutKeys.config(companyId), type: 'punchout-config', ...change.config }, 'updatedAt = :previous', {
          ':previous': change.previousUpdatedAt,
        }),
    ...change.credentials.map(({ key, record }) =>
      put({ ...key, type: 'punchout-credential', ...record }, 'attribute_not_exists(PK) OR companyId = :companyId', { ':companyId': companyId }),
    ),
    ...change.obsolete.map((key) => ({
      Delete: {
        TableName: config.tableName(),
        Key: key,
        ConditionExpression: 'attribute_not_exists(PK) OR companyId = :companyId',
        ExpressionAttributeValues: { ':companyId': companyId },
      },
    })),
    ...(change.also ?? []),
  ];
  const outcome = await transact(items);
  if (outcome.ok) return;
  if (outcome.reasons[0] === 'ConditionalCheckFailed') throw conflict('PUNCHOUT_CONFIG_CHANGED', 'The punchout set-up was changed meanwhile; reload it');
  throw conflict('PUNCHOUT_IDENTITY_TAKEN', 'This cXML identity is already configured for another account');
}

/** Configuration, credentials and (`also`) the technical account go together. */
export async function deleteConfig(current: PunchoutConfig, also: readonly TransactItem[] = []): Promise<void> {
  const items: TransactItem[] = [remove(punchoutKeys.config(current.companyId)), ...also];
  if (current.oci) items.push(remove(punchoutKeys.ociCredential(current.oci.username)));
  if (current.cxml) items.push(remove(punchoutKeys.cxmlCredential(current.cxml.domain, current.cxml.identity)));
  await transactWrite(items);
}

/** The session and its one-time start code together. */
export async function createSession(session: PunchoutSession, codeHash: string, codeExpiresAt: number): Promise<void> {
  await transactWrite([
    put({ ...punchoutKeys.session(session.companyId, session.sessionId), type: 'punchout-session', ...session }, 'attribute_not_exists(PK)'),
    put(
      {
        ...punchoutKeys.startCode(codeHash),
        type: 'punchout-start-code',
        companyId: session.companyId,
        sessionId: session.sessionId,
        expiresAt: codeExpiresAt,
      },
      'attribute_not_exists(PK)',
    ),
  ]);
}

/** Deletes the start code and returns what it pointed to; a second use (or an unknown code) finds nothing. */
export async function consumeStartCode(codeHash: string): Promise<{ companyId: string; sessionId: string; expiresAt: number } | undefined> {
  try {
    const { Attributes } = await dynamo().send(
      new DeleteCommand({
        TableName: config.tableName(),
        Key: punchoutKeys.startCode(codeHash),
        ConditionExpression: 'attribute_exists(PK)',
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes
      ? { companyId: String(Attributes.companyId), sessionId: String(Attributes.sessionId), expiresAt: Number(Attributes.expiresAt) }
      : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

// ---- failed credential attempts (rules.ts credentialLockout) ---------------------------------------

export async function readAttempts(credentialHash: string): Promise<AttemptCounter | undefined> {
  const item = await get<{ failures?: number; expiresAt?: number }>(punchoutKeys.attempts(credentialHash));
  return item ? { failures: Number(item.failures ?? 0), expiresAt: Number(item.expiresAt ?? 0) } : undefined;
}

/**
 * Counts one failure atomically (ADD): within a live window the count grows, an expired counter
 * (TTL deletes lazily) starts a new window. Returns the counter after the failure.
 */
export async function countFailure(credentialHash: string, now: number, windowEnd: number): Promise<AttemptCounter> {
  const Key = punchoutKeys.attempts(credentialHash);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const { Attributes } = await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName(),
          Key,
          UpdateExpression: 'ADD failures :one SET expiresAt = if_not_exists(expiresAt, :windowEnd), #type = :type',
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt > :now',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':windowEnd': windowEnd, ':now': now, ':type': 'punchout-attempts' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { failures: Number(Attributes?.failures ?? 1), expiresAt: Number(Attributes?.expiresAt ?? windowEnd) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    // The counter has expired: start a new window, unless another request just did.
    try {
      await dynamo().send(
        new PutCommand({
          TableName: config.tableName(),
          Item: { ...Key, type: 'punchout-attempts', failures: 1, expiresAt: windowEnd },
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return { failures: 1, expiresAt: windowEnd };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw conflict('PUNCHOUT_BUSY', 'Too many concurrent punchout attempts; retry');
}

/** Extends a lock (back-off); never shortens one that another request extended further. */
export async function extendLock(credentialHash: string, until: number): Promise<void> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName(),
        Key: punchoutKeys.attempts(credentialHash),
        UpdateExpression: 'SET expiresAt = :until',
        ConditionExpression: 'attribute_exists(PK) AND expiresAt < :until',
        ExpressionAttributeValues: { ':until': until },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export async function clearAttempts(credentialHash: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: config.tableName(), Key: punchoutKeys.attempts(credentialHash) }));
}

export async function markTransferred(companyId: string, sessionId: string, at: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: config.tableName(),
      Key: punchoutKeys.session(companyId, sessionId),
      UpdateExpression: 'SET transferredAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}
