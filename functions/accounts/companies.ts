import { randomUUID } from 'node:crypto';
import type { Identity } from '../shared/auth.js';
import { companyCurrency } from '../shared/currencies.js';
import { badRequest, forbidden, notFound } from '../shared/errors.js';
import { publish, publishIntegrationEvent } from '../shared/events.js';
import { logger } from '../shared/logger.js';
import { ibanProblem, normalizeIban, normalizeVatId, vatIdProblem } from './identifiers.js';
import * as repository from './repository.js';
import { checkCompanyVatQuietly } from './vat-check.js';
import { maxBankAccounts, maxDeliveryAddresses, mayOnCompany, type Address, type CompanyAccount, type CompanyAction, type Manager } from './rules.js';
import type { BankAccountInput, CompanyAdministration, CompanyBasicsChange } from './contract.js';

/** Loads a company after checking `caller` may perform `action` on it (403 before any data is shown). */
export async function authorizedAccount(caller: Identity, companyId: string, action: CompanyAction) {
  const assigned = caller.role === 'sales-rep' && (await repository.isAssignedToRep(companyId, caller.sub));
  if (!mayOnCompany(caller, companyId, assigned, action)) throw forbidden('You have no access to this company');
  const account = await repository.findAccount(companyId);
  if (!account) throw notFound('Company');
  return account;
}

async function managerOf(account: { repSub?: string }): Promise<Manager | undefined> {
  if (!account.repSub) return undefined;
  const rep = await repository.findStaffUser(account.repSub);
  return rep ? { name: rep.name, email: rep.email, phone: rep.phone } : undefined;
}

export async function presentAccount(account: CompanyAccount & { version: number }) {
  const { version: _version, repSub: _repSub, ...visible } = account;
  const [manager, currency] = await Promise.all([managerOf(account), currencyOfAccount(account)]);
  return { ...visible, mfaRequired: visible.mfaRequired === true, currency, ...(manager ? { manager } : {}) };
}

/** The currency the company buys in (functions/shared/currencies.ts companyCurrency). */
export async function currencyOfAccount(account: Pick<CompanyAccount, 'agreements' | 'defaultAgreementId'>): Promise<string> {
  const settings = await repository.readShopSettings();
  return companyCurrency({
    shopCurrency: settings.currency,
    shopCurrencies: settings.currencies,
    agreements: account.agreements ?? [],
    ...(account.defaultAgreementId ? { defaultAgreementId: account.defaultAgreementId } : {}),
  });
}

export function assertValidVatId(vatId: string): string {
  const problem = vatIdProblem(vatId);
  if (problem) throw badRequest('INVALID_VAT_ID', `The VAT ID is not valid (${problem.toLowerCase()})`);
  return normalizeVatId(vatId);
}

/**
 * Applies a master-data change: optimistic write with audit row, then the ERP event
 * `customer.masterdata.changed` (seed 000 point 4: the ERP learns of changes even without an order).
 */
async function changeMasterData(
  caller: Identity,
  companyId: string,
  action: CompanyAction,
  audit: string,
  change: (account: CompanyAccount) => CompanyAccount,
  details?: unknown | ((before: CompanyAccount, after: CompanyAccount) => unknown),
) {
  const current = await authorizedAccount(caller, companyId, action);
  const { version, ...rest } = current;
  const next = change(rest);
  const recorded = typeof details === 'function' ? details(rest, next) : details;
  await repository.saveAccount(next, version, [repository.auditPut(companyId, caller, { action: audit, details: recorded })]);
  await publishMasterDataChange(next, caller, audit);
  return presentAccount({ ...next, version: version + 1 });
}

export async function publishMasterDataChange(account: CompanyAccount, caller: Identity | { sub: string; role: string }, change: string) {
  const { repSub: _repSub, manager: _manager, ...snapshot } = account;
  try {
    await publish('erpOutbound', 'customer.masterdata.changed', {
      companyId: account.id,
      change,
      changedBy: { sub: caller.sub, role: caller.role },
      company: snapshot,
    });
  } catch (error) {
    // The change is committed; the ERP catches up with the next change or the nightly sync.
    logger.error('Could not publish customer.masterdata.changed', { error: error as Error, companyId: account.id });
  }
  await publishIntegrationEvent('company.changed', { companyId: account.id, change });
}

export async function getAccount(caller: Identity, companyId: string) {
  return presentAccount(await authorizedAccount(caller, companyId, 'view'));
}

export async function updateBasics(caller: Identity, companyId: string, changes: CompanyBasicsChange) {
  let vatIdChanged = false;
  const updated = await changeMasterData(
    caller,
    companyId,
    'edit-master-data',
    'company.updated',
    (account) => {
      const vatId = changes.vatId ? assertValidVatId(changes.vatId) : account.vatId;
      vatIdChanged = vatId !== account.vatId;
      // `language: null` clears the explicit choice: the company's country decides again.
      const { language: current, ...rest } = account;
      const language = changes.language === undefined ? current : (changes.language ?? undefined);
      return { ...rest, ...(changes.name ? { name: changes.name } : {}), vatId, ...(language ? { language } : {}) };
    },
    // Before and after of the fields that changed: the audit trail shows "VAT ID: old → new".
    (before: CompanyAccount, after: CompanyAccount) => {
      const fields = (['name', 'vatId', 'language'] as const).filter((field) => before[field] !== after[field]);
      return {
        before: Object.fromEntries(fields.map((field) => [field, before[field] ?? null])),
        after: Object.fromEntries(fields.map((field) => [field, after[field] ?? null])),
      };
    },
  );
  if (!vatIdChanged) return updated;
  // A new VAT ID has no evidence yet: ask VIES at once (reverse charge waits for a valid answer).
  await checkCompanyVatQuietly(companyId);
  const account = await repository.findAccount(companyId);
  return account ? presentAccount(account) : updated;
}

export const setBillingAddress = (caller: Identity, companyId: string, address: Address) =>
  changeMasterData(
    caller,
    companyId,
    'edit-master-data',
    'billing-address.changed',
    (account) => ({ ...account, billingAddress: address, city: address.city }),
    (before: CompanyAccount) => ({ before: { billingAddress: before.billingAddress ?? null }, after: { billingAddress: address } }),
  );

export const addDeliveryAddress = (caller: Identity, companyId: string, address: Address) =>
  changeMasterData(
    caller,
    companyId,
    'edit-master-data',
    'delivery-address.added',
    (account) => {
      if (account.deliveryAddresses.length >= maxDeliveryAddresses)
        throw badRequest('TOO_MANY_ADDRESSES', `At most ${maxDeliveryAddresses} delivery addresses`);
      return { ...account, deliveryAddresses: [...account.deliveryAddresses, { id: randomUUID(), ...address }] };
    },
    address,
  );

export const removeDeliveryAddress = (caller: Identity, companyId: string, addressId: string) =>
  changeMasterData(
    caller,
    companyId,
    'edit-master-data',
    'delivery-address.removed',
    (account) => {
      if (!account.deliveryAddresses.some((address) => address.id === addressId)) throw notFound('Delivery address');
      return { ...account, deliveryAddresses: account.deliveryAddresses.filter((address) => address.id !== addressId) };
    },
    { addressId },
  );

export const addBankAccount = (caller: Identity, companyId: string, bank: BankAccountInput) => {
  const problem = ibanProblem(bank.iban);
  if (problem) throw badRequest('INVALID_IBAN', `The IBAN is not valid (${problem.toLowerCase()})`);
  const iban = normalizeIban(bank.iban);
  return changeMasterData(
    caller,
    companyId,
    'edit-bank-accounts',
    'bank-account.added',
    (account) => {
      if (account.bankAccounts.length >= maxBankAccounts) throw badRequest('TOO_MANY_BANK_ACCOUNTS', `At most ${maxBankAccounts} bank accounts`);
      if (account.bankAccounts.some((existing) => existing.iban === iban)) throw badRequest('DUPLICATE_IBAN', 'This bank account is already stored');
      return {
        ...account,
        bankAccounts: [...account.bankAccounts, { id: randomUUID(), iban, holder: bank.holder, ...(bank.bic ? { bic: bank.bic.toUpperCase() } : {}) }],
      };
    },
    { iban: `${iban.slice(0, 4)}…${iban.slice(-4)}` },
  );
};

export const removeBankAccount = (caller: Identity, companyId: string, accountId: string) =>
  changeMasterData(
    caller,
    companyId,
    'edit-bank-accounts',
    'bank-account.removed',
    (account) => {
      if (!account.bankAccounts.some((bank) => bank.id === accountId)) throw notFound('Bank account');
      return { ...account, bankAccounts: account.bankAccounts.filter((bank) => bank.id !== accountId) };
    },
    { accountId },
  );

/** Back-office: customer group and sales-rep assignment (the rep's GSI2 copy moves along). */
export async function administerCompany(caller: Identity, companyId: string, changes: CompanyAdministration) {
  const current = await authorizedAccount(caller, companyId, 'view');
  const { version, ...account } = current;
  const extra = [repository.auditPut(companyId, caller, { action: 'company.administered', details: changes })];
  let repSub = account.repSub;
  if (changes.repSub !== undefined && changes.repSub !== account.repSub) {
    if (changes.repSub !== null) {
      const rep = await repository.findStaffUser(changes.repSub);
      if (!rep || rep.role !== 'sales-rep') throw badRequest('UNKNOWN_REP', 'No sales rep with this id');
    }
    if (account.repSub) extra.push(repository.remove(repository.accountKeys.repAssignment(companyId, account.repSub)));
    repSub = changes.repSub ?? undefined;
  }
  const { repSub: _old, ...withoutRep } = account;
  const next: CompanyAccount = { ...withoutRep, ...(changes.customerGroup ? { customerGroup: changes.customerGroup } : {}), ...(repSub ? { repSub } : {}) };
  await repository.saveAccount(next, version, extra);
  await publishMasterDataChange(next, caller, 'company.administered');
  return presentAccount({ ...next, version: version + 1 });
}

export async function auditTrail(caller: Identity, companyId: string) {
  await authorizedAccount(caller, companyId, 'view-audit');
  const items = await repository.listAudit(companyId);
  return items.map((item) => {
    const actor = (item.actor ?? {}) as Record<string, unknown>;
    return {
      at: String(item.at),
      action: String(item.action),
      actor: { sub: String(actor.sub ?? ''), name: String(actor.name ?? ''), role: String(actor.role ?? '') },
      onBehalf: item.onBehalf === true,
      details: item.details ?? null,
    };
  });
}

/** Back-office sees every company; a sales rep only their own; `q` filters by name, VAT ID or city. */
export function listCompaniesFor(caller: Identity, limit: number, cursor?: string, search?: string) {
  if (caller.role === 'back-office') return repository.listAllCompanies(limit, cursor, search);
  if (caller.role === 'sales-rep') return repository.listRepCompanies(caller.sub, limit, cursor, search);
  throw forbidden();
}

export async function listReps() {
  return (await repository.listStaff()).filter((staff) => staff.role === 'sales-rep').map(({ role: _role, ...rep }) => rep);
}
