/** Returns, complaints and warranty claims (RMA, functions/rma): types, API calls and texts for shop, guest form and console. */
import { ApiError, type ApiClient } from './api.js';
import type { Money } from './types.js';

export type RmaType = 'warranty' | 'complaint' | 'return';
export type RmaStatus = 'filed' | 'in-review' | 'approved' | 'rejected' | 'goods-received' | 'credited' | 'closed';

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

export interface ReturnableLine {
  sku: string;
  name: string;
  unit: string;
  ordered: string;
  shipped: string;
  claimed: string;
  returnable: string;
}

export interface ReturnableOrder {
  orderId: string;
  orderNumber: string;
  createdAt: string;
  status: string;
  lines: ReturnableLine[];
}

export interface RmaLine {
  sku: string;
  name: string;
  unit: string;
  quantity: string;
  unitNet: Money;
  vatRate: number;
}

export interface RmaHistoryEntry {
  status: RmaStatus;
  at: string;
  by: { name: string; role: string };
  note?: string;
}

export interface RmaNote {
  at: string;
  by: { name: string; role?: string };
  text: string;
  visibility: 'customer' | 'internal';
}

export interface Rma {
  rmaId: string;
  rmaNumber: string;
  companyId: string;
  orderId: string;
  orderNumber: string;
  type: RmaType;
  status: RmaStatus;
  reason: string;
  lines: RmaLine[];
  filedBy: { name: string; guest: boolean; email?: string };
  createdAt: string;
  updatedAt: string;
  deadlineAt: string;
  assignee?: { name: string; sub?: string; email?: string };
  history: RmaHistoryEntry[];
  notes: RmaNote[];
  photoCount: number;
  value: { net: Money; vat: Money; gross: Money };
  overdue?: boolean;
  creditNote?: { number: string; gross: Money; issuedAt: string };
  /** Console only. */
  allowedTransitions?: RmaStatus[];
}

export interface RmaDetail extends Rma {
  photos: { photoId: string; fileName: string; contentType: string; size: number; url: string }[];
}

export interface PhotoUpload {
  uploadId: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
}

export interface ClaimRequest {
  type: RmaType;
  reason: string;
  lines: { sku: string; quantity: string }[];
  photoUploadIds?: string[];
}

export interface GuestCredentials {
  orderNumber: string;
  email: string;
}

export interface StaffFilter {
  status?: RmaStatus;
  type?: RmaType;
  assignee?: string;
  overdue?: boolean;
}

const enc = encodeURIComponent;
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
  returnable: (companyId: string, orderId: string, signal?: AbortSignal): Promise<ReturnableOrder> =>
    api.request(`/companies/${enc(companyId)}/orders/${enc(orderId)}/returnable`, { auth: 'required', signal }),
  list: (companyId: string, signal?: AbortSignal): Promise<{ rmas: Rma[] }> => api.request(`/companies/${enc(companyId)}/rmas`, { auth: 'required', signal }),
  get: (companyId: string, rmaId: string, signal?: AbortSignal): Promise<RmaDetail> => api.request(`/companies/${enc(companyId)}/rmas/${enc(rmaId)}`, { auth: 'required', signal }),
  pdf: (companyId: string, rmaId: string): Promise<{ url: string }> => api.request(`/companies/${enc(companyId)}/rmas/${enc(rmaId)}/pdf`, { auth: 'required' }),
  uploadPhoto: async (file: File): Promise<string> => putPhoto(await api.request<PhotoUpload>('/rma/photo-uploads', { method: 'POST', body: photoRequest(file), auth: 'required' }), file),
  file: (companyId: string, orderId: string, claim: ClaimRequest): Promise<Rma> =>
    api.request(`/companies/${enc(companyId)}/rmas`, { method: 'POST', body: { orderId, ...claim }, auth: 'required' }),

  guestLookup: (credentials: GuestCredentials): Promise<ReturnableOrder> => api.request('/rma/guest/lookup', { method: 'POST', body: credentials, auth: 'none' }),
  guestUploadPhoto: async (credentials: GuestCredentials, file: File): Promise<string> =>
    putPhoto(await api.request<PhotoUpload>('/rma/guest/photo-uploads', { method: 'POST', body: { ...credentials, ...photoRequest(file) }, auth: 'none' }), file),
  guestFile: (credentials: GuestCredentials, claim: ClaimRequest): Promise<Pick<Rma, 'rmaId' | 'rmaNumber' | 'status' | 'type' | 'orderNumber' | 'deadlineAt'>> =>
    api.request('/rma/guest/claims', { method: 'POST', body: { ...credentials, ...claim }, auth: 'none' }),

  listStaff: (filter: StaffFilter, signal?: AbortSignal): Promise<{ rmas: Rma[] }> => {
    const params = new URLSearchParams();
    if (filter.status) params.set('status', filter.status);
    if (filter.type) params.set('type', filter.type);
    if (filter.assignee) params.set('assignee', filter.assignee);
    if (filter.overdue !== undefined) params.set('overdue', String(filter.overdue));
    const search = params.toString();
    return api.request(`/console/rmas${search ? `?${search}` : ''}`, { auth: 'required', signal });
  },
  getStaff: (companyId: string, rmaId: string, signal?: AbortSignal): Promise<RmaDetail> => api.request(`/console/rmas/${enc(companyId)}/${enc(rmaId)}`, { auth: 'required', signal }),
  assignees: (signal?: AbortSignal): Promise<{ assignees: { sub: string; name: string; email: string }[] }> => api.request('/console/rma-assignees', { auth: 'required', signal }),
  assign: (companyId: string, rmaId: string, assigneeSub: string): Promise<RmaDetail> =>
    api.request(`/console/rmas/${enc(companyId)}/${enc(rmaId)}/assignment`, { method: 'POST', body: { assigneeSub }, auth: 'required' }),
  transition: (companyId: string, rmaId: string, to: RmaStatus, note?: string): Promise<RmaDetail> =>
    api.request(`/console/rmas/${enc(companyId)}/${enc(rmaId)}/transitions`, { method: 'POST', body: { to, ...(note ? { note } : {}) }, auth: 'required' }),
  note: (companyId: string, rmaId: string, text: string, visibility: 'customer' | 'internal'): Promise<RmaDetail> =>
    api.request(`/console/rmas/${enc(companyId)}/${enc(rmaId)}/notes`, { method: 'POST', body: { text, visibility }, auth: 'required' }),
  deadline: (companyId: string, rmaId: string, deadlineAt: string): Promise<RmaDetail> =>
    api.request(`/console/rmas/${enc(companyId)}/${enc(rmaId)}/deadline`, { method: 'PUT', body: { deadlineAt }, auth: 'required' }),
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
