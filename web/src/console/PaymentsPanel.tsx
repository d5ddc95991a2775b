/**
 * Back office "Payments" tab: record a payment against an invoice, import a bank statement file —
 * camt.053 / camt.054 XML, MT940 or a bank's ZIP delivery, sent as base64 (file input →
 * `POST /console/bank-statements`) with the outcome per transaction, and match the
 * unmatched transactions by hand.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { FormMessage } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { documentsApi, type BankEntry, type DocumentList, type ImportResult, type InvoiceDocument } from '../documentsApi.js';
import { formatDate } from '../format.js';
import { useT, type Translate } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { formatMoney, userLocale } from '../money.js';
import { formatMinorUnits, parseMinorUnits } from '../moneyInput.js';
import { useServices } from '../services.js';
import type { Money } from '../types.js';
import { useAsync } from '../useAsync.js';

const show = (value: Money): string => formatMoney(value.amount, value.currency, userLocale());
const today = () => new Date().toISOString().slice(0, 10);
/** A file's bytes as base64 (chunked: String.fromCharCode takes a bounded number of arguments). */
const base64Of = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
};
const MAX_STATEMENT_BYTES = 5_000_000;
/** Currency codes (not words): the record-payment form's choices. */
const paymentCurrencies = ['EUR', 'PLN'] as const;

const reasonTexts: Record<string, MessageKey> = {
  NO_REFERENCE: 'console.payments.reason.NO_REFERENCE',
  UNKNOWN_REFERENCE: 'console.payments.reason.UNKNOWN_REFERENCE',
  AMBIGUOUS_REFERENCE: 'console.payments.reason.AMBIGUOUS_REFERENCE',
  INVOICE_SETTLED: 'console.payments.reason.INVOICE_SETTLED',
  EXCEEDS_OPEN_AMOUNT: 'console.payments.reason.EXCEEDS_OPEN_AMOUNT',
  OVERPAYMENT: 'console.payments.reason.EXCEEDS_OPEN_AMOUNT',
  CURRENCY_MISMATCH: 'console.payments.reason.CURRENCY_MISMATCH',
  NO_UNIQUE_AMOUNT: 'console.payments.reason.NO_UNIQUE_AMOUNT',
  DEBIT: 'console.payments.reason.DEBIT',
  STATUS_PDNG: 'console.payments.reason.STATUS_PDNG',
  STATUS_RVSL: 'console.payments.reason.STATUS_RVSL',
};
const reasonText = (t: Translate, reason: string): string => {
  const key = reasonTexts[reason];
  return key ? t(key) : reason;
};

const outcomeLabels: Record<ImportResult['entries'][number]['outcome'], MessageKey> = {
  matched: 'console.payments.outcome.matched',
  unmatched: 'console.payments.outcome.unmatched',
  duplicate: 'console.payments.outcome.duplicate',
  ignored: 'console.payments.outcome.ignored',
};

export const PaymentsPanel = () => {
  const { api } = useServices();
  const t = useT();
  const calls = documentsApi(api.console);
  const unmatched = useAsync((signal) => calls.unmatched(signal), []);
  return (
    <div className="payments-page" data-testid="payments-panel">
      <header className="section-header">
        <div>
          <h1>{t('console.payments.title')}</h1>
          <p className="muted">{t('console.payments.intro')}</p>
        </div>
      </header>
      <StatementImport onImported={unmatched.reload} />
      <RecordPaymentForm />
      <section className="card panel" aria-labelledby="unmatched-title" data-testid="unmatched-section">
        <header className="panel-header">
          <h2 id="unmatched-title">{t('console.payments.unmatched')}</h2>
          <button type="button" className="btn btn-small btn-ghost" onClick={unmatched.reload} disabled={unmatched.loading}>
            {t('console.refresh')}
          </button>
        </header>
        {unmatched.loading && !unmatched.data ? (
          <Loading label={t('console.payments.unmatchedLoading')} />
        ) : unmatched.error || !unmatched.data ? (
          <ErrorBox error={unmatched.error} onRetry={unmatched.reload} />
        ) : unmatched.data.entries.length === 0 ? (
          <p className="muted small" data-testid="unmatched-empty">
            {t('console.payments.allMatched')}
          </p>
        ) : (
          <ul className="plain-list unmatched-list" data-testid="unmatched-list">
            {unmatched.data.entries.map((entry) => (
              <UnmatchedEntry key={entry.entryId} entry={entry} onMatched={unmatched.reload} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
};

type CompanyChoice = { id: string; name: string; city: string; vatId: string };

/** A company picked by name, VAT ID or city (`GET /console/companies?q=`): no ids to type. */
const CompanyPicker = ({ value, onChange, testId }: { value: CompanyChoice | null; onChange: (company: CompanyChoice | null) => void; testId: string }) => {
  const { api } = useServices();
  const t = useT();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);
  const results = useAsync(
    (signal) => (value ? Promise.resolve(undefined) : api.console.listCompanies(debounced ? { q: debounced } : {}, signal)),
    [debounced, value],
  );
  if (value)
    return (
      <div className="field">
        <span>{t('console.payments.company')}</span>
        <div className="picked-company" data-testid={`${testId}-company-picked`} data-company-id={value.id}>
          <span className="strong">{value.name}</span>{' '}
          <span className="muted small">{t('console.payments.companyMeta', { city: value.city, vatId: value.vatId })}</span>{' '}
          <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange(null)} data-testid={`${testId}-company-change`}>
            {t('console.payments.changeCompany')}
          </button>
        </div>
      </div>
    );
  const companies = (results.data?.companies ?? []).slice(0, 8);
  return (
    <div className="field">
      <label htmlFor={inputId}>{t('console.payments.company')}</label>
      <input
        id={inputId}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder={t('console.payments.companySearch')}
        autoComplete="off"
        data-testid={`${testId}-company`}
      />
      {results.loading ? (
        <p className="muted small">{t('console.payments.companiesLoading')}</p>
      ) : results.error ? (
        <ErrorBox error={results.error} onRetry={results.reload} />
      ) : companies.length === 0 ? (
        <p className="muted small" data-testid={`${testId}-company-none`}>
          {t('console.payments.companyNone')}
        </p>
      ) : (
        <ul className="plain-list" data-testid={`${testId}-company-results`}>
          {companies.map((company) => (
            <li key={company.id}>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => onChange({ id: company.id, name: company.name, city: company.city, vatId: company.vatId })}
                data-testid={`${testId}-company-${company.id}`}
              >
                {company.name} <span className="muted small">{t('console.payments.companyMeta', { city: company.city, vatId: company.vatId })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

type InvoiceChoice = DocumentList['invoices'][number];

/** The company's open invoices (`GET /companies/{id}/documents?kind=invoice&status=open`) to pick from. */
const InvoicePicker = ({
  companyId,
  value,
  onChange,
  testId,
}: {
  companyId: string;
  value: string;
  onChange: (invoice: InvoiceChoice | undefined) => void;
  testId: string;
}) => {
  const { api } = useServices();
  const t = useT();
  const inputId = useId();
  const invoices = useAsync((signal) => documentsApi(api.console).list(companyId, { kind: 'invoice', status: 'open' }, signal), [companyId]);
  const list = invoices.data?.invoices ?? [];
  return (
    <div className="field">
      <label htmlFor={inputId}>{t('console.payments.invoice')}</label>
      {invoices.loading ? (
        <span className="muted small">{t('console.payments.invoicesLoading')}</span>
      ) : invoices.error ? (
        <ErrorBox error={invoices.error} onRetry={invoices.reload} />
      ) : list.length === 0 ? (
        <span className="muted small" data-testid={`${testId}-no-invoices`}>
          {t('console.payments.noOpenInvoices')}
        </span>
      ) : (
        <select
          id={inputId}
          value={value}
          onChange={(event) => onChange(list.find((invoice) => invoice.number === event.target.value))}
          data-testid={`${testId}-invoice`}
        >
          <option value="">{t('console.payments.chooseInvoice')}</option>
          {list.map((invoice) => (
            <option key={invoice.number} value={invoice.number}>
              {invoice.dueDate
                ? t('console.payments.invoiceOptionDue', {
                    number: invoice.number,
                    open: show(invoice.open),
                    due: formatDate(invoice.dueDate.slice(0, 10)),
                  })
                : t('console.payments.invoiceOption', { number: invoice.number, open: show(invoice.open) })}
            </option>
          ))}
        </select>
      )}
    </div>
  );
};

const RecordPaymentForm = () => {
  const { api } = useServices();
  const t = useT();
  const [company, setCompany] = useState<CompanyChoice | null>(null);
  const companyId = company?.id ?? '';
  const [invoiceNumber, setInvoiceNumber] = useState('');
  const [invoiceVersion, setInvoiceVersion] = useState(0);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [paidAt, setPaidAt] = useState(today);
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok?: string; error?: unknown }>({});
  const [invoice, setInvoice] = useState<InvoiceDocument>();
  // One key per intended payment: a retry of the same submission books once.
  const key = useRef<{ request: string; key: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMinorUnits(amount, currency);
    if (!companyId || !invoiceNumber) return setMessage({ error: t('console.payments.problem.pick') });
    if (minor === undefined || minor <= 0) return setMessage({ error: t('console.payments.problem.amount', { currency }) });
    if (!reference.trim()) return setMessage({ error: t('console.payments.problem.reference') });
    const request = { amount: minor, currency, paidAt, reference: reference.trim() };
    const fingerprint = JSON.stringify([companyId.trim(), invoiceNumber.trim().toUpperCase(), request]);
    if (key.current?.request !== fingerprint) key.current = { request: fingerprint, key: crypto.randomUUID() };
    setBusy(true);
    setMessage({});
    try {
      const result = await documentsApi(api.console).recordPayment(companyId.trim(), invoiceNumber.trim().toUpperCase(), request, key.current.key);
      setInvoice(result.invoice);
      key.current = null;
      setMessage({
        ok: t(result.invoice.status === 'paid' ? 'console.payments.bookedPaid' : 'console.payments.booked', {
          amount: show({ amount: minor, currency }),
          open: show(result.invoice.open),
        }),
      });
      setAmount('');
      setReference('');
      setInvoiceNumber('');
      setInvoiceVersion((version) => version + 1);
    } catch (failure) {
      setMessage({ error: failure });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby="record-payment-title">
      <header className="panel-header">
        <h2 id="record-payment-title">{t('console.payments.record')}</h2>
      </header>
      <form onSubmit={(event) => void submit(event)} data-testid="record-payment-form">
        <div className="field-row">
          <CompanyPicker
            testId="record-payment"
            value={company}
            onChange={(next) => {
              setCompany(next);
              setInvoiceNumber('');
              setInvoice(undefined);
            }}
          />
          {company && (
            <InvoicePicker
              key={`${company.id}-${invoiceVersion}`}
              testId="record-payment"
              companyId={company.id}
              value={invoiceNumber}
              onChange={(picked) => {
                setInvoiceNumber(picked?.number ?? '');
                if (picked) {
                  // The open amount in the invoice's currency, ready to book (or to be lowered for a part payment).
                  setCurrency(picked.open.currency);
                  setAmount(formatMinorUnits(picked.open.amount, picked.open.currency));
                }
              }}
            />
          )}
        </div>
        <div className="field-row">
          <label className="field field-small">
            <span>{t('console.payments.amount')}</span>
            <input type="text" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} data-testid="record-payment-amount" />
          </label>
          <label className="field field-small">
            <span>{t('console.payments.currency')}</span>
            <select value={currency} onChange={(event) => setCurrency(event.target.value)} data-testid="record-payment-currency">
              {paymentCurrencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-small">
            <span>{t('console.payments.paidOn')}</span>
            <input type="date" value={paidAt} onChange={(event) => setPaidAt(event.target.value)} data-testid="record-payment-date" />
          </label>
        </div>
        <label className="field">
          <span>{t('console.payments.bankReference')}</span>
          <input type="text" maxLength={140} value={reference} onChange={(event) => setReference(event.target.value)} data-testid="record-payment-reference" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="record-payment-submit">
          {busy ? t('console.payments.booking') : t('console.payments.book')}
        </button>
        <FormMessage error={message.error} success={message.ok} testId="record-payment-status" />
      </form>
      {invoice && <InvoiceHistory invoice={invoice} />}
    </section>
  );
};

const InvoiceHistory = ({ invoice }: { invoice: InvoiceDocument }) => {
  const t = useT();
  return (
    <div data-testid="record-payment-history">
      <h3 className="small strong">
        {t('console.payments.history', { number: invoice.number, total: show(invoice.total), paid: show(invoice.paid), open: show(invoice.open) })}
      </h3>
      <ul className="plain-list">
        {invoice.settlements.map((entry) => (
          <li key={`${entry.kind}-${entry.id}`} className="small">
            {formatDate(entry.at.slice(0, 10))} ·{' '}
            {entry.kind === 'payment' ? t('console.payments.settlement.payment') : t('console.payments.settlement.creditNote', { id: entry.id })}{' '}
            {show(entry.amount)}
            {entry.reference ? <span className="muted"> · {entry.reference}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
};

const StatementImport = ({ onImported }: { onImported: () => void }) => {
  const { api } = useServices();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<ImportResult>();

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_STATEMENT_BYTES) return setError(t('console.payments.statementTooLarge'));
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await documentsApi(api.console).importStatement(file.name, await base64Of(file)));
      onImported();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby="statement-title">
      <header className="panel-header">
        <h2 id="statement-title">{t('console.payments.import')}</h2>
      </header>
      <p className="muted small">{t('console.payments.importIntro')}</p>
      <label className="field">
        <span>{t('console.payments.file')}</span>
        <input
          type="file"
          accept=".xml,.zip,.sta,.mt940,.txt,application/xml,text/xml,application/zip"
          onChange={(event) => void upload(event)}
          disabled={busy}
          data-testid="statement-file"
        />
      </label>
      {busy && <Loading label={t('console.payments.importing')} />}
      <FormMessage error={error} testId="statement-error" />
      {result && (
        <div data-testid="statement-result">
          <p className="small">
            {t('console.payments.statement')} <span className="mono">{result.statementId}</span> (
            {result.format === 'mt940' ? result.format.toUpperCase() : `${result.format}.${result.version}`}
            {result.statements.length > 1 ? t('console.payments.statementCount', { count: result.statements.length }) : ''}):{' '}
            {t('console.payments.summary', {
              matched: result.entries.filter((entry) => entry.outcome === 'matched').length,
              unmatched: result.entries.filter((entry) => entry.outcome === 'unmatched').length,
              duplicate: result.entries.filter((entry) => entry.outcome === 'duplicate').length,
              ignored: result.entries.filter((entry) => entry.outcome === 'ignored').length,
            })}
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('console.payments.col.transaction')}</th>
                  <th scope="col" className="num">
                    {t('console.payments.amount')}
                  </th>
                  <th scope="col">{t('console.payments.col.result')}</th>
                </tr>
              </thead>
              <tbody>
                {result.entries.map((entry) => (
                  <tr key={entry.entryId} data-testid="statement-entry" data-outcome={entry.outcome}>
                    <td className="mono small">{entry.key}</td>
                    <td className="num">{show(entry.amount)}</td>
                    <td>
                      <span className="strong">{outcomeLabels[entry.outcome] ? t(outcomeLabels[entry.outcome]) : entry.outcome}</span>
                      {entry.invoiceNumber && (
                        <span className="small">
                          {' '}
                          → <span className="mono">{entry.invoiceNumber}</span> ({entry.companyId}
                          {entry.rule === 'unique-amount'
                            ? t('console.payments.rule.uniqueAmount')
                            : entry.rule === 'reference'
                              ? t('console.payments.rule.reference')
                              : entry.rule === 'creditor-reference'
                                ? t('console.payments.rule.creditorReference')
                                : ''}
                          )
                        </span>
                      )}
                      {entry.reason && <div className="muted small">{reasonText(t, entry.reason)}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
};

const UnmatchedEntry = ({ entry, onMatched }: { entry: BankEntry; onMatched: () => void }) => {
  const { api } = useServices();
  const t = useT();
  const [company, setCompany] = useState<CompanyChoice | null>(null);
  const [invoiceNumber, setInvoiceNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const match = async (event: FormEvent) => {
    event.preventDefault();
    if (!company || !invoiceNumber) return setError(t('console.payments.problem.pick'));
    setBusy(true);
    setError(undefined);
    try {
      await documentsApi(api.console).match(entry.entryId, company.id, invoiceNumber);
      onMatched();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="unmatched-entry" data-testid={`unmatched-${entry.entryId}`}>
      <div>
        <span className="strong">{show(entry.amount)}</span>{' '}
        <span className="muted small">{t('console.payments.booked.on', { date: formatDate(entry.bookingDate) })}</span>
        <div className="small">
          {entry.debtorName ?? t('console.payments.unknownPayer')}
          {entry.debtorIban && <span className="mono muted"> · {entry.debtorIban}</span>}
        </div>
        {entry.remittance.length > 0 && <div className="small mono">{entry.remittance.join(' / ')}</div>}
        {entry.reason && <div className="muted small">{reasonText(t, entry.reason)}</div>}
      </div>
      <form className="inline-form" onSubmit={(event) => void match(event)}>
        <CompanyPicker
          testId="match"
          value={company}
          onChange={(next) => {
            setCompany(next);
            setInvoiceNumber('');
          }}
        />
        {company && <InvoicePicker testId="match" companyId={company.id} value={invoiceNumber} onChange={(picked) => setInvoiceNumber(picked?.number ?? '')} />}
        <button type="submit" className="btn" disabled={busy} data-testid="match-submit">
          {busy ? t('console.payments.matching') : t('console.payments.match')}
        </button>
      </form>
      <FormMessage error={error} testId="match-error" />
    </li>
  );
};
