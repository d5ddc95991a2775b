import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { deadLetterName, queues } from '../../lib/definitions/index.js';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
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

  it('a master-data:read client reads companies, not orders', async () => {
    const token = await machineToken('erpConnector', ['master-data:read']);
    const companies = await api('/console/companies?limit=100', { token });
    expect(companies.status, JSON.stringify(companies.body)).toBe(200);
    expect(companies.body.companies.map((found: { id?: string; companyId?: string }) => found.id ?? found.companyId)).toContain(company);
    const one = await api(`/companies/${company}`, { token });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    const orders = await api(`/console/orders?companyId=${company}`, { token });
    expect(orders.status).toBe(403);
    expect(orders.body.error.code).toBe('INSUFFICIENT_SCOPE');
  });

  it('an invoices:read client reads the documents of a company', async () => {
    const token = await machineToken('erpConnector', ['invoices:read']);
    const documents = await api(`/companies/${company}/documents`, { token });
    expect(documents.status, JSON.stringify(documents.body)).toBe(200);
    expect((await api(`/console/companies`, { token })).body.error.code).toBe('INSUFFICIENT_SCOPE');
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

/** A receiver as an integrator would run it: verifies every signature with the secret it was shown. */
async function startReceiver() {
  const received: { path: string; headers: Record<string, string>; body: string; verified: boolean; answered: number }[] = [];
  const secrets = new Map<string, string>();
  const answers = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = request.headers as Record<string, string>;
      const path = request.url ?? '/';
      const secret = secrets.get(path) ?? '';
      const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
        .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
        .digest('base64');
      const signatures = (headers['webhook-signature'] ?? '').split(' ').map((entry) => entry.replace(/^v1,/, ''));
      const verified = signatures.some((candidate) => candidate.length === expected.length && timingSafeEqual(Buffer.from(candidate), Buffer.from(expected)));
      const queue = answers.get(path) ?? [];
      const answered = queue.length > 1 ? queue.shift()! : (queue[0] ?? 200);
      received.push({ path, headers, body, verified, answered });
      response.writeHead(answered, { 'content-type': 'text/plain' });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    /** Status codes answered in turn; the last one stays. */
    answer: (path: string, statuses: number[]) => answers.set(path, [...statuses]),
    trust: (path: string, secret: string) => secrets.set(path, secret),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('webhooks', () => {
  it('delivers signed, retries after a failure, dead-letters after the last attempt and replays from the console', async () => {
    const [backOffice, buyer, rep] = await Promise.all([signIn(users.backOffice, 'console'), signIn(users.muellerBuyer), signIn(users.rep, 'console')]);
    const receiver = await startReceiver();
    const created: string[] = [];
    try {
      const subscribe = async (path: string) => {
        const response = await api('/console/webhooks', {
          token: backOffice,
          method: 'POST',
          body: { url: receiver.url(path), eventTypes: ['order.placed'], description: `test ${path}` },
        });
        expect(response.status, JSON.stringify(response.body)).toBe(201);
        expect(response.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
        receiver.trust(path, response.body.secret);
        created.push(response.body.subscription.subscriptionId);
        return response.body.subscription.subscriptionId as string;
      };
      receiver.answer('/flaky', [500, 200]);
      receiver.answer('/down', [503]);
      const flaky = await subscribe('/flaky');
      const down = await subscribe('/down');

      // The secret is shown once: the list never carries it.
      const listed = await api('/console/webhooks', { token: backOffice });
      expect(listed.body.subscriptions.map((subscription: { subscriptionId: string }) => subscription.subscriptionId)).toEqual(
        expect.arrayContaining([flaky, down]),
      );
      expect(JSON.stringify(listed.body)).not.toContain('whsec_');

      const order = await confirmedOrder(buyer, company, [{ sku: await stockedSku(buyer, 'electrical', 2), quantity: '1' }]);
      const forOrder = (path: string) =>
        receiver.received.filter((request) => request.path === path && JSON.parse(request.body).data.orderId === order.orderId);

      // Failed first (500), retried, delivered; every attempt signed, same Webhook-Id each time.
      const flakyCalls = await until('the retried delivery', async () => (forOrder('/flaky').length >= 2 ? forOrder('/flaky') : undefined));
      expect(flakyCalls.map((call) => call.answered)).toEqual([500, 200]);
      expect(flakyCalls.every((call) => call.verified)).toBe(true);
      expect(new Set(flakyCalls.map((call) => call.headers['webhook-id'])).size).toBe(1);
      const payload = JSON.parse(flakyCalls[0]!.body);
      expect(payload).toMatchObject({ type: 'order.placed', data: { companyId: company, orderId: order.orderId, orderNumber: order.orderNumber } });
      expect(Math.abs(Number(flakyCalls[1]!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(120);
      const flakyDelivery = await until('the delivered record', async () => {
        const { body } = await api(`/console/webhooks/${flaky}/deliveries`, { token: backOffice });
        return body.deliveries.find((delivery: { eventType: string; status: string }) => delivery.status === 'delivered');
      });
      expect(flakyDelivery.deliveryId).toBe(flakyCalls[0]!.headers['webhook-id']);
      expect(
        flakyDelivery.attempts.map((attempt: { attempt: number; outcome: string; httpStatus: number }) => [
          attempt.attempt,
          attempt.outcome,
          attempt.httpStatus,
        ]),
      ).toEqual([
        [1, 'failed', 500],
        [2, 'delivered', 200],
      ]);

      // Always failing: every attempt is recorded, then the message waits in the DLQ.
      const deadLettered = await until('the dead-lettered delivery', async () => {
        const { body } = await api(`/console/webhooks/${down}/deliveries`, { token: backOffice });
        return body.deliveries.find((delivery: { status: string }) => delivery.status === 'dead-lettered');
      });
      expect(deadLettered.attempts).toHaveLength(queues.webhookDeliveries.maxReceiveCount);
      expect(
        deadLettered.attempts.every((attempt: { outcome: string; httpStatus: number }) => attempt.outcome === 'failed' && attempt.httpStatus === 503),
      ).toBe(true);
      expect(forOrder('/down').every((call) => call.verified)).toBe(true);
      const sqs = new SQSClient(awsConfig(stack().sqsEndpoint));
      try {
        const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: deadLetterName(queues.webhookDeliveries.localName) }));
        await until('the message in the DLQ', async () => {
          const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 1 }));
          return Messages.find((message) => JSON.parse(message.Body ?? '{}').deliveryId === deadLettered.deliveryId);
        });
      } finally {
        sqs.destroy();
      }

      // Back office replays it once the receiver is fixed: a fresh series of attempts, delivered.
      receiver.answer('/down', [200]);
      expect((await api(`/console/webhooks/${down}/deliveries/${deadLettered.deliveryId}/replay`, { token: rep, method: 'POST' })).status).toBe(403);
      const replay = await api(`/console/webhooks/${down}/deliveries/${deadLettered.deliveryId}/replay`, { token: backOffice, method: 'POST' });
      expect(replay.status, JSON.stringify(replay.body)).toBe(202);
      expect(replay.body.status).toBe('pending');
      const replayed = await until('the replayed delivery', async () => {
        const { body } = await api(`/console/webhooks/${down}/deliveries`, { token: backOffice });
        return body.deliveries.find(
          (delivery: { deliveryId: string; status: string }) => delivery.deliveryId === deadLettered.deliveryId && delivery.status === 'delivered',
        );
      });
      expect(replayed.replayedAt).toBeTruthy();
      expect(replayed.attempts.at(-1)).toMatchObject({ attempt: 1, outcome: 'delivered', httpStatus: 200 });
      const downCalls = forOrder('/down');
      expect(downCalls.at(-1)).toMatchObject({ answered: 200, verified: true });
      expect(downCalls.at(-1)!.headers['webhook-id']).toBe(deadLettered.deliveryId);
    } finally {
      for (const subscriptionId of created) await api(`/console/webhooks/${subscriptionId}`, { token: backOffice, method: 'DELETE' });
      await receiver.stop();
    }
  });

  it('refuses private targets and non-back-office callers; deletes subscriptions', async () => {
    const [backOffice, rep] = await Promise.all([signIn(users.backOffice, 'console'), signIn(users.rep, 'console')]);
    for (const url of ['http://10.0.0.1/hook', 'https://169.254.169.254/latest/meta-data', 'https://[fd00::1]/hook', 'ftp://example.com/']) {
      const refused = await api('/console/webhooks', { token: backOffice, method: 'POST', body: { url, eventTypes: ['order.placed'] } });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error.code, url).toBe('INVALID_WEBHOOK_URL');
    }
    expect(
      (await api('/console/webhooks', { token: rep, method: 'POST', body: { url: 'https://erp.example.com/hook', eventTypes: ['order.placed'] } })).status,
    ).toBe(403);
    expect(
      (await api('/console/webhooks', { token: backOffice, method: 'POST', body: { url: 'https://erp.example.com/hook', eventTypes: ['no.such.event'] } }))
        .status,
    ).toBe(400);
    const made = await api('/console/webhooks', {
      token: backOffice,
      method: 'POST',
      body: { url: 'https://erp.example.com/hook', eventTypes: ['invoice.issued', 'company.changed'] },
    });
    expect(made.status).toBe(201);
    const id = made.body.subscription.subscriptionId;
    expect((await api(`/console/webhooks/${id}`, { token: backOffice, method: 'DELETE' })).body).toEqual({ deleted: id });
    expect((await api(`/console/webhooks/${id}`, { token: backOffice, method: 'DELETE' })).status).toBe(404);
    expect((await api(`/console/webhooks/${id}/deliveries`, { token: backOffice })).status).toBe(404);
  });
});
