import { isCompanyRole } from '../../lib/definitions/index.js';
import type { Identity } from './auth.js';
import { AppError, unauthenticated } from './errors.js';

/**
 * The server-side half of a session: a valid signature is not enough. Every request reads the
 * caller's own user record (home company or staff) and the home company's security settings in one
 * BatchGetItem, so that
 *  - a disabled user is refused on the next request, whatever tokens they still hold;
 *  - the token's company and role must be the ones the portal recorded for this person (a rewritten
 *    `custom:companyId` claim meets no user record, or a membership row, and is refused);
 *  - the per-user session timeout counts from the interactive sign-in (`auth_time`);
 *  - a company (or, on a deployed stack, the staff) can require MFA before anything else works.
 */
export interface AccountStatus {
  readonly enabled: boolean;
  readonly role: string;
  /** Set on member rows only; the home record of a person never has it. */
  readonly homeCompanyId?: string;
  readonly sessionTimeoutMinutes: number;
  readonly mfaEnabled: boolean;
  readonly mfaRequired: boolean;
  /** Epoch seconds: sessions signed in before this moment are over (set by a password reset). */
  readonly sessionsRevokedAt?: number;
}

/** Fallback when a user record carries no own choice (accounts/rules.ts sessionTimeout.defaultMinutes). */
export const defaultSessionTimeoutMinutes = 60;

/** The pure decision, given the verified claims, the identity they map to and the stored status. */
export function assessSession(
  identity: Identity,
  claims: { readonly [claim: string]: unknown },
  status: AccountStatus | undefined,
  options: { readonly nowSeconds: number; readonly mfaSetupRoute: boolean },
): void {
  // Unknown person, a member row instead of a home record, or another role than recorded: the token's
  // company or role claims do not belong to this person (rewritten attributes, stale role).
  if (!status || status.homeCompanyId !== undefined || status.role !== identity.role || (identity.companyId !== undefined) !== isCompanyRole(status.role)) {
    throw new AppError(403, 'ACCOUNT_MISMATCH', 'Your sign-in does not match your account; please sign in again');
  }
  if (!status.enabled) throw unauthenticated('ACCOUNT_DISABLED', 'Your account has been disabled');
  const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : Number.NaN;
  if (!Number.isFinite(authTime) || authTime > options.nowSeconds + 300) throw unauthenticated('INVALID_TOKEN', 'The token has no valid sign-in time');
  // Whole seconds on both sides: a sign-in in the very second of the revocation counts as after it, so
  // the person can sign in again at once with the new password.
  if (status.sessionsRevokedAt !== undefined && authTime < status.sessionsRevokedAt) {
    throw unauthenticated('SESSION_REVOKED', 'Your password was changed; please sign in again');
  }
  if (options.nowSeconds - authTime > status.sessionTimeoutMinutes * 60) {
    throw unauthenticated('SESSION_EXPIRED', 'Your session has ended; please sign in again');
  }
  if (status.mfaRequired && !status.mfaEnabled && !options.mfaSetupRoute) {
    throw new AppError(403, 'MFA_SETUP_REQUIRED', 'Set up two-factor authentication to continue');
  }
}
