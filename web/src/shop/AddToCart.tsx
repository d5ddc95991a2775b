/**
 * Quantity field and "Add to cart" button of a catalog row and the product page. Quantities may be
 * fractional for products sold by weight, volume or length ("0.25", also "0,25"); they are sent as
 * decimal strings, never as floats. The cart page shows the product's quantity rules when a
 * quantity does not fit them.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { apiErrorMessage } from '../api.js';
import { useT } from '../i18n/I18n.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import { useCart } from './cart.js';
import { formatQuantityText, parseQuantityThousandths } from './ProductBits.js';
import { formatThousandths } from './quoteInput.js';

interface AddToCartProps {
  sku: string;
  unit: string;
  /** Larger layout on the product page. */
  large?: boolean;
}

export const AddToCart = ({ sku, unit, large = false }: AddToCartProps) => {
  const { api } = useServices();
  const cart = useCart();
  const t = useT();
  const [quantity, setQuantity] = useState('1');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok?: string; error?: string }>({});

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
    </form>
  );
};
