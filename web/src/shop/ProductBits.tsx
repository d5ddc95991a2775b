/** Price and availability display shared by the product table, the product page and related products. */
import { formatMoney, userLocale } from '../money.js';
import { Link } from '../router.js';
import type { Money, PriceTier, ProductView } from '../types.js';

const quantityFormat = new Intl.NumberFormat(userLocale());

export const money = (value: Money): string => formatMoney(value.amount, value.currency, userLocale());

/** "19 %", "7.5 %" from basis points, without floating point. */
export const formatRate = (bps: number): string => {
  const whole = Math.trunc(bps / 100);
  const fraction = String(Math.abs(bps % 100))
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''} %`;
};

/** A decimal quantity string from the API ("10", "0.5") in the user's locale. */
export const formatQuantityText = (quantity: string): string => {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(quantity);
  if (!match) return quantity;
  const whole = quantityFormat.format(Number(match[1]));
  if (!match[2]) return whole;
  const separator = new Intl.NumberFormat(userLocale()).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  return `${whole}${separator}${match[2]}`;
};

export const priceModeLabel = (product: Pick<ProductView, 'priceDisplay' | 'vatRate'>): string =>
  product.priceDisplay === 'gross' ? 'gross (incl. VAT)' : 'net';

/** `data-testid="price"` holds only the formatted amount (tests compare its digits with the API amount). */
export const Price = ({ product, signedIn, showMode = true }: { product: ProductView; signedIn: boolean; showMode?: boolean }) => {
  if (product.price) {
    return (
      <span className="price-with-mode">
        <span className="price" data-testid="price">
          {money(product.price)}
        </span>
        {showMode && product.priceDisplay && (
          <span className="price-mode" data-testid="price-mode" title={product.vatRate !== undefined ? `VAT rate ${formatRate(product.vatRate)}` : undefined}>
            {priceModeLabel(product)}
          </span>
        )}
      </span>
    );
  }
  return (
    <span className="price-hidden" data-testid="price-hidden">
      {signedIn ? 'Price on request' : <Link to="/login">Log in to see prices</Link>}
    </span>
  );
};

/** "from 10: €12.34" for the first quantity tier (catalog list). */
export const FirstTier = ({ tiers, unit }: { tiers: PriceTier[] | undefined; unit: string }) => {
  const first = tiers?.[0];
  if (!first) return null;
  return (
    <span className="price-tier" data-testid="price-tier" title={`From ${formatQuantityText(first.minQuantity)} ${unit} on`}>
      from {formatQuantityText(first.minQuantity)}: {money(first.unitPrice)}
    </span>
  );
};

export const Availability = ({ product }: { product: ProductView }) => {
  const availability = product.availability;
  if (!availability) return <span className="muted">—</span>;
  return availability.inStock ? (
    <span className="badge badge-ok" data-testid="availability">
      In stock · {quantityFormat.format(availability.quantity)}
    </span>
  ) : (
    <span className="badge badge-warn" data-testid="availability">
      Out of stock
    </span>
  );
};

/** The company's own article number of a product (customer material number), under the SKU. */
export const YourNumber = ({ buyerNumber }: { buyerNumber: string | undefined }) =>
  buyerNumber ? (
    <div className="muted small" data-testid="buyer-number">
      Your no. <span className="mono">{buyerNumber}</span>
    </div>
  ) : null;
