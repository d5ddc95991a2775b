import { createHttpHandler, forAnyone } from '../shared/http.js';
import { apiContract } from '../contract.js';
import { eventCatalog } from '../events.js';
import { buildAsyncApi, type AsyncApiDocument } from './asyncapi.js';
import { apidocsContract } from './contract.js';
import { buildOpenApi, type OpenApiDocument } from './openapi.js';

/** The package version the document describes (set by CDK and the local stack; absent in tests). */
const version = process.env.API_VERSION ?? '0.1.0';
let openApi: OpenApiDocument | undefined;
let asyncApi: AsyncApiDocument | undefined;

export const handler = createHttpHandler('apidocs', apidocsContract, {
  // Relative server URL: clients resolve it against where they fetched the document (`/api/` locally, the stage URL on AWS).
  'GET /openapi.json': forAnyone(() => (openApi ??= buildOpenApi(apiContract, { serverUrl: '.', version }))),
  'GET /asyncapi.json': forAnyone(() => (asyncApi ??= buildAsyncApi(eventCatalog, { version, region: process.env.AWS_REGION }))),
});
