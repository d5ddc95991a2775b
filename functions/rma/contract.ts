import * as z from 'zod';
import { orderStatusSchema } from '../orders/contract.js';
import { defineContract, idSchema, isoDateTime, moneySchema } from '../shared/contract.js';
import { instant } from '../shared/dates.js';
import { MAX_PHOTOS, MAX_RMA_LINES, rmaStatuses, rmaTypes } from './rules.js';

// ---- request parts ------------------------------------------------------------------------------

const rmaId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const orderId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const rmaPath = z.object({ companyId: idSchema, rmaId });
const quantity = z.string().regex(/^\d{1,9}(\.\d{1,3})?$/, 'A decimal with at most three decimals');
const claimLine = z.object({ sku: z.string().min(1).max(64), quantity }).strict();
const claim = {
  type: z.enum(rmaTypes),
  reason: z.string().trim().min(3).max(2000),
  lines: z.array(claimLine).min(1).max(MAX_RMA_LINES),
  photoUploadIds: z.array(z.uuid()).max(MAX_PHOTOS).optional().describe('upload ids of photos uploaded beforehand (…/photo-uploads)'),
};
const photo = {
  fileName: z.string().trim().min(1).max(200),
  contentType: z.string().max(100).describe('image/jpeg or image/png'),
  size: z.number().int().describe('bytes, at most 10 MB'),
};
const guest = { orderNumber: z.string().trim().min(1).max(40), email: z.email().max(254).describe('the e-mail of the buyer who placed the order') };

export const photoUploadBodySchema = z.object(photo).strict();
export const fileRmaBodySchema = z.object({ orderId, ...claim }).strict();
export const guestCredentialsSchema = z.object(guest).strict();
export const guestPhotoUploadBodySchema = z.object({ ...guest, ...photo }).strict();
export const guestClaimBodySchema = z.object({ ...guest, ...claim }).strict();
export const staffRmaQuerySchema = z
  .object({
    status: z.enum(rmaStatuses).optional(),
    type: z.enum(rmaTypes).optional(),
    assignee: z.string().min(1).max(64).optional().describe('assignee sub, or "none" for unassigned claims'),
    overdue: z
      .enum(['true', 'false'])
      .optional()
      .transform((value) => (value === undefined ? undefined : value === 'true')),
  })
  .strict();

export type PhotoUploadRequest = z.output<typeof photoUploadBodySchema>;
export type FileRmaRequest = z.output<typeof fileRmaBodySchema>;
export type ClaimRequest = Omit<FileRmaRequest, 'orderId'>;
export type StaffFilter = z.output<typeof staffRmaQuerySchema>;

// ---- entities -----------------------------------------------------------------------------------

const rmaTypeSchema = z.enum(rmaTypes).meta({ id: 'RmaType' });
const rmaStatusSchema = z.enum(rmaStatuses).meta({ id: 'RmaStatus' });

export const rmaLineSchema = z
  .object({
    sku: z.string(),
    quantity: z.string().describe('claimed decimal quantity of sales units ("2", "0.5")'),
    name: z.string(),
    unit: z.string(),
    unitNet: moneySchema.describe("the order's unit net price of the SKU"),
    vatRate: z.number().int().describe('basis points (19 % = 1900)'),
  })
  .meta({ id: 'RmaLine' });

export const returnableLineSchema = z
  .object({
    sku: z.string(),
    name: z.string(),
    unit: z.string(),
    ordered: z.string(),
    shipped: z.string().describe('left the warehouse (shipped or delivered shipments)'),
    claimed: z.string().describe('claimed by earlier, not rejected RMAs'),
    returnable: z.string().describe('shipped − claimed'),
  })
  .meta({ id: 'ReturnableLine' });

const returnableOrderFields = {
  orderId: z.string(),
  orderNumber: z.string(),
  createdAt: isoDateTime,
  status: orderStatusSchema,
  lines: z.array(returnableLineSchema),
};
export const returnableOrderSchema = z.object({ ...returnableOrderFields, companyId: z.string() }).meta({ id: 'ReturnableOrder' });
export const guestReturnableOrderSchema = z.object(returnableOrderFields).meta({ id: 'GuestReturnableOrder' });

export const rmaPhotoUploadSchema = z
  .object({
    uploadId: z.string(),
    uploadUrl: z.string().describe('pre-signed URL: PUT the file there with the given headers'),
    method: z.literal('PUT'),
    headers: z.object({ 'content-type': z.string() }),
    expiresAt: isoDateTime,
  })
  .meta({ id: 'RmaPhotoUpload' });

const creditNoteRefSchema = z.object({ number: z.string(), gross: moneySchema, issuedAt: isoDateTime });
const staffActorSchema = z.object({ sub: z.string().optional().describe('absent for guests'), name: z.string(), role: z.string() });

const rmaCommon = {
  rmaId: z.string(),
  rmaNumber: z.string(),
  companyId: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  type: rmaTypeSchema,
  status: rmaStatusSchema,
  reason: z.string(),
  lines: z.array(rmaLineSchema),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  deadlineAt: isoDateTime.describe('the back office decides by then'),
  overdue: z.boolean().optional().describe('the deadline passed while the claim was open'),
  creditNote: creditNoteRefSchema.optional().describe('set once the claim was credited'),
  photoCount: z.number().int(),
  value: z.object({ net: moneySchema, vat: moneySchema, gross: moneySchema }).describe('the claimed lines at the order prices'),
};

/** What the company (and guests) see of a claim: internal notes, e-mails and staff ids left out. */
export const rmaSchema = z
  .object({
    ...rmaCommon,
    filedBy: z.object({ name: z.string(), guest: z.boolean() }),
    assignee: z.object({ name: z.string() }).optional(),
    notes: z.array(z.object({ at: isoDateTime, text: z.string(), visibility: z.literal('customer'), by: z.object({ name: z.string() }) })),
    history: z.array(z.object({ status: rmaStatusSchema, at: isoDateTime, note: z.string().optional(), by: z.object({ name: z.string(), role: z.string() }) })),
  })
  .meta({ id: 'Rma' });

export const rmaStaffSchema = z
  .object({
    ...rmaCommon,
    filedBy: z.object({ name: z.string(), guest: z.boolean(), email: z.string() }),
    assignee: z.object({ sub: z.string(), name: z.string(), email: z.string() }).optional(),
    notes: z.array(z.object({ at: isoDateTime, text: z.string(), visibility: z.enum(['customer', 'internal']), by: staffActorSchema })),
    history: z.array(z.object({ status: rmaStatusSchema, at: isoDateTime, note: z.string().optional(), by: staffActorSchema })),
    allowedTransitions: z.array(rmaStatusSchema).describe('statuses the claim may move to next'),
  })
  .meta({ id: 'RmaStaffView' });

const rmaPhotoLinkSchema = z.object({
  photoId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string().describe('pre-signed download URL, valid for 5 minutes'),
});
export const rmaDetailSchema = rmaSchema.extend({ photos: z.array(rmaPhotoLinkSchema) }).meta({ id: 'RmaDetail' });
export const rmaStaffDetailSchema = rmaStaffSchema.extend({ photos: z.array(rmaPhotoLinkSchema) }).meta({ id: 'RmaStaffDetail' });

/** Company routes answer staff callers (sales reps, back office) with the staff view. The staff view comes first: it requires allowedTransitions. */
const companyRmaSchema = z.union([rmaStaffSchema, rmaSchema]);
const companyRmaDetailSchema = z.union([rmaStaffDetailSchema, rmaDetailSchema]);

export const guestRmaReceiptSchema = z
  .object({
    rmaId: z.string(),
    rmaNumber: z.string(),
    status: rmaStatusSchema,
    type: rmaTypeSchema,
    orderNumber: z.string(),
    deadlineAt: isoDateTime,
    lines: z.array(rmaLineSchema),
  })
  .meta({ id: 'GuestRmaReceipt' });

const photoErrors = ['PHOTO_TYPE_NOT_ALLOWED', 'PHOTO_TOO_LARGE', 'PHOTO_EMPTY'];
const filingErrors = [
  'NOT_FOUND',
  'ORDER_NOT_RETURNABLE',
  'NO_LINES',
  'RMA_LINE_PROBLEMS',
  'TOO_MANY_PHOTOS',
  'PHOTO_INVALID',
  'PHOTO_MISSING',
  'RMA_QUANTITY_TAKEN',
];

export const rmaContract = defineContract({
  'POST /rma/photo-uploads': {
    summary: 'A pre-signed upload for one claim photo (JPEG/PNG, at most 10 MB)',
    body: photoUploadBodySchema,
    status: [201],
    response: rmaPhotoUploadSchema,
    errors: photoErrors,
  },
  'GET /companies/{companyId}/orders/{orderId}/returnable': {
    summary: 'Per SKU of an order: ordered, shipped, already claimed and still returnable quantities',
    params: z.object({ companyId: idSchema, orderId }),
    response: returnableOrderSchema,
    errors: ['NOT_FOUND'],
  },
  'GET /companies/{companyId}/rmas': {
    summary: "The company's returns, complaints and warranty claims, newest first",
    params: z.object({ companyId: idSchema }),
    response: z.object({ rmas: z.array(companyRmaSchema) }),
    errors: ['NOT_FOUND'],
  },
  'POST /companies/{companyId}/rmas': {
    summary: 'Files a return, complaint or warranty claim for shipped goods of an order',
    params: z.object({ companyId: idSchema }),
    body: fileRmaBodySchema,
    status: [201],
    response: rmaSchema,
    errors: filingErrors,
  },
  'GET /companies/{companyId}/rmas/{rmaId}': {
    summary: 'One claim with its customer notes, history and photo links',
    params: rmaPath,
    response: companyRmaDetailSchema,
    errors: ['NOT_FOUND'],
  },
  'GET /companies/{companyId}/rmas/{rmaId}/pdf': {
    summary: 'A short-lived download link of the printable RMA form (PDF)',
    params: rmaPath,
    response: z
      .object({ rmaNumber: z.string(), url: z.string().describe('pre-signed PDF download URL'), expiresInSeconds: z.number().int() })
      .meta({ id: 'RmaPdfLink' }),
    errors: ['NOT_FOUND'],
  },
  'POST /rma/guest/lookup': {
    summary: 'Guests: the returnable lines of an order, found by order number and buyer e-mail',
    description: 'Attempts are limited per client; 429 TOO_MANY_ATTEMPTS carries Retry-After. Unknown order and wrong e-mail both answer 404.',
    body: guestCredentialsSchema,
    response: guestReturnableOrderSchema,
    errors: ['NOT_FOUND', 'TOO_MANY_ATTEMPTS'],
  },
  'POST /rma/guest/photo-uploads': {
    summary: 'Guests: a pre-signed upload for one claim photo of their order',
    body: guestPhotoUploadBodySchema,
    status: [201],
    response: rmaPhotoUploadSchema,
    errors: ['NOT_FOUND', 'TOO_MANY_ATTEMPTS', ...photoErrors],
  },
  'POST /rma/guest/claims': {
    summary: 'Guests: files a claim for their order (order number and buyer e-mail)',
    body: guestClaimBodySchema,
    status: [201],
    response: guestRmaReceiptSchema,
    errors: ['TOO_MANY_ATTEMPTS', ...filingErrors],
  },
  'GET /console/rmas': {
    summary: 'The back-office claim queue, filtered by status, type, assignee and overdue',
    query: staffRmaQuerySchema,
    response: z.object({ rmas: z.array(rmaStaffSchema) }),
  },
  'GET /console/rma-assignees': {
    summary: 'Back-office users claims can be assigned to',
    response: z.object({ assignees: z.array(z.object({ sub: z.string(), name: z.string(), email: z.string() })) }),
  },
  'GET /console/rmas/{companyId}/{rmaId}': {
    summary: 'One claim with all notes, history and photo links (console)',
    params: rmaPath,
    response: rmaStaffDetailSchema,
    errors: ['NOT_FOUND'],
  },
  'POST /console/rmas/{companyId}/{rmaId}/assignment': {
    summary: 'Assigns a claim to a back-office user',
    params: rmaPath,
    body: z.object({ assigneeSub: z.string().min(1).max(64) }).strict(),
    response: rmaStaffDetailSchema,
    errors: ['NOT_FOUND', 'UNKNOWN_ASSIGNEE'],
  },
  'POST /console/rmas/{companyId}/{rmaId}/transitions': {
    summary: 'Moves a claim to its next status; "credited" issues the credit note for the claimed lines',
    params: rmaPath,
    body: z.object({ to: z.enum(rmaStatuses), note: z.string().trim().min(1).max(2000).optional() }).strict(),
    response: rmaStaffDetailSchema,
    // The credit note (to 'credited') may be refused by the invoice: more than its total, nothing to credit (free lines).
    errors: [
      'NOT_FOUND',
      'INVALID_TRANSITION',
      'RMA_CHANGED',
      'NO_INVOICE',
      'CREDIT_EXCEEDS_INVOICE',
      'INVALID_AMOUNT',
      'CURRENCY_MISMATCH',
      'CONCURRENT_CHANGE',
    ],
  },
  'POST /console/rmas/{companyId}/{rmaId}/notes': {
    summary: 'Adds a note to a claim; customer notes are e-mailed to the filer',
    params: rmaPath,
    body: z.object({ text: z.string().trim().min(1).max(2000), visibility: z.enum(['customer', 'internal']) }).strict(),
    status: [201],
    response: rmaStaffDetailSchema,
    errors: ['NOT_FOUND'],
  },
  'PUT /console/rmas/{companyId}/{rmaId}/deadline': {
    summary: "Moves an open claim's deadline; the reminder follows",
    params: rmaPath,
    body: z.object({ deadlineAt: instant() }).strict(),
    response: rmaStaffDetailSchema,
    errors: ['NOT_FOUND', 'RMA_NOT_OPEN', 'DEADLINE_IN_PAST', 'DEADLINE_TOO_LATE', 'RMA_CHANGED'],
  },
});
