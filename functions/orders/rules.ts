import type { Product } from '../catalog/rules.js';

export interface OrderLineRequest {
  readonly sku: string;
  readonly quantity: number;
}

export interface LineProblem {
  readonly sku: string;
  readonly code: 'UNKNOWN_PRODUCT' | 'PRODUCT_INACTIVE';
}

/** Lines whose products do not exist or are no longer sold. */
export function findLineProblems(lines: readonly OrderLineRequest[], products: ReadonlyMap<string, Product>): LineProblem[] {
  const problems: LineProblem[] = [];
  for (const line of lines) {
    const product = products.get(line.sku);
    if (!product) problems.push({ sku: line.sku, code: 'UNKNOWN_PRODUCT' });
    else if (!product.active) problems.push({ sku: line.sku, code: 'PRODUCT_INACTIVE' });
  }
  return problems;
}
