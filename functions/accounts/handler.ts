import { z } from 'zod';
import { createHttpHandler, forAnyone, forRoles } from '../shared/http.js';
import * as accounts from './service.js';

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});

export const handler = createHttpHandler('accounts', {
  'GET /shop': forAnyone({
    handle: () => accounts.getShopSettings(),
  }),

  'GET /me': forRoles(['company-admin', 'buyer', 'sales-rep', 'back-office'], {
    handle: ({ caller }) => accounts.describeCaller(caller),
  }),

  'GET /companies/{companyId}': forRoles(['company-admin', 'buyer', 'sales-rep', 'back-office'], {
    params: z.object({ companyId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }),
    handle: ({ caller, params }) => accounts.getCompanyFor(caller, params.companyId),
  }),

  'GET /console/companies': forRoles(['sales-rep', 'back-office'], {
    query: pageQuery,
    handle: async ({ caller, query }) => {
      const page = await accounts.listCompaniesFor(caller, query.limit, query.cursor);
      return { companies: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  }),

  'PUT /console/shop': forRoles(['back-office'], {
    body: z
      .object({
        name: z.string().trim().min(1).max(120).optional(),
        loginOnly: z.boolean().optional(),
        registrationOpen: z.boolean().optional(),
      })
      .strict(),
    handle: ({ caller, body }) => accounts.changeShopSettings(caller, body),
  }),
});
