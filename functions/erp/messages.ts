import * as z from 'zod';

/** Messages between the portal and the ERP (erpOutbound → ERP, erpInbound ← ERP). */
export const orderPlacedMessage = z.object({
  type: z.literal('order.placed'),
  taskToken: z.string().min(1),
  order: z.object({ orderId: z.string(), orderNumber: z.string(), companyId: z.string(), poNumber: z.string().optional() }).loose(),
});

const actor = z.object({ sub: z.string(), role: z.string() }).describe('who made the change (user sub or machine client id)');

/** `order.changed` (erpOutbound, functions/orders/staff.ts): back office changed an order after placement. */
export const orderChangedEvent = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  companyId: z.string(),
  change: z.string().describe('what changed: status, items, adjustment, note …'),
  changedBy: actor,
  order: z.looseObject({ orderId: z.string(), orderNumber: z.string(), companyId: z.string(), status: z.string() }).describe('the order as it is now'),
});

/** `customer.masterdata.changed` (erpOutbound, functions/accounts/companies.ts): a company's master data changed. */
export const masterDataChangedEvent = z.object({
  companyId: z.string(),
  change: z.string(),
  changedBy: actor,
  company: z.looseObject({ id: z.string(), name: z.string() }).describe('the company account as it is now'),
});

export const erpReply = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('order.accepted'),
    taskToken: z.string(),
    erpOrderId: z.string(),
    invoiceNumber: z.string(),
    issuedAt: z.string(),
    dueDate: z.string().optional(),
  }),
  z.object({ type: z.literal('order.rejected'), taskToken: z.string(), reason: z.string() }),
  z.object({
    type: z.literal('credit.limit'),
    companyId: z.string(),
    limit: z.object({ amount: z.number().int().nonnegative(), currency: z.string().length(3) }),
  }),
]);
export type ErpReply = z.infer<typeof erpReply>;
