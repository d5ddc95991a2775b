/** Requisition lists and reorder (issue 8): calls through the shared ApiClient (memberships: membershipsApi.ts). */
import type { ApiClient } from '../api.js';
import type { CartView, Money } from '../types.js';

export type SkipReason = 'unknown-product' | 'unavailable' | 'not-in-your-catalog';

export interface RequisitionListSummary {
  listId: string;
  name: string;
  owner: { sub: string; name: string };
  lineCount: number;
  updatedAt: string;
  version: number;
  mayEdit: boolean;
}

export interface RequisitionListLine {
  sku: string;
  name: string;
  unit: string;
  quantity: string;
  note?: string;
  price?: Money;
  priceDisplay?: 'net' | 'gross';
  problem?: SkipReason;
}

export interface RequisitionList extends RequisitionListSummary {
  createdAt: string;
  lines: RequisitionListLine[];
}

export interface IntoCartResult {
  added: { sku: string; quantity: string }[];
  skipped: { sku: string; quantity: string; reason: SkipReason }[];
  cart: CartView;
}

export const skipReasonText: Record<SkipReason, string> = {
  'unknown-product': 'no longer in the catalog',
  unavailable: 'currently not available',
  'not-in-your-catalog': 'not in your catalog',
};

const enc = encodeURIComponent;
const base = (companyId: string) => `/companies/${enc(companyId)}/requisition-lists`;

export const requisitionsApi = (api: ApiClient) => ({
  async list(companyId: string, signal?: AbortSignal): Promise<RequisitionListSummary[]> {
    return (await api.request<{ lists: RequisitionListSummary[] }>(base(companyId), { auth: 'required', signal })).lists;
  },
  get: (companyId: string, listId: string, signal?: AbortSignal) =>
    api.request<RequisitionList>(`${base(companyId)}/${enc(listId)}`, { auth: 'required', signal }),
  create: (companyId: string, name: string, lines?: { sku: string; quantity: string; note?: string }[]) =>
    api.request<RequisitionList>(base(companyId), { method: 'POST', auth: 'required', body: { name, ...(lines ? { lines } : {}) } }),
  rename: (companyId: string, listId: string, name: string) =>
    api.request<RequisitionList>(`${base(companyId)}/${enc(listId)}`, { method: 'PATCH', auth: 'required', body: { name } }),
  remove: (companyId: string, listId: string) => api.request<{ deleted: string }>(`${base(companyId)}/${enc(listId)}`, { method: 'DELETE', auth: 'required' }),
  addLines: (companyId: string, listId: string, lines: { sku: string; quantity: string; note?: string }[]) =>
    api.request<RequisitionList>(`${base(companyId)}/${enc(listId)}/lines`, { method: 'POST', auth: 'required', body: { lines } }),
  updateLine: (companyId: string, listId: string, sku: string, change: { quantity?: string; note?: string | null }) =>
    api.request<RequisitionList>(`${base(companyId)}/${enc(listId)}/lines/${enc(sku)}`, { method: 'PATCH', auth: 'required', body: change }),
  removeLine: (companyId: string, listId: string, sku: string) =>
    api.request<RequisitionList>(`${base(companyId)}/${enc(listId)}/lines/${enc(sku)}`, { method: 'DELETE', auth: 'required' }),
  addAllToCart: (companyId: string, listId: string) =>
    api.request<IntoCartResult>(`${base(companyId)}/${enc(listId)}/cart`, { method: 'POST', auth: 'required' }),
  reorder: (companyId: string, orderId: string) =>
    api.request<IntoCartResult & { orderNumber: string }>(`/companies/${enc(companyId)}/orders/${enc(orderId)}/reorder`, { method: 'POST', auth: 'required' }),
});
