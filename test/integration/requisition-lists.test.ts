import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { newCompanyWithBuyers } from '../support/accounts.js';
import { fillCart, placeOrder } from '../support/orders.js';

const listsOf = (companyId: string) => `/companies/${companyId}/requisition-lists`;
type Line = { sku: string; quantity: string; reason?: string; problem?: string; note?: string };

/**
 * A product of its own (a copy of HAN-0211 under a new SKU, left out of the category listing) that
 * the test can block without disturbing other tests.
 */
let documents: DynamoDBDocumentClient;
const blockable = `TST-${randomBytes(3).toString('hex').toUpperCase()}`;
const table = () => stack().env.TABLE_NAME!;
const setActive = (active: boolean) =>
  documents.send(
    new UpdateCommand({
      TableName: table(),
      Key: { PK: `PRODUCT#${blockable}`, SK: 'PRODUCT' },
      UpdateExpression: 'SET active = :a',
      ExpressionAttributeValues: { ':a': active },
    }),
  );

beforeAll(async () => {
  documents = DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(stack().dynamodbEndpoint)));
  for (const sk of ['PRODUCT', 'PRICING']) {
    const { Item } = await documents.send(new GetCommand({ TableName: table(), Key: { PK: 'PRODUCT#HAN-0211', SK: sk } }));
    const { GSI1PK: _pk, GSI1SK: _sk, ...copy } = Item!;
    await documents.send(
      new PutCommand({
        TableName: table(),
        Item: { ...copy, PK: `PRODUCT#${blockable}`, sku: blockable, ...(sk === 'PRODUCT' ? { name: 'Test hammer' } : {}) },
      }),
    );
  }
});

afterAll(() => documents?.destroy());

describe('requisition lists', () => {
  it('are shared within the company: everybody uses them, owner and admins change them', async () => {
    const company = await newCompanyWithBuyers(3);
    const [admin, buyer, otherBuyer] = company.tokens as [string, string, string];
    const created = await api(listsOf(company.companyId), {
      token: buyer,
      method: 'POST',
      body: { name: 'Site Ulm weekly', lines: [{ sku: 'HAN-0211', quantity: '2', note: 'for the crane crew' }] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Site Ulm weekly', lineCount: 1, mayEdit: true });
    expect(created.body.lines[0]).toMatchObject({ sku: 'HAN-0211', quantity: '2', note: 'for the crane crew' });
    expect(created.body.lines[0].price.amount).toBeGreaterThan(0);
    const listId = created.body.listId as string;

    const duplicate = await api(listsOf(company.companyId), { token: admin, method: 'POST', body: { name: 'site ulm WEEKLY' } });
    expect([duplicate.status, duplicate.body.error.code]).toEqual([409, 'LIST_NAME_TAKEN']);

    // Another buyer sees and uses it, but cannot change it.
    const seen = await api(listsOf(company.companyId), { token: otherBuyer });
    expect(seen.body.lists.map((list: { listId: string; mayEdit: boolean }) => [list.listId, list.mayEdit])).toEqual([[listId, false]]);
    const readOnly = await api(`${listsOf(company.companyId)}/${listId}/lines`, {
      token: otherBuyer,
      method: 'POST',
      body: { lines: [{ sku: 'HAN-0212', quantity: 1 }] },
    });
    expect([readOnly.status, readOnly.body.error.code]).toEqual([403, 'LIST_READ_ONLY']);
    expect((await api(`${listsOf(company.companyId)}/${listId}`, { token: otherBuyer, method: 'DELETE' })).status).toBe(403);

    // The owner adds (quantities merge per SKU), the admin edits and renames.
    const added = await api(`${listsOf(company.companyId)}/${listId}/lines`, {
      token: buyer,
      method: 'POST',
      body: {
        lines: [
          { sku: 'han-0211', quantity: '0.5' },
          { sku: 'HAN-0212', quantity: 3 },
        ],
      },
    });
    expect(added.body.lines.map((line: Line) => [line.sku, line.quantity])).toEqual([
      ['HAN-0211', '2.5'],
      ['HAN-0212', '3'],
    ]);
    const edited = await api(`${listsOf(company.companyId)}/${listId}/lines/HAN-0212`, {
      token: admin,
      method: 'PATCH',
      body: { quantity: '4', note: 'spare' },
    });
    expect(edited.body.lines[1]).toMatchObject({ quantity: '4', note: 'spare' });
    const noteCleared = await api(`${listsOf(company.companyId)}/${listId}/lines/HAN-0211`, { token: admin, method: 'PATCH', body: { note: null } });
    expect(noteCleared.body.lines[0].note).toBeUndefined();
    const renamed = await api(`${listsOf(company.companyId)}/${listId}`, { token: admin, method: 'PATCH', body: { name: 'Site Ulm monthly' } });
    expect(renamed.body.name).toBe('Site Ulm monthly');
    const removed = await api(`${listsOf(company.companyId)}/${listId}/lines/HAN-0212`, { token: buyer, method: 'DELETE' });
    expect(removed.body.lines.map((line: Line) => line.sku)).toEqual(['HAN-0211']);

    // Bad input → 4xx with a code.
    expect(
      (await api(`${listsOf(company.companyId)}/${listId}/lines`, { token: buyer, method: 'POST', body: { lines: [{ sku: 'NOPE-1', quantity: 1 }] } })).body
        .error.code,
    ).toBe('UNKNOWN_PRODUCT');
    expect(
      (await api(`${listsOf(company.companyId)}/${listId}/lines`, { token: buyer, method: 'POST', body: { lines: [{ sku: 'HAN-0211', quantity: '0' }] } })).body
        .error.code,
    ).toBe('INVALID_QUANTITY');
    expect((await api(`${listsOf(company.companyId)}/${listId}/lines/HAN-0999`, { token: buyer, method: 'DELETE' })).status).toBe(404);
    expect((await api(listsOf(company.companyId), { token: buyer, method: 'POST', body: { name: 'x', extra: true } })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );

    expect((await api(`${listsOf(company.companyId)}/${listId}`, { token: admin, method: 'DELETE' })).status).toBe(200);
    expect((await api(`${listsOf(company.companyId)}/${listId}`, { token: buyer })).status).toBe(404);
  });

  it('are invisible to other companies, also for a member of both until they switch', async () => {
    const company = await newCompanyWithBuyers(1);
    const [admin] = company.tokens as [string];
    const created = await api(listsOf(company.companyId), { token: admin, method: 'POST', body: { name: 'Private' } });
    const listId = created.body.listId as string;
    const nowakAdmin = await signIn(users.nowakAdmin);
    expect((await api(listsOf(company.companyId), { token: nowakAdmin })).status).toBe(403);
    expect((await api(`${listsOf(company.companyId)}/${listId}`, { token: nowakAdmin })).status).toBe(403);
    expect((await api(`${listsOf('nowak-instalacje')}/${listId}`, { token: nowakAdmin })).status).toBe(404);
    expect((await api(`${listsOf(company.companyId)}/${listId}/cart`, { token: nowakAdmin, method: 'POST' })).status).toBe(403);
    expect((await api(`${listsOf('nowak-instalacje')}/${listId}`, { token: nowakAdmin, method: 'DELETE' })).status).toBe(404);
    expect((await api(`${listsOf(company.companyId)}/${listId}`, { token: await signIn(users.backOffice, 'console') })).status).toBe(403);

    // The seeded group buyer is a member of Müller Bau and Nowak: lists follow the active company.
    const groupBuyer = await signIn('purchasing@bau-gruppe.example');
    const inNowak = await api(listsOf('nowak-instalacje'), {
      token: groupBuyer,
      method: 'POST',
      body: { name: `Nowak list ${Date.now()}` },
      headers: { 'x-active-company': 'nowak-instalacje' },
    });
    expect(inNowak.status).toBe(201);
    expect((await api(listsOf('nowak-instalacje'), { token: groupBuyer })).status).toBe(403);
    expect((await api(`${listsOf('mueller-bau')}/${inNowak.body.listId}`, { token: groupBuyer })).status).toBe(404);
    expect(
      (await api(`${listsOf('nowak-instalacje')}/${inNowak.body.listId}`, { token: groupBuyer, headers: { 'x-active-company': 'nowak-instalacje' } })).status,
    ).toBe(200);
  });

  it('adds all lines to the cart, skipping a product that was blocked since and reporting it', async () => {
    const company = await newCompanyWithBuyers(2);
    const [, buyer] = company.tokens as [string, string];
    await setActive(true);
    const created = await api(listsOf(company.companyId), {
      token: buyer,
      method: 'POST',
      body: {
        name: 'With a soon blocked product',
        lines: [
          { sku: 'HAN-0212', quantity: '2' },
          { sku: blockable, quantity: 1 },
        ],
      },
    });
    expect(created.status).toBe(201);
    await setActive(false);
    const shown = await api(`${listsOf(company.companyId)}/${created.body.listId}`, { token: buyer });
    expect(shown.body.lines.find((line: Line) => line.sku === blockable).problem).toBe('unavailable');

    await fillCart(buyer, [{ sku: 'HAN-0212', quantity: 1 }]);
    const result = await api(`${listsOf(company.companyId)}/${created.body.listId}/cart`, { token: buyer, method: 'POST' });
    expect(result.status).toBe(200);
    expect(result.body.added).toEqual([{ sku: 'HAN-0212', quantity: '2' }]);
    expect(result.body.skipped).toEqual([{ sku: blockable, quantity: '1', reason: 'unavailable' }]);
    expect(result.body.cart.lines.map((line: Line) => [line.sku, line.quantity])).toEqual([['HAN-0212', '3']]);
    expect((await api('/cart', { token: buyer })).body.lines.map((line: Line) => line.quantity)).toEqual(['3']);
  });

  it('reorders a past order in one click at today’s prices, reporting products no longer available', async () => {
    const company = await newCompanyWithBuyers(2);
    const [admin, buyer] = company.tokens as [string, string];
    await setActive(true);
    await fillCart(buyer, [
      { sku: 'HAN-0213', quantity: 2 },
      { sku: blockable, quantity: 1 },
    ]);
    const placed = await placeOrder(buyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'bank-prepayment' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    await setActive(false);

    // Any user of the company may reorder into their own cart.
    await api('/cart', { token: admin, method: 'DELETE' });
    const reordered = await api(`/companies/${company.companyId}/orders/${placed.body.orderId}/reorder`, { token: admin, method: 'POST' });
    expect(reordered.status).toBe(200);
    expect(reordered.body.orderNumber).toBe(placed.body.orderNumber);
    expect(reordered.body.added).toEqual([{ sku: 'HAN-0213', quantity: '2' }]);
    expect(reordered.body.skipped).toEqual([{ sku: blockable, quantity: '1', reason: 'unavailable' }]);
    const cart = await api('/cart', { token: admin });
    expect(cart.body.lines.map((line: Line) => [line.sku, line.quantity])).toEqual([['HAN-0213', '2']]);
    const today = await api('/catalog/products/HAN-0213', { token: admin });
    expect(cart.body.quote.lines[0].unitNet.amount).toBe(today.body.price.amount);

    // Tenancy: other companies cannot reorder it, unknown orders are 404.
    const nowakAdmin = await signIn(users.nowakAdmin);
    expect((await api(`/companies/${company.companyId}/orders/${placed.body.orderId}/reorder`, { token: nowakAdmin, method: 'POST' })).status).toBe(403);
    expect((await api(`/companies/nowak-instalacje/orders/${placed.body.orderId}/reorder`, { token: nowakAdmin, method: 'POST' })).status).toBe(404);
    expect((await api(`/companies/${company.companyId}/orders/no-such-order/reorder`, { token: admin, method: 'POST' })).status).toBe(404);
  });
});
