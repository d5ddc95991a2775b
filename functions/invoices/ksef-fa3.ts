import { createHash } from 'node:crypto';
import { formatMinorUnits } from '../shared/money.js';
import { formatMilli, timesMilli } from '../shared/quantity.js';
import { eInvoiceTotals, type EInvoice, type EInvoiceAddress, type EInvoiceParty } from './einvoice.js';
import { quantityInMilli, type BasisPoints } from './rules.js';
import { escapeXml } from '../shared/xml.js';

/**
 * Polish structured invoice FA(3) (KSeF), schema `schemat_FA(3)_v1-0E.xsd` of the Ministry of Finance,
 * namespace http://crd.gov.pl/wzor/2025/06/25/13775/ (copy with source and version in
 * test/fixtures/xsd/ksef-fa3/). Pure: built from the same EN 16931 model as the CII e-invoice
 * (einvoice-documents.ts `invoiceEInvoiceModel` / `creditNoteEInvoiceModel`), so the amounts, VAT groups,
 * discounts and delivery charge are the same numbers. A credit note becomes a correction invoice
 * (faktura korygująca, RodzajFaktury KOR) whose lines and totals are the (negative) differences.
 * Amounts are integer minor units written as exact decimal strings. See docs/ksef.md.
 */

export const FA3_NAMESPACE = 'http://crd.gov.pl/wzor/2025/06/25/13775/';
/** KodFormularza / the `formCode` of POST /sessions/online. */
export const FA3_FORM_CODE = { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' } as const;
export const KSEF_SYSTEM_INFO = 'b2b-portal';

/** Member states as TKodyKrajowUE lists them (Greece is EL, Northern Ireland XI). */
const EU_CODES = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'EL',
  'HR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'XI',
]);
const euCode = (country: string) => (country.toUpperCase() === 'GR' ? 'EL' : country.toUpperCase());

export interface Fa3Correction {
  /** PrzyczynaKorekty */
  readonly reason: string;
  readonly correctedInvoice: { readonly number: string; readonly issueDate: string; readonly ksefNumber?: string };
}

export interface Fa3Options {
  /** DataWytworzeniaFa, ISO date-time. */
  readonly generatedAt: string;
  /** Present for a correction invoice (KOR): the credit note of `invoice`. */
  readonly correction?: Fa3Correction;
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** A Polish NIP: ten digits with the mod-11 check digit and the shape TNrNIP requires. */
export function isValidNip(nip: string): boolean {
  if (!/^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/.test(nip)) return false;
  const sum = NIP_WEIGHTS.reduce((total, weight, index) => total + weight * Number(nip[index]), 0);
  return sum % 11 === Number(nip[9]);
}

/** "PL 526-104-08-28" → "5261040828" (undefined when it is not a valid Polish NIP). */
export function polishNip(vatId: string | undefined): string | undefined {
  if (!vatId) return undefined;
  const compact = vatId.toUpperCase().replace(/[\s.-]/g, '');
  const digits = compact.startsWith('PL') ? compact.slice(2) : compact;
  return isValidNip(digits) ? digits : undefined;
}

/** TZnakowy / TZnakowy512: tokens of 1..max characters. */
const token = (text: string, max = 256): string => {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length > max ? collapsed.slice(0, max) : collapsed;
};

const el = (name: string, value: string | undefined, max = 256): string =>
  value === undefined || value.trim() === '' ? '' : `<${name}>${escapeXml(token(value, max))}</${name}>`;
const group = (name: string, content: string): string => (content === '' ? '' : `<${name}>${content}</${name}>`);
const amount = (minor: number, currency: string): string => formatMinorUnits(minor, currency);

/** TStawkaPodatku for a line or VAT group; 0 % by destination: domestic, intra-EU supply (WDT), export. */
export function fa3Rate(rate: BasisPoints, buyerCountry: string, reverseCharge: boolean): string {
  if (!reverseCharge && rate > 0) {
    if (rate % 100 !== 0) throw new RangeError(`VAT rate ${rate / 100} % is not a Polish rate`);
    const percent = String(rate / 100);
    if (!['23', '22', '8', '7', '5', '4', '3'].includes(percent)) throw new RangeError(`VAT rate ${percent} % is not a Polish rate`);
    return percent;
  }
  const country = euCode(buyerCountry);
  if (country === 'PL') return '0 KR';
  return EU_CODES.has(country) ? '0 WDT' : '0 EX';
}

/** Fa P_13_x / P_14_x slot of a TStawkaPodatku value. */
const SLOT: Record<string, { net: string; tax?: string }> = {
  '23': { net: 'P_13_1', tax: 'P_14_1' },
  '22': { net: 'P_13_1', tax: 'P_14_1' },
  '8': { net: 'P_13_2', tax: 'P_14_2' },
  '7': { net: 'P_13_2', tax: 'P_14_2' },
  '5': { net: 'P_13_3', tax: 'P_14_3' },
  '4': { net: 'P_13_4', tax: 'P_14_4' },
  '3': { net: 'P_13_4', tax: 'P_14_4' },
  '0 KR': { net: 'P_13_6_1' },
  '0 WDT': { net: 'P_13_6_2' },
  '0 EX': { net: 'P_13_6_3' },
};
const SLOT_ORDER = ['P_13_1', 'P_13_2', 'P_13_3', 'P_13_4', 'P_13_6_1', 'P_13_6_2', 'P_13_6_3'];

function address(value: EInvoiceAddress): string {
  const cityLine = [value.postalCode, value.city].filter((part) => part && part.trim() !== '').join(' ');
  const line1 = value.street?.trim() || cityLine || value.country;
  const line2 = value.street?.trim() ? cityLine : '';
  return `<Adres><KodKraju>${escapeXml(value.country.toUpperCase())}</KodKraju>${el('AdresL1', line1, 512)}${el('AdresL2', line2, 512)}</Adres>`;
}

function contact(party: EInvoiceParty): string {
  const email = party.contact?.email ?? party.email;
  const phone = party.contact?.phone?.replace(/[^\d+]/g, '').slice(0, 16);
  return group('DaneKontaktowe', `${el('Email', email, 255)}${el('Telefon', phone, 16)}`);
}

function seller(party: EInvoiceParty): string {
  const nip = polishNip(party.vatId);
  if (!nip) throw new RangeError(`The seller needs a valid Polish NIP for KSeF (got "${party.vatId ?? ''}")`);
  return `<Podmiot1><PrefiksPodatnika>PL</PrefiksPodatnika><DaneIdentyfikacyjne><NIP>${nip}</NIP>${el('Nazwa', party.name, 512)}</DaneIdentyfikacyjne>${address(party.address)}${contact(party)}</Podmiot1>`;
}

/** Podmiot2 identification: NIP (Polish buyer), KodUE + NrVatUE (EU VAT id), KodKraju + NrID (other id), else BrakID. */
export function buyerIdentification(party: EInvoiceParty): string {
  const country = party.address.country.toUpperCase();
  const nip = polishNip(party.vatId);
  const compact = party.vatId?.toUpperCase().replace(/[\s.-]/g, '') ?? '';
  if (nip && (country === 'PL' || compact.startsWith('PL'))) return `<NIP>${nip}</NIP>`;
  const prefix = compact.slice(0, 2);
  const rest = compact.slice(2);
  if (EU_CODES.has(prefix) && prefix !== 'PL' && /^(\d|[A-Z]|\+|\*){1,12}$/.test(rest)) return `<KodUE>${prefix}</KodUE><NrVatUE>${rest}</NrVatUE>`;
  if (compact !== '') return `<KodKraju>${escapeXml(country)}</KodKraju><NrID>${escapeXml(token(compact, 50))}</NrID>`;
  return '<BrakID>1</BrakID>';
}

function buyer(party: EInvoiceParty): string {
  // JST / GV 2: the buyer is neither a subordinate unit of a local government nor a VAT group member.
  return `<Podmiot2><DaneIdentyfikacyjne>${buyerIdentification(party)}${el('Nazwa', party.name, 512)}</DaneIdentyfikacyjne>${address(party.address)}${contact(party)}<JST>2</JST><GV>2</GV></Podmiot2>`;
}

/** Adnotacje of an ordinary supply: no cash accounting, self-billing, domestic reverse charge, split payment, exemption, new means of transport, triangulation or margin scheme. */
const ANNOTATIONS =
  '<Adnotacje><P_16>2</P_16><P_17>2</P_17><P_18>2</P_18><P_18A>2</P_18A><Zwolnienie><P_19N>1</P_19N></Zwolnienie>' +
  '<NoweSrodkiTransportu><P_22N>1</P_22N></NoweSrodkiTransportu><P_23>2</P_23><PMarzy><P_PMarzyN>1</P_PMarzyN></PMarzy></Adnotacje>';

interface Fa3Line {
  readonly name: string;
  readonly sku?: string;
  readonly unit?: string;
  /** Decimal string (negative in a correction). */
  readonly quantity?: string;
  readonly unitNet?: number;
  readonly discount?: number;
  readonly net: number;
  readonly rate: string;
}

/** FaWiersz rows: the lines, then each order discount and the delivery charge as rows of their VAT rate, so Σ P_11 per rate = P_13. */
function fa3Lines(invoice: EInvoice, sign: 1 | -1): Fa3Line[] {
  const country = invoice.buyer.address.country;
  const rateOf = (rate: BasisPoints) => fa3Rate(rate, country, invoice.reverseCharge);
  const rows: Fa3Line[] = invoice.lines.map((line) => {
    const milli = quantityInMilli(line.quantity);
    if (milli === undefined) throw new RangeError(`Invalid quantity ${line.quantity}`);
    const full = timesMilli(line.unitNet.amount, milli);
    const discount = full - line.lineNet.amount;
    return {
      name: line.name,
      sku: line.sku,
      unit: line.unit,
      quantity: formatMilli(sign * milli),
      unitNet: line.unitNet.amount,
      ...(discount > 0 ? { discount: sign * discount } : {}),
      net: sign * line.lineNet.amount,
      rate: rateOf(line.vatRate),
    };
  });
  for (const allowance of invoice.allowances ?? []) {
    if (allowance.amount.amount > 0) rows.push({ name: `Rabat: ${allowance.reason}`, net: -sign * allowance.amount.amount, rate: rateOf(allowance.vatRate) });
  }
  const totals = eInvoiceTotals(invoice);
  if (totals.charge)
    rows.push({
      name: 'Koszty dostawy / delivery charge',
      quantity: formatMilli(sign * 1000),
      unitNet: totals.charge.net,
      net: sign * totals.charge.net,
      rate: rateOf(totals.charge.rate),
    });
  return rows;
}

function lineXml(line: Fa3Line, index: number, currency: string): string {
  return (
    `<FaWiersz><NrWierszaFa>${index + 1}</NrWierszaFa>${el('P_7', line.name, 512)}${el('Indeks', line.sku, 50)}${el('P_8A', line.unit)}` +
    `${line.quantity !== undefined ? `<P_8B>${line.quantity}</P_8B>` : ''}` +
    `${line.unitNet !== undefined ? `<P_9A>${amount(line.unitNet, currency)}</P_9A>` : ''}` +
    `${line.discount !== undefined ? `<P_10>${amount(line.discount, currency)}</P_10>` : ''}` +
    `<P_11>${amount(line.net, currency)}</P_11><P_12>${escapeXml(line.rate)}</P_12></FaWiersz>`
  );
}

/** Σ net and VAT per P_13_x slot (EN 16931 grouping: VAT per rate on the summed net). */
function taxSummary(invoice: EInvoice, sign: 1 | -1): { xml: string; net: number; tax: number } {
  const totals = eInvoiceTotals(invoice);
  const slots = new Map<string, { net: number; tax: number; taxField?: string }>();
  for (const g of totals.groups) {
    const slot = SLOT[fa3Rate(g.rate, invoice.buyer.address.country, invoice.reverseCharge)];
    if (!slot) throw new RangeError(`No FA(3) field for VAT rate ${g.rate}`);
    const entry = slots.get(slot.net) ?? { net: 0, tax: 0, ...(slot.tax ? { taxField: slot.tax } : {}) };
    slots.set(slot.net, { ...entry, net: entry.net + sign * g.basis, tax: entry.tax + sign * g.tax });
  }
  let xml = '';
  let net = 0;
  let tax = 0;
  for (const field of SLOT_ORDER) {
    const entry = slots.get(field);
    if (!entry) continue;
    net += entry.net;
    tax += entry.tax;
    xml += `<${field}>${amount(entry.net, invoice.currency)}</${field}>`;
    if (entry.taxField) xml += `<${entry.taxField}>${amount(entry.tax, invoice.currency)}</${entry.taxField}>`;
  }
  return { xml, net, tax };
}

function payment(invoice: EInvoice, totalDue: number): string {
  if (invoice.amountDue?.amount === 0 && totalDue > 0) return `<Platnosc><Zaplacono>1</Zaplacono><DataZaplaty>${invoice.issueDate}</DataZaplaty></Platnosc>`;
  const due = invoice.dueDate ? `<TerminPlatnosci><Termin>${invoice.dueDate}</Termin></TerminPlatnosci>` : '';
  const iban = invoice.sellerIban?.replace(/\s+/g, '').toUpperCase();
  // FormaPlatnosci 6 = przelew (bank transfer) to the seller's account; otherwise the agreed terms as text.
  const means = iban
    ? `<FormaPlatnosci>6</FormaPlatnosci><RachunekBankowy><NrRB>${escapeXml(iban)}</NrRB></RachunekBankowy>`
    : `<PlatnoscInna>1</PlatnoscInna>${el('OpisPlatnosci', invoice.paymentTerms)}`;
  return `<Platnosc>${due}${means}</Platnosc>`;
}

/**
 * The FA(3) XML of an invoice (RodzajFaktury VAT) or, with `options.correction`, of the correction
 * invoice (KOR) that a credit note is in Poland: its lines, P_13/P_14 and P_15 are the differences
 * (negative), TypKorekty 2 (the reduction is accounted in the period of the correction).
 */
export function buildFa3Xml(invoice: EInvoice, options: Fa3Options): string {
  const correction = options.correction;
  const sign: 1 | -1 = correction ? -1 : 1;
  const currency = invoice.currency;
  const totals = eInvoiceTotals(invoice);
  const summary = taxSummary(invoice, sign);
  // P_15: what the customer owes (the booked gross; EN 16931 carries a splitting cent in BT-114, FA(3) has no such field).
  const total = sign * (totals.grandTotal + totals.rounding);
  const supply = invoice.invoicingPeriod
    ? `<OkresFa><P_6_Od>${invoice.invoicingPeriod.start}</P_6_Od><P_6_Do>${invoice.invoicingPeriod.end}</P_6_Do></OkresFa>`
    : invoice.deliveryDate
      ? `<P_6>${invoice.deliveryDate}</P_6>`
      : '';
  const corrected = correction
    ? `${el('PrzyczynaKorekty', correction.reason)}<TypKorekty>2</TypKorekty><DaneFaKorygowanej><DataWystFaKorygowanej>${correction.correctedInvoice.issueDate}</DataWystFaKorygowanej>` +
      `${el('NrFaKorygowanej', correction.correctedInvoice.number)}` +
      `${correction.correctedInvoice.ksefNumber ? `<NrKSeF>1</NrKSeF><NrKSeFFaKorygowanej>${escapeXml(correction.correctedInvoice.ksefNumber)}</NrKSeFFaKorygowanej>` : '<NrKSeFN>1</NrKSeFN>'}</DaneFaKorygowanej>`
    : '';
  const descriptions =
    invoice.buyerReference && invoice.buyerReference !== 'n/a'
      ? `<DodatkowyOpis><Klucz>Buyer reference / PO</Klucz>${el('Wartosc', invoice.buyerReference)}</DodatkowyOpis>`
      : '';
  const lines = fa3Lines(invoice, sign)
    .map((line, index) => lineXml(line, index, currency))
    .join('');
  const order = invoice.orderReference ? `<WarunkiTransakcji><Zamowienia>${el('NrZamowienia', invoice.orderReference)}</Zamowienia></WarunkiTransakcji>` : '';
  const footer = [invoice.paymentTerms, ...invoice.notes]
    .filter((text) => text.trim() !== '')
    .join('\n')
    .slice(0, 3500);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Faktura xmlns="${FA3_NAMESPACE}">` +
    `<Naglowek><KodFormularza kodSystemowy="${FA3_FORM_CODE.systemCode}" wersjaSchemy="${FA3_FORM_CODE.schemaVersion}">${FA3_FORM_CODE.value}</KodFormularza>` +
    `<WariantFormularza>3</WariantFormularza><DataWytworzeniaFa>${options.generatedAt}</DataWytworzeniaFa><SystemInfo>${KSEF_SYSTEM_INFO}</SystemInfo></Naglowek>` +
    seller(invoice.seller) +
    buyer(invoice.buyer) +
    `<Fa><KodWaluty>${escapeXml(currency)}</KodWaluty><P_1>${invoice.issueDate}</P_1>${el('P_2', invoice.number)}${supply}` +
    `${summary.xml}<P_15>${amount(total, currency)}</P_15>${ANNOTATIONS}<RodzajFaktury>${correction ? 'KOR' : 'VAT'}</RodzajFaktury>${corrected}` +
    `${descriptions}${lines}${correction ? '' : payment(invoice, total)}${order}</Fa>` +
    (footer ? `<Stopka><Informacje><StopkaFaktury>${escapeXml(footer)}</StopkaFaktury></Informacje></Stopka>` : '') +
    `</Faktura>\n`
  );
}

/** SHA-256 of the invoice file as KSeF computes it (the `invoiceHash` of the send request, Base64). */
export const invoiceHashBase64 = (xml: string | Uint8Array): string => createHash('sha256').update(xml).digest('base64');

/** KSeF QR hosts (kody-qr.md of CIRFMF/ksef-docs). */
export const KSEF_QR_HOSTS = {
  test: 'https://qr-test.ksef.mf.gov.pl',
  demo: 'https://qr-demo.ksef.mf.gov.pl',
  production: 'https://qr.ksef.mf.gov.pl',
} as const;
export type KsefEnvironment = keyof typeof KSEF_QR_HOSTS;

/**
 * KOD I, the invoice verification link printed as QR code on the visualisation:
 * `<host>/invoice/<seller NIP>/<P_1 as DD-MM-RRRR>/<SHA-256 of the XML file, Base64URL without padding>`.
 */
export function ksefVerificationUrl(input: {
  readonly environment: KsefEnvironment;
  readonly sellerNip: string;
  readonly issueDate: string;
  readonly xml: string | Uint8Array;
}): string {
  const [year, month, day] = input.issueDate.split('-');
  if (!year || !month || !day) throw new RangeError(`Invalid issue date ${input.issueDate}`);
  const hash = createHash('sha256').update(input.xml).digest('base64url');
  return `${KSEF_QR_HOSTS[input.environment]}/invoice/${input.sellerNip}/${day}-${month}-${year}/${hash}`;
}
