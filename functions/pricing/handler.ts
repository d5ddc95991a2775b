import { companyRoles, roles } from '../../lib/definitions/index.js';
import { createHttpHandler, forRoles, prefetching } from '../shared/http.js';
import { notFound } from '../shared/errors.js';
import { pricingContract } from './contract.js';
import { pricingKeys } from './repository.js';
import * as pricing from './service.js';

export const handler = createHttpHandler('pricing', pricingContract, {
  'GET /pricing/agreements': forRoles(companyRoles, ({ caller }) => pricing.listAgreements(caller)),

  'POST /pricing/quote': prefetching(
    forRoles(roles, ({ caller, body }) => pricing.quote(caller, body.lines, body)),
    () => [pricingKeys.discountSet()],
  ),

  'GET /console/discounts': forRoles(['back-office', 'sales-rep'], async () => ({ discounts: await pricing.listDiscounts() })),

  // An invalid rule throws RuleError: 400 INVALID_RULE with { path, reason } details.
  'PUT /console/discounts/{discountId}': forRoles(['back-office'], ({ params, body }) => pricing.saveDiscount({ id: params.discountId, ...body })),

  'DELETE /console/discounts/{discountId}': forRoles(['back-office'], async ({ params }) => {
    if (!(await pricing.deleteDiscount(params.discountId))) throw notFound('Discount');
    return { deleted: params.discountId };
  }),
});
