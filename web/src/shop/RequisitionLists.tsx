/**
 * Requisition lists (order lists): named product lists shared within the company. Everyone in the
 * company uses them ("Add all to cart"); the owner and company admins change them.
 */
import { useState, type FormEvent } from 'react';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { decimalForInput } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { Link, navigate } from '../router.js';
import { useServices } from '../services.js';
import { useAsync } from '../useAsync.js';
import { useBusyAction } from '../useBusyAction.js';
import { useCart } from './cart.js';
import { fillCart } from './intoCart.js';
import { formatQuantityText, money } from './ProductBits.js';
import { formatThousandths, parseThousandths } from './quoteInput.js';
import { requisitionsApi, skipReasonText, type IntoCartResult, type RequisitionList } from './requisitionsApi.js';

export const RequisitionLists = ({ companyId, listId }: { companyId: string; listId?: string }) => {
  const { api } = useServices();
  const t = useT();
  const lists = useAsync((signal) => requisitionsApi(api.shop).list(companyId, signal), [companyId, listId]);
  const [name, setName] = useState('');
  const { busy, error, run } = useBusyAction();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    await run(async () => {
      const created = await requisitionsApi(api.shop).create(companyId, name.trim());
      setName('');
      navigate(`/lists/${created.listId}`);
    });
  };

  return (
    <div className="requisition-lists" data-testid="requisition-lists">
      <header className="section-header">
        <div>
          <h1>{t('lists.title')}</h1>
          <p className="muted">{t('lists.intro')}</p>
        </div>
      </header>
      <div className="requisition-lists-body">
        <section className="card panel" aria-labelledby="lists-title">
          <h2 id="lists-title">{t('lists.companyLists')}</h2>
          {lists.loading && <Loading label={t('lists.loading')} />}
          {lists.error !== undefined && <ErrorBox error={lists.error} onRetry={lists.reload} />}
          {lists.data && lists.data.length === 0 && <Empty>{t('lists.empty')}</Empty>}
          {lists.data && lists.data.length > 0 && (
            <ul className="plain-list" data-testid="list-index">
              {lists.data.map((list) => (
                <li key={list.listId}>
                  <Link to={`/lists/${list.listId}`} className={list.listId === listId ? 'active' : undefined} data-testid={`list-link-${list.name}`}>
                    {list.name}
                  </Link>{' '}
                  <span className="muted small">{t('lists.summary', { count: list.lineCount, owner: list.owner.name })}</span>
                </li>
              ))}
            </ul>
          )}
          <form className="subform" onSubmit={(event) => void create(event)}>
            <div className="field-row">
              <label className="field">
                <span>{t('lists.newList')}</span>
                <input
                  type="text"
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  maxLength={80}
                  placeholder={t('lists.newListPlaceholder')}
                  data-testid="new-list-name"
                />
              </label>
            </div>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()} data-testid="create-list">
                {t('lists.create')}
              </button>
            </div>
          </form>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </section>
        {listId ? <ListDetail key={listId} companyId={companyId} listId={listId} onChanged={lists.reload} /> : null}
      </div>
    </div>
  );
};

const ListDetail = ({ companyId, listId, onChanged }: { companyId: string; listId: string; onChanged: () => void }) => {
  const { api } = useServices();
  const t = useT();
  const cart = useCart();
  const lists = requisitionsApi(api.shop);
  const list = useAsync((signal) => lists.get(companyId, listId, signal), [companyId, listId]);
  const { busy, error, setError, run: runAction } = useBusyAction();
  const [message, setMessage] = useState<string>();
  const [result, setResult] = useState<IntoCartResult>();

  const run = (action: () => Promise<RequisitionList | undefined>) => {
    setMessage(undefined);
    return runAction(async () => {
      const next = await action();
      if (next) list.setData(next);
      onChanged();
    });
  };

  if (list.loading) return <Loading label={t('lists.loadingList')} />;
  if (list.error !== undefined || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  const current = list.data;

  const addAllToCart = async () => {
    setResult(undefined);
    await runAction(async () => setResult(await fillCart(cart, () => lists.addAllToCart(companyId, listId))));
  };

  const rename = () => {
    const next = window.prompt(t('lists.renamePrompt'), current.name)?.trim();
    if (next && next !== current.name) void run(() => lists.rename(companyId, listId, next));
  };

  const remove = () => {
    if (!window.confirm(t('lists.deleteConfirm', { name: current.name }))) return;
    void run(async () => {
      await lists.remove(companyId, listId);
      navigate('/lists');
      return undefined;
    });
  };

  const changeQuantity = (sku: string, text: string) => {
    const thousandths = parseThousandths(text);
    if (thousandths === undefined || thousandths === 0) {
      setError(t('lists.badQuantity'));
      return;
    }
    void run(() => lists.updateLine(companyId, listId, sku, { quantity: formatThousandths(thousandths) }));
  };

  return (
    <section className="card panel" aria-labelledby="list-title" data-testid="list-detail">
      <header className="panel-header">
        <h2 id="list-title" data-testid="list-name">
          {current.name}
        </h2>
        <div className="inline-form">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void addAllToCart()}
            disabled={busy || current.lines.length === 0}
            data-testid="list-add-all"
          >
            {t('lists.addAll')}
          </button>
          {current.mayEdit && (
            <>
              <button type="button" className="btn btn-ghost btn-small" onClick={rename} disabled={busy} data-testid="list-rename">
                {t('lists.rename')}
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={remove} disabled={busy} data-testid="list-delete">
                {t('lists.delete')}
              </button>
            </>
          )}
        </div>
      </header>
      <p className="muted small">
        {current.mayEdit ? t('lists.ownerEditable', { owner: current.owner.name }) : t('lists.ownerReadOnly', { owner: current.owner.name })}
      </p>
      {result && <IntoCartReport result={result} />}
      {message && <p role="status">{message}</p>}
      {error && (
        <p className="form-error" role="alert" data-testid="list-error">
          {error}
        </p>
      )}
      {current.lines.length === 0 ? (
        <Empty>{t('lists.listEmpty')}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="list-lines">
            <thead>
              <tr>
                <th scope="col">{t('lists.col.product')}</th>
                <th scope="col" className="num">
                  {t('lists.col.quantity')}
                </th>
                <th scope="col" className="num">
                  {t('lists.col.priceToday')}
                </th>
                <th scope="col">{t('lists.col.note')}</th>
                {current.mayEdit && <th scope="col" aria-label={t('lists.col.actions')} />}
              </tr>
            </thead>
            <tbody>
              {current.lines.map((line) => (
                <tr key={line.sku} data-testid={`list-line-${line.sku}`}>
                  <td>
                    <Link to={`/products/${encodeURIComponent(line.sku)}`}>{line.name}</Link> <span className="mono muted small">{line.sku}</span>
                    {line.problem && <div className="form-error small">{skipReasonText[line.problem]}</div>}
                  </td>
                  <td className="num">
                    {current.mayEdit ? (
                      <input
                        key={line.quantity}
                        defaultValue={decimalForInput(line.quantity)}
                        size={6}
                        inputMode="decimal"
                        aria-label={t('lists.quantityOf', { sku: line.sku })}
                        onBlur={(event) => event.target.value !== decimalForInput(line.quantity) && changeQuantity(line.sku, event.target.value)}
                        data-testid={`list-qty-${line.sku}`}
                      />
                    ) : (
                      formatQuantityText(line.quantity)
                    )}{' '}
                    {line.unit}
                  </td>
                  <td className="num">{line.price ? money(line.price) : '–'}</td>
                  <td>
                    {current.mayEdit ? (
                      <input
                        key={line.note ?? ''}
                        defaultValue={line.note ?? ''}
                        maxLength={200}
                        aria-label={t('lists.noteFor', { sku: line.sku })}
                        onBlur={(event) => {
                          const note = event.target.value.trim();
                          if (note !== (line.note ?? '')) void run(() => lists.updateLine(companyId, listId, line.sku, { note: note || null }));
                        }}
                      />
                    ) : (
                      line.note
                    )}
                  </td>
                  {current.mayEdit && (
                    <td>
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        disabled={busy}
                        onClick={() => void run(() => lists.removeLine(companyId, listId, line.sku))}
                      >
                        {t('lists.remove')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

/** What "add all to cart" / "reorder" put into the cart and what it left out, with the reason. */
export const IntoCartReport = ({ result }: { result: IntoCartResult }) => {
  const t = useT();
  return (
    <div className="status" role="status" data-testid="into-cart-report">
      <p>
        {result.added.length === 0 ? t('lists.nothingAdded') : t('lists.added', { count: result.added.length })}{' '}
        {result.added.length > 0 && <Link to="/cart">{t('lists.goToCart')}</Link>}
      </p>
      {result.skipped.length > 0 && (
        <ul data-testid="into-cart-skipped">
          {result.skipped.map((line) => (
            <li key={line.sku}>
              <span className="mono">{line.sku}</span> ({formatQuantityText(line.quantity)}): {skipReasonText[line.reason]}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};
