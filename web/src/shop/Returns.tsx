/**
 * Returns, complaints and warranty claims (RMA) in the shop:
 * `/returns` — the company's claims; `/returns/<rmaId>` — one claim with status history, notes from our
 * team, photos, PDF and credit note; `/returns/new/<orderId>` — file a claim for shipped lines of an order
 * ("Return / complaint" on the order page); `/returns/guest` — the same without an account, with the order
 * number and the e-mail address of the buyer who placed the order.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, apiErrorMessage } from '../api.js';
import { LabelledOptions } from '../components/Options.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import {
  maxPhotos,
  photoFileProblem,
  rmaApi,
  rmaErrorMessage,
  rmaStatusLabels,
  rmaTypeLabels,
  rmaTypes,
  toMilli,
  type ClaimRequest,
  type GuestCredentials,
  type ReturnableLine,
  type Rma,
  type RmaDetail,
  type RmaStatus,
  type RmaType,
} from '../rma.js';
import { openFetchedLink } from '../openLink.js';
import { Link, navigate } from '../router.js';
import { useServices } from '../services.js';
import type { Order } from '../types.js';
import { useAsync } from '../useAsync.js';
import { useBusyAction } from '../useBusyAction.js';
import { formatWhen } from './OrderBits.js';
import { formatQuantityText, money } from './ProductBits.js';
import { Breadcrumb } from '../components/Breadcrumb.js';

const message = (error: unknown) => rmaErrorMessage(error, apiErrorMessage);
const returnPath = (rmaId: string) => `/returns/${encodeURIComponent(rmaId)}`;

export const RmaStatusBadge = ({ status, testId = 'rma-status' }: { status: RmaStatus; testId?: string }) => (
  <span
    className={`badge ${status === 'credited' || status === 'closed' ? 'badge-ok' : status === 'rejected' ? 'badge-danger' : status === 'filed' ? '' : 'badge-info'}`}
    data-testid={testId}
    data-status={status}
  >
    {rmaStatusLabels[status]}
  </span>
);

/** "Return / complaint" on the order page, once something of the order was shipped. */
export const ReturnButton = ({ order }: { order: Order }) => {
  const shipments = (order as Order & { shipments?: { status: string }[] }).shipments ?? [];
  if (!shipments.some((shipment) => shipment.status === 'shipped' || shipment.status === 'delivered')) return null;
  return (
    <Link to={`/returns/new/${encodeURIComponent(order.orderId)}`} className="btn btn-ghost" data-testid="order-return-link">
      Return / complaint
    </Link>
  );
};

// ---------------------------------------------------------------------------------------------
// The claim form (shared by signed-in buyers and guests)

interface ClaimFormProps {
  orderNumber: string;
  lines: readonly ReturnableLine[];
  submit: (claim: Omit<ClaimRequest, 'photoUploadIds'>, photos: File[]) => Promise<void>;
}

const ClaimForm = ({ orderNumber, lines, submit }: ClaimFormProps) => {
  const [type, setType] = useState<RmaType>('return');
  const [reason, setReason] = useState('');
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [photos, setPhotos] = useState<File[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const { busy, error, setError, run } = useBusyAction(message);
  const returnable = lines.filter((line) => toMilli(line.returnable)! > 0);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found: string[] = [];
    const claimed: { sku: string; quantity: string }[] = [];
    for (const line of returnable) {
      const typed = (quantities[line.sku] ?? '').trim();
      if (typed === '' || typed === '0') continue;
      const milli = toMilli(typed);
      if (milli === undefined) found.push(`${line.name}: enter a quantity such as 2 or 0.5`);
      else if (milli > toMilli(line.returnable)!) found.push(`${line.name}: at most ${formatQuantityText(line.returnable)} ${line.unit}`);
      else if (milli > 0) claimed.push({ sku: line.sku, quantity: typed.replace(',', '.') });
    }
    if (claimed.length === 0 && found.length === 0) found.push('Enter the quantity of at least one line.');
    if (reason.trim().length < 3) found.push('Please describe the reason.');
    if (photos.length > maxPhotos) found.push(`At most ${maxPhotos} photos.`);
    for (const photo of photos) {
      const problem = photoFileProblem(photo);
      if (problem) found.push(problem);
    }
    setProblems(found);
    setError(undefined);
    if (found.length) return;
    await run(() => submit({ type, reason: reason.trim(), lines: claimed }, photos));
  };

  if (returnable.length === 0) {
    return (
      <Empty>
        <span data-testid="rma-nothing-returnable">
          Nothing of order {orderNumber} can be claimed: only goods that were shipped and are not claimed already.
        </span>
      </Empty>
    );
  }
  return (
    <form className="card panel" onSubmit={(event) => void onSubmit(event)} data-testid="rma-form" noValidate>
      <div className="field-row">
        <label className="field">
          <span>Type</span>
          <select value={type} onChange={(event) => setType(event.target.value as RmaType)} data-testid="rma-type">
            <LabelledOptions values={rmaTypes} labels={rmaTypeLabels} />
          </select>
        </label>
      </div>
      <div className="table-scroll">
        <table className="data-table" data-testid="rma-lines">
          <thead>
            <tr>
              <th>Product</th>
              <th>Shipped</th>
              <th>Returnable</th>
              <th>Quantity</th>
            </tr>
          </thead>
          <tbody>
            {returnable.map((line) => (
              <tr key={line.sku} data-testid={`rma-line-${line.sku}`}>
                <td>
                  {line.name} <span className="muted mono small">{line.sku}</span>
                </td>
                <td>
                  {formatQuantityText(line.shipped)} {line.unit}
                </td>
                <td data-testid={`rma-returnable-${line.sku}`}>
                  {formatQuantityText(line.returnable)} {line.unit}
                </td>
                <td>
                  <input
                    inputMode="decimal"
                    size={6}
                    value={quantities[line.sku] ?? ''}
                    onChange={(event) => setQuantities({ ...quantities, [line.sku]: event.target.value })}
                    aria-label={`Quantity of ${line.name}`}
                    data-testid={`rma-qty-${line.sku}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="field">
        <span>What is wrong?</span>
        <textarea rows={3} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="rma-reason" required />
      </label>
      <label className="field">
        <span>Photos (JPEG or PNG, up to {maxPhotos}, 10 MB each)</span>
        <input type="file" accept="image/jpeg,image/png" multiple onChange={(event) => setPhotos([...(event.target.files ?? [])])} data-testid="rma-photos" />
      </label>
      {problems.length > 0 && (
        <ul className="form-error" role="alert" data-testid="rma-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="rma-error">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="rma-submit">
        {busy ? 'Sending…' : `File ${rmaTypeLabels[type].toLowerCase()}`}
      </button>
    </form>
  );
};

// ---------------------------------------------------------------------------------------------
// Signed-in company users

export const NewReturn = ({ companyId, orderId }: { companyId: string; orderId: string }) => {
  const { api } = useServices();
  const order = useAsync((signal) => rmaApi(api.shop).returnable(companyId, orderId, signal), [companyId, orderId]);
  if (order.loading) return <Loading label="Loading the order…" />;
  if (order.error || !order.data) return <ErrorBox error={order.error} onRetry={order.reload} />;
  const { orderNumber, lines } = order.data;
  const submit = async (claim: Omit<ClaimRequest, 'photoUploadIds'>, photos: File[]) => {
    const photoUploadIds = await Promise.all(photos.map((photo) => rmaApi(api.shop).uploadPhoto(photo)));
    const filed = await rmaApi(api.shop).file(companyId, orderId, { ...claim, ...(photoUploadIds.length ? { photoUploadIds } : {}) });
    navigate(returnPath(filed.rmaId));
  };
  return (
    <section data-testid="rma-new-page">
      <Breadcrumb trail={[{ to: `/orders/${encodeURIComponent(orderId)}`, label: <>Order {orderNumber}</> }]} current="Return / complaint" />
      <h1>Return or complaint for order {orderNumber}</h1>
      <p className="muted">Choose the shipped goods and quantities. We answer within 14 days (returns, complaints) or 30 days (warranty claims).</p>
      <ClaimForm orderNumber={orderNumber} lines={lines} submit={submit} />
    </section>
  );
};

export const ReturnList = ({ companyId }: { companyId: string }) => {
  const { api } = useServices();
  const list = useAsync((signal) => rmaApi(api.shop).list(companyId, signal), [companyId]);
  return (
    <section data-testid="rma-list-page">
      <header className="section-header">
        <h1>Returns and complaints</h1>
        <p className="muted small">File a claim from the order page ("Return / complaint").</p>
      </header>
      {list.loading ? (
        <Loading label="Loading your claims…" />
      ) : list.error || !list.data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data.rmas.length === 0 ? (
        <Empty>
          <span data-testid="rma-empty">No returns or complaints yet.</span>
        </Empty>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="rma-table">
            <thead>
              <tr>
                <th>Number</th>
                <th>Type</th>
                <th>Order</th>
                <th>Filed</th>
                <th>Status</th>
                <th>Value (gross)</th>
              </tr>
            </thead>
            <tbody>
              {list.data.rmas.map((rma) => (
                <tr key={rma.rmaId} data-testid={`rma-row-${rma.rmaNumber}`}>
                  <td>
                    <Link to={returnPath(rma.rmaId)} className="mono" data-testid="rma-row-link">
                      {rma.rmaNumber}
                    </Link>
                  </td>
                  <td>{rmaTypeLabels[rma.type]}</td>
                  <td className="mono">{rma.orderNumber}</td>
                  <td>{formatWhen(rma.createdAt)}</td>
                  <td>
                    <RmaStatusBadge status={rma.status} testId="rma-row-status" />
                  </td>
                  <td>{money(rma.value.gross)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

/** Status history, notes, lines and value of a claim; shared by the shop page and the console detail. */
export const RmaFacts = ({ rma }: { rma: Rma }) => (
  <>
    <dl className="facts">
      <dt>Type</dt>
      <dd data-testid="rma-type-label">{rmaTypeLabels[rma.type]}</dd>
      <dt>Order</dt>
      <dd className="mono">{rma.orderNumber}</dd>
      <dt>Filed</dt>
      <dd>
        {formatWhen(rma.createdAt)} by {rma.filedBy.name}
        {rma.filedBy.guest ? ' (without sign-in)' : ''}
      </dd>
      <dt>Decision by</dt>
      <dd data-testid="rma-deadline">
        {formatWhen(rma.deadlineAt)}
        {rma.overdue ? ' — overdue' : ''}
      </dd>
      <dt>Handled by</dt>
      <dd data-testid="rma-assignee">{rma.assignee?.name ?? '—'}</dd>
      <dt>Reason</dt>
      <dd data-testid="rma-reason-text">{rma.reason}</dd>
      {rma.creditNote && (
        <>
          <dt>Credit note</dt>
          <dd data-testid="rma-credit-note">
            <span className="mono">{rma.creditNote.number}</span> · {money(rma.creditNote.gross)}
          </dd>
        </>
      )}
    </dl>
    <div className="table-scroll">
      <table className="data-table" data-testid="rma-claimed-lines">
        <thead>
          <tr>
            <th>Product</th>
            <th>Quantity</th>
            <th>Unit net</th>
          </tr>
        </thead>
        <tbody>
          {rma.lines.map((line) => (
            <tr key={line.sku} data-testid={`rma-claimed-${line.sku}`}>
              <td>
                {line.name} <span className="muted mono small">{line.sku}</span>
              </td>
              <td>
                {formatQuantityText(line.quantity)} {line.unit}
              </td>
              <td>{money(line.unitNet)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <p className="muted small">
      Value: {money(rma.value.net)} net, {money(rma.value.gross)} gross
    </p>
    <h2>History</h2>
    <ol className="rma-history" data-testid="rma-history">
      {rma.history.map((entry, index) => (
        <li key={`${entry.at}-${index}`} data-testid="rma-history-entry" data-status={entry.status}>
          <strong>{rmaStatusLabels[entry.status]}</strong> · {formatWhen(entry.at)} · {entry.by.name}
          {entry.note ? <div className="muted">{entry.note}</div> : null}
        </li>
      ))}
    </ol>
    {rma.notes.length > 0 && (
      <>
        <h2>Messages</h2>
        <ul className="rma-notes" data-testid="rma-notes">
          {rma.notes.map((note, index) => (
            <li key={`${note.at}-${index}`} data-testid="rma-note" data-visibility={note.visibility}>
              {formatWhen(note.at)} · {note.by.name}
              {note.visibility === 'internal' ? ' (internal)' : ''}: {note.text}
            </li>
          ))}
        </ul>
      </>
    )}
  </>
);

/** Breadcrumb back to the claim list, the claim's type and number, and its status; shop page and console detail. */
export const RmaHeading = ({ rma, listPath }: { rma: Pick<Rma, 'type' | 'rmaNumber' | 'status'>; listPath: string }) => (
  <>
    <Breadcrumb trail={[{ to: listPath, label: 'Returns and complaints' }]} current={rma.rmaNumber} mono />
    <header className="panel-header">
      <h1>
        {rmaTypeLabels[rma.type]}{' '}
        <span className="mono" data-testid="rma-number">
          {rma.rmaNumber}
        </span>
      </h1>
      <RmaStatusBadge status={rma.status} />
    </header>
  </>
);

/** The claim's photos as square thumbnails (pixels) linking to the full image; nothing without photos. */
export const RmaPhotos = ({ photos, size }: { photos: RmaDetail['photos']; size: number }) =>
  photos.length === 0 ? null : (
    <div className="rma-photos" data-testid="rma-photo-list">
      {photos.map((photo) => (
        <a key={photo.photoId} href={photo.url} target="_blank" rel="noopener noreferrer" data-testid="rma-photo">
          <img src={photo.url} alt={photo.fileName} width={size} height={size} style={{ objectFit: 'cover' }} />
        </a>
      ))}
    </div>
  );

export const ReturnPage = ({ companyId, rmaId }: { companyId: string; rmaId: string }) => {
  const { api } = useServices();
  const rma = useAsync((signal) => rmaApi(api.shop).get(companyId, rmaId, signal), [companyId, rmaId]);
  const [pdfError, setPdfError] = useState<unknown>();

  // The presigned link lives five minutes: fetch it on click and open a new tab at once (no pop-up blocker).
  const openPdf = async () => {
    setPdfError(undefined);
    try {
      await openFetchedLink(async () => (await rmaApi(api.shop).pdf(companyId, rmaId)).url);
    } catch (failure) {
      setPdfError(failure);
    }
  };

  if (rma.loading) return <Loading label="Loading the claim…" />;
  if (rma.error || !rma.data) return <ErrorBox error={rma.error} onRetry={rma.reload} />;
  const claim = rma.data;
  return (
    <section className="card panel" data-testid="rma-page">
      <RmaHeading rma={claim} listPath="/returns" />
      <RmaFacts rma={claim} />
      <RmaPhotos photos={claim.photos} size={96} />
      <p>
        <button type="button" className="btn btn-ghost" onClick={() => void openPdf()} data-testid="rma-pdf-link">
          Print RMA form (PDF)
        </button>
      </p>
      {pdfError !== undefined && <ErrorBox error={pdfError} />}
    </section>
  );
};

// ---------------------------------------------------------------------------------------------
// Guests

export const GuestReturn = () => {
  const { api } = useServices();
  const [credentials, setCredentials] = useState<GuestCredentials>({ orderNumber: '', email: '' });
  const [order, setOrder] = useState<{ orderNumber: string; lines: ReturnableLine[] }>();
  const [filed, setFiled] = useState<{ rmaNumber: string; status: RmaStatus; deadlineAt: string }>();
  const { busy, error, run } = useBusyAction((failure) =>
    failure instanceof ApiError && failure.code === 'NOT_FOUND' ? 'We found no order with this number for this e-mail address.' : message(failure),
  );

  const lookup = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => setOrder(await rmaApi(api.shop).guestLookup({ orderNumber: credentials.orderNumber.trim(), email: credentials.email.trim() })));
  };

  const submit = async (claim: Omit<ClaimRequest, 'photoUploadIds'>, photos: File[]) => {
    const photoUploadIds = await Promise.all(photos.map((photo) => rmaApi(api.shop).guestUploadPhoto(credentials, photo)));
    const result = await rmaApi(api.shop).guestFile(credentials, { ...claim, ...(photoUploadIds.length ? { photoUploadIds } : {}) });
    setFiled(result);
  };

  return (
    <section className="narrow" data-testid="guest-rma-page">
      <h1>Return or complaint without an account</h1>
      {filed ? (
        <div className="card panel" data-testid="guest-rma-created">
          <p>
            Your claim{' '}
            <strong className="mono" data-testid="rma-number">
              {filed.rmaNumber}
            </strong>{' '}
            was received (<RmaStatusBadge status={filed.status} />
            ). We sent the next steps to your e-mail address and decide by {formatWhen(filed.deadlineAt)}.
          </p>
        </div>
      ) : order ? (
        <ClaimForm orderNumber={order.orderNumber} lines={order.lines} submit={submit} />
      ) : (
        <form className="card panel" onSubmit={(event) => void lookup(event)} data-testid="guest-rma-lookup-form">
          <p className="muted">Enter the number of your order and the e-mail address it was placed with.</p>
          <label className="field">
            <span>Order number</span>
            <input
              value={credentials.orderNumber}
              onChange={(event) => setCredentials({ ...credentials, orderNumber: event.target.value })}
              placeholder="ORD-2026-000123"
              required
              data-testid="guest-rma-order-number"
            />
          </label>
          <label className="field">
            <span>E-mail address</span>
            <input
              type="email"
              value={credentials.email}
              onChange={(event) => setCredentials({ ...credentials, email: event.target.value })}
              required
              data-testid="guest-rma-email"
            />
          </label>
          {error && (
            <p className="form-error" role="alert" data-testid="guest-rma-error">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="guest-rma-lookup">
            {busy ? 'Looking up…' : 'Find my order'}
          </button>
        </form>
      )}
    </section>
  );
};
