/** Server-side "put these lines into the cart" calls (requisition list, reorder) run through the cart context. */
import type { CartState } from './cart.js';
import type { IntoCartResult } from './requisitionsApi.js';

/** Runs `fill` as a cart change (the cart shows the cart it answers with) and resolves to what was added and skipped. */
export const fillCart = async (cart: Pick<CartState, 'change'>, fill: () => Promise<IntoCartResult>): Promise<IntoCartResult> => {
  let outcome: IntoCartResult | undefined;
  await cart.change(async () => {
    outcome = await fill();
    return outcome.cart;
  });
  return outcome!;
};
