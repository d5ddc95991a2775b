/** Forms of the console order detail: new shipment, note, goodwill adjustment, added items, preliminary edit. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { formatMinorUnits, parseMinorUnits } from '../moneyInput.js';
import { orderAdminApi, parseLines, type AdminOrder, type AdminOrderDetail, type ShipmentDraft } from '../orderAdmin.js';
import { useServices } from '../services.js';
import { formatQuantityText } from '../shop/ProductBits.js';
import { useBusyAction } from '../useBusyAction.js';

/** Runs `action`, shows its error, and reports success to the detail view (which reloads). */
const useSubmit = (onDone: () => void) => {
  const { busy, error, setError, run: runAction } = useBusyAction();
  const run = (action: () => Promise<unknown>) =>
    runAction(async () => {
      await action();
      onDone();
    });
  return { busy, error, run, setError };
};

const FormError = ({ error, testId }: { error: string | undefined; testId: string }) =>
  error ? (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      {error}
    </div>
  ) : null;

const Panel = ({ title, testId, children, onSubmit }: { title: string; testId: string; children: ReactNode; onSubmit: (event: FormEvent) => void }) => (
  <form className="card panel" onSubmit={onSubmit} data-testid={testId} noValidate>
    <h2>{title}</h2>
    {children}
  </form>
);

interface FormProps {
  detail: AdminOrderDetail;
  onChanged: () => void;
}

export const NewShipmentForm = ({ detail, onChanged }: FormProps) => {
  const { api } = useServices();
  const { order, remaining } = detail;
  const skus = Object.keys(remaining).filter((sku) => remaining[sku] !== '0');
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [carrier, setCarrier] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [trackingUrl, setTrackingUrl] = useState('');
  const { busy, error, run, setError } = useSubmit(onChanged);
  if (skus.length === 0)
    return (
      <p className="muted" data-testid="shipment-all-shipped">
        Every ordered unit is in a shipment.
      </p>
    );
  const names = new Map(order.lines.map((line) => [line.sku, line.name]));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const lines = skus
      .map((sku) => ({ sku, quantity: (quantities[sku] ?? '').trim().replace(',', '.') }))
      .filter((line) => line.quantity !== '' && line.quantity !== '0');
    if (lines.length === 0) return setError('Enter a quantity for at least one line.');
    if (!carrier.trim()) return setError('Enter the carrier.');
    const body: ShipmentDraft = {
      lines,
      carrier: carrier.trim(),
      ...(trackingNumber.trim() ? { trackingNumber: trackingNumber.trim() } : {}),
      ...(trackingUrl.trim() ? { trackingUrl: trackingUrl.trim() } : {}),
    };
    if (await run(() => orderAdminApi(api.console).createShipment(order.companyId, order.orderId, body))) {
      setQuantities({});
      setTrackingNumber('');
      setTrackingUrl('');
    }
  };
  return (
    <Panel title="New shipment" testId="new-shipment-form" onSubmit={(event) => void submit(event)}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" className="num">
              Left to ship
            </th>
            <th scope="col" className="num">
              In this shipment
            </th>
          </tr>
        </thead>
        <tbody>
          {skus.map((sku) => (
            <tr key={sku}>
              <td>
                {names.get(sku) ?? sku} <div className="mono muted">{sku}</div>
              </td>
              <td className="num" data-testid={`shipment-remaining-${sku}`}>
                {formatQuantityText(remaining[sku] ?? '0')}
              </td>
              <td className="num">
                <input
                  inputMode="decimal"
                  size={6}
                  value={quantities[sku] ?? ''}
                  onChange={(event) => setQuantities({ ...quantities, [sku]: event.target.value })}
                  aria-label={`Quantity of ${sku} in this shipment`}
                  data-testid={`shipment-quantity-${sku}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="field-row">
        <label className="field">
          Carrier
          <input value={carrier} onChange={(event) => setCarrier(event.target.value)} maxLength={60} data-testid="shipment-carrier-input" />
        </label>
        <label className="field">
          Tracking number (optional — marks it shipped)
          <input value={trackingNumber} onChange={(event) => setTrackingNumber(event.target.value)} maxLength={60} data-testid="shipment-tracking-input" />
        </label>
        <label className="field">
          Tracking URL (optional)
          <input
            type="url"
            value={trackingUrl}
            onChange={(event) => setTrackingUrl(event.target.value)}
            maxLength={500}
            data-testid="shipment-tracking-url-input"
          />
        </label>
      </div>
      <FormError error={error} testId="new-shipment-error" />
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="create-shipment">
        {busy ? 'Saving…' : 'Create shipment'}
      </button>
    </Panel>
  );
};

export const ShipmentActions = ({ order, shipmentId, status, onChanged }: { order: AdminOrder; shipmentId: string; status: string; onChanged: () => void }) => {
  const { api } = useServices();
  const { busy, error, run } = useSubmit(onChanged);
  const advance = (to: 'shipped' | 'delivered') =>
    void run(() => orderAdminApi(api.console).updateShipment(order.companyId, order.orderId, shipmentId, { status: to }));
  return (
    <>
      {status === 'prepared' && (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => advance('shipped')} data-testid="mark-shipped">
          Mark shipped
        </button>
      )}
      {status !== 'delivered' && (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => advance('delivered')} data-testid="mark-delivered">
          Mark delivered
        </button>
      )}
      <FormError error={error} testId="shipment-action-error" />
    </>
  );
};

export const NoteForm = ({ detail, onChanged }: FormProps) => {
  const { api } = useServices();
  const [text, setText] = useState('');
  const { busy, error, run, setError } = useSubmit(onChanged);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError('Write a note.');
    if (await run(() => orderAdminApi(api.console).addNote(detail.order.companyId, detail.order.orderId, text.trim()))) setText('');
  };
  return (
    <Panel title="Internal notes" testId="note-form" onSubmit={(event) => void submit(event)}>
      <p className="muted small">Only staff see these notes; customers never do.</p>
      <ul className="small" data-testid="order-notes">
        {detail.notes.map((note) => (
          <li key={note.noteId}>
            <strong>{note.author.name}</strong> <span className="muted">{new Date(note.at).toLocaleString()}</span>: {note.text}
          </li>
        ))}
      </ul>
      <label className="field">
        New note
        <textarea value={text} onChange={(event) => setText(event.target.value)} rows={2} maxLength={2000} data-testid="note-input" />
      </label>
      <FormError error={error} testId="note-error" />
      <button type="submit" className="btn" disabled={busy} data-testid="add-note">
        Add note
      </button>
    </Panel>
  );
};

export const AdjustmentForm = ({ detail, onChanged }: FormProps) => {
  const { api } = useServices();
  const currency = detail.order.net.currency;
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, run, setError } = useSubmit(onChanged);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMinorUnits(amount, currency);
    if (!minor) return setError('Enter a positive amount.');
    if (!reason.trim()) return setError('A reason is required.');
    if (
      await run(() =>
        orderAdminApi(api.console).addAdjustment(detail.order.companyId, detail.order.orderId, {
          amount: { amount: minor, currency },
          reason: reason.trim(),
          expectedVersion: detail.order.version,
        }),
      )
    ) {
      setAmount('');
      setReason('');
    }
  };
  return (
    <Panel title="Goodwill discount" testId="adjustment-form" onSubmit={(event) => void submit(event)}>
      <p className="muted small">
        Taken off the net total (at most {formatMinorUnits(detail.order.net.amount, currency)} {currency}); VAT is recalculated.{' '}
        {detail.order.invoiceNumber
          ? `The order is invoiced (${detail.order.invoiceNumber}): a credit note “Goodwill discount” is issued against it. The customer never sees the reason.`
          : 'The customer sees “Goodwill discount”, not the reason.'}
      </p>
      <div className="field-row">
        <label className="field">
          Amount (net, {currency})
          <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} data-testid="adjustment-amount" />
        </label>
        <label className="field">
          Reason
          <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} data-testid="adjustment-reason" />
        </label>
      </div>
      <FormError error={error} testId="adjustment-error" />
      <button type="submit" className="btn" disabled={busy} data-testid="add-adjustment">
        Grant discount
      </button>
    </Panel>
  );
};

export const AddItemsForm = ({ detail, onChanged }: FormProps) => {
  const { api } = useServices();
  const [text, setText] = useState('');
  const { busy, error, run, setError } = useSubmit(onChanged);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseLines(text);
    if ('error' in parsed) return setError(parsed.error);
    if (
      await run(() =>
        orderAdminApi(api.console).addItems(detail.order.companyId, detail.order.orderId, { lines: parsed.lines, expectedVersion: detail.order.version }),
      )
    )
      setText('');
  };
  return (
    <Panel title="Add items" testId="add-items-form" onSubmit={(event) => void submit(event)}>
      <p className="muted small">At the customer’s own prices. One line per item: “SKU quantity”.</p>
      <textarea value={text} onChange={(event) => setText(event.target.value)} rows={3} className="mono" data-testid="add-items-input" />
      <FormError error={error} testId="add-items-error" />
      <button type="submit" className="btn" disabled={busy} data-testid="add-items">
        Add to order
      </button>
    </Panel>
  );
};

/** Preliminary orders (and orders awaiting approval): replace lines, change the delivery address, release or cancel. */
export const PreliminaryEditForm = ({ detail, onChanged }: FormProps) => {
  const { api } = useServices();
  const { order, company } = detail;
  const [text, setText] = useState(() => order.lines.map((line) => `${line.sku} ${line.quantity}`).join('\n'));
  const [addressId, setAddressId] = useState(typeof order.delivery.addressId === 'string' ? order.delivery.addressId : '');
  const { busy, error, run, setError } = useSubmit(onChanged);
  const edit = orderAdminApi(api.console).edit;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseLines(text);
    if ('error' in parsed) return setError(parsed.error);
    await run(() =>
      edit(order.companyId, order.orderId, { expectedVersion: order.version, lines: parsed.lines, ...(addressId ? { deliveryAddressId: addressId } : {}) }),
    );
  };
  const move = (status: 'placing' | 'cancelled') => void run(() => edit(order.companyId, order.orderId, { expectedVersion: order.version, status }));
  return (
    <Panel title="Edit order" testId="preliminary-edit-form" onSubmit={(event) => void save(event)}>
      <label className="field">
        Lines (“SKU quantity”, replaces all lines; priced at the customer’s prices)
        <textarea value={text} onChange={(event) => setText(event.target.value)} rows={4} className="mono" data-testid="edit-lines-input" />
      </label>
      {order.delivery.kind !== 'pickup' && (
        <label className="field">
          Delivery address
          <select value={addressId} onChange={(event) => setAddressId(event.target.value)} data-testid="edit-delivery-address">
            <option value="">Unchanged</option>
            {company.deliveryAddresses.map((address) => (
              <option key={address.id} value={address.id}>
                {[address.name, address.street, `${address.postalCode} ${address.city}`, address.country].filter(Boolean).join(', ')}
              </option>
            ))}
          </select>
        </label>
      )}
      <FormError error={error} testId="edit-order-error" />
      <div className="actions">
        <button type="submit" className="btn" disabled={busy} data-testid="save-order-edit">
          Save changes
        </button>
        {order.status === 'preliminary' && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => move('placing')} data-testid="release-order">
            Release order
          </button>
        )}
        <button type="button" className="btn btn-danger" disabled={busy} onClick={() => move('cancelled')} data-testid="cancel-order">
          Cancel order
        </button>
      </div>
    </Panel>
  );
};
