import { randomBytes } from 'node:crypto';
import { isCompanyRole, type CompanyRole } from '../../lib/definitions/index.js';
import type { Identity } from '../shared/auth.js';
import type { Money } from '../shared/money.js';
import { defaultSessionTimeoutMinutes } from '../shared/session-rules.js';
import type { Agreement } from '../pricing/model.js';

export interface ShopSettings {
  readonly name: string;
  /** Guests see only the login page (seed 000 point 3, seed 003). */
  readonly loginOnly: boolean;
  /** Guests may request an account; when false, only back-office creates accounts (seed 003). */
  readonly registrationOpen: boolean;
  readonly currency: string;
  /** The seller's country: VAT origin for reverse charge. */
  readonly sellerCountry: string;
  /** Customer groups shown gross prices (VAT included); all others see net prices. */
  readonly grossPriceGroups: readonly string[];
  /** Printed on invoices. */
  readonly sellerAddressLines: readonly string[];
  readonly sellerVatId: string;
  readonly sellerIban: string;
  /**
   * The seller's contact on e-invoices (BG-6): XRechnung requires name, telephone (BT-42, BR-DE-6/27)
   * and a plain, answered e-mail address (BT-43, BR-DE-7/28); also the seller's electronic address (BT-34).
   */
  readonly sellerContact: SellerContact;
}

export interface SellerContact {
  readonly name: string;
  readonly phone: string;
  readonly email: string;
}

/** Why a seller contact cannot go on an XRechnung (undefined: it can). */
export function sellerContactProblem(contact: SellerContact): string | undefined {
  if (contact.name.trim() === '') return 'The seller contact needs a name';
  if ((contact.phone.match(/\d/g) ?? []).length < 3 || !/^\+?[\d\s()/.-]+$/.test(contact.phone.trim())) return 'The seller contact phone needs at least three digits (digits, spaces, + ( ) / . - only)';
  // BR-DE-28: one @, at least two characters either side, no space or dot next to it, no dot at either end.
  if (!/^[^\s@.][^\s@]*[^\s@.]@[^\s@.][^\s@]*[^\s@.]$/.test(contact.email) || !/\.[^.@]+$/.test(contact.email)) return 'The seller contact e-mail must be a plain address (name@domain.tld)';
  if (/^(no-?reply|do-?not-?reply|noreply)@/i.test(contact.email)) return 'The seller contact e-mail must be an address that is answered, not a no-reply address';
  return undefined;
}

export const defaultShopSettings: ShopSettings = {
  name: 'B2B Portal',
  loginOnly: false,
  registrationOpen: true,
  currency: 'EUR',
  sellerCountry: 'DE',
  grossPriceGroups: ['retail'],
  sellerAddressLines: [],
  sellerVatId: '',
  sellerIban: '',
  sellerContact: { name: '', phone: '', email: '' },
};

/** Customer groups key prices, catalogs and payment methods in later features. */
export const customerGroups = ['retail', 'wholesale', 'key-account'] as const;
export type CustomerGroup = (typeof customerGroups)[number];

export interface Address {
  readonly name?: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
}

export interface BankAccount {
  readonly id: string;
  readonly iban: string;
  readonly bic?: string;
  readonly holder: string;
}

export interface Manager {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
}

export interface Company {
  readonly id: string;
  readonly name: string;
  readonly vatId: string;
  readonly city: string;
  readonly country: string;
  readonly customerGroup: string;
  /** The assigned sales rep (Cognito sub). */
  readonly repSub?: string;
}

export interface CompanyAccount extends Company {
  readonly billingAddress?: Address;
  readonly deliveryAddresses: readonly (Address & { readonly id: string })[];
  readonly bankAccounts: readonly BankAccount[];
  readonly manager?: Manager;
  /** Business profiles (seed 003: a holding's customers see only their profile's categories). */
  readonly businessProfiles?: readonly string[];
  /** Contract types the company holds (seed 003); the buyer picks the active one. */
  readonly agreements?: readonly Agreement[];
  readonly defaultAgreementId?: string;
  /** Set by the first placed order; until then the company counts as a new customer. */
  readonly firstOrderAt?: string;
  /** The company admin requires two-factor authentication of every employee (functions/accounts/mfa.ts). */
  readonly mfaRequired?: boolean;
}

export interface CompanyUser {
  readonly sub: string;
  readonly email: string;
  readonly name: string;
  readonly role: CompanyRole;
  readonly enabled: boolean;
  readonly orderLimit: Money | null;
  /** Set when the user is a member from another company (several companies per user). */
  readonly homeCompanyId?: string;
  /** A technical account the portal created and owns (punchout); never a person (functions/accounts/technical-users.ts). */
  readonly technical?: 'punchout';
}

export const sessionTimeout = { defaultMinutes: defaultSessionTimeoutMinutes, minMinutes: 5, maxMinutes: 720 } as const;
export const maxDeliveryAddresses = 50;
export const maxBankAccounts = 10;

export const isStaff = (caller: Identity): boolean => caller.role === 'back-office' || caller.role === 'sales-rep';

export type CompanyAction = 'view' | 'edit-master-data' | 'edit-bank-accounts' | 'view-users' | 'manage-users' | 'view-audit';

const companyRoleRights: Record<CompanyRole, readonly CompanyAction[]> = {
  'company-admin': ['view', 'edit-master-data', 'edit-bank-accounts', 'view-users', 'manage-users', 'view-audit'],
  'super-user': ['view', 'edit-master-data', 'edit-bank-accounts'],
  buyer: ['view'],
};

/** What an assigned sales rep may do for a company (seed 002: address book, basic data, no bank data). */
const repRights: readonly CompanyAction[] = ['view', 'edit-master-data', 'view-users', 'view-audit'];
const backOfficeRights: readonly CompanyAction[] = ['view', 'edit-master-data', 'edit-bank-accounts', 'view-users', 'view-audit'];

/**
 * Whether `caller` may perform `action` on company `companyId`. Company users act only inside their
 * own company, a sales rep only for assigned companies, back-office for all (but user management
 * stays with the company's own admins).
 */
export function mayOnCompany(caller: Identity, companyId: string, assignedToRep: boolean, action: CompanyAction): boolean {
  if (caller.role === 'back-office') return backOfficeRights.includes(action);
  if (caller.role === 'sales-rep') return assignedToRep && repRights.includes(action);
  if (!isCompanyRole(caller.role) || caller.companyId !== companyId) return false;
  return companyRoleRights[caller.role].includes(action);
}

export const mayAccessCompany = (caller: Identity, companyId: string, assignedToRep: boolean): boolean =>
  mayOnCompany(caller, companyId, assignedToRep, 'view');

/** A company must keep at least one enabled company-admin. */
export function losesLastAdmin(users: readonly CompanyUser[], targetSub: string, change: { role?: CompanyRole; enabled?: boolean }): boolean {
  const after = users.map((user) =>
    user.sub === targetSub ? { ...user, role: change.role ?? user.role, enabled: change.enabled ?? user.enabled } : user,
  );
  const adminsBefore = users.filter((user) => user.role === 'company-admin' && user.enabled).length;
  const adminsAfter = after.filter((user) => user.role === 'company-admin' && user.enabled).length;
  return adminsBefore > 0 && adminsAfter === 0;
}

/** A readable, unique company id: `mueller-bau-gmbh-4f2a9c`. */
export function newCompanyId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${slug || 'company'}-${randomBytes(3).toString('hex')}`;
}

/** Lower-cased text a company is found by (name, VAT ID, city). */
export const companySearchText = (company: Pick<Company, 'name' | 'vatId' | 'city'>): string =>
  `${company.name} ${company.vatId} ${company.city}`.toLowerCase();
