/** Shapes of `/config.json` and of the HTTP API responses the SPA uses. */

export interface RuntimeConfig {
  apiBaseUrl: string;
  region: string;
  userPoolId: string;
  shopClientId: string;
  consoleClientId: string;
  cognitoEndpoint: string;
}

export type Role = 'company-admin' | 'buyer' | 'sales-rep' | 'back-office';

export const companyRoles: readonly Role[] = ['company-admin', 'buyer'];
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
}

export interface Me {
  user: { sub: string; email: string; name: string; role: Role };
  company?: Company;
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
