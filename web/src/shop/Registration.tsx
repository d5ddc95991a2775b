/**
 * Self-service registration of a new business customer (`/register`):
 * 1. POST /registrations/licence-uploads → presigned upload, 2. PUT the licence file to it with
 * exactly the returned headers, 3. POST /registrations with the upload id.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { ApiError, apiErrorMessage, uploadFile } from '../api.js';
import {
  AddressFields,
  CountrySelect,
  emptyAddress,
  draftToAddress,
  FormMessage,
  looksLikeEmail,
  looksLikeVatId,
  missingAddressFields,
  normalizeVatInput,
  type AddressDraft,
} from '../components/Forms.js';
import { vatPrefix } from '../countries.js';
import { formatDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { RegistrationRequest, ShopSettings } from '../types.js';

export const MAX_LICENCE_BYTES = 10 * 1024 * 1024;
const allowedTypes: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };
const allowedContentTypes = new Set(Object.values(allowedTypes));

/** The declared content type of a licence file (from the browser, else from the extension), or undefined if not allowed. */
export const licenceContentType = (file: File): string | undefined => {
  if (allowedContentTypes.has(file.type)) return file.type;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return file.type === '' || file.type === 'application/octet-stream' ? allowedTypes[extension] : undefined;
};

/** What is wrong with a chosen licence file, or undefined. */
export const licenceProblem = (file: File | null): string | undefined => {
  if (!file) return translate('registration.licence.missing');
  if (!licenceContentType(file)) return translate('registration.licence.wrongType', { file: file.name });
  if (file.size === 0) return translate('registration.licence.empty', { file: file.name });
  if (file.size > MAX_LICENCE_BYTES) {
    return translate('registration.licence.tooLarge', { file: file.name, size: formatDecimal((file.size / 1024 / 1024).toFixed(2)) });
  }
  return undefined;
};

const fieldLabelKeys: Record<string, MessageKey> = {
  'company.name': 'registration.field.companyName',
  'company.vatId': 'registration.field.vatId',
  'company.country': 'registration.field.country',
  'contact.name': 'registration.field.contactName',
  'contact.email': 'registration.field.contactEmail',
  'contact.phone': 'registration.field.contactPhone',
  'billingAddress.name': 'registration.field.billingName',
  'billingAddress.street': 'registration.field.billingStreet',
  'billingAddress.postalCode': 'registration.field.billingPostalCode',
  'billingAddress.city': 'registration.field.billingCity',
  'billingAddress.country': 'registration.field.billingCountry',
  'deliveryAddress.name': 'registration.field.deliveryName',
  'deliveryAddress.street': 'registration.field.deliveryStreet',
  'deliveryAddress.postalCode': 'registration.field.deliveryPostalCode',
  'deliveryAddress.city': 'registration.field.deliveryCity',
  'deliveryAddress.country': 'registration.field.deliveryCountry',
  licenceUploadId: 'registration.field.licence',
  fileName: 'registration.field.fileName',
  contentType: 'registration.field.contentType',
  size: 'registration.field.size',
};
/** The API's field paths in words, in the UI language. */
const fieldLabels = (): Record<string, string> => Object.fromEntries(Object.entries(fieldLabelKeys).map(([field, key]) => [field, translate(key)]));

type Step = 'idle' | 'uploading' | 'submitting';

export const Registration = ({ shop }: { shop: ShopSettings }) => {
  const { api } = useServices();
  const t = useT();
  const [companyName, setCompanyName] = useState('');
  const [vatId, setVatId] = useState('');
  const [country, setCountry] = useState('DE');
  const [contactName, setContactName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [billing, setBilling] = useState<AddressDraft>(emptyAddress('DE'));
  const [differentDelivery, setDifferentDelivery] = useState(false);
  const [delivery, setDelivery] = useState<AddressDraft>(emptyAddress('DE'));
  const [licence, setLicence] = useState<File | null>(null);
  const [licenceError, setLicenceError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [step, setStep] = useState<Step>('idle');
  const [done, setDone] = useState<{ email: string } | null>(null);

  if (!shop.registrationOpen) {
    return (
      <section className="card narrow">
        <h1>{t('registration.closed.title')}</h1>
        <p data-testid="registration-placeholder">{t('registration.closed.text')}</p>
        <p>
          <Link to="/">{t('registration.backToShop')}</Link>
        </p>
      </section>
    );
  }

  if (done) {
    return (
      <section className="card narrow" data-testid="registration-success">
        <h1>{t('registration.done.title')}</h1>
        <p className="lead">{t('registration.done.lead')}</p>
        <p className="muted">
          <FormattedMessage
            id={'registration.done.writeTo' satisfies MessageKey}
            values={{ email: done.email, b: (chunks: ReactNode[]) => <strong>{chunks}</strong> }}
          />
        </p>
        <p>
          <Link to="/">{t('registration.backToShop')}</Link>
        </p>
      </section>
    );
  }

  const chooseCountry = (code: string) => {
    // Addresses usually follow the company's country until the user picks another one.
    if (billing.country === country) setBilling({ ...billing, country: code });
    if (delivery.country === country) setDelivery({ ...delivery, country: code });
    setCountry(code);
  };

  const chooseFile = (file: File | null) => {
    setLicence(file);
    setLicenceError(file ? (licenceProblem(file) ?? null) : null);
  };

  const clientProblems = (): string[] => {
    const problems: string[] = [];
    if (!companyName.trim()) problems.push(t('registration.problem.companyName'));
    const vat = normalizeVatInput(vatId);
    if (!vat) problems.push(t('registration.problem.vatId'));
    else if (!looksLikeVatId(vat)) problems.push(t('registration.problem.vatPrefix', { example: `${vatPrefix(country || 'DE')}123456789` }));
    if (!country) problems.push(t('registration.problem.country'));
    if (!contactName.trim()) problems.push(t('registration.problem.contactName'));
    if (!looksLikeEmail(contactEmail)) problems.push(t('registration.problem.contactEmail'));
    const billingMissing = missingAddressFields(billing);
    if (billingMissing.length > 0) problems.push(t('registration.problem.billing', { fields: billingMissing.join(', ') }));
    if (differentDelivery) {
      const deliveryMissing = missingAddressFields(delivery);
      if (deliveryMissing.length > 0) problems.push(t('registration.problem.delivery', { fields: deliveryMissing.join(', ') }));
    }
    const fileProblem = licenceProblem(licence);
    if (fileProblem) problems.push(fileProblem);
    return problems;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = clientProblems();
    if (problems.length > 0) {
      setError(problems.length === 1 ? problems[0] : problems);
      if (licence) setLicenceError(licenceProblem(licence) ?? null);
      return;
    }
    const file = licence as File;
    const contentType = licenceContentType(file) as string;
    setError(null);
    try {
      setStep('uploading');
      const upload = await api.shop.createLicenceUpload({ fileName: file.name, contentType, size: file.size });
      await uploadFile(upload, file);
      setStep('submitting');
      const request: RegistrationRequest = {
        company: { name: companyName.trim(), vatId: normalizeVatInput(vatId), country },
        contact: { name: contactName.trim(), email: contactEmail.trim(), ...(contactPhone.trim() ? { phone: contactPhone.trim() } : {}) },
        billingAddress: draftToAddress(billing),
        licenceUploadId: upload.uploadId,
      };
      if (differentDelivery) request.deliveryAddress = draftToAddress(delivery);
      await api.shop.register(request);
      setDone({ email: contactEmail.trim() });
      window.scrollTo(0, 0);
    } catch (failure) {
      setError(failure);
      if (failure instanceof ApiError && ['UPLOAD_TOO_LARGE', 'UPLOAD_TYPE_NOT_ALLOWED', 'LICENCE_INVALID', 'LICENCE_MISSING'].includes(failure.code)) {
        setLicenceError(apiErrorMessage(failure));
      }
    } finally {
      setStep('idle');
    }
  };

  const busy = step !== 'idle';

  return (
    <section className="card registration" data-testid="registration-form">
      <header className="registration-header">
        <h1>{t('registration.title')}</h1>
        <p className="muted">{t('registration.intro', { shop: shop.name })}</p>
      </header>
      <form onSubmit={submit} noValidate>
        <fieldset className="form-section">
          <legend>{t('registration.company')}</legend>
          <label className="field">
            <span>{t('registration.companyName')}</span>
            <input
              type="text"
              autoComplete="organization"
              value={companyName}
              onChange={(e) => setCompanyName(e.target.value)}
              data-testid="reg-company-name"
              required
              maxLength={120}
            />
          </label>
          <div className="field-row">
            <label className="field">
              <span>{t('registration.country')}</span>
              <CountrySelect value={country} onChange={chooseCountry} testId="reg-country" />
            </label>
            <label className="field">
              <span>{t('registration.vatId')}</span>
              <input
                type="text"
                value={vatId}
                onChange={(e) => setVatId(e.target.value)}
                onBlur={() => setVatId(normalizeVatInput(vatId))}
                placeholder={`${vatPrefix(country || 'DE')}123456789`}
                data-testid="reg-vat-id"
                required
                maxLength={20}
              />
            </label>
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('registration.contact')}</legend>
          <p className="hint-block">{t('registration.contactHint')}</p>
          <label className="field">
            <span>{t('registration.name')}</span>
            <input
              type="text"
              autoComplete="name"
              value={contactName}
              onChange={(e) => setContactName(e.target.value)}
              data-testid="reg-contact-name"
              required
              maxLength={120}
            />
          </label>
          <div className="field-row">
            <label className="field">
              <span>{t('registration.email')}</span>
              <input
                type="email"
                autoComplete="email"
                value={contactEmail}
                onChange={(e) => setContactEmail(e.target.value)}
                data-testid="reg-contact-email"
                required
                maxLength={254}
              />
            </label>
            <label className="field">
              <span>{t('registration.phone')}</span>
              <input
                type="tel"
                autoComplete="tel"
                value={contactPhone}
                onChange={(e) => setContactPhone(e.target.value)}
                data-testid="reg-contact-phone"
                maxLength={40}
              />
            </label>
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('registration.billing')}</legend>
          <AddressFields value={billing} onChange={setBilling} testIdPrefix="reg-billing" />
          <label className="checkbox checkbox-inline">
            <input type="checkbox" checked={differentDelivery} onChange={(e) => setDifferentDelivery(e.target.checked)} data-testid="reg-different-delivery" />
            <span>
              <strong>{t('registration.differentDelivery')}</strong>
              <small>{t('registration.differentDeliveryHint')}</small>
            </span>
          </label>
        </fieldset>

        {differentDelivery && (
          <fieldset className="form-section" data-testid="reg-delivery-section">
            <legend>{t('registration.delivery')}</legend>
            <AddressFields value={delivery} onChange={setDelivery} testIdPrefix="reg-delivery" />
          </fieldset>
        )}

        <fieldset className="form-section">
          <legend>{t('registration.licence')}</legend>
          <label className="field">
            <span>{t('registration.licenceField')}</span>
            <input
              type="file"
              accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
              onChange={(e) => chooseFile(e.target.files?.[0] ?? null)}
              data-testid="reg-licence"
              required
            />
          </label>
          <p className="hint-block">{t('registration.licenceHint')}</p>
          {licence && !licenceError && (
            <p className="muted small" data-testid="reg-licence-info">
              {licence.name} · {formatSize(licence.size)}
            </p>
          )}
          {licenceError && (
            <p className="form-error" role="alert" data-testid="reg-licence-error">
              {licenceError}
            </p>
          )}
        </fieldset>

        {Array.isArray(error) ? (
          <div className="form-error" role="alert" data-testid="reg-error">
            {t('registration.checkInput')}
            <ul className="issue-list">
              {(error as string[]).map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        ) : (
          <FormMessage error={error ?? undefined} testId="reg-error" labels={fieldLabels()} />
        )}

        <div className="form-actions">
          <button type="submit" className="btn btn-primary" data-testid="reg-submit" disabled={busy}>
            {step === 'uploading' ? t('registration.uploading') : step === 'submitting' ? t('registration.submitting') : t('registration.submit')}
          </button>
          <Link to="/login">{t('registration.signIn')}</Link>
        </div>
      </form>
    </section>
  );
};

const formatSize = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? translate('registration.size.mb', { size: formatDecimal((bytes / 1024 / 1024).toFixed(1)) })
    : bytes >= 1024
      ? translate('registration.size.kb', { size: formatDecimal(Math.round(bytes / 1024)) })
      : translate('registration.size.bytes', { size: bytes });
