/**
 * `/console/companies/<id>/order`: a sales rep or back office enters an order for the customer
 * (`POST /console/companies/<id>/orders`). Products are picked from the catalog search (name, SKU,
 * EAN, MPN) or by SKU; every change is priced with the customer's own prices (`…/orders/preview`), with the
 * customer's delivery options and payment methods (not-allowed ones disabled with the reason), as at
 * checkout. "Preliminary" saves the order without placing it. One Idempotency-Key per submission.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, apiErrorMessage } from '../api.js';
import { emptyAddress } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { decimalForInput, formatDecimal, parseDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { paymentReason } from '../shop/checkoutTexts.js';
import { onBehalfApi, type OnBehalfLine } from '../onBehalf.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import { deliveryChoice, DeliverySection, isDeliveryError, newIdempotencyKey, PaymentSection, useDebounced, type DeliveryDraft } from '../shop/Checkout.js';
import { orderStatusLabels, Totals } from '../shop/OrderBits.js';
import { formatRate, money } from '../shop/ProductBits.js';
import { problemText } from '../shop/QuickQuote.js';
import type { DeliveryChoice, OrderStatus } from '../types.js';
import { useAsync } from '../useAsync.js';
import { Breadcrumb } from '../components/Breadcrumb.js';
import { ProductSearchPicker } from './ProductSearchPicker.js';

/** A typed quantity ("2", "0,25", "1.500" in German) as a plain decimal string, or undefined when it is none (at most 9 digits and 3 decimals). */
const quantityOf = (text: string): string | undefined => {
  const value = parseDecimal(text);
  return value !== undefined && /^\d{1,9}(?:\.\d{1,3})?$/.test(value) ? value : undefined;
};

interface DraftLine {
  sku: string;
  name: string;
  quantity: string;
}

/** Product search over the catalog (name, SKU, EAN, MPN) or a SKU typed in; "Add" puts one unit on the order. */
const ProductPicker = ({ onAdd }: { onAdd: (sku: string, name: string) => void }) => {
  const t = useT();
  const [sku, setSku] = useState('');
  return (
    <fieldset className="card panel" data-testid="obo-product-picker">
      <legend className="choice-legend">
        <h2>{t('consoleOrders.obo.products')}</h2>
      </legend>
      <div className="field-row">
        <ProductSearchPicker testIdPrefix="obo" onPick={onAdd} />
        <label className="field field-small">
          {t('consoleOrders.obo.addBySku')}
          <span className="field-row">
            <input value={sku} onChange={(event) => setSku(event.target.value)} className="mono" data-testid="obo-sku" />
            <button
              type="button"
              className="btn"
              disabled={!sku.trim()}
              onClick={() => {
                onAdd(sku.trim().toUpperCase(), sku.trim().toUpperCase());
                setSku('');
              }}
              data-testid="obo-sku-add"
            >
              {t('consoleOrders.add')}
            </button>
          </span>
        </label>
      </div>
    </fieldset>
  );
};

export const OrderOnBehalfForm = ({ companyId }: { companyId: string }) => {
  const t = useT();
  const { api } = useServices();
  const orders = onBehalfApi(api.console);
  const company = useAsync((signal) => api.console.getCompany(companyId, signal), [companyId]);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [delivery, setDelivery] = useState<DeliveryDraft>({
    key: null,
    warehouseId: '',
    carrierCity: '',
    carrierBranch: '',
    dropshipping: { address: emptyAddress('DE'), phone: '', email: '', cod: false, codAmount: '', codIban: '' },
  });
  const [paymentMethod, setPaymentMethod] = useState<string | null>(null);
  const [poNumber, setPoNumber] = useState('');
  const [note, setNote] = useState('');
  const [preliminary, setPreliminary] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [placed, setPlaced] = useState<{ orderId: string; orderNumber: string; status: OrderStatus } | null>(null);
  const pending = useRef<{ key: string; body: string } | null>(null);

  const [currency, setCurrency] = useState('EUR');
  const { choice, missing } = deliveryChoice(delivery, currency);
  const validLines: OnBehalfLine[] = lines.flatMap((line) => {
    const quantity = quantityOf(line.quantity);
    return quantity === undefined ? [] : [{ sku: line.sku, quantity }];
  });
  const invalidLine = lines.find((line) => {
    const quantity = quantityOf(line.quantity);
    return quantity === undefined || Number(quantity) === 0;
  });
  const liveKey = JSON.stringify({ lines: validLines, delivery: choice ?? null });
  const requestKey = useDebounced(liveKey, 300);
  const preview = useAsync(
    (signal) => {
      const request = JSON.parse(requestKey) as { lines: OnBehalfLine[]; delivery: DeliveryChoice | null };
      if (!request.lines.length) return undefined;
      return orders.preview(companyId, { lines: request.lines, ...(request.delivery ? { delivery: request.delivery } : {}) }, signal);
    },
    [requestKey, companyId],
    { keepData: true },
  );
  useEffect(() => {
    if (preview.data) setCurrency(preview.data.payable.currency);
  }, [preview.data]);
  const shown = validLines.length ? preview.data : undefined;
  const current = shown !== undefined && requestKey === liveKey && !preview.loading && !preview.error;
  const deliveryError = isDeliveryError(preview.error) ? preview.error : undefined;
  const chosenPayment = shown?.paymentOptions.find((option) => option.method === paymentMethod);
  useEffect(() => {
    if (current && chosenPayment && !chosenPayment.allowed) setPaymentMethod(null);
  }, [current, chosenPayment]);
  const pricedBySku = useMemo(() => new Map((shown?.quote.lines ?? []).map((line) => [line.sku, line])), [shown]);

  const addLine = (sku: string, name: string) =>
    setLines((existing) =>
      existing.some((line) => line.sku === sku)
        ? existing.map((line) => {
            const quantity = line.sku === sku ? quantityOf(line.quantity) : undefined;
            return quantity === undefined ? line : { ...line, quantity: decimalForInput(String(Number(quantity) + 1)) };
          })
        : [...existing, { sku, name, quantity: '1' }],
    );

  if (company.loading) return <Loading label={t('consoleOrders.obo.loadingCompany')} />;
  if (company.error || !company.data) return <ErrorBox error={company.error} onRetry={company.reload} />;

  const problems = shown
    ? [
        ...shown.quote.problems.map((problem) =>
          `${problem.sku ?? ''} ${problemText(problem.code, problem.sku ? pricedBySku.get(problem.sku)?.problemDetails : undefined)}`.trim(),
        ),
        ...shown.stockShortages.map((shortage) => t('consoleOrders.obo.shortage', { sku: shortage.sku, available: formatDecimal(shortage.available) })),
      ]
    : [];
  const readyProblem = !lines.length
    ? t('consoleOrders.obo.addProduct')
    : invalidLine
      ? t('consoleOrders.obo.quantityAboveZero', { sku: invalidLine.sku })
      : missing
        ? missing
        : deliveryError
          ? t('consoleOrders.obo.correctDelivery')
          : shown && shown.quote.problems.length
            ? t('consoleOrders.obo.linesProblems')
            : !paymentMethod
              ? t('consoleOrders.choosePayment')
              : chosenPayment && !chosenPayment.allowed
                ? chosenPayment.reason || chosenPayment.reasonCode
                  ? paymentReason(chosenPayment)
                  : t('consoleOrders.obo.paymentNotAvailable')
                : !current
                  ? t('consoleOrders.obo.checking')
                  : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readyProblem || !choice || !paymentMethod) return;
    const body = {
      lines: validLines,
      delivery: choice,
      paymentMethod,
      preliminary,
      ...(poNumber.trim() ? { poNumber: poNumber.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const serialized = JSON.stringify(body);
    // The same submission retried keeps its key, so a lost answer never enters two orders.
    if (!pending.current || pending.current.body !== serialized) pending.current = { key: newIdempotencyKey(), body: serialized };
    setSubmitting(true);
    setSubmitError(null);
    try {
      setPlaced(await orders.place(companyId, body, pending.current.key));
      pending.current = null;
    } catch (error) {
      const retryable = error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.code === 'ORDER_IN_PROGRESS');
      if (!retryable) pending.current = null;
      setSubmitError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const breadcrumb = (
    <Breadcrumb
      trail={[
        { to: '/console', label: t('consoleOrders.obo.companies') },
        { to: `/console/companies/${encodeURIComponent(companyId)}`, label: company.data.name },
      ]}
      current={t('consoleOrders.obo.newOrder')}
    />
  );

  if (placed)
    return (
      <section data-testid="obo-page">
        {breadcrumb}
        <div className="card panel" data-testid="obo-placed" data-status={placed.status}>
          <h1>
            {t('consoleOrders.obo.order')}{' '}
            <span className="mono" data-testid="obo-order-number">
              {placed.orderNumber}
            </span>{' '}
            {placed.status === 'preliminary' ? t('consoleOrders.obo.saved') : t('consoleOrders.obo.placed')}
          </h1>
          <p data-testid="obo-order-status">{orderStatusLabels[placed.status] ?? placed.status}</p>
          <p className="muted">{placed.status === 'preliminary' ? t('consoleOrders.obo.preliminaryInfo') : t('consoleOrders.obo.placedInfo')}</p>
          <div className="actions">
            <Link to={`/console/orders/${encodeURIComponent(companyId)}/${encodeURIComponent(placed.orderId)}`} className="btn" data-testid="obo-open-order">
              {t('consoleOrders.obo.openOrder')}
            </Link>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                setPlaced(null);
                setLines([]);
                setPaymentMethod(null);
                setPoNumber('');
                setNote('');
              }}
              data-testid="obo-another"
            >
              {t('consoleOrders.obo.another')}
            </button>
          </div>
        </div>
      </section>
    );

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="obo-page" noValidate>
      {breadcrumb}
      <header className="section-header">
        <div>
          <h1>{t('consoleOrders.obo.title', { company: company.data.name })}</h1>
          <p className="muted">{t('consoleOrders.obo.intro')}</p>
        </div>
      </header>
      <ProductPicker onAdd={addLine} />
      <div className="card panel">
        <h2>{t('consoleOrders.lines')}</h2>
        {lines.length === 0 ? (
          <p className="muted" data-testid="obo-no-lines">
            {t('consoleOrders.obo.noLines')}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="obo-lines">
              <thead>
                <tr>
                  <th scope="col">{t('consoleOrders.sku')}</th>
                  <th scope="col">{t('consoleOrders.product')}</th>
                  <th scope="col">{t('consoleOrders.quantity')}</th>
                  <th scope="col" className="num">
                    {t('consoleOrders.obo.unitPrice')}
                  </th>
                  <th scope="col" className="num">
                    {t('consoleOrders.obo.vat')}
                  </th>
                  <th scope="col" className="num">
                    {t('consoleOrders.obo.lineNet')}
                  </th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => {
                  const priced = pricedBySku.get(line.sku);
                  return (
                    <tr key={line.sku} data-testid={`obo-line-${line.sku}`}>
                      <td className="mono">{line.sku}</td>
                      <td>{line.name}</td>
                      <td>
                        <input
                          value={line.quantity}
                          inputMode="decimal"
                          aria-label={t('consoleOrders.obo.quantityOf', { sku: line.sku })}
                          onChange={(event) =>
                            setLines((existing) =>
                              existing.map((candidate) => (candidate.sku === line.sku ? { ...candidate, quantity: event.target.value } : candidate)),
                            )
                          }
                          data-testid="obo-line-qty"
                          className="input-small"
                        />
                      </td>
                      <td className="num" data-testid="obo-line-unit">
                        {priced && !priced.problems.length ? money(priced.unitNet) : '—'}
                      </td>
                      <td className="num">{priced ? formatRate(priced.vatRate) : ''}</td>
                      <td className="num" data-testid="obo-line-net">
                        {priced && !priced.problems.length ? money(priced.lineNet) : ''}
                        {priced && priced.problems.length > 0 && (
                          <span className="form-error">{priced.problems.map((code) => problemText(code, priced.problemDetails)).join(', ')}</span>
                        )}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-ghost btn-small"
                          onClick={() => setLines((existing) => existing.filter((candidate) => candidate.sku !== line.sku))}
                          data-testid="obo-line-remove"
                        >
                          {t('consoleOrders.obo.remove')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {problems.length > 0 && (
          <ul className="form-error" data-testid="obo-problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        {preview.error !== undefined && preview.error !== null && !deliveryError && <ErrorBox error={preview.error} onRetry={preview.reload} />}
      </div>
      {shown && (
        <>
          <DeliverySection
            options={shown.deliveryOptions}
            draft={delivery}
            onChange={setDelivery}
            currency={currency}
            error={deliveryError}
            missing={missing}
          />
          <PaymentSection
            options={shown.paymentOptions}
            value={paymentMethod}
            onChange={setPaymentMethod}
            stale={!current}
            deliveryChosen={choice !== undefined}
            deliveryInvalid={deliveryError !== undefined}
          />
        </>
      )}
      <div className="card panel">
        <div className="field-row">
          <label className="field">
            {t('consoleOrders.obo.poNumber')}
            <input value={poNumber} onChange={(event) => setPoNumber(event.target.value)} maxLength={40} data-testid="obo-po-number" />
          </label>
          <label className="field">
            {t('consoleOrders.noteOptional')}
            <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={1000} data-testid="obo-note" />
          </label>
        </div>
        <label className="checkbox-inline">
          <input type="checkbox" checked={preliminary} onChange={(event) => setPreliminary(event.target.checked)} data-testid="obo-preliminary" />{' '}
          {t('consoleOrders.obo.preliminary')}
        </label>
        {shown && (
          <div data-testid="obo-summary">
            <Totals
              prefix="obo"
              net={shown.quote.net}
              vat={shown.quote.vat}
              gross={shown.quote.gross}
              vatBreakdown={shown.quote.vatBreakdown}
              orderDiscounts={shown.quote.orderDiscounts}
              reverseCharge={shown.quote.reverseCharge}
              {...(choice ? { deliveryFee: shown.deliveryFee, payable: shown.payable } : { deliveryHint: t('consoleOrders.obo.deliveryHint') })}
            />
          </div>
        )}
        {submitError !== null && (
          <div className="alert alert-error" role="alert" data-testid="obo-error">
            {apiErrorMessage(submitError)}
          </div>
        )}
        {readyProblem && lines.length > 0 && (
          <p className="hint-block" data-testid="obo-hint">
            {readyProblem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submitting || readyProblem !== undefined} data-testid="obo-submit">
            {submitting
              ? t('consoleOrders.saving')
              : preliminary
                ? t('consoleOrders.obo.savePreliminary')
                : t('consoleOrders.obo.place', { company: company.data.name })}
          </button>
        </div>
      </div>
    </form>
  );
};
