import * as z from 'zod';
import { defineContract, deletedSchema, idSchema, moneySchema } from '../shared/contract.js';

const agreementId = idSchema.optional().describe('the agreement to price with; absent: the company default');
const deliveryCountry = z
  .string()
  .regex(/^[A-Z]{2}$/)
  .optional()
  .describe('ISO 3166-1 alpha-2 delivery country (VAT destination)');
const discountPath = z.object({ discountId: z.string().regex(/^[a-z0-9-]{1,64}$/) });
const positiveMoney = z.object({ amount: z.number().int().positive(), currency: z.string().regex(/^[A-Z]{3}$/) }).strict();

export const agreementSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['prepayment', 'payment-terms', 'currency']),
    paymentTermDays: z.number().int().optional(),
    adjustment: z.number().int().optional().describe('surcharge (+) or rebate (−) in basis points'),
    priceListId: z.string().optional(),
    currency: z.string().optional(),
    exchangeRate: z.number().int().optional().describe('target minor units per 1 000 000 source minor units'),
  })
  .meta({ id: 'Agreement' });

const appliedDiscountSchema = z.object({ discountId: z.string(), name: z.string(), amount: moneySchema });
export const lineProblemCodeSchema = z.enum(['UNKNOWN_PRODUCT', 'BELOW_MINIMUM', 'NOT_A_STEP', 'NOT_A_MULTIPLE', 'NOT_POSITIVE', 'NO_PRICE']);
export const vatIdEvidenceSchema = z
  .object({
    vatId: z.string(),
    source: z.literal('VIES'),
    valid: z.literal(true),
    requestDate: z.string(),
    consultationNumber: z.string().optional(),
    name: z.string().optional(),
    address: z.string().optional(),
    checkedAt: z.string(),
  })
  .meta({ id: 'VatIdEvidence' });

export const pricedLineSchema = z.object({
  sku: z.string(),
  quantity: z.string().describe('decimal quantity with "." ("0.25")'),
  unitNet: moneySchema,
  baseNet: moneySchema,
  discounts: z.array(appliedDiscountSchema),
  lineNet: moneySchema,
  vatRate: z.number().int().describe('basis points (19 % = 1900)'),
  explanation: z.array(z.string()).describe('English lines for integrators: how the price came about, and the problems in words'),
  problems: z.array(lineProblemCodeSchema),
  problemDetails: z
    .object({
      minimum: z.string().optional().describe('BELOW_MINIMUM: the minimum quantity, decimal with "."'),
      step: z.string().optional().describe('NOT_A_STEP: the quantity step, decimal with "."'),
      multiple: z.string().optional().describe('NOT_A_MULTIPLE: the pack size the quantity must be a multiple of, decimal with "."'),
      currency: z.string().optional().describe('NO_PRICE: the currency without a price'),
    })
    .describe('the figures of the problems, for clients that word them in their own language; empty without problems'),
});

/** The priced cart (PricedCart of the engine) with quantities as decimal strings. */
export const pricedCartSchema = z.object({
  currency: z.string(),
  lines: z.array(pricedLineSchema),
  orderDiscounts: z.array(appliedDiscountSchema),
  net: moneySchema,
  vat: moneySchema,
  gross: moneySchema,
  vatBreakdown: z.array(z.object({ rate: z.number().int(), net: moneySchema, vat: moneySchema })),
  reverseCharge: z.object({
    applies: z.boolean(),
    explanation: z.string().optional(),
    evidence: vatIdEvidenceSchema.optional(),
    reason: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  problems: z.array(z.object({ code: z.string(), sku: z.string().optional() })),
});

export const pricingQuoteSchema = pricedCartSchema
  .extend({ agreementId: z.string().nullable(), displayMode: z.enum(['net', 'gross']) })
  .meta({ id: 'PricingQuote' });

const ruleSchema = z.unknown().describe('discount rule in the rule language of docs/pricing.md');
const discountEffectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), rate: z.number().int().min(1).max(10_000) }).strict(),
  z.object({ kind: z.literal('fixed'), amount: positiveMoney }).strict(),
]);
export const discountSchema = z
  .object({ id: z.string(), name: z.string(), rule: ruleSchema, effect: discountEffectSchema, active: z.boolean() })
  .meta({ id: 'Discount' });

export const pricingContract = defineContract({
  'GET /pricing/agreements': {
    summary: "The caller's company agreements (payment terms, prepayment, currency) and its default",
    response: z.object({ agreements: z.array(agreementSchema), defaultAgreementId: z.string().nullable() }),
  },
  'POST /pricing/quote': {
    summary: 'Prices lines for the caller: customer prices, tiers, discounts, VAT, reverse charge',
    body: z
      .object({
        lines: z
          .array(z.object({ sku: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/), quantity: z.union([z.string().max(16), z.number().nonnegative()]) }).strict())
          .min(1)
          .max(500),
        agreementId,
        deliveryCountry,
      })
      .strict(),
    response: pricingQuoteSchema,
    errors: ['UNKNOWN_AGREEMENT', 'INVALID_QUANTITY'],
  },
  'GET /console/discounts': {
    summary: 'All discounts (console)',
    response: z.object({ discounts: z.array(discountSchema) }),
  },
  'PUT /console/discounts/{discountId}': {
    summary: 'Creates or replaces a discount; the rule is validated',
    params: discountPath,
    body: z.object({ name: z.string().trim().min(1).max(120), rule: ruleSchema, effect: discountEffectSchema, active: z.boolean().default(true) }).strict(),
    response: discountSchema,
    errors: ['INVALID_RULE'],
  },
  'DELETE /console/discounts/{discountId}': {
    summary: 'Deletes a discount',
    params: discountPath,
    response: deletedSchema,
    errors: ['NOT_FOUND'],
  },
});
