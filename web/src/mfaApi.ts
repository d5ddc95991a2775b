/**
 * Two-factor authentication (TOTP) of the signed-in user and a company's MFA requirement
 * (functions/accounts/mfa.ts): calls on top of the ApiClient. The MFA routes take the session's
 * access token in the body, because Cognito's AssociateSoftwareToken / VerifySoftwareToken need it.
 */
import { ApiError, type ApiClient } from './api.js';
import type { AuthClient } from './auth.js';
import type { MfaSetup, MfaStatus } from './types.js';

const accessTokenOf = async (auth: AuthClient): Promise<string> => {
  const accessToken = await auth.getAccessToken();
  if (!accessToken) throw new ApiError(401, 'UNAUTHENTICATED', 'Please sign in');
  return accessToken;
};

/** Starts the setup: a new secret for the authenticator app (not active until verified). */
export const startMfaSetup = async (api: ApiClient, auth: AuthClient): Promise<MfaSetup> =>
  api.call('POST /me/mfa/setup', { body: { accessToken: await accessTokenOf(auth) } }, { auth: 'required' });

/** Confirms the setup with a code of the app; from then on sign-in asks for a code. */
export const verifyMfa = async (api: ApiClient, auth: AuthClient, code: string, deviceName?: string): Promise<MfaStatus> =>
  api.call('POST /me/mfa/verify', { body: { accessToken: await accessTokenOf(auth), code, ...(deviceName ? { deviceName } : {}) } }, { auth: 'required' });

/** Turns two-factor authentication off (refused with 409 MFA_REQUIRED when it is required). */
export const disableMfa = async (api: ApiClient, auth: AuthClient): Promise<MfaStatus> =>
  api.call('DELETE /me/mfa', { body: { accessToken: await accessTokenOf(auth) } }, { auth: 'required' });

/** Company admins: require two-factor authentication for all employees of the company. */
export const setCompanyMfaRequired = (api: ApiClient, companyId: string, mfaRequired: boolean) =>
  api.call('PUT /companies/{companyId}/security', { params: { companyId }, body: { mfaRequired } }, { auth: 'required' });

/** The secret in blocks of four characters, easier to type into an app. */
export const groupSecret = (secret: string): string => secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

/** Readable texts for the MFA error codes. */
export const mfaErrorTexts: Record<string, string> = {
  MFA_CODE_INVALID: 'This code is not correct. Enter the current 6-digit code from your authenticator app.',
  MFA_REQUIRED: 'Two-factor authentication is required for your account and cannot be turned off.',
  MFA_SETUP_REQUIRED: 'Please set up two-factor authentication first.',
};
