import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceCart } from '../../functions/pricing/engine.js';
import type { Discount, PricingContext, ProductPricing } from '../../functions/pricing/model.js';
import {
  adjustmentProblem,
  amountDue,
  applyAdjustment,
  changedFields,
  customerView,
  orderTotals,
  statusChangeProblem,
  withLines,
  type OrderAdjustment,
} from '../../functions/orders/admin-rules.js';
import type { Order, OrderLine, Shipment } from '../../functions/orders/repository.js';
import {
  advanceShipment,
  fromMilli,
  fullyShipped,
  initialShipmentStatus,
  orderedQuantities,
  remainingQuantities,
  shipmentLineProblems,
  shipmentNumber,
  shipmentTransitionAllowed,
  shippedQuantities,
  toMilli,
} from '../../functions/orders/shipment-rules.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const line = (sku: string, quantity: string, lineNet: number, vatRate = 1900): OrderLine => ({
  sku,
  name: sku,
  unit: 'pc',
  quantity,
  unitNet: eur(lineNet),
  lineNet: eur(lineNet),
  vatRate,
});
const shipment = (lines: { sku: string; quantity: string }[], status: Shipment['status'] = 'prepared'): Shipment => ({
  shipmentId: `s-${Math.random()}`,
  shipmentNumber: 'ORD-2026-000001-1',
  lines,
  carrier: 'DHL',
  status,
  createdAt: '2026-11-23T10:00:00.000Z',
});

function order(lines: OrderLine[], overrides: Partial<Order> = {}): Order {
  const totals = orderTotals(lines, [], 'EUR');
  return {
    orderId: 'o1',
    orderNumber: 'ORD-2026-000001',
    companyId: 'c1',
    placedBy: { sub: 's', email: 'b@example.com', name: 'B', role: 'buyer' },
    status: 'confirmed',
    createdAt: '2026-11-23T09:00:00.000Z',
    lines,
    ...totals,
    reverseCharge: { applies: false },
    agreementId: null,
    paymentMethod: 'on-account',
    delivery: { kind: 'own-transport' },
    deliveryFee: eur(0),
    ...overrides,
  };
}

const adjustment = (amount: number): OrderAdjustment => ({
  adjustmentId: 'a1',
  amount: eur(amount),
  reason: 'late delivery',
  at: '2026-11-23T11:00:00.000Z',
  by: { sub: 'x', name: 'Staff', role: 'back-office' },
});

describe('shipment quantities (decimal strings, no floats)', () => {
  it('parses and formats thousandths exactly', () => {
    expect(toMilli('2')).toBe(2000);
    expect(toMilli('0.1')).toBe(100);
    expect(toMilli('1.005')).toBe(1005);
    expect(fromMilli(toMilli('0.1') + toMilli('0.2'))).toBe('0.3');
    expect(() => toMilli('1.0001')).toThrow(RangeError);
    expect(() => toMilli('-1')).toThrow(RangeError);
    expect(() => toMilli('1e3')).toThrow(RangeError);
  });

  it('sums per SKU over lines and shipments; remaining never negative', () => {
    const o = order([line('A', '5', 500), line('B', '0.3', 100), line('A', '1.5', 150)], {
      shipments: [
        shipment(
          [
            { sku: 'A', quantity: '2' },
            { sku: 'B', quantity: '0.1' },
          ],
          'delivered',
        ),
        shipment([{ sku: 'B', quantity: '0.2' }]),
      ],
    });
    expect(orderedQuantities(o)).toEqual({ A: '6.5', B: '0.3' });
    expect(shippedQuantities(o)).toEqual({ A: '2', B: '0.3' });
    expect(shippedQuantities(o, ['shipped', 'delivered'])).toEqual({ A: '2', B: '0.1' });
    expect(remainingQuantities(o)).toEqual({ A: '4.5', B: '0' });
    expect(fullyShipped(o)).toBe(false);
    expect(fullyShipped({ ...o, shipments: [...o.shipments!, shipment([{ sku: 'A', quantity: '4.5' }])] })).toBe(true);
  });

  it('refuses shipments above the remaining quantity, unknown or duplicate lines and zero', () => {
    const o = order([line('A', '3', 300), line('B', '1', 100)], { shipments: [shipment([{ sku: 'A', quantity: '2.5' }])] });
    expect(
      shipmentLineProblems(o, [
        { sku: 'A', quantity: '0.5' },
        { sku: 'B', quantity: '1' },
      ]),
    ).toEqual([]);
    expect(shipmentLineProblems(o, [{ sku: 'A', quantity: '0.501' }])).toEqual([{ sku: 'A', code: 'EXCEEDS_REMAINING', remaining: '0.5' }]);
    expect(shipmentLineProblems(o, [{ sku: 'C', quantity: '1' }])).toEqual([{ sku: 'C', code: 'NOT_ON_ORDER' }]);
    expect(shipmentLineProblems(o, [{ sku: 'B', quantity: '0' }])).toEqual([{ sku: 'B', code: 'NOT_POSITIVE' }]);
    expect(
      shipmentLineProblems(o, [
        { sku: 'B', quantity: '0.5' },
        { sku: 'B', quantity: '0.5' },
      ]),
    ).toEqual([{ sku: 'B', code: 'DUPLICATE_LINE' }]);
    expect(shipmentLineProblems(o, [{ sku: 'B', quantity: 'abc' }])).toEqual([{ sku: 'B', code: 'INVALID_QUANTITY' }]);
  });

  it('property: any accepted sequence of shipments never ships more than ordered', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.array(fc.integer({ min: 1, max: 50_000 }), { maxLength: 20 }), (ordered, requests) => {
        let current = order([line('A', fromMilli(ordered), 100)]);
        for (const milli of requests) {
          if (shipmentLineProblems(current, [{ sku: 'A', quantity: fromMilli(milli) }]).length === 0) {
            current = { ...current, shipments: [...(current.shipments ?? []), shipment([{ sku: 'A', quantity: fromMilli(milli) }])] };
          }
        }
        const shipped = toMilli(shippedQuantities(current).A ?? '0');
        expect(shipped).toBeLessThanOrEqual(ordered);
        expect(shipped + toMilli(remainingQuantities(current).A!)).toBe(ordered);
      }),
    );
  });
});

describe('shipment status', () => {
  it('moves forward only', () => {
    expect(shipmentTransitionAllowed('prepared', 'shipped')).toBe(true);
    expect(shipmentTransitionAllowed('prepared', 'delivered')).toBe(true);
    expect(shipmentTransitionAllowed('shipped', 'delivered')).toBe(true);
    expect(shipmentTransitionAllowed('shipped', 'shipped')).toBe(false);
    expect(shipmentTransitionAllowed('delivered', 'shipped')).toBe(false);
    expect(shipmentTransitionAllowed('shipped', 'prepared')).toBe(false);
  });

  it('starts shipped with a tracking number, stamps the steps reached', () => {
    expect(initialShipmentStatus('1Z')).toBe('shipped');
    expect(initialShipmentStatus(undefined)).toBe('prepared');
    const delivered = advanceShipment(shipment([{ sku: 'A', quantity: '1' }]), 'delivered', '2026-11-24T08:00:00.000Z', { trackingNumber: 'T1' });
    expect(delivered).toMatchObject({
      status: 'delivered',
      shippedAt: '2026-11-24T08:00:00.000Z',
      deliveredAt: '2026-11-24T08:00:00.000Z',
      trackingNumber: 'T1',
    });
    expect(shipmentNumber('ORD-2026-000123', 2)).toBe('ORD-2026-000123-2');
  });
});

describe('order totals and goodwill adjustments', () => {
  it('reproduces the pricing engine totals, fixed discounts included (property)', () => {
    const context: PricingContext = {
      customer: { companyId: 'C1', customerGroup: 'wholesale', isNewCustomer: false, displayMode: 'net' },
      deliveryCountry: 'DE',
      sellerCountry: 'DE',
      date: '2026-03-15',
      currency: 'EUR',
    };
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: fc.integer({ min: 1, max: 200_000 }), quantity: fc.integer({ min: 1, max: 20 }), reduced: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.integer({ min: 1, max: 50_000 }), { maxLength: 3 }),
        (rows, fixed) => {
          const products: ProductPricing[] = rows.map((row, index) => ({
            sku: `P${index}`,
            categoryId: 'tools',
            listPrice: eur(row.price),
            vatRates: row.reduced ? { default: 700 } : { default: 1900 },
          }));
          const discounts: Discount[] = fixed.map((amount, index) => ({
            id: `f${index}`,
            name: `f${index}`,
            rule: { all: [] },
            effect: { kind: 'fixed', amount: eur(amount) },
            active: true,
          }));
          const cart = priceCart(
            rows.map((row, index) => ({ sku: `P${index}`, quantity: row.quantity * 1000 })),
            new Map(products.map((entry) => [entry.sku, entry])),
            [],
            discounts,
            context,
          );
          const totals = orderTotals(cart.lines, cart.orderDiscounts, 'EUR');
          expect(totals.net).toEqual(cart.net);
          expect(totals.vat).toEqual(cart.vat);
          expect(totals.gross).toEqual(cart.gross);
          expect(totals.vatBreakdown).toEqual(cart.vatBreakdown);
          expect(totals.orderDiscounts).toEqual(cart.orderDiscounts);
        },
      ),
    );
  });

  it('recomputing an order from its lines changes nothing', () => {
    const o = order([line('A', '2', 1999), line('B', '1', 1, 700)]);
    expect(withLines(o, o.lines)).toEqual(o);
  });

  it('a goodwill adjustment lowers net and VAT per group consistently and is kept internally', () => {
    const o = order([line('A', '1', 10_000), line('B', '1', 5_000, 700)]);
    const adjusted = applyAdjustment(o, adjustment(1_500));
    expect(adjusted.net.amount).toBe(13_500);
    expect(adjusted.vatBreakdown).toEqual([
      { rate: 1900, net: eur(9_000), vat: eur(1_710) },
      { rate: 700, net: eur(4_500), vat: eur(315) },
    ]);
    expect(adjusted.vat.amount).toBe(2_025);
    expect(adjusted.gross.amount).toBe(15_525);
    expect(adjusted.orderDiscounts).toEqual([{ discountId: 'goodwill-a1', name: 'Goodwill discount', amount: eur(1_500) }]);
    expect(adjusted.adjustments).toHaveLength(1);
    expect(amountDue({ ...adjusted, deliveryFee: eur(990) })).toEqual(eur(16_515));
    const visible = customerView({ ...adjusted, version: 3 });
    expect(JSON.stringify(visible)).not.toContain('late delivery');
    expect('version' in visible).toBe(false);
  });

  it('never below zero: at most the current net, positive, same currency', () => {
    const o = order([line('A', '1', 1_000)]);
    expect(adjustmentProblem(o, eur(1_000))).toBeUndefined();
    expect(adjustmentProblem(o, eur(1_001))).toBe('EXCEEDS_ORDER_NET');
    expect(adjustmentProblem(o, eur(0))).toBe('NOT_POSITIVE');
    expect(adjustmentProblem(o, { amount: 10, currency: 'PLN' })).toBe('CURRENCY_MISMATCH');
    const zero = applyAdjustment(o, adjustment(1_000));
    expect(zero.gross.amount).toBe(0);
    // Lines replaced by cheaper ones: the goodwill discount is capped at what is left.
    const cheaper = withLines(zero, [line('A', '1', 400)]);
    expect(cheaper.net.amount).toBe(0);
    expect(cheaper.orderDiscounts[0]!.amount.amount).toBe(400);
  });

  it('added items keep catalog discounts and goodwill, totals stay consistent (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ net: fc.integer({ min: 0, max: 1_000_000 }), rate: fc.constantFrom(0, 700, 1900, 2300) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 500_000 }),
        (rows, goodwill) => {
          const lines = rows.map((row, index) => line(`S${index}`, '1', row.net, row.rate));
          const base = order(lines.slice(0, 1));
          const adjusted = adjustmentProblem(base, eur(goodwill)) ? base : applyAdjustment(base, adjustment(goodwill));
          const grown = withLines(adjusted, lines);
          const nets = grown.vatBreakdown.reduce((sum, group) => sum + group.net.amount, 0);
          const vats = grown.vatBreakdown.reduce((sum, group) => sum + group.vat.amount, 0);
          expect(nets).toBe(grown.net.amount);
          expect(vats).toBe(grown.vat.amount);
          expect(grown.gross.amount).toBe(grown.net.amount + grown.vat.amount);
          expect(grown.net.amount).toBeGreaterThanOrEqual(0);
          const lineSum = lines.reduce((sum, entry) => sum + entry.lineNet.amount, 0);
          const discounts = grown.orderDiscounts.reduce((sum, entry) => sum + entry.amount.amount, 0);
          expect(grown.net.amount).toBe(lineSum - discounts);
        },
      ),
    );
  });
});

describe('order status changes and audit', () => {
  it('releases only preliminary orders and cancels only before placement', () => {
    expect(statusChangeProblem('preliminary', 'placing')).toBeUndefined();
    expect(statusChangeProblem('awaiting-approval', 'placing')).toMatch(/preliminary/);
    expect(statusChangeProblem('preliminary', 'cancelled')).toBeUndefined();
    expect(statusChangeProblem('awaiting-approval', 'cancelled')).toBeUndefined();
    expect(statusChangeProblem('confirmed', 'cancelled')).toMatch(/confirmed/);
    expect(statusChangeProblem('placing', 'cancelled')).toBeDefined();
  });

  it('records only the fields that changed, with before and after', () => {
    expect(
      changedFields({ status: 'preliminary', net: eur(1), lines: [] }, { status: 'cancelled', net: eur(1), lines: [] }, [
        'status',
        'net',
        'lines',
        'shipments',
      ]),
    ).toEqual({
      before: { status: 'preliminary' },
      after: { status: 'cancelled' },
    });
  });
});
