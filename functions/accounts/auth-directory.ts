import {
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from '../shared/clients/cognito.js';
import { config } from '../shared/config.js';
import type { SignInClient } from './sign-in-rules.js';

/**
 * The Cognito side of the sign-in door. InitiateAuth, RespondToAuthChallenge, RevokeToken and the
 * access-token operations (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference) are
 * public Cognito operations that IAM does not evaluate; only AdminSetUserPassword needs a grant.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const clientId = (client: SignInClient): string => required(client === 'shop' ? 'SHOP_CLIENT_ID' : 'CONSOLE_CLIENT_ID');

/** Why Cognito refused: the caller only ever learns "sign-in failed", the audit trail learns more. */
export type DirectoryRefusal = 'credentials' | 'code' | 'password-policy' | 'session' | 'unknown-user';

export class DirectoryRefused extends Error {
  constructor(
    readonly reason: DirectoryRefusal,
    cause: unknown,
  ) {
    super(`Cognito refused: ${reason}`, { cause });
    this.name = 'DirectoryRefused';
  }
}

/** Maps Cognito's refusals; AWS says NotAuthorizedException for a wrong password, cognito-local InvalidPasswordException. */
function refusal(error: unknown, context: 'password' | 'challenge' | 'new-password' | 'refresh' | 'set-password'): never {
  const name = (error as { name?: string }).name ?? '';
  if (name === 'CodeMismatchException' || name === 'EnableSoftwareTokenMFAException' || name === 'ExpiredCodeException')
    throw new DirectoryRefused('code', error);
  if (name === 'InvalidPasswordException') {
    // InitiateAuth: the emulator's wrong password. Elsewhere: the new password breaks the policy.
    throw new DirectoryRefused(context === 'password' ? 'credentials' : 'password-policy', error);
  }
  if (name === 'NotAuthorizedException') throw new DirectoryRefused(context === 'challenge' || context === 'new-password' ? 'session' : 'credentials', error);
  if (name === 'UserNotFoundException') throw new DirectoryRefused('unknown-user', error);
  if (name === 'PasswordResetRequiredException' || name === 'UserNotConfirmedException') throw new DirectoryRefused('credentials', error);
  throw error;
}

export type AuthOutcome =
  | { readonly kind: 'tokens'; readonly tokens: AuthenticationResultType }
  | { readonly kind: 'challenge'; readonly challenge: string; readonly session: string };

function outcome(result: { AuthenticationResult?: AuthenticationResultType; ChallengeName?: string; Session?: string }): AuthOutcome {
  if (result.AuthenticationResult?.IdToken) return { kind: 'tokens', tokens: result.AuthenticationResult };
  if (result.ChallengeName && result.Session) return { kind: 'challenge', challenge: result.ChallengeName, session: result.Session };
  throw new Error(`Unexpected Cognito answer: ${result.ChallengeName ?? 'neither tokens nor a challenge'}`);
}

export async function passwordSignIn(client: SignInClient, email: string, password: string): Promise<AuthOutcome> {
  try {
    return outcome(
      await cognito().send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId(client), AuthParameters: { USERNAME: email, PASSWORD: password } }),
      ),
    );
  } catch (error) {
    refusal(error, 'password');
  }
}

export async function answerChallenge(
  client: SignInClient,
  email: string,
  session: string,
  answer: { challenge: 'NEW_PASSWORD_REQUIRED'; newPassword: string } | { challenge: 'SOFTWARE_TOKEN_MFA'; code: string },
): Promise<AuthOutcome> {
  const ChallengeResponses: Record<string, string> =
    answer.challenge === 'NEW_PASSWORD_REQUIRED'
      ? { USERNAME: email, NEW_PASSWORD: answer.newPassword }
      : { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: answer.code };
  try {
    return outcome(
      await cognito().send(
        new RespondToAuthChallengeCommand({ ClientId: clientId(client), ChallengeName: answer.challenge, Session: session, ChallengeResponses }),
      ),
    );
  } catch (error) {
    refusal(error, answer.challenge === 'NEW_PASSWORD_REQUIRED' ? 'new-password' : 'challenge');
  }
}

export async function refreshTokens(client: SignInClient, refreshToken: string): Promise<AuthenticationResultType> {
  try {
    const result = await cognito().send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId(client), AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    );
    if (!result.AuthenticationResult?.IdToken) throw new Error('Cognito returned no tokens on refresh');
    return result.AuthenticationResult;
  } catch (error) {
    refusal(error, 'refresh');
  }
}

/** Best effort: a revoked (or unknown) token is no error for sign-out. */
export async function revokeRefreshToken(client: SignInClient, refreshToken: string): Promise<void> {
  await cognito()
    .send(new RevokeTokenCommand({ ClientId: clientId(client), Token: refreshToken }))
    .catch(() => undefined);
}

export async function associateSoftwareToken(accessToken: string): Promise<string> {
  try {
    const { SecretCode } = await cognito().send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    if (!SecretCode) throw new Error('Cognito returned no secret');
    return SecretCode;
  } catch (error) {
    refusal(error, 'refresh');
  }
}

export async function verifySoftwareToken(accessToken: string, code: string, deviceName?: string): Promise<void> {
  try {
    const { Status } = await cognito().send(
      new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code, ...(deviceName ? { FriendlyDeviceName: deviceName } : {}) }),
    );
    if (Status !== 'SUCCESS') throw new DirectoryRefused('code', new Error(`VerifySoftwareToken: ${Status}`));
  } catch (error) {
    if (error instanceof DirectoryRefused) throw error;
    // No token associated yet (InvalidParameterException) is a wrong code from the user's point of view.
    if ((error as { name?: string }).name === 'InvalidParameterException') throw new DirectoryRefused('code', error);
    refusal(error, 'challenge');
  }
}

export async function setSoftwareTokenMfa(accessToken: string, enabled: boolean): Promise<void> {
  try {
    await cognito().send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: enabled, PreferredMfa: enabled } }));
  } catch (error) {
    refusal(error, 'refresh');
  }
}

export async function setPermanentPassword(email: string, password: string): Promise<void> {
  try {
    await cognito().send(new AdminSetUserPasswordCommand({ UserPoolId: config.userPoolId(), Username: email, Password: password, Permanent: true }));
  } catch (error) {
    refusal(error, 'set-password');
  }
}
