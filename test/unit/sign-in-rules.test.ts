import { describe, expect, it } from 'vitest';
import {
  attemptAllowed,
  attemptWindow,
  clientFitsRole,
  decideResetCode,
  hashResetCode,
  mfaMandatory,
  newResetCode,
  otpauthUri,
  passwordPolicyProblem,
  resetCodes,
  sessionExpired,
  signInAttempts,
} from '../../functions/accounts/sign-in-rules.js';

describe('sign-in attempt windows', () => {
  it('uses fixed 15-minute windows with a Retry-After until the window ends', () => {
    const at = Date.UTC(2026, 0, 5, 10, 7, 30);
    const window = attemptWindow(at);
    expect(window.start).toBe(Date.UTC(2026, 0, 5, 10, 0, 0) / 1000);
    expect(window.end).toBe(Date.UTC(2026, 0, 5, 10, 15, 0) / 1000);
    expect(window.retryAfterSeconds).toBe(7 * 60 + 30);
    expect(window.expiresAt).toBe(window.end + signInAttempts.windowSeconds);
    expect(attemptWindow(Date.UTC(2026, 0, 5, 10, 14, 59, 999)).start).toBe(window.start);
    expect(attemptWindow(Date.UTC(2026, 0, 5, 10, 15, 0)).start).toBe(window.end);
    expect(attemptWindow(Date.UTC(2026, 0, 5, 10, 14, 59, 999)).retryAfterSeconds).toBe(1);
  });

  it('allows the 10th attempt and refuses the 11th', () => {
    expect(attemptAllowed(9)).toBe(true);
    expect(attemptAllowed(10)).toBe(false);
  });
});

describe('clients and roles', () => {
  it('signs company roles in on the shop client and staff on the console client only', () => {
    for (const role of ['company-admin', 'super-user', 'buyer']) {
      expect(clientFitsRole('shop', role)).toBe(true);
      expect(clientFitsRole('console', role)).toBe(false);
    }
    for (const role of ['sales-rep', 'back-office']) {
      expect(clientFitsRole('console', role)).toBe(true);
      expect(clientFitsRole('shop', role)).toBe(false);
    }
    expect(clientFitsRole('console', '')).toBe(false);
  });
});

describe('session expiry', () => {
  it('ends a session once the timeout since the interactive sign-in has passed', () => {
    const started = '2026-01-05T10:00:00.000Z';
    expect(sessionExpired(started, 5, Date.parse('2026-01-05T10:05:00.000Z'))).toBe(false);
    expect(sessionExpired(started, 5, Date.parse('2026-01-05T10:05:00.001Z'))).toBe(true);
    expect(sessionExpired('not a date', 720, Date.parse(started))).toBe(true);
  });
});

describe('password policy', () => {
  it('mirrors the pool policy: 12 characters with upper, lower and a digit', () => {
    expect(passwordPolicyProblem('Brand-New-Passw0rd')).toBeUndefined();
    expect(passwordPolicyProblem('Short1A')).toMatch(/12 characters/);
    expect(passwordPolicyProblem('alllowercase123')).toMatch(/upper-case/);
    expect(passwordPolicyProblem('ALLUPPERCASE123')).toMatch(/lower-case/);
    expect(passwordPolicyProblem('NoDigitsAtAllHere')).toMatch(/digit/);
  });
});

describe('password reset codes', () => {
  const now = Date.UTC(2026, 0, 5, 10, 0, 0);
  const stored = (code: string, attempts = 0, expiresAt = now / 1000 + resetCodes.lifetimeSeconds) => ({
    codeHash: hashResetCode(code, 'salt'),
    salt: 'salt',
    attempts,
    expiresAt,
  });

  it('issues six-digit codes and stores only a salted hash', () => {
    for (let index = 0; index < 50; index += 1) expect(newResetCode()).toMatch(/^\d{6}$/);
    expect(hashResetCode('123456', 'a')).not.toBe(hashResetCode('123456', 'b'));
    expect(hashResetCode('123456', 'a')).not.toContain('123456');
  });

  it('accepts the right code in time, counts a wrong one, and refuses expired or burnt codes', () => {
    expect(decideResetCode(stored('123456'), '123456', now)).toBe('accept');
    expect(decideResetCode(stored('123456'), ' 123456 ', now)).toBe('accept');
    expect(decideResetCode(stored('123456'), '654321', now)).toBe('wrong');
    expect(decideResetCode(stored('123456', 4), '123456', now)).toBe('accept');
    expect(decideResetCode(stored('123456', resetCodes.maxWrongAttempts), '123456', now)).toBe('invalid');
    expect(decideResetCode(stored('123456', 0, now / 1000), '123456', now)).toBe('invalid');
    expect(decideResetCode(undefined, '123456', now)).toBe('invalid');
  });
});

describe('MFA', () => {
  it('builds the otpauth key URI authenticator apps read', () => {
    expect(otpauthUri('Müller Shop', 'a+b@example.com', 'JBSWY3DPEHPK3PXP')).toBe(
      'otpauth://totp/M%C3%BCller%20Shop:a%2Bb%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=M%C3%BCller%20Shop',
    );
  });

  it('makes MFA mandatory for staff only where the stack requires it, for company users where the company does', () => {
    expect(mfaMandatory({ staff: true, companyRequiresMfa: false }, true)).toBe(true);
    expect(mfaMandatory({ staff: true, companyRequiresMfa: false }, false)).toBe(false);
    expect(mfaMandatory({ staff: false, companyRequiresMfa: true }, false)).toBe(true);
    expect(mfaMandatory({ staff: false, companyRequiresMfa: false }, true)).toBe(false);
  });
});
