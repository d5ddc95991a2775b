/**
 * Back office: returns, complaints and warranty claims (RMA). `/console/rmas` — the queue with filters
 * (status, type, assignee, overdue); `/console/rmas/<companyId>/<rmaId>` — one claim with photos, history
 * and notes: assign, change the status (crediting issues the credit note), write to the customer or an
 * internal note, move the deadline (the reminder follows).
 */
import { useState, type FormEvent } from 'react';
import { apiErrorMessage } from '../api.js';
import { LabelledOptions } from '../components/Options.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import {
  rmaApi,
  rmaErrorMessage,
  rmaStatusLabels,
  rmaStatuses,
  rmaTypeLabels,
  rmaTypes,
  type RmaStaffDetail,
  type RmaStatus,
  type RmaType,
  type StaffFilter,
} from '../rma.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import { useAsync } from '../useAsync.js';
import { useBusyAction } from '../useBusyAction.js';
import { formatWhen } from '../shop/OrderBits.js';
import { money } from '../shop/ProductBits.js';
import { RmaFacts, RmaHeading, RmaPhotos, RmaStatusBadge } from '../shop/Returns.js';

const message = (error: unknown) => rmaErrorMessage(error, apiErrorMessage);
/** Claims staff still act on: only these have a deadline that can move. */
const openStatuses: readonly RmaStatus[] = ['filed', 'in-review', 'approved', 'goods-received'];
const rmaPath = (companyId: string, rmaId: string) => `/console/rmas/${encodeURIComponent(companyId)}/${encodeURIComponent(rmaId)}`;

const AssigneeOptions = ({ assignees = [] }: { assignees?: readonly { sub: string; name: string }[] }) => (
  <>
    {assignees.map((staff) => (
      <option key={staff.sub} value={staff.sub}>
        {staff.name}
      </option>
    ))}
  </>
);

export const RmaPanel = () => {
  const t = useT();
  const { api } = useServices();
  const [filter, setFilter] = useState<StaffFilter>({});
  const list = useAsync((signal) => rmaApi(api.console).listStaff(filter, signal), [filter.status, filter.type, filter.assignee, filter.overdue]);
  const assignees = useAsync((signal) => rmaApi(api.console).assignees(signal), []);
  return (
    <section data-testid="rma-panel">
      <header className="section-header">
        <h1>{t('consoleOrders.rma.title')}</h1>
        <div className="field-row" data-testid="rma-filters">
          <label className="field field-inline">
            {t('consoleOrders.status')}{' '}
            <select
              value={filter.status ?? ''}
              onChange={(event) => setFilter({ ...filter, status: (event.target.value || undefined) as RmaStatus | undefined })}
              data-testid="rma-filter-status"
            >
              <option value="">{t('consoleOrders.all')}</option>
              <LabelledOptions values={rmaStatuses} labels={rmaStatusLabels} />
            </select>
          </label>
          <label className="field field-inline">
            {t('consoleOrders.rma.type')}{' '}
            <select
              value={filter.type ?? ''}
              onChange={(event) => setFilter({ ...filter, type: (event.target.value || undefined) as RmaType | undefined })}
              data-testid="rma-filter-type"
            >
              <option value="">{t('consoleOrders.all')}</option>
              <LabelledOptions values={rmaTypes} labels={rmaTypeLabels} />
            </select>
          </label>
          <label className="field field-inline">
            {t('consoleOrders.rma.assignee')}{' '}
            <select
              value={filter.assignee ?? ''}
              onChange={(event) => setFilter({ ...filter, assignee: event.target.value || undefined })}
              data-testid="rma-filter-assignee"
            >
              <option value="">{t('consoleOrders.rma.anyone')}</option>
              <option value="none">{t('consoleOrders.rma.unassigned')}</option>
              <AssigneeOptions assignees={assignees.data?.assignees} />
            </select>
          </label>
          <label className="field field-inline">
            <input
              type="checkbox"
              checked={filter.overdue === true}
              onChange={(event) => setFilter({ ...filter, overdue: event.target.checked ? true : undefined })}
              data-testid="rma-filter-overdue"
            />{' '}
            {t('consoleOrders.rma.overdueOnly')}
          </label>
        </div>
      </header>
      {list.loading ? (
        <Loading label={t('consoleOrders.rma.loading')} />
      ) : list.error || !list.data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data.rmas.length === 0 ? (
        <Empty>{t('consoleOrders.rma.none')}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="rma-console-table">
            <thead>
              <tr>
                <th>{t('consoleOrders.rma.col.number')}</th>
                <th>{t('consoleOrders.rma.type')}</th>
                <th>{t('consoleOrders.company')}</th>
                <th>{t('consoleOrders.rma.col.order')}</th>
                <th>{t('consoleOrders.rma.col.filed')}</th>
                <th>{t('consoleOrders.rma.col.decideBy')}</th>
                <th>{t('consoleOrders.rma.assignee')}</th>
                <th>{t('consoleOrders.status')}</th>
                <th>{t('consoleOrders.rma.col.value')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.rmas.map((rma) => (
                <tr key={rma.rmaId} data-testid={`rma-console-row-${rma.rmaNumber}`}>
                  <td>
                    <Link to={rmaPath(rma.companyId, rma.rmaId)} className="mono" data-testid="rma-console-open">
                      {rma.rmaNumber}
                    </Link>
                  </td>
                  <td>{rmaTypeLabels[rma.type]}</td>
                  <td>{rma.companyId}</td>
                  <td className="mono">{rma.orderNumber}</td>
                  <td>{formatWhen(rma.createdAt)}</td>
                  <td className={rma.overdue ? 'text-danger' : undefined} data-testid="rma-console-deadline">
                    {formatWhen(rma.deadlineAt)}
                    {rma.overdue ? ` ${t('consoleOrders.rma.overdue')}` : ''}
                  </td>
                  <td>{rma.assignee?.name ?? '—'}</td>
                  <td>
                    <RmaStatusBadge status={rma.status} testId="rma-console-status" />
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

/** `<input type="datetime-local">` value (local time) → ISO instant. */
const localToIso = (value: string): string | undefined => {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

export const RmaDetailView = ({ companyId, rmaId }: { companyId: string; rmaId: string }) => {
  const t = useT();
  const { api } = useServices();
  const rma = useAsync((signal) => rmaApi(api.console).getStaff(companyId, rmaId, signal), [companyId, rmaId]);
  const assignees = useAsync((signal) => rmaApi(api.console).assignees(signal), []);
  const [statusNote, setStatusNote] = useState('');
  const [noteText, setNoteText] = useState('');
  const [noteVisibility, setNoteVisibility] = useState<'customer' | 'internal'>('customer');
  const [deadline, setDeadline] = useState('');
  const { busy, error, setError, run } = useBusyAction(message);

  const act = async (action: () => Promise<RmaStaffDetail>, after?: () => void) => {
    const done = await run(async () => {
      rma.setData(await action());
      after?.();
    });
    if (!done) rma.reload();
  };

  if (rma.loading && !rma.data) return <Loading label={t('consoleOrders.rma.loadingClaim')} />;
  if (rma.error || !rma.data) return <ErrorBox error={rma.error} onRetry={rma.reload} />;
  const claim = rma.data;
  const client = rmaApi(api.console);

  const addNote = (event: FormEvent) => {
    event.preventDefault();
    if (!noteText.trim()) return;
    void act(
      () => client.note(companyId, rmaId, noteText.trim(), noteVisibility),
      () => setNoteText(''),
    );
  };
  const moveDeadline = (event: FormEvent) => {
    event.preventDefault();
    const iso = localToIso(deadline);
    if (!iso) {
      setError(t('consoleOrders.rma.chooseDateTime'));
      return;
    }
    void act(() => client.deadline(companyId, rmaId, iso));
  };

  return (
    <section className="card panel" data-testid="rma-console-detail">
      <RmaHeading rma={claim} listPath="/console/rmas" />
      <p className="muted small">
        {t('consoleOrders.rma.filedBy', { company: claim.companyId, name: claim.filedBy.name })} {claim.filedBy.email ? `<${claim.filedBy.email}>` : ''}
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="rma-action-error">
          {error}
        </p>
      )}
      <div className="field-row">
        <label className="field field-inline">
          {t('consoleOrders.rma.assignee')}{' '}
          <select
            value={claim.assignee?.sub ?? ''}
            disabled={busy}
            onChange={(event) => event.target.value && void act(() => client.assign(companyId, rmaId, event.target.value))}
            data-testid="rma-assignee-select"
          >
            <option value="">{t('consoleOrders.rma.unassigned')}</option>
            <AssigneeOptions assignees={assignees.data?.assignees} />
          </select>
        </label>
      </div>
      {(claim.allowedTransitions ?? []).length > 0 && (
        <div className="rma-actions" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'flex-end' }} data-testid="rma-actions">
          <label className="field">
            <span>{t('consoleOrders.rma.statusNote')}</span>
            <input value={statusNote} onChange={(event) => setStatusNote(event.target.value)} maxLength={2000} data-testid="rma-status-note" />
          </label>
          {(claim.allowedTransitions ?? []).map((to) => (
            <button
              key={to}
              type="button"
              className={to === 'rejected' ? 'btn btn-ghost' : 'btn btn-primary'}
              disabled={busy}
              onClick={() =>
                void act(
                  () => client.transition(companyId, rmaId, to, statusNote.trim() || undefined),
                  () => setStatusNote(''),
                )
              }
              data-testid={`rma-to-${to}`}
            >
              {to === 'credited' ? t('consoleOrders.rma.credit', { amount: money(claim.value.gross) }) : rmaStatusLabels[to]}
            </button>
          ))}
        </div>
      )}
      <RmaFacts rma={claim} />
      <RmaPhotos photos={claim.photos} size={120} />
      <form className="field-row" onSubmit={addNote} data-testid="rma-note-form">
        <label className="field">
          <span>{t('consoleOrders.rma.message')}</span>
          <textarea rows={2} value={noteText} onChange={(event) => setNoteText(event.target.value)} maxLength={2000} data-testid="rma-note-input" />
        </label>
        <label className="field field-inline">
          <select
            value={noteVisibility}
            onChange={(event) => setNoteVisibility(event.target.value as 'customer' | 'internal')}
            data-testid="rma-note-visibility"
          >
            <option value="customer">{t('consoleOrders.rma.toCustomer')}</option>
            <option value="internal">{t('consoleOrders.rma.internal')}</option>
          </select>
        </label>
        <button type="submit" className="btn btn-ghost" disabled={busy || !noteText.trim()} data-testid="rma-add-note">
          {t('consoleOrders.add')}
        </button>
      </form>
      {openStatuses.includes(claim.status) && (
        <form className="field-row" onSubmit={moveDeadline} data-testid="rma-deadline-form">
          <label className="field field-inline">
            {t('consoleOrders.rma.newDeadline')}{' '}
            <input type="datetime-local" value={deadline} onChange={(event) => setDeadline(event.target.value)} data-testid="rma-deadline-input" />
          </label>
          <button type="submit" className="btn btn-ghost" disabled={busy || !deadline} data-testid="rma-deadline-save">
            {t('consoleOrders.rma.moveDeadline')}
          </button>
        </form>
      )}
    </section>
  );
};
