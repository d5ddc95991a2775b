import * as z from 'zod';
import { approvalFlowSchema, budgetEffectSchema } from '../approvals/contract.js';
import { openingHoursSchema, postalAddressSchema, warehouseSchema } from '../catalog/contract.js';
import { DELIVERY_KINDS } from '../checkout/delivery.js';
import { PAYMENT_METHODS, PAYMENT_REASON_CODES } from '../checkout/rules.js';
import { DELIVERY_CHOICE_ERRORS } from '../checkout/delivery-errors.js';
import { deliveryChoiceSchema, deliveryTextParamsSchema, paymentReasonParamsSchema, quantitySchema, skuSchema } from '../checkout/schemas.js';
import { orderStatusSchema } from '../orders/contract.js';
import { pricingQuoteSchema } from '../pricing/contract.js';
import { companyIdParam, defineContract, deletedSchema, idSchema, isoDate, isoDateTime, moneySchema, type BodyOf } from '../shared/contract.js';

const pricing = {
  agreementId: idSchema.optional().describe('the agreement to price with; absent: the company default'),
  deliveryCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .describe('ISO 3166-1 alpha-2 delivery country (VAT destination, delivery options)'),
};
const savedCartPath = z.object({ cartId: z.uuid() });

/** Codes of the `X-Punchout-Session` header check (functions/punchout punchoutCartScope): every route working on "the" cart. */
const punchoutScopeErrors = ['INVALID_PUNCHOUT_SESSION', 'NOT_FOUND', 'PUNCHOUT_SESSION_EXPIRED'] as const;

export const cartViewSchema = z
  .object({
    lines: z.array(
      z.object({
        sku: z.string(),
        name: z.string(),
        unit: z.string(),
        quantity: z.string().describe('decimal quantity with "." ("0.25")'),
        addedAt: isoDateTime,
        buyerNumber: z.string().optional().describe("the company's own article number of the product"),
        backorder: z
          .object({ now: z.string(), later: z.string(), expectedAt: isoDate })
          .optional()
          .describe('the product allows ordering beyond stock: `now` ships from stock, `later` when expected (decimal quantities)'),
      }),
    ),
    version: z.number().int().describe('optimistic-locking version of the cart'),
    quote: pricingQuoteSchema.nullable().describe('the cart priced now; null when it is empty'),
    changes: z.array(z.object({ sku: z.string(), was: moneySchema, now: moneySchema })).describe('net unit prices that changed since the line was added'),
    stockShortages: z
      .array(z.object({ sku: z.string(), available: z.string() }))
      .optional()
      .describe('lines above the stock of all warehouses; absent for an empty cart'),
    suggestions: z
      .array(z.object({ sku: z.string(), name: z.string(), unit: z.string(), price: moneySchema.nullable() }))
      .describe('cross-selling products not in the cart'),
  })
  .meta({ id: 'CartView' });

export const deliveryOptionSchema = z
  .object({
    kind: z.enum(DELIVERY_KINDS),
    carrierId: z.string().optional().describe('carrier options only'),
    name: z.string(),
    available: z.boolean(),
    fee: moneySchema.describe('in the order currency; 0 when free or unavailable'),
    conditions: z.string(),
    reasonCode: z.enum(['NO_WAREHOUSE', 'COUNTRY_NOT_SERVED', 'BELOW_MINIMUM', 'CARRIER_CANNOT_SHIP', 'NOT_ENABLED', 'CURRENCY_NOT_SUPPORTED']).optional(),
    reason: z.string().optional().describe('English, for integrators; present exactly when available is false'),
    params: deliveryTextParamsSchema.optional(),
    warehouses: z
      .array(warehouseSchema.omit({ city: true }))
      .optional()
      .describe('pickup: the warehouses to choose from'),
  })
  .meta({ id: 'DeliveryOption' });

export const paymentOptionSchema = z
  .object({
    method: z.enum(PAYMENT_METHODS),
    label: z.string(),
    allowed: z.boolean(),
    reasonCode: z.enum(PAYMENT_REASON_CODES).optional(),
    reason: z.string().optional().describe('English, for integrators; present exactly when allowed is false'),
    reasonParams: paymentReasonParamsSchema.optional(),
  })
  .meta({ id: 'PaymentOption' });

export const carrierBranchSchema = z
  .object({ id: z.string(), name: z.string(), address: postalAddressSchema, openingHours: z.array(openingHoursSchema) })
  .meta({ id: 'CarrierBranch' });

const approvalSchema = z.object({
  required: z.boolean(),
  levels: approvalFlowSchema.shape.levels.describe('the approval chain the order would start with'),
  levelsWithoutApprover: z.array(z.number().int()).describe('levels nobody but the buyer could approve: placing is refused (NO_APPROVER)'),
});

export const checkoutPreviewBody = z
  .object({ ...pricing, delivery: deliveryChoiceSchema.optional(), costCentre: z.string().trim().min(1).max(40).optional() })
  .strict();
export const placeOrderBody = z
  .object({
    ...pricing,
    delivery: deliveryChoiceSchema,
    paymentMethod: z.string().min(1).max(40),
    poNumber: z.string().trim().max(40).optional(),
    costCentre: z.string().trim().max(40).optional(),
  })
  .strict();

const lineErrors = ['UNKNOWN_PRODUCT', 'INVALID_QUANTITY', 'CART_TOO_LARGE', 'CART_CHANGED', 'UNKNOWN_AGREEMENT', 'NO_PRICE_IN_CURRENCY'] as const;

export const cartContract = defineContract({
  'GET /cart': {
    summary: "The caller's cart priced now, with price changes since adding, stock shortages and suggestions",
    query: z.object({ agreement: pricing.agreementId }),
    response: cartViewSchema,
    errors: ['UNKNOWN_AGREEMENT', ...punchoutScopeErrors],
  },
  'DELETE /cart': {
    summary: 'Empties the cart',
    response: cartViewSchema,
    errors: ['CART_CHANGED', ...punchoutScopeErrors],
  },
  'POST /cart/lines': {
    summary: 'Adds lines to the cart (quantities of a SKU already in it are added up)',
    body: z
      .object({
        lines: z
          .array(z.object({ sku: skuSchema, quantity: quantitySchema }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
    response: cartViewSchema,
    errors: [...lineErrors, ...punchoutScopeErrors],
  },
  'PUT /cart/lines/{sku}': {
    summary: 'Sets the quantity of a cart line; 0 removes it',
    params: z.object({ sku: skuSchema }),
    body: z.object({ quantity: quantitySchema }).strict(),
    response: cartViewSchema,
    errors: ['INVALID_QUANTITY', 'CART_CHANGED', 'UNKNOWN_AGREEMENT', ...punchoutScopeErrors],
  },
  'POST /cart/quick-order': {
    summary:
      'Adds "SKU quantity" lines pasted as text (also "SKU;qty" from spreadsheets; an EAN, MPN or own article number instead of the SKU); reports unknown numbers and unreadable lines',
    body: z.object({ text: z.string().max(100_000) }).strict(),
    response: z.object({
      cart: cartViewSchema,
      added: z.number().int(),
      unknownSkus: z.array(z.string()),
      invalidLines: z.array(z.object({ line: z.number().int().describe('1-based line number'), text: z.string() })),
    }),
    errors: [...lineErrors, ...punchoutScopeErrors],
  },
  'GET /cart/saved': {
    summary: "The caller's saved carts",
    response: z.object({ carts: z.array(z.object({ cartId: z.string(), name: z.string(), lines: z.number().int(), updatedAt: isoDateTime })) }),
  },
  'POST /cart/saved': {
    summary: 'Saves the cart under a name (the cart itself stays)',
    body: z.object({ name: z.string().trim().min(1).max(80) }).strict(),
    status: [201],
    response: z.object({ cartId: z.string(), name: z.string(), lines: z.number().int().describe('number of lines') }),
    errors: ['CART_EMPTY', ...punchoutScopeErrors],
  },
  'POST /cart/saved/{cartId}/restore': {
    summary: 'Adds the lines of a saved cart to the cart',
    params: savedCartPath,
    response: cartViewSchema,
    errors: ['NOT_FOUND', 'CART_TOO_LARGE', 'CART_CHANGED', 'INVALID_QUANTITY', 'UNKNOWN_AGREEMENT', ...punchoutScopeErrors],
  },
  'DELETE /cart/saved/{cartId}': {
    summary: 'Deletes a saved cart',
    params: savedCartPath,
    response: deletedSchema,
    errors: ['NOT_FOUND'],
  },
  'GET /companies/{companyId}/carts': {
    summary: "Every employee's non-empty cart (company admin, the company's sales rep, back office)",
    params: companyIdParam,
    response: z.object({
      carts: z.array(
        z.object({ ownerSub: z.string(), ownerName: z.string(), updatedAt: isoDateTime, lines: z.array(z.object({ sku: z.string(), quantity: z.string() })) }),
      ),
    }),
    errors: ['NOT_FOUND'],
  },
  'POST /checkout/preview': {
    summary: 'The cart with delivery options, fee, payable amount, payment methods (allowed or why not), approval levels and budget effects',
    body: checkoutPreviewBody,
    response: z
      .object({
        cart: cartViewSchema,
        deliveryOptions: z.array(deliveryOptionSchema),
        deliveryFee: moneySchema,
        payable: moneySchema.describe('gross plus delivery fee'),
        paymentOptions: z.array(paymentOptionSchema),
        costCentres: z.array(z.object({ code: z.string(), name: z.string() })),
        approval: approvalSchema,
        budgets: z.array(budgetEffectSchema),
      })
      .meta({ id: 'CheckoutPreview' }),
    errors: ['CART_EMPTY', 'UNKNOWN_AGREEMENT', 'UNKNOWN_COST_CENTRE', ...DELIVERY_CHOICE_ERRORS, ...punchoutScopeErrors],
  },
  'GET /checkout/carriers/{carrierId}/branches': {
    summary: "A carrier's cities, or its pick-up branches in one city",
    params: z.object({ carrierId: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
    query: z.object({ city: z.string().trim().min(1).max(80).optional().describe('absent: the list of cities') }),
    response: z.union([
      z.object({ carrierId: z.string(), city: z.string(), branches: z.array(carrierBranchSchema) }),
      z.object({ carrierId: z.string(), cities: z.array(z.string()) }),
    ]),
    errors: ['NOT_FOUND'],
  },
  'POST /checkout/orders': {
    summary: 'Places the cart as an order (header Idempotency-Key: the same key answers with the same order)',
    body: placeOrderBody,
    status: [202],
    response: z.object({
      orderId: z.string(),
      orderNumber: z.string(),
      status: orderStatusSchema.describe('awaiting-approval when a company approval rule matched, else placing'),
      budgetWarnings: z.array(budgetEffectSchema).optional().describe("'warn' budgets the order exceeds"),
    }),
    errors: [
      'IDEMPOTENCY_KEY_REQUIRED',
      'IDEMPOTENCY_KEY_REUSED',
      'ORDER_IN_PROGRESS',
      'CART_EMPTY',
      'CART_CHANGED',
      'CART_HAS_PROBLEMS',
      'OUT_OF_STOCK',
      'DELIVERY_REQUIRED',
      'UNKNOWN_AGREEMENT',
      'UNKNOWN_COST_CENTRE',
      'BUDGET_EXCEEDED',
      'NO_APPROVER',
      'UNKNOWN_PAYMENT_METHOD',
      ...PAYMENT_REASON_CODES,
      ...DELIVERY_CHOICE_ERRORS,
      ...punchoutScopeErrors,
    ],
  },
});

export type CheckoutRequest = BodyOf<(typeof cartContract)['POST /checkout/preview']>;
export type PlaceOrderRequest = BodyOf<(typeof cartContract)['POST /checkout/orders']>;
