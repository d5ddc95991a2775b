import type { Identity } from '../shared/auth.js';

export interface ShopSettings {
  readonly name: string;
  /** Guests see only the login page (seed 000 point 3, seed 003). */
  readonly loginOnly: boolean;
  /** Guests may request an account; when false, only back-office creates accounts. */
  readonly registrationOpen: boolean;
  readonly currency: string;
}

export const defaultShopSettings: ShopSettings = {
  name: 'B2B Portal',
  loginOnly: false,
  registrationOpen: true,
  currency: 'EUR',
};

export interface Company {
  readonly id: string;
  readonly name: string;
  readonly vatId: string;
  readonly city: string;
  readonly country: string;
  readonly customerGroup: string;
}

export const isStaff = (caller: Identity): boolean => caller.role === 'back-office' || caller.role === 'sales-rep';

/**
 * Whether `caller` may read company `companyId`. Company users see only their own company,
 * back-office sees all, a sales rep only the companies assigned to them.
 */
export function mayAccessCompany(caller: Identity, companyId: string, assignedToRep: boolean): boolean {
  switch (caller.role) {
    case 'back-office':
      return true;
    case 'sales-rep':
      return assignedToRep;
    case 'company-admin':
    case 'buyer':
      return caller.companyId === companyId;
  }
}
