import { createHttpHandler, forAnyone, rawReply } from '../shared/http.js';
import { apiContract } from '../contract.js';
import { eventCatalog } from '../events.js';
import { buildAsyncApi, type AsyncApiDocument } from './asyncapi.js';
import { apidocsContract } from './contract.js';
import { buildOpenApi, type OpenApiDocument } from './openapi.js';
import { renderReference } from './reference.js';

/** The package version the document describes (set by CDK and the local stack; absent in tests). */
const version = process.env.API_VERSION ?? '0.1.0';
let openApi: OpenApiDocument | undefined;
let asyncApi: AsyncApiDocument | undefined;
let referencePage: string | undefined;
const openApiDocument = () => (openApi ??= buildOpenApi(apiContract, { serverUrl: '.', version }));

export const handler = createHttpHandler('apidocs', apidocsContract, {
  // Relative server URL: clients resolve it against where they fetched the document (`/api/` locally, the stage URL on AWS).
  'GET /openapi.json': forAnyone(() => openApiDocument()),
  'GET /reference': forAnyone(() =>
    rawReply(
      200,
      { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' },
      (referencePage ??= renderReference(openApiDocument())),
    ),
  ),
  'GET /asyncapi.json': forAnyone(() => (asyncApi ??= buildAsyncApi(eventCatalog, { version, region: process.env.AWS_REGION }))),
});
