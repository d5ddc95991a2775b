import { z } from 'zod';
import { defineContract } from '../shared/contract.js';

const jsonDocument = z.looseObject({ info: z.looseObject({ title: z.string(), version: z.string() }) });

export const apidocsContract = defineContract({
  'GET /openapi.json': {
    summary: 'This API as an OpenAPI 3.1 document, generated from the route contracts',
    response: jsonDocument.extend({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
  },
});
