import { describe, expect, it } from 'vitest';
import type { Identity } from '../../functions/shared/auth.js';
import { assessSession, type AccountStatus } from '../../functions/shared/session-rules.js';

const now = 1_800_000_000;
const buyer: Identity = { sub: 'u1', email: 'b@example.com', name: 'B', role: 'buyer', companyId: 'acme' };
const staff: Identity = { sub: 's1', email: 'r@example.com', name: 'R', role: 'sales-rep' };
const status = (overrides: Partial<AccountStatus> = {}): AccountStatus => ({
  enabled: true,
  role: 'buyer',
  sessionTimeoutMinutes: 60,
  mfaEnabled: false,
  mfaRequired: false,
  ...overrides,
});
const assess =
  (identity: Identity, authTime: unknown, stored: AccountStatus | undefined, mfaSetupRoute = false) =>
  () =>
    assessSession(identity, { auth_time: authTime }, stored, { nowSeconds: now, mfaSetupRoute });
const code = (run: () => void) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('assessSession', () => {
  it('lets an enabled user with a fresh sign-in through', () => {
    expect(code(assess(buyer, now - 10, status()))).toBe('ok');
    expect(code(assess(staff, now - 10, status({ role: 'sales-rep' })))).toBe('ok');
  });

  it('refuses unknown people, member rows posing as home records and other roles than recorded', () => {
    expect(code(assess(buyer, now, undefined))).toBe('ACCOUNT_MISMATCH');
    expect(code(assess(buyer, now, status({ homeCompanyId: 'other' })))).toBe('ACCOUNT_MISMATCH');
    expect(code(assess(buyer, now, status({ role: 'company-admin' })))).toBe('ACCOUNT_MISMATCH');
    // A staff record cannot back a company identity and the other way round.
    expect(code(assess(staff, now, status({ role: 'buyer' })))).toBe('ACCOUNT_MISMATCH');
  });

  it('refuses disabled accounts before anything else about the session', () => {
    expect(code(assess(buyer, now - 999_999, status({ enabled: false })))).toBe('ACCOUNT_DISABLED');
  });

  it('counts the session timeout from the sign-in, to the second', () => {
    expect(code(assess(buyer, now - 15 * 60, status({ sessionTimeoutMinutes: 15 })))).toBe('ok');
    expect(code(assess(buyer, now - 15 * 60 - 1, status({ sessionTimeoutMinutes: 15 })))).toBe('SESSION_EXPIRED');
  });

  it('needs a plausible sign-in time', () => {
    expect(code(assess(buyer, undefined, status()))).toBe('INVALID_TOKEN');
    expect(code(assess(buyer, 'yesterday', status()))).toBe('INVALID_TOKEN');
    expect(code(assess(buyer, now + 3600, status()))).toBe('INVALID_TOKEN');
  });

  it('allows only the MFA enrolment while a required MFA is missing', () => {
    expect(code(assess(buyer, now, status({ mfaRequired: true })))).toBe('MFA_SETUP_REQUIRED');
    expect(code(assess(buyer, now, status({ mfaRequired: true }), true))).toBe('ok');
    expect(code(assess(buyer, now, status({ mfaRequired: true, mfaEnabled: true })))).toBe('ok');
  });
});

describe('assessSession after a password reset', () => {
  it('ends sessions signed in before the second of the reset; a sign-in in that second is the new one', () => {
    expect(code(assess(buyer, now - 100, status({ sessionsRevokedAt: now - 50 })))).toBe('SESSION_REVOKED');
    expect(code(assess(buyer, now - 51, status({ sessionsRevokedAt: now - 50 })))).toBe('SESSION_REVOKED');
    expect(code(assess(buyer, now - 50, status({ sessionsRevokedAt: now - 50 })))).toBe('ok');
  });
});
