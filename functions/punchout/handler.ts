import { companyRoles } from '../../lib/definitions/index.js';
import { createHttpHandler, forAnyone, forRoles, rawReply } from '../shared/http.js';
import { escapeXml } from '../shared/xml.js';
import { punchoutContract } from './contract.js';
import * as punchout from './service.js';

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

export const handler = createHttpHandler('punchout', punchoutContract, {
  'GET /companies/{companyId}/punchout': forRoles(['company-admin'], ({ caller, params }) => punchout.getConfig(caller, params.companyId)),

  'PUT /companies/{companyId}/punchout': forRoles(['company-admin'], ({ caller, params, body }) => punchout.configure(caller, params.companyId, body)),

  'DELETE /companies/{companyId}/punchout': forRoles(['company-admin'], ({ caller, params }) => punchout.removeConfig(caller, params.companyId)),

  'GET /punchout/oci': forAnyone(({ query }) => ociEntry(query)),

  'POST /punchout/oci': forAnyone(({ query, body }) => ociEntry({ ...query, ...Object.fromEntries(new URLSearchParams(body)) })),

  'POST /punchout/cxml': forAnyone(async ({ body }) => {
    const result = await punchout.handleCxml(body);
    return rawReply(result.status, { 'content-type': 'text/xml; charset=UTF-8' }, result.xml);
  }),

  'POST /punchout/start': forAnyone(({ body }) => punchout.exchangeStartCode(body.code)),

  'GET /punchout/sessions/{sessionId}': forRoles(companyRoles, ({ caller, params }) => punchout.describeSession(caller, params.sessionId)),

  'POST /punchout/sessions/{sessionId}/transfer': forRoles(companyRoles, ({ caller, params }) => punchout.transferForm(caller, params.sessionId)),
});
