import * as z from 'zod';
import { defineContract, isoDateTime, moneySchema, type BodyOf } from '../shared/contract.js';
import { instant } from '../shared/dates.js';
import { POOL_LIMITS } from './rules.js';

const poolPath = z.object({ poolId: z.string().regex(/^[a-z0-9-]{1,40}$/) });
const units = z.number().int().nonnegative().describe('whole units');

/** A pool as shoppers and the console see it: tiers as money and the standing now. */
export const groupBuyPoolSchema = z
  .object({
    poolId: z.string(),
    sku: z.string(),
    name: z.string(),
    productName: z.string(),
    unit: z.string(),
    currency: z.string(),
    tiers: z.array(z.object({ minQuantity: units, unitPrice: moneySchema.describe('net unit price from minQuantity units in the pool') })),
    closesAt: isoDateTime,
    status: z.enum(['open', 'closed']).describe('closed as soon as closesAt has passed, even before the closing task ran'),
    participantCount: z.number().int().nonnegative(),
    pickupWarehouseId: z.string().describe('where the participants collect their orders'),
    total: units.describe('sum of all commitments (the final total once closed)'),
    tierReached: z.number().int().nonnegative().describe('0-based index into tiers'),
    currentUnitPrice: moneySchema,
    nextTier: z
      .object({ minQuantity: units, unitPrice: moneySchema, missing: units.describe('units still missing to reach it') })
      .nullable()
      .describe('null at the top tier'),
    savingBps: z.number().int().describe('saving of the reached tier against the first tier in basis points (800 = 8 %)'),
    myCommitment: z
      .object({
        quantity: units,
        updatedAt: isoDateTime,
        committedBy: z.string().describe('name of the user who set it'),
        orderId: z.string().optional().describe("the company's order once the pool closed"),
      })
      .nullable()
      .optional()
      .describe("the caller's company's commitment (null: none); absent in console views"),
    result: z
      .object({
        total: units,
        tierReached: z.number().int().nonnegative(),
        unitPrice: moneySchema,
        closedAt: isoDateTime,
        orders: z.number().int().nonnegative(),
      })
      .optional()
      .describe('set by the closing task'),
  })
  .meta({ id: 'GroupBuyPool' });
export type GroupBuyPoolView = z.output<typeof groupBuyPoolSchema>;

const participantSchema = z.object({
  companyId: z.string(),
  quantity: units,
  committedBy: z.object({ sub: z.string(), email: z.string(), name: z.string(), role: z.string() }),
  updatedAt: isoDateTime,
  orderId: z.string().optional(),
  orderNumber: z.string().optional(),
});

const poolList = z.object({ pools: z.array(groupBuyPoolSchema) });

export const groupbuyContract = defineContract({
  'POST /console/pools': {
    summary: 'Opens a group-buying pool for one product with unit-price tiers; it closes by itself at closesAt',
    body: z
      .object({
        sku: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z0-9._-]{1,64}$/),
        name: z.string().trim().min(1).max(120),
        currency: z.string().regex(/^[A-Z]{3}$/),
        tiers: z
          .array(z.object({ minQuantity: z.number().int().nonnegative(), unitPrice: z.number().int().positive().describe('net minor units') }).strict())
          .min(1)
          .max(POOL_LIMITS.maxTiers),
        closesAt: instant(),
      })
      .strict(),
    status: [201],
    response: groupBuyPoolSchema,
    errors: ['INVALID_POOL', 'UNKNOWN_PRODUCT', 'NO_WAREHOUSE'],
  },
  'GET /console/pools': {
    summary: 'Open pools (soonest closing first) and the latest closed ones (console)',
    response: poolList,
  },
  'GET /console/pools/{poolId}': {
    summary: 'A pool with every participating company and its commitment (console)',
    params: poolPath,
    response: groupBuyPoolSchema.extend({ participants: z.array(participantSchema) }).meta({ id: 'GroupBuyPoolDetail' }),
    errors: ['NOT_FOUND'],
  },
  'GET /pools': {
    summary: "Open pools with the caller's company's commitment in each",
    response: poolList,
  },
  'GET /pools/{poolId}': {
    summary: "A pool with the caller's company's commitment",
    params: poolPath,
    response: groupBuyPoolSchema,
    errors: ['NOT_FOUND'],
  },
  'PUT /pools/{poolId}/commitment': {
    summary: "Sets the caller's company's commitment in whole units (0 withdraws); binding once the pool closes",
    params: poolPath,
    body: z.object({ quantity: z.number().int().min(0).max(POOL_LIMITS.maxQuantity) }).strict(),
    response: groupBuyPoolSchema,
    errors: ['NOT_FOUND', 'POOL_CLOSED', 'INVALID_QUANTITY', 'CONCURRENT_CHANGE'],
  },
});

export type NewPoolRequest = BodyOf<(typeof groupbuyContract)['POST /console/pools']>;
