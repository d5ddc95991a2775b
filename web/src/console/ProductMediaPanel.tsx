/** Console "Product media" tab (back-office): a product's pictures and datasheets; upload (presigned PUT → confirm) and remove. */
import { useEffect, useState, type FormEvent } from 'react';
import { apiErrorMessage } from '../api.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { acceptedTypes, formatBytes, productMediaApi, type MediaKind } from '../productMedia.js';
import { useServices } from '../services.js';
import '../shop/productMedia.css';
import { useAsync } from '../useAsync.js';
import { ProductSearchPicker } from './ProductSearchPicker.js';

export const ProductMediaPanel = () => {
  const t = useT();
  const [product, setProduct] = useState<{ sku: string; name: string } | null>(null);
  return (
    <section>
      <header className="section-header">
        <div>
          <h1>{t('console.media.title')}</h1>
          <p className="muted">{t('console.media.intro')}</p>
        </div>
      </header>
      <div className="card panel">
        <ProductSearchPicker testIdPrefix="media-product" label={t('console.media.find')} onPick={(sku, name) => setProduct({ sku, name })} />
      </div>
      {product && <ProductMediaEditor key={product.sku} sku={product.sku} name={product.name} />}
    </section>
  );
};

const ProductMediaEditor = ({ sku, name }: { sku: string; name: string }) => {
  const { api } = useServices();
  const t = useT();
  const media = productMediaApi(api.console);
  const current = useAsync((signal) => media.list(sku, signal), [sku], { keepData: true });
  const [kind, setKind] = useState<MediaKind>('image');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = current.data?.media ?? [];
  const mainImageId = list.find((entry) => entry.kind === 'image')?.id;

  // While thumbnails are being made, look again shortly (each answer starts the next wait).
  const { reload } = current;
  const answer = current.data;
  useEffect(() => {
    if (!answer?.pendingThumbnails) return;
    const timer = setTimeout(reload, 1500);
    return () => clearTimeout(timer);
  }, [answer, reload]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await media.upload(sku, file, kind, text);
      setFile(null);
      setText('');
      (event.target as HTMLFormElement).reset();
      current.reload();
    } catch (failure) {
      setError(apiErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (mediaId: string) => {
    setBusy(true);
    setError(null);
    try {
      await media.remove(sku, mediaId);
      current.reload();
    } catch (failure) {
      setError(apiErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card panel" data-testid="product-media-editor">
      <header className="panel-header">
        <h2>
          {name} <span className="mono muted">{sku}</span>
        </h2>
      </header>
      {current.loading && !current.data && <Loading label={t('console.media.loading')} />}
      {current.error !== undefined && <ErrorBox error={current.error} onRetry={current.reload} />}
      {current.data && current.data.media.length === 0 && <Empty>{t('console.media.none')}</Empty>}
      {current.data && current.data.media.length > 0 && (
        <ul className="media-admin-list" data-testid="media-list">
          {list.map((medium) => (
            <li key={medium.id} data-testid={`media-${medium.id}`}>
              {medium.kind === 'image' ? (
                <img src={medium.thumbnailUrl ?? medium.url} alt={medium.alt ?? ''} />
              ) : (
                <a href={medium.url} target="_blank" rel="noopener">
                  {t('console.media.pdf')}
                </a>
              )}
              <span>
                {medium.kind === 'image' ? (medium.alt ?? medium.fileName) : (medium.title ?? medium.fileName)}
                <span className="muted small">
                  {' '}
                  · {medium.fileName} · {formatBytes(medium.bytes)}
                  {medium.id === mainImageId ? t('console.media.main') : ''}
                  {medium.kind === 'image' && !medium.thumbnailUrl ? t('console.media.thumbnailPending') : ''}
                </span>
              </span>
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void remove(medium.id)} data-testid={`media-remove-${medium.id}`}>
                {t('console.media.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form-grid" onSubmit={(event) => void submit(event)} data-testid="media-upload-form">
        <label className="field">
          {t('console.media.kind')}
          <select value={kind} onChange={(event) => setKind(event.target.value as MediaKind)} data-testid="media-kind">
            <option value="image">{t('console.media.kind.image')}</option>
            <option value="datasheet">{t('console.media.kind.datasheet')}</option>
          </select>
        </label>
        <label className="field">
          {t('console.media.file')}
          <input type="file" accept={acceptedTypes[kind]} required onChange={(event) => setFile(event.target.files?.[0] ?? null)} data-testid="media-file" />
        </label>
        <label className="field">
          {kind === 'image' ? t('console.media.alt') : t('console.media.docTitle')}
          <input type="text" maxLength={200} value={text} onChange={(event) => setText(event.target.value)} data-testid="media-text" />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !file} data-testid="media-upload">
            {busy ? t('console.media.uploading') : t('console.media.upload')}
          </button>
        </div>
        {error && (
          <div className="alert alert-error" role="alert" data-testid="media-error">
            {error}
          </div>
        )}
      </form>
    </div>
  );
};
