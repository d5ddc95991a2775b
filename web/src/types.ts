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
  user: { sub: string; email: string; name: string; role: Role; sessionTimeoutMinutes?: number };
  company?: Company;
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
}

export interface CompanyUser {
  sub: string;
  email: string;
  name: string;
  role: CompanyRole;
  enabled: boolean;
  orderLimit: Money | null;
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

export interface ProductView {
  sku: string;
  name: string;
  description: string;
  categoryId: string;
  unit: string;
  price?: Money;
  availability?: { inStock: boolean; quantity: number };
}

export interface ProductPage {
  products: ProductView[];
  nextCursor?: string;
}

export type ClientKind = 'shop' | 'console';
