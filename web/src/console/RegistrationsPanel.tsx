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

const statuses: readonly RegistrationStatus[] = ['pending', 'approved', 'rejected'];
const statusLabels: Record<RegistrationStatus, string> = { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' };
const statusBadge: Record<RegistrationStatus, string> = { pending: 'badge badge-warn', approved: 'badge badge-ok', rejected: 'badge badge-danger' };

export const StatusBadge = ({ status }: { status: RegistrationStatus }) => (
  <span className={statusBadge[status] ?? 'badge'} data-testid="registration-status">
    {statusLabels[status] ?? status}
  </span>
);

/** `filter` is the `?status=` of the page: a status, or "all". Default: pending. */
export const RegistrationsPanel = ({ filter }: { filter: string | null }) => {
  const { api } = useServices();
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
        <h2 id="registrations-title">Registrations</h2>
        <div className="panel-tools">
          <label className="inline-label">
            <span>Status</span>
            <select
              value={status ?? 'all'}
              onChange={(event) => navigate(`/console/registrations?status=${encodeURIComponent(event.target.value)}`)}
              data-testid="registration-status-filter"
            >
              {statuses.map((option) => (
                <option key={option} value={option}>
                  {statusLabels[option]}
                </option>
              ))}
              <option value="all">All</option>
            </select>
          </label>
          <button type="button" className="btn btn-small btn-ghost" onClick={registrations.reload} disabled={registrations.loading}>
            Refresh
          </button>
        </div>
      </header>
      {registrations.loading ? (
        <Loading label="Loading registrations…" />
      ) : registrations.error ? (
        <ErrorBox error={registrations.error} onRetry={registrations.reload} />
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="registrations-table">
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Company</th>
                <th scope="col">VAT ID</th>
                <th scope="col">Contact</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((registration) => (
                <tr key={registration.id} data-testid={`registration-${registration.id}`}>
                  <td data-label="Received" className="nowrap">
                    {formatDateTime(registration.createdAt)}
                  </td>
                  <td data-label="Company">
                    <Link
                      to={`/console/registrations/${encodeURIComponent(registration.id)}`}
                      className="strong"
                      data-testid={`open-registration-${registration.id}`}
                    >
                      {registration.company.name}
                    </Link>
                    <div className="muted small">{countryName(registration.company.country)}</div>
                  </td>
                  <td className="mono" data-label="VAT ID">
                    {registration.company.vatId}
                  </td>
                  <td data-label="Contact">
                    <div>{registration.contact.name}</div>
                    <div className="muted small">{registration.contact.email}</div>
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={registration.status} />
                  </td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr className="empty-row">
                  <td colSpan={5}>{status ? `No ${statusLabels[status].toLowerCase()} registrations.` : 'No registrations yet.'}</td>
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
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;

/** The presigned licence URL lives 5 minutes; reload the detail before following an older one. */
const LICENCE_LINK_TTL_MS = 4.5 * 60_000;

export const RegistrationDetailView = ({ registrationId }: { registrationId: string }) => {
  const { api } = useServices();
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

  const back = <Breadcrumb trail={[{ to: '/console/registrations', label: 'Registrations' }]} current={registration.data?.company.name ?? registrationId} />;

  if (registration.loading) return <Loading label="Loading registration…" />;
  if (registration.error || !registration.data) {
    if (registration.error instanceof ApiError && registration.error.status === 404) {
      return (
        <section className="card narrow">
          {back}
          <h1>Registration not found</h1>
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
    if (!chosenGroup) return setDecision({ error: 'Please choose a customer group.' });
    setBusy('approve');
    setDecision({});
    try {
      const result = await api.console.approveRegistration(detail.id, chosenGroup);
      setDecision({ ok: `Approved. The company account was created and the login was e-mailed to ${result.adminEmail}.` });
      registration.reload();
    } catch (error) {
      setDecision({ error });
    } finally {
      setBusy(null);
    }
  };

  const reject = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setDecision({ error: 'Please give a reason for the rejection; it is sent to the applicant.' });
    setBusy('reject');
    setDecision({});
    try {
      await api.console.rejectRegistration(detail.id, reason.trim());
      setDecision({ ok: `Rejected. ${detail.contact.email} was informed.` });
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
    setLinkNotice('The download link had expired and was renewed. Please click the link again.');
    registration.reload();
  };

  return (
    <div className="registration-detail" data-testid="registration-detail">
      {back}
      <header className="section-header">
        <div>
          <h1>{detail.company.name}</h1>
          <p className="muted">
            Registration received {formatDateTime(detail.createdAt)} · <StatusBadge status={detail.status} />
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
          <h2>Company</h2>
          <dl className="facts">
            <dt>Name</dt>
            <dd data-testid="registration-company-name">{detail.company.name}</dd>
            <dt>VAT ID</dt>
            <dd className="mono" data-testid="registration-vat-id">
              {detail.company.vatId}
            </dd>
            <dt>Country</dt>
            <dd>{countryName(detail.company.country)}</dd>
            {detail.companyId && (
              <>
                <dt>Customer account</dt>
                <dd>
                  <Link to={`/console/companies/${encodeURIComponent(detail.companyId)}`} data-testid="registration-company-link">
                    {detail.companyId}
                  </Link>
                </dd>
              </>
            )}
            {detail.rejectionReason && (
              <>
                <dt>Rejection reason</dt>
                <dd data-testid="registration-rejection-reason">{detail.rejectionReason}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="card panel">
          <h2>Contact</h2>
          <dl className="facts">
            <dt>Name</dt>
            <dd>{detail.contact.name}</dd>
            <dt>E-mail</dt>
            <dd data-testid="registration-contact-email">
              <a href={`mailto:${detail.contact.email}`}>{detail.contact.email}</a>
            </dd>
            <dt>Phone</dt>
            <dd>{detail.contact.phone || '—'}</dd>
          </dl>
        </section>
        <section className="card panel">
          <h2>Billing address</h2>
          <AddressView address={detail.billingAddress} />
        </section>
        <section className="card panel">
          <h2>Delivery address</h2>
          {detail.deliveryAddress ? <AddressView address={detail.deliveryAddress} /> : <p className="muted">Same as the billing address.</p>}
        </section>
        <section className="card panel">
          <h2>Business licence</h2>
          <p>
            <a href={detail.licence.url} target="_blank" rel="noopener noreferrer" onClick={openLicence} data-testid="licence-link">
              Open {detail.licence.fileName}
            </a>
          </p>
          <p className="muted small">
            {detail.licence.contentType} · {formatSize(detail.licence.size)} · opens in a new tab
          </p>
          {linkNotice && <p className="hint-block">{linkNotice}</p>}
        </section>
      </div>

      {detail.status === 'pending' && (
        <div className="detail-grid decision-grid">
          <form className="card panel" onSubmit={approve} noValidate data-testid="approve-form">
            <h2>Approve</h2>
            <p className="muted small">Creates the company and its company admin, and e-mails the login with a temporary password.</p>
            <label className="field">
              <span>Customer group</span>
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
              {busy === 'approve' ? 'Approving…' : 'Approve registration'}
            </button>
          </form>
          <form className="card panel" onSubmit={reject} noValidate data-testid="reject-form">
            <h2>Reject</h2>
            <label className="field">
              <span>Reason (sent to the applicant)</span>
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={1000} data-testid="reject-reason" />
            </label>
            <button type="submit" className="btn btn-danger" disabled={busy !== null} data-testid="reject-submit">
              {busy === 'reject' ? 'Rejecting…' : 'Reject registration'}
            </button>
          </form>
        </div>
      )}
      <FormMessage error={decision.error} testId="registration-decision-error" />
    </div>
  );
};
