/** Back office: registration requests (list with status filter, detail with approve / reject). */
import { useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { ApiError } from '../api.js';
import { formatDateTime } from '../account/AuditSection.js';
import { AddressView, FormMessage } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { countryName } from '../countries.js';
import { Link, navigate } from '../router.js';
import { useServices } from '../services.js';
import type { CustomerGroup, RegistrationStatus } from '../types.js';
import { useAsync } from '../useAsync.js';
import { Breadcrumb } from '../components/Breadcrumb.js';
import { formatDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';

const statuses: readonly RegistrationStatus[] = ['pending', 'approved', 'rejected'];
const statusLabels: Record<RegistrationStatus, MessageKey> = {
  pending: 'console.registration.status.pending',
  approved: 'console.registration.status.approved',
  rejected: 'console.registration.status.rejected',
};
const emptyLabels: Record<RegistrationStatus, MessageKey> = {
  pending: 'console.registrations.none.pending',
  approved: 'console.registrations.none.approved',
  rejected: 'console.registrations.none.rejected',
};
const statusBadge: Record<RegistrationStatus, string> = { pending: 'badge badge-warn', approved: 'badge badge-ok', rejected: 'badge badge-danger' };

export const StatusBadge = ({ status }: { status: RegistrationStatus }) => {
  const t = useT();
  const label = statusLabels[status];
  return (
    <span className={statusBadge[status] ?? 'badge'} data-testid="registration-status">
      {label ? t(label) : status}
    </span>
  );
};

/** `filter` is the `?status=` of the page: a status, or "all". Default: pending. */
export const RegistrationsPanel = ({ filter }: { filter: string | null }) => {
  const { api } = useServices();
  const t = useT();
  const status: RegistrationStatus | undefined =
    filter === 'all' ? undefined : statuses.includes(filter as RegistrationStatus) ? (filter as RegistrationStatus) : 'pending';
  // The API lists one status at a time: "All" merges the three lists.
  const registrations = useAsync(
    (signal) =>
      status
        ? api.console.listRegistrations(status, signal)
        : Promise.all(statuses.map((one) => api.console.listRegistrations(one, signal))).then((lists) => lists.flat()),
    [status],
  );
  const rows = [...(registrations.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <section className="card panel" aria-labelledby="registrations-title">
      <header className="panel-header">
        <h2 id="registrations-title">{t('console.registrations.title')}</h2>
        <div className="panel-tools">
          <label className="inline-label">
            <span>{t('console.status')}</span>
            <select
              value={status ?? 'all'}
              onChange={(event) => navigate(`/console/registrations?status=${encodeURIComponent(event.target.value)}`)}
              data-testid="registration-status-filter"
            >
              {statuses.map((option) => (
                <option key={option} value={option}>
                  {t(statusLabels[option])}
                </option>
              ))}
              <option value="all">{t('console.all')}</option>
            </select>
          </label>
          <button type="button" className="btn btn-small btn-ghost" onClick={registrations.reload} disabled={registrations.loading}>
            {t('console.refresh')}
          </button>
        </div>
      </header>
      {registrations.loading ? (
        <Loading label={t('console.registrations.loading')} />
      ) : registrations.error ? (
        <ErrorBox error={registrations.error} onRetry={registrations.reload} />
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="registrations-table">
            <thead>
              <tr>
                <th scope="col">{t('console.registrations.received')}</th>
                <th scope="col">{t('console.company')}</th>
                <th scope="col">{t('console.vatId')}</th>
                <th scope="col">{t('console.contact')}</th>
                <th scope="col">{t('console.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((registration) => (
                <tr key={registration.id} data-testid={`registration-${registration.id}`}>
                  <td data-label={t('console.registrations.received')} className="nowrap">
                    {formatDateTime(registration.createdAt)}
                  </td>
                  <td data-label={t('console.company')}>
                    <Link
                      to={`/console/registrations/${encodeURIComponent(registration.id)}`}
                      className="strong"
                      data-testid={`open-registration-${registration.id}`}
                    >
                      {registration.company.name}
                    </Link>
                    <div className="muted small">{countryName(registration.company.country)}</div>
                  </td>
                  <td className="mono" data-label={t('console.vatId')}>
                    {registration.company.vatId}
                  </td>
                  <td data-label={t('console.contact')}>
                    <div>{registration.contact.name}</div>
                    <div className="muted small">{registration.contact.email}</div>
                  </td>
                  <td data-label={t('console.status')}>
                    <StatusBadge status={registration.status} />
                  </td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr className="empty-row">
                  <td colSpan={5}>{status ? t(emptyLabels[status]) : t('console.registrations.none')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

const formatSize = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? translate('console.registration.size.mb', { size: formatDecimal((bytes / 1024 / 1024).toFixed(1)) })
    : bytes >= 1024
      ? translate('console.registration.size.kb', { size: formatDecimal(Math.round(bytes / 1024)) })
      : translate('console.registration.size.bytes', { size: bytes });

/** The presigned licence URL lives 5 minutes; reload the detail before following an older one. */
const LICENCE_LINK_TTL_MS = 4.5 * 60_000;

export const RegistrationDetailView = ({ registrationId }: { registrationId: string }) => {
  const { api } = useServices();
  const t = useT();
  const loadedAt = useRef(0);
  const registration = useAsync(
    (signal) =>
      api.console.getRegistration(registrationId, signal).then((detail) => {
        loadedAt.current = Date.now();
        return detail;
      }),
    [registrationId],
  );
  const groups = useAsync((signal) => api.console.listCustomerGroups(signal), []);
  const [group, setGroup] = useState<CustomerGroup | ''>('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [decision, setDecision] = useState<{ error?: unknown; ok?: string }>({});
  const [linkNotice, setLinkNotice] = useState<string | null>(null);

  const back = (
    <Breadcrumb
      trail={[{ to: '/console/registrations', label: t('console.registrations.title') }]}
      current={registration.data?.company.name ?? registrationId}
    />
  );

  if (registration.loading) return <Loading label={t('console.registration.loading')} />;
  if (registration.error || !registration.data) {
    if (registration.error instanceof ApiError && registration.error.status === 404) {
      return (
        <section className="card narrow">
          {back}
          <h1>{t('console.registration.notFound')}</h1>
        </section>
      );
    }
    return (
      <>
        {back}
        <ErrorBox error={registration.error} onRetry={registration.reload} />
      </>
    );
  }
  const detail = registration.data;
  const chosenGroup = group || groups.data?.[0] || '';

  const approve = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosenGroup) return setDecision({ error: t('console.registration.chooseGroup') });
    setBusy('approve');
    setDecision({});
    try {
      const result = await api.console.approveRegistration(detail.id, chosenGroup);
      setDecision({ ok: t('console.registration.approved', { email: result.adminEmail }) });
      registration.reload();
    } catch (error) {
      setDecision({ error });
    } finally {
      setBusy(null);
    }
  };

  const reject = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setDecision({ error: t('console.registration.giveReason') });
    setBusy('reject');
    setDecision({});
    try {
      await api.console.rejectRegistration(detail.id, reason.trim());
      setDecision({ ok: t('console.registration.rejected', { email: detail.contact.email }) });
      registration.reload();
    } catch (error) {
      setDecision({ error });
    } finally {
      setBusy(null);
    }
  };

  const openLicence = (event: MouseEvent<HTMLAnchorElement>) => {
    if (Date.now() - loadedAt.current < LICENCE_LINK_TTL_MS) return;
    event.preventDefault();
    setLinkNotice(t('console.registration.linkRenewed'));
    registration.reload();
  };

  return (
    <div className="registration-detail" data-testid="registration-detail">
      {back}
      <header className="section-header">
        <div>
          <h1>{detail.company.name}</h1>
          <p className="muted">
            {t('console.registration.receivedAt', { date: formatDateTime(detail.createdAt) })} · <StatusBadge status={detail.status} />
          </p>
        </div>
      </header>
      {decision.ok && (
        <div className="alert alert-info" role="status" data-testid="registration-decision">
          {decision.ok}
        </div>
      )}
      <div className="detail-grid">
        <section className="card panel">
          <h2>{t('console.company')}</h2>
          <dl className="facts">
            <dt>{t('console.name')}</dt>
            <dd data-testid="registration-company-name">{detail.company.name}</dd>
            <dt>{t('console.vatId')}</dt>
            <dd className="mono" data-testid="registration-vat-id">
              {detail.company.vatId}
            </dd>
            <dt>{t('console.country')}</dt>
            <dd>{countryName(detail.company.country)}</dd>
            {detail.companyId && (
              <>
                <dt>{t('console.registration.customerAccount')}</dt>
                <dd>
                  <Link to={`/console/companies/${encodeURIComponent(detail.companyId)}`} data-testid="registration-company-link">
                    {detail.companyId}
                  </Link>
                </dd>
              </>
            )}
            {detail.rejectionReason && (
              <>
                <dt>{t('console.registration.rejectionReason')}</dt>
                <dd data-testid="registration-rejection-reason">{detail.rejectionReason}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="card panel">
          <h2>{t('console.contact')}</h2>
          <dl className="facts">
            <dt>{t('console.name')}</dt>
            <dd>{detail.contact.name}</dd>
            <dt>{t('console.email')}</dt>
            <dd data-testid="registration-contact-email">
              <a href={`mailto:${detail.contact.email}`}>{detail.contact.email}</a>
            </dd>
            <dt>{t('console.phone')}</dt>
            <dd>{detail.contact.phone || '—'}</dd>
          </dl>
        </section>
        <section className="card panel">
          <h2>{t('console.registration.billingAddress')}</h2>
          <AddressView address={detail.billingAddress} />
        </section>
        <section className="card panel">
          <h2>{t('console.registration.deliveryAddress')}</h2>
          {detail.deliveryAddress ? <AddressView address={detail.deliveryAddress} /> : <p className="muted">{t('console.registration.sameAsBilling')}</p>}
        </section>
        <section className="card panel">
          <h2>{t('console.registration.licence')}</h2>
          <p>
            <a href={detail.licence.url} target="_blank" rel="noopener noreferrer" onClick={openLicence} data-testid="licence-link">
              {t('console.registration.openLicence', { file: detail.licence.fileName })}
            </a>
          </p>
          <p className="muted small">{t('console.registration.licenceFacts', { type: detail.licence.contentType, size: formatSize(detail.licence.size) })}</p>
          {linkNotice && <p className="hint-block">{linkNotice}</p>}
        </section>
      </div>

      {detail.status === 'pending' && (
        <div className="detail-grid decision-grid">
          <form className="card panel" onSubmit={approve} noValidate data-testid="approve-form">
            <h2>{t('console.registration.approve')}</h2>
            <p className="muted small">{t('console.registration.approveHint')}</p>
            <label className="field">
              <span>{t('console.customerGroup')}</span>
              <select
                value={chosenGroup}
                onChange={(e) => setGroup(groups.data?.find((option) => option === e.target.value) ?? '')}
                data-testid="approve-customer-group"
                disabled={groups.loading}
              >
                {(groups.data ?? []).map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </label>
            {groups.error !== undefined && <ErrorBox error={groups.error} onRetry={groups.reload} />}
            <button type="submit" className="btn btn-primary" disabled={busy !== null || !chosenGroup} data-testid="approve-submit">
              {busy === 'approve' ? t('console.registration.approving') : t('console.registration.approveSubmit')}
            </button>
          </form>
          <form className="card panel" onSubmit={reject} noValidate data-testid="reject-form">
            <h2>{t('console.registration.reject')}</h2>
            <label className="field">
              <span>{t('console.registration.reason')}</span>
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={1000} data-testid="reject-reason" />
            </label>
            <button type="submit" className="btn btn-danger" disabled={busy !== null} data-testid="reject-submit">
              {busy === 'reject' ? t('console.registration.rejecting') : t('console.registration.rejectSubmit')}
            </button>
          </form>
        </div>
      )}
      <FormMessage error={decision.error} testId="registration-decision-error" />
    </div>
  );
};
