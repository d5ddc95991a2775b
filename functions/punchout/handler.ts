import { z } from 'zod';
import { companyRoles } from '../../lib/definitions/index.js';
import { createHttpHandler, forAnyone, forRoles, rawReply } from '../shared/http.js';
import { escapeXml } from '../shared/xml.js';
import * as punchout from './service.js';

const companyId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const sessionPath = z.object({ sessionId: z.uuid() }).strict();
/**
 * OCI entry parameters are not a strict schema on purpose: SAP catalog definitions add their own
 * parameters (sap-client, returntarget …). parseOciEntry reads exactly the OCI fields it knows.
 */
const ociParameters = z.record(z.string().max(64), z.string().max(4096));
const rawText = (maxLength: number) => z.string().max(maxLength);

/** No account in here: sessions act as the technical account the portal creates (a body naming a user is refused). */
const configBody = z
  .object({
    oci: z.boolean(),
    cxml: z
      .object({
        domain: z.string().trim().regex(/^[A-Za-z0-9._-]{1,40}$/),
        identity: z.string().trim().min(1).max(120).regex(/^[^\s#]+$/),
      })
      .strict()
      .nullable(),
    vendorNumber: z.string().trim().regex(/^[A-Za-z0-9]{1,10}$/).nullable().optional(),
    rotate: z.array(z.enum(['oci', 'cxml'])).max(2).optional(),
  })
  .strict();

function ociErrorPage(status: number, message: string) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Punchout</title></head><body><h1>Punchout could not start</h1><p>${escapeXml(message)}</p><p>Please return to your procurement system and try again, or contact your administrator.</p></body></html>`;
  return rawReply(status, { 'content-type': 'text/html; charset=utf-8' }, html);
}

async function ociEntry(parameters: Record<string, string>) {
  const result = await punchout.ociEntry(parameters);
  if (result.kind === 'redirect') return rawReply(303, { location: result.location }, '');
  // 401 says no more than that: unknown name, wrong password and switched-off setups look alike.
  return ociErrorPage(result.status, result.status === 401 ? 'The punchout credentials were not accepted.' : result.message);
}

export const handler = createHttpHandler('punchout', {
  'GET /companies/{companyId}/punchout': forRoles(['company-admin'], {
    params: z.object({ companyId }),
    handle: ({ caller, params }) => punchout.getConfig(caller, params.companyId),
  }),

  'PUT /companies/{companyId}/punchout': forRoles(['company-admin'], {
    params: z.object({ companyId }),
    body: configBody,
    handle: ({ caller, params, body }) => punchout.configure(caller, params.companyId, body),
  }),

  'DELETE /companies/{companyId}/punchout': forRoles(['company-admin'], {
    params: z.object({ companyId }),
    handle: ({ caller, params }) => punchout.removeConfig(caller, params.companyId),
  }),

  'GET /punchout/oci': forAnyone({
    query: ociParameters,
    handle: ({ query }) => ociEntry(query),
  }),

  'POST /punchout/oci': forAnyone({
    query: ociParameters,
    rawBody: true,
    body: rawText(64 * 1024),
    handle: ({ query, body }) => ociEntry({ ...query, ...Object.fromEntries(new URLSearchParams(body)) }),
  }),

  'POST /punchout/cxml': forAnyone({
    rawBody: true,
    body: rawText(1024 * 1024),
    handle: async ({ body }) => {
      const result = await punchout.handleCxml(body);
      return rawReply(result.status, { 'content-type': 'text/xml; charset=UTF-8' }, result.xml);
    },
  }),

  'POST /punchout/start': forAnyone({
    body: z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }).strict(),
    handle: ({ body }) => punchout.exchangeStartCode(body.code),
  }),

  'GET /punchout/sessions/{sessionId}': forRoles(companyRoles, {
    params: sessionPath,
    handle: ({ caller, params }) => punchout.describeSession(caller, params.sessionId),
  }),

  'POST /punchout/sessions/{sessionId}/transfer': forRoles(companyRoles, {
    params: sessionPath,
    handle: ({ caller, params }) => punchout.transferForm(caller, params.sessionId),
  }),
});
