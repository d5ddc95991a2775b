/** Returns, complaints and warranty claims (RMA, functions/rma): types, API calls and texts for shop, guest form and console. */
import type { ApiRequestBody, ApiRequestQuery, ApiResponse } from '../../functions/contract.js';
import { ApiError, type ApiClient } from './api.js';
import { translate } from './i18n/translate.js';
import type { MessageKey } from './i18n/messages/index.js';

/** A claim as the company's routes answer it: the customer view, or the staff view for staff callers. */
export type Rma = ApiResponse<'GET /companies/{companyId}/rmas'>['rmas'][number];
export type RmaType = Rma['type'];
export type RmaStatus = Rma['status'];

/** A map of codes to labels read in the UI language each time one is shown (keys keep their order). */
const translatedLabels = <Code extends string>(keys: Record<Code, MessageKey>): Record<Code, string> => {
  const labels = {} as Record<Code, string>;
  for (const [code, key] of Object.entries(keys) as [Code, MessageKey][]) Object.defineProperty(labels, code, { enumerable: true, get: () => translate(key) });
  return labels;
};

export const rmaTypeLabels: Record<RmaType, string> = translatedLabels<RmaType>({
  return: 'returns.type.return',
  complaint: 'returns.type.complaint',
  warranty: 'returns.type.warranty',
});
export const rmaStatusLabels: Record<RmaStatus, string> = translatedLabels<RmaStatus>({
  filed: 'returns.status.filed',
  'in-review': 'returns.status.inReview',
  approved: 'returns.status.approved',
  rejected: 'returns.status.rejected',
  'goods-received': 'returns.status.goodsReceived',
  credited: 'returns.status.credited',
  closed: 'returns.status.closed',
});
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
  if (!photoTypes.includes(file.type)) return translate('returns.photo.wrongType', { file: file.name });
  if (file.size > maxPhotoBytes) return translate('returns.photo.tooLarge', { file: file.name });
  return undefined;
};

async function putPhoto(upload: PhotoUpload, file: File): Promise<string> {
  let response: Response;
  try {
    response = await fetch(upload.uploadUrl, { method: upload.method, headers: upload.headers, body: file });
  } catch {
    throw new ApiError(0, 'UPLOAD_FAILED', translate('returns.photo.uploadFailed'));
  }
  if (!response.ok) throw new ApiError(response.status, 'UPLOAD_FAILED', translate('returns.photo.uploadFailedHttp', { status: response.status }));
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
export const rmaErrorTexts: Record<string, string> = translatedLabels({
  RMA_LINE_PROBLEMS: 'returns.error.RMA_LINE_PROBLEMS',
  RMA_QUANTITY_TAKEN: 'returns.error.RMA_QUANTITY_TAKEN',
  ORDER_NOT_RETURNABLE: 'returns.error.ORDER_NOT_RETURNABLE',
  PHOTO_TYPE_NOT_ALLOWED: 'returns.error.PHOTO_TYPE_NOT_ALLOWED',
  PHOTO_TOO_LARGE: 'returns.error.PHOTO_TOO_LARGE',
  PHOTO_INVALID: 'returns.error.PHOTO_INVALID',
  PHOTO_MISSING: 'returns.error.PHOTO_MISSING',
  TOO_MANY_ATTEMPTS: 'returns.error.TOO_MANY_ATTEMPTS',
  INVALID_TRANSITION: 'returns.error.INVALID_TRANSITION',
  NO_INVOICE: 'returns.error.NO_INVOICE',
  DEADLINE_IN_PAST: 'returns.error.DEADLINE_IN_PAST',
  DEADLINE_TOO_LATE: 'returns.error.DEADLINE_TOO_LATE',
  RMA_NOT_OPEN: 'returns.error.RMA_NOT_OPEN',
});
Object.defineProperty(rmaErrorTexts, 'TOO_MANY_PHOTOS', {
  enumerable: true,
  get: () => translate('returns.error.TOO_MANY_PHOTOS', { max: maxPhotos }),
});

export const rmaErrorMessage = (error: unknown, fallback: (error: unknown) => string): string =>
  error instanceof ApiError && rmaErrorTexts[error.code] ? rmaErrorTexts[error.code]! : fallback(error);

/** "2.5" ≤ "3"? Compares decimal strings with at most three decimals without floats. */
export const toMilli = (quantity: string): number | undefined => {
  const match = /^(\d{1,9})(?:[.,](\d{1,3}))?$/.exec(quantity.trim());
  return match ? Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0')) : undefined;
};
