/** Forms of the console order detail: new shipment, note, goodwill adjustment, added items, preliminary edit. */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { decimalForInput, formatDateTime, parseDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { formatMoney } from '../money.js';
import { parseMinorUnits } from '../moneyInput.js';
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
  const t = useT();
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
        {t('consoleOrders.shipment.allShipped')}
      </p>
    );
  const names = new Map(order.lines.map((line) => [line.sku, line.name]));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = skus.map((sku) => ({ sku, text: (quantities[sku] ?? '').trim() })).filter((line) => line.text !== '');
    const invalid = typed.find((line) => parseDecimal(line.text) === undefined);
    if (invalid) return setError(t('consoleOrders.shipment.badQuantity', { sku: invalid.sku }));
    const lines = typed.map((line) => ({ sku: line.sku, quantity: parseDecimal(line.text) ?? '' })).filter((line) => !/^0(?:\.0*)?$/.test(line.quantity));
    if (lines.length === 0) return setError(t('consoleOrders.shipment.needQuantity'));
    if (!carrier.trim()) return setError(t('consoleOrders.shipment.needCarrier'));
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
    <Panel title={t('consoleOrders.shipment.title')} testId="new-shipment-form" onSubmit={(event) => void submit(event)}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('consoleOrders.product')}</th>
            <th scope="col" className="num">
              {t('consoleOrders.shipment.leftToShip')}
            </th>
            <th scope="col" className="num">
              {t('consoleOrders.shipment.inThisShipment')}
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
                  aria-label={t('consoleOrders.shipment.quantityOf', { sku })}
                  data-testid={`shipment-quantity-${sku}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="field-row">
        <label className="field">
          {t('consoleOrders.shipment.carrier')}
          <input value={carrier} onChange={(event) => setCarrier(event.target.value)} maxLength={60} data-testid="shipment-carrier-input" />
        </label>
        <label className="field">
          {t('consoleOrders.shipment.trackingNumber')}
          <input value={trackingNumber} onChange={(event) => setTrackingNumber(event.target.value)} maxLength={60} data-testid="shipment-tracking-input" />
        </label>
        <label className="field">
          {t('consoleOrders.shipment.trackingUrl')}
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
        {busy ? t('consoleOrders.saving') : t('consoleOrders.shipment.create')}
      </button>
    </Panel>
  );
};

export const ShipmentActions = ({ order, shipmentId, status, onChanged }: { order: AdminOrder; shipmentId: string; status: string; onChanged: () => void }) => {
  const t = useT();
  const { api } = useServices();
  const { busy, error, run } = useSubmit(onChanged);
  const advance = (to: 'shipped' | 'delivered') =>
    void run(() => orderAdminApi(api.console).updateShipment(order.companyId, order.orderId, shipmentId, { status: to }));
  return (
    <>
      {status === 'prepared' && (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => advance('shipped')} data-testid="mark-shipped">
          {t('consoleOrders.shipment.markShipped')}
        </button>
      )}
      {status !== 'delivered' && (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => advance('delivered')} data-testid="mark-delivered">
          {t('consoleOrders.shipment.markDelivered')}
        </button>
      )}
      <FormError error={error} testId="shipment-action-error" />
    </>
  );
};

export const NoteForm = ({ detail, onChanged }: FormProps) => {
  const t = useT();
  const { api } = useServices();
  const [text, setText] = useState('');
  const { busy, error, run, setError } = useSubmit(onChanged);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError(t('consoleOrders.notes.empty'));
    if (await run(() => orderAdminApi(api.console).addNote(detail.order.companyId, detail.order.orderId, text.trim()))) setText('');
  };
  return (
    <Panel title={t('consoleOrders.notes.title')} testId="note-form" onSubmit={(event) => void submit(event)}>
      <p className="muted small">{t('consoleOrders.notes.staffOnly')}</p>
      <ul className="small" data-testid="order-notes">
        {detail.notes.map((note) => (
          <li key={note.noteId}>
            <strong>{note.author.name}</strong> <span className="muted">{formatDateTime(note.at)}</span>: {note.text}
          </li>
        ))}
      </ul>
      <label className="field">
        {t('consoleOrders.notes.new')}
        <textarea value={text} onChange={(event) => setText(event.target.value)} rows={2} maxLength={2000} data-testid="note-input" />
      </label>
      <FormError error={error} testId="note-error" />
      <button type="submit" className="btn" disabled={busy} data-testid="add-note">
        {t('consoleOrders.notes.add')}
      </button>
    </Panel>
  );
};

export const AdjustmentForm = ({ detail, onChanged }: FormProps) => {
  const t = useT();
  const { api } = useServices();
  const currency = detail.order.net.currency;
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, run, setError } = useSubmit(onChanged);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMinorUnits(amount, currency);
    if (!minor) return setError(t('consoleOrders.goodwill.positive'));
    if (!reason.trim()) return setError(t('consoleOrders.goodwill.reasonRequired'));
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
    <Panel title={t('consoleOrders.goodwill.title')} testId="adjustment-form" onSubmit={(event) => void submit(event)}>
      <p className="muted small">
        {t('consoleOrders.goodwill.takenOff', { max: formatMoney(detail.order.net.amount, currency) })}{' '}
        {detail.order.invoiceNumber ? t('consoleOrders.goodwill.invoiced', { invoice: detail.order.invoiceNumber }) : t('consoleOrders.goodwill.notInvoiced')}
      </p>
      <div className="field-row">
        <label className="field">
          {t('consoleOrders.goodwill.amount', { currency })}
          <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} data-testid="adjustment-amount" />
        </label>
        <label className="field">
          {t('consoleOrders.goodwill.reason')}
          <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} data-testid="adjustment-reason" />
        </label>
      </div>
      <FormError error={error} testId="adjustment-error" />
      <button type="submit" className="btn" disabled={busy} data-testid="add-adjustment">
        {t('consoleOrders.goodwill.grant')}
      </button>
    </Panel>
  );
};

export const AddItemsForm = ({ detail, onChanged }: FormProps) => {
  const t = useT();
  const { api } = useServices();
  const helpId = useId();
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
    <Panel title={t('consoleOrders.addItems.title')} testId="add-items-form" onSubmit={(event) => void submit(event)}>
      <p className="muted small" id={helpId}>
        {t('consoleOrders.addItems.help')}
      </p>
      <textarea
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={3}
        className="mono"
        aria-label={t('consoleOrders.addItems.title')}
        aria-describedby={helpId}
        data-testid="add-items-input"
      />
      <FormError error={error} testId="add-items-error" />
      <button type="submit" className="btn" disabled={busy} data-testid="add-items">
        {t('consoleOrders.addItems.submit')}
      </button>
    </Panel>
  );
};

/** Preliminary orders (and orders awaiting approval): replace lines, change the delivery address, release or cancel. */
export const PreliminaryEditForm = ({ detail, onChanged }: FormProps) => {
  const t = useT();
  const { api } = useServices();
  const { order, company } = detail;
  const [text, setText] = useState(() => order.lines.map((line) => `${line.sku} ${decimalForInput(line.quantity)}`).join('\n'));
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
    <Panel title={t('consoleOrders.edit.title')} testId="preliminary-edit-form" onSubmit={(event) => void save(event)}>
      <label className="field">
        {t('consoleOrders.edit.lines')}
        <textarea value={text} onChange={(event) => setText(event.target.value)} rows={4} className="mono" data-testid="edit-lines-input" />
      </label>
      {order.delivery.kind !== 'pickup' && (
        <label className="field">
          {t('consoleOrders.edit.deliveryAddress')}
          <select value={addressId} onChange={(event) => setAddressId(event.target.value)} data-testid="edit-delivery-address">
            <option value="">{t('consoleOrders.edit.unchanged')}</option>
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
          {t('consoleOrders.edit.save')}
        </button>
        {order.status === 'preliminary' && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => move('placing')} data-testid="release-order">
            {t('consoleOrders.edit.release')}
          </button>
        )}
        <button type="button" className="btn btn-danger" disabled={busy} onClick={() => move('cancelled')} data-testid="cancel-order">
          {t('consoleOrders.edit.cancelOrder')}
        </button>
      </div>
    </Panel>
  );
};
