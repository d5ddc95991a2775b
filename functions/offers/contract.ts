import * as z from 'zod';
import { budgetEffectSchema } from '../approvals/contract.js';
import { agreedDeliveryChoiceSchema, quantitySchema, skuSchema } from '../checkout/schemas.js';
import { AGREED_DELIVERY_CHOICE_ERRORS } from '../checkout/delivery-errors.js';
import { orderDeliverySchema, orderStatusSchema } from '../orders/contract.js';
import { pricedCartSchema } from '../pricing/contract.js';
import { companyIdParam, defineContract, idSchema, isoDate, isoDateTime, moneySchema, type BodyOf, type QueryOf } from '../shared/contract.js';
import { calendarDate } from '../shared/dates.js';
import { ACCEPTANCE_PROBLEM_CODES } from './rules.js';

const offerPath = companyIdParam.extend({ offerId: z.uuid() });
const versionNumber = z.coerce.number().int().min(1).max(9999);
const staffActor = z.object({ sub: z.string(), name: z.string(), role: z.string() });

export const quoteStatusSchema = z
  .enum(['requested', 'draft', 'sent', 'accepted'])
  .describe('requested: a buyer asked for a quote; draft: a version not sent yet; sent: the latest version was sent; accepted: ordered')
  .meta({ id: 'QuoteStatus' });

/** A quote's header (offers repository `Offer` without its PDF keys). */
export const quoteSchema = z
  .object({
    offerId: z.string(),
    quoteNumber: z.string(),
    companyId: z.string(),
    status: quoteStatusSchema,
    latestVersion: z.number().int().nonnegative().describe('0 while only requested'),
    sentVersion: z.number().int().positive().optional(),
    acceptedVersion: z.number().int().positive().optional(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    createdBy: staffActor,
    request: z
      .object({
        note: z.string(),
        requestedBy: z
          .union([z.string(), z.object({ sub: z.string(), name: z.string(), email: z.string() })])
          .describe("the requester's name for company users; sub, name and e-mail for staff"),
        lines: z
          .array(z.object({ sku: z.string(), quantity: z.string().describe('decimal quantity with "."') }))
          .describe("the requester's cart when they asked"),
      })
      .optional()
      .describe('set when a buyer asked for the quote'),
    acceptance: z
      .object({ orderId: z.string(), orderNumber: z.string(), acceptedBy: z.object({ sub: z.string(), name: z.string() }), acceptedAt: isoDateTime })
      .optional(),
  })
  .meta({ id: 'Quote' });

/** One immutable version of a quote: the quoted lines, totals and terms. */
export const quoteVersionSchema = z
  .object({
    offerId: z.string(),
    companyId: z.string(),
    version: z.number().int().positive(),
    createdAt: isoDateTime,
    createdBy: staffActor,
    agreementId: z.string().nullable(),
    currency: z.string(),
    lines: z.array(
      z.object({
        sku: z.string(),
        name: z.string(),
        unit: z.string(),
        quantity: z.string().describe('decimal quantity with "." ("0.25")'),
        listUnitNet: moneySchema.describe("the company's list price when the version was made"),
        unitNet: moneySchema.describe('the quoted net unit price (never above the list price)'),
        lineNet: moneySchema,
        vatRate: z.number().int().describe('basis points (19 % = 1900)'),
      }),
    ),
    net: moneySchema,
    vat: moneySchema,
    gross: moneySchema.describe('goods gross; the buyer owes gross + terms.deliveryFee'),
    vatBreakdown: z.array(z.object({ rate: z.number().int(), net: moneySchema, vat: moneySchema })),
    reverseCharge: pricedCartSchema.shape.reverseCharge,
    terms: z.object({
      delivery: orderDeliverySchema,
      deliveryFee: moneySchema,
      paymentMethod: z.string(),
      validUntil: isoDate.describe('last day (UTC) the version can be accepted'),
      note: z.string().optional(),
    }),
    source: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('scratch') }),
        z.object({
          kind: z.literal('cart'),
          ownerSub: z.string(),
          ownerName: z.string(),
          lines: z
            .array(z.object({ sku: z.string(), quantity: z.string().describe('decimal quantity with "."') }))
            .optional()
            .describe("the employee's cart lines taken over: they leave that cart when the quote is accepted"),
        }),
        z.object({ kind: z.literal('copy'), fromCompanyId: z.string(), fromOfferId: z.string(), fromVersion: z.number().int() }),
        z.object({ kind: z.literal('request') }),
      ])
      .describe("where the lines came from: typed in, an employee's cart, a copy of another quote, the buyer's request"),
  })
  .meta({ id: 'QuoteVersion' });

const quoteWithVersion = quoteSchema.extend({ version: quoteVersionSchema }).meta({ id: 'QuoteWithVersion' });
const quoteList = z.object({ offers: z.array(quoteSchema) });

const terms = z
  .object({
    delivery: agreedDeliveryChoiceSchema,
    paymentMethod: z.string().min(1).max(40),
    validUntil: calendarDate(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
/** Unit prices: integer minor units; the rules reject negatives and prices above the list price. */
const lineInput = z
  .object({ sku: skuSchema, quantity: quantitySchema, unitNet: z.number().int().optional().describe('net unit price in minor units; absent: the list price') })
  .strict();
const content = z
  .object({
    agreementId: idSchema.optional(),
    lines: z.array(lineInput).max(200).optional(),
    fromCartOf: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('cart takeover: the sub of the employee whose active cart supplies the lines (lines then override by SKU)'),
    terms,
  })
  .strict()
  .refine((body) => body.fromCartOf !== undefined || (body.lines?.length ?? 0) > 0, { message: 'Send lines or fromCartOf' });

/** Building a version: validity, payment method, pricing under the agreement, the rep's prices, delivery. */
const versionErrors = [
  'NOT_FOUND',
  'INVALID_VALID_UNTIL',
  'UNKNOWN_PAYMENT_METHOD',
  'INVALID_QUANTITY',
  'UNKNOWN_AGREEMENT',
  'QUOTE_LINE_PROBLEMS',
  'QUOTE_EMPTY',
  'QUOTE_TOO_LARGE',
  'INVALID_QUOTE_PRICE',
  ...AGREED_DELIVERY_CHOICE_ERRORS,
] as const;

export const offersContract = defineContract({
  'GET /offers': {
    summary: 'Quotes for staff: back office all, a sales rep those of their companies; newest change first',
    query: z.object({ status: quoteStatusSchema.optional() }),
    response: quoteList,
  },
  'POST /quote-requests': {
    summary: "Asks the company's sales reps for a quote on the caller's current cart",
    body: z.object({ note: z.string().trim().min(1).max(2000) }).strict(),
    status: [201],
    response: quoteSchema,
    errors: ['NOT_FOUND', 'CART_EMPTY', 'QUOTE_EXISTS'],
  },
  'GET /companies/{companyId}/offers': {
    summary: "A company's quotes: company users see the sent ones and their requests, staff all",
    params: companyIdParam,
    response: quoteList,
    errors: ['NOT_FOUND'],
  },
  'POST /companies/{companyId}/offers': {
    summary: 'Creates a quote (version 1) from lines or an employee’s cart, at list prices or better (staff)',
    params: companyIdParam,
    body: content,
    status: [201],
    response: quoteWithVersion,
    errors: [...versionErrors, 'QUOTE_EXISTS'],
  },
  'GET /companies/{companyId}/offers/{offerId}': {
    summary: 'A quote with its latest version (company users: the latest sent one) and whether it can be accepted',
    params: offerPath,
    response: quoteSchema
      .extend({
        versions: z.array(z.number().int().positive()).describe('the version numbers the caller may read'),
        version: quoteVersionSchema.nullable(),
        acceptable: z.boolean(),
      })
      .meta({ id: 'QuoteDetail' }),
    errors: ['NOT_FOUND'],
  },
  'PUT /companies/{companyId}/offers/{offerId}': {
    summary: 'Revises a quote: writes version n+1 (earlier versions stay readable) and sets it to draft (staff)',
    params: offerPath,
    body: content,
    response: quoteWithVersion,
    errors: [...versionErrors, 'QUOTE_ALREADY_ACCEPTED', 'QUOTE_CHANGED'],
  },
  'GET /companies/{companyId}/offers/{offerId}/versions/{version}': {
    summary: 'One version of a quote and whether it can be accepted now',
    params: offerPath.extend({ version: versionNumber }),
    response: quoteVersionSchema
      .extend({
        quoteNumber: z.string(),
        latest: z.boolean(),
        acceptable: z.boolean(),
        notAcceptableBecause: z.enum(ACCEPTANCE_PROBLEM_CODES).optional(),
      })
      .meta({ id: 'QuoteVersionDetail' }),
    errors: ['NOT_FOUND'],
  },
  'POST /companies/{companyId}/offers/{offerId}/send': {
    summary:
      'Sends the latest version: its PDF is stored and the company admins and the employee whose cart it was (or who asked) get an e-mail with the portal link (staff)',
    params: offerPath,
    response: z.object({
      offerId: z.string(),
      quoteNumber: z.string(),
      sentVersion: z.number().int().positive(),
      status: z.literal('sent'),
      mailedTo: z
        .number()
        .int()
        .nonnegative()
        .describe('how many people were e-mailed: the company admins and the employee whose cart or request the quote answers'),
    }),
    errors: ['NOT_FOUND', 'QUOTE_ALREADY_ACCEPTED', 'QUOTE_NOT_PREPARED', 'QUOTE_CHANGED'],
  },
  'GET /companies/{companyId}/offers/{offerId}/pdf': {
    summary: 'A short-lived download link of the PDF of a sent version (default: the latest sent one)',
    params: offerPath,
    query: z.object({ version: versionNumber.optional() }),
    response: z.object({ quoteNumber: z.string(), version: z.number().int().positive(), url: z.string(), expiresInSeconds: z.number().int().positive() }),
    errors: ['NOT_FOUND'],
  },
  'POST /companies/{companyId}/offers/{offerId}/copies': {
    summary: "Copies the latest version as a new quote for another company, re-checked against that company's prices (staff)",
    params: offerPath,
    body: z.object({ targetCompanyId: idSchema, validUntil: calendarDate().optional() }).strict(),
    status: [201],
    response: quoteWithVersion,
    errors: [...versionErrors, 'QUOTE_EXISTS'],
  },
  'POST /companies/{companyId}/offers/{offerId}/acceptance': {
    summary:
      "Accepts a sent version as an order at the quoted prices (header Idempotency-Key: the same key answers with the same order); a quote made from an employee's cart takes the taken-over lines out of that cart in the same transaction",
    params: offerPath,
    body: z.object({ version: z.number().int().min(1).max(9999) }).strict(),
    status: [202],
    response: z
      .object({
        orderId: z.string(),
        orderNumber: z.string(),
        status: orderStatusSchema.describe('awaiting-approval when a company approval rule matched, else placing'),
        quoteNumber: z.string().optional().describe('absent when the answer repeats an earlier acceptance with the same key'),
        version: z.number().int().positive().optional(),
        budgetWarnings: z.array(budgetEffectSchema).optional().describe("'warn' budgets the order exceeds"),
      })
      .meta({ id: 'QuoteAcceptance' }),
    errors: [
      'IDEMPOTENCY_KEY_REQUIRED',
      'IDEMPOTENCY_KEY_REUSED',
      'ORDER_IN_PROGRESS',
      'NOT_FOUND',
      ...ACCEPTANCE_PROBLEM_CODES,
      'QUOTE_CHANGED',
      'CART_CHANGED',
      'BUDGET_EXCEEDED',
      'NO_APPROVER',
    ],
  },
});

type OffersContract = typeof offersContract;
export type QuoteContentRequest = BodyOf<OffersContract['POST /companies/{companyId}/offers']>;
export type QuoteLineRequest = NonNullable<QuoteContentRequest['lines']>[number];
export type QuoteTermsRequest = QuoteContentRequest['terms'];
export type StaffQuoteFilter = QueryOf<OffersContract['GET /offers']>['status'];
