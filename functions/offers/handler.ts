import { z } from 'zod';
import { calendarDate } from '../shared/dates.js';
import { deliveryChoiceSchema, quantitySchema, skuSchema } from '../checkout/schemas.js';
import { companyRoles, roles } from '../../lib/definitions/index.js';
import { badRequest } from '../shared/errors.js';
import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import * as offers from './service.js';

const staff = ['sales-rep', 'back-office'] as const;
const companyId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const offerPath = z.object({ companyId, offerId: z.uuid() });
const sku = skuSchema;
const quantity = quantitySchema;
const delivery = deliveryChoiceSchema({ cashOnDelivery: false });
const terms = z
  .object({
    delivery,
    paymentMethod: z.string().min(1).max(40),
    validUntil: calendarDate(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
/** Unit prices: integer minor units; the rules reject negatives and prices above the list price. */
const line = z.object({ sku, quantity, unitNet: z.number().int().optional() }).strict();
const content = z
  .object({
    agreementId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
    lines: z.array(line).max(200).optional(),
    fromCartOf: z.string().min(1).max(64).optional(),
    terms,
  })
  .strict()
  .refine((body) => body.fromCartOf !== undefined || (body.lines?.length ?? 0) > 0, { message: 'Send lines or fromCartOf' });

export const handler = createHttpHandler('offers', {
  'GET /offers': forRoles(staff, {
    query: z.object({ status: z.enum(['requested', 'draft', 'sent', 'accepted']).optional() }),
    handle: ({ caller, query }) => offers.listStaffOffers(caller, query.status),
  }),

  'POST /quote-requests': forRoles(companyRoles, {
    body: z.object({ note: z.string().trim().min(1).max(2000) }).strict(),
    handle: async ({ caller, body }) => reply(201, await offers.requestQuote(caller, body.note)),
  }),

  'GET /companies/{companyId}/offers': forRoles(roles, {
    params: z.object({ companyId }),
    handle: ({ caller, params }) => offers.listOffers(caller, params.companyId),
  }),

  'POST /companies/{companyId}/offers': forRoles(staff, {
    params: z.object({ companyId }),
    body: content,
    handle: async ({ caller, params, body }) => reply(201, await offers.createOffer(caller, params.companyId, body as offers.QuoteContentRequest)),
  }),

  'GET /companies/{companyId}/offers/{offerId}': forRoles(roles, {
    params: offerPath,
    handle: ({ caller, params }) => offers.getOffer(caller, params.companyId, params.offerId),
  }),

  'PUT /companies/{companyId}/offers/{offerId}': forRoles(staff, {
    params: offerPath,
    body: content,
    handle: ({ caller, params, body }) => offers.reviseOffer(caller, params.companyId, params.offerId, body as offers.QuoteContentRequest),
  }),

  'GET /companies/{companyId}/offers/{offerId}/versions/{version}': forRoles(roles, {
    params: offerPath.extend({ version: z.coerce.number().int().min(1).max(9999) }),
    handle: ({ caller, params }) => offers.getVersion(caller, params.companyId, params.offerId, params.version),
  }),

  'POST /companies/{companyId}/offers/{offerId}/send': forRoles(staff, {
    params: offerPath,
    handle: ({ caller, params }) => offers.sendOffer(caller, params.companyId, params.offerId),
  }),

  'GET /companies/{companyId}/offers/{offerId}/pdf': forRoles(roles, {
    params: offerPath,
    query: z.object({ version: z.coerce.number().int().min(1).max(9999).optional() }),
    handle: ({ caller, params, query }) => offers.pdfLink(caller, params.companyId, params.offerId, query.version),
  }),

  'POST /companies/{companyId}/offers/{offerId}/copies': forRoles(staff, {
    params: offerPath,
    body: z.object({ targetCompanyId: companyId, validUntil: calendarDate().optional() }).strict(),
    handle: async ({ caller, params, body }) => reply(201, await offers.copyOffer(caller, params.companyId, params.offerId, body.targetCompanyId, body.validUntil)),
  }),

  'POST /companies/{companyId}/offers/{offerId}/acceptance': forRoles(['company-admin', 'super-user', 'buyer'], {
    params: offerPath,
    body: z.object({ version: z.number().int().min(1).max(9999) }).strict(),
    handle: async ({ caller, params, body, event }) => {
      const key = event.headers?.['idempotency-key'];
      if (!key || !/^[A-Za-z0-9-]{8,64}$/.test(key)) throw badRequest('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8–64 letters, digits or dashes)');
      return reply(202, await offers.acceptOffer(caller, params.companyId, params.offerId, body.version, key));
    },
  }),
});
