import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAdjustment, goodwillCreditLines, orderTotals, type OrderAdjustment } from '../../functions/orders/admin-rules.js';
import type { Order, OrderLine } from '../../functions/orders/repository.js';
import { documentAmounts } from '../../functions/invoices/rules.js';

/** Credit-note lines of a goodwill adjustment on an invoiced order: one per VAT rate, the adjustment's own shares. */
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const line = (sku: string, lineNet: number, vatRate: number): OrderLine => ({
  sku,
  name: sku,
  unit: 'pc',
  quantity: '1',
  unitNet: eur(lineNet),
  lineNet: eur(lineNet),
  vatRate,
});

function order(lines: OrderLine[], overrides: Partial<Order> = {}): Order {
  return {
    orderId: 'o1',
    orderNumber: 'ORD-2026-000001',
    companyId: 'c1',
    placedBy: { sub: 's', email: 'b@example.com', name: 'B', role: 'buyer' },
    status: 'confirmed',
    createdAt: '2026-11-23T09:00:00.000Z',
    lines,
    ...orderTotals(lines, [], 'EUR'),
    reverseCharge: { applies: false },
    agreementId: null,
    paymentMethod: 'on-account',
    delivery: { kind: 'own-transport' },
    deliveryFee: eur(0),
    invoiceNumber: 'INV-2026-000001',
    ...overrides,
  };
}

const adjustment = (amount: number, adjustmentId = 'a1'): OrderAdjustment => ({
  adjustmentId,
  amount: eur(amount),
  reason: ' late delivery ',
  at: '2026-11-23T11:00:00.000Z',
  by: { sub: 'x', name: 'Staff', role: 'back-office' },
});

describe('goodwillCreditLines', () => {
  it('one line per VAT rate with the net the adjustment took off that rate (largest remainder), quantity 1', () => {
    const before = order([line('A', 30_000, 1900), line('B', 10_000, 700)]);
    const granted = adjustment(1_001);
    const after = applyAdjustment(before, granted);
    const lines = goodwillCreditLines(before, after, granted);
    expect(lines).toEqual([
      { sku: 'GOODWILL', name: 'Goodwill discount', unit: 'pc', quantity: '1', unitNet: eur(751), vatRate: 1900 },
      { sku: 'GOODWILL', name: 'Goodwill discount', unit: 'pc', quantity: '1', unitNet: eur(250), vatRate: 700 },
    ]);
    const credited = documentAmounts(lines, 'EUR');
    expect(credited.net).toEqual(eur(1_001));
    // VAT of the credit note per rate on its own net: 751 × 19 % = 142.69 → 143, 250 × 7 % = 17.5 → 18.
    expect(credited.vatBreakdown).toEqual([
      { rate: 1900, net: eur(751), vat: eur(143) },
      { rate: 700, net: eur(250), vat: eur(18) },
    ]);
    expect(credited.gross).toEqual(eur(1_001 + 143 + 18));
  });

  it('a single rate gives a single line; rates the adjustment did not reach get none', () => {
    const before = order([line('A', 5_000, 1900)]);
    const granted = adjustment(1_000);
    expect(goodwillCreditLines(before, applyAdjustment(before, granted), granted)).toEqual([
      { sku: 'GOODWILL', name: 'Goodwill discount', unit: 'pc', quantity: '1', unitNet: eur(1_000), vatRate: 1900 },
    ]);
    // One cent over two equal rates: only one of them carries it.
    const split = order([line('A', 100, 1900), line('B', 100, 700)]);
    const cent = adjustment(1);
    const lines = goodwillCreditLines(split, applyAdjustment(split, cent), cent);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.unitNet).toEqual(eur(1));
  });

  it('a second adjustment is credited with its own shares only', () => {
    const first = adjustment(2_000, 'a1');
    const once = applyAdjustment(order([line('A', 10_000, 1900), line('B', 10_000, 700)]), first);
    const second = adjustment(999, 'a2');
    const twice = applyAdjustment(once, second);
    const lines = goodwillCreditLines(once, twice, second);
    expect(lines.reduce((sum, entry) => sum + entry.unitNet.amount, 0)).toBe(999);
  });

  it('property: the lines add up to the adjustment, never negative, and each rate share matches the order’s drop in net', () => {
    const rates = [0, 700, 1900, 2300];
    fc.assert(
      fc.property(
        fc.array(fc.record({ net: fc.integer({ min: 1, max: 1_000_000 }), rate: fc.constantFrom(...rates) }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (groups, fraction) => {
          const before = order(groups.map((group, index) => line(`S${index}`, group.net, group.rate)));
          const amount = Math.max(1, Math.floor(before.net.amount * fraction));
          const granted = adjustment(amount);
          const after = applyAdjustment(before, granted);
          const lines = goodwillCreditLines(before, after, granted);
          expect(lines.reduce((sum, entry) => sum + entry.unitNet.amount, 0)).toBe(amount);
          for (const entry of lines) {
            expect(entry.unitNet.amount).toBeGreaterThan(0);
            const was = before.vatBreakdown.find((group) => group.rate === entry.vatRate)!.net.amount;
            const is = after.vatBreakdown.find((group) => group.rate === entry.vatRate)!.net.amount;
            expect(entry.unitNet.amount).toBe(was - is);
          }
          expect(new Set(lines.map((entry) => entry.vatRate)).size).toBe(lines.length);
        },
      ),
    );
  });

  it('refuses shares that do not add up to the adjustment (totals of another order)', () => {
    const before = order([line('A', 5_000, 1900)]);
    expect(() => goodwillCreditLines(before, before, adjustment(100))).toThrow(RangeError);
  });
});
