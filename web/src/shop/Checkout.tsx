/**
 * `/checkout`: delivery and payment for the cart (`POST /checkout/preview` after every change of
 * the choice), PO number and cost centre, totals, "Place order" (`POST /checkout/orders` with an
 * `Idempotency-Key`). Every payment method is listed; the ones the buyer cannot use are disabled
 * with the API's reason next to them. Unavailable delivery options are greyed out with their reason.
 */
import { DELIVERY_CHOICE_ERRORS } from '../../../functions/checkout/delivery-errors.js';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, apiErrorMessage } from '../api.js';
import { AddressFields, emptyAddress, type AddressDraft } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { decimalForInput } from '../format.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';
import { parseMinorUnits } from '../moneyInput.js';
import { Link, navigate } from '../router.js';
import { useServices } from '../services.js';
import type { CheckoutPreview, DeliveryChoice, DeliveryOption, EndCustomerAddress, PaymentOption, PlaceOrderRequest } from '../types.js';
import { useAsync } from '../useAsync.js';
import { useCart } from './cart.js';
import { cartBlockers } from './CartPage.js';
import { Totals } from './OrderBits.js';
import { formatQuantityText, money } from './ProductBits.js';
import { usePricing } from './pricing.js';
import { CheckoutApprovalNotice } from './Approvals.js';
import type { CheckoutApprovalInfo } from '../account/approvalsApi.js';
import { Breadcrumb } from '../components/Breadcrumb.js';
import { deliveryConditions, deliveryName, deliveryReason, paymentLabel, paymentReason } from './checkoutTexts.js';

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost). */
export const newIdempotencyKey = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Error codes of the delivery choice (shown at the delivery section). */
const deliveryErrorCodes: ReadonlySet<string> = new Set(DELIVERY_CHOICE_ERRORS);

export const isDeliveryError = (error: unknown): error is ApiError => error instanceof ApiError && deliveryErrorCodes.has(error.code);

/** The option's key in the form: the kind, or `carrier:<id>` (one option per carrier). */
const optionKey = (option: DeliveryOption): string => (option.kind === 'carrier' ? `carrier:${option.carrierId ?? ''}` : option.kind);
const optionTestId = (option: DeliveryOption): string => (option.kind === 'carrier' ? `delivery-carrier-${option.carrierId ?? ''}` : `delivery-${option.kind}`);

interface DropshippingDraft {
  address: AddressDraft;
  phone: string;
  email: string;
  cod: boolean;
  codAmount: string;
  codIban: string;
}

export interface DeliveryDraft {
  /** `optionKey` of the chosen option. */
  key: string | null;
  warehouseId: string;
  carrierCity: string;
  carrierBranch: string;
  dropshipping: DropshippingDraft;
}

/** An IBAN as a placeholder of the cash-on-delivery field. */
const IBAN_EXAMPLE = 'DE89 3704 0044 0532 0130 00';

/** The choice to send, or what is still missing. */
export const deliveryChoice = (draft: DeliveryDraft, currency: string): { choice?: DeliveryChoice; missing?: string } => {
  const { key } = draft;
  if (!key) return { missing: translate('checkout.missing.delivery') };
  if (key === 'pickup')
    return draft.warehouseId ? { choice: { kind: 'pickup', warehouseId: draft.warehouseId } } : { missing: translate('checkout.missing.warehouse') };
  if (key === 'own-transport') return { choice: { kind: 'own-transport' } };
  if (key.startsWith('carrier:')) {
    const city = draft.carrierCity.trim();
    const branchId = draft.carrierBranch.trim();
    if (!city || !branchId) return { missing: translate('checkout.missing.branch') };
    return { choice: { kind: 'carrier', carrierId: key.slice('carrier:'.length), city, branchId } };
  }
  if (key === 'dropshipping') {
    const drop = draft.dropshipping;
    const address = drop.address;
    const missing = (
      [
        ['name', 'checkout.field.name'],
        ['street', 'checkout.field.street'],
        ['postalCode', 'checkout.field.postalCode'],
        ['city', 'checkout.field.city'],
        ['country', 'checkout.field.country'],
      ] as const satisfies readonly (readonly [keyof AddressDraft, MessageKey])[]
    )
      .filter(([field]) => address[field].trim() === '')
      .map(([, label]) => translate(label));
    if (missing.length > 0) return { missing: translate('checkout.missing.endCustomer', { fields: missing.join(', ') }) };
    const endCustomer: EndCustomerAddress = {
      name: address.name.trim(),
      street: address.street.trim(),
      postalCode: address.postalCode.trim(),
      city: address.city.trim(),
      country: address.country,
      ...(drop.phone.trim() ? { phone: drop.phone.trim() } : {}),
      ...(drop.email.trim() ? { email: drop.email.trim() } : {}),
    };
    if (!drop.cod) return { choice: { kind: 'dropshipping', endCustomer } };
    const amount = parseMinorUnits(drop.codAmount, currency);
    if (amount === undefined || amount <= 0) return { missing: translate('checkout.missing.codAmount', { currency, example: decimalForInput('249.90') }) };
    if (!drop.codIban.trim()) return { missing: translate('checkout.missing.codIban') };
    return {
      choice: { kind: 'dropshipping', endCustomer, cashOnDelivery: { amount: { amount, currency }, iban: drop.codIban.replace(/\s+/g, '').toUpperCase() } },
    };
  }
  return { missing: translate('checkout.missing.delivery') };
};

/** Waits until `value` has not changed for `ms` (typed addresses do not send a request per key). */
export const useDebounced = <T,>(value: T, ms: number): T => {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
};

interface CheckoutProps {
  companyCountry: string;
}

export const Checkout = ({ companyCountry }: CheckoutProps) => {
  const { api } = useServices();
  const cart = useCart();
  const { agreementId, selected, reportError } = usePricing();
  const t = useT();
  const [delivery, setDelivery] = useState<DeliveryDraft>({
    key: null,
    warehouseId: '',
    carrierCity: '',
    carrierBranch: '',
    dropshipping: { address: emptyAddress(companyCountry), phone: '', email: '', cod: false, codAmount: '', codIban: '' },
  });
  const [paymentMethod, setPaymentMethod] = useState<string | null>(null);
  const [poNumber, setPoNumber] = useState('');
  const [costCentre, setCostCentre] = useState('');
  const [placing, setPlacing] = useState(false);
  const [placeError, setPlaceError] = useState<{ error: unknown; retry: boolean } | null>(null);
  // The key of the last submission; a retry of the same submission (same body) sends it again.
  const pending = useRef<{ key: string; body: string } | null>(null);

  // The currency of the cart (for the cash-on-delivery amount) comes from the first preview.
  const [currency, setCurrency] = useState('EUR');
  const { choice, missing } = deliveryChoice(delivery, currency);
  const liveKey = JSON.stringify({ agreementId: agreementId ?? null, delivery: choice ?? null, costCentre: costCentre || null });
  const requestKey = useDebounced(liveKey, 300);

  const preview = useAsync(
    (signal) => {
      const request = JSON.parse(requestKey) as { agreementId: string | null; delivery: DeliveryChoice | null; costCentre: string | null };
      return api.shop.previewCheckout(
        {
          ...(request.agreementId ? { agreementId: request.agreementId } : {}),
          ...(request.delivery ? { delivery: request.delivery } : {}),
          ...(request.costCentre ? { costCentre: request.costCentre } : {}),
        },
        signal,
      );
    },
    [requestKey],
    { keepData: true },
  );
  // The last good preview stays on screen while a choice is checked or was refused.
  const [shown, setShown] = useState<CheckoutPreview>();
  const [shownKey, setShownKey] = useState<string>();
  const showCart = cart.show;
  useEffect(() => {
    if (!preview.data || preview.loading) return;
    setShown(preview.data);
    setShownKey(requestKey);
    setCurrency(preview.data.payable.currency);
    showCart(preview.data.cart);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preview.data, preview.loading]);
  useEffect(() => {
    if (preview.error) reportError(preview.error);
  }, [preview.error, reportError]);

  const deliveryError = isDeliveryError(preview.error) ? preview.error : undefined;
  const previewFailed = preview.error !== undefined && preview.error !== null && !deliveryError;
  // The shown delivery fee and payment options belong to exactly the current choice.
  const current = shown !== undefined && shownKey === liveKey && requestKey === liveKey && !preview.loading && !preview.error;
  const chosenPayment = shown?.paymentOptions.find((option) => option.method === paymentMethod);

  // A method that became unavailable with the new delivery choice is unselected.
  useEffect(() => {
    if (current && paymentMethod && chosenPayment && !chosenPayment.allowed) setPaymentMethod(null);
  }, [current, paymentMethod, chosenPayment]);

  const blockers = useMemo(() => (shown ? cartBlockers(shown.cart) : []), [shown]);

  if (!shown) {
    if (preview.error instanceof ApiError && preview.error.code === 'CART_EMPTY') {
      return (
        <section className="card narrow" data-testid="checkout-empty">
          <h1>{t('checkout.title')}</h1>
          <p className="muted">{t('checkout.emptyCart')}</p>
          <Link to="/">{t('checkout.backToCatalog')}</Link>
        </section>
      );
    }
    if (preview.error) return <ErrorBox error={preview.error} onRetry={preview.reload} />;
    return <Loading label={t('checkout.preparing')} />;
  }

  const readyProblem = missing
    ? missing
    : deliveryError
      ? t('checkout.problem.delivery')
      : previewFailed
        ? t('checkout.problem.previewFailed')
        : blockers.length > 0
          ? blockers.join(' ')
          : !paymentMethod
            ? t('checkout.problem.payment')
            : chosenPayment && !chosenPayment.allowed
              ? chosenPayment.reason || chosenPayment.reasonCode
                ? paymentReason(chosenPayment)
                : t('checkout.problem.paymentUnavailable')
              : undefined;
  const checking = !current && !deliveryError && !previewFailed;

  const placeOrder = async (event: FormEvent) => {
    event.preventDefault();
    if (readyProblem || !choice || !paymentMethod || checking) return;
    const request: PlaceOrderRequest = {
      ...(agreementId ? { agreementId } : {}),
      delivery: choice,
      paymentMethod,
      ...(poNumber.trim() ? { poNumber: poNumber.trim() } : {}),
      ...(costCentre.trim() ? { costCentre: costCentre.trim() } : {}),
    };
    const body = JSON.stringify(request);
    // A fresh key per submission; a retry of the very same submission keeps it (never two orders).
    if (!pending.current || pending.current.body !== body) pending.current = { key: newIdempotencyKey(), body };
    setPlacing(true);
    setPlaceError(null);
    try {
      const placed = await api.shop.placeOrder(request, pending.current.key);
      pending.current = null;
      cart.reload();
      navigate(`/orders/${encodeURIComponent(placed.orderId)}`);
    } catch (failure) {
      const retry = failure instanceof ApiError && (failure.status === 0 || failure.status >= 500 || failure.code === 'ORDER_IN_PROGRESS');
      setPlaceError({ error: failure, retry });
      if (!retry) preview.reload();
      if (failure instanceof ApiError && failure.code === 'CART_CHANGED') cart.reload();
    } finally {
      setPlacing(false);
    }
  };

  const quote = shown.cart.quote;
  const approvalInfo = shown as CheckoutPreview & CheckoutApprovalInfo;
  const costCentres = approvalInfo.costCentres ?? [];
  return (
    <form className="checkout-page" onSubmit={(event) => void placeOrder(event)} data-testid="checkout-page" noValidate>
      <Breadcrumb trail={[{ to: '/cart', label: t('checkout.breadcrumbCart') }]} current={t('checkout.title')} />
      <header className="section-header">
        <div>
          <h1>{t('checkout.title')}</h1>
          <p className="muted">{selected ? t('checkout.introAgreement', { agreement: selected.name }) : t('checkout.intro')}</p>
        </div>
      </header>
      {previewFailed && <ErrorBox error={preview.error} onRetry={preview.reload} />}
      {blockers.length > 0 && (
        <div className="alert alert-warn" role="status" data-testid="checkout-blockers">
          <span>
            {blockers.join(' ')} <Link to="/cart">{t('checkout.backToCart')}</Link>
          </span>
        </div>
      )}
      <div className="checkout-grid">
        <div className="checkout-main">
          <DeliverySection
            options={shown.deliveryOptions}
            draft={delivery}
            onChange={setDelivery}
            currency={currency}
            error={deliveryError}
            missing={delivery.key ? missing : undefined}
          />
          <PaymentSection
            options={shown.paymentOptions}
            value={paymentMethod}
            onChange={setPaymentMethod}
            stale={!current}
            deliveryChosen={choice !== undefined}
            deliveryInvalid={deliveryError !== undefined}
          />
          <section className="card panel" aria-labelledby="references-title">
            <h2 id="references-title">{t('checkout.references')}</h2>
            <p className="muted small">{t('checkout.referencesHint')}</p>
            <div className="field-row">
              <label className="field">
                <span>{t('checkout.poNumber')}</span>
                <input type="text" maxLength={40} value={poNumber} onChange={(event) => setPoNumber(event.target.value)} data-testid="po-number" />
              </label>
              {costCentres.length > 0 && (
                <label className="field">
                  <span>{t('checkout.costCentre')}</span>
                  <select value={costCentre} onChange={(event) => setCostCentre(event.target.value)} data-testid="cost-centre">
                    <option value="">{t('checkout.costCentreNone')}</option>
                    {costCentres.map((centre) => (
                      <option key={centre.code} value={centre.code}>
                        {centre.code} {centre.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
          </section>
        </div>
        <aside className={checking ? 'card checkout-summary refreshing' : 'card checkout-summary'} aria-busy={checking} data-testid="checkout-summary">
          <h2>{t('checkout.yourOrder')}</h2>
          <ul className="plain-list checkout-lines" data-testid="checkout-lines">
            {shown.cart.lines.map((line) => {
              const priced = quote?.lines.find((candidate) => candidate.sku === line.sku);
              return (
                <li key={line.sku} className="checkout-line" data-testid={`checkout-line-${line.sku}`}>
                  <span>
                    {formatQuantityText(line.quantity)} {line.unit} × {line.name} <span className="mono muted small">{line.sku}</span>
                  </span>
                  <span className="nowrap">{priced && priced.problems.length === 0 ? money(priced.lineNet) : '—'}</span>
                </li>
              );
            })}
          </ul>
          {quote && (
            <Totals
              prefix="checkout"
              net={quote.net}
              vat={quote.vat}
              gross={quote.gross}
              vatBreakdown={quote.vatBreakdown}
              orderDiscounts={quote.orderDiscounts}
              reverseCharge={quote.reverseCharge}
              {...(choice && !deliveryError
                ? { deliveryFee: shown.deliveryFee, payable: shown.payable }
                : { deliveryHint: <span className="muted">{t('checkout.chooseDelivery')}</span> })}
            />
          )}
          {current && <CheckoutApprovalNotice info={approvalInfo} />}
          {placeError && (
            <div className="form-error" role="alert" data-testid="checkout-error">
              {apiErrorMessage(placeError.error)}
              {placeError.retry && ` ${t('checkout.retryNote')}`}
            </div>
          )}
          <button
            type="submit"
            className="btn btn-primary btn-block place-order"
            disabled={placing || readyProblem !== undefined || checking}
            data-testid="place-order"
          >
            {placing ? t('checkout.placing') : placeError?.retry ? t('checkout.tryAgain') : t('checkout.placeOrder')}
          </button>
          {readyProblem && !placing && (
            <p className="muted small" data-testid="place-order-hint">
              {readyProblem}
            </p>
          )}
          {checking && !readyProblem && <p className="muted small">{t('checkout.checking')}</p>}
          <p className="muted small">{t('checkout.terms')}</p>
        </aside>
      </div>
    </form>
  );
};

interface DeliverySectionProps {
  options: DeliveryOption[];
  draft: DeliveryDraft;
  onChange: (draft: DeliveryDraft) => void;
  currency: string;
  error: ApiError | undefined;
  missing: string | undefined;
}

export const DeliverySection = ({ options, draft, onChange, currency, error, missing }: DeliverySectionProps) => {
  const t = useT();
  const choose = (option: DeliveryOption) => {
    const next: DeliveryDraft = { ...draft, key: optionKey(option) };
    if (option.kind === 'pickup' && !draft.warehouseId && option.warehouses?.length === 1) next.warehouseId = option.warehouses[0]!.id;
    onChange(next);
  };
  return (
    <fieldset className="card panel choice-group" data-testid="delivery-options">
      <legend className="choice-legend">
        <h2>{t('checkout.delivery')}</h2>
      </legend>
      {options.map((option) => {
        const key = optionKey(option);
        const checked = draft.key === key;
        return (
          <div
            key={key}
            className={option.available ? (checked ? 'choice selected' : 'choice') : 'choice unavailable'}
            data-testid={optionTestId(option)}
            data-available={option.available}
          >
            <label className="choice-head">
              <input
                type="radio"
                name="delivery"
                value={key}
                checked={checked}
                disabled={!option.available}
                onChange={() => choose(option)}
                data-testid="delivery-radio"
              />
              <span className="choice-title">{deliveryName(option)}</span>
              <span className="choice-fee" data-testid="delivery-fee">
                {option.available ? (option.fee.amount === 0 ? t('checkout.free') : money(option.fee)) : ''}
              </span>
            </label>
            <p className="choice-conditions" data-testid="delivery-conditions">
              {deliveryConditions(option)}
            </p>
            {!option.available && option.reason && (
              <p className="choice-reason" data-testid="delivery-reason">
                {deliveryReason(option)}
              </p>
            )}
            {checked && option.kind === 'pickup' && <PickupFields option={option} draft={draft} onChange={onChange} />}
            {checked && option.kind === 'carrier' && <CarrierFields draft={draft} onChange={onChange} />}
            {checked && option.kind === 'dropshipping' && <DropshippingFields draft={draft} onChange={onChange} currency={currency} />}
          </div>
        );
      })}
      {error && (
        <div className="form-error" role="alert" data-testid="delivery-error">
          {error.message}
        </div>
      )}
      {!error && missing && (
        <p className="hint-block" data-testid="delivery-missing">
          {missing}
        </p>
      )}
    </fieldset>
  );
};

const PickupFields = ({ option, draft, onChange }: { option: DeliveryOption; draft: DeliveryDraft; onChange: (draft: DeliveryDraft) => void }) => {
  const warehouses = option.warehouses ?? [];
  const chosen = warehouses.find((warehouse) => warehouse.id === draft.warehouseId);
  const t = useT();
  return (
    <div className="choice-details">
      <label className="field">
        <span>{t('checkout.warehouse')}</span>
        <select value={draft.warehouseId} onChange={(event) => onChange({ ...draft, warehouseId: event.target.value })} data-testid="pickup-warehouse">
          <option value="">{t('checkout.chooseWarehouse')}</option>
          {warehouses.map((warehouse) => (
            <option key={warehouse.id} value={warehouse.id}>
              {warehouse.name}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <div className="small muted" data-testid="pickup-warehouse-details">
          {chosen.address.street}, {chosen.address.postalCode} {chosen.address.city} · {t('checkout.openingHours')}{' '}
          {chosen.openingHours.map((hours) => `${hours.days} ${hours.hours}`).join(', ')}
        </div>
      )}
    </div>
  );
};

const CarrierFields = ({ draft, onChange }: { draft: DeliveryDraft; onChange: (draft: DeliveryDraft) => void }) => {
  const t = useT();
  return (
    <div className="choice-details">
      <div className="field-row">
        <label className="field">
          <span>{t('checkout.carrier.city')}</span>
          <input
            type="text"
            maxLength={80}
            value={draft.carrierCity}
            onChange={(event) => onChange({ ...draft, carrierCity: event.target.value })}
            data-testid="carrier-city"
            placeholder={t('checkout.carrier.cityPlaceholder')}
          />
        </label>
        <label className="field field-small">
          <span>{t('checkout.carrier.branch')}</span>
          <input
            type="text"
            maxLength={40}
            value={draft.carrierBranch}
            onChange={(event) => onChange({ ...draft, carrierBranch: event.target.value })}
            data-testid="carrier-branch"
            placeholder={t('checkout.carrier.branchPlaceholder')}
            className="mono"
          />
        </label>
      </div>
      <p className="hint">{t('checkout.carrier.hint')}</p>
    </div>
  );
};

const DropshippingFields = ({ draft, onChange, currency }: { draft: DeliveryDraft; onChange: (draft: DeliveryDraft) => void; currency: string }) => {
  const drop = draft.dropshipping;
  const set = (change: Partial<DropshippingDraft>) => onChange({ ...draft, dropshipping: { ...drop, ...change } });
  const t = useT();
  return (
    <div className="choice-details">
      <h3 className="small strong">{t('checkout.drop.title')}</h3>
      <AddressFields value={drop.address} onChange={(address) => set({ address })} testIdPrefix="drop" nameLabel={t('checkout.drop.name')} />
      <div className="field-row">
        <label className="field">
          <span>{t('checkout.drop.phone')}</span>
          <input type="text" maxLength={40} value={drop.phone} onChange={(event) => set({ phone: event.target.value })} data-testid="drop-phone" />
        </label>
        <label className="field">
          <span>{t('checkout.drop.email')}</span>
          <input type="email" value={drop.email} onChange={(event) => set({ email: event.target.value })} data-testid="drop-email" />
        </label>
      </div>
      <label className="checkbox-inline">
        <input type="checkbox" checked={drop.cod} onChange={(event) => set({ cod: event.target.checked })} data-testid="drop-cod" /> {t('checkout.drop.cod')}
      </label>
      {drop.cod && (
        <div className="field-row">
          <label className="field field-small">
            <span>{t('checkout.drop.amount', { currency })}</span>
            <input
              type="text"
              inputMode="decimal"
              value={drop.codAmount}
              onChange={(event) => set({ codAmount: event.target.value })}
              data-testid="drop-cod-amount"
              placeholder={decimalForInput('249.90')}
            />
          </label>
          <label className="field">
            <span>{t('checkout.drop.iban')}</span>
            <input
              type="text"
              value={drop.codIban}
              onChange={(event) => set({ codIban: event.target.value })}
              data-testid="drop-cod-iban"
              className="mono"
              placeholder={IBAN_EXAMPLE}
            />
          </label>
        </div>
      )}
    </div>
  );
};

interface PaymentSectionProps {
  options: PaymentOption[];
  value: string | null;
  onChange: (method: string) => void;
  /** The options shown are for a previous choice and are being checked again. */
  stale: boolean;
  deliveryChosen: boolean;
  deliveryInvalid: boolean;
}

export const PaymentSection = ({ options, value, onChange, stale, deliveryChosen, deliveryInvalid }: PaymentSectionProps) => {
  const t = useT();
  return (
    <fieldset className={stale ? 'card panel choice-group refreshing' : 'card panel choice-group'} data-testid="payment-options" aria-busy={stale}>
      <legend className="choice-legend">
        <h2>{t('checkout.payment')}</h2>
      </legend>
      {deliveryInvalid ? (
        <p className="muted small" data-testid="payment-pending">
          {t('checkout.payment.recheck')}
        </p>
      ) : (
        !deliveryChosen && (
          <p className="muted small" data-testid="payment-pending">
            {t('checkout.payment.dependsOnDelivery')}
          </p>
        )
      )}
      {options.map((option) => (
        <div
          key={option.method}
          className={option.allowed ? (value === option.method ? 'choice selected' : 'choice') : 'choice unavailable'}
          data-testid={`payment-${option.method}`}
          data-allowed={option.allowed}
        >
          <label className="choice-head">
            <input
              type="radio"
              name="payment"
              value={option.method}
              checked={value === option.method}
              disabled={!option.allowed}
              onChange={() => onChange(option.method)}
              data-testid="payment-radio"
              aria-describedby={option.allowed ? undefined : `payment-reason-${option.method}`}
            />
            <span className="choice-title">{paymentLabel(option)}</span>
          </label>
          {!option.allowed && (
            <p className="choice-reason" id={`payment-reason-${option.method}`} data-testid="payment-reason">
              {option.reason || option.reasonCode ? paymentReason(option) : t('checkout.payment.notAvailable')}
            </p>
          )}
        </div>
      ))}
    </fieldset>
  );
};
