import { describe, expect, it } from 'vitest';
import type { Order, Shipment } from '../../functions/orders/repository.js';
import {
  DEADLINE_DAYS,
  allowedTransitions,
  claimDelta,
  creditAmounts,
  deadlineFor,
  deadlineProblem,
  formatRmaNumber,
  holdsQuantities,
  isOpen,
  nextWake,
  photoProblem,
  reminderAt,
  returnableLines,
  rmaLineProblems,
  rmaStatuses,
  roundRobinPick,
  sameEmail,
  transitionAllowed,
} from '../../functions/rma/rules.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const orderLine = (sku: string, quantity: string, unitNet: number, vatRate = 1900) => ({
  sku,
  name: `Product ${sku}`,
  unit: 'pc',
  quantity,
  unitNet: eur(unitNet),
  lineNet: eur(0),
  vatRate,
});
const shipment = (lines: { sku: string; quantity: string }[], status: Shipment['status'] = 'shipped'): Shipment => ({
  shipmentId: `s-${Math.random()}`,
  shipmentNumber: 'ORD-2026-000001-1',
  lines,
  carrier: 'DHL',
  status,
  createdAt: '2026-11-01T10:00:00.000Z',
});
const order = (lines: ReturnType<typeof orderLine>[], shipments: Shipment[] = []) => ({ lines, shipments }) as unknown as Pick<Order, 'lines' | 'shipments'>;

describe('RMA numbers', () => {
  it('prefix, year and a six-digit sequence', () => {
    expect(formatRmaNumber(2026, 123)).toBe('RMA-2026-000123');
    expect(formatRmaNumber(2026, 1_234_567)).toBe('RMA-2026-1234567');
    expect(() => formatRmaNumber(2026, 0)).toThrow(RangeError);
  });
});

describe('deadlines and reminders', () => {
  const filed = new Date('2026-11-23T10:00:00.000Z');

  it('complaint and return 14 days, warranty 30 days after filing', () => {
    expect(DEADLINE_DAYS).toEqual({ complaint: 14, return: 14, warranty: 30 });
    expect(deadlineFor('complaint', filed).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(deadlineFor('return', filed).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(deadlineFor('warranty', filed).toISOString()).toBe('2026-12-23T10:00:00.000Z');
  });

  it('reminds 48 hours before the deadline, at once when the deadline is nearer', () => {
    const deadline = deadlineFor('complaint', filed);
    expect(reminderAt(deadline, filed).toISOString()).toBe('2026-12-05T10:00:00.000Z');
    const soon = new Date(filed.getTime() + 3600_000);
    expect(reminderAt(soon, filed).toISOString()).toBe(filed.toISOString());
    expect(reminderAt(deadline, filed, 24).toISOString()).toBe('2026-12-06T10:00:00.000Z');
  });

  it('the workflow wakes at the target, but waits at most 20 days at a time', () => {
    const now = new Date('2026-11-23T10:00:00.000Z');
    expect(nextWake(new Date('2026-11-30T10:00:00.000Z'), now)?.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(nextWake(deadlineFor('warranty', now), now)?.toISOString()).toBe('2026-12-13T10:00:00.000Z');
    expect(nextWake(new Date(now.getTime() + 500), now)).toBeUndefined();
    expect(nextWake(new Date(now.getTime() - 3600_000), now)).toBeUndefined();
  });

  it('a moved deadline lies in the future and within a year of filing', () => {
    const now = new Date('2026-11-24T10:00:00.000Z');
    expect(deadlineProblem(new Date('2026-11-24T09:00:00.000Z'), filed, now)).toBe('DEADLINE_IN_PAST');
    expect(deadlineProblem(new Date('invalid'), filed, now)).toBe('DEADLINE_IN_PAST');
    expect(deadlineProblem(new Date('2027-11-24T10:00:00.000Z'), filed, now)).toBe('DEADLINE_TOO_LATE');
    expect(deadlineProblem(new Date('2026-11-24T11:00:00.000Z'), filed, now)).toBeUndefined();
  });
});

describe('status machine', () => {
  it('filed → in-review → approved → goods-received → credited → closed', () => {
    const path = ['filed', 'in-review', 'approved', 'goods-received', 'credited', 'closed'] as const;
    for (let index = 1; index < path.length; index++) expect(transitionAllowed(path[index - 1]!, path[index]!)).toBe(true);
  });

  it('rejection from filed or in review, then only closing; credit without a return after approval', () => {
    expect(transitionAllowed('filed', 'rejected')).toBe(true);
    expect(transitionAllowed('in-review', 'rejected')).toBe(true);
    expect(allowedTransitions('rejected')).toEqual(['closed']);
    expect(transitionAllowed('approved', 'credited')).toBe(true);
    expect(transitionAllowed('approved', 'rejected')).toBe(false);
  });

  it('never backwards, never skips the review, nothing after closed', () => {
    expect(transitionAllowed('filed', 'approved')).toBe(false);
    expect(transitionAllowed('filed', 'credited')).toBe(false);
    expect(transitionAllowed('goods-received', 'approved')).toBe(false);
    expect(transitionAllowed('credited', 'credited')).toBe(false);
    expect(allowedTransitions('closed')).toEqual([]);
    for (const status of rmaStatuses) expect(transitionAllowed(status, status)).toBe(false);
  });

  it('open until credited, closed or rejected; a rejection releases the claimed quantities', () => {
    expect(rmaStatuses.filter(isOpen)).toEqual(['filed', 'in-review', 'approved', 'goods-received']);
    expect(rmaStatuses.filter((status) => !holdsQuantities(status))).toEqual(['rejected']);
  });
});

describe('returnable quantities', () => {
  const twoLines = [orderLine('A', '10', 1000), orderLine('B', '2.5', 400, 700)];

  it('only what left the warehouse: prepared shipments do not count', () => {
    const lines = returnableLines(
      order(twoLines, [
        shipment([{ sku: 'A', quantity: '4' }]),
        shipment(
          [
            { sku: 'A', quantity: '3' },
            { sku: 'B', quantity: '1.25' },
          ],
          'prepared',
        ),
      ]),
      {},
    );
    expect(lines).toEqual([
      { sku: 'A', name: 'Product A', unit: 'pc', ordered: '10', shipped: '4', claimed: '0', returnable: '4' },
      { sku: 'B', name: 'Product B', unit: 'pc', ordered: '2.5', shipped: '0', claimed: '0', returnable: '0' },
    ]);
  });

  it('shipped and delivered minus what other claims hold, in thousandths', () => {
    const shipped = order(twoLines, [
      shipment([{ sku: 'A', quantity: '4' }], 'delivered'),
      shipment([
        { sku: 'A', quantity: '3' },
        { sku: 'B', quantity: '1.25' },
      ]),
    ]);
    const lines = returnableLines(shipped, { A: 2500, B: 250 });
    expect(lines.map((line) => [line.sku, line.shipped, line.claimed, line.returnable])).toEqual([
      ['A', '7', '2.5', '4.5'],
      ['B', '1.25', '0.25', '1'],
    ]);
  });

  it('sums an SKU that is on several order lines', () => {
    const lines = returnableLines(order([orderLine('A', '2', 1000), orderLine('A', '1', 900)], [shipment([{ sku: 'A', quantity: '3' }])]), {});
    expect(lines).toEqual([{ sku: 'A', name: 'Product A', unit: 'pc', ordered: '3', shipped: '3', claimed: '0', returnable: '3' }]);
  });

  it('problems: bad or zero quantity, duplicates, foreign SKU, nothing shipped, more than returnable', () => {
    const returnable = returnableLines(order(twoLines, [shipment([{ sku: 'A', quantity: '4' }])]), { A: 1000 });
    expect(rmaLineProblems(returnable, [{ sku: 'A', quantity: '3' }])).toEqual([]);
    expect(rmaLineProblems(returnable, [{ sku: 'A', quantity: '3.001' }])).toEqual([{ sku: 'A', code: 'EXCEEDS_RETURNABLE', returnable: '3' }]);
    expect(
      rmaLineProblems(returnable, [
        { sku: 'A', quantity: '1' },
        { sku: 'A', quantity: '1' },
      ]),
    ).toEqual([{ sku: 'A', code: 'DUPLICATE_LINE' }]);
    expect(rmaLineProblems(returnable, [{ sku: 'A', quantity: '0' }])).toEqual([{ sku: 'A', code: 'NOT_POSITIVE' }]);
    expect(rmaLineProblems(returnable, [{ sku: 'A', quantity: '1.2345' }])).toEqual([{ sku: 'A', code: 'INVALID_QUANTITY' }]);
    expect(rmaLineProblems(returnable, [{ sku: 'A', quantity: '-1' }])).toEqual([{ sku: 'A', code: 'INVALID_QUANTITY' }]);
    expect(rmaLineProblems(returnable, [{ sku: 'Z', quantity: '1' }])).toEqual([{ sku: 'Z', code: 'NOT_ON_ORDER' }]);
    expect(rmaLineProblems(returnable, [{ sku: 'B', quantity: '1' }])).toEqual([{ sku: 'B', code: 'NOT_SHIPPED' }]);
    expect(
      claimDelta([
        { sku: 'A', quantity: '2.5' },
        { sku: 'B', quantity: '0.125' },
      ]),
    ).toEqual({ A: 2500, B: 125 });
  });
});

describe('credit amounts', () => {
  it('a partial return of a partial shipment credits the returned quantity at the order price plus VAT per rate', () => {
    // Ordered 10 × A at 12.99 (19 %) and 5 × B at 3.33 (7 %); shipped 6 A and 2 B; returned 3 A and 1 B.
    const lines = [orderLine('A', '10', 1299), orderLine('B', '5', 333, 700)];
    const partial = order(lines, [
      shipment([
        { sku: 'A', quantity: '6' },
        { sku: 'B', quantity: '2' },
      ]),
    ]);
    const claimed = [
      { sku: 'A', quantity: '3' },
      { sku: 'B', quantity: '1' },
    ];
    expect(rmaLineProblems(returnableLines(partial, {}), claimed)).toEqual([]);
    const amounts = creditAmounts(partial, claimed);
    expect(amounts.lines.map((line) => [line.sku, line.quantity, line.lineNet.amount])).toEqual([
      ['A', '3', 3897],
      ['B', '1', 333],
    ]);
    expect(amounts.vatBreakdown).toEqual([
      { rate: 1900, net: eur(3897), vat: eur(740) },
      { rate: 700, net: eur(333), vat: eur(23) },
    ]);
    expect(amounts.net).toEqual(eur(4230));
    expect(amounts.gross).toEqual(eur(4230 + 740 + 23));
  });

  it('fractional quantities round half up per line; an SKU on several lines credits the lowest price', () => {
    const amounts = creditAmounts(order([orderLine('A', '2', 1000), orderLine('A', '1', 999), orderLine('C', '1', 333)]), [
      { sku: 'A', quantity: '1' },
      { sku: 'C', quantity: '0.5' },
    ]);
    expect(amounts.lines.map((line) => line.lineNet.amount)).toEqual([999, 167]);
    expect(amounts.net).toEqual(eur(1166));
    expect(amounts.vat).toEqual(eur(222));
  });
});

describe('assignment, guests and photos', () => {
  const staff = [{ sub: 'c' }, { sub: 'a' }, { sub: 'b' }];

  it('round robin over the staff sorted by sub', () => {
    expect([1, 2, 3, 4, 5].map((ticket) => roundRobinPick(staff, ticket)?.sub)).toEqual(['a', 'b', 'c', 'a', 'b']);
    expect(roundRobinPick([], 7)).toBeUndefined();
  });

  it('e-mails compare case-insensitively', () => {
    expect(sameEmail(' Buyer@Mueller-Bau.example ', 'buyer@mueller-bau.example')).toBe(true);
    expect(sameEmail('buyer@mueller-bau.example', 'buyer@mueller-bau.example.evil')).toBe(false);
  });

  it('photos: JPEG or PNG, 1 byte to 10 MB', () => {
    expect(photoProblem('image/jpeg', 1024)).toBeUndefined();
    expect(photoProblem('image/png', 10 * 1024 * 1024)).toBeUndefined();
    expect(photoProblem('image/png', 10 * 1024 * 1024 + 1)).toBe('PHOTO_TOO_LARGE');
    expect(photoProblem('application/pdf', 1024)).toBe('PHOTO_TYPE_NOT_ALLOWED');
    expect(photoProblem('image/jpeg', 0)).toBe('PHOTO_EMPTY');
  });
});
