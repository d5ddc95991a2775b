import { useMemo, useState } from 'react';
import { ApiError } from '../api.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useServices } from '../services.js';
import { useAsync } from '../useAsync.js';

/** All customer companies (back office and sales reps), filterable on the client. */
export const CompaniesPanel = () => {
  const { api } = useServices();
  const companies = useAsync((signal) => api.console.listCompanies(signal), []);
  const [filter, setFilter] = useState('');

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = [...(companies.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    if (!needle) return all;
    return all.filter((company) =>
      [company.name, company.id, company.vatId, company.city, company.country, company.customerGroup].some((value) =>
        (value ?? '').toLowerCase().includes(needle),
      ),
    );
  }, [companies.data, filter]);

  return (
    <section className="card panel">
      <header className="panel-header">
        <h2>Companies</h2>
        {companies.data && (
          <input
            type="search"
            className="input-search"
            placeholder="Filter by name, VAT ID, city…"
            aria-label="Filter companies"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        )}
      </header>
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
                </tr>
              </thead>
              <tbody>
                {rows.map((company) => (
                  <tr key={company.id} data-testid={`company-${company.id}`}>
                    <td data-label="Company">
                      <div className="strong">{company.name}</div>
                      <div className="mono muted small">{company.id}</div>
                    </td>
                    <td className="mono" data-label="VAT ID">
                      {company.vatId || '—'}
                    </td>
                    <td data-label="City">{company.city || '—'}</td>
                    <td data-label="Country">{company.country || '—'}</td>
                    <td data-label="Customer group">
                      {company.customerGroup ? <span className="badge">{company.customerGroup}</span> : '—'}
                    </td>
                  </tr>
                ))}
                {rows.length === 0 && (
                  <tr className="empty-row">
                    <td colSpan={5}>{filter ? 'No companies match the filter.' : 'No companies yet.'}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            {rows.length} of {companies.data?.length ?? 0} companies
          </p>
        </>
      )}
    </section>
  );
};
