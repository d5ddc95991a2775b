import { formatScaled, applyBasisPoints, mulDivHalfUp } from '../shared/decimal.js';
import type { Money } from '../shared/money.js';
import type { InvoiceOrderLine } from './model.js';
import { formatMilli, timesMilli } from '../shared/quantity.js';
import { quantityInMilli, type BasisPoints } from './rules.js';
import { escapeXml } from '../shared/xml.js';

/**
 * EN 16931 e-invoice as UN/CEFACT Cross Industry Invoice (CII D16B): the XRechnung 3.0 profile (the
 * standalone download) or the Factur-X / ZUGFeRD EN 16931 profile (inside the hybrid PDF), see
 * docs/einvoice.md. Pure: the caller maps an invoice or credit note onto `EInvoice`
 * (einvoice-documents.ts); `buildCiiXml` writes the XML in the element order of the D16B schema.
 * The tests run the official KoSIT XRechnung and CEN EN 16931 rules and the XSD on it
 * (test/support/einvoice-validators.ts). Amounts are minor units, printed with two decimals;
 * quantities are decimal strings.
 */

export const XRECHNUNG_GUIDELINE = 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0';
/** BT-24 of the Factur-X / ZUGFeRD 2.x profile EN 16931 (the XML inside the hybrid PDF). */
export const EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

/** `xrechnung`: the standalone XRechnung 3.0 download; `en16931`: the same document as the Factur-X EN 16931 part of the PDF. */
export type EInvoiceProfile = 'xrechnung' | 'en16931';
export const PEPPOL_BILLING_PROCESS = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
export const REVERSE_CHARGE_EXEMPTION = 'Reverse charge';
export const REVERSE_CHARGE_EXEMPTION_CODE = 'VATEX-EU-AE';

export interface EInvoiceAddress {
  readonly street?: string;
  readonly postalCode?: string;
  readonly city?: string;
  /** ISO 3166-1 alpha-2 */
  readonly country: string;
}

export interface EInvoiceParty {
  readonly name: string;
  readonly vatId?: string;
  readonly address: EInvoiceAddress;
  /** BT-34 / BT-49 electronic address (e-mail, scheme EM); mandatory for XRechnung (PEPPOL-EN16931-R010/R020). */
  readonly email?: string;
  /** BG-6 seller contact: XRechnung needs name, telephone (BT-42, BR-DE-6) and a plain e-mail address (BT-43, BR-DE-7/28). */
  readonly contact?: { readonly name: string; readonly phone?: string; readonly email?: string };
}

/** BG-20 document level allowance (an order discount), net, in the VAT group of `vatRate`. */
export interface EInvoiceAllowance {
  readonly reason: string;
  readonly amount: Money;
  readonly vatRate: BasisPoints;
}

/** An invoiced order line; its VAT rate in basis points. A line net below quantity × unit net (BT-146) is a line allowance (BG-27, "Discount"), see `lineAdjustment`. */
export interface EInvoiceLine extends Omit<InvoiceOrderLine, 'vatRate'> {
  readonly id: string;
  readonly vatRate: BasisPoints;
}

export type VatCategory = 'S' | 'Z' | 'AE';

export interface EInvoice {
  /** 380 commercial invoice, 381 credit note. */
  readonly typeCode: '380' | '381';
  readonly number: string;
  /** YYYY-MM-DD */
  readonly issueDate: string;
  readonly dueDate?: string;
  readonly currency: string;
  /**
   * BT-6 VAT accounting currency (the seller's, shop settings `currency`) when it differs from the
   * invoice currency, with BT-111 the VAT total in it. `taxTotal` may be left out when the VAT is zero
   * (reverse charge: 0 in any currency); with VAT due and no `taxTotal` BT-6 is not written (no rate is
   * ever guessed: no silent conversion).
   */
  readonly taxCurrency?: { readonly code: string; readonly taxTotal?: number };
  /** BT-10: the PO number, else "n/a". */
  readonly buyerReference: string;
  readonly orderReference?: string;
  /** BT-25/26: the invoice a credit note corrects. */
  readonly precedingInvoice?: { readonly number: string; readonly issueDate?: string };
  readonly seller: EInvoiceParty;
  readonly buyer: EInvoiceParty;
  readonly lines: readonly EInvoiceLine[];
  /** BT-72 actual delivery date (date of supply, §14 (4) no. 6 UStG), YYYY-MM-DD. */
  readonly deliveryDate?: string;
  /** BG-14 invoicing period (supply over several dates, e.g. partial deliveries). */
  readonly invoicingPeriod?: { readonly start: string; readonly end: string };
  /** BG-20 document level allowances (order discounts), net per VAT rate. */
  readonly allowances?: readonly EInvoiceAllowance[];
  /** Gross delivery charge, taxed at the highest line rate (document level charge, BG-21). */
  readonly deliveryFee?: Money;
  readonly reverseCharge: boolean;
  readonly paymentTerms: string;
  readonly sellerIban?: string;
  /** BT-83 remittance information (the invoice's ISO 11649 RF creditor reference, else its number). */
  readonly paymentReference: string;
  /** BT-115: what is still due; defaults to the grand total (BT-112). */
  readonly amountDue?: Money;
  readonly notes: readonly string[];
}

export interface EInvoiceTaxGroup {
  readonly category: VatCategory;
  readonly rate: BasisPoints;
  readonly basis: number;
  readonly tax: number;
}

export interface EInvoiceTotals {
  /** BT-106 Σ line net */
  readonly lineTotal: number;
  /** BT-108 Σ charges (net) */
  readonly chargeTotal: number;
  /** BT-107 Σ document level allowances (net) */
  readonly allowanceTotal: number;
  /** BT-109 */
  readonly taxBasisTotal: number;
  /** BT-110 */
  readonly taxTotal: number;
  /** BT-112 */
  readonly grandTotal: number;
  /** BT-114: the cent the per-category VAT rounding may differ from the booked gross. */
  readonly rounding: number;
  /** BT-115 */
  readonly duePayable: number;
  readonly groups: readonly EInvoiceTaxGroup[];
  /** Net of the delivery charge and its rate, when there is one. */
  readonly charge?: { readonly net: number; readonly rate: BasisPoints; readonly category: VatCategory };
}

export const vatCategory = (rate: BasisPoints, reverseCharge: boolean): VatCategory => (reverseCharge ? 'AE' : rate > 0 ? 'S' : 'Z');

/** Under reverse charge the buyer accounts for the VAT: category AE always carries rate 0 (BR-AE-5). */
const lineRate = (line: EInvoiceLine, invoice: EInvoice): BasisPoints => (invoice.reverseCharge ? 0 : line.vatRate);

/**
 * Totals as EN 16931 computes them: VAT per category and rate on the summed net (BR-CO-17), grand
 * total = basis + VAT. The booked gross of our documents is the sum of the order's VAT groups plus
 * the gross delivery fee, so a one-cent difference from splitting the fee into net + VAT is carried in
 * BT-114 (rounding amount) and the amount due stays exactly what the customer owes.
 */
export function eInvoiceTotals(invoice: EInvoice): EInvoiceTotals {
  const bookedGoodsGross = new Map<string, number>();
  const bases = new Map<string, { category: VatCategory; rate: BasisPoints; basis: number }>();
  const add = (category: VatCategory, rate: BasisPoints, amount: number) => {
    const key = `${category}:${rate}`;
    const group = bases.get(key) ?? { category, rate, basis: 0 };
    bases.set(key, { ...group, basis: group.basis + amount });
  };
  let lineTotal = 0;
  for (const line of invoice.lines) {
    lineTotal += line.lineNet.amount;
    add(vatCategory(line.vatRate, invoice.reverseCharge), lineRate(line, invoice), line.lineNet.amount);
  }
  let allowanceTotal = 0;
  for (const allowance of invoice.allowances ?? []) {
    if (allowance.amount.amount <= 0) continue;
    allowanceTotal += allowance.amount.amount;
    add(vatCategory(allowance.vatRate, invoice.reverseCharge), invoice.reverseCharge ? 0 : allowance.vatRate, -allowance.amount.amount);
  }
  for (const group of bases.values()) bookedGoodsGross.set(`${group.category}:${group.rate}`, group.basis + applyBasisPoints(group.basis, group.rate));

  let charge: EInvoiceTotals['charge'];
  const fee = invoice.deliveryFee?.amount ?? 0;
  if (fee > 0) {
    const rate = invoice.reverseCharge ? 0 : Math.max(0, ...invoice.lines.map((line) => line.vatRate));
    const category = vatCategory(rate, invoice.reverseCharge);
    const net = mulDivHalfUp(fee, 10_000, 10_000 + rate);
    charge = { net, rate, category };
    add(category, rate, net);
  }
  const groups = [...bases.values()]
    .sort((a, b) => b.rate - a.rate || a.category.localeCompare(b.category))
    .map((group) => ({ ...group, tax: applyBasisPoints(group.basis, group.rate) }));
  const chargeTotal = charge?.net ?? 0;
  const taxBasisTotal = lineTotal - allowanceTotal + chargeTotal;
  const taxTotal = groups.reduce((sum, group) => sum + group.tax, 0);
  const grandTotal = taxBasisTotal + taxTotal;
  const booked = [...bookedGoodsGross.values()].reduce((sum, value) => sum + value, 0) + fee;
  const rounding = booked - grandTotal;
  const duePayable = invoice.amountDue?.amount ?? grandTotal + rounding;
  return { lineTotal, chargeTotal, allowanceTotal, taxBasisTotal, taxTotal, grandTotal, rounding, duePayable, groups, ...(charge ? { charge } : {}) };
}

/**
 * PEPPOL-EN16931-R120: line net = quantity × net price − line allowances + line charges. The line net
 * below quantity × unit net (a percent discount) is a line allowance; a line net above it (the cent a
 * unit price derived from a carton price rounds away) a line charge.
 */
export function lineAdjustment(line: EInvoiceLine): { readonly kind: 'allowance' | 'charge'; readonly amount: number } | undefined {
  const milli = quantityInMilli(line.quantity);
  if (milli === undefined) throw new RangeError(`Invalid quantity ${line.quantity}`);
  const full = timesMilli(line.unitNet.amount, milli);
  const difference = full - line.lineNet.amount;
  if (difference === 0) return undefined;
  return difference > 0 ? { kind: 'allowance', amount: difference } : { kind: 'charge', amount: -difference };
}

// ---------------------------------------------------------------------------------------------
// XML

/** EN 16931 amounts carry exactly two decimals. */
const amount = (minor: number): string => formatScaled(minor, 2);

const percent = (bps: BasisPoints): string => amount(bps);

const date102 = (isoDate: string): string => isoDate.slice(0, 10).replace(/-/g, '');

const quantityText = (quantity: string): string => {
  const milli = quantityInMilli(quantity);
  if (milli === undefined) throw new RangeError(`Invalid quantity ${quantity}`);
  return formatMilli(milli);
};

/** UN/ECE Recommendation 20 (and 21, "X…") codes for the units the catalog uses; C62 ("one") otherwise. */
const UNIT_CODES: Readonly<Record<string, string>> = {
  pc: 'H87',
  pcs: 'H87',
  piece: 'H87',
  stk: 'H87',
  szt: 'H87',
  kg: 'KGM',
  g: 'GRM',
  t: 'TNE',
  m: 'MTR',
  cm: 'CMT',
  mm: 'MMT',
  km: 'KMT',
  m2: 'MTK',
  'm²': 'MTK',
  m3: 'MTQ',
  'm³': 'MTQ',
  l: 'LTR',
  ml: 'MLT',
  h: 'HUR',
  day: 'DAY',
  pair: 'PR',
  set: 'SET',
  box: 'XBX',
  carton: 'XCT',
  pack: 'XPK',
  roll: 'XRO',
  can: 'XCA',
  cartridge: 'XCQ',
  pallet: 'XPX',
  bag: 'XBG',
  bottle: 'XBO',
};

export const unitCode = (unit: string): string => UNIT_CODES[unit.trim().toLowerCase()] ?? 'C62';

const element = (name: string, content: string, attributes: Record<string, string> = {}): string =>
  `<${name}${Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('')}>${content}</${name}>`;
const text = (name: string, value: string, attributes: Record<string, string> = {}) => element(name, escapeXml(value), attributes);
const optional = (value: string | undefined, render: (value: string) => string): string =>
  value !== undefined && value.trim() !== '' ? render(value.trim()) : '';

function party(name: string, value: EInvoiceParty): string {
  const address = value.address;
  return element(
    name,
    [
      text('ram:Name', value.name),
      value.contact
        ? element(
            'ram:DefinedTradeContact',
            [
              text('ram:PersonName', value.contact.name),
              optional(value.contact.phone, (phone) => element('ram:TelephoneUniversalCommunication', text('ram:CompleteNumber', phone))),
              optional(value.contact.email, (email) => element('ram:EmailURIUniversalCommunication', text('ram:URIID', email))),
            ].join(''),
          )
        : '',
      element(
        'ram:PostalTradeAddress',
        [
          optional(address.postalCode, (code) => text('ram:PostcodeCode', code)),
          optional(address.street, (street) => text('ram:LineOne', street)),
          optional(address.city, (city) => text('ram:CityName', city)),
          text('ram:CountryID', address.country.toUpperCase()),
        ].join(''),
      ),
      optional(value.email, (email) => element('ram:URIUniversalCommunication', text('ram:URIID', email, { schemeID: 'EM' }))),
      optional(value.vatId, (vatId) => element('ram:SpecifiedTaxRegistration', text('ram:ID', vatId.replace(/\s+/g, '').toUpperCase(), { schemeID: 'VA' }))),
    ].join(''),
  );
}

function tradeTax(group: { category: VatCategory; rate: BasisPoints }, amounts?: { basis: number; tax: number }, name = 'ram:ApplicableTradeTax'): string {
  const exempt = group.category === 'AE';
  return element(
    name,
    [
      amounts ? text('ram:CalculatedAmount', amount(amounts.tax)) : '',
      text('ram:TypeCode', 'VAT'),
      amounts && exempt ? text('ram:ExemptionReason', REVERSE_CHARGE_EXEMPTION) : '',
      amounts ? text('ram:BasisAmount', amount(amounts.basis)) : '',
      text('ram:CategoryCode', group.category),
      amounts && exempt ? text('ram:ExemptionReasonCode', REVERSE_CHARGE_EXEMPTION_CODE) : '',
      text('ram:RateApplicablePercent', percent(group.rate)),
    ].join(''),
  );
}

function lineAllowanceCharge(line: EInvoiceLine): string {
  const adjustment = lineAdjustment(line);
  if (!adjustment) return '';
  const allowance = adjustment.kind === 'allowance';
  return element(
    'ram:SpecifiedTradeAllowanceCharge',
    [
      element('ram:ChargeIndicator', text('udt:Indicator', allowance ? 'false' : 'true')),
      text('ram:ActualAmount', amount(adjustment.amount)),
      // UNTDID 5189 95 = discount; the charge is only ever a price rounding cent.
      allowance ? text('ram:ReasonCode', '95') : '',
      text('ram:Reason', allowance ? 'Discount' : 'Price rounding'),
    ].join(''),
  );
}

const dateTime = (name: string, isoDate: string, type: 'udt' | 'qdt' = 'udt') =>
  element(name, text(`${type}:DateTimeString`, date102(isoDate), { format: '102' }));

/** BT-6 and BT-111 as written: only for another currency than the invoice's, and only with a known VAT total in it. */
function taxCurrencyOf(invoice: EInvoice, taxTotal: number): { code: string; taxTotal: number } | undefined {
  const wanted = invoice.taxCurrency;
  if (!wanted || wanted.code === invoice.currency) return undefined;
  const inTaxCurrency = wanted.taxTotal ?? (taxTotal === 0 ? 0 : undefined);
  return inTaxCurrency === undefined ? undefined : { code: wanted.code, taxTotal: inTaxCurrency };
}

/** The CII D16B XML of an invoice (380) or credit note (381); credit notes carry positive amounts. */
export function buildCiiXml(invoice: EInvoice, profile: EInvoiceProfile = 'xrechnung'): string {
  if (invoice.lines.length === 0) throw new RangeError('An e-invoice needs at least one line');
  const totals = eInvoiceTotals(invoice);
  const currency = invoice.currency;
  const taxCurrency = taxCurrencyOf(invoice, totals.taxTotal);
  const lines = invoice.lines.map((line) =>
    element(
      'ram:IncludedSupplyChainTradeLineItem',
      [
        element('ram:AssociatedDocumentLineDocument', text('ram:LineID', line.id)),
        element(
          'ram:SpecifiedTradeProduct',
          [text('ram:SellerAssignedID', line.sku), line.buyerNumber ? text('ram:BuyerAssignedID', line.buyerNumber) : '', text('ram:Name', line.name)].join(''),
        ),
        element('ram:SpecifiedLineTradeAgreement', element('ram:NetPriceProductTradePrice', text('ram:ChargeAmount', amount(line.unitNet.amount)))),
        element('ram:SpecifiedLineTradeDelivery', text('ram:BilledQuantity', quantityText(line.quantity), { unitCode: unitCode(line.unit) })),
        element(
          'ram:SpecifiedLineTradeSettlement',
          [
            tradeTax({ category: vatCategory(line.vatRate, invoice.reverseCharge), rate: lineRate(line, invoice) }),
            lineAllowanceCharge(line),
            element('ram:SpecifiedTradeSettlementLineMonetarySummation', text('ram:LineTotalAmount', amount(line.lineNet.amount))),
          ].join(''),
        ),
      ].join(''),
    ),
  );

  const allowances = (invoice.allowances ?? [])
    .filter((allowance) => allowance.amount.amount > 0)
    .map((allowance) =>
      element(
        'ram:SpecifiedTradeAllowanceCharge',
        [
          element('ram:ChargeIndicator', text('udt:Indicator', 'false')),
          text('ram:ActualAmount', amount(allowance.amount.amount)),
          text('ram:ReasonCode', '95'),
          text('ram:Reason', allowance.reason),
          tradeTax(
            { category: vatCategory(allowance.vatRate, invoice.reverseCharge), rate: invoice.reverseCharge ? 0 : allowance.vatRate },
            undefined,
            'ram:CategoryTradeTax',
          ),
        ].join(''),
      ),
    )
    .join('');

  const charge = totals.charge
    ? element(
        'ram:SpecifiedTradeAllowanceCharge',
        [
          element('ram:ChargeIndicator', text('udt:Indicator', 'true')),
          text('ram:ActualAmount', amount(totals.charge.net)),
          // UNTDID 7161 DL = delivery
          text('ram:ReasonCode', 'DL'),
          text('ram:Reason', 'Delivery'),
          tradeTax({ category: totals.charge.category, rate: totals.charge.rate }, undefined, 'ram:CategoryTradeTax'),
        ].join(''),
      )
    : '';

  const summation = element(
    'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
    [
      text('ram:LineTotalAmount', amount(totals.lineTotal)),
      totals.chargeTotal > 0 ? text('ram:ChargeTotalAmount', amount(totals.chargeTotal)) : '',
      totals.allowanceTotal > 0 ? text('ram:AllowanceTotalAmount', amount(totals.allowanceTotal)) : '',
      text('ram:TaxBasisTotalAmount', amount(totals.taxBasisTotal)),
      text('ram:TaxTotalAmount', amount(totals.taxTotal), { currencyID: currency }),
      taxCurrency ? text('ram:TaxTotalAmount', amount(taxCurrency.taxTotal), { currencyID: taxCurrency.code }) : '',
      totals.rounding !== 0 ? text('ram:RoundingAmount', amount(totals.rounding)) : '',
      text('ram:GrandTotalAmount', amount(totals.grandTotal)),
      totals.duePayable !== totals.grandTotal + totals.rounding
        ? text('ram:TotalPrepaidAmount', amount(totals.grandTotal + totals.rounding - totals.duePayable))
        : '',
      text('ram:DuePayableAmount', amount(totals.duePayable)),
    ].join(''),
  );

  const notes = invoice.notes.filter((note) => note.trim() !== '');
  const body = [
    element(
      'rsm:ExchangedDocumentContext',
      [
        element('ram:BusinessProcessSpecifiedDocumentContextParameter', text('ram:ID', PEPPOL_BILLING_PROCESS)),
        element('ram:GuidelineSpecifiedDocumentContextParameter', text('ram:ID', profile === 'en16931' ? EN16931_GUIDELINE : XRECHNUNG_GUIDELINE)),
      ].join(''),
    ),
    element(
      'rsm:ExchangedDocument',
      [
        text('ram:ID', invoice.number),
        text('ram:TypeCode', invoice.typeCode),
        element('ram:IssueDateTime', text('udt:DateTimeString', date102(invoice.issueDate), { format: '102' })),
        ...notes.map((note) => element('ram:IncludedNote', text('ram:Content', note))),
      ].join(''),
    ),
    element(
      'rsm:SupplyChainTradeTransaction',
      [
        ...lines,
        element(
          'ram:ApplicableHeaderTradeAgreement',
          [
            text('ram:BuyerReference', invoice.buyerReference.trim() === '' ? 'n/a' : invoice.buyerReference),
            party('ram:SellerTradeParty', invoice.seller),
            party('ram:BuyerTradeParty', invoice.buyer),
            optional(invoice.orderReference, (reference) => element('ram:SellerOrderReferencedDocument', text('ram:IssuerAssignedID', reference))),
          ].join(''),
        ),
        element(
          'ram:ApplicableHeaderTradeDelivery',
          optional(invoice.deliveryDate, (date) => element('ram:ActualDeliverySupplyChainEvent', dateTime('ram:OccurrenceDateTime', date))),
        ),
        element(
          'ram:ApplicableHeaderTradeSettlement',
          [
            text('ram:PaymentReference', invoice.paymentReference),
            taxCurrency ? text('ram:TaxCurrencyCode', taxCurrency.code) : '',
            text('ram:InvoiceCurrencyCode', currency),
            optional(invoice.sellerIban, (iban) =>
              element(
                'ram:SpecifiedTradeSettlementPaymentMeans',
                [
                  text('ram:TypeCode', '58'),
                  element('ram:PayeePartyCreditorFinancialAccount', text('ram:IBANID', iban.replace(/\s+/g, '').toUpperCase())),
                ].join(''),
              ),
            ),
            ...totals.groups.map((group) => tradeTax(group, group)),
            invoice.invoicingPeriod
              ? element(
                  'ram:BillingSpecifiedPeriod',
                  [dateTime('ram:StartDateTime', invoice.invoicingPeriod.start), dateTime('ram:EndDateTime', invoice.invoicingPeriod.end)].join(''),
                )
              : '',
            allowances,
            charge,
            element(
              'ram:SpecifiedTradePaymentTerms',
              [
                text('ram:Description', invoice.paymentTerms),
                optional(invoice.dueDate, (due) => element('ram:DueDateDateTime', text('udt:DateTimeString', date102(due), { format: '102' }))),
              ].join(''),
            ),
            summation,
            invoice.precedingInvoice
              ? element(
                  'ram:InvoiceReferencedDocument',
                  [
                    text('ram:IssuerAssignedID', invoice.precedingInvoice.number),
                    optional(invoice.precedingInvoice.issueDate, (issued) =>
                      element('ram:FormattedIssueDateTime', text('qdt:DateTimeString', date102(issued), { format: '102' })),
                    ),
                  ].join(''),
                )
              : '',
          ].join(''),
        ),
      ].join(''),
    ),
  ].join('');

  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    element('rsm:CrossIndustryInvoice', body, {
      'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
      'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
      'xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
      'xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
    }) +
    '\n'
  );
}
