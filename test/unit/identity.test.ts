import { describe, expect, it } from 'vitest';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { bearerToken, identityFromClaims, type Identity } from '../../functions/shared/auth.js';
import { mayAccessCompany } from '../../functions/accounts/rules.js';

const claims = (overrides: Record<string, unknown>): JwtPayload =>
  ({
    sub: 'u1',
    email: 'a@b.example',
    token_use: 'id',
    'custom:role': 'buyer',
    'cognito:groups': ['buyer'],
    'custom:companyId': 'c1',
    ...overrides,
  }) as JwtPayload;

describe('identity from verified claims', () => {
  it('maps a buyer with company', () => {
    expect(identityFromClaims(claims({ name: 'Ann' }))).toEqual({ sub: 'u1', email: 'a@b.example', name: 'Ann', role: 'buyer', companyId: 'c1' });
  });

  it('drops a company id from staff identities', () => {
    const staff = identityFromClaims(claims({ 'custom:role': 'back-office', 'cognito:groups': ['back-office'] }));
    expect(staff.companyId).toBeUndefined();
  });

  it('requires an ID token, a known role backed by a group, and a company for company roles', () => {
    expect(() => identityFromClaims(claims({ token_use: 'access' }))).toThrow(/ID token/);
    expect(() => identityFromClaims(claims({ 'custom:role': 'admin', 'cognito:groups': ['admin'] }))).toThrow(/role/);
    expect(() => identityFromClaims(claims({ 'custom:role': 'back-office' }))).toThrow(/role/);
    expect(() => identityFromClaims(claims({ 'cognito:groups': undefined }))).toThrow(/role/);
    expect(() => identityFromClaims(claims({ 'custom:companyId': '' }))).toThrow(/company/);
  });
});

describe('bearer header', () => {
  it('parses "Bearer <token>" and rejects other schemes', () => {
    expect(bearerToken({ authorization: 'Bearer abc.def.ghi' })).toBe('abc.def.ghi');
    expect(bearerToken({ Authorization: 'bearer xyz' })).toBe('xyz');
    expect(bearerToken({})).toBeUndefined();
    expect(() => bearerToken({ authorization: 'Basic dXNlcg==' })).toThrow(/Bearer/);
  });
});

describe('company access policy', () => {
  const caller = (role: Identity['role'], companyId?: string): Identity => ({ sub: 's', email: 'e', name: 'n', role, ...(companyId ? { companyId } : {}) });

  it('confines company users to their company', () => {
    expect(mayAccessCompany(caller('buyer', 'a'), 'a', false)).toBe(true);
    expect(mayAccessCompany(caller('buyer', 'a'), 'b', false)).toBe(false);
    expect(mayAccessCompany(caller('company-admin', 'a'), 'b', true)).toBe(false);
  });

  it('lets reps see assigned companies and back-office all', () => {
    expect(mayAccessCompany(caller('sales-rep'), 'a', true)).toBe(true);
    expect(mayAccessCompany(caller('sales-rep'), 'a', false)).toBe(false);
    expect(mayAccessCompany(caller('back-office'), 'z', false)).toBe(true);
  });
});
