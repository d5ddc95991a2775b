/**
 * Delivery, payment, validity and note of a quote version, chosen like at checkout: the customer's
 * delivery options (fees, unavailable ones with the reason) and payment methods (not-allowed ones
 * disabled with the reason) for the quote's lines, from `POST /console/companies/<id>/orders/preview`.
 */
import { useEffect } from 'react';
import { emptyAddress } from '../components/Forms.js';
import { ErrorBox } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { translate } from '../i18n/translate.js';
import { onBehalfApi, type OnBehalfLine } from '../onBehalf.js';
import type { OfferVersion, QuoteContent } from '../quotes.js';
import { useServices } from '../services.js';
import { deliveryChoice, DeliverySection, isDeliveryError, PaymentSection, useDebounced, type DeliveryDraft } from '../shop/Checkout.js';
import type { DeliveryChoice } from '../types.js';
import { useAsync } from '../useAsync.js';

export interface QuoteTermsDraft {
  delivery: DeliveryDraft;
  paymentMethod: string | null;
  validUntil: string;
  note: string;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const emptyDelivery = (): DeliveryDraft => ({
  key: null,
  warehouseId: '',
  carrierCity: '',
  carrierBranch: '',
  dropshipping: { address: emptyAddress('DE'), phone: '', email: '', cod: false, codAmount: '', codIban: '' },
});

export const newTermsDraft = (): QuoteTermsDraft => ({ delivery: emptyDelivery(), paymentMethod: null, validUntil: inDays(14), note: '' });

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The form state of a stored version's terms (for "New version"). */
export const termsDraftOf = (version: OfferVersion): QuoteTermsDraft => {
  const stored = version.terms.delivery;
  const delivery = emptyDelivery();
  if (stored.kind === 'pickup') Object.assign(delivery, { key: 'pickup', warehouseId: text(stored.warehouseId) });
  else if (stored.kind === 'own-transport') delivery.key = 'own-transport';
  else if (stored.kind === 'carrier')
    Object.assign(delivery, { key: `carrier:${text(stored.carrierId)}`, carrierCity: text(stored.city), carrierBranch: text(stored.branchId) });
  else if (stored.kind === 'dropshipping') {
    const customer = (stored.endCustomer ?? {}) as Record<string, unknown>;
    delivery.key = 'dropshipping';
    delivery.dropshipping = {
      ...delivery.dropshipping,
      address: {
        name: text(customer.name),
        street: text(customer.street),
        postalCode: text(customer.postalCode),
        city: text(customer.city),
        country: text(customer.country) || 'DE',
      },
      phone: text(customer.phone),
      email: text(customer.email),
    };
  }
  return { delivery, paymentMethod: version.terms.paymentMethod, validUntil: version.terms.validUntil, note: version.terms.note ?? '' };
};

/** The terms to send, or what is still missing. */
export const termsOf = (draft: QuoteTermsDraft, currency = 'EUR'): { terms?: QuoteContent['terms']; missing?: string } => {
  const { choice, missing } = deliveryChoice(draft.delivery, currency);
  if (!choice) return { missing: missing ?? translate('consoleOrders.chooseDelivery') };
  if (choice.kind === 'dropshipping' && choice.cashOnDelivery) return { missing: translate('consoleOrders.terms.noCashOnDelivery') };
  if (!draft.paymentMethod) return { missing: translate('consoleOrders.choosePayment') };
  if (!draft.validUntil) return { missing: translate('consoleOrders.terms.enterValidity') };
  return {
    terms: { delivery: choice, paymentMethod: draft.paymentMethod, validUntil: draft.validUntil, ...(draft.note.trim() ? { note: draft.note.trim() } : {}) },
  };
};

export const QuoteTermsSection = ({
  companyId,
  lines,
  draft,
  onChange,
}: {
  companyId: string;
  lines: OnBehalfLine[];
  draft: QuoteTermsDraft;
  onChange: (draft: QuoteTermsDraft) => void;
}) => {
  const t = useT();
  const { api } = useServices();
  const { choice, missing } = deliveryChoice(draft.delivery, 'EUR');
  const requestKey = useDebounced(JSON.stringify({ companyId, lines, delivery: choice ?? null }), 300);
  const preview = useAsync(
    (signal) => {
      const request = JSON.parse(requestKey) as { companyId: string; lines: OnBehalfLine[]; delivery: DeliveryChoice | null };
      if (!request.companyId || !request.lines.length) return undefined;
      return onBehalfApi(api.console).preview(request.companyId, { lines: request.lines, ...(request.delivery ? { delivery: request.delivery } : {}) }, signal);
    },
    [requestKey],
    { keepData: true },
  );
  const deliveryError = isDeliveryError(preview.error) ? preview.error : undefined;
  const chosen = preview.data?.paymentOptions.find((option) => option.method === draft.paymentMethod);
  useEffect(() => {
    if (!preview.loading && chosen && !chosen.allowed) onChange({ ...draft, paymentMethod: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preview.loading, chosen]);
  return (
    <div data-testid="quote-terms-form">
      <div className="field-row">
        <label className="field">
          {t('consoleOrders.terms.validUntil')}
          <input
            type="date"
            value={draft.validUntil}
            onChange={(event) => onChange({ ...draft, validUntil: event.target.value })}
            required
            data-testid="quote-valid-until-input"
          />
        </label>
        <label className="field">
          {t('consoleOrders.noteOptional')}
          <input value={draft.note} onChange={(event) => onChange({ ...draft, note: event.target.value })} maxLength={2000} data-testid="quote-note" />
        </label>
      </div>
      {!companyId || !lines.length ? (
        <p className="muted" data-testid="quote-terms-pending">
          {t('consoleOrders.terms.pending')}
        </p>
      ) : preview.data ? (
        <div className="console-grid">
          <DeliverySection
            options={preview.data.deliveryOptions}
            draft={draft.delivery}
            onChange={(delivery) => onChange({ ...draft, delivery })}
            currency={preview.data.payable.currency}
            error={deliveryError}
            missing={missing}
          />
          <PaymentSection
            options={preview.data.paymentOptions}
            value={draft.paymentMethod}
            onChange={(paymentMethod) => onChange({ ...draft, paymentMethod })}
            stale={preview.loading}
            deliveryChosen={choice !== undefined}
            deliveryInvalid={deliveryError !== undefined}
          />
        </div>
      ) : preview.error && !deliveryError ? (
        <ErrorBox error={preview.error} onRetry={preview.reload} />
      ) : (
        <p className="muted">{t('consoleOrders.terms.loading')}</p>
      )}
    </div>
  );
};
