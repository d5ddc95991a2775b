/**
 * The signed-in company user's active cart, shared by the header badge, the add-to-cart controls
 * of catalog and product page, the cart page and the checkout.
 *
 * The cart is priced for the chosen agreement (`GET /cart?agreement=`). The answers of the cart
 * mutations are priced for the company default, so after a change the cart is read again when the
 * buyer chose another agreement.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, isAbortError } from '../api.js';
import { useServices } from '../services.js';
import type { CartView } from '../types.js';
import { usePricing } from './pricing.js';

export interface CartState {
  /** Whether this user has a cart at all (company users). */
  enabled: boolean;
  view: CartView | undefined;
  loading: boolean;
  error: unknown;
  /** Number of lines (the header badge). */
  count: number;
  reload: () => void;
  /**
   * Runs a cart change and shows its result. Rejects with the API error (the caller shows it); a
   * CART_CHANGED conflict reloads the cart first.
   */
  change: (run: () => Promise<CartView>) => Promise<CartView>;
  /** Replace the shown cart (e.g. with the cart inside a checkout preview). */
  show: (view: CartView) => void;
}

const noCart: CartState = {
  enabled: false,
  view: undefined,
  loading: false,
  error: undefined,
  count: 0,
  reload: () => undefined,
  change: () => Promise.reject(new ApiError(403, 'FORBIDDEN', 'Carts belong to company users')),
  show: () => undefined,
};

const CartContext = createContext<CartState>(noCart);

export const useCart = (): CartState => useContext(CartContext);

interface CartProviderProps {
  enabled: boolean;
  /** Changes on sign-in/sign-out. */
  sessionKey: string;
  children: ReactNode;
}

export const CartProvider = ({ enabled, sessionKey, children }: CartProviderProps) => {
  const { api } = useServices();
  const { agreementId, reportError } = usePricing();
  const [view, setView] = useState<CartView | undefined>();
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  // The agreement the cart is currently priced for, read by `change` without re-creating it.
  const agreementRef = useRef(agreementId);
  agreementRef.current = agreementId;

  useEffect(() => {
    if (!enabled) {
      setView(undefined);
      setLoading(false);
      setError(undefined);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api.shop.getCart({ agreement: agreementId }, controller.signal).then(
      (loaded) => {
        if (controller.signal.aborted) return;
        setView(loaded);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted || isAbortError(failure)) return;
        setError(failure);
        setLoading(false);
        reportError(failure);
      },
    );
    return () => controller.abort();
  }, [api, enabled, sessionKey, agreementId, attempt, reportError]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const change = useCallback(
    async (run: () => Promise<CartView>): Promise<CartView> => {
      try {
        let result = await run();
        // The mutation answers with default-agreement prices: re-read for the chosen agreement.
        const agreement = agreementRef.current;
        if (agreement) result = await api.shop.getCart({ agreement });
        setView(result);
        setError(undefined);
        return result;
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === 'CART_CHANGED') reload();
        throw failure;
      }
    },
    [api, reload],
  );

  const value = useMemo<CartState>(
    () => (enabled ? { enabled, view, loading, error, count: view?.lines.length ?? 0, reload, change, show: setView } : noCart),
    [enabled, view, loading, error, reload, change],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
};
