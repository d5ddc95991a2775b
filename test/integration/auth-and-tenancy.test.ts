import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function sign(claims: Record<string, unknown>, key: KeyObject): Promise<string> {
  const { cognitoEndpoint, userPoolId } = stack();
  const jwks = (await (await fetch(`${cognitoEndpoint}/${userPoolId}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
  const unsigned = `${base64url({ alg: 'RS256', typ: 'JWT', kid: jwks.keys[0]!.kid })}.${base64url(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
}

/** A token with the emulator's key id and the right claims, signed by a key the pool never issued. */
const forgeToken = (claims: Record<string, unknown>) => sign(claims, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);

/**
 * A token signed with the emulator's real key (cognito-local ships it), to prove that claim checks
 * (expiry, audience, token use, role/group consistency) hold even when the signature is valid.
 */
const emulatorKey = createPrivateKey({
  key: createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.private.json').jwk,
  format: 'jwk',
});
const issueToken = (claims: Record<string, unknown>) => sign(claims, emulatorKey);

describe('authentication', () => {
  it('rejects protected routes without a token (401)', async () => {
    expect((await api('/me')).status).toBe(401);
    expect((await api('/companies/mueller-bau')).status).toBe(401);
    expect((await api('/console/companies')).status).toBe(401);
  });

  it('rejects malformed, tampered and forged tokens (401)', async () => {
    const token = await signIn(users.muellerBuyer);
    expect((await api('/me', { token: 'not-a-jwt' })).status).toBe(401);
    expect((await api('/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);

    const [header, , signature] = token.split('.');
    const escalated = `${header}.${base64url({ ...decode(token), 'custom:companyId': 'nowak-instalacje' })}.${signature}`;
    expect((await api('/me', { token: escalated })).status).toBe(401);
    expect((await api('/companies/nowak-instalacje', { token: escalated })).status).toBe(401);

    const forged = await forgeToken({ ...decode(token), 'custom:role': 'back-office', 'cognito:groups': ['back-office'] });
    expect((await api('/console/companies', { token: forged })).status).toBe(401);
  });

  it('accepts a correctly signed token built here (the signing path works)', async () => {
    const claims = decode(await signIn(users.muellerBuyer));
    expect((await api('/me', { token: await issueToken(claims) })).status).toBe(200);
  });

  it('rejects validly signed tokens that are expired, for another audience or issuer, or access tokens', async () => {
    const claims = decode(await signIn(users.muellerBuyer));
    const now = Math.floor(Date.now() / 1000);
    for (const bad of [
      { ...claims, exp: now - 60 },
      { ...claims, aud: 'some-other-app-client' },
      { ...claims, iss: `${String(claims.iss)}-other` },
      { ...claims, token_use: 'access' },
    ]) {
      const token = await issueToken(bad);
      expect((await api('/me', { token })).status).toBe(401);
      // Guest routes verify a token that is sent, too.
      const catalog = await api('/catalog/categories', { token });
      expect(catalog.status).toBe(401);
      expect(catalog.body.error.code).toBe('INVALID_TOKEN');
    }
  });

  it('refuses a role that no Cognito group backs, and company roles without a company (403)', async () => {
    const claims = decode(await signIn(users.muellerBuyer));
    const selfPromoted = await issueToken({ ...claims, 'custom:role': 'back-office' });
    expect((await api('/console/companies', { token: selfPromoted })).status).toBe(403);
    const companyless = await issueToken({ ...claims, 'custom:companyId': undefined });
    expect((await api('/me', { token: companyless })).status).toBe(403);
  });

  it('accepts a token sent to a guest route and uses it (prices appear)', async () => {
    const token = await signIn(users.muellerBuyer);
    const { body } = await api('/catalog/products?category=fasteners&limit=3', { token });
    expect(body.products[0].price).toEqual({ amount: expect.any(Number), currency: 'EUR' });
  });

  it('answers /me from the verified token and the company record', async () => {
    const { status, body } = await api('/me', { token: await signIn(users.muellerAdmin) });
    expect(status).toBe(200);
    expect(body.user).toMatchObject({ email: users.muellerAdmin, role: 'company-admin', name: 'Anna Müller' });
    expect(body.company).toMatchObject({ id: 'mueller-bau', name: 'Müller Bau GmbH', country: 'DE' });
  });
});

describe('tenancy', () => {
  it('lets company users read only their own company', async () => {
    for (const email of [users.muellerBuyer, users.muellerAdmin]) {
      const token = await signIn(email);
      expect((await api('/companies/mueller-bau', { token })).status).toBe(200);
      const other = await api('/companies/nowak-instalacje', { token });
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('FORBIDDEN');
      expect(JSON.stringify(other.body)).not.toContain('Nowak Instalacje');
    }
    const nowak = await signIn(users.nowakBuyer);
    expect((await api('/companies/mueller-bau', { token: nowak })).status).toBe(403);
    // A company that does not exist looks the same as one that is not yours.
    expect((await api('/companies/no-such-company', { token: nowak })).status).toBe(403);
  });

  it('lets a sales rep read assigned companies only', async () => {
    const token = await signIn(users.rep, 'console');
    expect((await api('/companies/mueller-bau', { token })).status).toBe(200);
    expect((await api('/companies/nowak-instalacje', { token })).status).toBe(403);
    const list = await api('/console/companies', { token });
    expect(list.status).toBe(200);
    expect(list.body.companies.map((company: { id: string }) => company.id)).toEqual(['mueller-bau']);
  });

  it('lets back-office read every company, and 404s unknown ones', async () => {
    const token = await signIn(users.backOffice, 'console');
    expect((await api('/companies/nowak-instalacje', { token })).status).toBe(200);
    expect((await api('/companies/no-such-company', { token })).status).toBe(404);
    const list = await api('/console/companies', { token });
    expect(list.body.companies.map((company: { id: string }) => company.id)).toEqual(expect.arrayContaining(['mueller-bau', 'nowak-instalacje']));
  });

  it('keeps company users out of console routes (403)', async () => {
    for (const email of [users.muellerBuyer, users.muellerAdmin]) {
      const token = await signIn(email);
      expect((await api('/console/companies', { token })).status).toBe(403);
      expect((await api('/console/shop', { token, method: 'PUT', body: { loginOnly: true } })).status).toBe(403);
    }
    const rep = await signIn(users.rep, 'console');
    expect((await api('/console/shop', { token: rep, method: 'PUT', body: { loginOnly: true } })).status).toBe(403);
  });

  it('validates path parameters before any lookup', async () => {
    const token = await signIn(users.muellerBuyer);
    const { status, body } = await api(`/companies/${encodeURIComponent('x'.repeat(65))}`, { token });
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
  });
});
