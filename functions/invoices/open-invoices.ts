import type { TransactItem } from '../shared/transactions.js';
import { config } from '../shared/config.js';
import type { Money } from '../shared/money.js';

/**
 * Open invoices under their own key prefix (docs/access-patterns.md, "Open invoice index"): one small
 * item per open invoice next to the invoice (`PK=COMPANY#<c>, SK=OPENINVOICE#<number>`), written in
 * the same write as the invoice and put or deleted in the same transaction as every settlement. The
 * document summary and the bank-statement matching read these instead of the company's whole invoice
 * history, so their cost follows the number of open invoices, not the number ever issued.
 */
export const openInvoicePrefix = 'OPENINVOICE#';

export const openInvoiceKey = (companyId: string, invoiceNumber: string) => ({ PK: `COMPANY#${companyId}`, SK: `${openInvoicePrefix}${invoiceNumber}` });

export interface OpenInvoiceEntry {
  readonly invoiceNumber: string;
  readonly open: Money;
  readonly dueDate?: string;
}

/** The index entry of an invoice with something left to pay (put: also refreshes its open amount). */
export function putOpenInvoice(companyId: string, entry: OpenInvoiceEntry): TransactItem {
  return {
    Put: {
      TableName: config.tableName(),
      Item: {
        ...openInvoiceKey(companyId, entry.invoiceNumber),
        type: 'open-invoice',
        invoiceNumber: entry.invoiceNumber,
        openAmount: entry.open,
        ...(entry.dueDate ? { dueDate: entry.dueDate } : {}),
      },
    },
  };
}

/** A settled invoice leaves the index. */
export function removeOpenInvoice(companyId: string, invoiceNumber: string): TransactItem {
  return { Delete: { TableName: config.tableName(), Key: openInvoiceKey(companyId, invoiceNumber) } };
}

export const openInvoiceEntry = (item: Record<string, unknown>): OpenInvoiceEntry => ({
  invoiceNumber: String(item.invoiceNumber),
  open: item.openAmount as Money,
  ...(item.dueDate ? { dueDate: String(item.dueDate) } : {}),
});
