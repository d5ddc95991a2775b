/** Back office: create a company directly (ERP import / phone order) with its first company admin. */
import { useState, type FormEvent } from 'react';
import {
  AddressFields,
  CountrySelect,
  draftToAddress,
  emptyAddress,
  FormMessage,
  looksLikeEmail,
  looksLikeVatId,
  missingAddressFields,
  normalizeVatInput,
  type AddressDraft,
} from '../components/Forms.js';
import { vatPrefix } from '../countries.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { useServices } from '../services.js';
import type { CustomerGroup } from '../types.js';

const labelKeys: Record<string, MessageKey> = {
  'company.name': 'console.newCompany.field.companyName',
  'company.vatId': 'console.vatId',
  'company.country': 'console.country',
  'billingAddress.street': 'console.newCompany.field.billingStreet',
  'billingAddress.postalCode': 'console.newCompany.field.billingPostalCode',
  'billingAddress.city': 'console.newCompany.field.billingCity',
  'billingAddress.country': 'console.newCompany.field.billingCountry',
  customerGroup: 'console.customerGroup',
  'admin.email': 'console.newCompany.field.adminEmail',
  'admin.name': 'console.newCompany.field.adminName',
};

interface NewCompanyFormProps {
  customerGroups: readonly CustomerGroup[];
  onCreated: (companyId: string) => void;
  onCancel: () => void;
}

export const NewCompanyForm = ({ customerGroups, onCreated, onCancel }: NewCompanyFormProps) => {
  const { api } = useServices();
  const t = useT();
  const labels = Object.fromEntries(Object.entries(labelKeys).map(([field, key]) => [field, t(key)]));
  const [name, setName] = useState('');
  const [vatId, setVatId] = useState('');
  const [country, setCountry] = useState('DE');
  const [billing, setBilling] = useState<AddressDraft>(emptyAddress('DE'));
  const [group, setGroup] = useState<CustomerGroup | ''>('');
  const [adminEmail, setAdminEmail] = useState('');
  const [adminName, setAdminName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const chosenGroup = group || customerGroups[0] || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const vat = normalizeVatInput(vatId);
    const missing = missingAddressFields(billing);
    if (!name.trim()) return setError(t('console.newCompany.problem.name'));
    if (!looksLikeVatId(vat)) return setError(t('console.newCompany.problem.vatId', { example: `${vatPrefix(country)}123456789` }));
    if (missing.length > 0) return setError(t('console.newCompany.problem.billing', { fields: missing.join(', ') }));
    if (!chosenGroup) return setError(t('console.newCompany.problem.group'));
    if (!looksLikeEmail(adminEmail)) return setError(t('console.newCompany.problem.adminEmail'));
    if (!adminName.trim()) return setError(t('console.newCompany.problem.adminName'));
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.console.createCompany({
        company: { name: name.trim(), vatId: vat, country },
        billingAddress: draftToAddress(billing),
        customerGroup: chosenGroup,
        admin: { email: adminEmail.trim(), name: adminName.trim() },
      });
      onCreated(result.companyId);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="subform new-company" onSubmit={submit} noValidate data-testid="new-company-form">
      <h3>{t('console.newCompany.title')}</h3>
      <div className="field-row">
        <label className="field">
          <span>{t('console.newCompany.field.companyName')}</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} data-testid="new-company-name" maxLength={120} />
        </label>
        <label className="field field-small">
          <span>{t('console.country')}</span>
          <CountrySelect
            value={country}
            onChange={(code) => {
              if (billing.country === country) setBilling({ ...billing, country: code });
              setCountry(code);
            }}
            testId="new-company-country"
          />
        </label>
        <label className="field field-small">
          <span>{t('console.vatId')}</span>
          <input
            type="text"
            value={vatId}
            onChange={(e) => setVatId(e.target.value)}
            placeholder={`${vatPrefix(country)}123456789`}
            data-testid="new-company-vat-id"
            maxLength={20}
          />
        </label>
      </div>
      <fieldset className="form-section">
        <legend>{t('console.newCompany.billingAddress')}</legend>
        <AddressFields value={billing} onChange={setBilling} testIdPrefix="new-company-billing" />
      </fieldset>
      <div className="field-row">
        <label className="field field-small">
          <span>{t('console.customerGroup')}</span>
          <select
            value={chosenGroup}
            onChange={(e) => setGroup(customerGroups.find((option) => option === e.target.value) ?? '')}
            data-testid="new-company-group"
          >
            {customerGroups.length === 0 && <option value="">—</option>}
            {customerGroups.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('console.newCompany.adminEmail')}</span>
          <input type="email" value={adminEmail} onChange={(e) => setAdminEmail(e.target.value)} data-testid="new-company-admin-email" maxLength={254} />
        </label>
        <label className="field">
          <span>{t('console.newCompany.adminName')}</span>
          <input type="text" value={adminName} onChange={(e) => setAdminName(e.target.value)} data-testid="new-company-admin-name" maxLength={120} />
        </label>
      </div>
      <FormMessage error={error} testId="new-company-status" labels={labels} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="new-company-submit">
          {busy ? t('console.newCompany.creating') : t('console.newCompany.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          {t('console.cancel')}
        </button>
      </div>
    </form>
  );
};
