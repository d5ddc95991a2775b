import { z } from 'zod';

/** Messages between the portal and the ERP (erpOutbound → ERP, erpInbound ← ERP). */
export const orderPlacedMessage = z.object({
  type: z.literal('order.placed'),
  taskToken: z.string().min(1),
  order: z.object({ orderId: z.string(), orderNumber: z.string(), companyId: z.string(), poNumber: z.string().optional() }).loose(),
});

export const erpReply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('order.accepted'), taskToken: z.string(), erpOrderId: z.string(), invoiceNumber: z.string(), issuedAt: z.string(), dueDate: z.string().optional() }),
  z.object({ type: z.literal('order.rejected'), taskToken: z.string(), reason: z.string() }),
  z.object({ type: z.literal('credit.limit'), companyId: z.string(), limit: z.object({ amount: z.number().int().nonnegative(), currency: z.string().length(3) }) }),
]);
export type ErpReply = z.infer<typeof erpReply>;
