import type { ApiRequestBody, ApiRequestQuery, ApiResponse } from '../../functions/contract.js';

/** Shapes of `/config.json` and of the HTTP API responses the SPA uses. */

export interface RuntimeConfig {
  apiBaseUrl: string;
  region: string;
  userPoolId: string;
  shopClientId: string;
  consoleClientId: string;
  cognitoEndpoint: string;
  /** Local stack only: the e-mail outbox page. */
  outboxUrl?: string;
}

export type Role = 'company-admin' | 'super-user' | 'buyer' | 'sales-rep' | 'back-office';
export type CompanyRole = 'company-admin' | 'super-user' | 'buyer';

export const companyRoles: readonly Role[] = ['company-admin', 'super-user', 'buyer'];
export const staffRoles: readonly Role[] = ['sales-rep', 'back-office'];

// ---- Accounts and catalog (types from the route contracts, functions/accounts|catalog/contract.ts) --
export type ShopSettings = ApiResponse<'GET /shop'>;
export type CompanyDetail = ApiResponse<'GET /companies/{companyId}'>;
/** A row of the console's company list; `repSub` is the assigned sales rep (absent: none). */
export type Company = ApiResponse<'GET /console/companies'>['companies'][number];
/** The company's personal manager (its sales rep). */
export type Manager = NonNullable<CompanyDetail['manager']>;
export type Me = ApiResponse<'GET /me'>;
export type Address = ApiRequestBody<'PUT /companies/{companyId}/billing-address'>;
export type DeliveryAddress = NonNullable<CompanyDetail['deliveryAddresses']>[number];
export type BankAccount = NonNullable<CompanyDetail['bankAccounts']>[number];
/** VIES checks of the VAT ID with the last valid answer as evidence (reverse charge needs it). */
export type VatCheck = NonNullable<CompanyDetail['vatCheck']>;
export type VatEvidence = NonNullable<VatCheck['evidence']>;
export type CompanyUser = ApiResponse<'GET /companies/{companyId}/users'>['users'][number];
export type AuditEntry = ApiResponse<'GET /companies/{companyId}/audit'>['entries'][number];
export type RegistrationSummary = ApiResponse<'GET /console/registrations'>['registrations'][number];
export type RegistrationStatus = RegistrationSummary['status'];
export type RegistrationDetail = ApiResponse<'GET /console/registrations/{registrationId}'>;
export type RegistrationRequest = ApiRequestBody<'POST /registrations'>;
export type LicenceUpload = ApiResponse<'POST /registrations/licence-uploads'>;
export type Rep = ApiResponse<'GET /console/reps'>['reps'][number];
export type NewCompanyRequest = ApiRequestBody<'POST /console/companies'>;
export type CustomerGroup = NewCompanyRequest['customerGroup'];
export type CompanyAdministration = ApiRequestBody<'PATCH /console/companies/{companyId}'>;
export type Category = ApiResponse<'GET /catalog/categories'>['categories'][number];

/** Integer `amount` in minor units (cents) with its ISO 4217 `currency`. */
export type Money = CreditStatus['credit']['limit'];

export type ProductPage = ApiResponse<'GET /catalog/products'>;
/** Prices, tiers and stock are only present for signed-in users. */
export type ProductView = ProductPage['products'][number];
/** `GET /catalog/products/{sku}`: the product plus cross-selling. */
export type ProductDetailView = ApiResponse<'GET /catalog/products/{sku}'>;
/** From `minQuantity` (decimal string of sales units) on, the unit price is `unitPrice`. */
export type PriceTier = NonNullable<ProductView['tiers']>[number];
export type WarehouseStock = NonNullable<NonNullable<ProductView['availability']>['warehouses']>[number];
/** `GET /catalog/search`: one page of hits with facet counts over all hits. */
export type SearchResult = ApiResponse<'GET /catalog/search'>;
export type SearchFacets = SearchResult['facets'];
/** The search parameters as the URL carries them (`attr`: "code:value,code:value", `inStock`: "true"). */
export type SearchQuery = Partial<Record<keyof ApiRequestQuery<'GET /catalog/search'>, string | number | undefined>>;
export type ProductSuggestions = ApiResponse<'GET /catalog/suggestions'>;

/** A discount of the rule builder; `rule` is the JSON rule language (see docs/pricing.md). */

// ---- Pricing (types from the route contracts, functions/pricing/contract.ts) -------------------
export type AgreementList = ApiResponse<'GET /pricing/agreements'>;
export type Agreement = AgreementList['agreements'][number];
export type Quote = ApiResponse<'POST /pricing/quote'>;
export type QuoteLine = Quote['lines'][number];
export type AppliedDiscount = QuoteLine['discounts'][number];
export type LineProblemCode = QuoteLine['problems'][number];
export type QuoteRequest = ApiRequestBody<'POST /pricing/quote'>;
export type Discount = ApiResponse<'PUT /console/discounts/{discountId}'>;
export type DiscountEffect = Discount['effect'];

export type ClientKind = 'shop' | 'console';

// ---- Cart, checkout, orders ------------------------------------------------------------------

/** `GET /cart`: the cart re-priced now (`quote` is null for an empty cart). */
export type CartView = ApiResponse<'GET /cart'>;
export type CartLineView = CartView['lines'][number];
export type QuickOrderResult = ApiResponse<'POST /cart/quick-order'>;
export type SavedCart = ApiResponse<'GET /cart/saved'>['carts'][number];
export type CheckoutPreview = ApiResponse<'POST /checkout/preview'>;
export type DeliveryOption = CheckoutPreview['deliveryOptions'][number];
export type DeliveryKind = DeliveryOption['kind'];
export type Warehouse = NonNullable<DeliveryOption['warehouses']>[number];
export type OpeningHours = Warehouse['openingHours'][number];
/** Every method is listed; not-allowed ones carry the reason sentence shown next to them. */
export type PaymentOption = CheckoutPreview['paymentOptions'][number];
export type PaymentMethod = PaymentOption['method'];
export type CheckoutRequest = ApiRequestBody<'POST /checkout/preview'>;
export type PlaceOrderRequest = ApiRequestBody<'POST /checkout/orders'>;
export type DeliveryChoice = PlaceOrderRequest['delivery'];
export type EndCustomerAddress = Extract<DeliveryChoice, { kind: 'dropshipping' }>['endCustomer'];

export type Order = ApiResponse<'GET /companies/{companyId}/orders/{orderId}'>;
export type OrderStatus = Order['status'];
export type OrderLine = Order['lines'][number];
/** Presigned, short-lived link to the order's invoice PDF. */
export type InvoiceLink = ApiResponse<'GET /companies/{companyId}/orders/{orderId}/invoice'>;
/** A document's KSeF outcome (seller in Poland, docs/ksef.md); offline = not yet numbered by KSeF. */
export type KsefSummary = NonNullable<ApiResponse<'GET /companies/{companyId}/invoices/{invoiceNumber}'>['ksef']>;

export type CreditStatus = ApiResponse<'GET /companies/{companyId}/credit'>;
export type LedgerEntry = CreditStatus['prepaid']['ledger'][number];

// ---- Group buying (BestPrice pools, docs/group-buying.md) ----------------------------------------

export type Pool = ApiResponse<'GET /pools'>['pools'][number];
export type PoolTier = Pool['tiers'][number];
export type PoolCommitment = NonNullable<Pool['myCommitment']>;
export type PoolDetail = ApiResponse<'GET /console/pools/{poolId}'>;
export type PoolParticipant = PoolDetail['participants'][number];
/** `POST /console/pools`: tier prices in integer minor units, the first tier from 0 units. */
export type NewPoolRequest = ApiRequestBody<'POST /console/pools'>;

// ---- Sign-in through the portal API (/auth/*) and two-factor authentication (/me/mfa) -----------

/** Answer of POST /auth/sign-in and POST /auth/challenge. */
export type SignInAnswer = ApiResponse<'POST /auth/sign-in'>;
export type AuthTokens = Extract<SignInAnswer, { kind: 'signed-in' }>['tokens'];
export type AuthChallengeAnswer = Extract<SignInAnswer, { kind: 'challenge' }>;
export type AuthChallenge = AuthChallengeAnswer['challenge'];
export type RefreshAnswer = ApiResponse<'POST /auth/refresh'>;
/** The TOTP secret (base32) and the link for authenticator apps. */
export type MfaSetup = ApiResponse<'POST /me/mfa/setup'>;
export type MfaStatus = ApiResponse<'POST /me/mfa/verify'>;
