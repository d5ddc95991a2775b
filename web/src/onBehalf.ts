/** Orders entered by staff on behalf of a customer (functions/orders/on-behalf.ts): types and API calls. */
import type { ApiRequestBody, ApiResponse } from '../../functions/contract.js';
import type { ApiClient } from './api.js';

export type OnBehalfPreviewRequest = ApiRequestBody<'POST /console/companies/{companyId}/orders/preview'>;
/** Priced with the customer's prices (price lists, agreement, discounts, VAT), with the customer's delivery and payment options. */
export type OnBehalfPreview = ApiResponse<'POST /console/companies/{companyId}/orders/preview'>;
export type OnBehalfOrderRequest = ApiRequestBody<'POST /console/companies/{companyId}/orders'>;
export type OnBehalfLine = OnBehalfOrderRequest['lines'][number];
export type OnBehalfPlacedOrder = ApiResponse<'POST /console/companies/{companyId}/orders'>;

export const onBehalfApi = (api: ApiClient) => ({
  preview: (companyId: string, body: OnBehalfPreviewRequest, signal?: AbortSignal) =>
    api.call('POST /console/companies/{companyId}/orders/preview', { params: { companyId }, body }, { auth: 'required', signal }),
  place: (companyId: string, body: OnBehalfOrderRequest, idempotencyKey: string) =>
    api.call(
      'POST /console/companies/{companyId}/orders',
      { params: { companyId }, body },
      { auth: 'required', headers: { 'Idempotency-Key': idempotencyKey } },
    ),
});
