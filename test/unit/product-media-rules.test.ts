import { describe, expect, it } from 'vitest';
import {
  bmecatMimeEntries,
  checkMediaUpload,
  mediaFromItem,
  mediaKeys,
  mediaUrl,
  presentMedia,
  safeFileName,
  sniffMediaType,
  type ProductMedium,
} from '../../functions/catalog/media/rules.js';
import { presentProduct, type Product } from '../../functions/catalog/rules.js';
import { bmecatMimeInfo, buildBmecat, type BmecatHeader } from '../../functions/catalogexchange/bmecat.js';
import { AppError } from '../../functions/shared/errors.js';
import { validateAgainstXsd } from '../support/xsd.js';

const MB = 1024 * 1024;
const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? `${error.statusCode} ${error.code}` : String(error);
  }
};

const bytes = (...values: number[]) => Uint8Array.from([...values, ...Array(16).fill(0)]);
const jpeg = bytes(0xff, 0xd8, 0xff, 0xe0);
const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const webp = bytes(0x52, 0x49, 0x46, 0x46, 0x24, 0x10, 0, 0, 0x57, 0x45, 0x42, 0x50);
const pdf = bytes(...Buffer.from('%PDF-1.7'));

const image: ProductMedium = {
  id: '11111111-1111-4111-8111-111111111111',
  kind: 'image',
  contentType: 'image/jpeg',
  fileName: 'drill.jpg',
  alt: 'Cordless drill 18 V',
  bytes: 5110,
  key: 'media/products/POW-0311/11111111-1111-4111-8111-111111111111.jpg',
  thumbnailKey: 'media/products/POW-0311/11111111-1111-4111-8111-111111111111-thumb.jpg',
  addedAt: '2026-12-01T10:00:00.000Z',
};
const pngImage: ProductMedium = { ...image, id: '33333333-3333-4333-8333-333333333333', contentType: 'image/png', key: 'media/products/POW-0311/3.png' };
const { thumbnailKey: _thumbnail, ...pendingPng } = pngImage;
const datasheet: ProductMedium = {
  id: '22222222-2222-4222-8222-222222222222',
  kind: 'datasheet',
  contentType: 'application/pdf',
  fileName: 'datasheet-pow-0311.pdf',
  title: 'Technical datasheet',
  bytes: 1419,
  key: 'media/products/POW-0311/22222222-2222-4222-8222-222222222222.pdf',
  addedAt: '2026-12-01T10:01:00.000Z',
};

describe('product media: what may be uploaded', () => {
  it('takes JPEG, PNG and WebP images up to 10 MB and PDF datasheets up to 20 MB', () => {
    expect(checkMediaUpload({ kind: 'image', contentType: 'image/jpeg', size: 10 * MB })).toBe('image/jpeg');
    expect(checkMediaUpload({ kind: 'image', contentType: 'image/png', size: 1 })).toBe('image/png');
    expect(checkMediaUpload({ kind: 'image', contentType: 'image/webp', size: 5 * MB })).toBe('image/webp');
    expect(checkMediaUpload({ kind: 'datasheet', contentType: 'application/pdf', size: 20 * MB })).toBe('application/pdf');
  });

  it('refuses other types, types of the other kind, empty and oversized files with 400 and a code', () => {
    expect(codeOf(() => checkMediaUpload({ kind: 'image', contentType: 'image/gif', size: 100 }))).toBe('400 MEDIA_TYPE_NOT_ALLOWED');
    expect(codeOf(() => checkMediaUpload({ kind: 'image', contentType: 'image/svg+xml', size: 100 }))).toBe('400 MEDIA_TYPE_NOT_ALLOWED');
    expect(codeOf(() => checkMediaUpload({ kind: 'image', contentType: 'application/pdf', size: 100 }))).toBe('400 MEDIA_TYPE_NOT_ALLOWED');
    expect(codeOf(() => checkMediaUpload({ kind: 'datasheet', contentType: 'image/jpeg', size: 100 }))).toBe('400 MEDIA_TYPE_NOT_ALLOWED');
    expect(codeOf(() => checkMediaUpload({ kind: 'image', contentType: 'image/jpeg', size: 10 * MB + 1 }))).toBe('400 MEDIA_TOO_LARGE');
    expect(codeOf(() => checkMediaUpload({ kind: 'datasheet', contentType: 'application/pdf', size: 20 * MB + 1 }))).toBe('400 MEDIA_TOO_LARGE');
    expect(codeOf(() => checkMediaUpload({ kind: 'image', contentType: 'image/png', size: 0 }))).toBe('400 MEDIA_EMPTY');
  });
});

describe('product media: file signatures', () => {
  it('recognises each accepted type by its first bytes', () => {
    expect(sniffMediaType(jpeg)).toBe('image/jpeg');
    expect(sniffMediaType(png)).toBe('image/png');
    expect(sniffMediaType(webp)).toBe('image/webp');
    expect(sniffMediaType(pdf)).toBe('application/pdf');
  });

  it('recognises nothing else: HTML, SVG, GIF, a RIFF that is not WebP, short files', () => {
    expect(sniffMediaType(bytes(...Buffer.from('<html><script>')))).toBeUndefined();
    expect(sniffMediaType(bytes(...Buffer.from('<svg xmlns=')))).toBeUndefined();
    expect(sniffMediaType(bytes(...Buffer.from('GIF89a')))).toBeUndefined();
    expect(sniffMediaType(bytes(0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45))).toBeUndefined();
    expect(sniffMediaType(Uint8Array.from([0xff, 0xd8]))).toBeUndefined();
    expect(sniffMediaType(new Uint8Array())).toBeUndefined();
  });
});

describe('product media: keys, URLs and presentation', () => {
  it('keeps uploads in quarantine and names media objects by their URL path', () => {
    expect(mediaKeys.upload('POW-0311', image.id)).toBe(`product-media/POW-0311/${image.id}`);
    expect(mediaKeys.object('POW-0311', image.id, 'image/jpeg')).toBe(`media/products/POW-0311/${image.id}.jpg`);
    expect(mediaKeys.object('POW-0311', image.id, 'image/webp')).toBe(`media/products/POW-0311/${image.id}.webp`);
    expect(mediaKeys.object('POW-0311', datasheet.id, 'application/pdf')).toBe(`media/products/POW-0311/${datasheet.id}.pdf`);
    expect(mediaKeys.thumbnail('POW-0311', image.id)).toBe(`media/products/POW-0311/${image.id}-thumb.jpg`);
    expect(mediaUrl(mediaKeys.thumbnail('X', image.id))).toBe(`/media/products/X/${image.id}-thumb.jpg`);
  });

  it('cleans file names', () => {
    expect(safeFileName('Daten blatt (v2).pdf', 'datasheet')).toBe('Daten_blatt_v2_.pdf');
    expect(safeFileName('', 'image')).toBe('image');
  });

  it('presents media in their order with relative URLs; thumbnails once they exist', () => {
    expect(presentMedia([image, datasheet, pendingPng])).toEqual([
      {
        id: image.id,
        kind: 'image',
        contentType: 'image/jpeg',
        fileName: 'drill.jpg',
        alt: 'Cordless drill 18 V',
        url: `/media/products/POW-0311/${image.id}.jpg`,
        thumbnailUrl: `/media/products/POW-0311/${image.id}-thumb.jpg`,
        bytes: 5110,
      },
      {
        id: datasheet.id,
        kind: 'datasheet',
        contentType: 'application/pdf',
        fileName: 'datasheet-pow-0311.pdf',
        title: 'Technical datasheet',
        url: `/media/products/POW-0311/${datasheet.id}.pdf`,
        bytes: 1419,
      },
      {
        id: pngImage.id,
        kind: 'image',
        contentType: 'image/png',
        fileName: 'drill.jpg',
        alt: 'Cordless drill 18 V',
        url: '/media/products/POW-0311/3.png',
        bytes: 5110,
      },
    ]);
    expect(presentMedia(undefined)).toEqual([]);
    expect(mediaFromItem([image, { id: 1 }, { id: 'x', key: 'k', contentType: 'text/html' }, null])).toEqual([image]);
    expect(mediaFromItem('nope')).toEqual([]);
  });

  it('shows media to guests and buyers alike on the product', () => {
    const product: Product = {
      sku: 'POW-0311',
      name: 'Cordless drill',
      description: '',
      categoryId: 'power-tools',
      unit: 'pc',
      listPrice: { amount: 9900, currency: 'EUR' } as Product['listPrice'],
      stock: {},
      related: [],
      active: true,
      media: [image, datasheet],
    };
    const guest = presentProduct(product, { signedIn: false, shopIsLoginOnly: false }, []);
    const buyer = presentProduct(product, { signedIn: true, shopIsLoginOnly: false }, []);
    expect(guest.media).toEqual(presentMedia([image, datasheet]));
    expect(buyer.media).toEqual(guest.media);
    expect(presentProduct({ ...product, media: undefined }, { signedIn: false, shopIsLoginOnly: false }, []).media).toEqual([]);
  });
});

describe('product media in BMEcat', () => {
  it('maps images to normal + thumbnail and datasheets to data_sheet; MIME_TYPE only where the schema allows it', () => {
    expect(bmecatMimeEntries([image, datasheet, pendingPng], 'https://shop.example/')).toEqual([
      { type: 'image/jpeg', source: `https://shop.example/media/products/POW-0311/${image.id}.jpg`, description: 'Cordless drill 18 V', purpose: 'normal' },
      {
        type: 'image/jpeg',
        source: `https://shop.example/media/products/POW-0311/${image.id}-thumb.jpg`,
        description: 'Cordless drill 18 V',
        purpose: 'thumbnail',
      },
      {
        type: 'application/pdf',
        source: `https://shop.example/media/products/POW-0311/${datasheet.id}.pdf`,
        description: 'Technical datasheet',
        purpose: 'data_sheet',
      },
      { source: 'https://shop.example/media/products/POW-0311/3.png', description: 'Cordless drill 18 V', purpose: 'normal' },
    ]);
    expect(bmecatMimeEntries([datasheet])[0]!.source).toBe(`/media/products/POW-0311/${datasheet.id}.pdf`);
    expect(bmecatMimeInfo([])).toBe('');
  });

  it('stays valid against the BMEcat 2005 schema', () => {
    const header: BmecatHeader = {
      catalogId: 'mueller-bau',
      catalogVersion: '1.0',
      catalogName: 'Hartmann – Müller Bau GmbH',
      language: 'eng',
      generatedAt: new Date('2026-11-23T10:15:30.123Z'),
      currency: 'EUR',
      buyer: { id: 'mueller-bau', name: 'Müller Bau GmbH' },
      supplier: { id: 'DE136695976', name: 'Hartmann Technischer Großhandel' },
    };
    const xml = buildBmecat(
      header,
      [{ id: 'power-tools', name: 'Power tools', order: 0 }],
      [
        {
          sku: 'POW-0311',
          name: 'Cordless drill 18V',
          description: 'Cordless drill',
          unit: 'pc',
          groupId: 'power-tools',
          vatRate: 1900,
          prices: [{ amount: 9900, currency: 'EUR', lowerBound: 1000 }],
          features: [{ name: 'Voltage', value: '18 V' }],
          mime: bmecatMimeEntries([image, datasheet, pendingPng], 'https://shop.example'),
        },
      ],
    );
    expect(xml).toContain(
      `<MIME><MIME_TYPE>image/jpeg</MIME_TYPE><MIME_SOURCE>https://shop.example/media/products/POW-0311/${image.id}.jpg</MIME_SOURCE><MIME_DESCR>Cordless drill 18 V</MIME_DESCR><MIME_PURPOSE>normal</MIME_PURPOSE><MIME_ORDER>1</MIME_ORDER></MIME>`,
    );
    expect(xml).toContain('<MIME_PURPOSE>thumbnail</MIME_PURPOSE>');
    expect(xml).toContain('<MIME_PURPOSE>data_sheet</MIME_PURPOSE>');
    const result = validateAgainstXsd(xml, 'test/fixtures/xsd/bmecat-2005/bmecat_2005.xsd');
    expect(result.errors.slice(0, 5)).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
