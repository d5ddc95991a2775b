import type { ApiRequestBody, ApiResponse } from '../../functions/contract.js';

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
/** A console list row merged with the PATCH answer (which carries `manager`): kept hand-written. */
export interface Company {
  id: string;
  name: string;
  vatId: string;
  city: string;
  country: string;
  customerGroup: string;
  repSub?: string | null;
  manager?: Manager;
}
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
export interface NewCompanyRequest {
  company: { name: string; vatId: string; country: string };
  billingAddress: Address;
  customerGroup: string;
  admin: { email: string; name: string };
}
export type Category = ApiResponse<'GET /catalog/categories'>['categories'][number];

export interface Money {
  /** Integer amount in minor units (cents). */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
}

export type ProductPage = ApiResponse<'GET /catalog/products'>;
/** Prices, tiers and stock are only present for signed-in users. */
export type ProductView = ProductPage['products'][number];
/** `GET /catalog/products/{sku}`: the product plus cross-selling. */
export type ProductDetailView = ApiResponse<'GET /catalog/products/{sku}'>;
/** From `minQuantity` (decimal string of sales units) on, the unit price is `unitPrice`. */
export type PriceTier = NonNullable<ProductView['tiers']>[number];
export type WarehouseStock = NonNullable<NonNullable<ProductView['availability']>['warehouses']>[number];

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
export interface CheckoutRequest {
  agreementId?: string;
  deliveryCountry?: string;
  delivery?: DeliveryChoice;
  costCentre?: string;
}

export interface PlaceOrderRequest {
  agreementId?: string;
  delivery: DeliveryChoice;
  paymentMethod: string;
  poNumber?: string;
  costCentre?: string;
}
export interface EndCustomerAddress {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  phone?: string;
  email?: string;
}

export type DeliveryChoice =
  | { kind: 'pickup'; warehouseId: string }
  | { kind: 'own-transport' }
  | { kind: 'carrier'; carrierId: string; city: string; branchId: string }
  | { kind: 'dropshipping'; endCustomer: EndCustomerAddress; cashOnDelivery?: { amount: Money; iban?: string } };

export type OrderStatus = 'preliminary' | 'awaiting-approval' | 'rejected' | 'cancelled' | 'placing' | 'placed' | 'confirmed' | 'failed';

export interface OrderLine {
  sku: string;
  name: string;
  unit: string;
  quantity: string;
  unitNet: Money;
  lineNet: Money;
  vatRate: number;
}

export interface Order {
  orderId: string;
  orderNumber: string;
  companyId: string;
  placedBy: { sub: string; email: string; name: string; role: string };
  status: OrderStatus;
  createdAt: string;
  updatedAt?: string;
  lines: OrderLine[];
  net: Money;
  vat: Money;
  gross: Money;
  vatBreakdown: { rate: number; net: Money; vat: Money }[];
  reverseCharge: { applies: boolean; explanation?: string };
  orderDiscounts: AppliedDiscount[];
  agreementId: string | null;
  paymentMethod: string;
  delivery: { kind: string } & Record<string, unknown>;
  deliveryFee: Money;
  poNumber?: string;
  costCentre?: string;
  invoiceNumber?: string;
  erpOrderId?: string;
  failureReason?: string;
  approval?: { decidedBy: string; decidedAt: string; comment?: string };
  /** Entered by staff for the customer (then `placedBy` is the staff member). */
  onBehalfOf?: { companyId: string; companyName: string; enteredBy: { sub: string; email: string; name: string; role: string }; enteredAt: string; note?: string };
}

/** A document's KSeF outcome (seller in Poland, docs/ksef.md); offline = not yet numbered by KSeF. */
export interface KsefSummary {
  status: 'accepted' | 'offline' | 'rejected';
  ksefNumber?: string;
  /** KOD I, the verification link printed as QR code on the PDF. */
  verificationUrl?: string;
}

export interface InvoiceLink {
  invoiceNumber: string;
  /** Presigned, short-lived. */
  url: string;
  expiresInSeconds: number;
}

export interface LedgerEntry {
  at: string;
  kind: 'top-up' | 'charge' | 'refund';
  amount: Money;
  balanceAfter: Money;
  reference: string;
}

export interface CreditStatus {
  credit: { limit: Money; used: Money; available: Money };
  prepaid: { balance: Money; ledger: LedgerEntry[] };
}

// ---- Group buying (BestPrice pools, docs/group-buying.md) ----------------------------------------

/** From `minQuantity` whole units of the pool total on, every participant pays `unitPrice` (net). */
export interface PoolTier {
  minQuantity: number;
  unitPrice: Money;
}

export interface PoolCommitment {
  quantity: number;
  updatedAt: string;
  /** Name of the user who made the last change. */
  committedBy: string;
  /** After closing: the company's group-buy order. */
  orderId?: string;
}

export interface PoolResult {
  total: number;
  tierReached: number;
  unitPrice: Money;
  closedAt: string;
  orders: number;
}

export interface Pool {
  poolId: string;
  sku: string;
  name: string;
  productName: string;
  unit: string;
  currency: string;
  tiers: PoolTier[];
  closesAt: string;
  /** Effective: past `closesAt` it is closed even before the closing task ran. */
  status: 'open' | 'closed';
  participantCount: number;
  pickupWarehouseId: string;
  total: number;
  /** Index into `tiers`. */
  tierReached: number;
  currentUnitPrice: Money;
  nextTier: { minQuantity: number; unitPrice: Money; missing: number } | null;
  /** Saving of the reached tier against the first tier in basis points. */
  savingBps: number;
  /** Company users only: the own company's commitment (null: none). */
  myCommitment?: PoolCommitment | null;
  /** After the closing task ran. */
  result?: PoolResult;
}

export interface PoolParticipant {
  companyId: string;
  quantity: number;
  committedBy: { sub: string; email: string; name: string; role: string };
  updatedAt: string;
  orderId?: string;
  orderNumber?: string;
}

export interface PoolDetail extends Pool {
  participants: PoolParticipant[];
}

/** `POST /console/pools`: tier prices in integer minor units, the first tier from 0 units. */
export interface NewPoolRequest {
  sku: string;
  name: string;
  currency: string;
  tiers: { minQuantity: number; unitPrice: number }[];
  closesAt: string;
}

// ---- Sign-in through the portal API (/auth/*) and two-factor authentication (/me/mfa) -----------

export interface AuthTokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** Seconds until the ID and access tokens expire. */
  expiresIn: number;
}

export type AuthChallenge = 'NEW_PASSWORD_REQUIRED' | 'SOFTWARE_TOKEN_MFA';

export interface AuthChallengeAnswer {
  kind: 'challenge';
  challenge: AuthChallenge;
  /** Opaque Cognito session to send back with the answer. */
  session: string;
}

/** Answer of POST /auth/sign-in and POST /auth/challenge. */
export type SignInAnswer = { kind: 'signed-in'; tokens: AuthTokens } | AuthChallengeAnswer;

/** Answer of POST /auth/refresh. */
export interface RefreshAnswer {
  tokens: Omit<AuthTokens, 'refreshToken'>;
}

/** Answer of POST /me/mfa/setup: the TOTP secret (base32) and the link for authenticator apps. */
export interface MfaSetup {
  secret: string;
  otpauthUri: string;
}

/** Answer of POST /me/mfa/verify and DELETE /me/mfa. */
export interface MfaStatus {
  mfaEnabled: boolean;
}
