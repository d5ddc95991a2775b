/** Fetch wrapper for the portal API: JSON in/out, bearer ID token, `{ error: { code, message } }` errors. */
import { isSessionEndCode, type AuthClient } from './auth.js';
import { activeCompanyForToken, activeCompanyHeaderName, forgetActiveCompanyForToken } from './activeCompany.js';
import { punchoutSessionForToken, punchoutSessionHeaderName } from './punchoutSession.js';
import { uiLanguage } from './i18n/languages.js';
import { hasMessage, translate } from './i18n/translate.js';
import type {
  Address,
  AgreementList,
  AuditEntry,
  BankAccount,
  CartView,
  Category,
  CheckoutPreview,
  CheckoutRequest,
  CreditStatus,
  Company,
  CompanyDetail,
  CompanyRole,
  CompanyUser,
  CustomerGroup,
  Discount,
  InvoiceLink,
  LicenceUpload,
  Me,
  Money,
  NewCompanyRequest,
  NewPoolRequest,
  Order,
  OrderStatus,
  PlaceOrderRequest,
  Pool,
  PoolDetail,
  ProductDetailView,
  ProductPage,
  ProductSuggestions,
  QuickOrderResult,
  Quote,
  QuoteRequest,
  RegistrationDetail,
  RegistrationRequest,
  RegistrationStatus,
  RegistrationSummary,
  Rep,
  SavedCart,
  SearchQuery,
  SearchResult,
  ShopSettings,
} from './types.js';
import type { ApiRequestBody, ApiRequestQuery, ApiResponse, ApiRouteKey } from '../../functions/contract.js';

/**
 * One problem of a `VALIDATION_FAILED` error: `path` like `body.company.vatId`, the API's English
 * `message`, zod's issue `code` (absent from older servers and hand-made issues) and its figures
 * (`minimum`, `maximum`, `origin`, `inclusive`, `expected`, `format`, `values`, `keys`, `divisor`).
 */
export interface ValidationIssue {
  path: string;
  message: string;
  code?: string;
  params: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field problems of a `VALIDATION_FAILED` error (empty for other errors). */
  get issues(): ValidationIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.flatMap((item: unknown) => {
      if (!item || typeof item !== 'object') return [];
      const { path, message, code, ...params } = item as { path?: unknown; message?: unknown; code?: unknown };
      const rawPath = Array.isArray(path) ? path.map(String).join('.') : typeof path === 'string' ? path : '';
      return [
        {
          path: rawPath.replace(/^(body|query|params)\./, ''),
          message: typeof message === 'string' ? message : 'is invalid',
          ...(typeof code === 'string' ? { code } : {}),
          params,
        },
      ];
    });
  }
}

const enc = encodeURIComponent;

type PathParamsOf<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}` ? { [K in Name | keyof PathParamsOf<Rest>]: string } : {};
type PathOf<K extends string> = K extends `${string} ${infer Path}` ? Path : never;
type MethodOf<K extends string> = K extends `${infer Method} ${string}` ? Method : never;

/** What a route takes, from its contract: path parameters by name, query, body. */
export type CallInput<K extends ApiRouteKey> = (keyof PathParamsOf<PathOf<K>> extends never ? { params?: undefined } : { params: PathParamsOf<PathOf<K>> }) &
  (ApiRequestBody<K> extends undefined ? { body?: undefined } : { body: ApiRequestBody<K> }) & {
    query?: Partial<Record<keyof ApiRequestQuery<K>, string | number | undefined>>;
  };

/** `/companies/{companyId}/orders` + `{ companyId: 'c-1' }` → `/companies/c-1/orders`, plus the query string. */
export function routePath(path: string, params: Record<string, string> | undefined, query: Record<string, string | number | undefined> | undefined): string {
  const filled = path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${path}`);
    return enc(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

/** Whether an error is the result of an aborted request (component unmounted, inputs changed). */
export const isAbortError = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

type AuthMode = 'none' | 'optional' | 'required';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  auth?: AuthMode;
  signal?: AbortSignal;
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
  /** Act as the token's home company: no `X-Active-Company` (answering a membership invitation). */
  homeCompany?: boolean;
}

const tokenErrorCodes = new Set(['UNAUTHENTICATED', 'INVALID_TOKEN']);

const parseError = async (response: Response): Promise<ApiError> => {
  let code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : `HTTP_${response.status}`;
  let message = response.statusText || `Request failed (HTTP ${response.status})`;
  let details: unknown;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown }; message?: unknown };
    if (typeof body.error?.code === 'string') code = body.error.code;
    details = body.error?.details;
    if (typeof body.error?.message === 'string') message = body.error.message;
    // API Gateway's own responses (JWT authorizer, throttling) are `{ "message": "..." }`.
    else if (typeof body.message === 'string') message = body.message;
  } catch {
    // Not JSON: keep the status-based defaults.
  }
  return new ApiError(response.status, code, message, details);
};

/** Routes that answer product and category texts in the `lang` asked for (the UI language unless the caller names one). */
const localisedRoutes: ReadonlySet<ApiRouteKey> = new Set<ApiRouteKey>([
  'GET /catalog/categories',
  'GET /catalog/products',
  'GET /catalog/products/{sku}',
  'GET /catalog/search',
  'GET /catalog/suggestions',
]);

export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly auth?: AuthClient,
  ) {}

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const mode = options.auth ?? 'optional';
    const token = mode !== 'none' && this.auth ? await this.auth.getIdToken() : undefined;
    if (mode === 'required' && !token) throw new ApiError(401, 'UNAUTHENTICATED', 'Please sign in');

    let response = await this.send(path, options, token);
    if (response.status === 401 && token && this.auth) {
      // The token was rejected (expired, revoked): refresh once and retry; otherwise end the session.
      const error = await parseError(response.clone());
      if (tokenErrorCodes.has(error.code)) {
        // Another request may have refreshed the session meanwhile; otherwise refresh now.
        const current = this.auth.getSession()?.idToken;
        const refreshed = current !== undefined && current !== token ? true : await this.auth.refresh();
        const retryToken = refreshed ? this.auth.getSession()?.idToken : undefined;
        if (!retryToken || retryToken === token) {
          this.auth.signOut('expired');
          throw error;
        }
        response = await this.send(path, options, retryToken);
        if (response.status === 401) this.auth.signOut('expired');
      }
    }
    if (!response.ok) {
      const error = await parseError(response);
      // Removed from the remembered company: fall back to the home company on the next call.
      if (error.code === 'NOT_A_MEMBER' && token) forgetActiveCompanyForToken(token);
      // The company requires two-factor authentication and the user has none yet: the app shows the setup screen.
      if (error.status === 403 && error.code === 'MFA_SETUP_REQUIRED' && token) this.auth?.requireMfaSetup();
      // The server ended the session (timeout past the sign-in, account disabled): sign out with the reason.
      if (error.status === 401 && token && isSessionEndCode(error.code)) this.auth?.signOut('expired', error.code);
      throw error;
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async send(path: string, options: RequestOptions, token: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const activeCompany = token ? activeCompanyForToken(token) : undefined;
    if (activeCompany && !options.homeCompany) headers[activeCompanyHeaderName] = activeCompany;
    const punchoutSession = token ? punchoutSessionForToken(token) : undefined;
    if (punchoutSession) headers[punchoutSessionHeaderName] = punchoutSession;
    const init: RequestInit = { method: options.method ?? 'GET', headers };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    if (options.signal) init.signal = options.signal;
    try {
      return await fetch(`${this.baseUrl}${path}`, init);
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the server. Please check your connection.');
    }
  }

  /**
   * Calls a route by its key (`'GET /cart'`): path, query and body are typed by the route's contract
   * (functions/contract.ts) and so is the answer, so a renamed field breaks the build, not the page.
   */
  call<K extends ApiRouteKey>(key: K, input: CallInput<K>, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<ApiResponse<K>> {
    const space = key.indexOf(' ');
    const method = key.slice(0, space) as MethodOf<K> & RequestOptions['method'];
    const query = input.query as Record<string, string | number | undefined> | undefined;
    const path = routePath(
      key.slice(space + 1),
      input.params as Record<string, string> | undefined,
      localisedRoutes.has(key) ? { ...query, lang: query?.lang ?? uiLanguage() } : query,
    );
    return this.request<ApiResponse<K>>(path, { ...options, method, ...(input.body !== undefined ? { body: input.body } : {}) });
  }

  // ---- Endpoints -------------------------------------------------------------------------------

  getShop(signal?: AbortSignal): Promise<ShopSettings> {
    return this.call('GET /shop', {}, { auth: 'none', signal });
  }

  getMe(signal?: AbortSignal): Promise<Me> {
    return this.call('GET /me', {}, { auth: 'required', signal });
  }

  async listCategories(signal?: AbortSignal): Promise<Category[]> {
    const result = await this.call('GET /catalog/categories', {}, { signal });
    return result.categories;
  }

  /** `agreement`: the buyer's chosen agreement (prices change with it); absent = the company default. */
  listProducts(query: { category?: string; limit?: number; cursor?: string; agreement?: string }, signal?: AbortSignal): Promise<ProductPage> {
    const { category, limit, cursor, agreement } = query;
    return this.call('GET /catalog/products', { query: { category, limit: limit || undefined, cursor, agreement } }, { signal });
  }

  getProduct(sku: string, options: { agreement?: string } = {}, signal?: AbortSignal): Promise<ProductDetailView> {
    return this.call('GET /catalog/products/{sku}', { params: { sku }, query: { agreement: options.agreement } }, { signal });
  }

  /** Full-text and article-number search with facets; one page (`cursor`: the previous page's `nextCursor`). */
  searchProducts(query: SearchQuery, signal?: AbortSignal): Promise<SearchResult> {
    return this.call('GET /catalog/search', { query }, { signal });
  }

  /** Search-box suggestions for the text typed so far. */
  suggestProducts(q: string, signal?: AbortSignal): Promise<ProductSuggestions> {
    return this.call('GET /catalog/suggestions', { query: { q } }, { signal });
  }

  // ---- Pricing (company users) -----------------------------------------------------------------

  listAgreements(signal?: AbortSignal): Promise<AgreementList> {
    return this.call('GET /pricing/agreements', {}, { auth: 'required', signal });
  }

  quote(request: QuoteRequest, signal?: AbortSignal): Promise<Quote> {
    return this.call('POST /pricing/quote', { body: request }, { auth: 'required', signal });
  }

  // ---- Cart (company users) --------------------------------------------------------------------

  /** The cart priced for `agreement` (absent: the company default). */
  getCart(options: { agreement?: string } = {}, signal?: AbortSignal): Promise<CartView> {
    return this.call('GET /cart', { query: { agreement: options.agreement } }, { auth: 'required', signal });
  }

  /** Adds (or adds up) lines; `quantity` is a decimal string with "." ("0.25"). */
  addToCart(lines: { sku: string; quantity: string }[]): Promise<CartView> {
    return this.call('POST /cart/lines', { body: { lines } }, { auth: 'required' });
  }

  /** Sets a line's quantity; "0" removes the line. */
  setCartQuantity(sku: string, quantity: string): Promise<CartView> {
    return this.call('PUT /cart/lines/{sku}', { params: { sku }, body: { quantity } }, { auth: 'required' });
  }

  clearCart(): Promise<CartView> {
    return this.call('DELETE /cart', {}, { auth: 'required' });
  }

  quickOrder(text: string): Promise<QuickOrderResult> {
    return this.call('POST /cart/quick-order', { body: { text } }, { auth: 'required' });
  }

  async listSavedCarts(signal?: AbortSignal): Promise<SavedCart[]> {
    const result = await this.call('GET /cart/saved', {}, { auth: 'required', signal });
    return result.carts;
  }

  saveCart(name: string): Promise<ApiResponse<'POST /cart/saved'>> {
    return this.call('POST /cart/saved', { body: { name } }, { auth: 'required' });
  }

  /** Adds the saved cart's lines to the active cart. */
  restoreSavedCart(cartId: string): Promise<CartView> {
    return this.call('POST /cart/saved/{cartId}/restore', { params: { cartId } }, { auth: 'required' });
  }

  deleteSavedCart(cartId: string): Promise<ApiResponse<'DELETE /cart/saved/{cartId}'>> {
    return this.call('DELETE /cart/saved/{cartId}', { params: { cartId } }, { auth: 'required' });
  }

  // ---- Checkout and orders ---------------------------------------------------------------------

  previewCheckout(request: CheckoutRequest, signal?: AbortSignal): Promise<CheckoutPreview> {
    return this.call('POST /checkout/preview', { body: request }, { auth: 'required', signal });
  }

  /** The same `idempotencyKey` (retry of the same submission) returns the same order. */
  placeOrder(request: PlaceOrderRequest, idempotencyKey: string): Promise<ApiResponse<'POST /checkout/orders'>> {
    return this.call('POST /checkout/orders', { body: request }, { auth: 'required', headers: { 'Idempotency-Key': idempotencyKey } });
  }

  listOrders(
    companyId: string,
    query: { cursor?: string; limit?: number } = {},
    signal?: AbortSignal,
  ): Promise<ApiResponse<'GET /companies/{companyId}/orders'>> {
    return this.call(
      'GET /companies/{companyId}/orders',
      { params: { companyId }, query: { limit: query.limit || undefined, cursor: query.cursor } },
      { auth: 'required', signal },
    );
  }

  getOrder(companyId: string, orderId: string, signal?: AbortSignal): Promise<Order> {
    return this.call('GET /companies/{companyId}/orders/{orderId}', { params: { companyId, orderId } }, { auth: 'required', signal });
  }

  /** A presigned 5-minute link to the invoice PDF of a confirmed order. */
  getInvoiceLink(companyId: string, orderId: string, signal?: AbortSignal): Promise<InvoiceLink> {
    return this.call('GET /companies/{companyId}/orders/{orderId}/invoice', { params: { companyId, orderId } }, { auth: 'required', signal });
  }

  /** Company admin: approve or reject an order above a buyer's order limit. */
  decideOrder(
    companyId: string,
    orderId: string,
    decision: ApiRequestBody<'POST /companies/{companyId}/orders/{orderId}/approval'>,
  ): Promise<ApiResponse<'POST /companies/{companyId}/orders/{orderId}/approval'>> {
    return this.call('POST /companies/{companyId}/orders/{orderId}/approval', { params: { companyId, orderId }, body: decision }, { auth: 'required' });
  }

  getCredit(companyId: string, signal?: AbortSignal): Promise<CreditStatus> {
    return this.call('GET /companies/{companyId}/credit', { params: { companyId } }, { auth: 'required', signal });
  }

  /** Back office: the company's trade credit limit. */
  setCreditLimit(companyId: string, limit: Money): Promise<ApiResponse<'PUT /console/companies/{companyId}/credit-limit'>> {
    return this.call('PUT /console/companies/{companyId}/credit-limit', { params: { companyId }, body: { limit } }, { auth: 'required' });
  }

  /** Back office: books a received prepayment; `reference` makes it idempotent. */
  recordTopUp(companyId: string, amount: Money, reference: string): Promise<ApiResponse<'POST /console/companies/{companyId}/prepaid-top-ups'>> {
    return this.call('POST /console/companies/{companyId}/prepaid-top-ups', { params: { companyId }, body: { amount, reference } }, { auth: 'required' });
  }

  // ---- Group buying (company users join pools, back office opens them) -------------------------

  /** Open pools (closing time still ahead), each with the own company's commitment. */
  async listPools(signal?: AbortSignal): Promise<Pool[]> {
    const result = await this.call('GET /pools', {}, { auth: 'required', signal });
    return result.pools;
  }

  /** One pool, also after closing (then with `result`). */
  getPool(poolId: string, signal?: AbortSignal): Promise<ApiResponse<'GET /pools/{poolId}'>> {
    return this.call('GET /pools/{poolId}', { params: { poolId } }, { auth: 'required', signal });
  }

  /** Sets the company's commitment in whole units; 0 withdraws. 409 POOL_CLOSED after closing. */
  setPoolCommitment(poolId: string, quantity: number): Promise<ApiResponse<'PUT /pools/{poolId}/commitment'>> {
    return this.call('PUT /pools/{poolId}/commitment', { params: { poolId }, body: { quantity } }, { auth: 'required' });
  }

  async listConsolePools(signal?: AbortSignal): Promise<ApiResponse<'GET /console/pools'>['pools']> {
    const result = await this.call('GET /console/pools', {}, { auth: 'required', signal });
    return result.pools;
  }

  getConsolePool(poolId: string, signal?: AbortSignal): Promise<PoolDetail> {
    return this.call('GET /console/pools/{poolId}', { params: { poolId } }, { auth: 'required', signal });
  }

  openPool(request: NewPoolRequest): Promise<ApiResponse<'POST /console/pools'>> {
    return this.call('POST /console/pools', { body: request }, { auth: 'required' });
  }

  // ---- Discounts (back office edits, sales reps read) ------------------------------------------

  async listDiscounts(signal?: AbortSignal): Promise<Discount[]> {
    const result = await this.call('GET /console/discounts', {}, { auth: 'required', signal });
    return result.discounts;
  }

  saveDiscount(discount: Discount): Promise<Discount> {
    const { id, ...body } = discount;
    return this.call('PUT /console/discounts/{discountId}', { params: { discountId: id }, body }, { auth: 'required' });
  }

  deleteDiscount(id: string): Promise<{ deleted: string }> {
    return this.call('DELETE /console/discounts/{discountId}', { params: { discountId: id } }, { auth: 'required' });
  }

  /** Back office: all companies; sales rep: the assigned ones. `q` matches name, VAT ID or city. */
  listCompanies(query: { q?: string; cursor?: string } = {}, signal?: AbortSignal): Promise<ApiResponse<'GET /console/companies'>> {
    return this.call('GET /console/companies', { query: { q: query.q, cursor: query.cursor } }, { auth: 'required', signal });
  }

  updateShop(settings: ApiRequestBody<'PUT /console/shop'>): Promise<ApiResponse<'PUT /console/shop'>> {
    return this.call('PUT /console/shop', { body: settings }, { auth: 'required' });
  }

  updatePreferences(preferences: ApiRequestBody<'PUT /me/preferences'>): Promise<ApiResponse<'PUT /me/preferences'>> {
    return this.call('PUT /me/preferences', { body: preferences }, { auth: 'required' });
  }

  // ---- Registration (guests) -------------------------------------------------------------------

  createLicenceUpload(file: ApiRequestBody<'POST /registrations/licence-uploads'>): Promise<LicenceUpload> {
    return this.call('POST /registrations/licence-uploads', { body: file }, { auth: 'none' });
  }

  register(registration: RegistrationRequest): Promise<ApiResponse<'POST /registrations'>> {
    return this.call('POST /registrations', { body: registration }, { auth: 'none' });
  }

  // ---- Console (staff) -------------------------------------------------------------------------

  async listRegistrations(status: RegistrationStatus | undefined, signal?: AbortSignal): Promise<RegistrationSummary[]> {
    const result = await this.call('GET /console/registrations', { query: { status } }, { auth: 'required', signal });
    return result.registrations;
  }

  getRegistration(id: string, signal?: AbortSignal): Promise<RegistrationDetail> {
    return this.call('GET /console/registrations/{registrationId}', { params: { registrationId: id } }, { auth: 'required', signal });
  }

  approveRegistration(id: string, customerGroup: CustomerGroup): Promise<ApiResponse<'POST /console/registrations/{registrationId}/approve'>> {
    return this.call('POST /console/registrations/{registrationId}/approve', { params: { registrationId: id }, body: { customerGroup } }, { auth: 'required' });
  }

  rejectRegistration(id: string, reason: string): Promise<ApiResponse<'POST /console/registrations/{registrationId}/reject'>> {
    return this.call('POST /console/registrations/{registrationId}/reject', { params: { registrationId: id }, body: { reason } }, { auth: 'required' });
  }

  createCompany(request: NewCompanyRequest): Promise<ApiResponse<'POST /console/companies'>> {
    return this.call('POST /console/companies', { body: request }, { auth: 'required' });
  }

  /** Customer group and sales rep of a company (`repSub: null` unassigns). */
  assignCompany(
    companyId: string,
    change: ApiRequestBody<'PATCH /console/companies/{companyId}'>,
  ): Promise<ApiResponse<'PATCH /console/companies/{companyId}'>> {
    return this.call('PATCH /console/companies/{companyId}', { params: { companyId }, body: change }, { auth: 'required' });
  }

  async listReps(signal?: AbortSignal): Promise<Rep[]> {
    const result = await this.call('GET /console/reps', {}, { auth: 'required', signal });
    return result.reps;
  }

  async listCustomerGroups(signal?: AbortSignal): Promise<CustomerGroup[]> {
    const result = await this.call('GET /console/customer-groups', {}, { auth: 'required', signal });
    return result.customerGroups;
  }

  // ---- Company account (company users, the assigned rep on behalf, back office) -----------------

  getCompany(companyId: string, signal?: AbortSignal): Promise<CompanyDetail> {
    return this.call('GET /companies/{companyId}', { params: { companyId } }, { auth: 'required', signal });
  }

  updateCompany(companyId: string, change: ApiRequestBody<'PATCH /companies/{companyId}'>): Promise<ApiResponse<'PATCH /companies/{companyId}'>> {
    return this.call('PATCH /companies/{companyId}', { params: { companyId }, body: change }, { auth: 'required' });
  }

  setBillingAddress(companyId: string, address: Address): Promise<ApiResponse<'PUT /companies/{companyId}/billing-address'>> {
    return this.call('PUT /companies/{companyId}/billing-address', { params: { companyId }, body: address }, { auth: 'required' });
  }

  addDeliveryAddress(
    companyId: string,
    address: ApiRequestBody<'POST /companies/{companyId}/delivery-addresses'>,
  ): Promise<ApiResponse<'POST /companies/{companyId}/delivery-addresses'>> {
    return this.call('POST /companies/{companyId}/delivery-addresses', { params: { companyId }, body: address }, { auth: 'required' });
  }

  deleteDeliveryAddress(companyId: string, addressId: string): Promise<ApiResponse<'DELETE /companies/{companyId}/delivery-addresses/{addressId}'>> {
    return this.call('DELETE /companies/{companyId}/delivery-addresses/{addressId}', { params: { companyId, addressId } }, { auth: 'required' });
  }

  addBankAccount(
    companyId: string,
    account: ApiRequestBody<'POST /companies/{companyId}/bank-accounts'>,
  ): Promise<ApiResponse<'POST /companies/{companyId}/bank-accounts'>> {
    return this.call('POST /companies/{companyId}/bank-accounts', { params: { companyId }, body: account }, { auth: 'required' });
  }

  deleteBankAccount(companyId: string, accountId: string): Promise<ApiResponse<'DELETE /companies/{companyId}/bank-accounts/{accountId}'>> {
    return this.call('DELETE /companies/{companyId}/bank-accounts/{accountId}', { params: { companyId, accountId } }, { auth: 'required' });
  }

  async listUsers(companyId: string, signal?: AbortSignal): Promise<CompanyUser[]> {
    const result = await this.call('GET /companies/{companyId}/users', { params: { companyId } }, { auth: 'required', signal });
    return result.users;
  }

  inviteUser(companyId: string, user: ApiRequestBody<'POST /companies/{companyId}/users'>): Promise<ApiResponse<'POST /companies/{companyId}/users'>> {
    return this.call('POST /companies/{companyId}/users', { params: { companyId }, body: user }, { auth: 'required' });
  }

  updateUser(
    companyId: string,
    userSub: string,
    change: ApiRequestBody<'PATCH /companies/{companyId}/users/{userSub}'>,
  ): Promise<ApiResponse<'PATCH /companies/{companyId}/users/{userSub}'>> {
    return this.call('PATCH /companies/{companyId}/users/{userSub}', { params: { companyId, userSub }, body: change }, { auth: 'required' });
  }

  async listAudit(companyId: string, signal?: AbortSignal): Promise<AuditEntry[]> {
    const result = await this.call('GET /companies/{companyId}/audit', { params: { companyId } }, { auth: 'required', signal });
    return result.entries;
  }
}

/**
 * PUTs a file to a presigned upload URL with exactly the headers the API returned (they are part
 * of the signature). No Authorization header: the URL itself is the credential.
 */
export const uploadFile = async (upload: LicenceUpload, file: Blob): Promise<void> => {
  let response: Response;
  try {
    response = await fetch(upload.uploadUrl, { method: upload.method || 'PUT', headers: upload.headers, body: file });
  } catch {
    throw new ApiError(0, 'UPLOAD_FAILED', 'The file could not be uploaded. Please check your connection and try again.');
  }
  if (!response.ok) {
    const code = response.status === 413 ? 'UPLOAD_TOO_LARGE' : 'UPLOAD_FAILED';
    throw new ApiError(response.status, code, `The file could not be uploaded (HTTP ${response.status}). Please try again.`);
  }
};

/** What a validation message needs when the API left a figure out (a select falls to `other`). */
const issueDefaults = { origin: 'other', expected: 'other', format: 'other', inclusive: 'true', minimum: 0, maximum: 0, divisor: 1, values: '', keys: '' };

/** A field problem of `VALIDATION_FAILED` in the UI language (`errors.validation.<code>`), else the API's English message. */
export const validationIssueText = (issue: ValidationIssue): string => {
  const key = `errors.validation.${issue.code ?? ''}`;
  if (!issue.code || !hasMessage(key)) return issue.message;
  const values: Record<string, string | number> = { ...issueDefaults };
  for (const [name, value] of Object.entries(issue.params)) {
    if (typeof value === 'number' || typeof value === 'string') values[name] = value;
    else if (typeof value === 'boolean') values[name] = String(value);
    else if (Array.isArray(value)) values[name] = value.map(String).join(', ');
  }
  return translate(key, values);
};

/** User-facing text for an API error. */
export const apiErrorMessage = (error: unknown): string => {
  if (!(error instanceof ApiError)) return translate('errors.generic');
  const key = `errors.${error.code === 'INVALID_TOKEN' ? 'UNAUTHENTICATED' : error.code}`;
  if (hasMessage(key) && !(error.code === 'NOT_FOUND' && error.message)) return translate(key);
  return error.message || translate('errors.generic');
};
