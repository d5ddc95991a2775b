import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDocumentNumber,
  formatInvoiceNumber,
  formatOrderNumber,
  isInvoiceNumber,
  isOrderNumber,
  numberingYear,
  parseDocumentNumber,
  parseInvoiceNumber,
  parseOrderNumber,
} from '../../functions/invoices/numbering.js';

describe('document numbers', () => {
  it('formats order and invoice numbers with a six-digit sequence', () => {
    expect(formatOrderNumber(2026, 123)).toBe('ORD-2026-000123');
    expect(formatInvoiceNumber(2026, 123)).toBe('INV-2026-000123');
    expect(formatInvoiceNumber(2027, 1)).toBe('INV-2027-000001');
    expect(formatOrderNumber(2026, 999_999)).toBe('ORD-2026-999999');
  });

  it('prints sequences beyond six digits in full instead of truncating', () => {
    expect(formatOrderNumber(2026, 1_234_567)).toBe('ORD-2026-1234567');
    expect(parseOrderNumber('ORD-2026-1234567')).toEqual({ prefix: 'ORD', year: 2026, sequence: 1_234_567 });
  });

  it('rejects bad parts', () => {
    expect(() => formatOrderNumber(26, 1)).toThrow(RangeError);
    expect(() => formatOrderNumber(2026.5, 1)).toThrow(/four digits/);
    expect(() => formatInvoiceNumber(2026, 0)).toThrow(/positive/);
    expect(() => formatInvoiceNumber(2026, -3)).toThrow(RangeError);
    expect(() => formatInvoiceNumber(2026, 1.5)).toThrow(RangeError);
    expect(() => formatDocumentNumber('inv', 2026, 1)).toThrow(/Prefix/);
    expect(formatDocumentNumber('CN', 2026, 7)).toBe('CN-2026-000007');
  });

  it('parses numbers typed by people (spaces, lower case) and checks the prefix', () => {
    expect(parseInvoiceNumber('INV-2026-000123')).toEqual({ prefix: 'INV', year: 2026, sequence: 123 });
    expect(parseInvoiceNumber('  inv-2026-000123 ')).toEqual({ prefix: 'INV', year: 2026, sequence: 123 });
    expect(parseInvoiceNumber('ORD-2026-000123')).toBeUndefined();
    expect(parseOrderNumber('ORD-2026-000123')?.sequence).toBe(123);
    expect(parseDocumentNumber('CN-2026-000007')).toEqual({ prefix: 'CN', year: 2026, sequence: 7 });
    expect(isOrderNumber('ORD-2026-000001')).toBe(true);
    expect(isInvoiceNumber('ORD-2026-000001')).toBe(false);
  });

  it('rejects non-canonical or malformed numbers', () => {
    for (const text of ['INV-2026-123', 'INV-2026-0000123', 'INV-2026-000000', 'INV-26-000123', 'INV2026000123', 'INV-2026-00012a', '', 'INV-0999-000001']) {
      expect(parseInvoiceNumber(text), text).toBeUndefined();
    }
    expect(parseInvoiceNumber(42 as unknown as string)).toBeUndefined();
  });

  it('numberingYear takes the year of an ISO date or timestamp', () => {
    expect(numberingYear('2026-12-31')).toBe(2026);
    expect(numberingYear('2027-01-01T00:00:00Z')).toBe(2027);
    expect(() => numberingYear('31.12.2026')).toThrow(RangeError);
  });

  it('property: parse(format(year, sequence)) round-trips and formatting preserves order within a year', () => {
    const year = fc.integer({ min: 1000, max: 9999 });
    const sequence = fc.integer({ min: 1, max: 999_999 });
    fc.assert(
      fc.property(year, sequence, sequence, (y, a, b) => {
        expect(parseInvoiceNumber(formatInvoiceNumber(y, a))).toEqual({ prefix: 'INV', year: y, sequence: a });
        expect(parseOrderNumber(formatOrderNumber(y, a))).toEqual({ prefix: 'ORD', year: y, sequence: a });
        // fixed width: string order = numeric order (lists sort correctly)
        expect(Math.sign(formatInvoiceNumber(y, a).localeCompare(formatInvoiceNumber(y, b), 'en'))).toBe(Math.sign(a - b));
      }),
    );
    fc.assert(
      fc.property(year, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (y, s) => {
        expect(parseOrderNumber(formatOrderNumber(y, s))?.sequence).toBe(s);
      }),
    );
  });
});
