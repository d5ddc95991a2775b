import * as z from 'zod';
import { cartViewSchema } from '../cart/contract.js';
import { quantitySchema, skuSchema } from '../checkout/schemas.js';
import { companyIdParam, defineContract, deletedSchema, isoDateTime, moneySchema, type BodyOf } from '../shared/contract.js';

const listPath = companyIdParam.extend({ listId: z.uuid() });
const linePath = listPath.extend({ sku: skuSchema });
const name = z.string().trim().min(1).max(80);
const note = z.string().trim().min(1).max(200);
const lineInput = z.object({ sku: skuSchema, quantity: quantitySchema, note: note.optional() }).strict();
const quantity = z.string().describe('decimal quantity with "." ("0.25")');

export const requisitionListSummarySchema = z
  .object({
    listId: z.string(),
    name: z.string(),
    owner: z.object({ sub: z.string(), name: z.string() }),
    lineCount: z.number().int().nonnegative(),
    updatedAt: isoDateTime,
    version: z.number().int().positive().describe('optimistic-locking version of the list'),
    mayEdit: z.boolean().describe('the caller owns the list or is a company admin'),
  })
  .meta({ id: 'RequisitionListSummary' });

const skipReasonSchema = z.enum(['unknown-product', 'unavailable', 'not-in-your-catalog']);

export const requisitionListSchema = requisitionListSummarySchema
  .extend({
    createdAt: isoDateTime,
    lines: z.array(
      z.object({
        sku: z.string(),
        name: z.string().describe('the SKU when the product is unknown or outside your catalog'),
        unit: z.string(),
        quantity,
        note: z.string().optional(),
        price: moneySchema.optional().describe("today's unit price for the caller; absent when the line cannot be ordered now"),
        priceDisplay: z.enum(['net', 'gross']).optional(),
        problem: skipReasonSchema.optional().describe('why the line cannot go into the cart now'),
      }),
    ),
  })
  .meta({ id: 'RequisitionList' });

/** What a list or order put into the cart and what it had to leave out. */
const cartFillSchema = z.object({
  added: z.array(z.object({ sku: z.string(), quantity })),
  skipped: z.array(z.object({ sku: z.string(), quantity, reason: skipReasonSchema })),
  cart: cartViewSchema,
});

/** Errors of putting lines into the caller's cart through the cart service. */
const cartErrors = ['UNKNOWN_PRODUCT', 'INVALID_QUANTITY', 'CART_TOO_LARGE', 'CART_CHANGED'] as const;
/** Errors of adding lines to a list. */
const lineErrors = ['UNKNOWN_PRODUCT', 'INVALID_QUANTITY', 'LIST_TOO_LARGE'] as const;
/** Errors of changing a list (owner or company admin only, optimistic lock). */
const changeErrors = ['NOT_FOUND', 'LIST_READ_ONLY', 'LIST_CHANGED'] as const;

export const requisitionsContract = defineContract({
  'GET /companies/{companyId}/requisition-lists': {
    summary: "The company's requisition lists (every user of the company sees every list)",
    params: companyIdParam,
    response: z.object({ lists: z.array(requisitionListSummarySchema) }),
  },
  'POST /companies/{companyId}/requisition-lists': {
    summary: 'Creates a requisition list, optionally with lines; the caller owns it',
    params: companyIdParam,
    body: z.object({ name, lines: z.array(lineInput).max(200).optional() }).strict(),
    status: [201],
    response: requisitionListSchema,
    errors: ['TOO_MANY_LISTS', 'LIST_NAME_TAKEN', 'LIST_CHANGED', ...lineErrors],
  },
  'GET /companies/{companyId}/requisition-lists/{listId}': {
    summary: "A requisition list with today's prices and the lines that cannot be ordered now",
    params: listPath,
    response: requisitionListSchema,
    errors: ['NOT_FOUND'],
  },
  'PATCH /companies/{companyId}/requisition-lists/{listId}': {
    summary: 'Renames a requisition list',
    params: listPath,
    body: z.object({ name }).strict(),
    response: requisitionListSchema,
    errors: [...changeErrors, 'LIST_NAME_TAKEN'],
  },
  'DELETE /companies/{companyId}/requisition-lists/{listId}': {
    summary: 'Deletes a requisition list',
    params: listPath,
    response: deletedSchema,
    errors: changeErrors,
  },
  'POST /companies/{companyId}/requisition-lists/{listId}/lines': {
    summary: 'Adds lines to a list (quantities of a SKU already on it are added up)',
    params: listPath,
    body: z.object({ lines: z.array(lineInput).min(1).max(200) }).strict(),
    response: requisitionListSchema,
    errors: [...changeErrors, ...lineErrors],
  },
  'PATCH /companies/{companyId}/requisition-lists/{listId}/lines/{sku}': {
    summary: 'Changes the quantity or note of a list line (note null clears it)',
    params: linePath,
    body: z
      .object({ quantity: quantitySchema.optional(), note: note.nullable().optional() })
      .strict()
      .refine((change) => change.quantity !== undefined || change.note !== undefined, 'Send a quantity or a note'),
    response: requisitionListSchema,
    errors: [...changeErrors, 'INVALID_QUANTITY'],
  },
  'DELETE /companies/{companyId}/requisition-lists/{listId}/lines/{sku}': {
    summary: 'Removes a line from a list',
    params: linePath,
    response: requisitionListSchema,
    errors: changeErrors,
  },
  'POST /companies/{companyId}/requisition-lists/{listId}/cart': {
    summary: "Puts the list's orderable lines into the caller's cart and reports the ones left out",
    params: listPath,
    response: cartFillSchema.meta({ id: 'RequisitionListCartResult' }),
    errors: ['NOT_FOUND', 'LIST_EMPTY', ...cartErrors],
  },
  'POST /companies/{companyId}/orders/{orderId}/reorder': {
    summary: "Puts an earlier order's lines into the caller's cart, priced today; reports the ones left out",
    params: companyIdParam.extend({ orderId: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
    response: cartFillSchema.extend({ orderId: z.string(), orderNumber: z.string() }).meta({ id: 'ReorderResult' }),
    errors: ['NOT_FOUND', 'ORDER_EMPTY', ...cartErrors],
  },
});

type RequisitionsContract = typeof requisitionsContract;
export type NewListRequest = BodyOf<RequisitionsContract['POST /companies/{companyId}/requisition-lists']>;
export type ListLineInput = BodyOf<RequisitionsContract['POST /companies/{companyId}/requisition-lists/{listId}/lines']>['lines'][number];
export type ListLineChange = BodyOf<RequisitionsContract['PATCH /companies/{companyId}/requisition-lists/{listId}/lines/{sku}']>;
