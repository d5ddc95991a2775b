import { z } from 'zod';
import { companyRoles, roles } from '../../lib/definitions/index.js';
import { createHttpHandler, forRoles } from '../shared/http.js';
import { notFound } from '../shared/errors.js';
import * as pricing from './service.js';

const pricingOptions = {
  agreementId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
  deliveryCountry: z.string().regex(/^[A-Z]{2}$/).optional(),
};
const discountPath = z.object({ discountId: z.string().regex(/^[a-z0-9-]{1,64}$/) });
const money = z.object({ amount: z.number().int().positive(), currency: z.string().regex(/^[A-Z]{3}$/) }).strict();

export const handler = createHttpHandler('pricing', {
  'GET /pricing/agreements': forRoles(companyRoles, {
    handle: ({ caller }) => pricing.listAgreements(caller),
  }),

  'POST /pricing/quote': forRoles(roles, {
    body: z
      .object({
        lines: z.array(z.object({ sku: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/), quantity: z.union([z.string().max(16), z.number().nonnegative()]) }).strict()).min(1).max(500),
        ...pricingOptions,
      })
      .strict(),
    handle: ({ caller, body }) => pricing.quote(caller, body.lines, body),
  }),

  'GET /console/discounts': forRoles(['back-office', 'sales-rep'], {
    handle: async () => ({ discounts: await pricing.listDiscounts() }),
  }),

  'PUT /console/discounts/{discountId}': forRoles(['back-office'], {
    params: discountPath,
    body: z
      .object({
        name: z.string().trim().min(1).max(120),
        rule: z.unknown(),
        effect: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('percent'), rate: z.number().int().min(1).max(10_000) }).strict(),
          z.object({ kind: z.literal('fixed'), amount: money }).strict(),
        ]),
        active: z.boolean().default(true),
      })
      .strict(),
    // An invalid rule throws RuleError: 400 INVALID_RULE with { path, reason } details.
    handle: ({ params, body }) => pricing.saveDiscount({ id: params.discountId, ...body }),
  }),

  'DELETE /console/discounts/{discountId}': forRoles(['back-office'], {
    params: discountPath,
    handle: async ({ params }) => {
      if (!(await pricing.deleteDiscount(params.discountId))) throw notFound('Discount');
      return { deleted: params.discountId };
    },
  }),
});
