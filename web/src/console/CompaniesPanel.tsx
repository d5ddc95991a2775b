/**
 * Customer companies: back office sees all (with customer group and sales rep assignment and the
 * "New company" form), a sales rep the assigned ones. Search runs on the server (`?q=`).
 */
import { useEffect, useMemo, useState } from 'react';
import { ApiError, apiErrorMessage } from '../api.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { Company, CompanyAdministration } from '../types.js';
import { useAsync } from '../useAsync.js';
import { NewCompanyForm } from './NewCompanyForm.js';

const SEARCH_DELAY_MS = 300;

export const CompaniesPanel = ({ backOffice = false }: { backOffice?: boolean }) => {
  const { api } = useServices();
  const t = useT();
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
      setRowStatus((current) => ({ ...current, [company.id]: { ok: t('console.saved') } }));
    } catch (error) {
      setRowStatus((current) => ({ ...current, [company.id]: { error: apiErrorMessage(error) } }));
    }
  };

  const columns = backOffice ? 6 : 5;

  return (
    <section className="card panel" aria-labelledby="companies-title">
      <header className="panel-header">
        <h2 id="companies-title">{t('console.companies.title')}</h2>
        <div className="panel-tools">
          <input
            type="search"
            className="input-search"
            placeholder={t('console.companies.searchPlaceholder')}
            aria-label={t('console.companies.searchLabel')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            data-testid="company-search"
          />
          {backOffice && !creating && (
            <button type="button" className="btn btn-primary btn-small" onClick={() => setCreating(true)} data-testid="new-company">
              {t('console.companies.new')}
            </button>
          )}
        </div>
      </header>
      {created && (
        <div className="alert alert-info" role="status" data-testid="new-company-created">
          {t('console.companies.created')} <Link to={`/console/companies/${encodeURIComponent(created)}`}>{t('console.companies.open')}</Link>
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
        <Loading label={t('console.companies.loading')} />
      ) : companies.error ? (
        companies.error instanceof ApiError && companies.error.code === 'FORBIDDEN' ? (
          <ErrorBox>{t('console.companies.forbidden')}</ErrorBox>
        ) : (
          <ErrorBox error={companies.error} onRetry={companies.reload} />
        )
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table" data-testid="companies-table">
              <thead>
                <tr>
                  <th scope="col">{t('console.company')}</th>
                  <th scope="col">{t('console.vatId')}</th>
                  <th scope="col">{t('console.city')}</th>
                  <th scope="col">{t('console.country')}</th>
                  <th scope="col">{t('console.customerGroup')}</th>
                  {backOffice && <th scope="col">{t('console.salesRep')}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((company) => {
                  const status = rowStatus[company.id];
                  const groupOptions = groups.data ?? [];
                  return (
                    <tr key={company.id} data-testid={`company-${company.id}`}>
                      <td data-label={t('console.company')}>
                        <Link to={`/console/companies/${encodeURIComponent(company.id)}`} className="strong" data-testid={`open-company-${company.id}`}>
                          {company.name}
                        </Link>
                        <div className="mono muted small">{company.id}</div>
                        <Link to={`/console/companies/${encodeURIComponent(company.id)}/order`} className="small" data-testid={`order-for-${company.id}`}>
                          {t('console.orderForCustomer')}
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
                      <td className="mono" data-label={t('console.vatId')}>
                        {company.vatId || '—'}
                      </td>
                      <td data-label={t('console.city')}>{company.city || '—'}</td>
                      <td data-label={t('console.country')}>{company.country || '—'}</td>
                      <td data-label={t('console.customerGroup')}>
                        {backOffice && groupOptions.length > 0 ? (
                          <select
                            aria-label={t('console.companies.groupOf', { company: company.name })}
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
                        <td data-label={t('console.salesRep')}>
                          <select
                            aria-label={t('console.companies.repOf', { company: company.name })}
                            value={company.repSub ?? ''}
                            disabled={status?.busy || reps.loading}
                            onChange={(event) => void assign(company, { repSub: event.target.value || null })}
                            data-testid={`company-rep-${company.id}`}
                          >
                            <option value="">{t('console.companies.unassigned')}</option>
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
                    <td colSpan={columns}>{query ? t('console.companies.noMatch', { query }) : t('console.companies.none')}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          {(groups.error !== undefined || reps.error !== undefined) && (
            <ErrorBox error={groups.error ?? reps.error}>{t('console.companies.listsFailed', { error: apiErrorMessage(groups.error ?? reps.error) })}</ErrorBox>
          )}
          {moreError !== undefined && <ErrorBox error={moreError} />}
          <div className="panel-footer">
            <p className="muted small">
              {query ? t('console.companies.countMatching', { count: rows.length, query }) : t('console.companies.count', { count: rows.length })}
            </p>
            {companies.data?.nextCursor && (
              <button type="button" className="btn btn-small" onClick={() => void loadMore()} disabled={loadingMore} data-testid="companies-load-more">
                {loadingMore ? t('console.loadingMore') : t('console.loadMore')}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
};
