import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { InvoiceOrder } from './model.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { s3 } from '../shared/clients/s3.js';
import { config } from '../shared/config.js';
import { badRequest, notFound } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import { nextDocumentNumber } from '../shared/sequence.js';
import { formatMilli } from '../shared/quantity.js';
import type { Language } from '../shared/locale.js';
import { translator } from '../shared/messages/index.js';
import { CREDIT_NOTE_SERIES, numberingYear } from './numbering.js';
import { documentParties } from './parties.js';
import { formatDocumentDate, printedNote, renderDocumentPdf } from '../shared/pdf/document.js';
import type { FacturXAttachment, InvoiceParty, InvoiceSeller, KsefPdfMarking } from './pdf.js';
import { documentAmounts, quantityInMilli, settle, type DocumentLine, type VatGroup } from './rules.js';
import { invoiceRecord, readInvoiceItem, settleInvoice } from './settlement.js';
import { creditNoteEInvoice, creditNoteEInvoiceModel } from './einvoice-documents.js';
import { isPolishSeller, issueToKsef, ksefConnection, type KsefRecord } from './ksef-documents.js';

/**
 * Credit notes (`CN-2026-000123`) against an invoice, issued by the RMA workflow (returned goods)
 * or by back-office adjustments. One credit note per source (RMA id / adjustment id): a retried call
 * returns the credit note issued the first time.
 *
 * Items: `PK=COMPANY#<id>, SK=CREDITNOTE#<number>` (the document) and
 * `PK=COMPANY#<id>, SK=CREDITNOTE-SOURCE#<kind>#<sourceId>` (the number claimed for a source).
 */

export interface CreditNoteInput {
  readonly companyId: string;
  readonly invoiceNumber: string;
  readonly reason: string;
  readonly source: { readonly kind: 'rma' | 'adjustment'; readonly id: string };
  readonly lines: readonly {
    readonly sku: string;
    readonly name: string;
    readonly unit: string;
    readonly quantity: string;
    readonly unitNet: Money;
    readonly vatRate: number;
  }[];
  /** The invoiced order (reverse-charge note, buyer contact, e-invoice references), as functions/orders hands it over. */
  readonly order: InvoiceOrder;
}

export interface CreditNote {
  readonly creditNoteNumber: string;
  readonly companyId: string;
  readonly invoiceNumber: string;
  readonly orderId?: string;
  readonly orderNumber?: string;
  readonly reason: string;
  readonly source: { readonly kind: 'rma' | 'adjustment'; readonly id: string };
  readonly issuedAt: string;
  readonly lines: readonly DocumentLine[];
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  readonly vatBreakdown: readonly VatGroup[];
  /** The part of the gross that reduced the invoice's open amount. */
  readonly appliedToInvoice: Money;
  /** The part beyond the open amount, owed back to the customer. */
  readonly refundDue: Money;
  readonly pdfKey: string;
  readonly xmlKey: string;
  /** Polish seller: the correction invoice (FA(3) KOR) in KSeF (docs/ksef.md). */
  readonly ksef?: KsefRecord;
}

export const creditNoteKeys = {
  creditNote: (companyId: string, number: string) => ({ PK: `COMPANY#${companyId}`, SK: `CREDITNOTE#${number}` }),
  source: (companyId: string, kind: string, sourceId: string) => ({ PK: `COMPANY#${companyId}`, SK: `CREDITNOTE-SOURCE#${kind}#${sourceId}` }),
};

export const creditNotePdfKey = (companyId: string, number: string) => `credit-notes/${companyId}/${number}.pdf`;
export const creditNoteXmlKey = (companyId: string, number: string) => `credit-notes/${companyId}/${number}.xml`;

const table = () => config.tableName();

const toCreditNote = (item: Record<string, unknown>): CreditNote => {
  const { PK: _pk, SK: _sk, type: _type, ...note } = item;
  return note as unknown as CreditNote;
};

export async function findCreditNote(companyId: string, number: string): Promise<CreditNote | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: creditNoteKeys.creditNote(companyId, number), ConsistentRead: true }));
  return Item ? toCreditNote(Item) : undefined;
}

/** The number of the credit note issued for a source (RMA id / adjustment id), if one was. */
export async function creditNoteNumberOf(companyId: string, kind: CreditNoteInput['source']['kind'], sourceId: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: creditNoteKeys.source(companyId, kind, sourceId), ConsistentRead: true }));
  if (!Item) return undefined;
  // A claimed number whose issue failed half-way is no credit note (yet).
  return (await findCreditNote(companyId, String(Item.creditNoteNumber))) ? String(Item.creditNoteNumber) : undefined;
}

/**
 * Throws what `issueCreditNote` would refuse (bad lines, unknown invoice, more than the invoice total
 * left), so that a caller can check before it commits a change the credit note belongs to.
 */
export async function assertCreditNotePossible(input: CreditNoteInput): Promise<void> {
  validate(input);
  const invoiceItem = await readInvoiceItem(input.companyId, input.invoiceNumber);
  if (!invoiceItem) throw notFound('Invoice');
  const invoice = invoiceRecord(invoiceItem);
  settle(invoice.balance, 'credit-note', documentAmounts(input.lines, invoice.balance.currency).gross);
}

/** The number (and issue time) claimed for a source; a concurrent or retried call gets the same one. */
async function claimNumber(input: CreditNoteInput): Promise<{ number: string; issuedAt: string }> {
  const key = creditNoteKeys.source(input.companyId, input.source.kind, input.source.id);
  const read = async () => (await dynamo().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }))).Item;
  const existing = await read();
  if (existing) return { number: String(existing.creditNoteNumber), issuedAt: String(existing.issuedAt) };
  const issuedAt = new Date().toISOString();
  const year = numberingYear(issuedAt);
  const number = await nextDocumentNumber(CREDIT_NOTE_SERIES, year);
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: { ...key, type: 'credit-note-source', creditNoteNumber: number, issuedAt, invoiceNumber: input.invoiceNumber },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return { number, issuedAt };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const winner = await read();
    return { number: String(winner?.creditNoteNumber), issuedAt: String(winner?.issuedAt) };
  }
}

function validate(input: CreditNoteInput): void {
  if (input.reason.trim() === '') throw badRequest('REASON_REQUIRED', 'A credit note needs a reason');
  if (input.source.id.trim() === '' || input.source.id.includes('#')) throw badRequest('INVALID_SOURCE', 'The source id must be non-empty and free of "#"');
  for (const [index, line] of input.lines.entries()) {
    if (quantityInMilli(line.quantity) === undefined)
      throw badRequest('INVALID_QUANTITY', `Line ${index + 1}: quantity must be a positive decimal with at most three decimals`);
  }
}

/**
 * Issues (once per source) a credit note against an invoice: number, PDF and EN 16931 XML in the
 * documents bucket, then one transaction that stores the credit note and reduces the invoice's open
 * amount (surplus → refund due, settled invoice → trade credit restored; see settlement.ts).
 */
export async function issueCreditNote(input: CreditNoteInput): Promise<CreditNote> {
  validate(input);
  const existingSource = await dynamo().send(
    new GetCommand({ TableName: table(), Key: creditNoteKeys.source(input.companyId, input.source.kind, input.source.id), ConsistentRead: true }),
  );
  if (existingSource.Item) {
    const issued = await findCreditNote(input.companyId, String(existingSource.Item.creditNoteNumber));
    if (issued) return issued;
  }

  const invoiceItem = await readInvoiceItem(input.companyId, input.invoiceNumber);
  if (!invoiceItem) throw notFound('Invoice');
  const invoice = invoiceRecord(invoiceItem);
  // A credited line names the product by the buyer's own number as the invoiced line did.
  const ordered = new Map(input.order.lines.map((line) => [line.sku, line.buyerNumber]));
  const amounts = documentAmounts(
    input.lines.map((line) => (ordered.get(line.sku) ? { ...line, buyerNumber: ordered.get(line.sku)! } : line)),
    invoice.balance.currency,
  );
  // Refuse impossible credits before a number is claimed (no gaps for bad requests).
  settle(invoice.balance, 'credit-note', amounts.gross);

  const { number, issuedAt } = await claimNumber(input);
  const already = await findCreditNote(input.companyId, number);
  if (already) return already;

  const parties = await documentParties(input.companyId);
  const order = invoice.orderId !== undefined && input.order.orderId === invoice.orderId ? input.order : undefined;
  const document: CreditNoteDocument = {
    creditNoteNumber: number,
    invoiceNumber: input.invoiceNumber,
    ...(invoice.orderNumber ? { orderNumber: invoice.orderNumber } : {}),
    issueDate: issuedAt.slice(0, 10),
    reason: input.reason.trim(),
    language: parties.language,
    seller: parties.seller,
    buyer: parties.buyer,
    amounts,
    ...(order?.reverseCharge.applies && order.reverseCharge.explanation ? { reverseChargeNote: order.reverseCharge.explanation } : {}),
  };
  const pdfKey = creditNotePdfKey(input.companyId, number);
  const xmlKey = creditNoteXmlKey(input.companyId, number);
  const eInvoice = { parties, order, document, invoiceIssuedAt: invoice.issuedAt };
  // Standalone XRechnung 3.0 XML; the PDF is the ZUGFeRD / Factur-X EN 16931 hybrid of the same credit note.
  const xml = creditNoteEInvoice(eInvoice);
  const bucket = config.bucketName('documents');
  // Polish seller: the credit note is a correction invoice (FA(3) KOR) referencing the invoice's KSeF number.
  const correctedKsefNumber = (invoiceItem.ksef as { ksefNumber?: string } | undefined)?.ksefNumber;
  const ksef = isPolishSeller(parties.settings)
    ? await issueToKsef(
        {
          model: creditNoteEInvoiceModel(eInvoice),
          keyBase: `credit-notes/${input.companyId}/${number}`,
          generatedAt: issuedAt,
          correction: {
            reason: document.reason,
            correctedInvoice: {
              number: input.invoiceNumber,
              issueDate: invoice.issuedAt.slice(0, 10),
              ...(correctedKsefNumber ? { ksefNumber: correctedKsefNumber } : {}),
            },
          },
        },
        await ksefConnection(),
      )
    : undefined;
  await Promise.all([
    s3().send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: pdfKey,
        Body: await renderCreditNotePdf(ksef?.marking ? { ...document, ksef: ksef.marking } : document, { xml: creditNoteEInvoice(eInvoice, 'en16931') }),
        ContentType: 'application/pdf',
      }),
    ),
    s3().send(new PutObjectCommand({ Bucket: bucket, Key: xmlKey, Body: xml, ContentType: 'application/xml' })),
    ...(ksef?.artefacts ?? []).map((artefact) =>
      s3().send(new PutObjectCommand({ Bucket: bucket, Key: artefact.key, Body: artefact.body, ContentType: 'application/xml' })),
    ),
  ]);

  const base = {
    creditNoteNumber: number,
    companyId: input.companyId,
    invoiceNumber: input.invoiceNumber,
    ...(invoice.orderId ? { orderId: invoice.orderId } : {}),
    ...(invoice.orderNumber ? { orderNumber: invoice.orderNumber } : {}),
    reason: document.reason,
    source: { kind: input.source.kind, id: input.source.id },
    issuedAt,
    lines: amounts.lines,
    net: amounts.net,
    vat: amounts.vat,
    gross: amounts.gross,
    vatBreakdown: amounts.vatBreakdown,
    pdfKey,
    xmlKey,
    ...(ksef ? { ksef: ksef.record } : {}),
  };
  const outcome = await settleInvoice<CreditNote>({
    companyId: input.companyId,
    invoiceNumber: input.invoiceNumber,
    kind: 'credit-note',
    id: number,
    amount: amounts.gross,
    at: issuedAt,
    reference: input.reason.trim(),
    source: `${input.source.kind}:${input.source.id}`,
    extraItems: (settlement) => [
      {
        Put: {
          TableName: table(),
          Item: {
            ...creditNoteKeys.creditNote(input.companyId, number),
            type: 'credit-note',
            ...base,
            appliedToInvoice: { amount: settlement.applied, currency: amounts.gross.currency },
            refundDue: { amount: settlement.surplus, currency: amounts.gross.currency },
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ],
    alreadyDone: () => findCreditNote(input.companyId, number),
  });
  if (outcome.kind === 'duplicate') return outcome.previous;
  return {
    ...base,
    appliedToInvoice: { amount: outcome.settlement.applied, currency: amounts.gross.currency },
    refundDue: { amount: outcome.settlement.surplus, currency: amounts.gross.currency },
  };
}

export interface CreditNoteDocument {
  readonly creditNoteNumber: string;
  readonly invoiceNumber: string;
  readonly orderNumber?: string;
  /** YYYY-MM-DD */
  readonly issueDate: string;
  readonly reason: string;
  /** The buyer company's language (labels, formats); default English. */
  readonly language?: Language;
  readonly seller: InvoiceSeller;
  readonly buyer: InvoiceParty;
  readonly amounts: ReturnType<typeof documentAmounts>;
  readonly reverseChargeNote?: string;
  /** Polish seller: KSeF number (or OFFLINE) and KOD I of the correction invoice. */
  readonly ksef?: KsefPdfMarking;
}

/** The credit-note PDF in the shared document layout, referencing the credited invoice. */
export async function renderCreditNotePdf(document: CreditNoteDocument, facturX?: FacturXAttachment): Promise<Uint8Array> {
  const { amounts } = document;
  const language = document.language ?? 'en';
  const t = translator(language);
  return renderDocumentPdf(
    {
      language,
      heading: t('creditNote.heading'),
      reference: t('creditNote.reference', { number: document.creditNoteNumber }),
      partyLabel: t('creditNote.partyLabel'),
      seller: document.seller,
      buyer: document.buyer,
      meta: [
        [t('creditNote.number'), document.creditNoteNumber],
        [t('creditNote.forInvoice'), document.invoiceNumber],
        [t('doc.orderNumber'), document.orderNumber],
        [t('doc.issueDate'), formatDocumentDate(document.issueDate, language)],
      ],
      termsLabel: t('creditNote.termsLabel'),
      terms: t('creditNote.terms', { reason: document.reason, invoice: document.invoiceNumber }),
      lines: amounts.lines.map((line) => ({
        sku: line.sku,
        name: line.name,
        quantity: formatMilli(quantityInMilli(line.quantity) ?? 0),
        unit: line.unit,
        unitNet: line.unitNet,
        lineNet: line.lineNet,
        vatRate: line.vatRate,
        ...(line.buyerNumber ? { buyerNumber: line.buyerNumber } : {}),
      })),
      net: amounts.net,
      vat: amounts.vat,
      gross: amounts.gross,
      vatBreakdown: amounts.vatBreakdown,
      totalLabel: t('creditNote.total'),
      notes: document.reverseChargeNote ? [printedNote(document.reverseChargeNote, language)] : [],
      ...(document.ksef ? { verificationQr: document.ksef } : {}),
      metadata: {
        title: t('creditNote.reference', { number: document.creditNoteNumber }),
        subject: t('creditNote.subject', { number: document.creditNoteNumber, invoice: document.invoiceNumber }),
        keywords: [document.creditNoteNumber, document.invoiceNumber, ...(document.orderNumber ? [document.orderNumber] : [])],
        date: document.issueDate,
      },
    },
    facturX,
  );
}
