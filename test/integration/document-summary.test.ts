import { BatchWriteCommand, DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { tableClient } from '../support/catalog-exchange.js';

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
});
