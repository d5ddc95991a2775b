/** Requisition lists and reorder (issue 8): calls through the shared ApiClient (memberships: membershipsApi.ts). */
import type { ApiRequestBody, ApiResponse } from '../../../functions/contract.js';
import type { ApiClient } from '../api.js';

export type RequisitionListSummary = ApiResponse<'GET /companies/{companyId}/requisition-lists'>['lists'][number];
export type RequisitionList = ApiResponse<'GET /companies/{companyId}/requisition-lists/{listId}'>;
export type RequisitionListLine = RequisitionList['lines'][number];
/** What a list or order put into the cart and what it had to leave out. */
export type IntoCartResult = ApiResponse<'POST /companies/{companyId}/requisition-lists/{listId}/cart'>;
export type SkipReason = IntoCartResult['skipped'][number]['reason'];
export type ListLineInput = ApiRequestBody<'POST /companies/{companyId}/requisition-lists/{listId}/lines'>['lines'][number];
export type ListLineChange = ApiRequestBody<'PATCH /companies/{companyId}/requisition-lists/{listId}/lines/{sku}'>;

export const skipReasonText: Record<SkipReason, string> = {
  'unknown-product': 'no longer in the catalog',
  unavailable: 'currently not available',
  'not-in-your-catalog': 'not in your catalog',
};

export const requisitionsApi = (api: ApiClient) => ({
  async list(companyId: string, signal?: AbortSignal): Promise<RequisitionListSummary[]> {
    return (await api.call('GET /companies/{companyId}/requisition-lists', { params: { companyId } }, { auth: 'required', signal })).lists;
  },
  get: (companyId: string, listId: string, signal?: AbortSignal) =>
    api.call('GET /companies/{companyId}/requisition-lists/{listId}', { params: { companyId, listId } }, { auth: 'required', signal }),
  create: (companyId: string, name: string, lines?: ListLineInput[]) =>
    api.call('POST /companies/{companyId}/requisition-lists', { params: { companyId }, body: { name, ...(lines ? { lines } : {}) } }, { auth: 'required' }),
  rename: (companyId: string, listId: string, name: string) =>
    api.call('PATCH /companies/{companyId}/requisition-lists/{listId}', { params: { companyId, listId }, body: { name } }, { auth: 'required' }),
  remove: (companyId: string, listId: string) =>
    api.call('DELETE /companies/{companyId}/requisition-lists/{listId}', { params: { companyId, listId } }, { auth: 'required' }),
  addLines: (companyId: string, listId: string, lines: ListLineInput[]) =>
    api.call('POST /companies/{companyId}/requisition-lists/{listId}/lines', { params: { companyId, listId }, body: { lines } }, { auth: 'required' }),
  updateLine: (companyId: string, listId: string, sku: string, change: ListLineChange) =>
    api.call('PATCH /companies/{companyId}/requisition-lists/{listId}/lines/{sku}', { params: { companyId, listId, sku }, body: change }, { auth: 'required' }),
  removeLine: (companyId: string, listId: string, sku: string) =>
    api.call('DELETE /companies/{companyId}/requisition-lists/{listId}/lines/{sku}', { params: { companyId, listId, sku } }, { auth: 'required' }),
  addAllToCart: (companyId: string, listId: string) =>
    api.call('POST /companies/{companyId}/requisition-lists/{listId}/cart', { params: { companyId, listId } }, { auth: 'required' }),
  reorder: (companyId: string, orderId: string) =>
    api.call('POST /companies/{companyId}/orders/{orderId}/reorder', { params: { companyId, orderId } }, { auth: 'required' }),
});
