import { createHash } from 'node:crypto';
import { AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { address, outbox, temporaryPasswordFor, uniqueEmail } from '../support/accounts.js';
import { msUntilNextStep, totp, wrongTotp } from '../support/totp.js';

/**
 * Sign-in through the portal API (issue #12 "Also"): sign-in with audit, the first-login password
 * challenge, TOTP enrolment and challenge, the company's MFA requirement, forgot/reset password with
 * an e-mailed code, refresh bounded by the session timeout, disabled accounts, the attempt limit.
 * Every state change happens on fresh companies and users created here.
 */

const password = 'Sign-In-Passw0rd-1';
const newPassword = 'Brand-New-Passw0rd-2';

const auth = (path: string, body: unknown) => api(`/auth/${path}`, { method: 'POST', body });

let backOffice: string;
let documents: DynamoDBDocumentClient;

const sessionKey = (refreshToken: string) => ({ PK: `AUTH-SESSION#${createHash('sha256').update(refreshToken).digest('hex')}`, SK: 'SESSION' });

async function setPassword(email: string, value = password) {
  const cognito = new CognitoIdentityProviderClient(awsConfig(stack().cognitoEndpoint));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: stack().userPoolId, Username: email, Password: value, Permanent: true }));
  cognito.destroy();
}

/** A fresh company (back office, like an ERP import) whose admin has a known password. */
async function newCompany() {
  const adminEmail = uniqueEmail('mfa-admin');
  const created = await api('/console/companies', {
    token: backOffice,
    method: 'POST',
    body: {
      company: { name: `Sicher Bau ${Date.now()} GmbH`, vatId: 'DE811907980', country: 'DE' },
      billingAddress: { ...address, country: 'DE', city: 'Kassel' },
      customerGroup: 'wholesale',
      admin: { email: adminEmail, name: 'Sina Sicher' },
    },
  });
  expect(created.status).toBe(201);
  await setPassword(adminEmail);
  return { companyId: created.body.companyId as string, adminEmail };
}

async function signedIn(email: string, client: 'shop' | 'console' = 'shop', secret = password) {
  const response = await auth('sign-in', { email, password: secret, client });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.kind).toBe('signed-in');
  return response.body.tokens as { idToken: string; accessToken: string; refreshToken: string; expiresIn: number };
}

async function inviteBuyer(companyId: string, adminToken: string, activate = true) {
  const email = uniqueEmail('mfa-buyer');
  const invited = await api(`/companies/${companyId}/users`, { token: adminToken, method: 'POST', body: { email, name: 'Bert Buyer', role: 'buyer' } });
  expect(invited.status).toBe(201);
  if (activate) await setPassword(email);
  return { email, sub: invited.body.sub as string };
}

async function auditActions(companyId: string, token: string): Promise<{ action: string; actor: { sub: string }; details: any }[]> {
  const response = await api(`/companies/${companyId}/audit`, { token });
  expect(response.status).toBe(200);
  return response.body.entries;
}

/** A TOTP code that stays valid while the request is in flight. */
async function freshCode(secret: string): Promise<string> {
  if (msUntilNextStep() < 3000) await new Promise((resolve) => setTimeout(resolve, msUntilNextStep() + 50));
  return totp(secret);
}

/** Enrols TOTP for a signed-in user; returns the secret. */
async function enrolMfa(tokens: { idToken: string; accessToken: string }) {
  const setup = await api('/me/mfa/setup', { token: tokens.idToken, method: 'POST', body: { accessToken: tokens.accessToken } });
  expect(setup.status, JSON.stringify(setup.body)).toBe(200);
  const secret = setup.body.secret as string;
  const verified = await api('/me/mfa/verify', {
    token: tokens.idToken,
    method: 'POST',
    body: { accessToken: tokens.accessToken, code: await freshCode(secret), deviceName: 'Phone' },
  });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  return secret;
}

async function signInWithMfa(email: string, secret: string, client: 'shop' | 'console' = 'shop') {
  const first = await auth('sign-in', { email, password, client });
  expect(first.body).toMatchObject({ kind: 'challenge', challenge: 'SOFTWARE_TOKEN_MFA' });
  const second = await auth('challenge', { email, client, session: first.body.session, challenge: 'SOFTWARE_TOKEN_MFA', code: await freshCode(secret) });
  expect(second.status, JSON.stringify(second.body)).toBe(200);
  return second.body.tokens as { idToken: string; accessToken: string; refreshToken: string };
}

beforeAll(async () => {
  backOffice = await signIn(users.backOffice, 'console');
  documents = DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(stack().dynamodbEndpoint)));
});

describe('POST /auth/sign-in', () => {
  it('signs a company user in on the shop client and records the sign-in in the company audit trail', async () => {
    const { companyId, adminEmail } = await newCompany();
    const tokens = await signedIn(adminEmail.toUpperCase());
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.expiresIn).toBeGreaterThan(0);
    const me = await api('/me', { token: tokens.idToken });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: adminEmail, mfaEnabled: false, mfaRequired: false });
    const entries = await auditActions(companyId, tokens.idToken);
    expect(entries.find((entry) => entry.action === 'sign-in')).toMatchObject({ details: { client: 'shop' } });
  });

  it('answers a wrong password, an unknown e-mail, a disabled account and the wrong client alike (401 SIGN_IN_FAILED), auditing the known user', async () => {
    const { companyId, adminEmail } = await newCompany();
    const wrong = await auth('sign-in', { email: adminEmail, password: 'Not-The-Passw0rd', client: 'shop' });
    const unknown = await auth('sign-in', { email: uniqueEmail('nobody'), password: 'Not-The-Passw0rd', client: 'shop' });
    const wrongClient = await auth('sign-in', { email: adminEmail, password, client: 'console' });
    for (const response of [wrong, unknown, wrongClient]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual(wrong.body);
    }
    expect(wrong.body.error.code).toBe('SIGN_IN_FAILED');
    // Staff on the shop client are refused the same way.
    expect((await auth('sign-in', { email: users.backOffice, password: 'Portal-Demo-2026', client: 'shop' })).body.error.code).toBe('SIGN_IN_FAILED');

    const admin = await signedIn(adminEmail);
    const failures = (await auditActions(companyId, admin.idToken)).filter((entry) => entry.action === 'sign-in.failed');
    expect(failures.map((entry) => entry.details.reason).sort()).toEqual(['password', 'wrong-client']);

    const buyer = await inviteBuyer(companyId, admin.idToken);
    await signedIn(buyer.email);
    expect((await api(`/companies/${companyId}/users/${buyer.sub}`, { token: admin.idToken, method: 'PATCH', body: { enabled: false } })).status).toBe(200);
    const disabled = await auth('sign-in', { email: buyer.email, password, client: 'shop' });
    expect(disabled.status).toBe(401);
    expect(disabled.body).toEqual(wrong.body);
  });

  it('locks an e-mail address after 10 failures in 15 minutes (429 TOO_MANY_ATTEMPTS with Retry-After), even for the right password', async () => {
    const { adminEmail } = await newCompany();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await auth('sign-in', { email: adminEmail, password: `Wrong-Passw0rd-${attempt}`, client: 'shop' })).status).toBe(401);
    }
    const response = await fetch(`${stack().apiUrl}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, password, client: 'shop' }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(((await response.json()) as any).error.code).toBe('TOO_MANY_ATTEMPTS');
    // Another address is not affected.
    const { adminEmail: other } = await newCompany();
    await signedIn(other);
  });

  it('runs the first-login NEW_PASSWORD_REQUIRED challenge of an invited user, refusing a weak password (400 PASSWORD_POLICY)', async () => {
    const { companyId, adminEmail } = await newCompany();
    const admin = await signedIn(adminEmail);
    const invitee = await inviteBuyer(companyId, admin.idToken, false);
    const first = await auth('sign-in', { email: invitee.email, password: await temporaryPasswordFor(invitee.email), client: 'shop' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: 'challenge', challenge: 'NEW_PASSWORD_REQUIRED' });
    const answer = { email: invitee.email, client: 'shop', session: first.body.session, challenge: 'NEW_PASSWORD_REQUIRED' };
    const weak = await auth('challenge', { ...answer, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('PASSWORD_POLICY');
    // The session is bound to the e-mail it was issued for.
    const foreign = await auth('challenge', { ...answer, email: adminEmail, newPassword });
    expect(foreign.status).toBe(401);
    expect(foreign.body.error.code).toBe('SIGN_IN_FAILED');
    const done = await auth('challenge', { ...answer, newPassword });
    expect(done.status).toBe(200);
    expect(done.body.kind).toBe('signed-in');
    expect((await api('/me', { token: done.body.tokens.idToken })).body.user.email).toBe(invitee.email);
    // The challenge session is used up.
    expect((await auth('challenge', { ...answer, newPassword })).body.error.code).toBe('SIGN_IN_FAILED');
    await signedIn(invitee.email, 'shop', newPassword);
  });
});

describe('TOTP two-factor authentication', () => {
  it('enrols a software token, then signs in only with the right code; wrong codes are 401 MFA_CODE_INVALID and audited', async () => {
    const { companyId, adminEmail } = await newCompany();
    const admin = await signedIn(adminEmail);
    const buyer = await inviteBuyer(companyId, admin.idToken);
    const tokens = await signedIn(buyer.email);

    // Someone else's access token is refused.
    const foreignSetup = await api('/me/mfa/setup', { token: tokens.idToken, method: 'POST', body: { accessToken: admin.accessToken } });
    expect(foreignSetup.status).toBe(403);

    const setup = await api('/me/mfa/setup', { token: tokens.idToken, method: 'POST', body: { accessToken: tokens.accessToken } });
    expect(setup.status).toBe(200);
    const secret = setup.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    const issuer = encodeURIComponent((await api('/shop')).body.name as string);
    expect(setup.body.otpauthUri).toBe(`otpauth://totp/${issuer}:${encodeURIComponent(buyer.email)}?secret=${secret}&issuer=${issuer}`);

    const wrongSetup = await api('/me/mfa/verify', {
      token: tokens.idToken,
      method: 'POST',
      body: { accessToken: tokens.accessToken, code: wrongTotp(secret) },
    });
    expect(wrongSetup.status).toBe(400);
    expect(wrongSetup.body.error.code).toBe('MFA_CODE_INVALID');
    expect((await api('/me', { token: tokens.idToken })).body.user.mfaEnabled).toBe(false);
    expect((await auth('sign-in', { email: buyer.email, password, client: 'shop' })).body.kind).toBe('signed-in');

    const verified = await api('/me/mfa/verify', {
      token: tokens.idToken,
      method: 'POST',
      body: { accessToken: tokens.accessToken, code: await freshCode(secret) },
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ mfaEnabled: true });
    expect((await api('/me', { token: tokens.idToken })).body.user.mfaEnabled).toBe(true);

    const challenged = await auth('sign-in', { email: buyer.email, password, client: 'shop' });
    expect(challenged.status).toBe(200);
    expect(challenged.body).toMatchObject({ kind: 'challenge', challenge: 'SOFTWARE_TOKEN_MFA' });
    const answer = { email: buyer.email, client: 'shop', session: challenged.body.session, challenge: 'SOFTWARE_TOKEN_MFA' };
    const wrong = await auth('challenge', { ...answer, code: wrongTotp(secret) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('MFA_CODE_INVALID');
    expect(wrong.body.tokens).toBeUndefined();
    const right = await auth('challenge', { ...answer, code: await freshCode(secret) });
    expect(right.status).toBe(200);
    expect(right.body.kind).toBe('signed-in');
    expect((await api('/me', { token: right.body.tokens.idToken })).status).toBe(200);

    const entries = await auditActions(companyId, admin.idToken);
    const mine = entries.filter((entry) => entry.actor.sub === buyer.sub);
    expect(mine.map((entry) => entry.action)).toEqual(expect.arrayContaining(['mfa.enabled', 'sign-in', 'sign-in.failed']));
    expect(mine.find((entry) => entry.action === 'sign-in.failed')!.details.reason).toBe('mfa-code');
  });

  it('lets a company admin require MFA (PUT /companies/{id}/security); another company and a buyer cannot; MFA cannot be switched off while required', async () => {
    const { companyId, adminEmail } = await newCompany();
    const adminFirst = await signedIn(adminEmail);
    const buyer = await inviteBuyer(companyId, adminFirst.idToken);
    const adminSecret = await enrolMfa(adminFirst);
    const admin = await signInWithMfa(adminEmail, adminSecret);

    const foreign = await api(`/companies/${companyId}/security`, { token: await signIn(users.nowakBuyer), method: 'PUT', body: { mfaRequired: true } });
    expect(foreign.status).toBe(403);
    const ownBuyer = await signedIn(buyer.email);
    const byBuyer = await api(`/companies/${companyId}/security`, { token: ownBuyer.idToken, method: 'PUT', body: { mfaRequired: true } });
    expect(byBuyer.status).toBe(403);
    expect(byBuyer.body.error.code).toBe('FORBIDDEN');
    expect((await api(`/companies/${companyId}`, { token: admin.idToken })).body.mfaRequired).toBe(false);

    const required = await api(`/companies/${companyId}/security`, { token: admin.idToken, method: 'PUT', body: { mfaRequired: true } });
    expect(required.status).toBe(200);
    expect(required.body.mfaRequired).toBe(true);
    expect((await api(`/companies/${companyId}`, { token: admin.idToken })).body.mfaRequired).toBe(true);
    // A later master-data change keeps the setting.
    expect((await api(`/companies/${companyId}`, { token: admin.idToken, method: 'PATCH', body: { name: `Sicher Bau ${Date.now()} AG` } })).status).toBe(200);
    expect((await api(`/companies/${companyId}`, { token: admin.idToken })).body.mfaRequired).toBe(true);
    expect((await api('/me', { token: ownBuyer.idToken })).body.user).toMatchObject({ mfaRequired: true, mfaEnabled: false });

    const refused = await api('/me/mfa', { token: admin.idToken, method: 'DELETE', body: { accessToken: admin.accessToken } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('MFA_REQUIRED');
    expect((await api('/me', { token: admin.idToken })).body.user.mfaEnabled).toBe(true);
    expect((await auth('sign-in', { email: adminEmail, password, client: 'shop' })).body.challenge).toBe('SOFTWARE_TOKEN_MFA');

    expect((await api(`/companies/${companyId}/security`, { token: admin.idToken, method: 'PUT', body: { mfaRequired: false } })).status).toBe(200);
    const disabled = await api('/me/mfa', { token: admin.idToken, method: 'DELETE', body: { accessToken: admin.accessToken } });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toEqual({ mfaEnabled: false });
    expect((await auth('sign-in', { email: adminEmail, password, client: 'shop' })).body.kind).toBe('signed-in');

    const actions = (await auditActions(companyId, admin.idToken)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['security.mfa-required', 'mfa.enabled', 'mfa.disabled']));
    expect(actions.filter((action) => action === 'security.mfa-required')).toHaveLength(2);
  });
});

describe('forgot / reset password', () => {
  // Sicher Bau is German: so is its reset mail.
  const resetMails = async (email: string) => (await outbox()).filter((message) => message.to.includes(email) && message.subject === 'Passwort zurücksetzen');
  const latestCode = async (email: string) => /Code zum Zurücksetzen: (\d{6})/.exec((await resetMails(email))[0]!.text)![1]!;

  it('answers 202 for any address, mails a code only to portal users, burns a code after 5 wrong tries and resets with the right one', async () => {
    const { companyId, adminEmail } = await newCompany();
    const nobody = uniqueEmail('nobody');
    const unknown = await auth('password/forgot', { email: nobody, client: 'shop' });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual({ sent: true });
    expect(await resetMails(nobody)).toHaveLength(0);

    expect((await auth('password/forgot', { email: adminEmail, client: 'shop' })).body).toEqual({ sent: true });
    const firstCode = await latestCode(adminEmail);
    const wrongCode = firstCode === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await auth('password/reset', { email: adminEmail, code: wrongCode, newPassword });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.code).toBe('RESET_CODE_INVALID');
    }
    const burnt = await auth('password/reset', { email: adminEmail, code: firstCode, newPassword });
    expect(burnt.status).toBe(400);
    expect(burnt.body.error.code).toBe('RESET_CODE_INVALID');
    const before = await signedIn(adminEmail); // nothing changed
    await new Promise((resolve) => setTimeout(resolve, 1100)); // sign-in times have whole-second resolution

    expect((await auth('password/forgot', { email: adminEmail, client: 'shop' })).status).toBe(202);
    const code = await latestCode(adminEmail);
    const weak = await auth('password/reset', { email: adminEmail, code, newPassword: 'weak' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('PASSWORD_POLICY');
    const done = await auth('password/reset', { email: adminEmail, code, newPassword });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ reset: true });
    expect((await auth('password/reset', { email: adminEmail, code, newPassword: 'Third-Passw0rd-3' })).body.error.code).toBe('RESET_CODE_INVALID');

    expect((await auth('sign-in', { email: adminEmail, password, client: 'shop' })).body.error.code).toBe('SIGN_IN_FAILED');
    // Every session from before the reset is over: its ID token and its refresh.
    const oldToken = await api('/me', { token: before.idToken });
    expect(oldToken.status).toBe(401);
    expect(oldToken.body.error.code).toBe('SESSION_REVOKED');
    expect((await auth('refresh', { refreshToken: before.refreshToken, client: 'shop' })).status).toBe(401);
    const tokens = await signedIn(adminEmail, 'shop', newPassword);
    expect((await api('/me', { token: tokens.idToken })).status).toBe(200);
    expect((await auditActions(companyId, tokens.idToken)).map((entry) => entry.action)).toContain('password.reset');

    // At most 3 codes per address and hour: the fourth request mails nothing.
    expect((await auth('password/forgot', { email: adminEmail, client: 'shop' })).status).toBe(202);
    expect((await auth('password/forgot', { email: adminEmail, client: 'shop' })).status).toBe(202);
    expect(await resetMails(adminEmail)).toHaveLength(3);
  });
});

describe('POST /auth/refresh and /auth/sign-out', () => {
  it('refreshes within the session timeout, answers 401 SESSION_EXPIRED after it (counted from the sign-in), SESSION_UNKNOWN after sign-out', async () => {
    const { adminEmail } = await newCompany();
    const tokens = await signedIn(adminEmail);
    expect((await api('/me/preferences', { token: tokens.idToken, method: 'PUT', body: { sessionTimeoutMinutes: 5 } })).status).toBe(200);

    const refreshed = await auth('refresh', { refreshToken: tokens.refreshToken, client: 'shop' });
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    expect(refreshed.body.tokens.idToken).toBeTruthy();
    expect(refreshed.body.tokens.refreshToken).toBeUndefined();
    expect((await api('/me', { token: refreshed.body.tokens.idToken })).status).toBe(200);
    expect((await auth('refresh', { refreshToken: tokens.refreshToken, client: 'console' })).body.error.code).toBe('SESSION_UNKNOWN');

    // Test seam: the session item's startedAt is moved 6 minutes into the past (docs/access-patterns.md).
    const key = sessionKey(tokens.refreshToken);
    expect((await documents.send(new GetCommand({ TableName: stack().env.TABLE_NAME, Key: key }))).Item).toMatchObject({ client: 'shop' });
    await documents.send(
      new UpdateCommand({
        TableName: stack().env.TABLE_NAME,
        Key: key,
        UpdateExpression: 'SET startedAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 6 * 60_000).toISOString() },
      }),
    );
    const expired = await auth('refresh', { refreshToken: tokens.refreshToken, client: 'shop' });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('SESSION_EXPIRED');
    expect((await auth('refresh', { refreshToken: tokens.refreshToken, client: 'shop' })).body.error.code).toBe('SESSION_UNKNOWN');

    const again = await signedIn(adminEmail);
    expect((await auth('sign-out', { refreshToken: again.refreshToken })).status).toBe(204);
    const afterSignOut = await auth('refresh', { refreshToken: again.refreshToken, client: 'shop' });
    expect(afterSignOut.status).toBe(401);
    expect(afterSignOut.body.error.code).toBe('SESSION_UNKNOWN');
    expect((await auth('sign-out', { refreshToken: again.refreshToken })).status).toBe(204);
  });

  it('refuses the refresh of a disabled user (401 ACCOUNT_DISABLED)', async () => {
    const { companyId, adminEmail } = await newCompany();
    const admin = await signedIn(adminEmail);
    const buyer = await inviteBuyer(companyId, admin.idToken);
    const tokens = await signedIn(buyer.email);
    expect((await auth('refresh', { refreshToken: tokens.refreshToken, client: 'shop' })).status).toBe(200);
    expect((await api(`/companies/${companyId}/users/${buyer.sub}`, { token: admin.idToken, method: 'PATCH', body: { enabled: false } })).status).toBe(200);
    const refused = await auth('refresh', { refreshToken: tokens.refreshToken, client: 'shop' });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('ACCOUNT_DISABLED');
  });
});
