import * as z from 'zod';
import { companyIdParam, defineContract, isoDateTime, type BodyOf } from '../shared/contract.js';

const sessionPath = z.object({ sessionId: z.uuid() }).strict();
/**
 * OCI entry parameters are not a strict schema on purpose: SAP catalog definitions add their own
 * parameters (sap-client, returntarget …). parseOciEntry reads exactly the OCI fields it knows.
 */
const ociParameters = z
  .record(z.string().max(64), z.string().max(4096))
  .describe('OCI entry fields (USERNAME, PASSWORD, HOOK_URL, ~OkCode, ~TARGET, ~CALLER, FUNCTION, PRODUCTID …)');

const protocolSchema = z.enum(['oci', 'cxml']);
const entryPathsSchema = z.object({ oci: z.string(), cxml: z.string() }).describe('where procurement systems are pointed to, relative to the API base URL');
const cxmlIdentitySchema = z.object({ domain: z.string(), identity: z.string() });

const configuredSchema = z.object({
  configured: z.literal(true),
  technicalAccount: z
    .object({ sub: z.string(), username: z.string() })
    .nullable()
    .describe('the technical buyer account sessions act as; null for a set-up from before technical accounts (save it again)'),
  oci: z.object({ username: z.string() }).nullable(),
  cxml: cxmlIdentitySchema.nullable(),
  vendorNumber: z.string().nullable().describe("the shop's vendor number in the buyer's system (OCI NEW_ITEM-VENDOR)"),
  updatedAt: isoDateTime,
  entryPaths: entryPathsSchema,
});

export const punchoutConfigSchema = z
  .discriminatedUnion('configured', [z.object({ configured: z.literal(false), entryPaths: entryPathsSchema }), configuredSchema])
  .meta({ id: 'PunchoutConfig' });

/** No account in here: sessions act as the technical account the portal creates (a body naming a user is refused). */
const configBody = z
  .object({
    oci: z.boolean(),
    cxml: z
      .object({
        domain: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9._-]{1,40}$/),
        identity: z
          .string()
          .trim()
          .min(1)
          .max(120)
          .regex(/^[^\s#]+$/),
      })
      .strict()
      .nullable(),
    vendorNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,10}$/)
      .nullable()
      .optional(),
    rotate: z.array(protocolSchema).max(2).optional().describe('issue new secrets for these protocols (the old ones stop working at once)'),
  })
  .strict();

export const punchoutSessionSchema = z
  .object({
    sessionId: z.string(),
    protocol: protocolSchema,
    returnHost: z.string().describe('host of the procurement system the cart is transferred to'),
    expiresAt: isoDateTime,
    transferredAt: isoDateTime.nullable(),
  })
  .meta({ id: 'PunchoutSession' });

const sessionErrors = ['NOT_FOUND', 'PUNCHOUT_SESSION_EXPIRED'] as const;
const ociEntryReply = {
  status: [303],
  response: z.string(),
  raw: { mediaType: 'text/html', description: '303 to the shop start page (Location); 400/401 answer an HTML error page for the browser' },
} as const;

export const punchoutContract = defineContract({
  'GET /companies/{companyId}/punchout': {
    summary: "The company's punchout set-up (OCI, cXML), without secrets",
    params: companyIdParam,
    response: punchoutConfigSchema,
  },
  'PUT /companies/{companyId}/punchout': {
    summary: 'Saves the punchout set-up; new secrets are returned in this answer only',
    params: companyIdParam,
    body: configBody,
    response: configuredSchema
      .extend({
        secrets: z
          .object({ ociPassword: z.string().optional(), cxmlSharedSecret: z.string().optional() })
          .describe('secrets issued now (first set-up, new cXML identity, rotate)'),
      })
      .meta({ id: 'PunchoutConfigSaved' }),
    errors: ['PUNCHOUT_NOTHING_ENABLED', 'PUNCHOUT_CONFIG_CHANGED', 'PUNCHOUT_IDENTITY_TAKEN'],
  },
  'DELETE /companies/{companyId}/punchout': {
    summary: 'Switches punchout off: set-up, credentials and the technical account are removed',
    params: companyIdParam,
    response: z.object({ removed: z.literal(true) }),
    errors: ['NOT_FOUND'],
  },
  'GET /punchout/oci': {
    summary: 'OCI entry from the procurement system (query fields): opens a session and redirects the browser to the shop',
    query: ociParameters,
    ...ociEntryReply,
  },
  'POST /punchout/oci': {
    summary: 'OCI entry posted as a form (fields in the body and/or the query): opens a session and redirects the browser to the shop',
    query: ociParameters,
    rawBody: 'application/x-www-form-urlencoded',
    body: z.string().max(64 * 1024),
    ...ociEntryReply,
  },
  'POST /punchout/cxml': {
    summary: 'cXML PunchOutSetupRequest or OrderRequest; always answers a cXML Response (its Status carries the outcome)',
    rawBody: 'text/xml',
    body: z.string().max(1024 * 1024),
    response: z.string(),
    raw: { mediaType: 'text/xml', description: 'cXML Response; the HTTP status mirrors its Status code (200, 400, 401, 406, 409)' },
  },
  'POST /punchout/start': {
    summary: "Trades the one-time start code of the start page for the session user's tokens and the session",
    body: z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }).strict(),
    response: z.object({
      tokens: z.object({ idToken: z.string(), accessToken: z.string(), expiresIn: z.number().int().describe('seconds') }),
      session: z.object({
        sessionId: z.string(),
        protocol: protocolSchema,
        returnHost: z.string(),
        expiresAt: isoDateTime,
        productSku: z.string().optional().describe('open this product first (OCI FUNCTION=DETAIL)'),
      }),
    }),
    errors: ['PUNCHOUT_START_INVALID'],
  },
  'GET /punchout/sessions/{sessionId}': {
    summary: "The caller's running punchout session",
    params: sessionPath,
    response: punchoutSessionSchema,
    errors: [...sessionErrors],
  },
  'POST /punchout/sessions/{sessionId}/transfer': {
    summary: 'The session cart as the form the browser posts back to the procurement system (OCI fields or cXML PunchOutOrderMessage)',
    params: sessionPath,
    response: z
      .object({
        action: z.string().describe('HOOK_URL or BrowserFormPost URL'),
        method: z.literal('POST'),
        target: z.string().describe('frame name'),
        fields: z.array(z.tuple([z.string(), z.string()])).describe('form fields in order, as [name, value]'),
      })
      .meta({ id: 'PunchoutTransferForm' }),
    errors: [...sessionErrors, 'CART_EMPTY', 'CART_HAS_PROBLEMS', 'UNIT_NOT_MAPPED', 'MIXED_CURRENCIES'],
  },
});

export type PunchoutConfigRequest = BodyOf<(typeof punchoutContract)['PUT /companies/{companyId}/punchout']>;
