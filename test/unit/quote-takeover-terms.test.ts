import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderQuotePdf } from '../../functions/offers/pdf.js';
import type { OfferVersion } from '../../functions/offers/repository.js';
import { cartAfterAcceptance } from '../../functions/offers/rules.js';
import { readableTerms } from '../../functions/offers/terms.js';
import { translator } from '../../functions/shared/messages/index.js';
import type { Money } from '../../functions/shared/money.js';

/** Issue 17 item 4: an accepted quote takes its lines out of the taken-over cart; readable terms in PDFs and e-mails. */

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
const places = {
  warehouses: [{ id: 'stuttgart', name: 'Central warehouse Stuttgart', address: { city: 'Stuttgart' } }],
  carriers: [{ id: 'hartmann-express', name: 'Hartmann Express' }],
};
const INTERNAL_CODES = ['own-transport', 'bank-prepayment', 'on-account', 'cash-on-delivery', 'prepaid-balance', 'stuttgart', 'unknown', 'hartmann-express'];

describe('cartAfterAcceptance', () => {
  const cart = [
    { sku: 'A', quantity: 3000, addedAt: 't' },
    { sku: 'B', quantity: 5000, addedAt: 't' },
    { sku: 'C', quantity: 1000, addedAt: 't' },
  ];

  it('removes exactly the taken-over quantities; lines taken in full go, later additions stay', () => {
    expect(
      cartAfterAcceptance(cart, [
        { sku: 'A', quantity: 3000 },
        { sku: 'B', quantity: 2000 },
      ]),
    ).toEqual([
      { sku: 'B', quantity: 3000, addedAt: 't' },
      { sku: 'C', quantity: 1000, addedAt: 't' },
    ]);
  });

  it('never goes below zero and ignores lines that are not in the cart (rep extras)', () => {
    expect(
      cartAfterAcceptance(cart, [
        { sku: 'C', quantity: 9000 },
        { sku: 'X', quantity: 1000 },
      ]),
    ).toEqual(cart.slice(0, 2));
  });

  it('answers undefined when none of the taken lines is in the cart any more', () => {
    expect(cartAfterAcceptance(cart, [{ sku: 'X', quantity: 1000 }])).toBeUndefined();
    expect(cartAfterAcceptance([], [{ sku: 'A', quantity: 1000 }])).toBeUndefined();
    expect(cartAfterAcceptance(cart, [{ sku: 'A', quantity: 0 }])).toBeUndefined();
  });
});

describe('readable quote terms', () => {
  it('names the warehouse city, the carrier and the payment method in the language, never a code', () => {
    const de = translator('de');
    expect(readableTerms(de, { paymentMethod: 'bank-prepayment', delivery: { kind: 'pickup', warehouseId: 'stuttgart' } }, places)).toEqual({
      payment: 'Vorkasse per Überweisung',
      delivery: 'Abholung in Stuttgart',
    });
    expect(readableTerms(de, { paymentMethod: 'on-account', delivery: { kind: 'own-transport' } }, places).delivery).toBe(
      'Lieferung mit unserem eigenen Fuhrpark',
    );
    expect(
      readableTerms(
        translator('en'),
        { paymentMethod: 'on-account', delivery: { kind: 'carrier', carrierId: 'hartmann-express', city: 'Berlin', branchId: 'b1' } },
        places,
      ),
    ).toEqual({ payment: 'Payment on account', delivery: 'Shipping with Hartmann Express to its branch in Berlin' });
    for (const language of ['de', 'en', 'pl'] as const) {
      const t = translator(language);
      for (const delivery of [
        { kind: 'pickup' as const, warehouseId: 'stuttgart' },
        { kind: 'pickup' as const, warehouseId: 'unknown' },
        { kind: 'own-transport' as const },
        { kind: 'carrier' as const, carrierId: 'hartmann-express', city: 'Berlin', branchId: 'b1' },
        { kind: 'dropshipping' as const, endCustomer: { name: 'Kunde GmbH', street: 'Weg 1', postalCode: '10115', city: 'Berlin', country: 'DE' } },
      ])
        for (const paymentMethod of ['bank-prepayment', 'on-account', 'cash-on-delivery', 'prepaid-balance', 'card']) {
          const text = Object.values(readableTerms(t, { paymentMethod, delivery }, places)).join(' ');
          for (const code of INTERNAL_CODES) expect(text, `${language} ${delivery.kind} ${paymentMethod}`).not.toContain(code);
          expect(text).not.toMatch(/\{\w+\}/);
        }
    }
  });
});

describe('quote PDF', () => {
  it("shows the rep's name and readable terms, no internal codes (pdftotext)", async () => {
    const version = {
      version: 1,
      createdAt: '2026-12-01T09:00:00.000Z',
      createdBy: { sub: 'rep', name: 'Rita Vertrieb', role: 'sales-rep' },
      lines: [{ sku: 'DRL-1001', name: 'Akku-Bohrschrauber 18 V', quantity: 2_000, unit: 'pc', unitNet: eur(10_000), lineNet: eur(20_000), vatRate: 1900 }],
      net: eur(20_000),
      vat: eur(3_800),
      gross: eur(23_800),
      vatBreakdown: [{ rate: 1900, net: eur(20_000), vat: eur(3_800) }],
      terms: { paymentMethod: 'bank-prepayment', delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, validUntil: '2026-12-31', deliveryFee: eur(0) },
      reverseCharge: { applies: false },
      source: { kind: 'scratch' },
    } as unknown as OfferVersion;
    const seller = { name: 'Nordhandel GmbH', addressLines: ['Hafenstraße 12', '20457 Hamburg'], vatId: 'DE811907980', iban: 'DE89370400440532013000' };
    const buyer = { name: 'Müller Bau GmbH', addressLines: ['Industriestraße 7', '80331 München', 'DE'], vatId: 'DE129273398' };
    const text = (bytes: Uint8Array) =>
      execFileSync('pdftotext', ['-raw', '-', '-'], { input: Buffer.from(bytes) })
        .toString('utf8')
        .replace(/\s+/g, ' ');
    const de = text(await renderQuotePdf('QUO-2026-000001', version, seller, buyer, 'de', places));
    for (const expected of ['Rita Vertrieb', 'Vorkasse per Überweisung', 'Abholung in Stuttgart']) expect(de, expected).toContain(expected);
    const ownTransport = { ...version, terms: { ...version.terms, delivery: { kind: 'own-transport' as const } } };
    const en = text(await renderQuotePdf('QUO-2026-000001', ownTransport, seller, buyer, 'en', places));
    expect(en).toContain('Rita Vertrieb');
    expect(en).toContain('Delivery by our own transport');
    for (const code of ['own-transport', 'bank-prepayment']) {
      expect(de).not.toContain(code);
      expect(en).not.toContain(code);
    }
  });
});
