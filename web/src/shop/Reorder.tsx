/** "Reorder" on the order page: the order's lines go into the cart at today's prices in one click. */
import { useState } from 'react';
import { useT } from '../i18n/I18n.js';
import { useServices } from '../services.js';
import { useBusyAction } from '../useBusyAction.js';
import { useCart } from './cart.js';
import { fillCart } from './intoCart.js';
import { IntoCartReport } from './RequisitionLists.js';
import { requisitionsApi, type IntoCartResult } from './requisitionsApi.js';

export const ReorderButton = ({ companyId, orderId }: { companyId: string; orderId: string }) => {
  const { api } = useServices();
  const cart = useCart();
  const t = useT();
  const { busy, error, run } = useBusyAction();
  const [result, setResult] = useState<IntoCartResult>();

  const reorder = async () => {
    setResult(undefined);
    await run(async () => setResult(await fillCart(cart, () => requisitionsApi(api.shop).reorder(companyId, orderId))));
  };

  return (
    <div className="reorder">
      <button type="button" className="btn btn-primary" onClick={() => void reorder()} disabled={busy} data-testid="reorder">
        {busy ? t('cart.adding') : t('cart.reorder')}
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
