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

export interface ShopSettings {
  name: string;
  loginOnly: boolean;
  registrationOpen: boolean;
  currency: string;
  /** The seller's contact on e-invoices (XRechnung BG-6: name, phone, plain e-mail). */
  sellerContact?: { name: string; phone: string; email: string };
}

export interface Company {
  id: string;
  name: string;
  vatId: string;
  city: string;
  country: string;
  customerGroup: string;
  /** The assigned sales rep, when the API includes it in lists. */
  repSub?: string | null;
  manager?: Manager;
}

/** The company's personal manager (its sales rep). */
export interface Manager {
  name: string;
  email: string;
  phone?: string;
}

export interface Me {
  user: {
    sub: string;
    email: string;
    name: string;
    role: Role;
    sessionTimeoutMinutes?: number;
    /** A TOTP authenticator is set up (sign-in asks for its code). */
    mfaEnabled?: boolean;
    /** The company (or, for staff, the deployment) requires two-factor authentication. */
    mfaRequired?: boolean;
  };
  company?: Company;
  /** Companies the user can switch between (home first); one entry for users of one company. */
  companies?: { companyId: string; name: string; role: Role; home: boolean }[];
  activeCompanyId?: string;
}

export interface Address {
  name?: string;
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface DeliveryAddress extends Address {
  id: string;
}

export interface BankAccount {
  id: string;
  iban: string;
  bic?: string;
  holder: string;
}

export interface CompanyDetail {
  id: string;
  name: string;
  vatId: string;
  country: string;
  city: string;
  customerGroup: string;
  billingAddress?: Address;
  deliveryAddresses?: DeliveryAddress[];
  bankAccounts?: BankAccount[];
  manager?: Manager;
  repSub?: string | null;
  /** All employees must use two-factor authentication (PUT /companies/{id}/security). */
  mfaRequired?: boolean;
  /** VIES checks of the VAT ID with the last valid answer as evidence (reverse charge needs it). */
  vatCheck?: VatCheck;
}

/** A VIES answer kept as evidence (functions/accounts/rules.ts VatEvidence). */
export interface VatEvidence {
  vatId: string;
  source: 'VIES';
  valid: true;
  requestDate: string;
  consultationNumber?: string;
  name?: string;
  address?: string;
  checkedAt: string;
}

export interface VatCheck {
  vatId: string;
  status: 'valid' | 'invalid' | 'unavailable';
  lastAttemptAt: string;
  error?: string;
  evidence?: VatEvidence;
  dueAt: string;
}

export interface CompanyUser {
  sub: string;
  email: string;
  name: string;
  role: CompanyRole;
  enabled: boolean;
  orderLimit: Money | null;
  /** The technical punchout account the portal owns (role and state change only with the punchout set-up). */
  technical?: 'punchout';
}

export interface AuditEntry {
  at: string;
  action: string;
  actor: { sub: string; name: string; role: string };
  onBehalf: boolean;
  details?: unknown;
}

export type RegistrationStatus = 'pending' | 'approved' | 'rejected';

export interface RegistrationSummary {
  id: string;
  status: RegistrationStatus;
  createdAt: string;
  company: { name: string; vatId: string; country: string };
  contact: { name: string; email: string; phone?: string };
}

export interface RegistrationDetail extends RegistrationSummary {
  billingAddress: Address;
  deliveryAddress?: Address;
  licence: { fileName: string; contentType: string; size: number; url: string };
  rejectionReason?: string;
  companyId?: string;
}

export interface RegistrationRequest {
  company: { name: string; vatId: string; country: string };
  contact: { name: string; email: string; phone?: string };
  billingAddress: Address;
  deliveryAddress?: Address;
  licenceUploadId: string;
}

export interface LicenceUpload {
  uploadId: string;
  uploadUrl: string;
  method: string;
  headers: Record<string, string>;
  expiresAt: string;
}

export interface Rep {
  sub: string;
  name: string;
  email: string;
  phone?: string;
}

export interface NewCompanyRequest {
  company: { name: string; vatId: string; country: string };
  billingAddress: Address;
  customerGroup: string;
  admin: { email: string; name: string };
}

export interface Category {
  id: string;
  name: string;
  description: string;
  productCount: number;
}

export interface Money {
  /** Integer amount in minor units (cents). */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
}

/** From `minQuantity` (decimal string of sales units, e.g. "10" or "0.5") on, the unit price is `unitPrice`. */
export interface PriceTier {
  minQuantity: string;
  unitPrice: Money;
}

export interface WarehouseStock {
  id: string;
  name: string;
  quantity: number;
}

/** Prices, tiers and stock are only present for signed-in users. */
export interface ProductView {
  sku: string;
  name: string;
  description: string;
  categoryId: string;
  unit: string;
  price?: Money;
  /** Whether `price` (and the tier prices) are net or include VAT. */
  priceDisplay?: 'net' | 'gross';
  /** VAT rate in basis points (1900 = 19 %). */
  vatRate?: number;
  tiers?: PriceTier[];
  priceExplanation?: string[];
  availability?: { inStock: boolean; quantity: number; warehouses?: WarehouseStock[] };
}

/** `GET /catalog/products/{sku}`: the product plus cross-selling. */
export interface ProductDetailView extends ProductView {
  related?: ProductView[];
}









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

export interface ProductPage {
  products: ProductView[];
  nextCursor?: string;
}

export type ClientKind = 'shop' | 'console';

// ---- Cart, checkout, orders ------------------------------------------------------------------

export interface CartLineView {
  sku: string;
  name: string;
  unit: string;
  /** Decimal string of sales units ("0.25"). */
  quantity: string;
  addedAt: string;
}

/** `GET /cart`: the cart re-priced now (`quote` is null for an empty cart). */
export interface CartView {
  lines: CartLineView[];
  version: number;
  quote: Quote | null;
  /** Unit net when the line was added vs. now. */
  changes: { sku: string; was: Money; now: Money }[];
  /** Lines above the total stock (`available`: decimal string). */
  stockShortages?: { sku: string; available: string }[];
  /** Checkout selling: related products not in the cart. */
  suggestions: { sku: string; name: string; unit: string; price: Money | null }[];
}

export interface QuickOrderResult {
  cart: CartView;
  added: number;
  unknownSkus: string[];
  invalidLines: { line: number; text: string }[];
}

export interface SavedCart {
  cartId: string;
  name: string;
  lines: number;
  updatedAt: string;
}

export interface OpeningHours {
  days: string;
  hours: string;
}

export interface Warehouse {
  id: string;
  name: string;
  address: { street: string; postalCode: string; city: string; country: string };
  openingHours: OpeningHours[];
}

export type DeliveryKind = 'pickup' | 'own-transport' | 'carrier' | 'dropshipping';

export interface DeliveryOption {
  kind: DeliveryKind;
  carrierId?: string;
  name: string;
  available: boolean;
  fee: Money;
  conditions: string;
  reasonCode?: string;
  reason?: string;
  warehouses?: Warehouse[];
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

export type PaymentMethod = 'on-account' | 'prepaid-balance' | 'bank-prepayment' | 'card' | 'cash-on-delivery';

/** Every method is listed; not-allowed ones carry the reason sentence shown next to them. */
export interface PaymentOption {
  method: PaymentMethod | string;
  label: string;
  allowed: boolean;
  reasonCode?: string;
  reason?: string;
}

export interface CheckoutPreview {
  cart: CartView;
  deliveryOptions: DeliveryOption[];
  deliveryFee: Money;
  /** Gross plus delivery fee. */
  payable: Money;
  paymentOptions: PaymentOption[];
}

export interface CheckoutRequest {
  agreementId?: string;
  deliveryCountry?: string;
  delivery?: DeliveryChoice;
  /** One of the company's cost centres: its budget shows in the preview. */
  costCentre?: string;
}

export interface PlaceOrderRequest {
  agreementId?: string;
  delivery: DeliveryChoice;
  paymentMethod: string;
  poNumber?: string;
  costCentre?: string;
}

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
