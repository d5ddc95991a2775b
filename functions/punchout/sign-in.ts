import { randomBytes } from 'node:crypto';
import { AdminInitiateAuthCommand, AdminSetUserPasswordCommand, NotAuthorizedException } from '@aws-sdk/client-cognito-identity-provider';
import { findTechnicalPunchoutUser, technicalDomain } from '../accounts/service.js';
import { cognito } from '../shared/clients/cognito.js';
import { config } from '../shared/config.js';

/**
 * Server-side sign-in of a company's technical punchout account (functions/accounts/technical-users.ts).
 * Nobody signs in with it interactively: each punchout start sets a fresh random password nobody
 * sees (AdminSetUserPassword, permanent) and signs in with it (ADMIN_USER_PASSWORD_AUTH on the shop
 * client). The SPA gets ID and access token only — no refresh token, so a punchout session ends with
 * the token (1 h).
 *
 * This is the only place that sets a password, so it checks for itself, on the user item, that the
 * account is the portal's technical punchout account: whatever a caller passes, a person's
 * password is never replaced.
 */
export interface PunchoutTokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly expiresIn: number;
}

export function shopClientId(): string {
  const value = process.env.SHOP_CLIENT_ID;
  if (!value) throw new Error('Missing environment variable SHOP_CLIENT_ID');
  return value;
}

// Meets the pool policy (upper, lower, digits, ≥ 12) with 256 random bits.
const oneTimePassword = () => `${randomBytes(32).toString('base64url')}Aa7`;

/** Refuses (throws) unless `sub` is an enabled technical punchout account of `companyId` on the reserved domain. */
export async function technicalAccountToSignIn(companyId: string, sub: string): Promise<string> {
  const user = await findTechnicalPunchoutUser(companyId, sub);
  if (!user || user.technical !== 'punchout' || !user.enabled || !user.email.endsWith(`@${technicalDomain}`)) {
    throw new Error(`Refusing the server-side sign-in of ${sub} in ${companyId}: not an enabled technical punchout account`);
  }
  return user.email;
}

export async function signInTechnicalUser(companyId: string, sub: string): Promise<PunchoutTokens> {
  const username = await technicalAccountToSignIn(companyId, sub);
  const UserPoolId = config.userPoolId();
  // Two punchout starts for the same account at once: the later password wins, the earlier sign-in retries.
  for (let attempt = 1; ; attempt += 1) {
    const password = oneTimePassword();
    await cognito().send(new AdminSetUserPasswordCommand({ UserPoolId, Username: username, Password: password, Permanent: true }));
    try {
      const result = await cognito().send(
        new AdminInitiateAuthCommand({
          UserPoolId,
          ClientId: shopClientId(),
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );
      const tokens = result.AuthenticationResult;
      if (!tokens?.IdToken || !tokens.AccessToken)
        throw new Error(`Unexpected sign-in response for the punchout account: ${result.ChallengeName ?? 'no tokens'}`);
      return { idToken: tokens.IdToken, accessToken: tokens.AccessToken, expiresIn: tokens.ExpiresIn ?? 3600 };
    } catch (error) {
      const passwordReplaced = error instanceof NotAuthorizedException || (error as Error).name === 'InvalidPasswordException';
      if (!passwordReplaced || attempt >= 3) throw error;
    }
  }
}
