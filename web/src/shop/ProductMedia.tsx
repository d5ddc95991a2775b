/** Product pictures and datasheets in the shop (functions/catalog/media): gallery on the product page, thumbnail in lists. */
import { useState } from 'react';
import { formatBytes } from '../productMedia.js';
import type { ProductView } from '../types.js';
import './productMedia.css';

type Medium = ProductView['media'][number];

const images = (media: readonly Medium[] | undefined) => (media ?? []).filter((medium) => medium.kind === 'image');

/** The main picture (first image), the other images as a small gallery, and the datasheet links. */
export const ProductGallery = ({ product }: { product: Pick<ProductView, 'name' | 'media'> }) => {
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
        <ul className="product-media-gallery" aria-label="More pictures">
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
                {datasheet.title ?? 'Datasheet'} (PDF, {formatBytes(datasheet.bytes)})
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
