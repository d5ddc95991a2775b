import { describe, expect, it } from 'vitest';
import { formatMoneyText } from '../../functions/shared/money.js';
import { initialStatus, mergeOrderLines, onBehalfAccess, onBehalfMail, stockShortages } from '../../functions/orders/on-behalf-rules.js';
import { AppError } from '../../functions/shared/errors.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

const codeOf = (action: () => unknown): string | undefined => {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'NOT_AN_APP_ERROR';
  }
};

describe('orders on behalf of a customer: rules', () => {
  it('back office enters orders for every company, a rep only for assigned ones, company users never', () => {
    expect(onBehalfAccess('back-office', false)).toBe('allowed');
    expect(onBehalfAccess('sales-rep', true)).toBe('allowed');
    expect(onBehalfAccess('sales-rep', false)).toBe('not-found');
    for (const role of ['company-admin', 'super-user', 'buyer']) expect(onBehalfAccess(role, true)).toBe('forbidden');
  });

  it('a preliminary order waits; any other order goes straight into placement', () => {
    expect(initialStatus(true)).toBe('preliminary');
    expect(initialStatus(false)).toBe('placing');
  });

  it('adds up repeated SKUs in thousandths, keeping the first order of appearance', () => {
    expect(
      mergeOrderLines([
        { sku: 'B', quantity: 250 },
        { sku: 'A', quantity: 1000 },
        { sku: 'B', quantity: 1750 },
      ]),
    ).toEqual([
      { sku: 'B', quantity: 2000 },
      { sku: 'A', quantity: 1000 },
    ]);
  });

  it('refuses empty orders, zero or negative quantities and too many lines with codes', () => {
    expect(codeOf(() => mergeOrderLines([]))).toBe('ORDER_EMPTY');
    expect(codeOf(() => mergeOrderLines([{ sku: 'A', quantity: 0 }]))).toBe('INVALID_QUANTITY');
    expect(codeOf(() => mergeOrderLines([{ sku: 'A', quantity: -1000 }]))).toBe('INVALID_QUANTITY');
    expect(codeOf(() => mergeOrderLines(Array.from({ length: 201 }, (_, index) => ({ sku: `S${index}`, quantity: 1000 }))))).toBe('ORDER_TOO_LARGE');
    expect(mergeOrderLines(Array.from({ length: 200 }, (_, index) => ({ sku: `S${index}`, quantity: 1000 })))).toHaveLength(200);
  });

  it('finds lines above the total stock over all warehouses', () => {
    const stock = new Map<string, Record<string, number>>([
      ['A', { stuttgart: 2, krakow: 1 }],
      ['B', { stuttgart: 0 }],
    ]);
    expect(stockShortages([{ sku: 'A', quantity: 3000 }], stock)).toEqual([]);
    expect(
      stockShortages(
        [
          { sku: 'A', quantity: 3001 },
          { sku: 'B', quantity: 250 },
          { sku: 'C', quantity: 1000 },
        ],
        stock,
      ),
    ).toEqual([
      { sku: 'A', available: '3' },
      { sku: 'B', available: '0' },
      { sku: 'C', available: '0' },
    ]);
  });

  it('formats mail amounts with integer arithmetic', () => {
    expect(formatMoneyText(eur(123_405))).toBe('1234.05 EUR');
    expect(formatMoneyText(eur(7))).toBe('0.07 EUR');
    expect(formatMoneyText(eur(-250))).toBe('-2.50 EUR');
  });

  it('tells the company admins who entered which order and whether it is placed yet', () => {
    const base = {
      orderNumber: 'ORD-2026-000042',
      gross: eur(11_900),
      deliveryFee: eur(1_000),
      enteredBy: { name: 'Rita Rep' },
      companyName: 'Müller Bau GmbH',
    };
    const preliminary = onBehalfMail({ ...base, status: 'preliminary', poNumber: 'PO-7', note: 'As discussed on site' }, 'en');
    expect(preliminary.subject).toBe('Preliminary order ORD-2026-000042 entered for you by Rita Rep');
    expect(preliminary.text).toContain('prepared a preliminary order ORD-2026-000042 for Müller Bau GmbH (€129.00, PO PO-7)');
    expect(preliminary.text).toContain('not placed yet');
    expect(preliminary.text).toContain('Note: As discussed on site');
    const placed = onBehalfMail({ ...base, status: 'placing', link: 'https://shop.example/orders/x' }, 'en');
    expect(placed.subject).toBe('Order ORD-2026-000042 entered for you by Rita Rep');
    expect(placed.text).toContain('placed an order ORD-2026-000042');
    expect(placed.text).toContain('https://shop.example/orders/x');
    expect(placed.text).not.toContain('Note:');
  });

  it("writes the on-behalf mail in the company admins' language with amounts in their locale", () => {
    const base = { orderNumber: 'ORD-2026-000042', gross: eur(134_830), deliveryFee: eur(0), enteredBy: { name: 'Rita Rep' }, companyName: 'Müller Bau GmbH' };
    const german = onBehalfMail({ ...base, status: 'preliminary', poNumber: 'PO-7', note: 'Wie besprochen' }, 'de');
    expect(german.subject).toBe('Vorläufige Bestellung ORD-2026-000042 von Rita Rep für Sie erfasst');
    expect(german.text).toContain('(1.348,30 €, Ihre Bestellnummer PO-7)');
    expect(german.text).toContain('Hinweis: Wie besprochen');
    const polish = onBehalfMail(
      { ...base, companyName: 'Nowak Sp. z o.o.', gross: { amount: 134_830, currency: 'PLN' }, deliveryFee: { amount: 0, currency: 'PLN' }, status: 'placing' },
      'pl',
    );
    expect(polish.subject).toBe('Zamówienie ORD-2026-000042 wprowadzone dla Ciebie przez Rita Rep');
    expect(polish.text).toContain('(1 348,30 zł)');
    expect(polish.text).toContain('otrzymasz potwierdzenie');
    expect(`${german.subject}${german.text}${polish.subject}${polish.text}`).not.toMatch(/preliminary|placing|entered for you/);
  });
});
