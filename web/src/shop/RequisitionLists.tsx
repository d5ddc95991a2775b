/**
 * Requisition lists (order lists): named product lists shared within the company. Everyone in the
 * company uses them ("Add all to cart"); the owner and company admins change them.
 */
import { useState, type FormEvent } from 'react';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
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
          <h1>Lists</h1>
          <p className="muted">Order lists shared with your colleagues: put a whole list into the cart in one go.</p>
        </div>
      </header>
      <div className="requisition-lists-body">
        <section className="card panel" aria-labelledby="lists-title">
          <h2 id="lists-title">Your company’s lists</h2>
          {lists.loading && <Loading label="Loading lists…" />}
          {lists.error !== undefined && <ErrorBox error={lists.error} onRetry={lists.reload} />}
          {lists.data && lists.data.length === 0 && <Empty>No lists yet. Create one below or use “Add to list” on a product page.</Empty>}
          {lists.data && lists.data.length > 0 && (
            <ul className="plain-list" data-testid="list-index">
              {lists.data.map((list) => (
                <li key={list.listId}>
                  <Link to={`/lists/${list.listId}`} className={list.listId === listId ? 'active' : undefined} data-testid={`list-link-${list.name}`}>
                    {list.name}
                  </Link>{' '}
                  <span className="muted small">
                    {list.lineCount} {list.lineCount === 1 ? 'line' : 'lines'} · {list.owner.name}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <form className="subform" onSubmit={(event) => void create(event)}>
            <div className="field-row">
              <label className="field">
                <span>New list</span>
                <input
                  type="text"
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  maxLength={80}
                  placeholder="e.g. Site Stuttgart, weekly"
                  data-testid="new-list-name"
                />
              </label>
            </div>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()} data-testid="create-list">
                Create list
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

  if (list.loading) return <Loading label="Loading the list…" />;
  if (list.error !== undefined || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  const current = list.data;

  const addAllToCart = async () => {
    setResult(undefined);
    await runAction(async () => setResult(await fillCart(cart, () => lists.addAllToCart(companyId, listId))));
  };

  const rename = () => {
    const next = window.prompt('New name of the list', current.name)?.trim();
    if (next && next !== current.name) void run(() => lists.rename(companyId, listId, next));
  };

  const remove = () => {
    if (!window.confirm(`Delete the list “${current.name}”?`)) return;
    void run(async () => {
      await lists.remove(companyId, listId);
      navigate('/lists');
      return undefined;
    });
  };

  const changeQuantity = (sku: string, text: string) => {
    const thousandths = parseThousandths(text);
    if (thousandths === undefined || thousandths === 0) {
      setError('Enter a quantity greater than 0 with at most three decimals.');
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
            Add all to cart
          </button>
          {current.mayEdit && (
            <>
              <button type="button" className="btn btn-ghost btn-small" onClick={rename} disabled={busy} data-testid="list-rename">
                Rename
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={remove} disabled={busy} data-testid="list-delete">
                Delete
              </button>
            </>
          )}
        </div>
      </header>
      <p className="muted small">
        By {current.owner.name}. {current.mayEdit ? 'You can change this list.' : 'Only its owner and company admins change this list; you can use it.'}
      </p>
      {result && <IntoCartReport result={result} />}
      {message && <p role="status">{message}</p>}
      {error && (
        <p className="form-error" role="alert" data-testid="list-error">
          {error}
        </p>
      )}
      {current.lines.length === 0 ? (
        <Empty>This list is empty. Use “Add to list” on a product page.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="list-lines">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col" className="num">
                  Quantity
                </th>
                <th scope="col" className="num">
                  Price today
                </th>
                <th scope="col">Note</th>
                {current.mayEdit && <th scope="col" aria-label="Actions" />}
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
                        defaultValue={line.quantity}
                        size={6}
                        inputMode="decimal"
                        aria-label={`Quantity of ${line.sku}`}
                        onBlur={(event) => event.target.value !== line.quantity && changeQuantity(line.sku, event.target.value)}
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
                        aria-label={`Note for ${line.sku}`}
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
                        Remove
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
export const IntoCartReport = ({ result }: { result: IntoCartResult }) => (
  <div className="status" role="status" data-testid="into-cart-report">
    <p>
      {result.added.length === 0
        ? 'Nothing could be added to your cart.'
        : `${result.added.length} ${result.added.length === 1 ? 'line' : 'lines'} added to your cart at today’s prices.`}{' '}
      {result.added.length > 0 && <Link to="/cart">Go to the cart</Link>}
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
