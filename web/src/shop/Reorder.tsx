/** "Reorder" on the order page: the order's lines go into the cart at today's prices in one click. */
import { useState } from 'react';
import { apiErrorMessage } from '../api.js';
import { useServices } from '../services.js';
import { useCart } from './cart.js';
import { IntoCartReport } from './RequisitionLists.js';
import { requisitionsApi, type IntoCartResult } from './requisitionsApi.js';

export const ReorderButton = ({ companyId, orderId }: { companyId: string; orderId: string }) => {
  const { api } = useServices();
  const cart = useCart();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<IntoCartResult>();
  const [error, setError] = useState<string>();

  const reorder = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      let outcome: IntoCartResult | undefined;
      await cart.change(async () => {
        outcome = await requisitionsApi(api.shop).reorder(companyId, orderId);
        return outcome.cart;
      });
      setResult(outcome);
    } catch (failure) {
      setError(apiErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="reorder">
      <button type="button" className="btn btn-primary" onClick={() => void reorder()} disabled={busy} data-testid="reorder">
        {busy ? 'Adding…' : 'Reorder'}
      </button>
      {result && <IntoCartReport result={result} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
};
