import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { Identity } from './auth.js';
import { dynamo } from './clients/dynamo.js';
import { config } from './config.js';
import { assessSession, defaultSessionTimeoutMinutes, type AccountStatus } from './session-rules.js';

/** Reads the caller's own user record (home company or staff) and the home company's settings: one BatchGetItem. */
const homeUserKey = (identity: Pick<Identity, 'sub' | 'companyId'>) =>
  identity.companyId ? { PK: `COMPANY#${identity.companyId}`, SK: `USER#${identity.sub}` } : { PK: 'STAFF', SK: `USER#${identity.sub}` };
const companyKey = (companyId: string) => ({ PK: `COMPANY#${companyId}`, SK: 'PROFILE' });

const cache = new Map<string, { readonly status: AccountStatus | undefined; readonly until: number }>();

/** Drops a cached status (the accounts context calls it after a change made in this Lambda instance). */
export function forgetAccountStatus(sub: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${sub}|`)) cache.delete(key);
}

async function readStatus(identity: Identity): Promise<AccountStatus | undefined> {
  const userKey = homeUserKey(identity);
  const keys = identity.companyId ? [userKey, companyKey(identity.companyId)] : [userKey];
  const table = config.tableName();
  let pending: Record<string, unknown>[] = keys;
  const items: Record<string, unknown>[] = [];
  for (let round = 0; pending.length && round < 5; round += 1) {
    const result = await dynamo().send(
      new BatchGetCommand({
        RequestItems: {
          [table]: {
            Keys: pending,
            ConsistentRead: true,
            ProjectionExpression: 'PK, SK, #role, enabled, homeCompanyId, sessionTimeoutMinutes, sessionsRevokedAt, mfaEnabled, mfaRequired, technical',
            ExpressionAttributeNames: { '#role': 'role' },
          },
        },
      }),
    );
    items.push(...(result.Responses?.[table] ?? []));
    pending = (result.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
  }
  if (pending.length) throw new Error('Account status could not be read');
  const user = items.find((item) => item.PK === userKey.PK && item.SK === userKey.SK);
  if (!user) return undefined;
  const company = identity.companyId ? items.find((item) => item.SK === 'PROFILE') : undefined;
  const staffNeedsMfa = !identity.companyId && config.staffMfaRequired();
  // A technical account (punchout) is signed in by the portal itself and can never enrol a second factor.
  const technical = user.technical !== undefined;
  return {
    enabled: user.enabled !== false,
    role: String(user.role ?? ''),
    ...(typeof user.homeCompanyId === 'string' ? { homeCompanyId: user.homeCompanyId } : {}),
    sessionTimeoutMinutes: Number(user.sessionTimeoutMinutes ?? defaultSessionTimeoutMinutes),
    ...(typeof user.sessionsRevokedAt === 'number' ? { sessionsRevokedAt: user.sessionsRevokedAt } : {}),
    mfaEnabled: user.mfaEnabled === true,
    mfaRequired: !technical && (staffNeedsMfa || company?.mfaRequired === true),
  };
}

async function accountStatus(identity: Identity): Promise<AccountStatus | undefined> {
  const seconds = config.accountStatusCacheSeconds();
  if (seconds === 0) return readStatus(identity);
  const key = `${identity.sub}|${identity.companyId ?? 'STAFF'}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.status;
  const status = await readStatus(identity);
  cache.set(key, { status, until: Date.now() + seconds * 1000 });
  return status;
}

/** Reads the caller's status (one BatchGetItem) and refuses the request when the session no longer holds. */
export async function enforceAccountStatus(identity: Identity, claims: JwtPayload, options: { readonly mfaSetupRoute: boolean }): Promise<void> {
  assessSession(identity, claims, await accountStatus(identity), { nowSeconds: Math.floor(Date.now() / 1000), mfaSetupRoute: options.mfaSetupRoute });
}
