/** Company master data, billing address, delivery addresses and bank accounts of one company. */
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api.js';
import {
  AddressFields,
  AddressView,
  addressToDraft,
  draftToAddress,
  emptyAddress,
  FormMessage,
  looksLikeVatId,
  missingAddressFields,
  normalizeVatInput,
  type AddressDraft,
} from '../components/Forms.js';
import { countryName } from '../countries.js';
import { useT, type Translate } from '../i18n/I18n.js';
import type { CompanyDetail } from '../types.js';

interface SectionProps {
  api: ApiClient;
  company: CompanyDetail;
  editable: boolean;
  /** Called with the company the API returned after a change. */
  onChanged: (company: CompanyDetail) => void;
}

type Status = { error?: unknown; ok?: string };

const addressLabels = (t: Translate): Record<string, string> => ({
  name: t('account.form.recipient'),
  street: t('account.form.street'),
  postalCode: t('account.form.postalCode'),
  city: t('account.form.city'),
  country: t('account.form.country'),
});

// ---- Master data --------------------------------------------------------------------------------

export const MasterDataSection = ({ api, company, editable, onChanged }: SectionProps) => {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(company.name);
  const [vatId, setVatId] = useState(company.vatId);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<Status>({});

  const startEditing = () => {
    setName(company.name);
    setVatId(company.vatId);
    setStatus({});
    setEditing(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const change: { name?: string; vatId?: string } = {};
    const trimmed = name.trim();
    const vat = normalizeVatInput(vatId);
    if (!trimmed) return setStatus({ error: t('account.company.nameEmpty') });
    if (!looksLikeVatId(vat)) return setStatus({ error: t('account.company.vatInvalid') });
    if (trimmed !== company.name) change.name = trimmed;
    if (vat !== company.vatId) change.vatId = vat;
    if (Object.keys(change).length === 0) {
      setEditing(false);
      return;
    }
    setSaving(true);
    setStatus({});
    try {
      onChanged(await api.updateCompany(company.id, change));
      setEditing(false);
      setStatus({ ok: t('account.company.saved') });
    } catch (error) {
      setStatus({ error });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby="master-data-title" data-testid="master-data">
      <header className="panel-header">
        <h2 id="master-data-title">{t('account.company.title')}</h2>
        {editable && !editing && (
          <button type="button" className="btn btn-small" onClick={startEditing} data-testid="edit-master-data">
            {t('account.edit')}
          </button>
        )}
      </header>
      {editing ? (
        <form onSubmit={save} noValidate>
          <label className="field">
            <span>{t('account.company.companyName')}</span>
            <input type="text" value={name} onChange={(e) => setName(e.target.value)} data-testid="master-name" maxLength={120} required />
          </label>
          <label className="field">
            <span>{t('account.company.vatId')}</span>
            <input type="text" value={vatId} onChange={(e) => setVatId(e.target.value)} data-testid="master-vat-id" maxLength={20} required />
          </label>
          <FormMessage
            error={status.error}
            testId="master-data-status"
            labels={{ name: t('account.company.companyName'), vatId: t('account.company.vatId') }}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={saving} data-testid="save-master-data">
              {saving ? t('account.saving') : t('account.save')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setEditing(false)} disabled={saving}>
              {t('account.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('account.name')}</dt>
            <dd data-testid="company-name">{company.name}</dd>
            <dt>{t('account.company.vatId')}</dt>
            <dd className="mono" data-testid="company-vat-id">
              {company.vatId || '—'}
            </dd>
            <dt>{t('account.company.country')}</dt>
            <dd>{company.country ? countryName(company.country) : '—'}</dd>
            <dt>{t('account.company.customerGroup')}</dt>
            <dd>{company.customerGroup ? <span className="badge">{company.customerGroup}</span> : '—'}</dd>
            <dt>{t('account.company.customerNumber')}</dt>
            <dd className="mono">{company.id}</dd>
          </dl>
          <FormMessage success={status.ok} testId="master-data-status" />
        </>
      )}
    </section>
  );
};

// ---- Billing address ----------------------------------------------------------------------------

export const BillingAddressSection = ({ api, company, editable, onChanged }: SectionProps) => {
  const t = useT();
  const [draft, setDraft] = useState<AddressDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<Status>({});

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const missing = missingAddressFields(draft);
    if (missing.length > 0) return setStatus({ error: t('account.enterMissing', { fields: missing.join(', ') }) });
    setSaving(true);
    setStatus({});
    try {
      onChanged(await api.setBillingAddress(company.id, draftToAddress(draft)));
      setDraft(null);
      setStatus({ ok: t('account.billing.saved') });
    } catch (error) {
      setStatus({ error });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby="billing-title" data-testid="billing-section">
      <header className="panel-header">
        <h2 id="billing-title">{t('account.billing.title')}</h2>
        {editable && !draft && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setDraft(addressToDraft(company.billingAddress, company.country || 'DE'));
              setStatus({});
            }}
            data-testid="edit-billing"
          >
            {t('account.edit')}
          </button>
        )}
      </header>
      {draft ? (
        <form onSubmit={save} noValidate>
          <AddressFields value={draft} onChange={setDraft} testIdPrefix="billing" nameLabel={t('account.billing.nameLabel')} />
          <FormMessage error={status.error} testId="billing-status" labels={addressLabels(t)} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={saving} data-testid="save-billing">
              {saving ? t('account.saving') : t('account.billing.save')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setDraft(null)} disabled={saving}>
              {t('account.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <AddressView address={company.billingAddress} testId="billing-address" />
          <FormMessage success={status.ok} testId="billing-status" />
        </>
      )}
    </section>
  );
};

// ---- Delivery addresses -------------------------------------------------------------------------

export const DeliveryAddressesSection = ({ api, company, editable, onChanged }: SectionProps) => {
  const t = useT();
  const [draft, setDraft] = useState<AddressDraft | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({});
  const addresses = company.deliveryAddresses ?? [];

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const missing = missingAddressFields(draft);
    if (missing.length > 0) return setStatus({ error: t('account.enterMissing', { fields: missing.join(', ') }) });
    setBusy('add');
    setStatus({});
    try {
      onChanged(await api.addDeliveryAddress(company.id, draftToAddress(draft)));
      setDraft(null);
      setStatus({ ok: t('account.delivery.added') });
    } catch (error) {
      setStatus({ error });
    } finally {
      setBusy(null);
    }
  };

  const remove = async (addressId: string) => {
    setBusy(addressId);
    setStatus({});
    try {
      onChanged(await api.deleteDeliveryAddress(company.id, addressId));
      setStatus({ ok: t('account.delivery.deleted') });
    } catch (error) {
      setStatus({ error });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card panel" aria-labelledby="delivery-title" data-testid="delivery-section">
      <header className="panel-header">
        <h2 id="delivery-title">{t('account.delivery.title')}</h2>
        {editable && !draft && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setDraft(emptyAddress(company.country || 'DE'));
              setStatus({});
            }}
            data-testid="add-delivery"
          >
            {t('account.delivery.addButton')}
          </button>
        )}
      </header>
      {addresses.length === 0 ? (
        <p className="muted" data-testid="delivery-addresses">
          {t('account.delivery.none')}
        </p>
      ) : (
        <ul className="card-list" data-testid="delivery-addresses">
          {addresses.map((address) => (
            <li key={address.id} data-testid={`delivery-address-${address.id}`}>
              <AddressView address={address} />
              {editable && (
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  onClick={() => void remove(address.id)}
                  disabled={busy !== null}
                  data-testid={`delete-delivery-${address.id}`}
                >
                  {busy === address.id ? t('account.deleting') : t('account.delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {draft && (
        <form onSubmit={add} noValidate className="subform">
          <h3>{t('account.delivery.new')}</h3>
          <AddressFields value={draft} onChange={setDraft} testIdPrefix="delivery" />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy !== null} data-testid="save-delivery">
              {busy === 'add' ? t('account.saving') : t('account.delivery.add')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setDraft(null)} disabled={busy !== null}>
              {t('account.cancel')}
            </button>
          </div>
        </form>
      )}
      <FormMessage error={status.error} success={status.ok} testId="delivery-status" labels={addressLabels(t)} />
    </section>
  );
};

// ---- Bank accounts ------------------------------------------------------------------------------

/** "DE89370400440532013000" → "DE89 3704 0044 0532 0130 00". */
export const formatIban = (iban: string): string => iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

export const BankAccountsSection = ({ api, company, editable, onChanged }: SectionProps) => {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const [iban, setIban] = useState('');
  const [bic, setBic] = useState('');
  const [holder, setHolder] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({});
  const accounts = company.bankAccounts ?? [];

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const normalizedIban = iban.replace(/[\s-]/g, '').toUpperCase();
    const normalizedBic = bic.replace(/\s/g, '').toUpperCase();
    if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(normalizedIban)) {
      return setStatus({ error: t('account.bank.ibanInvalid') });
    }
    if (normalizedBic && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(normalizedBic)) {
      return setStatus({ error: t('account.bank.bicInvalid') });
    }
    if (!holder.trim()) return setStatus({ error: t('account.bank.holderMissing') });
    setBusy('add');
    setStatus({});
    try {
      onChanged(await api.addBankAccount(company.id, { iban: normalizedIban, holder: holder.trim(), ...(normalizedBic ? { bic: normalizedBic } : {}) }));
      setAdding(false);
      setIban('');
      setBic('');
      setHolder('');
      setStatus({ ok: t('account.bank.added') });
    } catch (error) {
      setStatus({ error });
    } finally {
      setBusy(null);
    }
  };

  const remove = async (accountId: string) => {
    setBusy(accountId);
    setStatus({});
    try {
      onChanged(await api.deleteBankAccount(company.id, accountId));
      setStatus({ ok: t('account.bank.deleted') });
    } catch (error) {
      setStatus({ error });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card panel" aria-labelledby="bank-title" data-testid="bank-section">
      <header className="panel-header">
        <h2 id="bank-title">{t('account.bank.title')}</h2>
        {editable && !adding && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setAdding(true);
              setHolder((current) => current || company.name);
              setStatus({});
            }}
            data-testid="add-bank-account"
          >
            {t('account.bank.add')}
          </button>
        )}
      </header>
      {accounts.length === 0 ? (
        <p className="muted" data-testid="bank-accounts">
          {t('account.bank.none')}
        </p>
      ) : (
        <ul className="card-list" data-testid="bank-accounts">
          {accounts.map((account) => (
            <li key={account.id} data-testid={`bank-account-${account.id}`}>
              <div>
                <div className="mono strong">{formatIban(account.iban)}</div>
                <div className="muted small">
                  {account.holder}
                  {account.bic && (
                    <>
                      {' '}
                      · {t('account.bank.bic')} <span className="mono">{account.bic}</span>
                    </>
                  )}
                </div>
              </div>
              {editable && (
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  onClick={() => void remove(account.id)}
                  disabled={busy !== null}
                  data-testid={`delete-bank-${account.id}`}
                >
                  {busy === account.id ? t('account.deleting') : t('account.delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {adding && (
        <form onSubmit={add} noValidate className="subform">
          <h3>{t('account.bank.new')}</h3>
          <label className="field">
            <span>{t('account.bank.iban')}</span>
            <input
              type="text"
              className="mono"
              value={iban}
              onChange={(e) => setIban(e.target.value)}
              data-testid="bank-iban"
              maxLength={42}
              autoComplete="off"
            />
          </label>
          <div className="field-row">
            <label className="field">
              <span>{t('account.bank.bicOptional')}</span>
              <input
                type="text"
                className="mono"
                value={bic}
                onChange={(e) => setBic(e.target.value)}
                data-testid="bank-bic"
                maxLength={11}
                autoComplete="off"
              />
            </label>
            <label className="field">
              <span>{t('account.bank.holder')}</span>
              <input type="text" value={holder} onChange={(e) => setHolder(e.target.value)} data-testid="bank-holder" maxLength={120} />
            </label>
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy !== null} data-testid="save-bank-account">
              {busy === 'add' ? t('account.saving') : t('account.bank.add')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setAdding(false)} disabled={busy !== null}>
              {t('account.cancel')}
            </button>
          </div>
        </form>
      )}
      <FormMessage
        error={status.error}
        success={status.ok}
        testId="bank-status"
        labels={{ iban: t('account.bank.iban'), bic: t('account.bank.bic'), holder: t('account.bank.holder') }}
      />
    </section>
  );
};
