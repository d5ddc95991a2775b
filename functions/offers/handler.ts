import { companyRoles, roles } from '../../lib/definitions/index.js';
import { badRequest } from '../shared/errors.js';
import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { offersContract } from './contract.js';
import * as offers from './service.js';

const staff = ['sales-rep', 'back-office'] as const;

export const handler = createHttpHandler('offers', offersContract, {
  'GET /offers': forRoles(staff, ({ caller, query }) => offers.listStaffOffers(caller, query.status)),

  'POST /quote-requests': forRoles(companyRoles, async ({ caller, body }) => reply(201, await offers.requestQuote(caller, body.note))),

  'GET /companies/{companyId}/offers': forRoles(roles, ({ caller, params }) => offers.listOffers(caller, params.companyId)),

  'POST /companies/{companyId}/offers': forRoles(staff, async ({ caller, params, body }) =>
    reply(201, await offers.createOffer(caller, params.companyId, body)),
  ),

  'GET /companies/{companyId}/offers/{offerId}': forRoles(roles, ({ caller, params }) => offers.getOffer(caller, params.companyId, params.offerId)),

  'PUT /companies/{companyId}/offers/{offerId}': forRoles(staff, ({ caller, params, body }) =>
    offers.reviseOffer(caller, params.companyId, params.offerId, body),
  ),

  'GET /companies/{companyId}/offers/{offerId}/versions/{version}': forRoles(roles, ({ caller, params }) =>
    offers.getVersion(caller, params.companyId, params.offerId, params.version),
  ),

  'POST /companies/{companyId}/offers/{offerId}/send': forRoles(staff, ({ caller, params }) => offers.sendOffer(caller, params.companyId, params.offerId)),

  'GET /companies/{companyId}/offers/{offerId}/pdf': forRoles(roles, ({ caller, params, query }) =>
    offers.pdfLink(caller, params.companyId, params.offerId, query.version),
  ),

  'POST /companies/{companyId}/offers/{offerId}/copies': forRoles(staff, async ({ caller, params, body }) =>
    reply(201, await offers.copyOffer(caller, params.companyId, params.offerId, body.targetCompanyId, body.validUntil)),
  ),

  'POST /companies/{companyId}/offers/{offerId}/acceptance': forRoles(['company-admin', 'super-user', 'buyer'], async ({ caller, params, body, event }) => {
    const key = event.headers?.['idempotency-key'];
    if (!key || !/^[A-Za-z0-9-]{8,64}$/.test(key))
      throw badRequest('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8–64 letters, digits or dashes)');
    return reply(202, await offers.acceptOffer(caller, params.companyId, params.offerId, body.version, key));
  }),
});
