/** Fetch wrapper for the portal API: JSON in/out, bearer ID token, `{ error: { code, message } }` errors. */
import type { AuthClient } from './auth.js';
import type { Category, Company, Me, ProductPage, ProductView, ShopSettings } from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Whether an error is the result of an aborted request (component unmounted, inputs changed). */
export const isAbortError = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

type AuthMode = 'none' | 'optional' | 'required';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  auth?: AuthMode;
  signal?: AbortSignal;
}

const tokenErrorCodes = new Set(['UNAUTHENTICATED', 'INVALID_TOKEN']);

const parseError = async (response: Response): Promise<ApiError> => {
  let code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : `HTTP_${response.status}`;
  let message = response.statusText || `Request failed (HTTP ${response.status})`;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown }; message?: unknown };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
    // API Gateway's own responses (JWT authorizer, throttling) are `{ "message": "..." }`.
    else if (typeof body.message === 'string') message = body.message;
  } catch {
    // Not JSON: keep the status-based defaults.
  }
  return new ApiError(response.status, code, message);
};

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
    if (!response.ok) throw await parseError(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async send(path: string, options: RequestOptions, token: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
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

  // ---- Endpoints -------------------------------------------------------------------------------

  getShop(signal?: AbortSignal): Promise<ShopSettings> {
    return this.request('/shop', { auth: 'none', signal });
  }

  getMe(signal?: AbortSignal): Promise<Me> {
    return this.request('/me', { auth: 'required', signal });
  }

  async listCategories(signal?: AbortSignal): Promise<Category[]> {
    const result = await this.request<{ categories: Category[] }>('/catalog/categories', { signal });
    return result.categories;
  }

  listProducts(query: { category?: string; limit?: number; cursor?: string }, signal?: AbortSignal): Promise<ProductPage> {
    const params = new URLSearchParams();
    if (query.category) params.set('category', query.category);
    if (query.limit) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    const search = params.toString();
    return this.request(`/catalog/products${search ? `?${search}` : ''}`, { signal });
  }

  getProduct(sku: string, signal?: AbortSignal): Promise<ProductView> {
    return this.request(`/catalog/products/${encodeURIComponent(sku)}`, { signal });
  }

  async listCompanies(signal?: AbortSignal): Promise<Company[]> {
    const result = await this.request<{ companies: Company[] }>('/console/companies', { auth: 'required', signal });
    return result.companies;
  }

  updateShop(settings: Partial<Pick<ShopSettings, 'loginOnly' | 'registrationOpen' | 'name'>>): Promise<ShopSettings> {
    return this.request('/console/shop', { method: 'PUT', body: settings, auth: 'required' });
  }
}

/** User-facing text for an API error. */
export const apiErrorMessage = (error: unknown): string => {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'FORBIDDEN':
        return 'You do not have permission to do this.';
      case 'UNAUTHENTICATED':
      case 'INVALID_TOKEN':
        return 'Your session has ended. Please sign in again.';
      case 'LOGIN_REQUIRED':
        return 'Please sign in to see the catalog.';
      case 'NOT_FOUND':
        return error.message || 'Not found.';
      default:
        return error.message || 'Something went wrong. Please try again.';
    }
  }
  return 'Something went wrong. Please try again.';
};
