import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { creditRestorationItems } from '../credit/service.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { conflict, notFound } from '../shared/errors.js';
import { money, type Money } from '../shared/money.js';
import { contendedAttempts, transactConditional, type TransactItem } from '../shared/transactions.js';
import type { KsefRecord } from './ksef-documents.js';
import { putOpenInvoice, removeOpenInvoice } from './open-invoices.js';
import { creditToRestore, settle, type InvoiceBalance, type Settlement } from './rules.js';
import { invoiceKeys } from './service.js';

/**
 * The one place where an invoice's open amount changes: payments (console, bank import) and credit
 * notes. Invoice balance, settlement history, trade-credit restoration and the caller's own items
 * (credit note, payment marker, bank entry) are written in ONE transaction; the invoice update is
 * conditional on `settlementVersion`, so concurrent settlements re-read and re-apply instead of
 * overwriting each other's amounts.
 */

export interface SettlementEntry {
  readonly kind: 'payment' | 'credit-note';
  /** Payment id or credit-note number. */
  readonly id: string;
  readonly amount: Money;
  /** What reduced the open amount (a credit note's surplus is owed back). */
  readonly applied: Money;
  readonly at: string;
  readonly reference?: string;
  readonly source?: string;
  readonly recordedBy?: string;
}

export interface InvoiceRecord {
  readonly companyId: string;
  readonly invoiceNumber: string;
  readonly orderId?: string;
  readonly orderNumber?: string;
  readonly issuedAt: string;
  readonly dueDate?: string;
  readonly balance: InvoiceBalance;
  readonly status: 'open' | 'paid';
  readonly pdfKey?: string;
  readonly xmlKey?: string;
  readonly settlements: readonly SettlementEntry[];
  /** The KSeF outcome (seller in Poland, ksef-documents.ts). */
  readonly ksef?: KsefRecord;
}

const table = () => config.tableName();

export function invoiceRecord(item: Record<string, unknown>): InvoiceRecord {
  const total = item.total as Money;
  const open = item.openAmount as Money | undefined;
  const credited = Number((item.creditedAmount as Money | undefined)?.amount ?? 0);
  const openAmount = Number(open?.amount ?? total.amount);
  // Invoices written before payments existed carry no paid amount: whatever is neither open nor credited was paid.
  const paid = item.paidAmount ? Number((item.paidAmount as Money).amount) : Math.max(0, total.amount - openAmount - credited);
  return {
    companyId: String(item.companyId),
    invoiceNumber: String(item.invoiceNumber),
    ...(item.orderId ? { orderId: String(item.orderId) } : {}),
    ...(item.orderNumber ? { orderNumber: String(item.orderNumber) } : {}),
    issuedAt: String(item.issuedAt),
    ...(item.dueDate ? { dueDate: String(item.dueDate) } : {}),
    balance: {
      currency: total.currency,
      total: total.amount,
      open: openAmount,
      paid,
      credited,
      refundDue: Number((item.refundDue as Money | undefined)?.amount ?? 0),
    },
    status: item.status === 'paid' ? 'paid' : 'open',
    ...(item.pdfKey ? { pdfKey: String(item.pdfKey) } : {}),
    ...(item.xmlKey ? { xmlKey: String(item.xmlKey) } : {}),
    settlements: (item.settlements as SettlementEntry[] | undefined) ?? [],
    ...(item.ksef ? { ksef: item.ksef as KsefRecord } : {}),
  };
}

export async function readInvoiceItem(companyId: string, invoiceNumber: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: invoiceKeys.invoice(companyId, invoiceNumber), ConsistentRead: true }));
  return Item;
}

export interface SettleRequest<T> {
  readonly companyId: string;
  readonly invoiceNumber: string;
  readonly kind: 'payment' | 'credit-note';
  readonly id: string;
  readonly amount: Money;
  readonly at: string;
  readonly reference?: string;
  readonly source?: string;
  readonly recordedBy?: string;
  /** The caller's own items for the same transaction (guarded by `attribute_not_exists` for idempotency). */
  readonly extraItems: (settlement: Settlement) => TransactItem[];
  /** After a failed condition: the result of an earlier identical call, if there was one. */
  readonly alreadyDone: () => Promise<T | undefined>;
}

export type SettleOutcome<T> =
  | { readonly kind: 'settled'; readonly settlement: Settlement; readonly invoice: InvoiceRecord }
  | { readonly kind: 'duplicate'; readonly previous: T };

/** Applies a payment or credit note to an invoice; see the module comment. */
export async function settleInvoice<T>(request: SettleRequest<T>): Promise<SettleOutcome<T>> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const item = await readInvoiceItem(request.companyId, request.invoiceNumber);
    if (!item) throw notFound('Invoice');
    const record = invoiceRecord(item);
    let settlement: Settlement;
    try {
      settlement = settle(record.balance, request.kind, request.amount);
    } catch (error) {
      // A retry of a settlement that went through finds the invoice already changed by itself.
      const previous = await request.alreadyDone();
      if (previous !== undefined) return { kind: 'duplicate', previous };
      throw error;
    }
    const currency = record.balance.currency;
    const entry: SettlementEntry = {
      kind: request.kind,
      id: request.id,
      amount: request.amount,
      applied: money(settlement.applied, currency),
      at: request.at,
      ...(request.reference ? { reference: request.reference } : {}),
      ...(request.source ? { source: request.source } : {}),
      ...(request.recordedBy ? { recordedBy: request.recordedBy } : {}),
    };
    const version = Number(item.settlementVersion ?? 0);
    const after = settlement.after;
    const items: TransactItem[] = [
      {
        Update: {
          TableName: table(),
          Key: invoiceKeys.invoice(request.companyId, request.invoiceNumber),
          UpdateExpression:
            'SET openAmount = :open, paidAmount = :paid, creditedAmount = :credited, refundDue = :refund, #status = :status, settlementVersion = :next, settlements = list_append(if_not_exists(settlements, :none), :entry)' +
            (settlement.becameSettled ? ', settledAt = :at' : ''),
          ConditionExpression: version === 0 ? 'attribute_exists(PK) AND attribute_not_exists(settlementVersion)' : 'settlementVersion = :version',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':open': money(after.open, currency),
            ':paid': money(after.paid, currency),
            ':credited': money(after.credited, currency),
            ':refund': money(after.refundDue, currency),
            ':status': settlement.status,
            ':next': version + 1,
            ':none': [],
            ':entry': [entry],
            ...(settlement.becameSettled ? { ':at': request.at } : {}),
            ...(version === 0 ? {} : { ':version': version }),
          },
        },
      },
      // The open-invoice index follows the invoice in the same transaction.
      settlement.status === 'open'
        ? putOpenInvoice(request.companyId, {
            invoiceNumber: request.invoiceNumber,
            open: money(after.open, currency),
            ...(record.dueDate ? { dueDate: record.dueDate } : {}),
          })
        : removeOpenInvoice(request.companyId, request.invoiceNumber),
      ...(await creditRestoration(request.companyId, record.orderId, settlement)),
      ...request.extraItems(settlement),
    ];
    const result = await transactConditional(items, contendedAttempts);
    if (result === 'ok') {
      return {
        kind: 'settled',
        settlement,
        invoice: invoiceRecord({
          ...item,
          openAmount: money(after.open, currency),
          paidAmount: money(after.paid, currency),
          creditedAmount: money(after.credited, currency),
          refundDue: money(after.refundDue, currency),
          status: settlement.status,
          settlements: [...record.settlements, entry],
        }),
      };
    }
    const previous = await request.alreadyDone();
    if (previous !== undefined) return { kind: 'duplicate', previous };
    // Someone else settled the same invoice (or touched the reservation) meanwhile: re-read and re-apply.
  }
  throw conflict('CONCURRENT_CHANGE', 'The invoice changed meanwhile; try again');
}

/**
 * Trade credit comes back as the customer's debt shrinks: the reservation of the invoice's order is
 * reduced by the applied amount and deleted once the invoice is settled (rules.creditToRestore);
 * functions/credit builds the items.
 */
const creditRestoration = (companyId: string, orderId: string | undefined, settlement: Settlement): Promise<TransactItem[]> =>
  orderId ? creditRestorationItems(companyId, orderId, (reserved) => creditToRestore(settlement, reserved)) : Promise.resolve([]);
