import type { Order } from '../orders/repository.js';
import type { CreditNoteDocument } from './credit-notes.js';
import { buildCiiXml, type EInvoiceAddress, type EInvoiceParty } from './einvoice.js';
import type { DocumentParties } from './parties.js';

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

function parties(source: DocumentParties, buyerEmail: string | undefined): { seller: EInvoiceParty; buyer: EInvoiceParty } {
  const { settings, account } = source;
  const mailFrom = process.env.MAIL_FROM;
  const billing = account?.billingAddress;
  return {
    seller: {
      name: settings.name,
      vatId: settings.sellerVatId,
      address: sellerAddress(settings.sellerAddressLines, settings.name, settings.sellerCountry),
      ...(mailFrom ? { email: mailFrom, contact: { name: `${settings.name} accounts receivable`, email: mailFrom } } : {}),
    },
    buyer: {
      name: account?.name ?? source.buyer.name,
      ...(account?.vatId ? { vatId: account.vatId } : {}),
      address: billing
        ? { street: billing.street, postalCode: billing.postalCode, city: billing.city, country: billing.country.length === 2 ? billing.country : (account?.country ?? billing.country) }
        : { country: account?.country ?? settings.sellerCountry },
      ...(buyerEmail ? { email: buyerEmail } : {}),
    },
  };
}

export interface InvoiceEInvoiceInput {
  readonly order: Order;
  readonly parties: DocumentParties;
  readonly invoiceNumber: string;
  readonly issueDate: string;
  readonly dueDate?: string;
  readonly paymentTerms: string;
  readonly amountDue?: { amount: number; currency: string };
}

export function invoiceEInvoice(input: InvoiceEInvoiceInput): string {
  const { order } = input;
  return buildCiiXml({
    typeCode: '380',
    number: input.invoiceNumber,
    issueDate: input.issueDate,
    ...(input.dueDate ? { dueDate: input.dueDate } : {}),
    currency: order.gross.currency,
    buyerReference: order.poNumber ?? 'n/a',
    orderReference: order.orderNumber,
    ...parties(input.parties, order.placedBy.email),
    lines: order.lines.map((line, index) => ({ id: String(index + 1), sku: line.sku, name: line.name, unit: line.unit, quantity: line.quantity, unitNet: line.unitNet, lineNet: line.lineNet, vatRate: line.vatRate })),
    ...(order.deliveryFee.amount > 0 ? { deliveryFee: order.deliveryFee } : {}),
    reverseCharge: order.reverseCharge.applies,
    paymentTerms: input.paymentTerms,
    ...(input.parties.settings.sellerIban ? { sellerIban: input.parties.settings.sellerIban } : {}),
    paymentReference: input.invoiceNumber,
    ...(input.amountDue ? { amountDue: input.amountDue } : {}),
    notes: [...(order.reverseCharge.applies && order.reverseCharge.explanation ? [order.reverseCharge.explanation] : []), ...(order.costCentre ? [`Cost centre: ${order.costCentre}`] : [])],
  });
}

export interface CreditNoteEInvoiceInput {
  readonly parties: DocumentParties;
  readonly order: Order | undefined;
  readonly document: CreditNoteDocument;
  readonly invoiceIssuedAt: string;
}

export function creditNoteEInvoice(input: CreditNoteEInvoiceInput): string {
  const { document, order } = input;
  const reverseCharge = order?.reverseCharge.applies ?? false;
  return buildCiiXml({
    typeCode: '381',
    number: document.creditNoteNumber,
    issueDate: document.issueDate,
    currency: document.amounts.gross.currency,
    buyerReference: order?.poNumber ?? 'n/a',
    ...(document.orderNumber ? { orderReference: document.orderNumber } : {}),
    precedingInvoice: { number: document.invoiceNumber, issueDate: input.invoiceIssuedAt.slice(0, 10) },
    ...parties(input.parties, order?.placedBy.email),
    lines: document.amounts.lines.map((line, index) => ({ id: String(index + 1), sku: line.sku, name: line.name, unit: line.unit, quantity: line.quantity, unitNet: line.unitNet, lineNet: line.lineNet, vatRate: line.vatRate })),
    reverseCharge,
    paymentTerms: `Credited against invoice ${document.invoiceNumber}: ${document.reason}`,
    ...(input.parties.settings.sellerIban ? { sellerIban: input.parties.settings.sellerIban } : {}),
    paymentReference: document.invoiceNumber,
    notes: [document.reason, ...(document.reverseChargeNote ? [document.reverseChargeNote] : [])],
  });
}
