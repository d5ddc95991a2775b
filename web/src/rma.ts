/** Returns, complaints and warranty claims (RMA, functions/rma): types, API calls and texts for shop, guest form and console. */
import type { ApiRequestBody, ApiRequestQuery, ApiResponse } from '../../functions/contract.js';
import { ApiError, type ApiClient } from './api.js';

/** A claim as the company's routes answer it: the customer view, or the staff view for staff callers. */
export type Rma = ApiResponse<'GET /companies/{companyId}/rmas'>['rmas'][number];
export type RmaType = Rma['type'];
export type RmaStatus = Rma['status'];

export const rmaTypeLabels: Record<RmaType, string> = { return: 'Return', complaint: 'Complaint', warranty: 'Warranty claim' };
export const rmaStatusLabels: Record<RmaStatus, string> = {
  filed: 'Filed',
  'in-review': 'In review',
  approved: 'Approved',
  rejected: 'Rejected',
  'goods-received': 'Goods received',
  credited: 'Credited',
  closed: 'Closed',
};
export const rmaStatuses = Object.keys(rmaStatusLabels) as RmaStatus[];
export const rmaTypes = Object.keys(rmaTypeLabels) as RmaType[];

export type ReturnableOrder = ApiResponse<'GET /companies/{companyId}/orders/{orderId}/returnable'>;
export type GuestReturnableOrder = ApiResponse<'POST /rma/guest/lookup'>;
export type ReturnableLine = ReturnableOrder['lines'][number];
export type RmaLine = Rma['lines'][number];
export type RmaHistoryEntry = Rma['history'][number];
export type RmaNote = Rma['notes'][number];
/** One claim with its photo links (company routes: the staff view for staff callers). */
export type RmaDetail = ApiResponse<'GET /companies/{companyId}/rmas/{rmaId}'>;
/** One claim as the console sees it: all notes, e-mails, staff ids and the allowed transitions. */
export type RmaStaffDetail = ApiResponse<'GET /console/rmas/{companyId}/{rmaId}'>;
export type PhotoUpload = ApiResponse<'POST /rma/photo-uploads'>;
export type ClaimRequest = Omit<ApiRequestBody<'POST /companies/{companyId}/rmas'>, 'orderId'>;
export type GuestCredentials = ApiRequestBody<'POST /rma/guest/lookup'>;
/** The console queue's filter (the query of GET /console/rmas, `overdue` as a boolean). */
export type StaffFilter = Omit<{ [K in keyof ApiRequestQuery<'GET /console/rmas'>]?: NonNullable<ApiRequestQuery<'GET /console/rmas'>[K]> }, 'overdue'> & {
  overdue?: boolean;
};

const photoRequest = (file: File) => ({ fileName: file.name || 'photo', contentType: file.type, size: file.size });

export const photoTypes = ['image/jpeg', 'image/png'];
export const maxPhotoBytes = 10 * 1024 * 1024;
export const maxPhotos = 6;

/** Client-side check before asking for an upload (the API checks again, also the content). */
export const photoFileProblem = (file: File): string | undefined => {
  if (!photoTypes.includes(file.type)) return `${file.name}: only JPEG or PNG photos`;
  if (file.size > maxPhotoBytes) return `${file.name}: at most 10 MB`;
  return undefined;
};

async function putPhoto(upload: PhotoUpload, file: File): Promise<string> {
  let response: Response;
  try {
    response = await fetch(upload.uploadUrl, { method: upload.method, headers: upload.headers, body: file });
  } catch {
    throw new ApiError(0, 'UPLOAD_FAILED', 'A photo could not be uploaded. Please check your connection and try again.');
  }
  if (!response.ok) throw new ApiError(response.status, 'UPLOAD_FAILED', `A photo could not be uploaded (HTTP ${response.status}).`);
  return upload.uploadId;
}

export const rmaApi = (api: ApiClient) => ({
  returnable: (companyId: string, orderId: string, signal?: AbortSignal) =>
    api.call('GET /companies/{companyId}/orders/{orderId}/returnable', { params: { companyId, orderId } }, { auth: 'required', signal }),
  list: (companyId: string, signal?: AbortSignal) => api.call('GET /companies/{companyId}/rmas', { params: { companyId } }, { auth: 'required', signal }),
  get: (companyId: string, rmaId: string, signal?: AbortSignal) =>
    api.call('GET /companies/{companyId}/rmas/{rmaId}', { params: { companyId, rmaId } }, { auth: 'required', signal }),
  pdf: (companyId: string, rmaId: string) => api.call('GET /companies/{companyId}/rmas/{rmaId}/pdf', { params: { companyId, rmaId } }, { auth: 'required' }),
  uploadPhoto: async (file: File): Promise<string> =>
    putPhoto(await api.call('POST /rma/photo-uploads', { body: photoRequest(file) }, { auth: 'required' }), file),
  file: (companyId: string, orderId: string, claim: ClaimRequest) =>
    api.call('POST /companies/{companyId}/rmas', { params: { companyId }, body: { orderId, ...claim } }, { auth: 'required' }),

  guestLookup: (credentials: GuestCredentials) => api.call('POST /rma/guest/lookup', { body: credentials }, { auth: 'none' }),
  guestUploadPhoto: async (credentials: GuestCredentials, file: File): Promise<string> =>
    putPhoto(await api.call('POST /rma/guest/photo-uploads', { body: { ...credentials, ...photoRequest(file) } }, { auth: 'none' }), file),
  guestFile: (credentials: GuestCredentials, claim: ClaimRequest) =>
    api.call('POST /rma/guest/claims', { body: { ...credentials, ...claim } }, { auth: 'none' }),

  listStaff: (filter: StaffFilter, signal?: AbortSignal) =>
    api.call(
      'GET /console/rmas',
      {
        query: {
          status: filter.status,
          type: filter.type,
          assignee: filter.assignee,
          overdue: filter.overdue === undefined ? undefined : String(filter.overdue),
        },
      },
      { auth: 'required', signal },
    ),
  getStaff: (companyId: string, rmaId: string, signal?: AbortSignal) =>
    api.call('GET /console/rmas/{companyId}/{rmaId}', { params: { companyId, rmaId } }, { auth: 'required', signal }),
  assignees: (signal?: AbortSignal) => api.call('GET /console/rma-assignees', {}, { auth: 'required', signal }),
  assign: (companyId: string, rmaId: string, assigneeSub: string) =>
    api.call('POST /console/rmas/{companyId}/{rmaId}/assignment', { params: { companyId, rmaId }, body: { assigneeSub } }, { auth: 'required' }),
  transition: (companyId: string, rmaId: string, to: RmaStatus, note?: string) =>
    api.call(
      'POST /console/rmas/{companyId}/{rmaId}/transitions',
      { params: { companyId, rmaId }, body: { to, ...(note ? { note } : {}) } },
      { auth: 'required' },
    ),
  note: (companyId: string, rmaId: string, text: string, visibility: 'customer' | 'internal') =>
    api.call('POST /console/rmas/{companyId}/{rmaId}/notes', { params: { companyId, rmaId }, body: { text, visibility } }, { auth: 'required' }),
  deadline: (companyId: string, rmaId: string, deadlineAt: string) =>
    api.call('PUT /console/rmas/{companyId}/{rmaId}/deadline', { params: { companyId, rmaId }, body: { deadlineAt } }, { auth: 'required' }),
});

/** Readable texts for the RMA error codes. */
export const rmaErrorTexts: Record<string, string> = {
  RMA_LINE_PROBLEMS: 'Some quantities cannot be claimed: only goods that were shipped and not claimed yet can be returned.',
  RMA_QUANTITY_TAKEN: 'Another claim took some of these quantities meanwhile. Please reload and check the quantities.',
  ORDER_NOT_RETURNABLE: 'Nothing of this order can be returned.',
  PHOTO_TYPE_NOT_ALLOWED: 'Photos must be JPEG or PNG files.',
  PHOTO_TOO_LARGE: 'A photo may be at most 10 MB.',
  PHOTO_INVALID: 'A photo could not be accepted: it must be a real JPEG or PNG of at most 10 MB.',
  PHOTO_MISSING: 'A photo upload did not arrive. Please attach it again.',
  TOO_MANY_PHOTOS: `At most ${maxPhotos} photos per claim.`,
  TOO_MANY_ATTEMPTS: 'Too many attempts for this order number from your connection. Please wait a little and try again.',
  INVALID_TRANSITION: 'This status change is not possible any more; the claim was reloaded.',
  NO_INVOICE: 'The order has no invoice yet, so there is nothing to credit.',
  DEADLINE_IN_PAST: 'The deadline must lie in the future.',
  DEADLINE_TOO_LATE: 'The deadline may be at most a year after filing.',
  RMA_NOT_OPEN: 'The claim is resolved already.',
};

export const rmaErrorMessage = (error: unknown, fallback: (error: unknown) => string): string =>
  error instanceof ApiError && rmaErrorTexts[error.code] ? rmaErrorTexts[error.code]! : fallback(error);

/** "2.5" ≤ "3"? Compares decimal strings with at most three decimals without floats. */
export const toMilli = (quantity: string): number | undefined => {
  const match = /^(\d{1,9})(?:[.,](\d{1,3}))?$/.exec(quantity.trim());
  return match ? Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0')) : undefined;
};
