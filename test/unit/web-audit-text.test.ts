import { afterEach, describe, expect, it } from 'vitest';
import { auditChangeText, auditChanges, auditDetailChanges } from '../../web/src/auditText.js';
import { setFormatLocale } from '../../web/src/format.js';
import { setUiLanguage } from '../../web/src/i18n/languages.js';

/** Issue 17 item 5: audit trails read as "Field: old → new" with labels, money and dates formatted, never raw JSON. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const texts = (changes: ReturnType<typeof auditChanges>) => changes.map((change) => plain(auditChangeText(change)));

afterEach(() => {
  setUiLanguage('en');
  setFormatLocale('en-GB');
});

describe('company audit details', () => {
  it('shows before and after of changed master data with labels', () => {
    setUiLanguage('en');
    setFormatLocale('en-GB');
    expect(texts(auditDetailChanges({ before: { vatId: 'DE111111111', name: 'Alt GmbH' }, after: { vatId: 'DE222222222', name: 'Neu GmbH' } }))).toEqual([
      'VAT ID: DE111111111 → DE222222222',
      'Name: Alt GmbH → Neu GmbH',
    ]);
  });

  it('formats addresses, money, roles, booleans and dates instead of JSON', () => {
    setUiLanguage('en');
    setFormatLocale('en-GB');
    const lines = texts(
      auditDetailChanges({
        before: { billingAddress: { street: 'Alte Str. 1', postalCode: '10115', city: 'Berlin', country: 'DE' } },
        after: { billingAddress: { street: 'Neue Str. 2', postalCode: '80331', city: 'München', country: 'DE' } },
      }),
    );
    expect(lines).toEqual(['Billing address: Alte Str. 1, 10115 Berlin, Germany → Neue Str. 2, 80331 München, Germany']);
    const flat = texts(
      auditDetailChanges({ email: 'ewa@example.com', role: 'buyer', orderLimit: { amount: 150050, currency: 'EUR' }, enabled: false, at: '2026-12-02' }),
    );
    expect(flat).toEqual(['E-mail: ewa@example.com', 'Role: Buyer', 'Order limit: €1,500.50', 'Active: No', 'At: 2 Dec 2026']);
    for (const line of [...lines, ...flat]) expect(line).not.toMatch(/[{}"]/);
  });

  it('speaks the UI language', () => {
    setUiLanguage('de');
    setFormatLocale('de-DE');
    expect(texts(auditDetailChanges({ before: { orderLimit: null }, after: { orderLimit: { amount: 100000, currency: 'EUR' } } }))).toEqual([
      'Bestelllimit: — → 1.000,00 €',
    ]);
  });

  it('has nothing to show for entries without details', () => {
    expect(auditDetailChanges(null)).toEqual([]);
    expect(auditDetailChanges(undefined)).toEqual([]);
  });
});

describe('order audit rows', () => {
  it('lists totals, lines, shipments and statuses as readable changes', () => {
    setUiLanguage('en');
    setFormatLocale('en-GB');
    const lines = texts(
      auditChanges(
        {
          status: 'awaiting-approval',
          gross: { amount: 11900, currency: 'EUR' },
          lines: [{ sku: 'FAS-0122', quantity: '2' }],
          vatBreakdown: [{ rate: 1900, net: { amount: 10000, currency: 'EUR' }, vat: { amount: 1900, currency: 'EUR' } }],
          shipments: [],
        },
        {
          status: 'cancelled',
          gross: { amount: 5950, currency: 'EUR' },
          lines: [{ sku: 'FAS-0122', quantity: '1.5' }],
          vatBreakdown: [{ rate: 1900, net: { amount: 5000, currency: 'EUR' }, vat: { amount: 950, currency: 'EUR' } }],
          shipments: [{ shipmentNumber: 'S-1', status: 'shipped' }],
        },
      ),
    );
    expect(lines[0]).toBe('Status: Awaiting approval → Cancelled');
    expect(lines[1]).toBe('Gross: €119.00 → €59.50');
    expect(lines[2]).toBe('Lines: 2 × FAS-0122 → 1.5 × FAS-0122');
    expect(lines[3]).toMatch(/^VAT by rate: 19(\.0)? ?%: €19\.00 → 19(\.0)? ?%: €9\.50$/);
    expect(lines[4]).toMatch(/^Shipments: — → S-1 Shipped$/);
    for (const line of lines) expect(line).not.toMatch(/[{}"]/);
  });

  it('shows a note without a before value', () => {
    expect(texts(auditChanges({}, { note: 'Call before delivery' }))).toEqual(['Note: Call before delivery']);
  });
});
