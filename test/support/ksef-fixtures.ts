import type { EInvoice } from '../../functions/invoices/einvoice.js';

/** A Polish seller's domestic invoice (23 % and 8 % lines) as the EN 16931 model the KSeF path starts from. */
export const sellerNip = '5261040828';
export const pln = (amount: number) => ({ amount, currency: 'PLN' });

export const polishInvoice = (number: string, overrides: Partial<EInvoice> = {}): EInvoice => ({
  typeCode: '380',
  number,
  issueDate: '2026-11-20',
  dueDate: '2026-12-04',
  currency: 'PLN',
  buyerReference: 'n/a',
  seller: {
    name: 'Hurtownia Techniczna Kowalski Sp. z o.o.',
    vatId: `PL${sellerNip}`,
    address: { street: 'ul. Marszałkowska 10', postalCode: '00-590', city: 'Warszawa', country: 'PL' },
  },
  buyer: {
    name: 'Nowak Instalacje Sp. z o.o.',
    vatId: 'PL5260250274',
    address: { street: 'ul. Długa 5', postalCode: '31-147', city: 'Kraków', country: 'PL' },
  },
  lines: [
    { id: '1', sku: 'A', name: 'Wiertarka', unit: 'szt.', quantity: '2', unitNet: pln(10_000), lineNet: pln(20_000), vatRate: 2300 },
    { id: '2', sku: 'B', name: 'Książka', unit: 'szt.', quantity: '1', unitNet: pln(5_000), lineNet: pln(5_000), vatRate: 800 },
  ],
  deliveryDate: '2026-11-20',
  reverseCharge: false,
  paymentTerms: 'Przelew 14 dni',
  sellerIban: 'PL61109010140000071219812874',
  paymentReference: number,
  notes: [],
  ...overrides,
});
