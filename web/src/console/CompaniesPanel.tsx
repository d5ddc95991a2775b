/**
 * Customer companies: back office sees all (with customer group and sales rep assignment and the
 * "New company" form), a sales rep the assigned ones. Search runs on the server (`?q=`).
 */
import { useEffect, useMemo, useState } from 'react';
import { ApiError, apiErrorMessage } from '../api.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { Company, CompanyAdministration } from '../types.js';
import { useAsync } from '../useAsync.js';
import { NewCompanyForm } from './NewCompanyForm.js';

const SEARCH_DELAY_MS = 300;

export const CompaniesPanel = ({ backOffice = false }: { backOffice?: boolean }) => {
  const { api } = useServices();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const companies = useAsync((signal) => api.console.listCompanies(query ? { q: query } : {}, signal), [query]);
  const groups = useAsync((signal) => (backOffice ? api.console.listCustomerGroups(signal) : undefined), [backOffice]);
  const reps = useAsync((signal) => (backOffice ? api.console.listReps(signal) : undefined), [backOffice]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const [rowStatus, setRowStatus] = useState<Record<string, { busy?: boolean; error?: string; ok?: string }>>({});
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const rows = useMemo(() => companies.data?.companies ?? [], [companies.data]);
  const repList = reps.data ?? [];

  const loadMore = async () => {
    const page = companies.data;
    if (!page?.nextCursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const next = await api.console.listCompanies({ ...(query ? { q: query } : {}), cursor: page.nextCursor });
      const seen = new Set(page.companies.map((company) => company.id));
      companies.setData({
        companies: [...page.companies, ...next.companies.filter((company) => !seen.has(company.id))],
        ...(next.nextCursor ? { nextCursor: next.nextCursor } : {}),
      });
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const assign = async (company: Company, change: CompanyAdministration) => {
    setRowStatus((current) => ({ ...current, [company.id]: { busy: true } }));
    try {
      const updated = await api.console.assignCompany(company.id, change);
      // The reply names the rep only as `manager`: the row keeps the assigned rep's id.
      const { repSub: _previous, ...withoutRep } = company;
      const repSub = 'repSub' in change ? change.repSub : company.repSub;
      const merged: Company = { ...withoutRep, customerGroup: updated.customerGroup, ...(repSub ? { repSub } : {}) };
      if (companies.data) {
        companies.setData({ ...companies.data, companies: companies.data.companies.map((row) => (row.id === company.id ? merged : row)) });
      }
      setRowStatus((current) => ({ ...current, [company.id]: { ok: 'Saved' } }));
    } catch (error) {
      setRowStatus((current) => ({ ...current, [company.id]: { error: apiErrorMessage(error) } }));
    }
  };

  const columns = backOffice ? 6 : 5;

  return (
    <section className="card panel" aria-labelledby="companies-title">
      <header className="panel-header">
        <h2 id="companies-title">Companies</h2>
        <div className="panel-tools">
          <input
            type="search"
            className="input-search"
            placeholder="Search name, VAT ID, city…"
            aria-label="Search companies"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            data-testid="company-search"
          />
          {backOffice && !creating && (
            <button type="button" className="btn btn-primary btn-small" onClick={() => setCreating(true)} data-testid="new-company">
              New company
            </button>
          )}
        </div>
      </header>
      {created && (
        <div className="alert alert-info" role="status" data-testid="new-company-created">
          Company created and the invitation e-mail sent. <Link to={`/console/companies/${encodeURIComponent(created)}`}>Open the company</Link>
        </div>
      )}
      {creating && (
        <NewCompanyForm
          customerGroups={groups.data ?? []}
          onCancel={() => setCreating(false)}
          onCreated={(companyId) => {
            setCreating(false);
            setCreated(companyId);
            companies.reload();
          }}
        />
      )}
      {companies.loading ? (
        <Loading label="Loading companies…" />
      ) : companies.error ? (
        companies.error instanceof ApiError && companies.error.code === 'FORBIDDEN' ? (
          <ErrorBox>You do not have permission to view companies.</ErrorBox>
        ) : (
          <ErrorBox error={companies.error} onRetry={companies.reload} />
        )
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table" data-testid="companies-table">
              <thead>
                <tr>
                  <th scope="col">Company</th>
                  <th scope="col">VAT ID</th>
                  <th scope="col">City</th>
                  <th scope="col">Country</th>
                  <th scope="col">Customer group</th>
                  {backOffice && <th scope="col">Sales rep</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((company) => {
                  const status = rowStatus[company.id];
                  const groupOptions = groups.data ?? [];
                  return (
                    <tr key={company.id} data-testid={`company-${company.id}`}>
                      <td data-label="Company">
                        <Link to={`/console/companies/${encodeURIComponent(company.id)}`} className="strong" data-testid={`open-company-${company.id}`}>
                          {company.name}
                        </Link>
                        <div className="mono muted small">{company.id}</div>
                        <Link to={`/console/companies/${encodeURIComponent(company.id)}/order`} className="small" data-testid={`order-for-${company.id}`}>
                          Order for this customer
                        </Link>
                        {status?.error && (
                          <div className="form-error small" role="alert" data-testid={`company-status-${company.id}`}>
                            {status.error}
                          </div>
                        )}
                        {status?.ok && (
                          <div className="form-success small" role="status" data-testid={`company-status-${company.id}`}>
                            {status.ok}
                          </div>
                        )}
                      </td>
                      <td className="mono" data-label="VAT ID">
                        {company.vatId || '—'}
                      </td>
                      <td data-label="City">{company.city || '—'}</td>
                      <td data-label="Country">{company.country || '—'}</td>
                      <td data-label="Customer group">
                        {backOffice && groupOptions.length > 0 ? (
                          <select
                            aria-label={`Customer group of ${company.name}`}
                            value={company.customerGroup}
                            disabled={status?.busy}
                            onChange={(event) => {
                              const customerGroup = groupOptions.find((group) => group === event.target.value);
                              if (customerGroup) void assign(company, { customerGroup });
                            }}
                            data-testid={`company-group-${company.id}`}
                          >
                            {!groupOptions.some((group) => group === company.customerGroup) && (
                              <option value={company.customerGroup}>{company.customerGroup || '—'}</option>
                            )}
                            {groupOptions.map((group) => (
                              <option key={group} value={group}>
                                {group}
                              </option>
                            ))}
                          </select>
                        ) : company.customerGroup ? (
                          <span className="badge">{company.customerGroup}</span>
                        ) : (
                          '—'
                        )}
                      </td>
                      {backOffice && (
                        <td data-label="Sales rep">
                          <select
                            aria-label={`Sales rep of ${company.name}`}
                            value={company.repSub ?? ''}
                            disabled={status?.busy || reps.loading}
                            onChange={(event) => void assign(company, { repSub: event.target.value || null })}
                            data-testid={`company-rep-${company.id}`}
                          >
                            <option value="">Unassigned</option>
                            {repList.map((rep) => (
                              <option key={rep.sub} value={rep.sub}>
                                {rep.name}
                              </option>
                            ))}
                          </select>
                        </td>
                      )}
                    </tr>
                  );
                })}
                {rows.length === 0 && (
                  <tr className="empty-row">
                    <td colSpan={columns}>{query ? `No companies match “${query}”.` : 'No companies yet.'}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          {(groups.error !== undefined || reps.error !== undefined) && (
            <ErrorBox error={groups.error ?? reps.error}>
              Customer groups or sales reps could not be loaded: {apiErrorMessage(groups.error ?? reps.error)}
            </ErrorBox>
          )}
          {moreError !== undefined && <ErrorBox error={moreError} />}
          <div className="panel-footer">
            <p className="muted small">
              {rows.length} {rows.length === 1 ? 'company' : 'companies'}
              {query && ` matching “${query}”`}
            </p>
            {companies.data?.nextCursor && (
              <button type="button" className="btn btn-small" onClick={() => void loadMore()} disabled={loadingMore} data-testid="companies-load-more">
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
};
