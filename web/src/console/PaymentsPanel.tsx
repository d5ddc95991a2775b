/**
 * Back office "Payments" tab: record a payment against an invoice, import a bank statement file —
 * camt.053 / camt.054 XML, MT940 or a bank's ZIP delivery, sent as base64 (file input →
 * `POST /console/bank-statements`) with the outcome per transaction, and match the
 * unmatched transactions by hand.
 */
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { FormMessage } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { documentsApi, type BankEntry, type ImportResult, type InvoiceDocument } from '../documentsApi.js';
import { formatMoney, userLocale } from '../money.js';
import { parseMinorUnits } from '../moneyInput.js';
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

const reasonTexts: Record<string, string> = {
  NO_REFERENCE: 'No invoice or order number, and no customer account with a single open invoice of this amount',
  UNKNOWN_REFERENCE: 'The reference names no invoice we know',
  AMBIGUOUS_REFERENCE: 'The reference names several invoices',
  INVOICE_SETTLED: 'The invoice is already paid',
  EXCEEDS_OPEN_AMOUNT: 'More than the open amount of the invoice',
  OVERPAYMENT: 'More than the open amount of the invoice',
  CURRENCY_MISMATCH: 'Another currency than the invoice',
  NO_UNIQUE_AMOUNT: 'No reference; not exactly one open invoice of the customer has this amount',
  DEBIT: 'Debit (outgoing) — not a customer payment',
  STATUS_PDNG: 'Pending — not booked yet',
  STATUS_RVSL: 'Reversal (MT940 RC/RD) — not a customer payment',
};

const outcomeLabels: Record<ImportResult['entries'][number]['outcome'], string> = {
  matched: 'Matched',
  unmatched: 'Unmatched',
  duplicate: 'Already imported',
  ignored: 'Ignored',
};

export const PaymentsPanel = () => {
  const { api } = useServices();
  const calls = documentsApi(api.console);
  const unmatched = useAsync((signal) => calls.unmatched(signal), []);
  return (
    <div className="payments-page" data-testid="payments-panel">
      <header className="section-header">
        <div>
          <h1>Payments</h1>
          <p className="muted">Record payments against invoices, import bank statements (camt.053) and match what the import could not.</p>
        </div>
      </header>
      <StatementImport onImported={unmatched.reload} />
      <RecordPaymentForm />
      <section className="card panel" aria-labelledby="unmatched-title" data-testid="unmatched-section">
        <header className="panel-header">
          <h2 id="unmatched-title">Unmatched bank transactions</h2>
          <button type="button" className="btn btn-small btn-ghost" onClick={unmatched.reload} disabled={unmatched.loading}>
            Refresh
          </button>
        </header>
        {unmatched.loading && !unmatched.data ? (
          <Loading label="Loading unmatched transactions…" />
        ) : unmatched.error || !unmatched.data ? (
          <ErrorBox error={unmatched.error} onRetry={unmatched.reload} />
        ) : unmatched.data.entries.length === 0 ? (
          <p className="muted small" data-testid="unmatched-empty">
            Every imported payment is matched.
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

const RecordPaymentForm = () => {
  const { api } = useServices();
  const [companyId, setCompanyId] = useState('');
  const [invoiceNumber, setInvoiceNumber] = useState('');
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
    if (!companyId.trim() || !invoiceNumber.trim()) return setMessage({ error: 'Enter the company id and the invoice number.' });
    if (minor === undefined || minor <= 0) return setMessage({ error: `Enter the received amount in ${currency}, e.g. 1190 or 1190.00.` });
    if (!reference.trim()) return setMessage({ error: 'Enter the bank reference of the payment.' });
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
        ok: `Booked ${show({ amount: minor, currency })}. Open now ${show(result.invoice.open)}${result.invoice.status === 'paid' ? ' — the invoice is paid.' : '.'}`,
      });
      setAmount('');
      setReference('');
    } catch (failure) {
      setMessage({ error: failure });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby="record-payment-title">
      <header className="panel-header">
        <h2 id="record-payment-title">Record a payment</h2>
      </header>
      <form onSubmit={(event) => void submit(event)} data-testid="record-payment-form">
        <div className="field-row">
          <label className="field">
            <span>Company id</span>
            <input
              type="text"
              value={companyId}
              onChange={(event) => setCompanyId(event.target.value)}
              placeholder="mueller-bau"
              data-testid="record-payment-company"
            />
          </label>
          <label className="field">
            <span>Invoice number</span>
            <input
              type="text"
              value={invoiceNumber}
              onChange={(event) => setInvoiceNumber(event.target.value)}
              placeholder="INV-2026-000123"
              data-testid="record-payment-invoice"
            />
          </label>
        </div>
        <div className="field-row">
          <label className="field field-small">
            <span>Amount</span>
            <input type="text" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} data-testid="record-payment-amount" />
          </label>
          <label className="field field-small">
            <span>Currency</span>
            <select value={currency} onChange={(event) => setCurrency(event.target.value)} data-testid="record-payment-currency">
              <option value="EUR">EUR</option>
              <option value="PLN">PLN</option>
            </select>
          </label>
          <label className="field field-small">
            <span>Paid on</span>
            <input type="date" value={paidAt} onChange={(event) => setPaidAt(event.target.value)} data-testid="record-payment-date" />
          </label>
        </div>
        <label className="field">
          <span>Bank reference</span>
          <input type="text" maxLength={140} value={reference} onChange={(event) => setReference(event.target.value)} data-testid="record-payment-reference" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="record-payment-submit">
          {busy ? 'Booking…' : 'Book payment'}
        </button>
        <FormMessage error={message.error} success={message.ok} testId="record-payment-status" />
      </form>
      {invoice && <InvoiceHistory invoice={invoice} />}
    </section>
  );
};

const InvoiceHistory = ({ invoice }: { invoice: InvoiceDocument }) => (
  <div data-testid="record-payment-history">
    <h3 className="small strong">
      {invoice.number}: total {show(invoice.total)}, paid {show(invoice.paid)}, open {show(invoice.open)}
    </h3>
    <ul className="plain-list">
      {invoice.settlements.map((entry) => (
        <li key={`${entry.kind}-${entry.id}`} className="small">
          {entry.at.slice(0, 10)} · {entry.kind === 'payment' ? 'Payment' : `Credit note ${entry.id}`} {show(entry.amount)}
          {entry.reference ? <span className="muted"> · {entry.reference}</span> : null}
        </li>
      ))}
    </ul>
  </div>
);

const StatementImport = ({ onImported }: { onImported: () => void }) => {
  const { api } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<ImportResult>();

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_STATEMENT_BYTES) return setError('The statement is larger than 5 MB; split it by day.');
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
        <h2 id="statement-title">Import a bank statement</h2>
      </header>
      <p className="muted small">
        ISO 20022 camt.053 or camt.054 (versions 001.02 to 001.13), SWIFT MT940, or the bank's ZIP delivery of those. Importing the same file again books
        nothing twice.
      </p>
      <label className="field">
        <span>Statement file (XML, MT940 or ZIP)</span>
        <input
          type="file"
          accept=".xml,.zip,.sta,.mt940,.txt,application/xml,text/xml,application/zip"
          onChange={(event) => void upload(event)}
          disabled={busy}
          data-testid="statement-file"
        />
      </label>
      {busy && <Loading label="Importing…" />}
      <FormMessage error={error} testId="statement-error" />
      {result && (
        <div data-testid="statement-result">
          <p className="small">
            Statement <span className="mono">{result.statementId}</span> ({result.format === 'mt940' ? 'MT940' : `${result.format}.${result.version}`}
            {result.statements.length > 1 ? `, ${result.statements.length} statements` : ''}):{' '}
            {result.entries.filter((entry) => entry.outcome === 'matched').length} matched,{' '}
            {result.entries.filter((entry) => entry.outcome === 'unmatched').length} unmatched,{' '}
            {result.entries.filter((entry) => entry.outcome === 'duplicate').length} already imported,{' '}
            {result.entries.filter((entry) => entry.outcome === 'ignored').length} ignored.
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Transaction</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {result.entries.map((entry) => (
                  <tr key={entry.entryId} data-testid="statement-entry" data-outcome={entry.outcome}>
                    <td className="mono small">{entry.key}</td>
                    <td className="num">{show(entry.amount)}</td>
                    <td>
                      <span className="strong">{outcomeLabels[entry.outcome]}</span>
                      {entry.invoiceNumber && (
                        <span className="small">
                          {' '}
                          → <span className="mono">{entry.invoiceNumber}</span> ({entry.companyId}
                          {entry.rule === 'unique-amount'
                            ? ', by amount and IBAN'
                            : entry.rule === 'reference'
                              ? ', by reference'
                              : entry.rule === 'creditor-reference'
                                ? ', by RF reference'
                                : ''}
                          )
                        </span>
                      )}
                      {entry.reason && <div className="muted small">{reasonTexts[entry.reason] ?? entry.reason}</div>}
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
  const [companyId, setCompanyId] = useState('');
  const [invoiceNumber, setInvoiceNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const match = async (event: FormEvent) => {
    event.preventDefault();
    if (!companyId.trim() || !invoiceNumber.trim()) return setError('Enter the company id and the invoice number.');
    setBusy(true);
    setError(undefined);
    try {
      await documentsApi(api.console).match(entry.entryId, companyId.trim(), invoiceNumber.trim().toUpperCase());
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
        <span className="strong">{show(entry.amount)}</span> <span className="muted small">· booked {entry.bookingDate}</span>
        <div className="small">
          {entry.debtorName ?? 'Unknown payer'}
          {entry.debtorIban && <span className="mono muted"> · {entry.debtorIban}</span>}
        </div>
        {entry.remittance.length > 0 && <div className="small mono">{entry.remittance.join(' / ')}</div>}
        {entry.reason && <div className="muted small">{reasonTexts[entry.reason] ?? entry.reason}</div>}
      </div>
      <form className="inline-form" onSubmit={(event) => void match(event)}>
        <label className="field">
          <span>Company id</span>
          <input type="text" value={companyId} onChange={(event) => setCompanyId(event.target.value)} data-testid="match-company" />
        </label>
        <label className="field">
          <span>Invoice number</span>
          <input type="text" value={invoiceNumber} onChange={(event) => setInvoiceNumber(event.target.value)} data-testid="match-invoice" />
        </label>
        <button type="submit" className="btn" disabled={busy} data-testid="match-submit">
          {busy ? 'Matching…' : 'Match'}
        </button>
      </form>
      <FormMessage error={error} testId="match-error" />
    </li>
  );
};
