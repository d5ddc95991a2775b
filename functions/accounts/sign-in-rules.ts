import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { isCompanyRole, userPool } from '../../lib/definitions/index.js';
import { sessionTimeout } from './rules.js';

/**
 * Pure rules of the portal's sign-in door (functions/accounts/sign-in.ts, mfa.ts, password-reset.ts):
 * attempt windows, which app client a role signs in on, session expiry, reset codes. No AWS SDK here.
 */

export type SignInClient = 'shop' | 'console';

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Lower-case hex SHA-256: refresh tokens and challenge sessions are stored only as their hash. */
export const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

// ---- attempt limit ------------------------------------------------------------------------------

/** At most 10 failed sign-ins (wrong password, wrong MFA code) per e-mail address in a 15-minute window. */
export const signInAttempts = { maxFailures: 10, windowSeconds: 15 * 60 } as const;

export interface AttemptWindow {
  /** Epoch seconds the fixed window started at (part of the counter's key). */
  readonly start: number;
  /** Epoch seconds it ends; the counter item expires (TTL) a window later. */
  readonly end: number;
  readonly expiresAt: number;
  /** Seconds until a new window opens (Retry-After), at least 1. */
  readonly retryAfterSeconds: number;
}

export function attemptWindow(nowMs: number, windowSeconds: number = signInAttempts.windowSeconds): AttemptWindow {
  const now = Math.floor(nowMs / 1000);
  const start = now - (now % windowSeconds);
  const end = start + windowSeconds;
  return { start, end, expiresAt: end + windowSeconds, retryAfterSeconds: Math.max(1, end - now) };
}

/** Whether one more attempt may be made with `counted` attempts (failures plus ones in flight) in the window. */
export const attemptAllowed = (counted: number, max: number = signInAttempts.maxFailures): boolean => counted < max;

// ---- clients and roles --------------------------------------------------------------------------

/** Staff sign in on the console client, company users on the shop client; nobody on the other one. */
export function clientFitsRole(client: SignInClient, role: string): boolean {
  if (isCompanyRole(role)) return client === 'shop';
  return client === 'console' && (role === 'sales-rep' || role === 'back-office');
}

// ---- sessions -----------------------------------------------------------------------------------

/** A session item lives at most as long as the longest session timeout a user may choose. */
export const sessionItemLifetimeSeconds = sessionTimeout.maxMinutes * 60;

/** Whether a session that started interactively at `startedAt` is past the user's timeout. */
export function sessionExpired(startedAt: string, timeoutMinutes: number, nowMs: number): boolean {
  const started = Date.parse(startedAt);
  if (!Number.isFinite(started)) return true;
  return nowMs - started > timeoutMinutes * 60_000;
}

/** A challenge (new password, MFA code) must be answered within 3 minutes, with at most 3 wrong codes. */
export const challengeLimits = { lifetimeSeconds: 180, maxWrongCodes: 3 } as const;

// ---- password policy ----------------------------------------------------------------------------

/**
 * The pool's password policy (lib/definitions/user-pool.ts), checked before Cognito is asked: the
 * local emulator does not enforce it, and a clear 400 beats a Cognito error text.
 */
export function passwordPolicyProblem(password: string): string | undefined {
  const policy = userPool.passwordPolicy;
  if (password.length < policy.minLength) return `at least ${policy.minLength} characters`;
  if (policy.requireLowercase && !/[a-z]/.test(password)) return 'a lower-case letter';
  if (policy.requireUppercase && !/[A-Z]/.test(password)) return 'an upper-case letter';
  if (policy.requireDigits && !/[0-9]/.test(password)) return 'a digit';
  if (policy.requireSymbols && !/[^A-Za-z0-9]/.test(password)) return 'a symbol';
  if (password.length > 256) return 'at most 256 characters';
  return undefined;
}

// ---- password reset codes -----------------------------------------------------------------------

/** One-time reset codes: 6 digits, valid 15 minutes, burnt after 5 wrong tries, at most 3 per e-mail and hour. */
export const resetCodes = { digits: 6, lifetimeSeconds: 15 * 60, maxWrongAttempts: 5, maxPerHour: 3, issueWindowSeconds: 3600 } as const;

export const newResetCode = (): string => String(randomInt(0, 10 ** resetCodes.digits)).padStart(resetCodes.digits, '0');
export const newSalt = (): string => randomBytes(16).toString('hex');

/** Only this hash is stored (salted SHA-256); the code itself exists only in the e-mail. */
export const hashResetCode = (code: string, salt: string): string => sha256(`${salt}:${code.trim()}`);

export interface StoredResetCode {
  readonly codeHash: string;
  readonly salt: string;
  readonly attempts: number;
  /** Epoch seconds. */
  readonly expiresAt: number;
}

export type ResetDecision = 'accept' | 'wrong' | 'invalid';

/**
 * What a presented code means: `accept` (right code, in time, not burnt), `wrong` (counts as a failed
 * try), `invalid` (no code, expired or burnt: nothing to count).
 */
export function decideResetCode(stored: StoredResetCode | undefined, code: string, nowMs: number): ResetDecision {
  if (!stored) return 'invalid';
  if (stored.expiresAt * 1000 <= nowMs) return 'invalid';
  if (stored.attempts >= resetCodes.maxWrongAttempts) return 'invalid';
  const presented = Buffer.from(hashResetCode(code, stored.salt), 'hex');
  const expected = Buffer.from(stored.codeHash, 'hex');
  return presented.length === expected.length && timingSafeEqual(presented, expected) ? 'accept' : 'wrong';
}

// ---- MFA ----------------------------------------------------------------------------------------

/** `otpauth://totp/<issuer>:<account>?secret=…&issuer=…` (Key Uri Format of authenticator apps). */
export function otpauthUri(shopName: string, email: string, secret: string): string {
  const issuer = encodeURIComponent(shopName);
  return `otpauth://totp/${issuer}:${encodeURIComponent(email)}?secret=${encodeURIComponent(secret)}&issuer=${issuer}`;
}

/** Whether MFA may not be switched off: the home company requires it, or staff on a stack that requires it. */
export function mfaMandatory(user: { readonly staff: boolean; readonly companyRequiresMfa: boolean }, staffMfaRequired: boolean): boolean {
  return user.staff ? staffMfaRequired : user.companyRequiresMfa;
}
