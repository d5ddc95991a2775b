/**
 * Quantity field and "Add to cart" button of a catalog row and the product page. Quantities may be
 * fractional for products sold by weight, volume or length ("0.25", also "0,25"); they are sent as
 * decimal strings, never as floats.
 *
 * The product's quantity rules (minimum, step, multiple) are checked here, with the rule the cart uses
 * (functions/shared/quantity-rules.ts), before anything is sent: a quantity that does not fit is not
 * added; the reason is shown at once with the nearest allowed quantities (0.6 l in steps of 0.25 →
 * "0.5 l" or "0.75 l") as buttons that put that quantity into the field with one click; the buyer then
 * adds it. Nothing is rounded silently. The field starts at 1, or at the smallest allowed quantity when
 * 1 is not allowed.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { nearestQuantities, quantityProblems, smallestQuantity, type QuantityProblem } from '../../../functions/shared/quantity-rules.js';
import { apiErrorMessage } from '../api.js';
import { useT } from '../i18n/I18n.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import { useCart } from './cart.js';
import { decimalForInput } from '../format.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { formatQuantityText, parseQuantityThousandths, quantityLimitsOf, type QuantityRulesView } from './ProductBits.js';
import { formatThousandths } from './quoteInput.js';

interface AddToCartProps {
  sku: string;
  unit: string;
  /** Larger layout on the product page. */
  large?: boolean;
  /** The product's quantity rules (catalog product view); absent: whole units from one. */
  rules?: QuantityRulesView | undefined;
}

/** The reason shown first when several rules are broken (0.3 l: below the minimum and off the step). */
const refusalOrder: readonly QuantityProblem[] = ['BELOW_MINIMUM', 'NOT_A_MULTIPLE', 'NOT_A_STEP'];

const asInput = (thousandths: number) => decimalForInput(formatThousandths(thousandths));

export const AddToCart = ({ sku, unit, large = false, rules }: AddToCartProps) => {
  const { api } = useServices();
  const cart = useCart();
  const t = useT();
  const limits = quantityLimitsOf(rules);
  const [quantity, setQuantity] = useState(() => (quantityProblems(1000, limits).length ? asInput(smallestQuantity(limits)) : '1'));
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok?: string; error?: string; suggestions?: readonly number[] }>({});
  const input = useRef<HTMLInputElement>(null);

  // The "added" confirmation fades after a while.
  useEffect(() => {
    if (!status.ok) return;
    const timer = window.setTimeout(() => setStatus({}), 6000);
    return () => window.clearTimeout(timer);
  }, [status.ok]);

  if (!cart.enabled) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const thousandths = parseQuantityThousandths(quantity);
    if (thousandths === undefined || thousandths === 0) {
      setStatus({ error: t('cart.add.qtyInvalid') });
      return;
    }
    const problems = quantityProblems(thousandths, limits);
    const problem = refusalOrder.find((code) => problems.includes(code));
    if (problem) {
      const figures = {
        unit,
        minimum: formatQuantityText(rules?.minimum ?? '1'),
        step: formatQuantityText(rules?.step ?? '1'),
        multiple: formatQuantityText(rules?.multiple ?? '1'),
      };
      setStatus({ error: t(`cart.add.refused.${problem}` as MessageKey, figures), suggestions: nearestQuantities(thousandths, limits) });
      return;
    }
    setBusy(true);
    setStatus({});
    try {
      const view = await cart.change(() => api.shop.addToCart([{ sku, quantity: formatThousandths(thousandths) }]));
      const line = view.lines.find((candidate) => candidate.sku === sku);
      setStatus({ ok: line ? t('cart.add.inCart', { quantity: formatQuantityText(line.quantity), unit }) : t('cart.add.added') });
    } catch (failure) {
      setStatus({ error: apiErrorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={large ? 'add-to-cart add-to-cart-large' : 'add-to-cart'} onSubmit={(event) => void submit(event)} data-testid="add-to-cart-form">
      <label className="add-to-cart-qty">
        <span className="visually-hidden">{t('cart.add.qtyHidden', { unit })}</span>
        <input
          ref={input}
          type="text"
          inputMode="decimal"
          value={quantity}
          onChange={(event) => {
            setQuantity(event.target.value);
            setStatus({});
          }}
          data-testid="add-qty"
          aria-label={t('cart.qtyLabel', { sku, unit })}
          size={5}
        />
        <span className="add-to-cart-unit">{unit}</span>
      </label>
      <button type="submit" className={large ? 'btn btn-primary' : 'btn btn-small btn-primary'} disabled={busy} data-testid="add-to-cart">
        {busy ? t('cart.adding') : t('cart.addToCart')}
      </button>
      {status.ok && (
        <span className="add-to-cart-status ok" role="status" data-testid="add-status">
          ✓ {status.ok} · <Link to="/cart">{t('cart.add.viewCart')}</Link>
        </span>
      )}
      {status.error && (
        <span className="add-to-cart-status error" role="alert" data-testid="add-error">
          {status.error}
        </span>
      )}
      {status.suggestions && status.suggestions.length > 0 && (
        <span className="add-to-cart-suggestions" data-testid="add-suggestions">
          {t('cart.add.suggest')}{' '}
          {status.suggestions.map((suggestion) => {
            const shown = { quantity: formatQuantityText(formatThousandths(suggestion)), unit };
            return (
              <button
                key={suggestion}
                type="button"
                className="btn btn-small"
                data-testid="add-suggestion"
                data-quantity={formatThousandths(suggestion)}
                aria-label={t('cart.add.suggestionLabel', shown)}
                onClick={() => {
                  setQuantity(asInput(suggestion));
                  setStatus({});
                  input.current?.focus();
                }}
              >
                {t('cart.add.suggestion', shown)}
              </button>
            );
          })}
        </span>
      )}
    </form>
  );
};
