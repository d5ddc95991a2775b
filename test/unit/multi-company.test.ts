import { describe, expect, it } from 'vitest';
import { identityInCompany, requestedActiveCompany, type Identity } from '../../functions/shared/auth.js';
import {
  acceptable,
  assertMayJoin,
  assertRemovable,
  companyChoices,
  deciderHome,
  invitationDays,
  invitationExpiry,
  isOpen,
  leavingHome,
  maxMembershipsPerUser,
  memberCandidate,
  type MemberInvitation,
} from '../../functions/accounts/membership-rules.js';
import type { CompanyUser } from '../../functions/accounts/rules.js';

const buyer: Identity = { sub: 'u1', email: 'lena@example.com', name: 'Lena', role: 'buyer', companyId: 'home' };

describe('active company of a request', () => {
  it('keeps the token identity without a header or for the home company', () => {
    expect(identityInCompany(buyer, undefined, undefined)).toBe(buyer);
    expect(identityInCompany(buyer, 'home', undefined)).toBe(buyer);
  });

  it('switches company and role to an enabled membership and remembers the home', () => {
    expect(identityInCompany(buyer, 'other', { role: 'company-admin', enabled: true })).toEqual({
      ...buyer,
      companyId: 'other',
      role: 'company-admin',
      home: { companyId: 'home', role: 'buyer' },
    });
  });

  it('refuses a company without membership or with a disabled one', () => {
    expect(() => identityInCompany(buyer, 'other', undefined)).toThrow(expect.objectContaining({ statusCode: 403, code: 'NOT_A_MEMBER' }));
    expect(() => identityInCompany(buyer, 'other', { role: 'buyer', enabled: false })).toThrow(expect.objectContaining({ code: 'NOT_A_MEMBER' }));
  });

  it('ignores the header for staff, who act on companies through paths', () => {
    const rep: Identity = { sub: 'r', email: 'r@x', name: 'R', role: 'sales-rep' };
    expect(identityInCompany(rep, 'other', undefined)).toBe(rep);
  });

  it('reads the header case-insensitively as API Gateway passes it and rejects malformed ids', () => {
    expect(requestedActiveCompany({})).toBeUndefined();
    expect(requestedActiveCompany({ 'x-active-company': '  ' })).toBeUndefined();
    expect(requestedActiveCompany({ 'x-active-company': 'nowak-instalacje' })).toBe('nowak-instalacje');
    expect(() => requestedActiveCompany({ 'x-active-company': 'COMPANY#x' })).toThrow(expect.objectContaining({ code: 'INVALID_ACTIVE_COMPANY' }));
  });
});

describe('adding members', () => {
  it('accepts only portal users of another customer company', () => {
    expect(memberCandidate({ owner: 'user', companyId: 'a', sub: 's1' }, 'b')).toEqual({ sub: 's1', homeCompanyId: 'a' });
    expect(() => memberCandidate(undefined, 'b')).toThrow(expect.objectContaining({ statusCode: 404, code: 'USER_NOT_FOUND' }));
    expect(() => memberCandidate({ owner: 'registration' }, 'b')).toThrow(expect.objectContaining({ code: 'USER_NOT_FOUND' }));
    expect(() => memberCandidate({ owner: 'user', sub: 'staff' }, 'b')).toThrow(expect.objectContaining({ code: 'NOT_A_CUSTOMER_USER' }));
    expect(() => memberCandidate({ owner: 'user', companyId: 'b', sub: 's1' }, 'b')).toThrow(expect.objectContaining({ code: 'ALREADY_MEMBER' }));
  });
});

describe('removing members', () => {
  const user = (sub: string, role: CompanyUser['role'], homeCompanyId?: string): CompanyUser => ({
    sub,
    email: `${sub}@x`,
    name: sub,
    role,
    enabled: true,
    orderLimit: null,
    ...(homeCompanyId ? { homeCompanyId } : {}),
  });

  it('removes members but never employees or the last admin', () => {
    const users = [user('own-admin', 'company-admin'), user('member', 'buyer', 'a')];
    expect(assertRemovable(users, 'member').sub).toBe('member');
    expect(() => assertRemovable(users, 'own-admin')).toThrow(expect.objectContaining({ code: 'NOT_A_MEMBER' }));
    expect(() => assertRemovable(users, 'nobody')).toThrow(expect.objectContaining({ statusCode: 404 }));
    const onlyAdminIsMember = [user('own-buyer', 'buyer'), user('member-admin', 'company-admin', 'a')];
    expect(() => assertRemovable(onlyAdminIsMember, 'member-admin')).toThrow(expect.objectContaining({ code: 'LAST_ADMIN' }));
  });
});

describe('company switcher choices', () => {
  it('lists the home company first, then enabled memberships by name', () => {
    const choices = companyChoices({ companyId: 'h', name: 'Home', role: 'buyer' }, [
      { companyId: 'z', name: 'Zeta', role: 'company-admin', enabled: true },
      { companyId: 'off', name: 'Disabled', role: 'buyer', enabled: false },
      { companyId: 'a', name: 'Alpha', role: 'buyer', enabled: true },
    ]);
    expect(choices.map((choice) => [choice.companyId, choice.role, choice.home])).toEqual([
      ['h', 'buyer', true],
      ['a', 'buyer', false],
      ['z', 'company-admin', false],
    ]);
  });
});

describe('membership by consent', () => {
  const now = new Date('2026-05-01T10:00:00Z');
  const invitation: MemberInvitation = {
    companyId: 'inviting',
    companyName: 'Inviting GmbH',
    sub: 'u1',
    email: 'lena@example.com',
    role: 'buyer',
    homeCompanyId: 'home',
    invitedBy: { sub: 'a1', name: 'Admin' },
    invitedAt: now.toISOString(),
    expiresAt: invitationExpiry(now),
  };

  it('opens an invitation for fourteen days, closed from the expiry second on', () => {
    expect(invitationExpiry(now) - now.getTime() / 1000).toBe(invitationDays * 24 * 3600);
    expect(isOpen(invitation, new Date(now.getTime() + (invitationDays * 24 * 3600 - 1) * 1000))).toBe(true);
    expect(isOpen(invitation, new Date(now.getTime() + invitationDays * 24 * 3600 * 1000))).toBe(false);
  });

  it('is answered only by the invitee as themselves, never while acting for another company', () => {
    expect(deciderHome(buyer)).toBe('home');
    expect(() => deciderHome({ ...buyer, companyId: 'other', role: 'company-admin', home: { companyId: 'home', role: 'buyer' } })).toThrow(
      expect.objectContaining({ statusCode: 403, code: 'HOME_COMPANY_REQUIRED' }),
    );
    expect(() => deciderHome({ sub: 'r', role: 'sales-rep' })).toThrow(expect.objectContaining({ statusCode: 403 }));
  });

  it('accepts only an open invitation of that company for the home company of the caller', () => {
    expect(acceptable(invitation, 'inviting', 'home', now)).toBe(invitation);
    expect(() => acceptable(undefined, 'inviting', 'home', now)).toThrow(expect.objectContaining({ statusCode: 404, code: 'INVITATION_NOT_FOUND' }));
    expect(() => acceptable(invitation, 'elsewhere', 'home', now)).toThrow(expect.objectContaining({ code: 'INVITATION_NOT_FOUND' }));
    expect(() => acceptable(invitation, 'inviting', 'another-home', now)).toThrow(expect.objectContaining({ code: 'INVITATION_NOT_FOUND' }));
    expect(() => acceptable({ ...invitation, companyId: 'home' }, 'home', 'home', now)).toThrow(expect.objectContaining({ code: 'INVITATION_NOT_FOUND' }));
    expect(() => acceptable({ ...invitation, expiresAt: Math.floor(now.getTime() / 1000) }, 'inviting', 'home', now)).toThrow(
      expect.objectContaining({ statusCode: 409, code: 'INVITATION_EXPIRED' }),
    );
  });

  it('joins only companies the user is not yet in, and at most the maximum', () => {
    expect(() => assertMayJoin([{ companyId: 'x' }], 'y')).not.toThrow();
    expect(() => assertMayJoin([{ companyId: 'y' }], 'y')).toThrow(expect.objectContaining({ code: 'ALREADY_MEMBER' }));
    const full = Array.from({ length: maxMembershipsPerUser }, (_, index) => ({ companyId: `c${index}` }));
    expect(() => assertMayJoin(full, 'y')).toThrow(expect.objectContaining({ code: 'TOO_MANY_MEMBERSHIPS' }));
  });

  it('lets a member leave any company but the home company, also while acting for it', () => {
    expect(leavingHome(buyer, 'other')).toEqual({ companyId: 'home', role: 'buyer' });
    expect(leavingHome({ ...buyer, companyId: 'other', role: 'company-admin', home: { companyId: 'home', role: 'buyer' } }, 'other')).toEqual({
      companyId: 'home',
      role: 'buyer',
    });
    expect(() => leavingHome(buyer, 'home')).toThrow(expect.objectContaining({ statusCode: 409, code: 'HOME_COMPANY' }));
  });
});
