/** Price and availability display shared by the product table, the product page and related products. */
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { formatDecimal, parseDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';
import { formatMoney, userLocale } from '../money.js';
import { Link } from '../router.js';
import type { Money, PriceTier, ProductView } from '../types.js';
import { parseThousandths } from './quoteInput.js';
import type { QuantityLimits } from '../../../functions/shared/quantity-rules.js';

export const money = (value: Money): string => formatMoney(value.amount, value.currency, userLocale());

/** "19 %", "7.5 %" (German "7,5 %") from basis points, without floating point. */
export const formatRate = (bps: number): string => {
  const whole = Math.trunc(bps / 100);
  const fraction = String(Math.abs(bps % 100))
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${formatDecimal(`${bps < 0 && whole === 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`)} %`;
};

/** A decimal quantity string from the API ("10", "0.5") in the user's locale ("0,5" in German). */
export const formatQuantityText = (quantity: string): string => formatDecimal(quantity);

/** A quantity as typed in the UI language ("0,25", "1.500" in German) in thousandths; undefined when not a non-negative quantity with at most three decimals. */
export const parseQuantityThousandths = (text: string): number | undefined => {
  const decimal = parseDecimal(text);
  return decimal === undefined || decimal.startsWith('-') ? undefined : parseThousandths(decimal);
};

/** A message with markup (`<link>catalog</link>`, `<mono>SKU</mono>`): each tag is rendered by the function of the same name. */
export const RichText = ({ id, values }: { id: MessageKey; values: Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)> }) => (
  <FormattedMessage id={id} values={values} />
);

export const priceModeLabel = (product: Pick<ProductView, 'priceDisplay' | 'vatRate'>): string =>
  product.priceDisplay === 'gross' ? translate('catalog.price.gross') : translate('catalog.price.net');

/** `data-testid="price"` holds only the formatted amount (tests compare its digits with the API amount). */
export const Price = ({ product, signedIn, showMode = true }: { product: ProductView; signedIn: boolean; showMode?: boolean }) => {
  const t = useT();
  if (product.price) {
    return (
      <span className="price-with-mode">
        <span className="price" data-testid="price">
          {money(product.price)}
        </span>
        {showMode && product.priceDisplay && (
          <span
            className="price-mode"
            data-testid="price-mode"
            title={product.vatRate !== undefined ? t('catalog.price.vatRate', { rate: formatRate(product.vatRate) }) : undefined}
          >
            {priceModeLabel(product)}
          </span>
        )}
      </span>
    );
  }
  return (
    <span className="price-hidden" data-testid="price-hidden">
      {signedIn ? t('catalog.price.onRequest') : <Link to="/login">{t('catalog.price.logIn')}</Link>}
    </span>
  );
};

/** "from 10: €12.34" for the first quantity tier (catalog list). */
export const FirstTier = ({ tiers, unit }: { tiers: PriceTier[] | undefined; unit: string }) => {
  const t = useT();
  const first = tiers?.[0];
  if (!first) return null;
  const quantity = formatQuantityText(first.minQuantity);
  return (
    <span className="price-tier" data-testid="price-tier" title={t('catalog.tier.title', { quantity, unit })}>
      {t('catalog.tier.from', { quantity, price: money(first.unitPrice) })}
    </span>
  );
};

export const Availability = ({ product }: { product: ProductView }) => {
  const t = useT();
  const availability = product.availability;
  if (!availability) return <span className="muted">—</span>;
  return availability.inStock ? (
    <span className="badge badge-ok" data-testid="availability">
      {t('catalog.availability.inStock', { quantity: formatDecimal(availability.quantity) })}
    </span>
  ) : (
    <span className="badge badge-warn" data-testid="availability">
      {t('catalog.availability.outOfStock')}
    </span>
  );
};

/** The company's own article number of a product (customer material number), under the SKU. */
export const YourNumber = ({ buyerNumber }: { buyerNumber: string | undefined }) => {
  const t = useT();
  return buyerNumber ? (
    <div className="muted small" data-testid="buyer-number">
      {t('catalog.yourNumber')} <span className="mono">{buyerNumber}</span>
    </div>
  ) : null;
};

export type QuantityRulesView = NonNullable<ProductView['quantityRules']>;

/** The rules in thousandths for the shared check (functions/shared/quantity-rules.ts). */
export const quantityLimitsOf = (rules: QuantityRulesView | undefined): QuantityLimits | undefined =>
  rules
    ? {
        minimum: parseThousandths(rules.minimum) ?? 1000,
        step: parseThousandths(rules.step) ?? 1000,
        ...(rules.multiple ? { multiple: parseThousandths(rules.multiple) ?? 0 } : {}),
      }
    : undefined;

/** The rules that are not the plain "whole units from one" as short phrases: "min. 0.5 l", "in steps of 0.25 l", "carton of 12 roll: 5 % off". */
export const quantityRulePhrases = (rules: QuantityRulesView | undefined, unit: string): string[] => {
  if (!rules) return [];
  const quantity = (value: string) => ({ quantity: formatQuantityText(value), unit });
  const phrases: string[] = [];
  if (rules.minimum !== '1') phrases.push(translate('catalog.rules.minimum', quantity(rules.minimum)));
  if (rules.step !== '1') phrases.push(translate('catalog.rules.step', quantity(rules.step)));
  if (rules.multiple) phrases.push(translate('catalog.rules.multiple', quantity(rules.multiple)));
  if (rules.packSize)
    phrases.push(
      rules.packDiscount
        ? translate('catalog.rules.packDiscount', { ...quantity(rules.packSize), discount: formatRate(rules.packDiscount) })
        : translate('catalog.rules.pack', quantity(rules.packSize)),
    );
  return phrases;
};

/** Minimum, step, multiple and carton of a product, shown before anything goes into the cart (list rows and product page). */
export const QuantityRules = ({ product }: { product: Pick<ProductView, 'quantityRules' | 'unit'> }) => {
  const t = useT();
  const phrases = quantityRulePhrases(product.quantityRules, product.unit);
  if (phrases.length === 0) return null;
  return (
    <div className="quantity-rules muted small" data-testid="quantity-rules" title={t('catalog.rules.title')}>
      {phrases.join(' · ')}
    </div>
  );
};
