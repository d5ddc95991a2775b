import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/shared/errors.js';
import { thrownCode } from '../support/errors.js';
import { creditToRestore, documentAmounts, isOverdue, quantityInMilli, settle, type InvoiceBalance } from '../../functions/invoices/rules.js';
import { formatCreditNoteNumber, parseCreditNoteNumber } from '../../functions/invoices/numbering.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const line = (quantity: string, unitNet: number, vatRate: number) => ({ sku: 'SKU-1', name: 'Item', unit: 'pc', quantity, unitNet: eur(unitNet), vatRate });
const balance = (total: number, open = total): InvoiceBalance => ({ currency: 'EUR', total, open, paid: total - open, credited: 0, refundDue: 0 });

describe('credit note amounts', () => {
  it('prices lines half-up in minor units and computes VAT per rate on the summed net', () => {
    // 3 × 0.333 € = 0.999 → 1 ct rounding per line; 2.5 × 19.99 = 49.975 → 49.98
    const amounts = documentAmounts([line('3', 33, 1900), line('2.5', 1999, 1900), line('1', 1000, 700), line('0.125', 801, 700)], 'EUR');
    expect(amounts.lines.map((entry) => entry.lineNet.amount)).toEqual([99, 4998, 1000, 100]);
    expect(amounts.vatBreakdown).toEqual([
      // 50.97 × 19 % = 9.6843 → 9.68 (not 0.19 + 9.50 rounded per line)
      { rate: 1900, net: eur(5097), vat: eur(968) },
      // 11.00 × 7 % = 0.77
      { rate: 700, net: eur(1100), vat: eur(77) },
    ]);
    expect(amounts.net).toEqual(eur(6197));
    expect(amounts.vat).toEqual(eur(1045));
    expect(amounts.gross).toEqual(eur(7242));
  });

  it('rounds half up at exactly half a cent', () => {
    // 0.5 × 1 ct = 0.5 ct → 1 ct; 10.50 net × 7 % = 0.735 → 0.74
    expect(documentAmounts([line('0.5', 1, 0)], 'EUR').net.amount).toBe(1);
    expect(documentAmounts([line('1', 1050, 700)], 'EUR').vat.amount).toBe(74);
  });

  it('sums always match: gross = net + VAT, net = Σ line nets', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            milli: fc.integer({ min: 1, max: 5_000_000 }),
            unit: fc.integer({ min: 0, max: 1_000_000 }),
            rate: fc.constantFrom(0, 500, 700, 1900, 2300),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (entries) => {
          const amounts = documentAmounts(
            entries.map((entry) => line(`${Math.floor(entry.milli / 1000)}.${String(entry.milli % 1000).padStart(3, '0')}`, entry.unit, entry.rate)),
            'EUR',
          );
          expect(amounts.net.amount).toBe(amounts.lines.reduce((sum, entry) => sum + entry.lineNet.amount, 0));
          expect(amounts.gross.amount).toBe(amounts.net.amount + amounts.vat.amount);
          for (const group of amounts.vatBreakdown) expect(group.vat.amount).toBe(Math.round((group.net.amount * group.rate) / 10_000 + 1e-9));
        },
      ),
    );
  });

  it('rejects bad lines with machine-readable codes', () => {
    expect(thrownCode(() => documentAmounts([], 'EUR'))).toBe('NO_LINES');
    expect(thrownCode(() => documentAmounts([line('0', 100, 1900)], 'EUR'))).toBe('INVALID_QUANTITY');
    expect(thrownCode(() => documentAmounts([line('1.2345', 100, 1900)], 'EUR'))).toBe('INVALID_QUANTITY');
    expect(thrownCode(() => documentAmounts([line('-1', 100, 1900)], 'EUR'))).toBe('INVALID_QUANTITY');
    expect(thrownCode(() => documentAmounts([{ ...line('1', 100, 1900), unitNet: { amount: 100, currency: 'PLN' } }], 'EUR'))).toBe('CURRENCY_MISMATCH');
    expect(thrownCode(() => documentAmounts([line('1', 100, 19.5)], 'EUR'))).toBe('INVALID_VAT_RATE');
    expect(quantityInMilli('2.5')).toBe(2500);
    expect(quantityInMilli('abc')).toBeUndefined();
  });

  it('numbers credit notes CN-<year>-<seq>', () => {
    expect(formatCreditNoteNumber(2026, 7)).toBe('CN-2026-000007');
    expect(parseCreditNoteNumber('cn-2026-000007')).toEqual({ prefix: 'CN', year: 2026, sequence: 7 });
    expect(parseCreditNoteNumber('INV-2026-000007')).toBeUndefined();
  });
});

describe('settlement of an invoice', () => {
  it('partial payments reduce the open amount until the invoice is paid', () => {
    const first = settle(balance(10_000), 'payment', eur(4_000));
    expect(first.after).toMatchObject({ open: 6_000, paid: 4_000 });
    expect(first).toMatchObject({ status: 'open', becameSettled: false, applied: 4_000 });
    const second = settle(first.after, 'payment', eur(6_000));
    expect(second.after).toMatchObject({ open: 0, paid: 10_000 });
    expect(second).toMatchObject({ status: 'paid', becameSettled: true });
  });

  it('refuses overpayments, payments on paid invoices, zero amounts and other currencies', () => {
    expect(thrownCode(() => settle(balance(10_000, 3_000), 'payment', eur(3_001)))).toBe('OVERPAYMENT');
    expect(thrownCode(() => settle(balance(10_000, 0), 'payment', eur(1)))).toBe('INVOICE_ALREADY_PAID');
    expect(thrownCode(() => settle(balance(10_000), 'payment', eur(0)))).toBe('INVALID_AMOUNT');
    expect(thrownCode(() => settle(balance(10_000), 'payment', { amount: 100, currency: 'PLN' }))).toBe('CURRENCY_MISMATCH');
  });

  it('a credit note beyond the open amount pays the invoice and records the surplus as refund due', () => {
    const paidHalf = settle(balance(10_000), 'payment', eur(7_000)).after;
    const credit = settle(paidHalf, 'credit-note', eur(5_000));
    expect(credit).toMatchObject({ applied: 3_000, surplus: 2_000, status: 'paid', becameSettled: true });
    expect(credit.after).toEqual({ currency: 'EUR', total: 10_000, open: 0, paid: 7_000, credited: 5_000, refundDue: 2_000 });
    // Credit on an already paid invoice: all of it is owed back.
    const again = settle(credit.after, 'credit-note', eur(1_000));
    expect(again).toMatchObject({ applied: 0, surplus: 1_000, becameSettled: false });
    // Never more credit than the invoice total.
    expect(thrownCode(() => settle(again.after, 'credit-note', eur(4_001)))).toBe('CREDIT_EXCEEDS_INVOICE');
  });

  it('money is conserved: open + paid + credited − refund due = total, whatever the sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.record({ kind: fc.constantFrom('payment' as const, 'credit-note' as const), amount: fc.integer({ min: 1, max: 5_000_000 }) }), {
          maxLength: 20,
        }),
        (total, steps) => {
          let current = balance(total);
          for (const step of steps) {
            try {
              current = settle(current, step.kind, eur(step.amount)).after;
            } catch (error) {
              expect(error).toBeInstanceOf(AppError);
            }
            expect(current.open + current.paid + current.credited - current.refundDue).toBe(total);
            expect(current.open).toBeGreaterThanOrEqual(0);
            expect(current.credited).toBeLessThanOrEqual(total);
          }
        },
      ),
    );
  });

  it('gives reserved trade credit back as the debt shrinks, all of it once settled', () => {
    const partial = settle(balance(10_000), 'payment', eur(4_000));
    expect(creditToRestore(partial, 10_000)).toBe(4_000);
    expect(creditToRestore(partial, 1_000)).toBe(1_000);
    const rest = settle(partial.after, 'payment', eur(6_000));
    expect(creditToRestore(rest, 6_000)).toBe(6_000);
    expect(creditToRestore(rest, 0)).toBe(0);
  });

  it('flags overdue open invoices only', () => {
    expect(isOverdue({ dueDate: '2026-11-01', open: 100 }, '2026-11-02')).toBe(true);
    expect(isOverdue({ dueDate: '2026-11-02T00:00:00Z', open: 100 }, '2026-11-02')).toBe(false);
    expect(isOverdue({ dueDate: '2026-11-01', open: 0 }, '2026-11-20')).toBe(false);
    expect(isOverdue({ open: 100 }, '2026-11-20')).toBe(false);
  });
});
