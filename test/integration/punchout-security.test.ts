import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../local/seed-data.js';
import { newCompanyWithBuyers } from '../support/accounts.js';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { stockedSku } from '../support/orders.js';

/**
 * Issue 12, finding 1 (punchout part) and 7 (OCI/cXML guessing): punchout acts only as a technical
 * account the portal creates, each session has its own cart, and failed secrets lock the credential.
 * Runs on companies of its own, so the seed companies' punchout set-ups stay untouched.
 */
const fixtures = join(import.meta.dirname, '../fixtures/punchout');
const fixture = (name: string, values: Record<string, string> = {}) =>
  Object.entries(values).reduce((text, [key, value]) => text.replaceAll(`{{${key}}}`, value), readFileSync(join(fixtures, name), 'utf8'));
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const parallelPassword = 'Parallel-Passw0rd-1';
const sessionHeader = (sessionId: string) => ({ 'x-punchout-session': sessionId });

async function raw(path: string, init: RequestInit = {}) {
  const response = await fetch(`${stack().apiUrl}${path}`, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A fresh password sign-in (no token cache): proves the password is still the person's own. */
async function passwordStillWorks(email: string, password: string): Promise<boolean> {
  const cognito = new CognitoIdentityProviderClient(awsConfig(stack().cognitoEndpoint));
  try {
    const result = await cognito.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack().shopClientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
    );
    return typeof result.AuthenticationResult?.IdToken === 'string';
  } catch {
    return false;
  } finally {
    cognito.destroy();
  }
}

const ociEntry = (username: string, password: string) =>
  raw(`/punchout/oci?${fixture('sap-srm-oci-entry.txt', { USERNAME: encodeURIComponent(username), PASSWORD: encodeURIComponent(password) }).trim()}`);
const cxmlSetup = (anid: string, secret: string) =>
  raw('/punchout/cxml', {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=UTF-8' },
    body: fixture('ariba-punchout-setup-request.xml', { BUYER_ANID: anid, SHARED_SECRET: secret }),
  });

/** OCI entry → start code → tokens and session id. */
async function ociSession(username: string, password: string) {
  const entry = await ociEntry(username, password);
  expect(entry.status, entry.text).toBe(303);
  const code = new URL(entry.headers.get('location')!).searchParams.get('code')!;
  const exchanged = await api('/punchout/start', { method: 'POST', body: { code } });
  expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(200);
  return { token: exchanged.body.tokens.idToken as string, sessionId: exchanged.body.session.sessionId as string };
}

interface Company {
  companyId: string;
  admin: string;
  adminEmail: string;
  buyer: string;
  buyerEmail: string;
}

async function newCompany(): Promise<Company> {
  const { companyId, admin, tokens } = await newCompanyWithBuyers(2);
  return { companyId, admin, adminEmail: claims(admin).email as string, buyer: tokens[1]!, buyerEmail: claims(tokens[1]!).email as string };
}

async function configure(company: Company, body: Record<string, unknown> = { oci: true, cxml: null }) {
  const configured = await api(`/companies/${company.companyId}/punchout`, { token: company.admin, method: 'PUT', body });
  expect(configured.status, JSON.stringify(configured.body)).toBe(200);
  return configured.body as {
    technicalAccount: { sub: string; username: string };
    oci: { username: string } | null;
    secrets: { ociPassword?: string; cxmlSharedSecret?: string };
  };
}

let first: Company;
let second: Company;

beforeAll(async () => {
  [first, second] = [await newCompany(), await newCompany()];
});

describe('punchout acts as a technical account, never as a person', () => {
  it('refuses a set-up that names a user (the old takeover chain): 400, nothing saved', async () => {
    const nowakAdminSub = claims(await signIn(users.nowakAdmin)).sub as string;
    const ownBuyerSub = claims(first.buyer).sub as string;
    for (const userSub of [nowakAdminSub, ownBuyerSub]) {
      const refused = await api(`/companies/${first.companyId}/punchout`, { token: first.admin, method: 'PUT', body: { userSub, oci: true, cxml: null } });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await api(`/companies/${first.companyId}/punchout`, { token: first.admin })).body).toMatchObject({ configured: false });
    expect((await api(`/companies/${first.companyId}/users`, { token: first.admin })).body.users.some((user: { technical?: string }) => user.technical)).toBe(
      false,
    );
  });

  it('signs punchout sessions in as the technical account; the people keep their own passwords', async () => {
    const config = await configure(first);
    const account = config.technicalAccount;
    expect(account.username).toMatch(new RegExp(`^punchout-${first.companyId}-[0-9a-f]{10}@punchout\\.invalid$`));

    const session = await ociSession(config.oci!.username, config.secrets.ociPassword!);
    const token = claims(session.token);
    const humans = [first.admin, first.buyer, await signIn(users.nowakAdmin), await signIn(users.muellerAdmin)].map((human) => claims(human).sub);
    expect(token).toMatchObject({ sub: account.sub, email: account.username, 'custom:companyId': first.companyId, 'custom:role': 'buyer' });
    expect(humans).not.toContain(token.sub);

    // A second start signs the same technical account in again; no person's password was touched.
    await ociSession(config.oci!.username, config.secrets.ociPassword!);
    expect(await passwordStillWorks(first.adminEmail, parallelPassword)).toBe(true);
    expect(await passwordStillWorks(first.buyerEmail, parallelPassword)).toBe(true);
    expect(await passwordStillWorks(users.nowakAdmin, demoPassword)).toBe(true);

    // The company's user list shows the account, marked technical; accounts refuses to make it a person or an admin.
    const listed = (await api(`/companies/${first.companyId}/users`, { token: first.admin })).body.users.find(
      (user: { sub: string }) => user.sub === account.sub,
    );
    expect(listed).toMatchObject({ email: account.username, role: 'buyer', enabled: true, technical: 'punchout' });
    for (const change of [{ role: 'company-admin' }, { role: 'super-user' }, { enabled: false }]) {
      const refused = await api(`/companies/${first.companyId}/users/${account.sub}`, { token: first.admin, method: 'PATCH', body: change });
      expect(refused.status, JSON.stringify(change)).toBe(409);
      expect(refused.body.error.code).toBe('TECHNICAL_ACCOUNT');
    }
    const after = (await api(`/companies/${first.companyId}/users`, { token: first.admin })).body.users.find(
      (user: { sub: string }) => user.sub === account.sub,
    );
    expect(after).toEqual(listed);
    expect(claims((await ociSession(config.oci!.username, config.secrets.ociPassword!)).token)['custom:role']).toBe('buyer');

    // Saving again keeps the account; the set-up never names a person.
    const again = await configure(first, { oci: true, cxml: null, vendorNumber: '4711' });
    expect(again.technicalAccount).toEqual(account);
  });

  it('switching punchout off removes the technical account, and its tokens stop working', async () => {
    const company = await newCompany();
    const config = await configure(company);
    const session = await ociSession(config.oci!.username, config.secrets.ociPassword!);
    expect((await api('/cart', { token: session.token })).status).toBe(200);

    expect((await api(`/companies/${company.companyId}/punchout`, { token: company.admin, method: 'DELETE' })).status).toBe(200);
    const users = (await api(`/companies/${company.companyId}/users`, { token: company.admin })).body.users as { sub: string }[];
    expect(users.map((user) => user.sub)).not.toContain(config.technicalAccount.sub);
    expect((await ociEntry(config.oci!.username, config.secrets.ociPassword!)).status).toBe(401);
    expect([401, 403]).toContain((await api('/cart', { token: session.token })).status);

    // A new set-up gets a new account.
    const renewed = await configure(company);
    expect(renewed.technicalAccount.sub).not.toBe(config.technicalAccount.sub);
  });
});

describe('each punchout session has its own cart', () => {
  let config: Awaited<ReturnType<typeof configure>>;
  beforeAll(async () => {
    config = await configure(second);
  });

  it('two sessions at once: lines added in one are not in the other, and each transfers its own', async () => {
    const a = await ociSession(config.oci!.username, config.secrets.ociPassword!);
    const b = await ociSession(config.oci!.username, config.secrets.ociPassword!);
    expect(claims(a.token).sub).toBe(claims(b.token).sub);
    const [skuA, skuB] = [await stockedSku(a.token, 'fasteners', 10), await stockedSku(a.token, 'hand-tools', 5)];

    const addedA = await api('/cart/lines', {
      token: a.token,
      method: 'POST',
      headers: sessionHeader(a.sessionId),
      body: { lines: [{ sku: skuA, quantity: '7' }] },
    });
    expect(addedA.status, JSON.stringify(addedA.body)).toBe(200);
    expect((await api('/cart', { token: b.token, headers: sessionHeader(b.sessionId) })).body.lines).toEqual([]);
    const addedB = await api('/cart/lines', {
      token: b.token,
      method: 'POST',
      headers: sessionHeader(b.sessionId),
      body: { lines: [{ sku: skuB, quantity: '2' }] },
    });
    expect(addedB.status).toBe(200);

    const cartOf = async (session: { token: string; sessionId: string }) =>
      ((await api('/cart', { token: session.token, headers: sessionHeader(session.sessionId) })).body.lines as { sku: string; quantity: string }[]).map(
        (line) => [line.sku, line.quantity],
      );
    expect(await cartOf(a)).toEqual([[skuA, '7']]);
    expect(await cartOf(b)).toEqual([[skuB, '2']]);
    // The account's ordinary cart (no header) is a third, untouched one.
    expect((await api('/cart', { token: a.token })).body.lines).toEqual([]);

    const transferred = async (session: { token: string; sessionId: string }) => {
      const transfer = await api(`/punchout/sessions/${session.sessionId}/transfer`, { token: session.token, method: 'POST' });
      expect(transfer.status, JSON.stringify(transfer.body)).toBe(200);
      const fields = new Map(transfer.body.fields as [string, string][]);
      return [...fields.keys()]
        .filter((name) => name.startsWith('NEW_ITEM-VENDORMAT['))
        .map((name) => [fields.get(name), fields.get(name.replace('VENDORMAT', 'QUANTITY'))]);
    };
    expect(await transferred(a)).toEqual([[skuA, '7']]);
    expect(await transferred(b)).toEqual([[skuB, '2']]);

    // A new session starts empty, whatever the others hold.
    const c = await ociSession(config.oci!.username, config.secrets.ociPassword!);
    expect(await cartOf(c)).toEqual([]);
    expect(await cartOf(a)).toEqual([[skuA, '7']]);
  });

  it("a session cart only for the session's own account: others get 404, malformed ids 400, nothing written", async () => {
    const session = await ociSession(config.oci!.username, config.secrets.ociPassword!);
    const sku = await stockedSku(session.token, 'fasteners', 5);
    for (const token of [second.buyer, second.admin, await signIn(users.muellerBuyer)]) {
      const foreign = await api('/cart/lines', { token, method: 'POST', headers: sessionHeader(session.sessionId), body: { lines: [{ sku, quantity: '1' }] } });
      expect(foreign.status).toBe(404);
      expect((await api('/cart', { token, headers: sessionHeader(session.sessionId) })).status).toBe(404);
    }
    const malformed = await api('/cart', { token: session.token, headers: sessionHeader('not-a-session') });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_PUNCHOUT_SESSION');
    expect((await api('/cart', { token: session.token, headers: sessionHeader(session.sessionId) })).body.lines).toEqual([]);
    expect((await api('/cart', { token: second.buyer })).body.lines).toEqual([]);
  });
});

describe('failed OCI / cXML secrets lock the credential', () => {
  it('after 10 wrong OCI passwords the right one is refused too, with the same answer; another account is not affected', async () => {
    const [lockedCompany, otherCompany] = [await newCompany(), await newCompany()];
    const locked = await configure(lockedCompany);
    const other = await configure(otherCompany);
    const wrong = await ociEntry(locked.oci!.username, 'not-the-password');
    expect(wrong.status).toBe(401);
    for (let attempt = 2; attempt <= 10; attempt += 1) expect((await ociEntry(locked.oci!.username, `wrong-${attempt}`)).status).toBe(401);

    const refused = await ociEntry(locked.oci!.username, locked.secrets.ociPassword!);
    expect(refused.status).toBe(401);
    expect(refused.text).toBe(wrong.text);
    expect(refused.headers.get('location')).toBeNull();
    // The other company's credential works as before.
    expect((await ociEntry(other.oci!.username, other.secrets.ociPassword!)).status).toBe(303);
    // Still locked: no session was opened for the locked account.
    expect((await ociEntry(locked.oci!.username, locked.secrets.ociPassword!)).status).toBe(401);
  });

  it('a successful entry clears the count: 9 failures, success, 9 failures still leave the password working', async () => {
    const company = await newCompany();
    const config = await configure(company);
    for (let round = 0; round < 2; round += 1) {
      for (let attempt = 1; attempt <= 9; attempt += 1) expect((await ociEntry(config.oci!.username, `wrong-${round}-${attempt}`)).status).toBe(401);
      expect((await ociEntry(config.oci!.username, config.secrets.ociPassword!)).status).toBe(303);
    }
  });

  it('cXML: 10 wrong shared secrets lock the identity (cXML 401 "Authentication failed"), unknown identities answer alike', async () => {
    const company = await newCompany();
    const anid = `AN77${Date.now().toString().slice(-9)}`;
    const config = await configure(company, { oci: false, cxml: { domain: 'NetworkID', identity: anid } });
    for (let attempt = 1; attempt <= 10; attempt += 1) expect((await cxmlSetup(anid, `wrong-${attempt}`)).status).toBe(401);
    const refused = await cxmlSetup(anid, config.secrets.cxmlSharedSecret!);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('Authentication failed');
    const unknown = await cxmlSetup(`AN99${Date.now().toString().slice(-9)}`, config.secrets.cxmlSharedSecret!);
    expect(unknown.status).toBe(401);
    expect(unknown.text.replace(/payloadID="[^"]+"|timestamp="[^"]+"/g, '')).toBe(refused.text.replace(/payloadID="[^"]+"|timestamp="[^"]+"/g, ''));
  });
});

describe('a company that requires MFA', () => {
  it('blocks its employees until they enrol, but not the technical punchout account the portal signs in itself', async () => {
    const company = await newCompany();
    const { oci, secrets } = await configure(company);
    const required = await api(`/companies/${company.companyId}/security`, { token: company.admin, method: 'PUT', body: { mfaRequired: true } });
    expect(required.status, JSON.stringify(required.body)).toBe(200);

    const employee = await api('/cart', { token: company.buyer });
    expect(employee.status).toBe(403);
    expect(employee.body.error.code).toBe('MFA_SETUP_REQUIRED');
    expect((await api('/me', { token: company.buyer })).status).toBe(200);

    const { token, sessionId } = await ociSession(oci!.username, secrets.ociPassword!);
    const sku = await stockedSku(token, 'hand-tools', 1);
    const added = await api('/cart/lines', { token, method: 'POST', headers: sessionHeader(sessionId), body: { lines: [{ sku, quantity: '1' }] } });
    expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
    expect((await api('/cart', { token, headers: sessionHeader(sessionId) })).status).toBe(200);
  });
});
