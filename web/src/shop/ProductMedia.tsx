/** Product pictures and datasheets in the shop (functions/catalog/media): gallery on the product page, thumbnail in lists. */
import { useState } from 'react';
import { formatDecimal } from '../format.js';
import { useT } from '../i18n/I18n.js';
import { translate } from '../i18n/translate.js';
import type { ProductView } from '../types.js';
import './productMedia.css';

type Medium = ProductView['media'][number];

/** A file size in the UI locale ("340 KB", German "1,2 MB"); tenths of a megabyte counted in integers. */
const fileSize = (bytes: number): string => {
  if (bytes >= 1024 * 1024) {
    const tenths = Math.round((bytes * 10) / (1024 * 1024));
    return translate('catalog.media.megabytes', { size: formatDecimal(`${Math.floor(tenths / 10)}.${tenths % 10}`) });
  }
  return translate('catalog.media.kilobytes', { size: formatDecimal(Math.max(1, Math.round(bytes / 1024))) });
};

const images = (media: readonly Medium[] | undefined) => (media ?? []).filter((medium) => medium.kind === 'image');

/** The main picture (first image), the other images as a small gallery, and the datasheet links. */
export const ProductGallery = ({ product }: { product: Pick<ProductView, 'name' | 'media'> }) => {
  const t = useT();
  const pictures = images(product.media);
  const datasheets = (product.media ?? []).filter((medium) => medium.kind === 'datasheet');
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  if (!pictures.length && !datasheets.length) return null;
  const main = pictures.find((picture) => picture.id === selectedId) ?? pictures[0];
  return (
    <div className="product-media" data-testid="product-media">
      {main && (
        <figure className="product-media-main">
          <img src={main.url} alt={main.alt ?? product.name} data-testid="product-main-image" />
        </figure>
      )}
      {pictures.length > 1 && (
        <ul className="product-media-gallery" aria-label={t('catalog.media.morePictures')}>
          {pictures.map((picture) => (
            <li key={picture.id}>
              <button
                type="button"
                className={picture.id === main?.id ? 'selected' : undefined}
                aria-pressed={picture.id === main?.id}
                onClick={() => setSelectedId(picture.id)}
                data-testid={`product-gallery-${picture.id}`}
              >
                <img src={picture.thumbnailUrl ?? picture.url} alt={picture.alt ?? product.name} loading="lazy" width={64} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {datasheets.length > 0 && (
        <ul className="product-media-documents">
          {datasheets.map((datasheet) => (
            <li key={datasheet.id}>
              <a href={datasheet.url} target="_blank" rel="noopener" type="application/pdf" data-testid="product-datasheet">
                {t('catalog.media.datasheetLink', { title: datasheet.title ?? t('catalog.media.datasheet'), size: fileSize(datasheet.bytes) })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

/** The main picture's thumbnail in product lists; nothing while there is none. */
export const ProductThumb = ({ product }: { product: Pick<ProductView, 'name' | 'media'> }) => {
  const picture = images(product.media).find((medium) => medium.thumbnailUrl);
  if (!picture?.thumbnailUrl) return null;
  return <img className="product-thumb" src={picture.thumbnailUrl} alt="" loading="lazy" width={48} height={36} data-testid="product-thumb" />;
};
