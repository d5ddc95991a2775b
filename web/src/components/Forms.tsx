/** Form building blocks shared by registration, account and console screens. */
import type { ReactNode } from 'react';
import { ApiError, apiErrorMessage, validationIssueText, type ValidationIssue } from '../api.js';
import { countryName, euCountries } from '../countries.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';
import type { Address } from '../types.js';

export interface AddressDraft {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

export const emptyAddress = (country = 'DE'): AddressDraft => ({ name: '', street: '', postalCode: '', city: '', country });

export const addressToDraft = (address: Address | undefined, fallbackCountry = 'DE'): AddressDraft => ({
  name: address?.name ?? '',
  street: address?.street ?? '',
  postalCode: address?.postalCode ?? '',
  city: address?.city ?? '',
  country: address?.country || fallbackCountry,
});

/** The API shape: trimmed, without an empty name. */
export const draftToAddress = (draft: AddressDraft): Address => {
  const address: Address = {
    street: draft.street.trim(),
    postalCode: draft.postalCode.trim(),
    city: draft.city.trim(),
    country: draft.country,
  };
  if (draft.name.trim()) address.name = draft.name.trim();
  return address;
};

const requiredAddressFields: readonly [keyof AddressDraft, MessageKey][] = [
  ['street', 'account.form.street'],
  ['postalCode', 'account.form.postalCode'],
  ['city', 'account.form.city'],
  ['country', 'account.form.country'],
];

/** Missing required address fields, as readable labels (in the UI language). */
export const missingAddressFields = (draft: AddressDraft): string[] =>
  requiredAddressFields.filter(([key]) => draft[key].trim() === '').map(([, label]) => translate(label));

/** Country `<select>` with the EU member states (keeps a current value outside the list). */
export const CountrySelect = ({
  value,
  onChange,
  testId,
  disabled,
  id,
}: {
  value: string;
  onChange: (code: string) => void;
  testId?: string;
  disabled?: boolean;
  id?: string;
}) => {
  const t = useT();
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId} disabled={disabled} required>
      <option value="">{t('account.form.chooseCountry')}</option>
      {value && !euCountries.some((country) => country.code === value) && <option value={value}>{value}</option>}
      {euCountries.map((country) => (
        <option key={country.code} value={country.code}>
          {country.name}
        </option>
      ))}
    </select>
  );
};

interface AddressFieldsProps {
  value: AddressDraft;
  onChange: (value: AddressDraft) => void;
  /** Test ids are `<prefix>-name`, `<prefix>-street`, `<prefix>-postal-code`, `<prefix>-city`, `<prefix>-country`. */
  testIdPrefix: string;
  nameLabel?: string;
  disabled?: boolean;
}

export const AddressFields = ({ value, onChange, testIdPrefix, nameLabel, disabled }: AddressFieldsProps) => {
  const t = useT();
  const set = (key: keyof AddressDraft) => (text: string) => onChange({ ...value, [key]: text });
  return (
    <div className="address-fields">
      <label className="field">
        <span>{nameLabel ?? t('account.form.recipientOptional')}</span>
        <input
          type="text"
          value={value.name}
          onChange={(e) => set('name')(e.target.value)}
          data-testid={`${testIdPrefix}-name`}
          disabled={disabled}
          maxLength={120}
        />
      </label>
      <label className="field">
        <span>{t('account.form.streetAndNumber')}</span>
        <input
          type="text"
          autoComplete="street-address"
          value={value.street}
          onChange={(e) => set('street')(e.target.value)}
          data-testid={`${testIdPrefix}-street`}
          disabled={disabled}
          required
          maxLength={120}
        />
      </label>
      <div className="field-row">
        <label className="field field-small">
          <span>{t('account.form.postalCodeLabel')}</span>
          <input
            type="text"
            autoComplete="postal-code"
            value={value.postalCode}
            onChange={(e) => set('postalCode')(e.target.value)}
            data-testid={`${testIdPrefix}-postal-code`}
            disabled={disabled}
            required
            maxLength={16}
          />
        </label>
        <label className="field">
          <span>{t('account.form.cityLabel')}</span>
          <input
            type="text"
            autoComplete="address-level2"
            value={value.city}
            onChange={(e) => set('city')(e.target.value)}
            data-testid={`${testIdPrefix}-city`}
            disabled={disabled}
            required
            maxLength={80}
          />
        </label>
      </div>
      <label className="field">
        <span>{t('account.form.countryLabel')}</span>
        <CountrySelect value={value.country} onChange={set('country')} testId={`${testIdPrefix}-country`} disabled={disabled} />
      </label>
    </div>
  );
};

/** An address as a few lines of text. */
export const AddressView = ({ address, testId }: { address: Address | undefined; testId?: string }) => {
  const t = useT();
  return address ? (
    <address className="address" data-testid={testId}>
      {address.name && (
        <>
          {address.name}
          <br />
        </>
      )}
      {address.street}
      <br />
      {address.postalCode} {address.city}
      <br />
      {countryName(address.country)}
    </address>
  ) : (
    <p className="muted" data-testid={testId}>
      {t('account.form.noAddress')}
    </p>
  );
};

/** Readable list of `VALIDATION_FAILED` details in the UI language, with field labels where known. */
export const IssueList = ({ issues, labels = {} }: { issues: ValidationIssue[]; labels?: Record<string, string> }) => {
  const t = useT();
  return issues.length === 0 ? null : (
    <ul className="issue-list">
      {issues.map((issue, index) => (
        <li key={`${issue.path}-${index}`}>
          <strong>{labels[issue.path] ?? (issue.path || t('account.form.request'))}</strong>: {validationIssueText(issue)}
        </li>
      ))}
    </ul>
  );
};

/** A one-line message paragraph; nothing without a text. */
export const MessageText = ({
  text,
  className,
  role,
  testId,
}: {
  text: string | null | undefined;
  className: string;
  role: 'alert' | 'status';
  testId?: string;
}) =>
  text ? (
    <p className={className} role={role} data-testid={testId}>
      {text}
    </p>
  ) : null;

/** A plain error message (a string) under a form or a row of buttons; nothing without one. */
export const ErrorText = ({ error, testId }: { error: string | null | undefined; testId?: string }) => (
  <MessageText text={error} className="form-error" role="alert" testId={testId} />
);

/** An error (or success) message under a form; shows validation details for VALIDATION_FAILED. */
export const FormMessage = ({
  error,
  success,
  testId,
  labels,
  children,
}: {
  error?: unknown;
  success?: ReactNode;
  testId?: string;
  labels?: Record<string, string>;
  children?: ReactNode;
}) => {
  if (error !== undefined && error !== null) {
    return (
      <div className="form-error" role="alert" data-testid={testId}>
        {children ?? (typeof error === 'string' ? error : apiErrorMessage(error))}
        {error instanceof ApiError && error.code === 'VALIDATION_FAILED' && <IssueList issues={error.issues} labels={labels} />}
      </div>
    );
  }
  if (success) {
    return (
      <p className="form-success" role="status" data-testid={testId}>
        {success}
      </p>
    );
  }
  return null;
};

/** Normalises a VAT ID as typed: upper case, no spaces, dots or dashes. */
export const normalizeVatInput = (input: string): string => input.replace(/[\s.-]/g, '').toUpperCase();

/** A plausible EU VAT ID shape (prefix + 2–13 characters); the API checks the rest. */
export const looksLikeVatId = (vatId: string): boolean => /^[A-Z]{2}[A-Z0-9+*]{2,13}$/.test(vatId);

export const looksLikeEmail = (email: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
