/**
 * `/quote`: the buyer pastes "SKU quantity" lines (or CSV `SKU;qty`), the API prices them for the
 * chosen agreement (`POST /pricing/quote`): unit prices, discounts, VAT per rate, reverse charge.
 * A different agreement recalculates the shown quote at once.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { ErrorBox } from '../components/Status.js';
import { countryName, sortedEuCountries } from '../countries.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';
import { useServices, useSession } from '../services.js';
import type { LineProblemCode, Money, Quote, QuoteLine } from '../types.js';
import { useAsync } from '../useAsync.js';
import { Totals } from './OrderBits.js';
import { PriceExplanation } from './ProductDetail.js';
import { formatQuantityText, formatRate, money } from './ProductBits.js';
import { usePricing } from './pricing.js';
import { parseQuoteInput, type QuoteInputLine } from './quoteInput.js';

const INPUT_STORAGE_KEY = 'b2b-portal.quote.shop';

const EXAMPLE = 'POW-0311 2\nFAS-0111 10\nCLE-0911;0,75';

/** The figures of a line's problems (`problemDetails` of the API): limits as decimal quantities, the currency without a price. */
export type LineProblemDetails = QuoteLine['problemDetails'];

/**
 * Texts per problem: generic, and with the concrete limit when the API sends it in `problemDetails`
 * (`detail` names the figure; quantities are shown in the UI language).
 */
const problemTexts: Record<LineProblemCode, { text: MessageKey; detail?: { key: MessageKey; param: keyof LineProblemDetails } }> = {
  UNKNOWN_PRODUCT: { text: 'quotes.problem.UNKNOWN_PRODUCT' },
  BELOW_MINIMUM: { text: 'quotes.problem.BELOW_MINIMUM', detail: { key: 'quotes.problem.BELOW_MINIMUM.of', param: 'minimum' } },
  NOT_A_STEP: { text: 'quotes.problem.NOT_A_STEP', detail: { key: 'quotes.problem.NOT_A_STEP.of', param: 'step' } },
  NOT_A_MULTIPLE: { text: 'quotes.problem.NOT_A_MULTIPLE', detail: { key: 'quotes.problem.NOT_A_MULTIPLE.of', param: 'multiple' } },
  NOT_POSITIVE: { text: 'quotes.problem.NOT_POSITIVE' },
  NO_PRICE: { text: 'quotes.problem.NO_PRICE', detail: { key: 'quotes.problem.NO_PRICE.of', param: 'currency' } },
};

/** Readable text for a line problem in the UI language, with the concrete limit from `problemDetails` when there is one. */
export const problemText = (code: string, details: LineProblemDetails | undefined): string => {
  const known = problemTexts[code as LineProblemCode];
  if (!known) return code.toLowerCase().replace(/_/g, ' ');
  const value = known.detail ? details?.[known.detail.param] : undefined;
  if (!known.detail || value === undefined) return translate(known.text);
  return translate(known.detail.key, { [known.detail.param]: known.detail.param === 'currency' ? value : formatQuantityText(value) });
};

/** The textarea survives reloads, but only for the same user. */
const readStoredInput = (email: string | undefined): string => {
  try {
    const stored = JSON.parse(sessionStorage.getItem(INPUT_STORAGE_KEY) ?? 'null') as { email?: unknown; text?: unknown } | null;
    return stored && stored.email === email && typeof stored.text === 'string' ? stored.text : '';
  } catch {
    return '';
  }
};

interface QuoteRequestState {
  lines: QuoteInputLine[];
  deliveryCountry: string;
}

export const QuickQuote = () => {
  const { api, auth } = useServices();
  const t = useT();
  const email = useSession(auth.shop)?.email;
  const { agreementId, selected, reportError } = usePricing();
  const [text, setText] = useState(() => readStoredInput(email));
  const [deliveryCountry, setDeliveryCountry] = useState('');
  const [inputErrors, setInputErrors] = useState<string[]>([]);
  const [request, setRequest] = useState<QuoteRequestState | null>(null);
  // A serialised key so that a new "Calculate" with the same lines still recalculates.
  const [submission, setSubmission] = useState(0);

  useEffect(() => {
    try {
      sessionStorage.setItem(INPUT_STORAGE_KEY, JSON.stringify({ email, text }));
    } catch {
      // Storage disabled: the input just does not survive a reload.
    }
  }, [email, text]);

  const quote = useAsync(
    (signal) =>
      request
        ? api.shop.quote(
            {
              lines: request.lines,
              ...(agreementId ? { agreementId } : {}),
              ...(request.deliveryCountry ? { deliveryCountry: request.deliveryCountry } : {}),
            },
            signal,
          )
        : undefined,
    [request, agreementId, submission],
    { keepData: true },
  );

  useEffect(() => {
    if (quote.error) reportError(quote.error);
  }, [quote.error, reportError]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseQuoteInput(text);
    setInputErrors(parsed.errors);
    if (parsed.errors.length > 0) return;
    setRequest({ lines: parsed.lines, deliveryCountry });
    setSubmission((n) => n + 1);
  };

  return (
    <div className="quote-page">
      <header className="section-header">
        <div>
          <h1>{t('quotes.quick.title')}</h1>
          <p className="muted">
            <FormattedMessage id={'quotes.quick.intro' satisfies MessageKey} values={{ code: (chunks) => <span className="mono">{chunks}</span> }} />
          </p>
        </div>
      </header>
      <div className="quote-grid">
        <form className="card quote-form" onSubmit={submit} data-testid="quote-form">
          <label className="field">
            <span>{t('quotes.quick.products')}</span>
            <textarea
              data-testid="quote-input"
              rows={10}
              value={text}
              placeholder={EXAMPLE}
              spellCheck={false}
              className="mono"
              onChange={(event) => {
                setText(event.target.value);
                setInputErrors([]);
              }}
            />
          </label>
          <label className="field">
            <span>{t('quotes.quick.deliveryCountry')}</span>
            <select data-testid="quote-delivery-country" value={deliveryCountry} onChange={(event) => setDeliveryCountry(event.target.value)}>
              <option value="">{t('quotes.quick.companyCountry')}</option>
              {sortedEuCountries().map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name}
                </option>
              ))}
            </select>
          </label>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" data-testid="quote-submit" disabled={quote.loading && request !== null}>
              {quote.loading && request !== null ? t('quotes.quick.calculating') : t('quotes.quick.calculate')}
            </button>
            {selected && <span className="muted small">{t('quotes.quick.agreement', { name: selected.name })}</span>}
          </div>
          {inputErrors.length > 0 && (
            <div className="form-error" role="alert" data-testid="quote-input-error">
              {t('quotes.quick.correctInput')}
              <ul className="issue-list">
                {inputErrors.map((error) => (
                  <li key={error}>{error}</li>
                ))}
              </ul>
            </div>
          )}
        </form>
        <section className="quote-result" aria-live="polite">
          {quote.error !== undefined && quote.error !== null && <ErrorBox error={quote.error} onRetry={quote.reload} />}
          {quote.data && request && <QuoteResult quote={quote.data} refreshing={quote.loading} deliveryCountry={request.deliveryCountry} />}
          {!request && <div className="status status-empty">{t('quotes.quick.empty')}</div>}
        </section>
      </div>
    </div>
  );
};

const sum = (values: readonly Money[], currency: string): Money => ({ amount: values.reduce((total, value) => total + value.amount, 0), currency });

const QuoteResult = ({ quote, refreshing, deliveryCountry }: { quote: Quote; refreshing: boolean; deliveryCountry: string }) => {
  const t = useT();
  const linesNet = useMemo(
    () =>
      sum(
        quote.lines.map((line) => line.lineNet),
        quote.currency,
      ),
    [quote],
  );
  const problemLines = quote.lines.filter((line) => line.problems.length > 0).length;
  return (
    <div className={refreshing ? 'card quote-card refreshing' : 'card quote-card'} aria-busy={refreshing} data-testid="quote-result">
      <header className="panel-header">
        <h2>{t('quotes.quick.yourQuote')}</h2>
        <span className="muted small">
          {deliveryCountry
            ? t('quotes.quick.metaDelivery', { currency: quote.currency, country: countryName(deliveryCountry) })
            : t('quotes.quick.meta', { currency: quote.currency })}
        </span>
      </header>
      {problemLines > 0 && (
        <div className="alert alert-warn" role="status" data-testid="quote-problems">
          {t('quotes.quick.problems', { count: problemLines })}
        </div>
      )}
      <div className="table-scroll">
        <table className="data-table quote-table">
          <thead>
            <tr>
              <th scope="col">{t('quotes.col.sku')}</th>
              <th scope="col" className="num">
                {t('quotes.col.quantity')}
              </th>
              <th scope="col" className="num">
                {t('quotes.quick.col.unitNet')}
              </th>
              <th scope="col">{t('quotes.quick.col.discounts')}</th>
              <th scope="col" className="num">
                {t('quotes.col.lineNet')}
              </th>
              <th scope="col" className="num">
                {t('quotes.col.vat')}
              </th>
            </tr>
          </thead>
          <tbody>
            {quote.lines.map((line) => (
              <QuoteLineRow key={line.sku} line={line} reverseCharge={quote.reverseCharge.applies} />
            ))}
          </tbody>
        </table>
      </div>
      <Totals
        prefix="quote"
        net={quote.net}
        vat={quote.vat}
        gross={quote.gross}
        vatBreakdown={quote.vatBreakdown}
        orderDiscounts={quote.orderDiscounts}
        linesNet={linesNet}
        reverseCharge={quote.reverseCharge}
      />
    </div>
  );
};

const QuoteLineRow = ({ line, reverseCharge }: { line: QuoteLine; reverseCharge: boolean }) => {
  const t = useT();
  const hasProblems = line.problems.length > 0;
  return (
    <tr data-testid={`quote-line-${line.sku}`} className={hasProblems ? 'row-problem' : undefined}>
      <td className="mono" data-label={t('quotes.col.sku')}>
        {line.sku}
        {hasProblems ? (
          <ul className="line-problems" data-testid="quote-line-problems">
            {line.problems.map((code) => (
              <li key={code} data-problem={code}>
                {problemText(code, line.problemDetails)}
              </li>
            ))}
          </ul>
        ) : (
          <PriceExplanation lines={line.explanation} summary={t('quotes.quick.howCalculated')} />
        )}
      </td>
      <td className="num" data-label={t('quotes.col.quantity')}>
        {formatQuantityText(line.quantity)}
      </td>
      <td className="num" data-label={t('quotes.quick.col.unitNet')}>
        {line.unitNet.amount > 0 || !hasProblems ? money(line.unitNet) : '—'}
      </td>
      <td data-label={t('quotes.quick.col.discounts')}>
        {line.discounts.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="plain-list">
            {line.discounts.map((discount) => (
              <li key={discount.discountId} className="small">
                {discount.name}: <span className="nowrap">−{money(discount.amount)}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="num" data-label={t('quotes.col.lineNet')} data-testid="quote-line-net">
        {hasProblems ? <span className="muted">—</span> : money(line.lineNet)}
      </td>
      <td className="num" data-label={t('quotes.col.vat')}>
        {hasProblems ? '—' : reverseCharge ? '0 %' : formatRate(line.vatRate)}
      </td>
    </tr>
  );
};
