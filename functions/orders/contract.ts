import { z } from 'zod';
import { approvalFlowSchema, budgetEffectSchema } from '../approvals/contract.js';
import { vatIdEvidenceSchema } from '../pricing/contract.js';
import { isoDateTime, moneySchema } from '../shared/contract.js';

// ---- the Order entity (owned by this context; offers, groupbuy, rma, invoices and cart import it) ----

export const orderStatusSchema = z
  .enum(['preliminary', 'awaiting-approval', 'rejected', 'cancelled', 'placing', 'placed', 'confirmed', 'failed'])
  .describe('preliminary: entered by staff, still editable; placing: in the placement saga; confirmed: invoiced by the ERP')
  .meta({ id: 'OrderStatus' });

export const orderLineSchema = z
  .object({
    sku: z.string(),
    name: z.string(),
    unit: z.string(),
    quantity: z.string().describe('decimal quantity of sales units with "." ("0.25")'),
    unitNet: moneySchema,
    lineNet: moneySchema,
    vatRate: z.number().int().describe('basis points (19 % = 1900)'),
  })
  .meta({ id: 'OrderLine' });

const postalAddressSchema = z.object({ name: z.string().optional(), street: z.string(), postalCode: z.string(), city: z.string(), country: z.string() });
const endCustomerSchema = z.object({
  name: z.string(),
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
});
/** Set when staff changed the delivery address of a waiting order (one of the company's delivery addresses). */
const changedAddress = {
  addressId: z.string().optional().describe("the company delivery address staff chose for the order"),
  address: postalAddressSchema.optional(),
};

/** The delivery the buyer chose (functions/checkout/delivery.ts DeliveryChoice), as stored with the order. */
export const orderDeliverySchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('pickup'), warehouseId: z.string(), ...changedAddress }),
    z.object({ kind: z.literal('own-transport'), source: z.literal('cxml').optional().describe('ship-to taken from a punchout cXML order'), ...changedAddress }),
    z.object({ kind: z.literal('carrier'), carrierId: z.string(), city: z.string(), branchId: z.string(), ...changedAddress }),
    z.object({
      kind: z.literal('dropshipping'),
      endCustomer: endCustomerSchema,
      cashOnDelivery: z.object({ amount: moneySchema, iban: z.string().optional() }).optional(),
      ...changedAddress,
    }),
  ])
  .meta({ id: 'OrderDelivery' });
export type OrderDelivery = z.output<typeof orderDeliverySchema>;

export const shipmentStatusSchema = z.enum(['prepared', 'shipped', 'delivered']);

export const shipmentSchema = z
  .object({
    shipmentId: z.string(),
    shipmentNumber: z.string().describe('<orderNumber>-<n>, printed on the delivery note'),
    lines: z.array(z.object({ sku: z.string(), quantity: z.string() })),
    carrier: z.string(),
    trackingNumber: z.string().optional(),
    trackingUrl: z.string().optional(),
    status: shipmentStatusSchema,
    createdAt: isoDateTime,
    shippedAt: isoDateTime.optional(),
    deliveredAt: isoDateTime.optional(),
    deliveryNoteKey: z.string().optional().describe('set once the delivery-note PDF exists'),
  })
  .meta({ id: 'Shipment' });

const personSchema = z.object({ sub: z.string(), email: z.string(), name: z.string(), role: z.string() });
const orderDiscountSchema = z.object({ discountId: z.string(), name: z.string(), amount: moneySchema });

/** An order as its company's users see it (GET /companies/{companyId}/orders/…): no internal adjustment reasons. */
export const orderSchema = z
  .object({
    orderId: z.string(),
    orderNumber: z.string(),
    companyId: z.string(),
    placedBy: personSchema,
    status: orderStatusSchema,
    createdAt: isoDateTime,
    updatedAt: isoDateTime.optional(),
    lines: z.array(orderLineSchema),
    net: moneySchema,
    vat: moneySchema,
    gross: moneySchema.describe('goods gross; the buyer owes gross + deliveryFee'),
    vatBreakdown: z.array(z.object({ rate: z.number().int(), net: moneySchema, vat: moneySchema })),
    reverseCharge: z.object({ applies: z.boolean(), explanation: z.string().optional() }),
    vatEvidence: vatIdEvidenceSchema.optional().describe('the VIES answer the reverse charge rests on'),
    orderDiscounts: z.array(orderDiscountSchema).describe('catalog discounts, then goodwill discounts granted by staff'),
    agreementId: z.string().nullable(),
    paymentMethod: z.string(),
    delivery: orderDeliverySchema,
    deliveryFee: moneySchema,
    poNumber: z.string().optional(),
    costCentre: z.string().optional(),
    invoiceNumber: z.string().optional(),
    erpOrderId: z.string().optional(),
    failureReason: z.string().optional(),
    approval: z.object({ decidedBy: z.string(), decidedAt: isoDateTime, comment: z.string().optional() }).optional().describe('the final approval decision'),
    approvalFlow: approvalFlowSchema.optional(),
    budgets: z.array(budgetEffectSchema).optional().describe('what the order took from each budget when it was placed'),
    shipments: z.array(shipmentSchema).optional(),
    onBehalfOf: z
      .object({ companyId: z.string(), companyName: z.string(), enteredBy: personSchema, enteredAt: isoDateTime, note: z.string().optional() })
      .optional()
      .describe('entered by staff for the customer; placedBy is then that staff member'),
  })
  .meta({ id: 'Order' });

export const orderAdjustmentSchema = z
  .object({
    adjustmentId: z.string(),
    amount: moneySchema.describe('net amount taken off the order'),
    reason: z.string(),
    at: isoDateTime,
    by: z.object({ sub: z.string(), name: z.string(), role: z.string() }),
    creditNoteNumber: z.string().optional().describe('the credit note of a goodwill on an invoiced order (staff detail only)'),
  })
  .meta({ id: 'OrderAdjustment' });

/** An order as staff see it: with the goodwill adjustments (and their reasons) and the edit version. */
export const staffOrderSchema = orderSchema
  .extend({
    adjustments: z.array(orderAdjustmentSchema).optional(),
    version: z.number().int().nonnegative().optional().describe('optimistic-concurrency version; send it back as expectedVersion'),
  })
  .meta({ id: 'StaffOrder' });
