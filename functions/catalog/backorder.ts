import { roundToMilli } from '../shared/quantity.js';

/**
 * Back-orders (issue 17 item 3): a product may allow ordering beyond its stock, with the date more is
 * expected (`backorder: { allowed: true, expectedAt }` on the product). Such a line takes the stock
 * there is now and the rest ships later; every other product still refuses more than is in stock.
 */
export interface BackorderTerms {
  readonly allowed: boolean;
  /** ISO calendar date (UTC) the missing quantity is expected. */
  readonly expectedAt: string;
}

export const backorderAllowed = (product: { readonly backorder?: BackorderTerms } | undefined): boolean => product?.backorder?.allowed === true;

/**
 * Pure: how a wanted quantity splits for a product with `available` in stock (same unit for both):
 * `now` ships from stock, `later` is back-ordered until `expectedAt`. Undefined when the stock covers
 * the quantity or the product does not allow back-orders (then the shortage stands).
 */
export function backorderSplit(
  wanted: number,
  available: number,
  product: { readonly backorder?: BackorderTerms } | undefined,
): { now: number; later: number; expectedAt: string } | undefined {
  if (!backorderAllowed(product) || wanted <= available) return undefined;
  const now = Math.max(0, available);
  return { now, later: roundToMilli(wanted - now), expectedAt: product!.backorder!.expectedAt };
}

/** Reads a product item's `backorder` attribute (anything malformed: no back-orders). */
export function backorderFromItem(value: unknown): BackorderTerms | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { allowed, expectedAt } = value as { allowed?: unknown; expectedAt?: unknown };
  if (allowed !== true || typeof expectedAt !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expectedAt)) return undefined;
  return { allowed, expectedAt };
}
