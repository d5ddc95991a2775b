import type { Identity } from '../shared/auth.js';
import { config } from '../shared/config.js';
import { isLanguage, languageForCountry, languageOf, type Language } from '../shared/locale.js';
import { presentAccount } from './companies.js';
import { companiesOf } from './memberships.js';
import * as repository from './repository.js';
import { acceptedCurrencies, shopCurrenciesProblem } from '../shared/currencies.js';
import { sellerContactProblem, type ShopSettings, type VatConfirmation } from './rules.js';
import { confirmationOf } from './vat-check.js';
import { badRequest } from '../shared/errors.js';
import { forget, memoised } from '../shared/invocation.js';
import { mfaMandatory } from './sign-in-rules.js';
import type { PreferencesChange, ShopSettingsChange } from './contract.js';

/** Shop settings, read once per API request (functions/shared/invocation.ts): pricing, catalog and checkout each ask. */
export const getShopSettings = (): Promise<ShopSettings> => memoised('shop-settings', repository.readShopSettings);

export async function changeShopSettings(caller: Identity, changes: ShopSettingsChange) {
  const contactProblem = changes.sellerContact ? sellerContactProblem(changes.sellerContact) : undefined;
  if (contactProblem) throw badRequest('INVALID_SELLER_CONTACT', contactProblem);
  if (changes.currencies || changes.currency) {
    const current = await repository.readShopSettings();
    const currencies = changes.currencies ?? acceptedCurrencies(current);
    const currency = changes.currency ?? current.currency;
    const problem = shopCurrenciesProblem(currencies, currency);
    if (problem) throw badRequest('INVALID_CURRENCIES', problem, { currencies, currency });
  }
  forget('shop-settings');
  return repository.updateShopSettings(changes, caller.sub);
}

export async function describeCaller(caller: Identity) {
  const homeCompanyId = caller.home?.companyId ?? caller.companyId;
  const [profile, account, companies] = await Promise.all([
    repository.findUserItem(homeCompanyId, caller.sub),
    caller.companyId ? repository.findAccount(caller.companyId) : Promise.resolve(undefined),
    companiesOf(caller),
  ]);
  // MFA follows the home company (a member acting in another company keeps their home company's rule).
  const homeAccount = !homeCompanyId ? undefined : homeCompanyId === caller.companyId ? account : await repository.findAccount(homeCompanyId);
  return {
    user: {
      sub: caller.sub,
      email: caller.email,
      name: typeof profile?.name === 'string' ? profile.name : caller.name,
      role: caller.role,
      sessionTimeoutMinutes: repository.sessionTimeoutOf(profile),
      language: isLanguage(profile?.language) ? profile.language : languageForCountry(homeAccount?.country ?? account?.country),
      languageChosen: isLanguage(profile?.language),
      mfaEnabled: profile?.mfaEnabled === true,
      mfaRequired: mfaMandatory({ staff: !homeCompanyId, companyRequiresMfa: homeAccount?.mfaRequired === true }, config.staffMfaRequired()),
    },
    ...(account ? { company: await presentAccount(account) } : {}),
    companies,
    ...(caller.companyId ? { activeCompanyId: caller.companyId } : {}),
  };
}

export async function setPreferences(caller: Identity, preferences: PreferencesChange) {
  await repository.updatePreferences(caller.home?.companyId ?? caller.companyId, caller.sub, preferences);
  return describeCaller(caller);
}

export interface PricingProfile {
  readonly customerGroup: string;
  readonly vatId: string;
  readonly country: string;
  readonly businessProfiles: readonly string[];
  readonly agreements: NonNullable<Awaited<ReturnType<typeof repository.findAccount>>>['agreements'] & {};
  readonly defaultAgreementId?: string;
  readonly isNewCustomer: boolean;
  /** Whether VIES confirmed the VAT ID (reverse charge needs it; functions/accounts/rules.ts vatConfirmation). */
  readonly vatConfirmation: VatConfirmation;
}

/** What pricing and catalog visibility need to know about a company (one GetItem). */
export async function pricingProfile(companyId: string): Promise<PricingProfile | undefined> {
  const account = await findAccount(companyId);
  if (!account) return undefined;
  return {
    customerGroup: account.customerGroup,
    vatId: account.vatId,
    country: account.billingAddress?.country ?? account.country,
    businessProfiles: account.businessProfiles ?? [],
    agreements: account.agreements ?? [],
    ...(account.defaultAgreementId ? { defaultAgreementId: account.defaultAgreementId } : {}),
    isNewCustomer: account.firstOrderAt === undefined,
    vatConfirmation: confirmationOf(account),
  };
}

export const recordFirstOrder = repository.recordFirstOrder;

/**
 * The language of a mail to a company's user: the user's own choice (PUT /me/preferences, stored on
 * the user's item in their home company), else the company's language, else its country's.
 */
export async function mailLanguage(companyId: string, sub?: string): Promise<Language> {
  const [account, user] = await Promise.all([repository.findAccount(companyId), sub ? repository.findUserItem(companyId, sub) : Promise.resolve(undefined)]);
  const home = sub && typeof user?.homeCompanyId === 'string' ? await repository.findUserItem(user.homeCompanyId, sub) : user;
  return isLanguage(home?.language) ? home.language : languageOf(account);
}

/** The language of mails to staff (back office, sales reps): their own choice, else the shop's seller country's, else English. */
export async function staffLanguage(sub?: string): Promise<Language> {
  const [settings, user] = await Promise.all([repository.readShopSettings(), sub ? repository.findUserItem(undefined, sub) : Promise.resolve(undefined)]);
  return isLanguage(user?.language) ? user.language : languageForCountry(settings.sellerCountry);
}

/** A company's users as the recipients of one mail per language (each user's mailLanguage). */
export async function recipientsByLanguage(companyId: string, users: readonly { readonly sub: string; readonly email: string }[]) {
  const languages = await Promise.all(users.map((user) => mailLanguage(companyId, user.sub)));
  const groups = new Map<Language, string[]>();
  users.forEach((user, index) => {
    const language = languages[index]!;
    groups.set(language, [...(groups.get(language) ?? []), user.email]);
  });
  return [...groups].map(([language, to]) => ({ language, to }));
}

/** Order limit and contact of a company user (checkout: approval above the limit). */
export function companyUser(companyId: string, sub: string) {
  // Read once per API request (checkout asks for the approval limit and the order's buyer).
  return memoised(`company-user:${companyId}:${sub}`, async () => {
    // One GetItem by key, not a listing of every user of the company (issue 18).
    const item = await repository.findUserItem(companyId, sub);
    return item ? repository.toCompanyUser(item) : undefined;
  });
}

/** Every user of a company (approval rules: who may approve a level). */
export const companyUsers = (companyId: string) => repository.listCompanyUsers(companyId);

/** A company's account (profile, addresses, bank accounts) for other contexts: invoice parties, staff order views, catalog exchange. */
/** Read once per API request (checkout asks for pricing, delivery, payment and the order). */
export const findAccount = (companyId: string) => memoised(`account:${companyId}`, () => repository.findAccount(companyId));

/** Whether the sales rep is assigned to the company (staff acting for a customer). */
export const isAssignedToRep = (companyId: string, repSub: string) => repository.isAssignedToRep(companyId, repSub);

/** Every staff user (back-office, sales reps), e.g. for round-robin assignment. */
export const listStaff = () => repository.listStaff();

/** Technical accounts the portal owns (punchout's buyer account): created, found and removed for the punchout context. */
export { findTechnicalPunchoutUser, prepareTechnicalPunchoutUser, removeTechnicalPunchoutUser, technicalDomain } from './technical-users.js';

export async function companyAdmins(companyId: string) {
  return (await repository.listCompanyUsers(companyId)).filter((user) => user.role === 'company-admin' && user.enabled);
}
