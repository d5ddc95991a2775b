/** Price and availability display shared by the product table and the product detail page. */
import { formatMoney, userLocale } from '../money.js';
import { Link } from '../router.js';
import type { ProductView } from '../types.js';

const quantityFormat = new Intl.NumberFormat(userLocale());

export const Price = ({ product, signedIn }: { product: ProductView; signedIn: boolean }) => {
  if (product.price) {
    return (
      <span className="price" data-testid="price">
        {formatMoney(product.price.amount, product.price.currency, userLocale())}
      </span>
    );
  }
  return (
    <span className="price-hidden" data-testid="price-hidden">
      {signedIn ? 'Price on request' : <Link to="/login">Log in to see prices</Link>}
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
