/**
 * The buyer's pricing situation in the shop: the company's agreements (prepayment, payment terms,
 * currency agreement) and the one the buyer chose. Every price on screen is fetched with
 * `agreement=<id>` of the chosen agreement, so changing it reloads catalog, product page and quote.
 *
 * The choice is kept in sessionStorage per signed-in user (`b2b-portal.agreement.shop`), so a reload
 * keeps it and another user in the same tab does not inherit it. Until the buyer chooses, no
 * agreement is sent and the API uses the company default (`defaultAgreementId`), so the first
 * catalog request never waits for the agreement list.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api.js';
import { formatDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { translate } from '../i18n/translate.js';
import { useServices } from '../services.js';
import { companyRoles, type Agreement, type Me } from '../types.js';
import { useAsync } from '../useAsync.js';

const STORAGE_KEY = 'b2b-portal.agreement.shop';

export interface Pricing {
  /** The company's agreements (empty for guests, staff and while loading). */
  agreements: Agreement[];
  /** The agreement shown as selected: the buyer's choice, else the company default. */
  selectedId: string | undefined;
  /** What to send as `agreement=`: only an explicit choice (absent = the company default). */
  agreementId: string | undefined;
  /** The selected agreement, when the list is loaded. */
  selected: Agreement | undefined;
  choose: (agreementId: string) => void;
  /** A price request answered UNKNOWN_AGREEMENT: forget the stale choice. */
  reportError: (error: unknown) => void;
}

const noPricing: Pricing = {
  agreements: [],
  selectedId: undefined,
  agreementId: undefined,
  selected: undefined,
  choose: () => undefined,
  reportError: () => undefined,
};

const PricingContext = createContext<Pricing>(noPricing);

export const usePricing = (): Pricing => useContext(PricingContext);

const readStored = (email: string | undefined): string | undefined => {
  if (!email) return undefined;
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as { email?: unknown; agreementId?: unknown };
    return stored.email === email && typeof stored.agreementId === 'string' ? stored.agreementId : undefined;
  } catch {
    return undefined;
  }
};

const writeStored = (email: string, agreementId: string | undefined): void => {
  try {
    if (agreementId === undefined) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ email, agreementId }));
  } catch {
    // Storage full or disabled: the choice then lasts until the next reload.
  }
};

export const isCompanyUser = (me: Me | undefined): boolean => me?.company !== undefined && companyRoles.includes(me.user.role);

interface PricingProviderProps {
  /** The signed-in user's e-mail (undefined for guests). */
  email: string | undefined;
  me: Me | undefined;
  /** Changes on sign-in/sign-out. */
  sessionKey: string;
  children: ReactNode;
}

export const PricingProvider = ({ email, me, sessionKey, children }: PricingProviderProps) => {
  const { api } = useServices();
  const companyUser = isCompanyUser(me);
  const list = useAsync((signal) => (companyUser ? api.shop.listAgreements(signal) : undefined), [sessionKey, companyUser]);
  const [choice, setChoice] = useState<string | undefined>(() => readStored(email));

  // Another user signed in (or out): take that user's stored choice.
  useEffect(() => {
    setChoice(readStored(email));
  }, [email]);

  const agreements = useMemo(() => list.data?.agreements ?? [], [list.data]);

  // A stored choice the company no longer holds falls back to the default.
  useEffect(() => {
    if (choice !== undefined && list.data && !list.data.agreements.some((agreement) => agreement.id === choice)) {
      setChoice(undefined);
      if (email) writeStored(email, undefined);
    }
  }, [choice, list.data, email]);

  const choose = useCallback(
    (agreementId: string) => {
      setChoice(agreementId);
      if (email) writeStored(email, agreementId);
    },
    [email],
  );

  const reportError = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.code === 'UNKNOWN_AGREEMENT' && choice !== undefined) {
        setChoice(undefined);
        if (email) writeStored(email, undefined);
      }
    },
    [choice, email],
  );

  const value = useMemo<Pricing>(() => {
    if (!email) return noPricing;
    const selectedId = choice ?? list.data?.defaultAgreementId ?? undefined;
    return {
      agreements,
      selectedId,
      agreementId: choice,
      selected: agreements.find((agreement) => agreement.id === selectedId),
      choose,
      reportError,
    };
  }, [email, choice, list.data, agreements, choose, reportError]);

  return <PricingContext.Provider value={value}>{children}</PricingContext.Provider>;
};

const percentText = (bps: number): string => {
  const abs = Math.abs(bps);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${bps < 0 ? '−' : '+'}${formatDecimal(`${whole}${fraction ? `.${fraction}` : ''}`)} %`;
};

/** What an agreement does to the prices, e.g. "−3 % rebate" or "prices in PLN, −2 % rebate" (empty when nothing). */
export const describeAgreement = (agreement: Agreement): string => {
  const parts: string[] = [];
  if (agreement.currency) parts.push(translate('catalog.agreement.currency', { currency: agreement.currency }));
  if (agreement.adjustment)
    parts.push(
      translate(agreement.adjustment < 0 ? 'catalog.agreement.rebate' : 'catalog.agreement.surcharge', { percent: percentText(agreement.adjustment) }),
    );
  return parts.join(', ');
};

/** Header control: the agreement every price is calculated for. */
export const AgreementSelect = () => {
  const pricing = usePricing();
  const t = useT();
  if (pricing.agreements.length === 0) return null;
  return (
    <div className="agreement-picker">
      <label htmlFor="agreement-select" className="agreement-label">
        {t('catalog.agreement.label')}
      </label>
      <select id="agreement-select" data-testid="agreement-select" value={pricing.selectedId ?? ''} onChange={(event) => pricing.choose(event.target.value)}>
        {pricing.selectedId === undefined && <option value="">{t('catalog.agreement.choose')}</option>}
        {pricing.agreements.map((agreement) => (
          <option key={agreement.id} value={agreement.id}>
            {agreement.name}
          </option>
        ))}
      </select>
      {pricing.selected && describeAgreement(pricing.selected) && (
        <span className="agreement-hint" data-testid="agreement-hint">
          {describeAgreement(pricing.selected)}
        </span>
      )}
    </div>
  );
};
