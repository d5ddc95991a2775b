import { BatchWriteCommand, DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { tableClient } from '../support/catalog-exchange.js';
import { fillCart, placeOrder, settledOrder, stockedSku } from '../support/orders.js';

/**
 * The document summary is served from the open-invoice index (issue 18): it reads one small item per
 * open invoice (`SK=OPENINVOICE#<number>`), never the company's invoice history.
 */
const company = 'mueller-bau';
const documents = tableClient();
const table = () => stack().env.TABLE_NAME!;
const run = Date.now().toString(36).toUpperCase();
const historyNumbers = Array.from({ length: 150 }, (_, index) => `0000-HIST-${run}-${String(index).padStart(3, '0')}`);
const markerNumber = `0000-OPEN-${run}`;

const eurSummary = async (token: string) => {
  const answer = await api(`/companies/${company}/documents?kind=credit-note`, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.summary.find((entry: { currency: string }) => entry.currency === 'EUR') ?? { totalOpen: { amount: 0 }, openInvoices: 0 };
};

afterAll(async () => {
  const keys = [...historyNumbers.map((number) => ({ PK: `COMPANY#${company}`, SK: `INVOICE#${number}` }))];
  for (let start = 0; start < keys.length; start += 25) {
    await documents.send(new BatchWriteCommand({ RequestItems: { [table()]: keys.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } })) } }));
  }
  await documents.send(new DeleteCommand({ TableName: table(), Key: { PK: `COMPANY#${company}`, SK: `OPENINVOICE#${markerNumber}` } }));
  documents.destroy();
});

describe('document summary', () => {
  it('reads the open-invoice index by key, not the invoice history', async () => {
    const token = await signIn(users.muellerAdmin);
    const before = await eurSummary(token);
    // 150 invoice items the index does not know: a history scan would count them (status open!), the index never reads them.
    for (let start = 0; start < historyNumbers.length; start += 25) {
      await documents.send(
        new BatchWriteCommand({
          RequestItems: {
            [table()]: historyNumbers.slice(start, start + 25).map((number) => ({
              PutRequest: {
                Item: {
                  PK: `COMPANY#${company}`,
                  SK: `INVOICE#${number}`,
                  type: 'invoice',
                  invoiceNumber: number,
                  companyId: company,
                  issuedAt: '2020-01-01T00:00:00.000Z',
                  total: { amount: 1000, currency: 'EUR' },
                  openAmount: { amount: 1000, currency: 'EUR' },
                  paidAmount: { amount: 0, currency: 'EUR' },
                  status: 'open',
                },
              },
            })),
          },
        }),
      );
    }
    const withHistory = await eurSummary(token);
    expect(withHistory.totalOpen.amount).toBe(before.totalOpen.amount);
    expect(withHistory.openInvoices).toBe(before.openInvoices);

    // One entry in the index: counted, overdue by its due date.
    await documents.send(
      new PutCommand({
        TableName: table(),
        Item: {
          PK: `COMPANY#${company}`,
          SK: `OPENINVOICE#${markerNumber}`,
          type: 'open-invoice',
          invoiceNumber: markerNumber,
          openAmount: { amount: 12_345, currency: 'EUR' },
          dueDate: '2020-02-01',
        },
      }),
    );
    const withEntry = await eurSummary(token);
    expect(withEntry.totalOpen.amount).toBe(before.totalOpen.amount + 12_345);
    expect(withEntry.openInvoices).toBe(before.openInvoices + 1);
    expect(withEntry.overdueInvoices).toBe((before.overdueInvoices ?? 0) + 1);
  });

  it('counts a newly issued invoice through its index entry, and finds its delivery note by key', async () => {
    const [buyer, backOffice, nowakAdmin] = await Promise.all([signIn(users.muellerBuyer), signIn(users.backOffice, 'console'), signIn(users.nowakAdmin)]);
    const before = await eurSummary(buyer);
    const sku = await stockedSku(buyer, 'hand-tools', 2, [], 'stuttgart');
    await fillCart(buyer, [{ sku, quantity: 1 }]);
    const placed = await placeOrder(buyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    const order = await settledOrder(buyer, company, placed.body.orderId);
    let invoice: { status: number; body: any } | undefined;
    for (let attempt = 0; attempt < 100 && invoice?.status !== 200; attempt++) {
      invoice = await api(`/companies/${company}/invoices/${order.invoiceNumber}`, { token: buyer });
      if (invoice.status !== 200) await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(invoice!.status).toBe(200);
    const after = await eurSummary(buyer);
    expect(after.openInvoices).toBe(before.openInvoices + 1);
    expect(after.totalOpen.amount).toBe(before.totalOpen.amount + invoice!.body.open.amount);

    const shipped = await api(`/console/orders/${company}/${order.orderId}/shipments`, {
      token: backOffice,
      method: 'POST',
      body: { lines: [{ sku, quantity: '1' }], carrier: 'DHL' },
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(201);
    const number = `${order.orderNumber}-1`;
    const link = await api(`/companies/${company}/documents/delivery-note/${number}`, { token: buyer });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(
      Buffer.from(await (await fetch(link.body.url)).arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await api(`/companies/${company}/documents/delivery-note/${order.orderNumber}-9`, { token: buyer })).status).toBe(404);
    expect((await api(`/companies/nowak-instalacje/documents/delivery-note/${number}`, { token: nowakAdmin })).status).toBe(404);
  });
});
