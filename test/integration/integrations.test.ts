import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { machineToken, requestToken } from '../support/integrations.js';
import { stockedSku } from '../support/orders.js';
import { confirmedOrder } from '../support/order-admin.js';
import { decodeToken, resignToken } from '../support/tokens.js';

/** Integrator access (issue #14 item 3): machine clients with scopes and signed webhooks. */
const company = 'mueller-bau';

describe('machine clients (client credentials)', () => {
  it('an orders:read client reads orders and is refused everything else', async () => {
    const buyer = await signIn(users.muellerBuyer);
    const order = await confirmedOrder(buyer, company, [{ sku: await stockedSku(buyer, 'electrical', 2), quantity: '1' }]);
    const token = await machineToken('erpConnector', ['orders:read']);
    const claims = decodeToken(token);
    expect(claims).toMatchObject({ token_use: 'access', client_id: stack().machineClients.erpConnector!.clientId, scope: 'b2b-portal/orders:read' });

    const list = await api(`/console/orders?companyId=${company}&limit=100`, { token });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.orders.map((found: { orderId: string }) => found.orderId)).toContain(order.orderId);
    const detail = await api(`/console/orders/${company}/${order.orderId}`, { token });
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    expect(detail.body.order.orderNumber).toBe(order.orderNumber);

    // Routes that accept other scopes, and routes no machine client may use at all.
    const refused = [
      { method: 'POST', path: `/console/orders/${company}/${order.orderId}/notes`, body: { text: 'from the ERP' } },
      { method: 'GET', path: `/companies/${company}/documents` },
      { method: 'GET', path: '/console/discounts' },
      { method: 'POST', path: '/pricing/quote', body: { lines: [{ sku: 'X', quantity: '1' }] } },
      { method: 'GET', path: '/me' },
      { method: 'GET', path: '/catalog/products' },
    ];
    for (const call of refused) {
      const response = await api(call.path, { token, method: call.method, ...(call.body ? { body: call.body } : {}) });
      expect(response.status, `${call.method} ${call.path}`).toBe(403);
      expect(response.body.error.code, `${call.method} ${call.path}`).toBe('INSUFFICIENT_SCOPE');
    }
  });

  it('refuses bad tokens with 401 and bad credentials or scopes at the token endpoint', async () => {
    const token = await machineToken('erpConnector', ['orders:read']);
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await api(`/console/orders?companyId=${company}`, { token: forged })).status).toBe(401);
    // A token of a client that is not configured as a machine client is no machine token.
    const stranger = resignToken(token, { client_id: 'unknown-client' });
    expect((await api(`/console/orders?companyId=${company}`, { token: stranger })).status).toBe(401);
    const expired = resignToken(token, { exp: Math.floor(Date.now() / 1000) - 60 });
    expect((await api(`/console/orders?companyId=${company}`, { token: expired })).status).toBe(401);

    const { erpConnector, pimConnector } = stack().machineClients;
    expect((await requestToken(erpConnector!.clientId, 'wrong-secret')).body.error).toBe('invalid_client');
    // Least privilege: the PIM connector may not ask for order access.
    const widened = await requestToken(pimConnector!.clientId, pimConnector!.clientSecret, 'b2b-portal/orders:read');
    expect(widened.status).toBe(400);
    expect(widened.body.error).toBe('invalid_scope');
    // Without a scope parameter the token carries every scope the client is allowed.
    const all = await requestToken(pimConnector!.clientId, pimConnector!.clientSecret);
    expect(decodeToken(all.body.access_token as string).scope).toBe('b2b-portal/catalog:write');
  });

  it('audit entries name the machine client', async () => {
    const buyer = await signIn(users.muellerBuyer);
    const order = await confirmedOrder(buyer, company, [{ sku: await stockedSku(buyer, 'electrical', 2), quantity: '1' }]);
    const token = await machineToken('erpConnector', ['orders:write']);
    const noted = await api(`/console/orders/${company}/${order.orderId}/notes`, { token, method: 'POST', body: { text: 'Booked in the ERP' } });
    expect(noted.status, JSON.stringify(noted.body)).toBe(201);
    const backOffice = await signIn(users.backOffice, 'console');
    const detail = await api(`/console/orders/${company}/${order.orderId}`, { token: backOffice });
    const clientId = stack().machineClients.erpConnector!.clientId;
    expect(JSON.stringify(detail.body)).toContain(clientId);
  });
});
