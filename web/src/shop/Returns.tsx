/**
 * Returns, complaints and warranty claims (RMA) in the shop:
 * `/returns` — the company's claims; `/returns/<rmaId>` — one claim with status history, notes from our
 * team, photos, PDF and credit note; `/returns/new/<orderId>` — file a claim for shipped lines of an order
 * ("Return / complaint" on the order page); `/returns/guest` — the same without an account, with the order
 * number and the e-mail address of the buyer who placed the order.
 */
import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { ApiError, apiErrorMessage } from '../api.js';
import { formatDecimal, parseDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';
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

/** Orders that never went out (nothing of them can ever come back): no return button at all. */
const neverShippedStatuses: readonly string[] = ['rejected', 'cancelled', 'failed'];

/**
 * "Return / complaint" on the order page: a link once something of the order was shipped; before that a
 * disabled button with the reason next to it (returns cover shipped goods only, functions/rma).
 */
export const ReturnButton = ({ order }: { order: Order }) => {
  const t = useT();
  const shipments = (order as Order & { shipments?: { status: string }[] }).shipments ?? [];
  if (!shipments.some((shipment) => shipment.status === 'shipped' || shipment.status === 'delivered')) {
    if (neverShippedStatuses.includes(order.status)) return null;
    return (
      <span className="return-unavailable">
        <button type="button" className="btn btn-ghost" disabled aria-describedby="order-return-reason" data-testid="order-return-disabled">
          {t('returns.returnButton')}
        </button>
        <span id="order-return-reason" className="muted small" data-testid="order-return-reason">
          {t('returns.notYetShipped')}
        </span>
      </span>
    );
  }
  return (
    <Link to={`/returns/new/${encodeURIComponent(order.orderId)}`} className="btn btn-ghost" data-testid="order-return-link">
      {t('returns.returnButton')}
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
  const t = useT();
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
      const decimal = parseDecimal(typed);
      const milli = decimal === undefined ? undefined : toMilli(decimal);
      if (decimal === undefined || milli === undefined) found.push(t('returns.form.badQuantity', { name: line.name, example: formatDecimal('0.5') }));
      else if (milli > toMilli(line.returnable)!)
        found.push(t('returns.form.tooMuch', { name: line.name, quantity: formatQuantityText(line.returnable), unit: line.unit }));
      else if (milli > 0) claimed.push({ sku: line.sku, quantity: decimal });
    }
    if (claimed.length === 0 && found.length === 0) found.push(t('returns.form.noLine'));
    if (reason.trim().length < 3) found.push(t('returns.form.noReason'));
    if (photos.length > maxPhotos) found.push(t('returns.form.tooManyPhotos', { max: maxPhotos }));
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
        <span data-testid="rma-nothing-returnable">{t('returns.form.nothingReturnable', { orderNumber })}</span>
      </Empty>
    );
  }
  return (
    <form className="card panel" onSubmit={(event) => void onSubmit(event)} data-testid="rma-form" noValidate>
      <div className="field-row">
        <label className="field">
          <span>{t('returns.form.type')}</span>
          <select value={type} onChange={(event) => setType(event.target.value as RmaType)} data-testid="rma-type">
            <LabelledOptions values={rmaTypes} labels={rmaTypeLabels} />
          </select>
        </label>
      </div>
      <div className="table-scroll">
        <table className="data-table" data-testid="rma-lines">
          <thead>
            <tr>
              <th>{t('returns.col.product')}</th>
              <th>{t('returns.col.shipped')}</th>
              <th>{t('returns.col.returnable')}</th>
              <th>{t('returns.col.quantity')}</th>
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
                    aria-label={t('returns.form.quantityOf', { name: line.name })}
                    data-testid={`rma-qty-${line.sku}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="field">
        <span>{t('returns.form.reason')}</span>
        <textarea rows={3} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="rma-reason" required />
      </label>
      <label className="field">
        <span>{t('returns.form.photos', { max: maxPhotos })}</span>
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
        {busy ? t('returns.form.sending') : t('returns.form.submit', { type })}
      </button>
    </form>
  );
};

// ---------------------------------------------------------------------------------------------
// Signed-in company users

export const NewReturn = ({ companyId, orderId }: { companyId: string; orderId: string }) => {
  const { api } = useServices();
  const t = useT();
  const order = useAsync((signal) => rmaApi(api.shop).returnable(companyId, orderId, signal), [companyId, orderId]);
  if (order.loading) return <Loading label={t('returns.new.loading')} />;
  if (order.error || !order.data) return <ErrorBox error={order.error} onRetry={order.reload} />;
  const { orderNumber, lines } = order.data;
  const submit = async (claim: Omit<ClaimRequest, 'photoUploadIds'>, photos: File[]) => {
    const photoUploadIds = await Promise.all(photos.map((photo) => rmaApi(api.shop).uploadPhoto(photo)));
    const filed = await rmaApi(api.shop).file(companyId, orderId, { ...claim, ...(photoUploadIds.length ? { photoUploadIds } : {}) });
    navigate(returnPath(filed.rmaId));
  };
  return (
    <section data-testid="rma-new-page">
      <Breadcrumb
        trail={[{ to: `/orders/${encodeURIComponent(orderId)}`, label: t('returns.new.orderCrumb', { orderNumber }) }]}
        current={t('returns.returnButton')}
      />
      <h1>{t('returns.new.title', { orderNumber })}</h1>
      <p className="muted">{t('returns.new.intro')}</p>
      <ClaimForm orderNumber={orderNumber} lines={lines} submit={submit} />
    </section>
  );
};

export const ReturnList = ({ companyId }: { companyId: string }) => {
  const { api } = useServices();
  const t = useT();
  const list = useAsync((signal) => rmaApi(api.shop).list(companyId, signal), [companyId]);
  return (
    <section data-testid="rma-list-page">
      <header className="section-header">
        <h1>{t('returns.list.title')}</h1>
        <p className="muted small">{t('returns.list.hint')}</p>
      </header>
      {list.loading ? (
        <Loading label={t('returns.list.loading')} />
      ) : list.error || !list.data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data.rmas.length === 0 ? (
        <Empty>
          <span data-testid="rma-empty">{t('returns.list.empty')}</span>
        </Empty>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="rma-table">
            <thead>
              <tr>
                <th>{t('returns.col.number')}</th>
                <th>{t('returns.col.type')}</th>
                <th>{t('returns.col.order')}</th>
                <th>{t('returns.col.filed')}</th>
                <th>{t('returns.col.status')}</th>
                <th>{t('returns.col.value')}</th>
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
export const RmaFacts = ({ rma }: { rma: Rma }) => {
  const t = useT();
  return (
    <>
      <dl className="facts">
        <dt>{t('returns.facts.type')}</dt>
        <dd data-testid="rma-type-label">{rmaTypeLabels[rma.type]}</dd>
        <dt>{t('returns.facts.order')}</dt>
        <dd className="mono">{rma.orderNumber}</dd>
        <dt>{t('returns.facts.filed')}</dt>
        <dd>
          {t('returns.facts.filedBy', { when: formatWhen(rma.createdAt), name: rma.filedBy.name })}
          {rma.filedBy.guest ? t('returns.facts.guest') : ''}
        </dd>
        <dt>{t('returns.facts.decisionBy')}</dt>
        <dd data-testid="rma-deadline">
          {formatWhen(rma.deadlineAt)}
          {rma.overdue ? t('returns.facts.overdue') : ''}
        </dd>
        <dt>{t('returns.facts.handledBy')}</dt>
        <dd data-testid="rma-assignee">{rma.assignee?.name ?? '—'}</dd>
        <dt>{t('returns.facts.reason')}</dt>
        <dd data-testid="rma-reason-text">{rma.reason}</dd>
        {rma.creditNote && (
          <>
            <dt>{t('returns.facts.creditNote')}</dt>
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
              <th>{t('returns.col.product')}</th>
              <th>{t('returns.col.quantity')}</th>
              <th>{t('returns.col.unitNet')}</th>
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
      <p className="muted small">{t('returns.facts.value', { net: money(rma.value.net), gross: money(rma.value.gross) })}</p>
      <h2>{t('returns.facts.history')}</h2>
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
          <h2>{t('returns.facts.messages')}</h2>
          <ul className="rma-notes" data-testid="rma-notes">
            {rma.notes.map((note, index) => (
              <li key={`${note.at}-${index}`} data-testid="rma-note" data-visibility={note.visibility}>
                {formatWhen(note.at)} · {note.by.name}
                {note.visibility === 'internal' ? t('returns.facts.internal') : ''}: {note.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
};

/** Breadcrumb back to the claim list, the claim's type and number, and its status; shop page and console detail. */
export const RmaHeading = ({ rma, listPath }: { rma: Pick<Rma, 'type' | 'rmaNumber' | 'status'>; listPath: string }) => (
  <>
    <Breadcrumb trail={[{ to: listPath, label: translate('returns.list.title') }]} current={rma.rmaNumber} mono />
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
  const t = useT();
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

  if (rma.loading) return <Loading label={t('returns.page.loading')} />;
  if (rma.error || !rma.data) return <ErrorBox error={rma.error} onRetry={rma.reload} />;
  const claim = rma.data;
  return (
    <section className="card panel" data-testid="rma-page">
      <RmaHeading rma={claim} listPath="/returns" />
      <RmaFacts rma={claim} />
      <RmaPhotos photos={claim.photos} size={96} />
      <p>
        <button type="button" className="btn btn-ghost" onClick={() => void openPdf()} data-testid="rma-pdf-link">
          {t('returns.page.pdf')}
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
  const t = useT();
  const [credentials, setCredentials] = useState<GuestCredentials>({ orderNumber: '', email: '' });
  const [order, setOrder] = useState<{ orderNumber: string; lines: ReturnableLine[] }>();
  const [filed, setFiled] = useState<{ rmaNumber: string; status: RmaStatus; deadlineAt: string }>();
  const { busy, error, run } = useBusyAction((failure) =>
    failure instanceof ApiError && failure.code === 'NOT_FOUND' ? t('returns.guest.notFound') : message(failure),
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
      <h1>{t('returns.guest.title')}</h1>
      {filed ? (
        <div className="card panel" data-testid="guest-rma-created">
          <p>
            <FormattedMessage
              id={'returns.guest.received' satisfies MessageKey}
              values={{
                number: (
                  <strong className="mono" data-testid="rma-number">
                    {filed.rmaNumber}
                  </strong>
                ),
                status: <RmaStatusBadge status={filed.status} />,
                date: formatWhen(filed.deadlineAt),
              }}
            />
          </p>
        </div>
      ) : order ? (
        <ClaimForm orderNumber={order.orderNumber} lines={order.lines} submit={submit} />
      ) : (
        <form className="card panel" onSubmit={(event) => void lookup(event)} data-testid="guest-rma-lookup-form">
          <p className="muted">{t('returns.guest.intro')}</p>
          <label className="field">
            <span>{t('returns.guest.orderNumber')}</span>
            <input
              value={credentials.orderNumber}
              onChange={(event) => setCredentials({ ...credentials, orderNumber: event.target.value })}
              placeholder={t('returns.guest.orderNumberExample')}
              required
              data-testid="guest-rma-order-number"
            />
          </label>
          <label className="field">
            <span>{t('returns.guest.email')}</span>
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
            {busy ? t('returns.guest.lookingUp') : t('returns.guest.find')}
          </button>
        </form>
      )}
    </section>
  );
};
