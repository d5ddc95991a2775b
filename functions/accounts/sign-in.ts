import type { Role } from '../../lib/definitions/index.js';
import type { Identity } from '../shared/auth.js';
import { AppError, badRequest, unauthenticated } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import * as directory from './auth-directory.js';
import * as store from './auth-repository.js';
import type { PortalAccount } from './auth-repository.js';
import { sessionTimeout } from './rules.js';
import {
  attemptWindow,
  challengeLimits,
  clientFitsRole,
  normalizeEmail,
  passwordPolicyProblem,
  sessionExpired,
  sessionItemLifetimeSeconds,
  sha256,
  signInAttempts,
  type AttemptWindow,
  type SignInClient,
} from './sign-in-rules.js';
import type { ChallengeAnswer, RefreshRequest, SignInRequest, SignOutRequest } from './contract.js';

/**
 * Sign-in through the portal API (the SPA no longer talks to Cognito directly): per-e-mail attempt
 * limit, portal-side checks (enabled, right app client for the role, no technical accounts), challenge
 * bindings, a server-side session per refresh token (refresh stops at the user's session timeout
 * counted from the interactive sign-in), audit entries in the home company's trail.
 */

export interface Tokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
}

export type SignInAnswer =
  | { readonly kind: 'signed-in'; readonly tokens: Tokens }
  | { readonly kind: 'challenge'; readonly challenge: 'NEW_PASSWORD_REQUIRED' | 'SOFTWARE_TOKEN_MFA'; readonly session: string };

const signInFailed = () => unauthenticated('SIGN_IN_FAILED', 'E-mail address or password is wrong, or the account cannot sign in here');
const tooManyAttempts = (window: AttemptWindow) =>
  new AppError(429, 'TOO_MANY_ATTEMPTS', `Too many failed sign-ins for this e-mail address; try again in ${Math.ceil(window.retryAfterSeconds / 60)} minutes`, {
    retryAfterSeconds: window.retryAfterSeconds,
  });

/** The person as an audit actor (sign-in events are the user's own). */
export const actorOf = (account: PortalAccount): Identity => ({
  sub: account.sub,
  email: account.email,
  name: account.name,
  role: account.role as Role,
  ...(account.companyId ? { companyId: account.companyId } : {}),
});

async function auditFailure(account: PortalAccount | undefined, client: SignInClient, reason: string): Promise<void> {
  if (!account) return;
  await store
    .writeAudit(account.companyId, actorOf(account), { action: 'sign-in.failed', details: { client, reason } })
    .catch((error: unknown) => logger.error('Could not write the sign-in.failed audit entry', { error: error as Error }));
}

/** Counts the attempt before anything is tried (atomic, so parallel guesses cannot pass the limit). */
async function reserveAttempt(email: string): Promise<AttemptWindow> {
  const window = attemptWindow(Date.now());
  if (!(await store.reserveSignInAttempt(email, window, signInAttempts.maxFailures))) throw tooManyAttempts(window);
  return window;
}

/** Who may sign in: a known, enabled person (no technical account) on the client of their role. */
function refusalOf(account: PortalAccount | undefined, client: SignInClient): string | undefined {
  if (!account) return 'unknown';
  if (!account.enabled) return 'account-disabled';
  if (account.technical) return 'technical-account';
  if (!clientFitsRole(client, account.role)) return 'wrong-client';
  return undefined;
}

function decodeClaims(jwt: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function conclude(account: PortalAccount, client: SignInClient, email: string, outcome: directory.AuthOutcome): Promise<SignInAnswer> {
  if (outcome.kind === 'challenge') {
    if (outcome.challenge !== 'NEW_PASSWORD_REQUIRED' && outcome.challenge !== 'SOFTWARE_TOKEN_MFA') {
      logger.error('Unsupported Cognito challenge', { challenge: outcome.challenge });
      throw signInFailed();
    }
    await store.putChallenge(sha256(outcome.session), {
      email,
      client,
      challenge: outcome.challenge,
      expiresAt: Math.floor(Date.now() / 1000) + challengeLimits.lifetimeSeconds,
    });
    return { kind: 'challenge', challenge: outcome.challenge, session: outcome.session };
  }
  const { IdToken, AccessToken, RefreshToken, ExpiresIn } = outcome.tokens;
  const claims = decodeClaims(IdToken!);
  // The tokens must be this person's, with the role the client is for (defence in depth: checked before, too).
  if (claims.sub !== account.sub || typeof claims['custom:role'] !== 'string' || !clientFitsRole(client, claims['custom:role'])) {
    if (RefreshToken) await directory.revokeRefreshToken(client, RefreshToken);
    await auditFailure(account, client, 'wrong-client');
    throw signInFailed();
  }
  if (!AccessToken || !RefreshToken) throw new Error('Cognito returned incomplete tokens');
  const now = Date.now();
  await store.putSession(sha256(RefreshToken), {
    sub: account.sub,
    email,
    ...(account.companyId ? { companyId: account.companyId } : {}),
    client,
    startedAt: new Date(now).toISOString(),
    expiresAt: Math.floor(now / 1000) + sessionItemLifetimeSeconds,
  });
  await store.writeAudit(account.companyId, actorOf(account), { action: 'sign-in', details: { client } });
  return { kind: 'signed-in', tokens: { idToken: IdToken!, accessToken: AccessToken, refreshToken: RefreshToken, expiresIn: ExpiresIn ?? 3600 } };
}

export async function signIn(input: SignInRequest): Promise<SignInAnswer> {
  const email = normalizeEmail(input.email);
  const window = await reserveAttempt(email);
  const account = await store.findAccountByEmail(email);
  const refused = refusalOf(account, input.client);
  if (refused) {
    await auditFailure(account, input.client, refused);
    throw signInFailed();
  }
  let outcome: directory.AuthOutcome;
  try {
    outcome = await directory.passwordSignIn(input.client, email, input.password);
  } catch (error) {
    if (!(error instanceof directory.DirectoryRefused)) throw error;
    await auditFailure(account, input.client, 'password');
    throw signInFailed();
  }
  // The password was right: this attempt does not count against the limit.
  await store.releaseSignInAttempt(email, window.start);
  return conclude(account!, input.client, email, outcome);
}

export async function answerChallenge(input: ChallengeAnswer): Promise<SignInAnswer> {
  const email = normalizeEmail(input.email);
  if (input.challenge === 'NEW_PASSWORD_REQUIRED') {
    const problem = passwordPolicyProblem(input.newPassword);
    if (problem) throw badRequest('PASSWORD_POLICY', `The new password needs ${problem}`);
  }
  const window = await reserveAttempt(email);
  const sessionHash = sha256(input.session);
  const binding = await store.findChallenge(sessionHash);
  // Cognito's session is honoured only for the e-mail, client and challenge it was issued for, in time.
  if (
    !binding ||
    binding.email !== email ||
    binding.client !== input.client ||
    binding.challenge !== input.challenge ||
    binding.expiresAt * 1000 <= Date.now()
  ) {
    throw signInFailed();
  }
  const account = await store.findAccountByEmail(email);
  const refused = refusalOf(account, input.client);
  if (refused) {
    await store.deleteChallenge(sessionHash);
    await auditFailure(account, input.client, refused);
    throw signInFailed();
  }
  let outcome: directory.AuthOutcome;
  try {
    outcome = await directory.answerChallenge(
      input.client,
      email,
      input.session,
      input.challenge === 'NEW_PASSWORD_REQUIRED'
        ? { challenge: input.challenge, newPassword: input.newPassword }
        : { challenge: input.challenge, code: input.code },
    );
  } catch (error) {
    if (!(error instanceof directory.DirectoryRefused)) throw error;
    if (error.reason === 'password-policy') {
      await store.releaseSignInAttempt(email, window.start);
      throw badRequest('PASSWORD_POLICY', 'The new password does not meet the password policy');
    }
    if (error.reason === 'code') {
      await store.countWrongCode(sessionHash, challengeLimits.maxWrongCodes);
      await auditFailure(account, input.client, 'mfa-code');
      throw unauthenticated('MFA_CODE_INVALID', 'The code is wrong or expired');
    }
    await store.deleteChallenge(sessionHash);
    await auditFailure(account, input.client, 'challenge');
    throw signInFailed();
  }
  await store.deleteChallenge(sessionHash);
  await store.releaseSignInAttempt(email, window.start);
  return conclude(account!, input.client, email, outcome);
}

const sessionExpiredError = () => unauthenticated('SESSION_EXPIRED', 'Your session has ended; please sign in again');
const sessionUnknown = () => unauthenticated('SESSION_UNKNOWN', 'This session is not known (signed out or replaced); please sign in again');

/** New ID and access tokens while the session holds: known, same client, account enabled, within the timeout. */
export async function refresh(input: RefreshRequest) {
  const tokenHash = sha256(input.refreshToken);
  const session = await store.findSession(tokenHash);
  if (!session || session.client !== input.client) throw sessionUnknown();
  const now = Date.now();
  if (session.expiresAt * 1000 <= now) {
    await store.deleteSession(tokenHash);
    throw sessionExpiredError();
  }
  const account = await store.findAccountBySub(session.companyId, session.sub);
  if (!account || !account.enabled) {
    await store.deleteSession(tokenHash);
    throw unauthenticated('ACCOUNT_DISABLED', 'Your account has been disabled');
  }
  const revoked = account.sessionsRevokedAt !== undefined && Math.floor(Date.parse(session.startedAt) / 1000) < account.sessionsRevokedAt;
  if (revoked || sessionExpired(session.startedAt, account.sessionTimeoutMinutes ?? sessionTimeout.defaultMinutes, now)) {
    await store.deleteSession(tokenHash);
    throw sessionExpiredError();
  }
  let tokens;
  try {
    tokens = await directory.refreshTokens(input.client, input.refreshToken);
  } catch (error) {
    if (!(error instanceof directory.DirectoryRefused)) throw error;
    await store.deleteSession(tokenHash);
    throw sessionUnknown();
  }
  return { tokens: { idToken: tokens.IdToken!, accessToken: tokens.AccessToken!, expiresIn: tokens.ExpiresIn ?? 3600 } };
}

/** Ends the session: the item goes, and Cognito revokes the refresh token (and the tokens it issued). */
export async function signOut(input: SignOutRequest): Promise<void> {
  const tokenHash = sha256(input.refreshToken);
  const session = await store.findSession(tokenHash);
  if (!session) return;
  await store.deleteSession(tokenHash);
  await directory.revokeRefreshToken(session.client, input.refreshToken);
}
