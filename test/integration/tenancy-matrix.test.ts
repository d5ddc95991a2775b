import { describe, expect, it } from 'vitest';
import { routes } from '../../lib/definitions/index.js';
import { api, signIn, users } from '../support/api.js';
import { address } from '../support/accounts.js';

/**
 * For every company-scoped and console route of the accounts context: who may call it for
 * company A (mueller-bau, assigned to rep@portal.example), and who gets 403.
 */
type Caller = 'muellerAdmin' | 'muellerBuyer' | 'nowakAdmin' | 'nowakBuyer' | 'rep' | 'rep2' | 'backOffice';
const callers: Record<Caller, [string, 'shop' | 'console']> = {
  muellerAdmin: [users.muellerAdmin, 'shop'],
  muellerBuyer: [users.muellerBuyer, 'shop'],
  nowakAdmin: [users.nowakAdmin, 'shop'],
  nowakBuyer: [users.nowakBuyer, 'shop'],
  rep: [users.rep, 'console'],
  rep2: ['rep2@portal.example', 'console'],
  backOffice: [users.backOffice, 'console'],
};

const foreign: Caller[] = ['nowakAdmin', 'nowakBuyer', 'rep2'];
const unknownId = '00000000-0000-4000-8000-000000000999';

interface Case {
  readonly route: string;
  readonly path: string;
  readonly body?: unknown;
  /** Callers that must be refused with 403 (all others are not checked here: their success is covered elsewhere). */
  readonly forbidden: Caller[];
  readonly allowed?: Caller[];
}

const cases: Case[] = [
  { route: 'GET /companies/{companyId}', path: '/companies/mueller-bau', forbidden: foreign, allowed: ['muellerAdmin', 'muellerBuyer', 'rep', 'backOffice'] },
  {
    route: 'PATCH /companies/{companyId}',
    path: '/companies/mueller-bau',
    body: { name: 'Müller Bau GmbH' },
    forbidden: [...foreign, 'muellerBuyer'],
    allowed: ['muellerAdmin', 'rep', 'backOffice'],
  },
  {
    route: 'PUT /companies/{companyId}/billing-address',
    path: '/companies/mueller-bau/billing-address',
    body: { ...address, country: 'DE' },
    forbidden: [...foreign, 'muellerBuyer'],
  },
  {
    route: 'POST /companies/{companyId}/delivery-addresses',
    path: '/companies/mueller-bau/delivery-addresses',
    body: address,
    forbidden: [...foreign, 'muellerBuyer'],
  },
  {
    route: 'DELETE /companies/{companyId}/delivery-addresses/{addressId}',
    path: `/companies/mueller-bau/delivery-addresses/${unknownId}`,
    forbidden: [...foreign, 'muellerBuyer'],
  },
  {
    route: 'POST /companies/{companyId}/bank-accounts',
    path: '/companies/mueller-bau/bank-accounts',
    body: { iban: 'DE89370400440532013000', holder: 'x' },
    forbidden: [...foreign, 'muellerBuyer', 'rep'],
  },
  {
    route: 'DELETE /companies/{companyId}/bank-accounts/{accountId}',
    path: `/companies/mueller-bau/bank-accounts/${unknownId}`,
    forbidden: [...foreign, 'muellerBuyer', 'rep'],
  },
  {
    route: 'GET /companies/{companyId}/users',
    path: '/companies/mueller-bau/users',
    forbidden: [...foreign, 'muellerBuyer'],
    allowed: ['muellerAdmin', 'rep', 'backOffice'],
  },
  {
    route: 'POST /companies/{companyId}/users',
    path: '/companies/mueller-bau/users',
    body: { email: 'nobody@example.com', name: 'X', role: 'buyer' },
    forbidden: [...foreign, 'muellerBuyer', 'rep', 'backOffice'],
  },
  {
    route: 'PATCH /companies/{companyId}/users/{userSub}',
    path: `/companies/mueller-bau/users/${unknownId}`,
    body: { enabled: false },
    forbidden: [...foreign, 'muellerBuyer', 'rep', 'backOffice'],
  },
  {
    route: 'POST /companies/{companyId}/members',
    path: '/companies/mueller-bau/members',
    body: { email: 'nobody@example.com', role: 'buyer' },
    forbidden: [...foreign, 'muellerBuyer', 'rep', 'backOffice'],
  },
  {
    route: 'DELETE /companies/{companyId}/members/{userSub}',
    path: `/companies/mueller-bau/members/${unknownId}`,
    forbidden: [...foreign, 'muellerBuyer', 'rep', 'backOffice'],
  },
  {
    route: 'GET /companies/{companyId}/members/invitations',
    path: '/companies/mueller-bau/members/invitations',
    forbidden: [...foreign, 'muellerBuyer'],
    allowed: ['muellerAdmin', 'rep', 'backOffice'],
  },
  {
    route: 'DELETE /companies/{companyId}/members/invitations/{userSub}',
    path: `/companies/mueller-bau/members/invitations/${unknownId}`,
    forbidden: [...foreign, 'muellerBuyer', 'rep', 'backOffice'],
  },
  {
    route: 'PUT /companies/{companyId}/security',
    path: '/companies/mueller-bau/security',
    body: { mfaRequired: false },
    forbidden: [...foreign, 'muellerBuyer', 'rep', 'backOffice'],
  },
  {
    route: 'GET /companies/{companyId}/audit',
    path: '/companies/mueller-bau/audit',
    forbidden: [...foreign, 'muellerBuyer'],
    allowed: ['muellerAdmin', 'rep', 'backOffice'],
  },
  { route: 'GET /console/registrations', path: '/console/registrations', forbidden: ['muellerAdmin', 'muellerBuyer', 'rep'], allowed: ['backOffice'] },
  { route: 'GET /console/registrations/{registrationId}', path: `/console/registrations/${unknownId}`, forbidden: ['muellerAdmin', 'muellerBuyer', 'rep'] },
  {
    route: 'POST /console/registrations/{registrationId}/approve',
    path: `/console/registrations/${unknownId}/approve`,
    body: { customerGroup: 'retail' },
    forbidden: ['muellerAdmin', 'muellerBuyer', 'rep'],
  },
  {
    route: 'POST /console/registrations/{registrationId}/reject',
    path: `/console/registrations/${unknownId}/reject`,
    body: { reason: 'x' },
    forbidden: ['muellerAdmin', 'muellerBuyer', 'rep'],
  },
  { route: 'GET /console/companies', path: '/console/companies', forbidden: ['muellerAdmin', 'muellerBuyer', 'nowakAdmin'], allowed: ['rep', 'backOffice'] },
  { route: 'POST /console/companies', path: '/console/companies', body: {}, forbidden: ['muellerAdmin', 'muellerBuyer', 'rep'] },
  { route: 'PATCH /console/companies/{companyId}', path: '/console/companies/mueller-bau', body: {}, forbidden: ['muellerAdmin', 'muellerBuyer', 'rep'] },
  {
    route: 'POST /console/companies/{companyId}/vat-check',
    path: '/console/companies/mueller-bau/vat-check',
    forbidden: ['muellerAdmin', 'muellerBuyer', 'nowakAdmin', 'rep'],
    allowed: ['backOffice'],
  },
  { route: 'GET /console/reps', path: '/console/reps', forbidden: ['muellerAdmin', 'muellerBuyer', 'rep'], allowed: ['backOffice'] },
  { route: 'GET /console/customer-groups', path: '/console/customer-groups', forbidden: ['muellerAdmin', 'muellerBuyer'], allowed: ['rep', 'backOffice'] },
  { route: 'PUT /console/shop', path: '/console/shop', body: {}, forbidden: ['muellerAdmin', 'muellerBuyer', 'rep'] },
];

describe('tenancy matrix of the accounts API', () => {
  it('covers every jwt route of the accounts context except the caller’s own /me', () => {
    const covered = new Set(cases.map((entry) => entry.route));
    const expected = routes
      .filter((route) => route.context === 'accounts' && route.auth === 'jwt' && !route.path.startsWith('/me'))
      .map((route) => `${route.method} ${route.path}`);
    expect(expected.filter((route) => !covered.has(route))).toEqual([]);
  });

  for (const entry of cases) {
    it(`${entry.route}: 401 without token, 403 for ${entry.forbidden.join(', ')}`, async () => {
      const method = entry.route.split(' ')[0]!;
      expect((await api(entry.path, { method, body: entry.body })).status).toBe(401);
      for (const caller of entry.forbidden) {
        const [email, client] = callers[caller];
        const response = await api(entry.path, { method, body: entry.body, token: await signIn(email, client) });
        expect(response.status, `${caller} on ${entry.route}`).toBe(403);
        expect(response.body.error.code).toBe('FORBIDDEN');
      }
      for (const caller of entry.allowed ?? []) {
        const [email, client] = callers[caller];
        const response = await api(entry.path, { method, body: entry.body, token: await signIn(email, client) });
        expect(response.status, `${caller} on ${entry.route}`).toBe(200);
      }
    });
  }
});
