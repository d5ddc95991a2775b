/** "Add to list" next to "Add to cart" on the product page: puts the product on a requisition list. */
import { useState, type FormEvent } from 'react';
import { apiErrorMessage } from '../api.js';
import { useT } from '../i18n/I18n.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import { useAsync } from '../useAsync.js';
import { useActiveCompanyId } from './CompanySwitcher.js';
import { parseQuantityThousandths } from './ProductBits.js';
import { formatThousandths } from './quoteInput.js';
import { requisitionsApi } from './requisitionsApi.js';

const NEW_LIST = '__new__';

export const AddToList = ({ sku, unit }: { sku: string; unit: string }) => {
  const { api } = useServices();
  const companyId = useActiveCompanyId();
  const t = useT();
  const lists = useAsync((signal) => (companyId ? requisitionsApi(api.shop).list(companyId, signal) : undefined), [companyId]);
  const [choice, setChoice] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok?: { text: string; listId: string }; error?: string }>({});
  if (!companyId) return null;
  const editable = (lists.data ?? []).filter((list) => list.mayEdit);
  const selected = choice || editable[0]?.listId || NEW_LIST;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const thousandths = parseQuantityThousandths(quantity);
    if (thousandths === undefined || thousandths === 0) {
      setStatus({ error: t('cart.list.qtyInvalid') });
      return;
    }
    const line = { sku, quantity: formatThousandths(thousandths) };
    setBusy(true);
    setStatus({});
    try {
      const client = requisitionsApi(api.shop);
      let list;
      if (selected === NEW_LIST) {
        const name = window.prompt(t('cart.list.newListPrompt'))?.trim();
        if (!name) return;
        list = await client.create(companyId, name, [line]);
        lists.reload();
        setChoice(list.listId);
      } else {
        list = await client.addLines(companyId, selected, [line]);
      }
      setStatus({ ok: { text: t('cart.list.onList', { name: list.name }), listId: list.listId } });
    } catch (failure) {
      setStatus({ error: apiErrorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-to-cart add-to-cart-large add-to-list" onSubmit={(event) => void submit(event)} data-testid="add-to-list-form">
      <label className="add-to-cart-qty">
        <span className="visually-hidden">{t('cart.list.qtyHidden', { unit })}</span>
        <input
          type="text"
          inputMode="decimal"
          value={quantity}
          onChange={(event) => setQuantity(event.target.value)}
          size={5}
          aria-label={t('cart.list.qtyLabel', { sku })}
          data-testid="list-qty"
        />
        <span className="add-to-cart-unit">{unit}</span>
      </label>
      <select
        value={selected}
        onChange={(event) => setChoice(event.target.value)}
        aria-label={t('cart.list.choice')}
        data-testid="list-choice"
        style={{ maxWidth: '14rem' }}
      >
        {editable.map((list) => (
          <option key={list.listId} value={list.listId}>
            {list.name}
          </option>
        ))}
        <option value={NEW_LIST}>{t('cart.list.newList')}</option>
      </select>
      <button type="submit" className="btn btn-ghost" disabled={busy || lists.loading} data-testid="add-to-list">
        {t('cart.list.add')}
      </button>
      {status.ok && (
        <span className="add-to-cart-status ok" role="status" data-testid="add-to-list-status">
          <Link to={`/lists/${status.ok.listId}`}>{status.ok.text}</Link>
        </span>
      )}
      {status.error && (
        <span className="add-to-cart-status error" role="alert">
          {status.error}
        </span>
      )}
    </form>
  );
};
