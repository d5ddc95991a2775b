import type { InvoiceOrder } from './model.js';
import type { CreditNoteDocument } from './credit-notes.js';
import type { CompanyAccount, ShopSettings } from '../accounts/rules.js';
import {
  buildCiiXml,
  type EInvoice,
  type EInvoiceAddress,
  type EInvoiceAllowance,
  type EInvoiceLine,
  type EInvoiceParty,
  type EInvoiceProfile,
} from './einvoice.js';
import type { DocumentParties } from './parties.js';
import type { InvoiceDocument } from './pdf.js';
import { creditorReferenceOf } from './numbering.js';
import { formatDate } from '../shared/format.js';
import { translator, type Translate } from '../shared/messages/index.js';

/** Maps the portal's invoices and credit notes onto the EN 16931 builder (functions/invoices/einvoice.ts). */

const postalLine = /^([A-Z]{0,3}-?\d[\dA-Z -]{2,9})\s+(\S.*)$/i;

/** Shop settings keep the seller address as printed lines ("Hafenstraße 8", "70327 Stuttgart", "Germany"). */
export function sellerAddress(lines: readonly string[], sellerName: string, country: string): EInvoiceAddress {
  const meaningful = lines.map((line) => line.trim()).filter((line) => line !== '' && line !== sellerName);
  const postalIndex = meaningful.findIndex((line) => postalLine.test(line));
  if (postalIndex < 0) return { ...(meaningful[0] ? { street: meaningful[0] } : {}), country };
  const [, postalCode = '', city = ''] = postalLine.exec(meaningful[postalIndex] ?? '') ?? [];
  const street = postalIndex > 0 ? meaningful[postalIndex - 1] : undefined;
  return { ...(street ? { street } : {}), postalCode: postalCode.trim(), city: city.trim(), country };
}

/**
 * BG-8 buyer postal address: the billing address; else the first delivery address; else what the
 * company record knows (city and country; an XRechnung receiver then rejects the document for the
 * missing postcode, BR-DE-9, which is why registration and the console require a billing address).
 */
export function buyerAddress(account: CompanyAccount | undefined, fallbackCountry: string): EInvoiceAddress {
  const country = (value: string | undefined) => (value && value.length === 2 ? value.toUpperCase() : (account?.country ?? fallbackCountry));
  const address = account?.billingAddress ?? account?.deliveryAddresses[0];
  if (address) return { street: address.street, postalCode: address.postalCode, city: address.city, country: country(address.country) };
  return { ...(account?.city ? { city: account.city } : {}), country: account?.country ?? fallbackCountry };
}

/** BG-6 seller contact from the shop settings (name, phone, plain e-mail), when configured. */
function sellerContact(settings: ShopSettings): Pick<EInvoiceParty, 'email' | 'contact'> {
  const contact = settings.sellerContact;
  if (!contact || (contact.name === '' && contact.phone === '' && contact.email === '')) return {};
  return {
    ...(contact.email ? { email: contact.email } : {}),
    contact: {
      name: contact.name || `${settings.name} accounts receivable`,
      ...(contact.phone ? { phone: contact.phone } : {}),
      ...(contact.email ? { email: contact.email } : {}),
    },
  };
}

function parties(source: DocumentParties, buyerEmail: string | undefined): { seller: EInvoiceParty; buyer: EInvoiceParty } {
  const { settings, account } = source;
  const email = buyerEmail ?? account?.manager?.email;
  return {
    seller: {
      name: settings.name,
      vatId: settings.sellerVatId,
      address: sellerAddress(settings.sellerAddressLines, settings.name, settings.sellerCountry),
      ...sellerContact(settings),
    },
    buyer: {
      name: account?.name ?? source.buyer.name,
      ...(account?.vatId ? { vatId: account.vatId } : {}),
      address: buyerAddress(account, settings.sellerCountry),
      ...(email ? { email } : {}),
    },
  };
}

/** BT-49: who ordered; for an order staff entered for the customer, the company's contact. */
const orderContactEmail = (order: InvoiceOrder, account: CompanyAccount | undefined): string | undefined =>
  order.onBehalfOf ? (account?.manager?.email ?? order.placedBy.email) : order.placedBy.email;

/**
 * Date of supply (§14 (4) no. 6 UStG; BT-72 / BG-14). The portal invoices when the order is
 * confirmed; goods usually leave later. Shipped partial deliveries known at issue give the date(s):
 * one date → BT-72, several → the invoicing period from the first to the last shipment. Without a
 * shipment yet, the order date is the date of supply (documented in docs/einvoice.md).
 */
/** EN 16931 invoice lines (BG-25) numbered from 1, in the order of the document. */
const numberedLines = (lines: readonly Omit<EInvoiceLine, 'id'>[]): EInvoiceLine[] =>
  lines.map((line, index) => ({
    id: String(index + 1),
    sku: line.sku,
    name: line.name,
    unit: line.unit,
    quantity: line.quantity,
    unitNet: line.unitNet,
    lineNet: line.lineNet,
    vatRate: line.vatRate,
    ...(line.buyerNumber ? { buyerNumber: line.buyerNumber } : {}),
  }));

export function supplyDates(order: Pick<InvoiceOrder, 'createdAt' | 'shipments'>): { deliveryDate?: string; invoicingPeriod?: { start: string; end: string } } {
  const shipped = [
    ...new Set((order.shipments ?? []).map((shipment) => shipment.shippedAt?.slice(0, 10)).filter((date): date is string => date !== undefined)),
  ].sort();
  const first = shipped[0];
  const last = shipped.at(-1);
  if (first && last && first !== last) return { invoicingPeriod: { start: first, end: last } };
  return { deliveryDate: last ?? order.createdAt.slice(0, 10) };
}

/**
 * BG-20: the order's fixed discounts are spread over its VAT groups (functions/pricing/engine.ts);
 * per rate, the group's net below the sum of its line nets is that share.
 */
export function orderAllowances(order: Pick<InvoiceOrder, 'lines' | 'vatBreakdown' | 'orderDiscounts'>): EInvoiceAllowance[] {
  const reason = order.orderDiscounts.map((discount) => discount.name).join('; ') || 'Order discount';
  const lineNets = new Map<number, number>();
  for (const line of order.lines) lineNets.set(line.vatRate, (lineNets.get(line.vatRate) ?? 0) + line.lineNet.amount);
  return order.vatBreakdown.flatMap((group) => {
    const share = (lineNets.get(group.rate) ?? 0) - group.net.amount;
    return share > 0 ? [{ reason, amount: { amount: share, currency: group.net.currency }, vatRate: group.rate }] : [];
  });
}

export interface InvoiceEInvoiceInput {
  readonly order: InvoiceOrder;
  readonly parties: DocumentParties;
  readonly invoiceNumber: string;
  readonly issueDate: string;
  readonly dueDate?: string;
  readonly paymentTerms: string;
  readonly amountDue?: { amount: number; currency: string };
}

/** The invoice's CII XML: XRechnung 3.0 (standalone download) or Factur-X EN 16931 (inside the PDF); same content otherwise. */
export function invoiceEInvoice(input: InvoiceEInvoiceInput, profile: EInvoiceProfile = 'xrechnung'): string {
  return buildCiiXml(invoiceEInvoiceModel(input), profile);
}

/** The invoice as the EN 16931 model (also the source of the Polish FA(3), functions/invoices/ksef-fa3.ts). */
export function invoiceEInvoiceModel(input: InvoiceEInvoiceInput): EInvoice {
  const { order } = input;
  return {
    typeCode: '380',
    number: input.invoiceNumber,
    issueDate: input.issueDate,
    ...(input.dueDate ? { dueDate: input.dueDate } : {}),
    currency: order.gross.currency,
    ...taxCurrencyFor(input.parties, order.gross.currency),
    buyerReference: order.poNumber ?? 'n/a',
    orderReference: order.orderNumber,
    ...parties(input.parties, orderContactEmail(order, input.parties.account)),
    lines: numberedLines(order.lines),
    ...supplyDates(order),
    allowances: orderAllowances(order),
    ...(order.deliveryFee.amount > 0 ? { deliveryFee: order.deliveryFee } : {}),
    reverseCharge: order.reverseCharge.applies,
    paymentTerms: input.paymentTerms,
    ...(input.parties.settings.sellerIban ? { sellerIban: input.parties.settings.sellerIban } : {}),
    // BT-83: the ISO 11649 RF reference printed on the PDF and in its EPC QR code (the invoice number if it has none).
    paymentReference: creditorReferenceOf(input.invoiceNumber) ?? input.invoiceNumber,
    ...(input.amountDue ? { amountDue: input.amountDue } : {}),
    notes: [
      ...(order.reverseCharge.applies && order.reverseCharge.explanation ? [order.reverseCharge.explanation] : []),
      ...(order.costCentre ? [`Cost centre: ${order.costCentre}`] : []),
    ],
  };
}

/** BT-6: the seller's VAT accounting currency (the shop's default currency) when the document is in another one (a PLN invoice of a EUR shop). */
const taxCurrencyFor = (parties: DocumentParties, currency: string): Pick<EInvoice, 'taxCurrency'> =>
  parties.settings.currency && parties.settings.currency !== currency ? { taxCurrency: { code: parties.settings.currency } } : {};

export interface CreditNoteEInvoiceInput {
  readonly parties: DocumentParties;
  readonly order: InvoiceOrder | undefined;
  readonly document: CreditNoteDocument;
  readonly invoiceIssuedAt: string;
}

export function creditNoteEInvoice(input: CreditNoteEInvoiceInput, profile: EInvoiceProfile = 'xrechnung'): string {
  return buildCiiXml(creditNoteEInvoiceModel(input), profile);
}

/** The credit note as the EN 16931 model (also the source of the FA(3) correction, functions/invoices/ksef-fa3.ts). */
export function creditNoteEInvoiceModel(input: CreditNoteEInvoiceInput): EInvoice {
  const { document, order } = input;
  const reverseCharge = order?.reverseCharge.applies ?? false;
  return {
    typeCode: '381',
    number: document.creditNoteNumber,
    issueDate: document.issueDate,
    currency: document.amounts.gross.currency,
    ...taxCurrencyFor(input.parties, document.amounts.gross.currency),
    buyerReference: order?.poNumber ?? 'n/a',
    ...(document.orderNumber ? { orderReference: document.orderNumber } : {}),
    precedingInvoice: { number: document.invoiceNumber, issueDate: input.invoiceIssuedAt.slice(0, 10) },
    ...parties(input.parties, order ? orderContactEmail(order, input.parties.account) : undefined),
    lines: numberedLines(document.amounts.lines),
    // The return or adjustment takes effect on the credit note's date.
    deliveryDate: document.issueDate,
    reverseCharge,
    paymentTerms: `Credited against invoice ${document.invoiceNumber}: ${document.reason}`,
    ...(input.parties.settings.sellerIban ? { sellerIban: input.parties.settings.sellerIban } : {}),
    paymentReference: document.invoiceNumber,
    notes: [document.reason, ...(document.reverseChargeNote ? [document.reverseChargeNote] : [])],
  };
}

/** What the ERP says of an invoice: its number and dates. */
export interface ErpInvoiceDates {
  readonly invoiceNumber: string;
  readonly issuedAt: string;
  readonly dueDate?: string;
}

/**
 * The payment terms: in English with ISO dates for the e-invoice (BT-20, the defaults), or as printed
 * on the PDF with the buyer's translator and date format.
 */
export function paymentTermsText(
  order: Pick<InvoiceOrder, 'paymentMethod' | 'orderNumber'>,
  erp: Pick<ErpInvoiceDates, 'dueDate'>,
  t: Translate = translator('en'),
  date: (day: string) => string = (day) => day,
): string {
  switch (order.paymentMethod) {
    case 'on-account':
      return erp.dueDate ? t('terms.onAccountBy', { date: date(erp.dueDate.slice(0, 10)) }) : t('terms.onAccount');
    case 'prepaid-balance':
      return t('terms.prepaidBalance');
    case 'bank-prepayment':
      return t('terms.bankPrepayment', { reference: order.orderNumber });
    case 'cash-on-delivery':
      return t('terms.cashOnDelivery');
    default:
      return t('terms.asAgreed');
  }
}

/** The invoice PDF's content for an order (functions/invoices/pdf.ts, rendered by functions/shared/pdf/document.ts), with the same date of supply as the e-invoice. */
export function invoicePdfDocument(order: InvoiceOrder, parties: DocumentParties, erp: ErpInvoiceDates): InvoiceDocument {
  const supply = supplyDates(order);
  const language = parties.language ?? 'en';
  return {
    invoiceNumber: erp.invoiceNumber,
    orderNumber: order.orderNumber,
    language,
    issueDate: erp.issuedAt.slice(0, 10),
    ...(erp.dueDate ? { dueDate: erp.dueDate.slice(0, 10) } : {}),
    supplyDate: supply.invoicingPeriod ? `${supply.invoicingPeriod.start} \u2013 ${supply.invoicingPeriod.end}` : (supply.deliveryDate ?? ''),
    seller: parties.seller,
    buyer: parties.buyer,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unit: line.unit,
      unitNet: line.unitNet,
      lineNet: line.lineNet,
      vatRate: line.vatRate,
      ...(line.buyerNumber ? { buyerNumber: line.buyerNumber } : {}),
    })),
    net: order.net,
    vat: order.vat,
    gross: order.gross,
    vatBreakdown: order.vatBreakdown,
    ...(order.reverseCharge.applies && order.reverseCharge.explanation ? { reverseChargeNote: order.reverseCharge.explanation } : {}),
    paymentTerms: paymentTermsText(order, erp),
    printedPaymentTerms: paymentTermsText(order, erp, translator(language), (day) => formatDate(day, language)),
    ...(order.deliveryFee.amount > 0 ? { deliveryFee: order.deliveryFee } : {}),
    ...(order.poNumber ? { poNumber: order.poNumber } : {}),
    ...(order.costCentre ? { costCentre: order.costCentre } : {}),
    ...(creditorReferenceOf(erp.invoiceNumber) ? { creditorReference: creditorReferenceOf(erp.invoiceNumber) as string } : {}),
    // Paid from the prepaid balance at ordering: nothing left to pay, no EPC QR code.
    ...(order.paymentMethod === 'prepaid-balance' ? { amountDue: { amount: 0, currency: order.gross.currency } } : {}),
  };
}

/** The e-invoice input for an order's invoice, from the same content as its PDF. */
export function invoiceEInvoiceInput(
  order: InvoiceOrder,
  parties: DocumentParties,
  document: Pick<InvoiceDocument, 'invoiceNumber' | 'issueDate' | 'dueDate' | 'paymentTerms'>,
): InvoiceEInvoiceInput {
  return {
    order,
    parties,
    invoiceNumber: document.invoiceNumber,
    issueDate: document.issueDate,
    ...(document.dueDate ? { dueDate: document.dueDate } : {}),
    paymentTerms: document.paymentTerms,
    // Paid from the prepaid balance at ordering: nothing left to pay (BT-113 prepaid = BT-112).
    ...(order.paymentMethod === 'prepaid-balance' ? { amountDue: { amount: 0, currency: order.gross.currency } } : {}),
  };
}
