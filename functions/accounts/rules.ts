import { randomBytes } from 'node:crypto';
import { isCompanyRole, type CompanyRole } from '../../lib/definitions/index.js';
import type { Identity } from '../shared/auth.js';
import type { Language } from '../shared/locale.js';
import type { Money } from '../shared/money.js';
import { defaultSessionTimeoutMinutes } from '../shared/session-rules.js';
import type { VatIdEvidence, ViesOutcome } from '../shared/vies.js';
import type { Agreement } from './model.js';

export interface ShopSettings {
  readonly name: string;
  /** Guests see only the login page (seed 000 point 3, seed 003). */
  readonly loginOnly: boolean;
  /** Guests may request an account; when false, only back-office creates accounts (seed 003). */
  readonly registrationOpen: boolean;
  /** The shop's default currency: prices, orders and accounts of companies whose agreement fixes none; also the VAT accounting currency (BT-6). */
  readonly currency: string;
  /** Every currency the shop sells in (ISO 4217, includes `currency`); an agreement may fix one of them (README "Currencies"). */
  readonly currencies: readonly string[];
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
  if ((contact.phone.match(/\d/g) ?? []).length < 3 || !/^\+?[\d\s()/.-]+$/.test(contact.phone.trim()))
    return 'The seller contact phone needs at least three digits (digits, spaces, + ( ) / . - only)';
  // BR-DE-28: one @, at least two characters either side, no space or dot next to it, no dot at either end.
  if (!/^[^\s@.][^\s@]*[^\s@.]@[^\s@.][^\s@]*[^\s@.]$/.test(contact.email) || !/\.[^.@]+$/.test(contact.email))
    return 'The seller contact e-mail must be a plain address (name@domain.tld)';
  if (/^(no-?reply|do-?not-?reply|noreply)@/i.test(contact.email))
    return 'The seller contact e-mail must be an address that is answered, not a no-reply address';
  return undefined;
}

export const defaultShopSettings: ShopSettings = {
  name: 'B2B Portal',
  loginOnly: false,
  registrationOpen: true,
  currency: 'EUR',
  currencies: ['EUR'],
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
  /** Language of the company's documents and e-mails when it is not its country's (functions/shared/locale.ts). */
  readonly language?: Language;
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
  /** VIES checks of the VAT ID with the last valid answer as evidence (functions/accounts/vat-check.ts). */
  readonly vatCheck?: VatCheck;
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
  const after = users.map((user) => (user.sub === targetSub ? { ...user, role: change.role ?? user.role, enabled: change.enabled ?? user.enabled } : user));
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

// ---- VIES VAT-ID checks (issue 13 item 5; docs/access-patterns.md "VAT-ID checks") ----------

/** Days after which a valid VIES answer is checked again (the scheduled re-check). */
export const vatRecheckDays = 30;
/** Days a valid VIES answer still counts as evidence while VIES cannot answer (MS_UNAVAILABLE, timeout). */
export const vatEvidenceGraceDays = 45;
/** Hours until the next try after VIES could not answer. */
export const vatRetryHours = 6;

/** The qualified VIES answer kept as evidence of the buyer's VAT status (and copied onto reverse-charge orders). */
export type VatEvidence = VatIdEvidence;

/** The port's answer (functions/shared/vies.ts): VIES confirmed, denied, or could not answer. */
export type { ViesOutcome };

/** What the company PROFILE item keeps about the checks of its VAT ID (attribute `vatCheck`). */
export interface VatCheck {
  /** The VAT ID of the last attempt. */
  readonly vatId: string;
  /** Outcome of the last attempt. */
  readonly status: 'valid' | 'invalid' | 'unavailable';
  readonly lastAttemptAt: string;
  /** VIES error of the last attempt when it was `unavailable`. */
  readonly error?: string;
  /** The newest valid answer for `vatId` (kept while VIES is unavailable). */
  readonly evidence?: VatEvidence;
  /** When the next check is due (the check-due index, GSI2). */
  readonly dueAt: string;
}

const addMs = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
const DAY_MS = 86_400_000;

/**
 * Folds a VIES outcome into the stored check: a valid answer becomes the evidence; an invalid one drops
 * it (VIES says the number is not registered); an unavailable VIES keeps the previous evidence of the
 * same VAT ID (its age decides later whether it still counts) and retries after `vatRetryHours`.
 */
export function nextVatCheck(previous: VatCheck | undefined, vatId: string, outcome: ViesOutcome, now: string): VatCheck {
  const kept = previous?.vatId === vatId ? previous.evidence : undefined;
  if (outcome.kind === 'valid') {
    const evidence: VatEvidence = {
      vatId,
      source: 'VIES',
      valid: true,
      requestDate: outcome.requestDate,
      ...(outcome.consultationNumber ? { consultationNumber: outcome.consultationNumber } : {}),
      ...(outcome.name ? { name: outcome.name } : {}),
      ...(outcome.address ? { address: outcome.address } : {}),
      checkedAt: now,
    };
    return { vatId, status: 'valid', lastAttemptAt: now, evidence, dueAt: addMs(now, vatRecheckDays * DAY_MS) };
  }
  if (outcome.kind === 'invalid') return { vatId, status: 'invalid', lastAttemptAt: now, dueAt: addMs(now, vatRecheckDays * DAY_MS) };
  return {
    vatId,
    status: 'unavailable',
    lastAttemptAt: now,
    error: outcome.error,
    ...(kept ? { evidence: kept } : {}),
    dueAt: addMs(now, vatRetryHours * 3_600_000),
  };
}

export type VatConfirmation =
  | { readonly confirmed: true; readonly evidence: VatEvidence }
  | { readonly confirmed: false; readonly code: 'VAT_ID_NOT_CONFIRMED' | 'VAT_ID_INVALID'; readonly message: string };

/**
 * Whether the company's VAT ID is confirmed for reverse charge at `now`: only a valid VIES answer for
 * exactly the current VAT ID that is at most `vatEvidenceGraceDays` old counts (an older one waits for
 * the re-check). No check, another VAT ID, an invalid answer or stale evidence: not confirmed.
 */
export function vatConfirmation(check: VatCheck | undefined, vatId: string, now: string): VatConfirmation {
  if (!check || check.vatId !== vatId)
    return { confirmed: false, code: 'VAT_ID_NOT_CONFIRMED', message: `VAT ID ${vatId} has not been confirmed by VIES yet; domestic VAT is charged.` };
  if (check.status === 'invalid')
    return { confirmed: false, code: 'VAT_ID_INVALID', message: `VIES reports VAT ID ${vatId} as not valid; domestic VAT is charged.` };
  const evidence = check.evidence;
  if (!evidence || evidence.vatId !== vatId) {
    return {
      confirmed: false,
      code: 'VAT_ID_NOT_CONFIRMED',
      message: `VAT ID ${vatId} could not be checked (VIES: ${check.error ?? 'no answer'}); domestic VAT is charged until VIES confirms it.`,
    };
  }
  if (Date.parse(now) - Date.parse(evidence.checkedAt) > vatEvidenceGraceDays * DAY_MS) {
    return {
      confirmed: false,
      code: 'VAT_ID_NOT_CONFIRMED',
      message: `The last VIES confirmation of VAT ID ${vatId} (${evidence.checkedAt.slice(0, 10)}) is older than ${vatEvidenceGraceDays} days; domestic VAT is charged until VIES confirms it again.`,
    };
  }
  return { confirmed: true, evidence };
}

/** The line printed on invoices and in the reverse-charge explanation. */
export const vatEvidenceNote = (evidence: VatEvidence): string =>
  `VAT ID ${evidence.vatId} checked via VIES on ${evidence.requestDate.slice(0, 10)}${evidence.consultationNumber ? `, consultation number ${evidence.consultationNumber}` : ''}.`;

/** Key of the check-due index (GSI2 on the company PROFILE item): due time, then company id. */
export const vatCheckDueSortKey = (dueAt: string, companyId: string): string => `${dueAt}#${companyId}`;
/** A company with an EU VAT ID that was never checked is due at once (sorts before every timestamp). */
export const neverCheckedDueAt = '0000-00-00T00:00:00.000Z';
