import type { Identity } from '../shared/auth.js';
import { forgetAccountStatus } from '../shared/account-status.js';
import { config } from '../shared/config.js';
import { badRequest, conflict, forbidden, unauthenticated } from '../shared/errors.js';
import * as directory from './auth-directory.js';
import * as store from './auth-repository.js';
import { authorizedAccount, presentAccount } from './companies.js';
import * as repository from './repository.js';
import { mfaMandatory, otpauthUri } from './sign-in-rules.js';
import type { CompanySecurityChange, MfaVerification } from './contract.js';

/**
 * TOTP enrolment of the signed-in user (Cognito software token with the user's access token) and the
 * company's "MFA required" switch. The user record's `mfaEnabled` is what the per-request check
 * (functions/shared/account-status.ts) reads.
 */

const homeCompanyOf = (caller: Identity): string | undefined => caller.home?.companyId ?? caller.companyId;

/**
 * Cognito verifies the access token's signature itself; the portal checks that it is an access token
 * of the same person as the verified ID token, so nobody enrols a device for someone else.
 */
function assertOwnAccessToken(caller: Identity, accessToken: string): void {
  let claims: Record<string, unknown> = {};
  try {
    claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    // falls through to the refusal below
  }
  const expired = typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now();
  if (claims.token_use !== 'access' || claims.sub !== caller.sub || expired) throw forbidden('The access token does not belong to your sign-in');
}

/** Whether the caller's home company (or, for staff, the deployment) requires MFA. */
export async function mfaRequiredFor(caller: Identity): Promise<boolean> {
  const companyId = homeCompanyOf(caller);
  const company = companyId ? await repository.findAccount(companyId) : undefined;
  return mfaMandatory({ staff: !companyId, companyRequiresMfa: company?.mfaRequired === true }, config.staffMfaRequired());
}

async function shopName(): Promise<string> {
  return (await repository.readShopSettings()).name;
}

export async function setUpMfa(caller: Identity, accessToken: string) {
  assertOwnAccessToken(caller, accessToken);
  let secret: string;
  try {
    secret = await directory.associateSoftwareToken(accessToken);
  } catch (error) {
    if (error instanceof directory.DirectoryRefused) throw unauthenticated('INVALID_TOKEN', 'The access token was refused');
    throw error;
  }
  return { secret, otpauthUri: otpauthUri(await shopName(), caller.email, secret) };
}

export async function verifyMfa(caller: Identity, input: MfaVerification) {
  assertOwnAccessToken(caller, input.accessToken);
  try {
    await directory.verifySoftwareToken(input.accessToken, input.code, input.deviceName);
    await directory.setSoftwareTokenMfa(input.accessToken, true);
  } catch (error) {
    if (error instanceof directory.DirectoryRefused) {
      if (error.reason === 'code') throw badRequest('MFA_CODE_INVALID', 'The code is wrong or expired');
      throw unauthenticated('INVALID_TOKEN', 'The access token was refused');
    }
    throw error;
  }
  await store.setMfaEnabled({ sub: caller.sub, ...(homeCompanyOf(caller) ? { companyId: homeCompanyOf(caller)! } : {}) }, true, {
    actor: caller,
    entry: { action: 'mfa.enabled', details: input.deviceName ? { deviceName: input.deviceName } : undefined },
  });
  forgetAccountStatus(caller.sub);
  return { mfaEnabled: true };
}

export async function disableMfa(caller: Identity, accessToken: string) {
  assertOwnAccessToken(caller, accessToken);
  if (await mfaRequiredFor(caller)) {
    throw conflict('MFA_REQUIRED', caller.companyId ? 'Your company requires two-factor authentication' : 'Staff accounts require two-factor authentication');
  }
  try {
    await directory.setSoftwareTokenMfa(accessToken, false);
  } catch (error) {
    if (error instanceof directory.DirectoryRefused) throw unauthenticated('INVALID_TOKEN', 'The access token was refused');
    throw error;
  }
  await store.setMfaEnabled({ sub: caller.sub, ...(homeCompanyOf(caller) ? { companyId: homeCompanyOf(caller)! } : {}) }, false, {
    actor: caller,
    entry: { action: 'mfa.disabled' },
  });
  forgetAccountStatus(caller.sub);
  return { mfaEnabled: false };
}

/** Company admins require MFA for every employee of their company (members from other companies follow their home company). */
export async function setCompanySecurity(caller: Identity, companyId: string, settings: CompanySecurityChange) {
  const account = await authorizedAccount(caller, companyId, 'manage-users');
  await store.setCompanyMfaRequired(companyId, account.version, settings.mfaRequired, caller);
  return presentAccount({ ...account, mfaRequired: settings.mfaRequired, version: account.version + 1 });
}
