import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { newCompanyWithBuyers } from '../support/accounts.js';

/**
 * Issue 12 finding 5: trade credit and prepaid balance keep the company's currency. Every refused
 * request answers 400/409 and leaves limit, balance and ledger exactly as they were.
 */

let backOffice: string;
const status = async (companyId: string, token: string) => (await api(`/companies/${companyId}/credit`, { token })).body;
const topUp = (companyId: string, amount: unknown, reference = `BANK-${randomUUID()}`) =>
  api(`/console/companies/${companyId}/prepaid-top-ups`, { token: backOffice, method: 'POST', body: { amount, reference } });
const setLimit = (companyId: string, limit: unknown) =>
  api(`/console/companies/${companyId}/credit-limit`, { token: backOffice, method: 'PUT', body: { limit } });

beforeAll(async () => {
  backOffice = await signIn(users.backOffice, 'console');
});

describe('prepaid top-ups keep the balance currency', () => {
  it('refuses other currencies, unknown codes, zero and negative amounts; balance and ledger unchanged', async () => {
    const admin = await signIn(users.nowakAdmin);
    const before = await status('nowak-instalacje', admin);
    expect(before.prepaid.balance.currency).toBe('PLN');

    const refused = [
      // The shop does not sell in USD: before the fix this relabelled the EUR balance as USD.
      { amount: { amount: 100, currency: 'USD' }, status: 400, code: 'UNSUPPORTED_CURRENCY' },
      { amount: { amount: 100, currency: 'XXX' }, status: 400, code: 'UNSUPPORTED_CURRENCY' },
      { amount: { amount: 100, currency: 'ABC' }, status: 400, code: 'UNSUPPORTED_CURRENCY' },
      // Nowak buys in PLN (its agreements fix PLN) and its balance is kept in PLN: the shop's EUR cannot be booked on it.
      { amount: { amount: 100, currency: 'EUR' }, status: 409, code: 'CURRENCY_MISMATCH' },
      { amount: { amount: 0, currency: 'PLN' }, status: 400, code: 'INVALID_AMOUNT' },
      { amount: { amount: -100, currency: 'PLN' }, status: 400, code: 'VALIDATION_FAILED' },
    ];
    for (const attempt of refused) {
      const response = await topUp('nowak-instalacje', attempt.amount);
      expect(response.status, JSON.stringify(response.body)).toBe(attempt.status);
      expect(response.body.error.code).toBe(attempt.code);
    }
    const after = await status('nowak-instalacje', admin);
    expect(after.prepaid).toEqual(before.prepaid);
    expect(after.credit).toEqual(before.credit);
  });

  it('parallel top-ups in the right and a wrong currency: only the right ones are booked, the currency never changes', async () => {
    const { companyId, admin } = await newCompanyWithBuyers(1);
    const right = Array.from({ length: 5 }, (_, index) => topUp(companyId, { amount: 1_000 + index, currency: 'EUR' }));
    const wrong = Array.from({ length: 5 }, () => topUp(companyId, { amount: 7_777, currency: 'USD' }));
    const responses = await Promise.all([...right, ...wrong]);
    expect(responses.slice(0, 5).map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.slice(5).every((response) => response.status === 400 && response.body.error.code === 'UNSUPPORTED_CURRENCY')).toBe(true);
    const after = await status(companyId, admin);
    expect(after.prepaid.balance).toEqual({ amount: 5_010, currency: 'EUR' });
    expect(after.prepaid.ledger).toHaveLength(5);
    expect(after.prepaid.ledger.every((entry: { amount: { currency: string } }) => entry.amount.currency === 'EUR')).toBe(true);
  });
});

describe('credit limits keep the credit currency', () => {
  it('a new company opens its credit line in its own currency; XXX, USD and PLN are refused, nothing written', async () => {
    const { companyId, admin } = await newCompanyWithBuyers(1);
    const empty = await status(companyId, admin);
    expect(empty.credit.limit).toEqual({ amount: 0, currency: 'EUR' });

    for (const [currency, code] of [
      ['XXX', 'UNSUPPORTED_CURRENCY'],
      ['USD', 'UNSUPPORTED_CURRENCY'],
      ['PLN', 'UNSUPPORTED_CURRENCY'],
    ] as const) {
      const response = await setLimit(companyId, { amount: 50_000, currency });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.code).toBe(code);
      expect((await status(companyId, admin)).credit).toEqual(empty.credit);
    }

    const opened = await setLimit(companyId, { amount: 50_000, currency: 'EUR' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toMatchObject({ limit: { amount: 50_000, currency: 'EUR' }, available: { amount: 50_000, currency: 'EUR' } });
    const set = await status(companyId, admin);
    expect((await setLimit(companyId, { amount: 80_000, currency: 'XXX' })).status).toBe(400);
    expect((await setLimit(companyId, { amount: -1, currency: 'EUR' })).status).toBe(400);
    expect((await status(companyId, admin)).credit).toEqual(set.credit);
    // And it can always be changed in its own currency.
    expect((await setLimit(companyId, { amount: 0, currency: 'EUR' })).body.limit).toEqual({ amount: 0, currency: 'EUR' });
  });

  it('Nowak (PLN credit line, PLN agreements): a EUR limit answers 409 and leaves the credit line as it was', async () => {
    const admin = await signIn(users.nowakAdmin);
    const before = await status('nowak-instalacje', admin);
    expect(before.credit.limit.currency).toBe('PLN');
    const response = await setLimit('nowak-instalacje', { amount: before.credit.limit.amount + 1_000, currency: 'EUR' });
    // With a credit line (PLN) or without (the first opens in the company's currency, PLN): 409 either way.
    expect(response.status, JSON.stringify(response.body)).toBe(409);
    expect(response.body.error.code).toBe('CURRENCY_MISMATCH');
    expect((await status('nowak-instalacje', admin)).credit).toEqual(before.credit);
  });

  it('a credit line stuck in XXX (stored before these checks) can be set back to the company currency', async () => {
    const { companyId, admin } = await newCompanyWithBuyers(1);
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(stack().dynamodbEndpoint)));
    await documents.send(
      new PutCommand({
        TableName: stack().env.TABLE_NAME,
        Item: { PK: `COMPANY#${companyId}`, SK: 'CREDIT', type: 'credit', limit: 90_000, used: 0, available: 90_000, currency: 'XXX', version: 3 },
      }),
    );
    documents.destroy();
    expect((await setLimit(companyId, { amount: 10_000, currency: 'XXX' })).status).toBe(400);
    const repaired = await setLimit(companyId, { amount: 40_000, currency: 'EUR' });
    expect(repaired.status, JSON.stringify(repaired.body)).toBe(200);
    expect((await status(companyId, admin)).credit).toEqual({
      limit: { amount: 40_000, currency: 'EUR' },
      used: { amount: 0, currency: 'EUR' },
      available: { amount: 40_000, currency: 'EUR' },
    });
  });
});
