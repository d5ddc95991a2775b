import { describe, expect, it } from 'vitest';
import { api, signIn, users } from '../support/api.js';
import { inviteAndAccept, newCompanyWithBuyers } from '../support/accounts.js';

const groupBuyer = 'purchasing@bau-gruppe.example';
const as = (companyId: string) => ({ 'x-active-company': companyId });

type Product = { sku: string; price?: { amount: number; currency: string }; priceDisplay?: string };

describe('several companies per user (seeded group buyer: Müller Bau at home, member of Nowak Instalacje)', () => {
  it('lists both companies in /me and answers /me for the active company', async () => {
    const token = await signIn(groupBuyer);
    const home = await api('/me', { token });
    expect(home.status).toBe(200);
    expect(home.body.activeCompanyId).toBe('mueller-bau');
    expect(home.body.company.id).toBe('mueller-bau');
    expect(home.body.companies.map((company: { companyId: string; home: boolean }) => [company.companyId, company.home])).toEqual([
      ['mueller-bau', true],
      ['nowak-instalacje', false],
    ]);
    const switched = await api('/me', { token, headers: as('nowak-instalacje') });
    expect(switched.status).toBe(200);
    expect(switched.body.activeCompanyId).toBe('nowak-instalacje');
    expect(switched.body.company.name).toMatch(/Nowak/);
    expect(switched.body.user.role).toBe('buyer');
    expect(switched.body.companies).toEqual(home.body.companies);
  });

  it('prices, carts and orders follow the active company', async () => {
    const token = await signIn(groupBuyer);
    const [muellerCategories, nowakCategories] = await Promise.all([
      api('/catalog/categories', { token }),
      api('/catalog/categories', { token, headers: as('nowak-instalacje') }),
    ]);
    const nowakCategoryIds = new Set(nowakCategories.body.categories.map((category: { id: string }) => category.id));
    const category = muellerCategories.body.categories.find((candidate: { id: string }) => nowakCategoryIds.has(candidate.id)).id as string;
    const [inMueller, inNowak] = await Promise.all([
      api(`/catalog/products?category=${category}&limit=100`, { token }),
      api(`/catalog/products?category=${category}&limit=100`, { token, headers: as('nowak-instalacje') }),
    ]);
    const nowakSkus = new Set(inNowak.body.products.map((product: Product) => product.sku));
    const shared = inMueller.body.products.find((product: Product) => nowakSkus.has(product.sku)) as Product;
    const sameInNowak = inNowak.body.products.find((product: Product) => product.sku === shared.sku) as Product;
    // Müller Bau is a wholesale customer (group price), Nowak a retail one with other agreements.
    expect(sameInNowak.price!.amount).not.toBe(shared.price!.amount);

    await api('/cart', { token, method: 'DELETE' });
    await api('/cart', { token, method: 'DELETE', headers: as('nowak-instalacje') });
    expect((await api('/cart/lines', { token, method: 'POST', body: { lines: [{ sku: shared.sku, quantity: 2 }] } })).status).toBe(200);
    expect(
      (await api('/cart/lines', { token, method: 'POST', body: { lines: [{ sku: shared.sku, quantity: 7 }] }, headers: as('nowak-instalacje') })).status,
    ).toBe(200);
    expect((await api('/cart', { token })).body.lines.map((line: { quantity: string }) => line.quantity)).toEqual(['2']);
    expect((await api('/cart', { token, headers: as('nowak-instalacje') })).body.lines.map((line: { quantity: string }) => line.quantity)).toEqual(['7']);

    // A member of both companies still reaches only the active one: switch first.
    expect((await api('/companies/mueller-bau/orders', { token })).status).toBe(200);
    expect((await api('/companies/nowak-instalacje/orders', { token })).status).toBe(403);
    expect((await api('/companies/nowak-instalacje/orders', { token, headers: as('nowak-instalacje') })).status).toBe(200);
    expect((await api('/companies/mueller-bau/orders', { token, headers: as('nowak-instalacje') })).status).toBe(403);
    expect((await api('/companies/mueller-bau', { token, headers: as('nowak-instalacje') })).status).toBe(403);
  });

  it('refuses a forged header for a company without membership, and malformed ids', async () => {
    const token = await signIn(users.muellerBuyer);
    const forged = await api('/cart', { token, headers: as('nowak-instalacje') });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('NOT_A_MEMBER');
    expect((await api('/companies/nowak-instalacje/orders', { token, headers: as('nowak-instalacje') })).body.error.code).toBe('NOT_A_MEMBER');
    expect((await api('/me', { token, headers: as('no-such-company') })).status).toBe(403);
    const malformed = await api('/me', { token, headers: as('COMPANY#nowak') });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_ACTIVE_COMPANY');
    // The home company in the header is the same as no header.
    expect((await api('/cart', { token, headers: as('mueller-bau') })).status).toBe(200);
    // Staff act on companies through paths; the header changes nothing for them.
    const rep = await signIn(users.rep, 'console');
    expect((await api('/companies/mueller-bau', { token: rep, headers: as('nowak-instalacje') })).status).toBe(200);
    expect((await api('/companies/nowak-instalacje', { token: rep, headers: as('nowak-instalacje') })).status).toBe(403);
  });
});

describe('company admins manage memberships', () => {
  it('adds a user of another company (who accepts) with a role of this company, audits it, and removal revokes access at once', async () => {
    const a = await newCompanyWithBuyers(2);
    const b = await newCompanyWithBuyers(1);
    const [adminA, buyerA] = a.tokens as [string, string];
    const buyerAMe = (await api('/me', { token: buyerA })).body;
    const adminAMe = (await api('/me', { token: adminA })).body;

    // Only B's own admin adds to B; A's admin cannot, not even via the header.
    expect(
      (await api(`/companies/${b.companyId}/members`, { token: adminA, method: 'POST', body: { email: buyerAMe.user.email, role: 'buyer' } })).status,
    ).toBe(403);
    expect(
      (
        await api(`/companies/${b.companyId}/members`, {
          token: adminA,
          method: 'POST',
          body: { email: buyerAMe.user.email, role: 'buyer' },
          headers: as(b.companyId),
        })
      ).body.error.code,
    ).toBe('NOT_A_MEMBER');

    // Adding is an invitation the invitee accepts (test/integration/membership-consent.test.ts covers the consent itself).
    const added = await inviteAndAccept({
      admin: b.admin,
      companyId: b.companyId,
      email: buyerAMe.user.email.toUpperCase(),
      role: 'company-admin',
      inviteeToken: buyerA,
    });
    expect(added).toMatchObject({ companyId: b.companyId, role: 'company-admin' });
    const again = await api(`/companies/${b.companyId}/members`, { token: b.admin, method: 'POST', body: { email: buyerAMe.user.email, role: 'buyer' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_MEMBER']);
    await inviteAndAccept({ admin: b.admin, companyId: b.companyId, email: adminAMe.user.email, role: 'buyer', inviteeToken: adminA });

    // Errors with codes: unknown user, staff, own employee.
    const unknown = await api(`/companies/${b.companyId}/members`, {
      token: b.admin,
      method: 'POST',
      body: { email: 'nobody-here@example.com', role: 'buyer' },
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'USER_NOT_FOUND']);
    const staff = await api(`/companies/${b.companyId}/members`, { token: b.admin, method: 'POST', body: { email: users.rep, role: 'buyer' } });
    expect([staff.status, staff.body.error.code]).toEqual([409, 'NOT_A_CUSTOMER_USER']);
    const bMe = (await api('/me', { token: b.admin })).body;
    const own = await api(`/companies/${b.companyId}/members`, { token: b.admin, method: 'POST', body: { email: bMe.user.email, role: 'buyer' } });
    expect([own.status, own.body.error.code]).toEqual([409, 'ALREADY_MEMBER']);

    // The membership's role counts in B; at home the token's role still does.
    expect((await api(`/companies/${b.companyId}/users`, { token: buyerA, headers: as(b.companyId) })).status).toBe(200);
    expect((await api(`/companies/${a.companyId}/users`, { token: buyerA })).status).toBe(403);
    expect((await api(`/companies/${b.companyId}/users`, { token: adminA, headers: as(b.companyId) })).status).toBe(403);
    expect((await api(`/companies/${a.companyId}/users`, { token: adminA })).status).toBe(200);

    const listed = await api(`/companies/${b.companyId}/users`, { token: b.admin });
    expect(listed.body.users.find((user: { sub: string }) => user.sub === buyerAMe.user.sub)).toMatchObject({
      homeCompanyId: a.companyId,
      role: 'company-admin',
    });
    const me = await api('/me', { token: buyerA });
    expect(me.body.companies.map((company: { companyId: string; role: string }) => [company.companyId, company.role])).toEqual([
      [a.companyId, 'buyer'],
      [b.companyId, 'company-admin'],
    ]);

    // Changing a member's role or disabling them touches only this company (not the Cognito account).
    const demoted = await api(`/companies/${b.companyId}/users/${buyerAMe.user.sub}`, { token: b.admin, method: 'PATCH', body: { role: 'buyer' } });
    expect(demoted.status).toBe(200);
    expect((await api(`/companies/${b.companyId}/users`, { token: buyerA, headers: as(b.companyId) })).status).toBe(403);
    expect((await api('/me', { token: buyerA })).body.companies[1].role).toBe('buyer');
    await api(`/companies/${b.companyId}/users/${adminAMe.user.sub}`, { token: b.admin, method: 'PATCH', body: { enabled: false } });
    expect((await api('/cart', { token: adminA, headers: as(b.companyId) })).body.error.code).toBe('NOT_A_MEMBER');
    expect((await api('/cart', { token: adminA })).status).toBe(200);

    // Removal: the member's next request in B fails; employees cannot be removed this way.
    expect((await api('/cart', { token: buyerA, headers: as(b.companyId) })).status).toBe(200);
    expect((await api(`/companies/${b.companyId}/members/${buyerAMe.user.sub}`, { token: adminA, method: 'DELETE' })).status).toBe(403);
    const removeEmployee = await api(`/companies/${b.companyId}/members/${bMe.user.sub}`, { token: b.admin, method: 'DELETE' });
    expect([removeEmployee.status, removeEmployee.body.error.code]).toEqual([404, 'NOT_A_MEMBER']);
    const removed = await api(`/companies/${b.companyId}/members/${buyerAMe.user.sub}`, { token: b.admin, method: 'DELETE' });
    expect(removed.status).toBe(200);
    const revoked = await api('/cart', { token: buyerA, headers: as(b.companyId) });
    expect([revoked.status, revoked.body.error.code]).toEqual([403, 'NOT_A_MEMBER']);
    expect((await api('/me', { token: buyerA })).body.companies.map((company: { companyId: string }) => company.companyId)).toEqual([a.companyId]);
    expect((await api(`/companies/${b.companyId}/users`, { token: b.admin })).body.users.some((user: { sub: string }) => user.sub === buyerAMe.user.sub)).toBe(
      false,
    );

    const audit = await api(`/companies/${b.companyId}/audit`, { token: b.admin });
    const actions = audit.body.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['member.invited', 'member.added', 'member.updated', 'member.removed']));
    // The members' home company sees the changes of their memberships too.
    const homeActions = (await api(`/companies/${a.companyId}/audit`, { token: adminA })).body.entries.map((entry: { action: string }) => entry.action);
    expect(homeActions).toEqual(expect.arrayContaining(['membership.accepted', 'membership.updated', 'membership.removed']));
  });
});
