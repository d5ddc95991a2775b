import { getShopSettings, pricingProfile } from '../accounts/service.js';
import { conflict, notFound } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import * as repository from './repository.js';
import { checkBookableAmount, companyCurrency, planAccountCurrency, type CurrencySituation } from './rules.js';

/**
 * Use cases on a company's trade credit line and prepaid balance that staff and the ERP drive (limits,
 * top-ups). The saga's reservations and charges, always in the order's currency and conditioned on
 * the account's, and the items other contexts add to their own transactions are the repository's,
 * offered to other contexts here (they never import the repository or its keys).
 */
export {
  chargeBalance,
  creditRestorationItems,
  orderAmountChange,
  readCredit,
  readPrepaid,
  refundBalance,
  releaseCredit,
  reserveCredit,
  type CreditAccount,
  type CreditChange,
} from './repository.js';

async function currencySituation(companyId: string): Promise<CurrencySituation> {
  const [settings, profile] = await Promise.all([getShopSettings(), pricingProfile(companyId)]);
  if (!profile) throw notFound('Company');
  return {
    shopCurrency: settings.currency,
    shopCurrencies: settings.currencies,
    agreements: profile.agreements,
    ...(profile.defaultAgreementId ? { defaultAgreementId: profile.defaultAgreementId } : {}),
  };
}

/** The currency new accounts of the company are opened in (shown for a company without any yet). */
export const currencyOf = async (companyId: string): Promise<string> => companyCurrency(await currencySituation(companyId));

/** Credit line, prepaid balance and recent ledger; accounts not opened yet show zero in the company's currency. */
export async function creditStatus(companyId: string) {
  const currency = await currencyOf(companyId);
  const [credit, prepaid, movements] = await Promise.all([
    repository.readCredit(companyId, currency),
    repository.readPrepaid(companyId, currency),
    repository.ledger(companyId, 20),
  ]);
  return { credit, prepaid: { balance: prepaid.balance, ledger: movements } };
}

/** Back-office or the ERP sets the limit: in the account's currency only (the first one in the company's). */
export async function changeCreditLimit(companyId: string, limit: Money) {
  const situation = await currencySituation(companyId);
  checkBookableAmount(limit, 'limit', situation);
  return repository.setCreditLimit(companyId, limit, (stored) => planAccountCurrency(limit.currency, stored, situation));
}

/** Back-office books a received prepayment: positive, in the balance's currency, once per reference. */
export async function recordTopUp(companyId: string, amount: Money, reference: string) {
  const situation = await currencySituation(companyId);
  checkBookableAmount(amount, 'top-up', situation);
  const result = await repository.topUpBalance(companyId, amount, reference, (stored) => planAccountCurrency(amount.currency, stored, situation));
  if (result === 'already-done') throw conflict('DUPLICATE_REFERENCE', `Top-up ${reference} was already booked`);
}

/** The company's credit line and prepaid balance items, for routes that prefetch them (checkout). */
export const creditReads = (companyId: string) => [repository.creditKeys.credit(companyId), repository.creditKeys.prepaid(companyId)];
