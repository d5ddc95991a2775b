import * as z from 'zod';
import { addressSchema } from '../accounts/contract.js';
import { approvalFlowSchema, budgetEffectSchema } from '../approvals/contract.js';
import { warehouseSchema } from '../catalog/contract.js';
import { DELIVERY_KINDS } from '../checkout/delivery.js';
import { PAYMENT_METHODS, PAYMENT_REASON_CODES } from '../checkout/rules.js';
import { DELIVERY_CHOICE_ERRORS } from '../checkout/delivery-errors.js';
import { deliveryChoiceSchema, deliveryTextParamsSchema, paymentReasonParamsSchema, quantitySchema, skuSchema } from '../checkout/schemas.js';
import { pricedCartSchema, pricingQuoteSchema, vatIdEvidenceSchema } from '../pricing/contract.js';
import { companyIdParam, defineContract, idSchema, isoDate, isoDateTime, moneySchema } from '../shared/contract.js';
import { dateOrInstant } from '../shared/dates.js';
import type { Endpoint } from '../shared/http.js';
import { money } from '../shared/money.js';

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
    buyerNumber: z.string().optional().describe("the company's own article number of the product when it ordered"),
    backordered: z.string().optional().describe('the part of `quantity` not in stock, shipped later (decimal; the rest ships now)'),
    expectedAt: isoDate.optional().describe('when the back-ordered quantity is expected (set with backordered)'),
  })
  .meta({ id: 'OrderLine' });

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
  addressId: z.string().optional().describe('the company delivery address staff chose for the order'),
  address: addressSchema.optional(),
};

/** The delivery the buyer chose (functions/checkout/delivery.ts DeliveryChoice), as stored with the order. */
export const orderDeliverySchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('pickup'), warehouseId: z.string(), ...changedAddress }),
    z.object({
      kind: z.literal('own-transport'),
      source: z.literal('cxml').optional().describe('ship-to taken from a punchout cXML order'),
      ...changedAddress,
    }),
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
    reverseCharge: pricedCartSchema.shape.reverseCharge.describe('the reverse-charge decision as pricing made it when the order was priced'),
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
    quote: z
      .object({ offerId: z.string(), quoteNumber: z.string(), version: z.number().int().positive() })
      .optional()
      .describe('the accepted quote (offer version) the order came from'),
    groupBuy: z
      .object({ poolId: z.string(), name: z.string(), total: z.number().int().nonnegative().describe('units committed to the pool by all companies') })
      .optional()
      .describe('the group-buy pool the order came from'),
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
    version: z.number().int().nonnegative().describe('optimistic-concurrency version; send it back as expectedVersion'),
  })
  .meta({ id: 'StaffOrder' });

// ---- request parts ---------------------------------------------------------------------------

const orderId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const orderPath = companyIdParam.extend({ orderId });
const shipmentPath = orderPath.extend({ shipmentId: z.uuid() });
const bookableAmount = z
  .object({ amount: z.number().int().nonnegative().max(100_000_000_000), currency: z.string().regex(/^[A-Z]{3}$/) })
  .strict()
  .transform((value) => money(value.amount, value.currency));
const decimalQuantity = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, 'A decimal quantity with at most three decimals');
const staffLines = z
  .array(z.object({ sku: z.string().trim().min(1).max(64), quantity: decimalQuantity }).strict())
  .min(1)
  .max(200);
const text = (max: number) => z.string().trim().min(1).max(max);
const trackingUrl = z.url({ protocol: /^https?$/ }).max(500);
const expectedVersion = z.number().int().nonnegative().describe('the order version the edit is based on; a stale one is refused (ORDER_CHANGED)');
const instant = dateOrInstant().optional().describe('a calendar date (whole day) or an ISO 8601 instant');
const minor = z.coerce.number().int().nonnegative().max(100_000_000_000).optional().describe('gross in minor units');
const pageQuery = { limit: z.coerce.number().int().min(1).max(100).default(25), cursor: z.string().max(2048).optional() };

export const staffOrderQuerySchema = z
  .object({
    companyId: idSchema.optional(),
    status: orderStatusSchema.optional(),
    from: instant,
    to: instant,
    minTotal: minor,
    maxTotal: minor,
    orderNumber: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe('exact order number (ORD-2026-000123); a key lookup, date and amount bounds do not apply'),
    poNumber: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe('the customer’s PO number (case and spacing ignored); a key lookup, date and amount bounds do not apply'),
    ...pageQuery,
  })
  .strict();

export const orderEditBodySchema = z
  .object({
    expectedVersion,
    lines: staffLines.optional(),
    deliveryAddressId: z.string().trim().min(1).max(64).optional(),
    status: z.enum(['placing', 'cancelled']).optional(),
  })
  .strict();

export const adjustmentBodySchema = z
  .object({
    amount: z
      .object({ amount: z.number().int().positive().max(100_000_000_000), currency: z.string().regex(/^[A-Z]{3}$/) })
      .strict()
      .transform((value) => money(value.amount, value.currency)),
    reason: text(500),
    expectedVersion: expectedVersion.optional(),
    adjustmentId: z
      .uuid()
      .optional()
      .describe('client-chosen idempotency key: a retry with the same id returns the adjustment (and credit note) granted first'),
  })
  .strict();

export const addItemsBodySchema = z.object({ lines: staffLines, expectedVersion: expectedVersion.optional() }).strict();

export const shipmentBodySchema = z
  .object({ lines: staffLines, carrier: text(60), trackingNumber: text(60).optional(), trackingUrl: trackingUrl.optional() })
  .strict();

export const shipmentUpdateBodySchema = z
  .object({ status: z.enum(['shipped', 'delivered']), carrier: text(60).optional(), trackingNumber: text(60).optional(), trackingUrl: trackingUrl.optional() })
  .strict();

const onBehalfContent = {
  lines: z
    .array(z.object({ sku: skuSchema, quantity: quantitySchema }).strict())
    .min(1)
    .max(200),
  agreementId: idSchema.optional(),
};

export const onBehalfPreviewBodySchema = z.object({ ...onBehalfContent, delivery: deliveryChoiceSchema.optional() }).strict();

export const onBehalfOrderBodySchema = z
  .object({
    ...onBehalfContent,
    delivery: deliveryChoiceSchema,
    paymentMethod: z.string().min(1).max(40),
    poNumber: z.string().trim().max(40).optional(),
    costCentre: z.string().trim().max(40).optional(),
    note: z.string().trim().max(1000).optional().describe("the staff member's note on the order"),
    preliminary: z.boolean().describe('true: saved for later edits, not placed'),
  })
  .strict();

// ---- responses -------------------------------------------------------------------------------

const creditAccountSchema = z.object({ limit: moneySchema, used: moneySchema, available: moneySchema });

export const creditStatusSchema = z
  .object({
    credit: creditAccountSchema,
    prepaid: z.object({
      balance: moneySchema,
      ledger: z
        .array(
          z.object({ at: isoDateTime, kind: z.enum(['top-up', 'charge', 'refund']), amount: moneySchema, balanceAfter: moneySchema, reference: z.string() }),
        )
        .describe('latest movements first'),
    }),
  })
  .meta({ id: 'CreditStatus' });

const documentLinkSchema = { url: z.string().describe('pre-signed download URL'), expiresInSeconds: z.number().int().positive() };

const actorSchema = z.object({ sub: z.string(), name: z.string(), role: z.string() });

const staffOrderSummarySchema = z
  .object({
    orderId: z.string(),
    orderNumber: z.string(),
    companyId: z.string(),
    poNumber: z.string().optional().describe("the customer's purchase order number, when given"),
    status: orderStatusSchema,
    createdAt: isoDateTime,
    placedBy: z.object({ name: z.string(), email: z.string() }),
    gross: moneySchema,
    deliveryFee: moneySchema,
    paymentMethod: z.string(),
    lineCount: z.number().int().nonnegative(),
    shipmentCount: z.number().int().nonnegative(),
  })
  .meta({ id: 'StaffOrderSummary' });

const orderNoteSchema = z.object({ noteId: z.string(), at: isoDateTime, author: actorSchema, text: z.string() }).meta({ id: 'OrderNote' });

const snapshot = z.record(z.string(), z.unknown()).describe('the changed order fields, as they were stored (free-form: any order field)');
const orderAuditSchema = z.object({
  at: isoDateTime,
  actor: actorSchema,
  action: z.string().describe('e.g. shipment.created, adjustment.added'),
  before: snapshot,
  after: snapshot,
});

/** A delivery address of the company (the accounts context's DeliveryAddress, which it does not export). */
const companyDeliveryAddressSchema = addressSchema.extend({ id: z.string() });

const staffOrderDetailSchema = z
  .object({
    order: staffOrderSchema,
    remaining: z.record(z.string(), z.string()).describe('per SKU: the quantity not yet in a shipment'),
    company: z.object({ companyId: z.string(), name: z.string(), deliveryAddresses: z.array(companyDeliveryAddressSchema) }),
    notes: z.array(orderNoteSchema),
    audit: z.array(orderAuditSchema).describe('newest first'),
  })
  .meta({ id: 'StaffOrderDetail' });

/** The checkout's delivery and payment options (functions/checkout); the same shape the cart routes answer with. */
const deliveryChoiceSchemaOptionSchema = z.object({
  kind: z.enum(DELIVERY_KINDS),
  carrierId: z.string().optional(),
  name: z.string(),
  available: z.boolean(),
  fee: moneySchema,
  conditions: z.string(),
  reasonCode: z.enum(['NO_WAREHOUSE', 'COUNTRY_NOT_SERVED', 'BELOW_MINIMUM', 'CARRIER_CANNOT_SHIP', 'NOT_ENABLED', 'CURRENCY_NOT_SUPPORTED']).optional(),
  reason: z.string().optional(),
  params: deliveryTextParamsSchema.optional(),
  warehouses: z.array(warehouseSchema.omit({ city: true })).optional(),
});
const onBehalfPaymentOptionSchema = z.object({
  method: z.enum(PAYMENT_METHODS),
  label: z.string(),
  allowed: z.boolean(),
  reasonCode: z.enum(PAYMENT_REASON_CODES).optional(),
  reason: z.string().optional(),
  reasonParams: paymentReasonParamsSchema.optional(),
});

const placedOrderSchema = z.object({ orderId: z.string(), orderNumber: z.string(), status: orderStatusSchema }).meta({ id: 'PlacedOrder' });

const creditErrors = ['UNSUPPORTED_CURRENCY', 'INVALID_AMOUNT', 'CURRENCY_MISMATCH', 'CONCURRENT_CHANGE', 'NOT_FOUND'] as const;
/** Staff writes on an order: access, versioned write, and the credit / prepaid movement of a changed amount due. */
const staffWriteErrors = ['NOT_FOUND', 'ORDER_CHANGED', 'ORDER_NOT_EDITABLE', 'CREDIT_EXCEEDED', 'INSUFFICIENT_BALANCE'] as const;
const repricingErrors = ['LINE_PROBLEMS', 'CURRENCY_MISMATCH', 'INVALID_QUANTITY', 'UNKNOWN_AGREEMENT'] as const;

export const ordersContract = defineContract({
  'GET /companies/{companyId}/orders': {
    summary: "The company's orders, newest first, a page at a time",
    params: companyIdParam,
    query: z.object(pageQuery),
    response: z.object({ orders: z.array(orderSchema), nextCursor: z.string().optional().describe('pass as cursor for the next page') }),
    errors: ['NOT_FOUND', 'INVALID_CURSOR'],
  },
  'GET /companies/{companyId}/orders/{orderId}': {
    summary: 'One order of the company with its lines, totals, approval state and shipments',
    params: orderPath,
    response: orderSchema,
    errors: ['NOT_FOUND'],
  },
  'GET /companies/{companyId}/orders/{orderId}/invoice': {
    summary: "A short-lived download link of the order's invoice PDF",
    params: orderPath,
    response: z.object({ invoiceNumber: z.string(), ...documentLinkSchema }),
    errors: ['NOT_FOUND'],
  },
  'POST /companies/{companyId}/orders/{orderId}/approval': {
    summary: 'Approves or rejects the approval level the order waits on; after the last level the order is placed',
    params: orderPath,
    body: z.object({ approve: z.boolean(), comment: z.string().trim().max(500).optional() }).strict(),
    response: z.object({
      orderId: z.string(),
      status: z.enum(['placing', 'rejected', 'awaiting-approval']),
      currentLevel: z.number().int().positive(),
      approvalFlow: approvalFlowSchema,
    }),
    errors: ['NOT_FOUND', 'ALREADY_DECIDED'],
  },
  'GET /companies/{companyId}/credit': {
    summary: "The company's trade credit (limit, used, available) and prepaid balance with its latest movements",
    params: companyIdParam,
    response: creditStatusSchema,
    errors: ['NOT_FOUND'],
  },
  'PUT /console/companies/{companyId}/credit-limit': {
    summary: "Sets the company's trade credit limit, in the account's currency (back office)",
    params: companyIdParam,
    body: z.object({ limit: bookableAmount }).strict(),
    response: creditAccountSchema,
    errors: [...creditErrors, 'LIMIT_BELOW_USED'],
  },
  'POST /console/companies/{companyId}/prepaid-top-ups': {
    summary: 'Books a received prepayment on the company balance, once per reference (back office)',
    params: companyIdParam,
    body: z.object({ amount: bookableAmount, reference: text(60).describe('the bank reference; booking it twice is refused') }).strict(),
    response: creditStatusSchema,
    errors: [...creditErrors, 'DUPLICATE_REFERENCE'],
  },
  'POST /console/companies/{companyId}/orders/preview': {
    summary: "Prices an order for a customer as the customer (staff): quote, stock shortages, the customer's delivery and payment options",
    params: companyIdParam,
    body: onBehalfPreviewBodySchema,
    response: z.object({
      quote: pricingQuoteSchema,
      stockShortages: z.array(z.object({ sku: z.string(), available: z.string() })),
      deliveryOptions: z.array(deliveryChoiceSchemaOptionSchema),
      deliveryFee: moneySchema,
      payable: moneySchema.describe('goods gross plus delivery fee'),
      paymentOptions: z.array(onBehalfPaymentOptionSchema),
    }),
    errors: ['NOT_FOUND', 'INVALID_QUANTITY', 'UNKNOWN_AGREEMENT', ...DELIVERY_CHOICE_ERRORS],
  },
  'POST /console/companies/{companyId}/orders': {
    summary: 'Enters an order for a customer (staff); preliminary orders are saved for later edits, others are placed. Needs an Idempotency-Key header',
    params: companyIdParam,
    body: onBehalfOrderBodySchema,
    status: [202],
    response: placedOrderSchema,
    errors: [
      'IDEMPOTENCY_KEY_REQUIRED',
      'IDEMPOTENCY_KEY_REUSED',
      'ORDER_IN_PROGRESS',
      'NOT_FOUND',
      'INVALID_QUANTITY',
      'UNKNOWN_AGREEMENT',
      'ORDER_LINE_PROBLEMS',
      'OUT_OF_STOCK',
      'DELIVERY_REQUIRED',
      'UNKNOWN_PAYMENT_METHOD',
      ...PAYMENT_REASON_CODES,
      ...DELIVERY_CHOICE_ERRORS,
    ],
  },
  'GET /companies/{companyId}/orders/{orderId}/shipments/{shipmentId}/delivery-note': {
    summary: "A short-lived download link of a shipment's delivery note PDF",
    params: shipmentPath,
    response: z.object({ shipmentNumber: z.string(), ...documentLinkSchema }),
    errors: ['NOT_FOUND'],
  },
  'GET /console/orders': {
    summary:
      "Searches orders (staff): by company, or by status across companies (a sales rep: their companies'), with date and total ranges; or by order number or PO number",
    query: staffOrderQuerySchema,
    response: z.object({ orders: z.array(staffOrderSummarySchema), nextCursor: z.string().optional() }),
    errors: ['NOT_FOUND', 'INVALID_RANGE', 'STATUS_OR_COMPANY_REQUIRED', 'INVALID_CURSOR'],
    scopes: ['orders:read'],
  },
  'GET /console/orders/{companyId}/{orderId}': {
    summary: 'The staff view of an order: adjustments with reasons, version, what is left to ship, internal notes and audit trail',
    params: orderPath,
    response: staffOrderDetailSchema,
    errors: ['NOT_FOUND'],
    scopes: ['orders:read'],
  },
  'PATCH /console/orders/{companyId}/{orderId}': {
    summary: 'Edits an order that is not placed yet (staff): lines, delivery address, release into placement or cancellation',
    params: orderPath,
    body: orderEditBodySchema,
    response: z.object({ order: staffOrderSchema }),
    errors: [
      ...staffWriteErrors,
      ...repricingErrors,
      'NOTHING_TO_CHANGE',
      'DELIVERY_ADDRESS_NOT_APPLICABLE',
      'UNKNOWN_DELIVERY_ADDRESS',
      'INVALID_STATUS_CHANGE',
    ],
    scopes: ['orders:write'],
  },
  'POST /console/orders/{companyId}/{orderId}/notes': {
    summary: 'Adds an internal note to an order (staff; never shown to the customer)',
    params: orderPath,
    body: z.object({ text: text(2000) }).strict(),
    status: [201],
    response: orderNoteSchema,
    errors: ['NOT_FOUND', 'ORDER_CHANGED'],
    scopes: ['orders:write'],
  },
  'POST /console/orders/{companyId}/{orderId}/adjustments': {
    summary: 'Grants a goodwill discount on the order net (staff); on an invoiced order a credit note is issued',
    params: orderPath,
    body: adjustmentBodySchema,
    status: [201],
    response: z.object({
      order: staffOrderSchema,
      adjustment: orderAdjustmentSchema,
      creditNote: z.object({ creditNoteNumber: z.string(), invoiceNumber: z.string(), gross: moneySchema }).optional().describe('invoiced orders only'),
    }),
    errors: [
      ...staffWriteErrors,
      'ADJUSTMENT_ID_REUSED',
      'ADJUSTMENT_EXCEEDS_TOTAL',
      'INVALID_ADJUSTMENT',
      'CREDIT_EXCEEDS_INVOICE',
      'CURRENCY_MISMATCH',
      'INVALID_AMOUNT',
      'REASON_REQUIRED',
      'INVALID_SOURCE',
      'INVALID_QUANTITY',
    ],
  },
  'POST /console/orders/{companyId}/{orderId}/items': {
    summary: "Adds lines to an order at the customer's prices (staff); refused once the order is invoiced",
    params: orderPath,
    body: addItemsBodySchema,
    status: [201],
    response: z.object({ order: staffOrderSchema, added: z.array(orderLineSchema) }),
    errors: [...staffWriteErrors, ...repricingErrors, 'ORDER_INVOICED', 'TOO_MANY_LINES', 'DUPLICATE_LINE', 'OUT_OF_STOCK'],
  },
  'POST /console/orders/{companyId}/{orderId}/shipments': {
    summary: 'Records a (partial) shipment of a placed order and renders its delivery note (staff)',
    params: orderPath,
    body: shipmentBodySchema,
    status: [201],
    response: shipmentSchema,
    errors: ['NOT_FOUND', 'ORDER_CHANGED', 'ORDER_NOT_SHIPPABLE', 'SHIPMENT_EXCEEDS_REMAINING', 'INVALID_SHIPMENT_LINES', 'TOO_MANY_SHIPMENTS'],
    scopes: ['orders:write'],
  },
  'PATCH /console/orders/{companyId}/{orderId}/shipments/{shipmentId}': {
    summary: 'Marks a shipment shipped or delivered, optionally with carrier and tracking (staff)',
    params: shipmentPath,
    body: shipmentUpdateBodySchema,
    response: shipmentSchema,
    errors: ['NOT_FOUND', 'ORDER_CHANGED', 'ORDER_NOT_SHIPPABLE', 'INVALID_SHIPMENT_TRANSITION'],
    scopes: ['orders:write'],
  },
});

/** The endpoint map createHttpHandler expects for this contract (admin-routes.ts and on-behalf-routes.ts fill parts of it). */
export type OrdersEndpoints = { readonly [K in keyof typeof ordersContract]: Endpoint<(typeof ordersContract)[K]> };
