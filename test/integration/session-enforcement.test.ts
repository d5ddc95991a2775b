import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { newCompanyWithBuyers } from '../support/accounts.js';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { decodeToken, resignToken } from '../support/tokens.js';

/**
 * Issue 12, findings 2–4 and the `exp` part of 6: a verified signature is not enough. The server checks
 * the caller's user record on every request (functions/shared/account-status.ts).
 */
const cognito = () => new CognitoIdentityProviderClient(awsConfig(stack().cognitoEndpoint));
const nowSeconds = () => Math.floor(Date.now() / 1000);
const parallelPassword = 'Parallel-Passw0rd-1';

async function directSignIn(email: string, password = parallelPassword) {
  const client = cognito();
  try {
    const result = await client.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack().shopClientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
    );
    return result.AuthenticationResult!;
  } finally {
    client.destroy();
  }
}

describe('a disabled employee', () => {
  it('is refused on the very next request with the tokens they still hold, and cannot sign in again', async () => {
    const { companyId, admin, tokens } = await newCompanyWithBuyers(2);
    const buyer = tokens[1]!;
    const buyerSub = String(decodeToken(buyer).sub);
    const buyerEmail = String(decodeToken(buyer).email);
    const sku = (await api('/catalog/products?category=hand-tools', { token: buyer })).body?.products?.[0]?.sku as string | undefined;
    if (sku) expect((await api('/cart/lines', { token: buyer, method: 'POST', body: { lines: [{ sku, quantity: '1' }] } })).status).toBeLessThan(300);
    expect((await api('/cart', { token: buyer })).status).toBe(200);
    expect((await api(`/companies/${companyId}/orders`, { token: buyer })).status).toBe(200);
    const cartBefore = (await api(`/companies/${companyId}/carts`, { token: admin })).body;

    const disabled = await api(`/companies/${companyId}/users/${buyerSub}`, { token: admin, method: 'PATCH', body: { enabled: false } });
    expect(disabled.status).toBe(200);

    for (const [path, method, body] of [
      ['/cart', 'GET', undefined],
      [`/companies/${companyId}/orders`, 'GET', undefined],
      ['/checkout/preview', 'POST', { delivery: { kind: 'own-transport' } }],
      ['/checkout/orders', 'POST', { delivery: { kind: 'own-transport' }, paymentMethod: 'on-account', idempotencyKey: 'disabled-user-order' }],
      ['/me', 'GET', undefined],
    ] as const) {
      const refused = await api(path, { token: buyer, method, ...(body ? { body } : {}) });
      expect(refused.status, `${method} ${path}`).toBe(401);
      expect(refused.body.error.code).toBe('ACCOUNT_DISABLED');
    }
    // Nothing changed: no order, the cart as it was.
    expect((await api(`/companies/${companyId}/orders`, { token: admin })).body.orders ?? []).toHaveLength(0);
    expect((await api(`/companies/${companyId}/carts`, { token: admin })).body).toEqual(cartBefore);
    // Cognito: the sign-in is disabled too.
    const client = cognito();
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: stack().userPoolId, Username: buyerEmail }))).Enabled).toBe(false);
    client.destroy();
    // cognito-local still signs a disabled user in (AWS refuses): the tokens it hands out are refused too.
    const afterDisable = await directSignIn(buyerEmail).catch(() => undefined);
    if (afterDisable) expect((await api('/cart', { token: afterDisable.IdToken! })).body.error.code).toBe('ACCOUNT_DISABLED');

    // Re-enabled, the person works again.
    expect((await api(`/companies/${companyId}/users/${buyerSub}`, { token: admin, method: 'PATCH', body: { enabled: true } })).status).toBe(200);
    expect((await api('/cart', { token: (await directSignIn(buyerEmail)).IdToken! })).status).toBe(200);
  });
});

describe('the per-user session timeout', () => {
  it('is enforced by the server from the sign-in time (auth_time), not only by the SPA', async () => {
    const { tokens } = await newCompanyWithBuyers(2);
    const buyer = tokens[1]!;
    expect((await api('/me/preferences', { token: buyer, method: 'PUT', body: { sessionTimeoutMinutes: 5 } })).status).toBe(200);

    const signedInSixMinutesAgo = resignToken(buyer, { auth_time: nowSeconds() - 6 * 60, iat: nowSeconds() - 60 });
    const expired = await api('/cart', { token: signedInSixMinutesAgo });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('SESSION_EXPIRED');
    expect((await api('/me', { token: signedInSixMinutesAgo })).status).toBe(401);

    const signedInFourMinutesAgo = resignToken(buyer, { auth_time: nowSeconds() - 4 * 60 });
    expect((await api('/cart', { token: signedInFourMinutesAgo })).status).toBe(200);

    // A longer timeout lets the same session go on.
    expect((await api('/me/preferences', { token: buyer, method: 'PUT', body: { sessionTimeoutMinutes: 30 } })).status).toBe(200);
    expect((await api('/cart', { token: signedInSixMinutesAgo })).status).toBe(200);
  });

  it('refuses tokens without a sign-in time', async () => {
    const { tokens } = await newCompanyWithBuyers(1);
    const refused = await api('/me', { token: resignToken(tokens[0]!, { auth_time: undefined }) });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('INVALID_TOKEN');
  });
});

describe('the company claim of a token', () => {
  it('must match the user record: a buyer who rewrites custom:companyId reads nothing of the other company', async () => {
    const { tokens } = await newCompanyWithBuyers(2);
    const buyerEmail = String(decodeToken(tokens[1]!).email);
    const nowakAdmin = await signIn(users.nowakAdmin);
    const nowakOrders = await api('/companies/nowak-instalacje/orders', { token: nowakAdmin });
    expect(nowakOrders.status).toBe(200);

    // cognito-local lets a user write their own custom attributes (on AWS the app client's write attributes forbid it).
    const session = await directSignIn(buyerEmail);
    const client = cognito();
    await client.send(
      new UpdateUserAttributesCommand({ AccessToken: session.AccessToken!, UserAttributes: [{ Name: 'custom:companyId', Value: 'nowak-instalacje' }] }),
    );
    client.destroy();
    const forged = (await directSignIn(buyerEmail)).IdToken!;
    expect(decodeToken(forged)['custom:companyId']).toBe('nowak-instalacje');

    for (const path of ['/companies/nowak-instalacje/orders', '/companies/nowak-instalacje', '/companies/nowak-instalacje/users', '/cart', '/me']) {
      const refused = await api(path, { token: forged });
      expect(refused.status, path).toBe(403);
      expect(refused.body.error.code).toBe('ACCOUNT_MISMATCH');
    }
    const placed = await api('/checkout/orders', {
      token: forged,
      method: 'POST',
      body: { delivery: { kind: 'own-transport' }, paymentMethod: 'on-account', idempotencyKey: 'forged-company' },
    });
    expect(placed.status).toBe(403);
    expect((await api('/companies/nowak-instalacje/orders', { token: nowakAdmin })).body.orders.length).toBe(nowakOrders.body.orders.length);
  });

  it("must match the recorded role: a token whose role claim is not the person's role is refused", async () => {
    const { tokens } = await newCompanyWithBuyers(2);
    const buyer = tokens[1]!;
    const claims = decodeToken(buyer);
    const promoted = resignToken(buyer, { 'custom:role': 'company-admin', 'cognito:groups': ['company-admin'] });
    const refused = await api(`/companies/${String(claims['custom:companyId'])}/users`, {
      token: promoted,
      method: 'POST',
      body: { email: 'intruder@example.com', name: 'Intruder', role: 'company-admin' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ACCOUNT_MISMATCH');
  });
});

describe('token expiry', () => {
  it('refuses a validly signed token without exp', async () => {
    const buyer = await signIn(users.muellerBuyer);
    expect((await api('/cart', { token: buyer })).status).toBe(200);
    const forever = resignToken(buyer, { exp: undefined });
    // A route behind the JWT authorizer (the local gateway checks like API Gateway does) …
    expect((await api('/cart', { token: forever })).status).toBe(401);
    // … and one without it, where only the handler's own verification stands between token and data.
    const guestRoute = await api('/catalog/products?category=hand-tools', { token: forever });
    expect(guestRoute.status).toBe(401);
    expect(guestRoute.body.error.code).toBe('INVALID_TOKEN');
    expect((await api('/catalog/products?category=hand-tools', { token: buyer })).status).toBe(200);
  });
});
