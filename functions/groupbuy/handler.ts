import { z } from 'zod';
import { instant } from '../shared/dates.js';
import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { POOL_LIMITS } from './rules.js';
import * as groupbuy from './service.js';

const poolPath = z.object({ poolId: z.string().regex(/^[a-z0-9-]{1,40}$/) });
const companyUsers = ['company-admin', 'super-user', 'buyer'] as const;

const newPool = z
  .object({
    sku: z.string().trim().toUpperCase().regex(/^[A-Z0-9._-]{1,64}$/),
    name: z.string().trim().min(1).max(120),
    currency: z.string().regex(/^[A-Z]{3}$/),
    tiers: z
      .array(z.object({ minQuantity: z.number().int().nonnegative(), unitPrice: z.number().int().positive() }).strict())
      .min(1)
      .max(POOL_LIMITS.maxTiers),
    closesAt: instant(),
  })
  .strict();

export const handler = createHttpHandler('groupbuy', {
  'POST /console/pools': forRoles(['back-office'], {
    body: newPool,
    handle: async ({ caller, body }) => reply(201, await groupbuy.openPool(caller, body)),
  }),

  'GET /console/pools': forRoles(['back-office'], {
    handle: () => groupbuy.listAllPools(),
  }),

  'GET /console/pools/{poolId}': forRoles(['back-office'], {
    params: poolPath,
    handle: ({ params }) => groupbuy.poolWithParticipants(params.poolId),
  }),

  'GET /pools': forRoles(companyUsers, {
    handle: ({ caller }) => groupbuy.listOpenPools(caller),
  }),

  'GET /pools/{poolId}': forRoles(companyUsers, {
    params: poolPath,
    handle: ({ caller, params }) => groupbuy.showPool(caller, params.poolId),
  }),

  // The company comes only from the verified token: the strict body cannot name another one.
  'PUT /pools/{poolId}/commitment': forRoles(['company-admin', 'buyer'], {
    params: poolPath,
    body: z.object({ quantity: z.number().int().min(0).max(POOL_LIMITS.maxQuantity) }).strict(),
    handle: ({ caller, params, body }) => groupbuy.commit(caller, params.poolId, body.quantity),
  }),
});
