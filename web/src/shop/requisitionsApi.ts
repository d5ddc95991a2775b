/** Requisition lists and reorder (issue 8): calls through the shared ApiClient (memberships: membershipsApi.ts). */
import type { ApiRequestBody, ApiResponse } from '../../../functions/contract.js';
import type { ApiClient } from '../api.js';
import { translate } from '../i18n/translate.js';

export type RequisitionListSummary = ApiResponse<'GET /companies/{companyId}/requisition-lists'>['lists'][number];
export type RequisitionList = ApiResponse<'GET /companies/{companyId}/requisition-lists/{listId}'>;
export type RequisitionListLine = RequisitionList['lines'][number];
/** What a list or order put into the cart and what it had to leave out. */
export type IntoCartResult = ApiResponse<'POST /companies/{companyId}/requisition-lists/{listId}/cart'>;
export type SkipReason = IntoCartResult['skipped'][number]['reason'];
export type ListLineInput = ApiRequestBody<'POST /companies/{companyId}/requisition-lists/{listId}/lines'>['lines'][number];
export type ListLineChange = ApiRequestBody<'PATCH /companies/{companyId}/requisition-lists/{listId}/lines/{sku}'>;

/** Why a line stayed out of the cart, in the UI language (read when shown). */
export const skipReasonText: Record<SkipReason, string> = {
  get 'unknown-product'() {
    return translate('lists.skip.unknownProduct');
  },
  get unavailable() {
    return translate('lists.skip.unavailable');
  },
  get 'not-in-your-catalog'() {
    return translate('lists.skip.notInYourCatalog');
  },
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
