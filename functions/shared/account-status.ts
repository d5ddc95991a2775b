import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { Identity } from './auth.js';
import { config } from './config.js';
import { loadItem } from './items.js';
import { assessSession, defaultSessionTimeoutMinutes, type AccountStatus } from './session-rules.js';

/** The caller's own user record (home company or staff) and the home company's profile. */
const homeUserKey = (identity: Pick<Identity, 'sub' | 'companyId'>) =>
  identity.companyId ? { PK: `COMPANY#${identity.companyId}`, SK: `USER#${identity.sub}` } : { PK: 'STAFF', SK: `USER#${identity.sub}` };
const companyKey = (companyId: string) => ({ PK: `COMPANY#${companyId}`, SK: 'PROFILE' });
/** The shop's settings item: nearly every request needs it, so it is read together with the caller's status. */
export const shopSettingsKey = () => ({ PK: 'CONFIG', SK: 'SHOP' });

const cache = new Map<string, { readonly status: AccountStatus | undefined; readonly until: number }>();

/** Drops a cached status (the accounts context calls it after a change made in this Lambda instance). */
export function forgetAccountStatus(sub: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${sub}|`)) cache.delete(key);
}

async function readStatus(identity: Identity): Promise<AccountStatus | undefined> {
  const userKey = homeUserKey(identity);
  // Through the request's batched reads: the profile and whatever the route prefetches come in the same BatchGetItem.
  const [user, company] = await Promise.all([loadItem(userKey), identity.companyId ? loadItem(companyKey(identity.companyId)) : undefined]);
  if (!user) return undefined;
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

/** Reads the caller's status (batched with the request's first reads) and refuses the request when the session no longer holds. */
export async function enforceAccountStatus(identity: Identity, claims: JwtPayload, options: { readonly mfaSetupRoute: boolean }): Promise<void> {
  assessSession(identity, claims, await accountStatus(identity), { nowSeconds: Math.floor(Date.now() / 1000), mfaSetupRoute: options.mfaSetupRoute });
}
