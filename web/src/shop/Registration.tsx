/**
 * Self-service registration of a new business customer (`/register`):
 * 1. POST /registrations/licence-uploads → presigned upload, 2. PUT the licence file to it with
 * exactly the returned headers, 3. POST /registrations with the upload id.
 */
import { useState, type FormEvent } from 'react';
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
  if (!file) return 'Please attach your business licence (PDF, JPEG or PNG, at most 10 MB).';
  if (!licenceContentType(file)) return `"${file.name}" is not a PDF, JPEG or PNG file. Please choose one of these file types.`;
  if (file.size === 0) return `"${file.name}" is empty. Please choose another file.`;
  if (file.size > MAX_LICENCE_BYTES) {
    return `"${file.name}" is larger than 10 MB (${(file.size / 1024 / 1024).toFixed(2)} MB). Please choose a smaller file or scan with a lower resolution.`;
  }
  return undefined;
};

const fieldLabels: Record<string, string> = {
  'company.name': 'Company name',
  'company.vatId': 'VAT ID',
  'company.country': 'Country',
  'contact.name': 'Contact name',
  'contact.email': 'Contact e-mail',
  'contact.phone': 'Contact phone',
  'billingAddress.name': 'Billing address: recipient',
  'billingAddress.street': 'Billing address: street',
  'billingAddress.postalCode': 'Billing address: postal code',
  'billingAddress.city': 'Billing address: city',
  'billingAddress.country': 'Billing address: country',
  'deliveryAddress.name': 'Delivery address: recipient',
  'deliveryAddress.street': 'Delivery address: street',
  'deliveryAddress.postalCode': 'Delivery address: postal code',
  'deliveryAddress.city': 'Delivery address: city',
  'deliveryAddress.country': 'Delivery address: country',
  licenceUploadId: 'Business licence',
  fileName: 'Business licence: file name',
  contentType: 'Business licence: file type',
  size: 'Business licence: size',
};

type Step = 'idle' | 'uploading' | 'submitting';

export const Registration = ({ shop }: { shop: ShopSettings }) => {
  const { api } = useServices();
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
        <h1>Request an account</h1>
        <p data-testid="registration-placeholder">Registration is currently closed. Please contact your sales representative.</p>
        <p>
          <Link to="/">← Back to the shop</Link>
        </p>
      </section>
    );
  }

  if (done) {
    return (
      <section className="card narrow" data-testid="registration-success">
        <h1>Thank you</h1>
        <p className="lead">Thank you — we review your request and e-mail you the login.</p>
        <p className="muted">
          We will write to <strong>{done.email}</strong> as soon as your account is ready.
        </p>
        <p>
          <Link to="/">← Back to the shop</Link>
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
    if (!companyName.trim()) problems.push('Please enter the company name.');
    const vat = normalizeVatInput(vatId);
    if (!vat) problems.push('Please enter the VAT ID.');
    else if (!looksLikeVatId(vat)) problems.push(`The VAT ID must start with the country prefix, for example ${vatPrefix(country || 'DE')}123456789.`);
    if (!country) problems.push('Please choose the country.');
    if (!contactName.trim()) problems.push('Please enter the contact name.');
    if (!looksLikeEmail(contactEmail)) problems.push('Please enter a valid contact e-mail address.');
    const billingMissing = missingAddressFields(billing);
    if (billingMissing.length > 0) problems.push(`Billing address: please enter the ${billingMissing.join(', ')}.`);
    if (differentDelivery) {
      const deliveryMissing = missingAddressFields(delivery);
      if (deliveryMissing.length > 0) problems.push(`Delivery address: please enter the ${deliveryMissing.join(', ')}.`);
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
        <h1>Request a business account</h1>
        <p className="muted">
          {shop.name} sells to businesses only. Tell us about your company and attach your business licence; we check your request and e-mail you the login for
          your company account.
        </p>
      </header>
      <form onSubmit={submit} noValidate>
        <fieldset className="form-section">
          <legend>Company</legend>
          <label className="field">
            <span>Company name</span>
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
              <span>Country</span>
              <CountrySelect value={country} onChange={chooseCountry} testId="reg-country" />
            </label>
            <label className="field">
              <span>VAT ID</span>
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
          <legend>Contact person</legend>
          <p className="hint-block">The contact person becomes the administrator of your company account.</p>
          <label className="field">
            <span>Name</span>
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
              <span>E-mail</span>
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
              <span>Phone (optional)</span>
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
          <legend>Billing address</legend>
          <AddressFields value={billing} onChange={setBilling} testIdPrefix="reg-billing" />
          <label className="checkbox checkbox-inline">
            <input type="checkbox" checked={differentDelivery} onChange={(e) => setDifferentDelivery(e.target.checked)} data-testid="reg-different-delivery" />
            <span>
              <strong>Deliver to a different address</strong>
              <small>Otherwise we deliver to the billing address.</small>
            </span>
          </label>
        </fieldset>

        {differentDelivery && (
          <fieldset className="form-section" data-testid="reg-delivery-section">
            <legend>Delivery address</legend>
            <AddressFields value={delivery} onChange={setDelivery} testIdPrefix="reg-delivery" />
          </fieldset>
        )}

        <fieldset className="form-section">
          <legend>Business licence</legend>
          <label className="field">
            <span>Business licence or trade register extract</span>
            <input
              type="file"
              accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
              onChange={(e) => chooseFile(e.target.files?.[0] ?? null)}
              data-testid="reg-licence"
              required
            />
          </label>
          <p className="hint-block">PDF, JPEG or PNG, at most 10 MB.</p>
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
            Please check your input:
            <ul className="issue-list">
              {(error as string[]).map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        ) : (
          <FormMessage error={error ?? undefined} testId="reg-error" labels={fieldLabels} />
        )}

        <div className="form-actions">
          <button type="submit" className="btn btn-primary" data-testid="reg-submit" disabled={busy}>
            {step === 'uploading' ? 'Uploading licence…' : step === 'submitting' ? 'Sending request…' : 'Send request'}
          </button>
          <Link to="/login">Already a customer? Sign in</Link>
        </div>
      </form>
    </section>
  );
};

const formatSize = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
