import { randomBytes } from 'node:crypto';
import { AdminInitiateAuthCommand, AdminSetUserPasswordCommand, NotAuthorizedException } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from '../shared/clients.js';
import { config } from '../shared/config.js';

/**
 * Server-side sign-in of the company's punchout user. The user never signs in interactively: each
 * punchout start sets a fresh random password nobody sees (AdminSetUserPassword, permanent) and signs
 * in with it (ADMIN_USER_PASSWORD_AUTH on the shop client). The SPA gets ID and access token only —
 * no refresh token, so a punchout session ends with the token (1 h).
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

export async function signInPunchoutUser(email: string): Promise<PunchoutTokens> {
  const UserPoolId = config.userPoolId();
  // Two punchout starts for the same user at once: the later password wins, the earlier sign-in retries.
  for (let attempt = 1; ; attempt += 1) {
    const password = oneTimePassword();
    await cognito().send(new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: password, Permanent: true }));
    try {
      const result = await cognito().send(
        new AdminInitiateAuthCommand({ UserPoolId, ClientId: shopClientId(), AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } }),
      );
      const tokens = result.AuthenticationResult;
      if (!tokens?.IdToken || !tokens.AccessToken) throw new Error(`Unexpected sign-in response for the punchout user: ${result.ChallengeName ?? 'no tokens'}`);
      return { idToken: tokens.IdToken, accessToken: tokens.AccessToken, expiresIn: tokens.ExpiresIn ?? 3600 };
    } catch (error) {
      const passwordReplaced = error instanceof NotAuthorizedException || (error as Error).name === 'InvalidPasswordException';
      if (!passwordReplaced || attempt >= 3) throw error;
    }
  }
}
