import { useEffect, useState, type FormEvent } from 'react';
import { apiErrorMessage } from '../api.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { useServices } from '../services.js';
import type { ShopSettings } from '../types.js';
import { useAsync } from '../useAsync.js';

/** Back office: shop name, login-only and registration switches, the e-invoice seller contact (PUT /console/shop). */
export const ShopSettingsPanel = ({ onSaved }: { onSaved?: (shop: ShopSettings) => void }) => {
  const { api } = useServices();
  const t = useT();
  const shop = useAsync((signal) => api.console.getShop(signal), []);
  const [name, setName] = useState('');
  const [loginOnly, setLoginOnly] = useState(false);
  const [registrationOpen, setRegistrationOpen] = useState(false);
  const [contact, setContact] = useState({ name: '', phone: '', email: '' });
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    if (!shop.data) return;
    setName(shop.data.name);
    setLoginOnly(shop.data.loginOnly);
    setRegistrationOpen(shop.data.registrationOpen);
    setContact(shop.data.sellerContact ?? { name: '', phone: '', email: '' });
  }, [shop.data]);

  const savedContact = shop.data?.sellerContact ?? { name: '', phone: '', email: '' };
  const contactDirty = contact.name.trim() !== savedContact.name || contact.phone.trim() !== savedContact.phone || contact.email.trim() !== savedContact.email;
  const dirty =
    shop.data !== undefined &&
    (name.trim() !== shop.data.name || loginOnly !== shop.data.loginOnly || registrationOpen !== shop.data.registrationOpen || contactDirty);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') {
      setStatus({ kind: 'error', text: t('console.settings.nameEmpty') });
      return;
    }
    setSaving(true);
    setStatus(null);
    try {
      const saved = await api.console.updateShop({
        name: trimmed,
        loginOnly,
        registrationOpen,
        // sent only when edited: the server checks it against the XRechnung rules (400 INVALID_SELLER_CONTACT)
        ...(contactDirty ? { sellerContact: { name: contact.name.trim(), phone: contact.phone.trim(), email: contact.email.trim() } } : {}),
      });
      shop.setData(saved);
      onSaved?.(saved);
      setStatus({ kind: 'ok', text: t('console.settings.saved') });
    } catch (error) {
      setStatus({ kind: 'error', text: apiErrorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card panel settings-panel" aria-labelledby="shop-settings-title">
      <header className="panel-header">
        <h2 id="shop-settings-title">{t('console.settings.title')}</h2>
      </header>
      {shop.loading ? (
        <Loading />
      ) : shop.error ? (
        <ErrorBox error={shop.error} onRetry={shop.reload} />
      ) : (
        <form onSubmit={save} className="settings-form">
          <label className="field">
            <span>{t('console.settings.shopName')}</span>
            <input
              type="text"
              data-testid="setting-shop-name"
              value={name}
              maxLength={100}
              onChange={(event) => {
                setName(event.target.value);
                setStatus(null);
              }}
            />
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="setting-login-only"
              checked={loginOnly}
              onChange={(event) => {
                setLoginOnly(event.target.checked);
                setStatus(null);
              }}
            />
            <span>
              <strong>{t('console.settings.loginOnly')}</strong>
              <small>{t('console.settings.loginOnlyHint')}</small>
            </span>
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="setting-registration-open"
              checked={registrationOpen}
              onChange={(event) => {
                setRegistrationOpen(event.target.checked);
                setStatus(null);
              }}
            />
            <span>
              <strong>{t('console.settings.registrationOpen')}</strong>
              <small>{t('console.settings.registrationOpenHint')}</small>
            </span>
          </label>
          <fieldset className="settings-contact">
            <legend>{t('console.settings.sellerContact')}</legend>
            <small className="muted">{t('console.settings.sellerContactHint')}</small>
            {(
              [
                ['name', t('console.settings.contactPerson'), 'text', 120],
                ['phone', t('console.phone'), 'tel', 40],
                ['email', t('console.email'), 'email', 254],
              ] as const
            ).map(([key, label, type, maxLength]) => (
              <label className="field" key={key}>
                <span>{label}</span>
                <input
                  type={type}
                  data-testid={`setting-seller-contact-${key}`}
                  value={contact[key]}
                  maxLength={maxLength}
                  onChange={(event) => {
                    setContact({ ...contact, [key]: event.target.value });
                    setStatus(null);
                  }}
                />
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" data-testid="save-settings" disabled={saving}>
              {saving ? t('console.settings.saving') : t('console.settings.save')}
            </button>
            {dirty && !saving && <span className="muted small">{t('console.settings.unsaved')}</span>}
          </div>
          {status && (
            <p className={status.kind === 'ok' ? 'form-success' : 'form-error'} role="status" data-testid="settings-status">
              {status.text}
            </p>
          )}
        </form>
      )}
    </section>
  );
};
