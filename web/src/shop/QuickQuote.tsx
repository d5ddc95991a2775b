/**
 * `/quote`: the buyer pastes "SKU quantity" lines (or CSV `SKU;qty`), the API prices them for the
 * chosen agreement (`POST /pricing/quote`): unit prices, discounts, VAT per rate, reverse charge.
 * A different agreement recalculates the shown quote at once.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorBox } from '../components/Status.js';
import { countryName, euCountries } from '../countries.js';
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

/** Generic texts; the line's explanation usually says the exact limit ("minimum quantity of 2"). */
const problemTexts: Record<LineProblemCode, { text: string; detail?: RegExp }> = {
  UNKNOWN_PRODUCT: { text: 'Unknown product: please check the SKU.' },
  BELOW_MINIMUM: { text: 'Below the minimum order quantity.', detail: /minimum/i },
  NOT_A_STEP: { text: 'This quantity cannot be ordered: wrong fraction of the unit.', detail: /steps of/i },
  NOT_A_MULTIPLE: { text: 'This product is sold in packs: the quantity must be a multiple of the pack size.', detail: /multiple of/i },
  NOT_POSITIVE: { text: 'The quantity must be greater than zero.' },
  NO_PRICE: { text: 'There is no price for this product in the currency of your agreement.', detail: /no price/i },
};

/** Readable text for a line problem, with the concrete limit from the explanation when there is one. */
export const problemText = (code: string, explanation: readonly string[]): string => {
  const known = problemTexts[code as LineProblemCode];
  if (!known) return code.toLowerCase().replace(/_/g, ' ');
  const detail = known.detail ? explanation.find((line) => known.detail!.test(line)) : undefined;
  return detail ? `${detail}.` : known.text;
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
          <h1>Quick quote</h1>
          <p className="muted">
            Paste or type one product per line: <span className="mono">SKU quantity</span>, or CSV <span className="mono">SKU;quantity</span> /{' '}
            <span className="mono">SKU,quantity</span>. Decimals like <span className="mono">0.25</span> or <span className="mono">0,25</span> work for products
            sold by weight or volume.
          </p>
        </div>
      </header>
      <div className="quote-grid">
        <form className="card quote-form" onSubmit={submit} data-testid="quote-form">
          <label className="field">
            <span>Products and quantities</span>
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
            <span>Delivery country</span>
            <select data-testid="quote-delivery-country" value={deliveryCountry} onChange={(event) => setDeliveryCountry(event.target.value)}>
              <option value="">Your company's country</option>
              {euCountries.map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name}
                </option>
              ))}
            </select>
          </label>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" data-testid="quote-submit" disabled={quote.loading && request !== null}>
              {quote.loading && request !== null ? 'Calculating…' : 'Calculate'}
            </button>
            {selected && <span className="muted small">Agreement: {selected.name}</span>}
          </div>
          {inputErrors.length > 0 && (
            <div className="form-error" role="alert" data-testid="quote-input-error">
              Please correct your input:
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
          {!request && <div className="status status-empty">Enter products and quantities, then choose "Calculate" to see your prices, discounts and VAT.</div>}
        </section>
      </div>
    </div>
  );
};

const sum = (values: readonly Money[], currency: string): Money => ({ amount: values.reduce((total, value) => total + value.amount, 0), currency });

const QuoteResult = ({ quote, refreshing, deliveryCountry }: { quote: Quote; refreshing: boolean; deliveryCountry: string }) => {
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
        <h2>Your quote</h2>
        <span className="muted small">
          {quote.currency} · amounts net{deliveryCountry ? ` · delivery to ${countryName(deliveryCountry)}` : ''}
        </span>
      </header>
      {problemLines > 0 && (
        <div className="alert alert-warn" role="status" data-testid="quote-problems">
          {problemLines === 1 ? '1 line has a problem' : `${problemLines} lines have problems`} and {problemLines === 1 ? 'is' : 'are'} not included in the
          totals.
        </div>
      )}
      <div className="table-scroll">
        <table className="data-table quote-table">
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col" className="num">
                Unit net
              </th>
              <th scope="col">Discounts</th>
              <th scope="col" className="num">
                Line net
              </th>
              <th scope="col" className="num">
                VAT
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
  const hasProblems = line.problems.length > 0;
  return (
    <tr data-testid={`quote-line-${line.sku}`} className={hasProblems ? 'row-problem' : undefined}>
      <td className="mono" data-label="SKU">
        {line.sku}
        {hasProblems ? (
          <ul className="line-problems" data-testid="quote-line-problems">
            {line.problems.map((code) => (
              <li key={code} data-problem={code}>
                {problemText(code, line.explanation)}
              </li>
            ))}
          </ul>
        ) : (
          <PriceExplanation lines={line.explanation} summary="How is this calculated?" />
        )}
      </td>
      <td className="num" data-label="Quantity">
        {formatQuantityText(line.quantity)}
      </td>
      <td className="num" data-label="Unit net">
        {line.unitNet.amount > 0 || !hasProblems ? money(line.unitNet) : '—'}
      </td>
      <td data-label="Discounts">
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
      <td className="num" data-label="Line net" data-testid="quote-line-net">
        {hasProblems ? <span className="muted">—</span> : money(line.lineNet)}
      </td>
      <td className="num" data-label="VAT">
        {hasProblems ? '—' : reverseCharge ? '0 %' : formatRate(line.vatRate)}
      </td>
    </tr>
  );
};
