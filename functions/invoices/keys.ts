/**
 * Invoices come from the ERP (its number, its dates); the portal keeps a record per invoice and the
 * PDF in the documents bucket, handed out only through short-lived presigned URLs.
 */
export const invoiceKeys = {
  invoice: (companyId: string, invoiceNumber: string) => ({ PK: `COMPANY#${companyId}`, SK: `INVOICE#${invoiceNumber}` }),
  /** GSI2: invoice number → invoice (bank statement matching knows the number, not the company). */
  byNumber: (invoiceNumber: string, companyId: string) => ({ GSI2PK: `INVOICE#${invoiceNumber}`, GSI2SK: `COMPANY#${companyId}` }),
  /** GSI1: order number → its invoice(s) (payers often quote the order number). */
  byOrderNumber: (orderNumber: string, invoiceNumber: string) => ({ GSI1PK: `ORDERREF#${orderNumber}`, GSI1SK: `INVOICE#${invoiceNumber}` }),
};

export const invoicePdfKey = (companyId: string, invoiceNumber: string) => `invoices/${companyId}/${invoiceNumber}.pdf`;
export const invoiceXmlKey = (companyId: string, invoiceNumber: string) => `invoices/${companyId}/${invoiceNumber}.xml`;
