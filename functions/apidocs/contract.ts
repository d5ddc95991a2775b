import * as z from 'zod';
import { defineContract } from '../shared/contract.js';

const jsonDocument = z.looseObject({ info: z.looseObject({ title: z.string(), version: z.string() }) });

export const apidocsContract = defineContract({
  'GET /openapi.json': {
    summary: 'This API as an OpenAPI 3.1 document, generated from the route contracts',
    response: jsonDocument.extend({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
  },
  'GET /reference': {
    summary: 'The API reference: this document as a readable HTML page',
    raw: { mediaType: 'text/html', description: 'HTML page' },
    response: z.string(),
  },
  'GET /asyncapi.json': {
    summary: 'The queues and their messages (ERP integration, events) as an AsyncAPI 3.0 document',
    response: jsonDocument.extend({ asyncapi: z.string(), channels: z.record(z.string(), z.unknown()) }),
  },
});
