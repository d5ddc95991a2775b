import { DeleteCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { conflict } from '../shared/errors.js';
import type { TransactItem } from '../orders/placement.js';
import type { Credential } from './rules.js';

/**
 * Punchout items in the single table (docs/access-patterns.md):
 *   configuration  PK COMPANY#<companyId>                            SK PUNCHOUT#CONFIG
 *   credential     PK PUNCHOUT-CREDENTIAL#oci#<username lower>       SK CREDENTIAL
 *                  PK PUNCHOUT-CREDENTIAL#cxml#<domain>#<identity>   SK CREDENTIAL   (lower case)
 *   session        PK COMPANY#<companyId>                            SK PUNCHOUT-SESSION#<id>   (TTL)
 *   start code     PK PUNCHOUT-CODE#<sha256 of the code>              SK CODE                    (TTL, one use)
 */
export interface PunchoutConfig {
  readonly companyId: string;
  /** The company user punchout sessions act as (a dedicated buyer account). */
  readonly userSub: string;
  readonly userEmail: string;
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
  cxmlCredential: (domain: string, identity: string) => ({ PK: `PUNCHOUT-CREDENTIAL#cxml#${domain.toLowerCase()}#${identity.toLowerCase()}`, SK: 'CREDENTIAL' }),
  session: (companyId: string, sessionId: string) => ({ PK: `COMPANY#${companyId}`, SK: `PUNCHOUT-SESSION#${sessionId}` }),
  startCode: (codeHash: string) => ({ PK: `PUNCHOUT-CODE#${codeHash}`, SK: 'CODE' }),
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
  Put: { TableName: config.tableName(), Item: item, ...(condition ? { ConditionExpression: condition } : {}), ...(values ? { ExpressionAttributeValues: values } : {}) },
});
const remove = (key: { PK: string; SK: string }): TransactItem => ({ Delete: { TableName: config.tableName(), Key: key } });

export interface ConfigChange {
  readonly config: PunchoutConfig;
  /** Credentials to write (new or with a new secret); each may only belong to this company. */
  readonly credentials: readonly { key: { PK: string; SK: string }; record: CredentialRecord }[];
  /** Credentials no longer in use (renamed identity, protocol switched off). */
  readonly obsolete: readonly { PK: string; SK: string }[];
}

/** Configuration and credential items in one transaction: a credential never points to a stale configuration. */
export async function saveConfig(change: ConfigChange): Promise<void> {
  const { companyId } = change.config;
  const items: TransactItem[] = [
    put({ ...punchoutKeys.config(companyId), type: 'punchout-config', ...change.config }),
    ...change.credentials.map(({ key, record }) =>
      put({ ...key, type: 'punchout-credential', ...record }, 'attribute_not_exists(PK) OR companyId = :companyId', { ':companyId': companyId }),
    ),
    ...change.obsolete.map((key) => ({ Delete: { TableName: config.tableName(), Key: key, ConditionExpression: 'attribute_not_exists(PK) OR companyId = :companyId', ExpressionAttributeValues: { ':companyId': companyId } } })),
  ];
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw conflict('PUNCHOUT_IDENTITY_TAKEN', 'This cXML identity is already configured for another account');
    throw error;
  }
}

export async function deleteConfig(current: PunchoutConfig): Promise<void> {
  const items: TransactItem[] = [remove(punchoutKeys.config(current.companyId))];
  if (current.oci) items.push(remove(punchoutKeys.ociCredential(current.oci.username)));
  if (current.cxml) items.push(remove(punchoutKeys.cxmlCredential(current.cxml.domain, current.cxml.identity)));
  await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
}

/** The session and its one-time start code together. */
export async function createSession(session: PunchoutSession, codeHash: string, codeExpiresAt: number): Promise<void> {
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        put({ ...punchoutKeys.session(session.companyId, session.sessionId), type: 'punchout-session', ...session }, 'attribute_not_exists(PK)'),
        put({ ...punchoutKeys.startCode(codeHash), type: 'punchout-start-code', companyId: session.companyId, sessionId: session.sessionId, expiresAt: codeExpiresAt }, 'attribute_not_exists(PK)'),
      ],
    }),
  );
}

/** Deletes the start code and returns what it pointed to; a second use (or an unknown code) finds nothing. */
export async function consumeStartCode(codeHash: string): Promise<{ companyId: string; sessionId: string; expiresAt: number } | undefined> {
  try {
    const { Attributes } = await dynamo().send(
      new DeleteCommand({ TableName: config.tableName(), Key: punchoutKeys.startCode(codeHash), ConditionExpression: 'attribute_exists(PK)', ReturnValues: 'ALL_OLD' }),
    );
    return Attributes ? { companyId: String(Attributes.companyId), sessionId: String(Attributes.sessionId), expiresAt: Number(Attributes.expiresAt) } : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
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
