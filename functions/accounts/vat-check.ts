import type { Identity } from '../shared/auth.js';
import { notFound } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { checkVatWithVies, type ViesPort } from '../shared/vies.js';
import { presentAccount } from './companies.js';
import { vatIdProblem } from './identifiers.js';
import * as repository from './repository.js';
import { nextVatCheck, vatConfirmation, type VatCheck, type VatConfirmation } from './rules.js';

/**
 * VIES checks of company VAT IDs (issue 13 item 5): on creation and approval, on every change of the
 * VAT ID, from the console, and by the scheduled re-check (functions/accounts/vat-recheck.ts). The
 * qualified answer is stored as evidence on the company PROFILE item (`vatCheck`); pricing grants
 * reverse charge only with it (functions/accounts/service.ts pricingProfile → vatConfirmation).
 */

/** The VIES port's adapter: the REST API at VIES_ENDPOINT (locally the contract server, local/vies.ts). */
const port: ViesPort = checkVatWithVies;

export type VatCheckResult =
  | { readonly checked: false; readonly reason: 'NO_VAT_ID' | 'NOT_AN_EU_VAT_ID' | 'VAT_ID_CHANGED' }
  | { readonly checked: true; readonly vatCheck: VatCheck };

/** Asks VIES about the company's current VAT ID and stores the outcome; logs when VIES cannot answer. */
export async function checkCompanyVat(companyId: string, now = new Date()): Promise<VatCheckResult> {
  const [account, settings] = await Promise.all([repository.findAccount(companyId), repository.readShopSettings()]);
  if (!account) throw notFound('Company');
  if (!account.vatId) return { checked: false, reason: 'NO_VAT_ID' };
  if (vatIdProblem(account.vatId)) return { checked: false, reason: 'NOT_AN_EU_VAT_ID' };
  const outcome = await port({ vatId: account.vatId, ...(settings.sellerVatId ? { requesterVatId: settings.sellerVatId } : {}) });
  const check = nextVatCheck(account.vatCheck, account.vatId, outcome, now.toISOString());
  if (outcome.kind === 'unavailable') {
    logger.warn('VIES could not answer; the last valid evidence is kept within the grace period', {
      companyId,
      vatId: account.vatId,
      error: outcome.error,
      keptEvidenceFrom: check.evidence?.checkedAt ?? null,
    });
  }
  if (!(await repository.saveVatCheck(companyId, check))) return { checked: false, reason: 'VAT_ID_CHANGED' };
  return { checked: true, vatCheck: check };
}

/** Best effort after a change: the change stands even when the check fails; the scheduled re-check catches up. */
export async function checkCompanyVatQuietly(companyId: string): Promise<void> {
  try {
    await checkCompanyVat(companyId);
  } catch (error) {
    logger.error('VIES check after a VAT ID change failed; the scheduled re-check retries', { error: error as Error, companyId });
  }
}

/** Back office: re-check now (`POST /console/companies/{id}/vat-check`), answered with the company and its evidence. */
export async function recheckFromConsole(caller: Identity, companyId: string) {
  const result = await checkCompanyVat(companyId);
  const account = await repository.findAccount(companyId);
  if (!account) throw notFound('Company');
  await repository.transact([
    repository.auditPut(companyId, caller, {
      action: 'vat-check.requested',
      details: result.checked ? { status: result.vatCheck.status } : { skipped: result.reason },
    }),
  ]);
  return { ...(await presentAccount(account)), vatConfirmation: vatConfirmation(account.vatCheck, account.vatId, new Date().toISOString()) };
}

/** What reverse charge needs: is the company's VAT ID confirmed by VIES now? */
export const confirmationOf = (account: { vatId: string; vatCheck?: VatCheck }, now = new Date()): VatConfirmation =>
  vatConfirmation(account.vatCheck, account.vatId, now.toISOString());

/**
 * The scheduled re-check: every company whose check is due before `now` (index GSI2 `VAT-CHECK-DUE`,
 * no Scan), at most `limit` per call; answers the key to continue with (the state machine loops).
 */
export async function recheckDue(now: Date, limit = 10, startKey?: Record<string, unknown>) {
  const page = await repository.listVatChecksDue(now.toISOString(), limit, startKey);
  // One page in parallel: a page finishes within one VIES timeout (VIES_TIMEOUT_MS), well inside the Lambda's.
  const checked = await Promise.all(
    page.companyIds.map(async (companyId) => {
      try {
        const result = await checkCompanyVat(companyId, now);
        return { companyId, outcome: result.checked ? result.vatCheck.status : result.reason };
      } catch (error) {
        logger.error('Scheduled VIES re-check failed for a company', { error: error as Error, companyId });
        return { companyId, outcome: 'error' };
      }
    }),
  );
  return { checked, ...(page.nextKey ? { nextKey: page.nextKey } : {}) };
}
