import { z } from 'zod';
import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { importKinds } from './rules.js';
import * as service from './service.js';

const companyId = z.string().regex(/^[a-z0-9-]{1,64}$/);

export const handler = createHttpHandler('catalogExchange', {
  'GET /companies/{companyId}/catalog/bmecat': forRoles(['company-admin', 'super-user'], {
    params: z.object({ companyId }).strict(),
    handle: ({ caller, params }) => service.exportBmecat(caller, params.companyId),
  }),

  'POST /console/catalog-imports/uploads': forRoles(['back-office'], {
    body: z
      .object({
        fileName: z.string().trim().min(1).max(200),
        size: z.number().int().min(1),
      })
      .strict(),
    handle: async ({ body }) => reply(201, await service.requestUpload(body)),
  }),

  'POST /console/catalog-imports': forRoles(['back-office'], {
    body: z
      .object({
        uploadKey: z.string().max(300),
        kind: z.enum(importKinds),
        decimalSeparator: z.enum(['.', ',']).optional(),
        delimiter: z.enum([',', ';']).optional(),
      })
      .strict(),
    handle: async ({ caller, body }) => {
      const { created, job } = await service.startImport(caller, body);
      return reply(created ? 202 : 200, job);
    },
  }),

  'GET /console/catalog-imports': forRoles(['back-office'], {
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict(),
    handle: ({ query }) => service.listImports(query.limit),
  }),

  'GET /console/catalog-imports/{importId}': forRoles(['back-office'], {
    params: z.object({ importId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) }).strict(),
    handle: ({ params }) => service.showImport(params.importId),
  }),
});
