import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { runBmecatExport } from '../support/catalog-exchange.js';
import { validateAgainstXsd } from '../support/xsd.js';

/** Product images and datasheets (issue 15 item 1) through the HTTP API and the `/media/*` path of the local stack. */
const sku = 'ELE-0711';

async function pngPicture(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 40, g: 120, b: 200, alpha: 1 } } })
    .png()
    .toBuffer();
}

const media = (path: string) => fetch(`${stack().webUrl}${path}`);

async function upload(token: string, body: Record<string, unknown>, file: Uint8Array) {
  const created = await api(`/console/products/${sku}/media`, { token, method: 'POST', body: { ...body, size: file.length } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const put = await fetch(created.body.uploadUrl, { method: 'PUT', headers: created.body.headers, body: Buffer.from(file) });
  expect(put.status).toBe(200);
  return created.body.mediaId as string;
}

async function waitForThumbnail(token: string, mediaId: string) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const listed = await api(`/console/products/${sku}/media`, { token });
    const medium = listed.body.media.find((entry: { id: string }) => entry.id === mediaId);
    if (medium?.thumbnailUrl) return medium;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No thumbnail for ${mediaId}`);
}

describe('product media', () => {
  it('back office uploads an image: checked, thumbnail generated, both URLs on the product, bytes served under /media', async () => {
    const token = await signIn(users.backOffice, 'console');
    const picture = await pngPicture(1200, 900);
    const mediaId = await upload(token, { kind: 'image', fileName: 'cable drum.png', contentType: 'image/png', alt: 'Cable drum NYM-J' }, picture);

    const confirmed = await api(`/console/products/${sku}/media/${mediaId}/confirm`, { token, method: 'POST' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.media.find((entry: { id: string }) => entry.id === mediaId)).toMatchObject({
      kind: 'image',
      contentType: 'image/png',
      fileName: 'cable_drum.png',
      alt: 'Cable drum NYM-J',
      url: `/media/products/${sku}/${mediaId}.png`,
      bytes: picture.length,
    });
    // Confirming again changes nothing.
    const again = await api(`/console/products/${sku}/media/${mediaId}/confirm`, { token, method: 'POST' });
    expect(again.status).toBe(200);
    expect(again.body.media.filter((entry: { id: string }) => entry.id === mediaId)).toHaveLength(1);

    const withThumbnail = await waitForThumbnail(token, mediaId);
    expect(withThumbnail.thumbnailUrl).toBe(`/media/products/${sku}/${mediaId}-thumb.jpg`);

    // Buyers see both URLs on the product page, in the lists and in the search.
    const buyer = await signIn(users.muellerBuyer);
    const product = await api(`/catalog/products/${sku}`, { token: buyer });
    expect(product.status).toBe(200);
    expect(product.body.media).toContainEqual(expect.objectContaining({ id: mediaId, url: withThumbnail.url, thumbnailUrl: withThumbnail.thumbnailUrl }));
    const guest = await api(`/catalog/products/${sku}`);
    expect(guest.body.media.map((entry: { id: string }) => entry.id)).toContain(mediaId);
    const page = await api('/catalog/products?category=electrical&limit=100', { token: buyer });
    expect(page.body.products.find((entry: { sku: string }) => entry.sku === sku).media.map((entry: { id: string }) => entry.id)).toContain(mediaId);

    const original = await media(withThumbnail.url);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await original.arrayBuffer()).equals(picture)).toBe(true);
    const thumbnail = await media(withThumbnail.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    const info = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect({ format: info.format, width: info.width, height: info.height }).toEqual({ format: 'jpeg', width: 320, height: 240 });

    // Removing takes it off the product and deletes its files.
    const removed = await api(`/console/products/${sku}/media/${mediaId}`, { token, method: 'DELETE' });
    expect(removed.status).toBe(204);
    const after = await api(`/catalog/products/${sku}`, { token: buyer });
    expect(after.body.media.map((entry: { id: string }) => entry.id)).not.toContain(mediaId);
    expect((await media(withThumbnail.url)).status).toBe(404);
    expect((await media(withThumbnail.thumbnailUrl)).status).toBe(404);
    expect((await api(`/console/products/${sku}/media/${mediaId}`, { token, method: 'DELETE' })).status).toBe(404);
  });

  it('adds a PDF datasheet; BMEcat exports the media as MIME_INFO and stays valid', async () => {
    const token = await signIn(users.backOffice, 'console');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const mediaId = await upload(token, { kind: 'datasheet', fileName: 'nym-j.pdf', contentType: 'application/pdf', title: 'Cable datasheet' }, pdf);
    const confirmed = await api(`/console/products/${sku}/media/${mediaId}/confirm`, { token, method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.media.find((entry: { id: string }) => entry.id === mediaId)).toMatchObject({ kind: 'datasheet', title: 'Cable datasheet' });
    const served = await media(`/media/products/${sku}/${mediaId}.pdf`);
    expect(served.headers.get('content-type')).toBe('application/pdf');

    const admin = await signIn(users.muellerAdmin);
    const exported = await runBmecatExport(admin, 'mueller-bau');
    expect(exported.body.status).toBe('completed');
    const xml = await (await fetch(exported.body.url)).text();
    expect(xml).toMatch(
      new RegExp(
        `<MIME><MIME_TYPE>application/pdf</MIME_TYPE><MIME_SOURCE>[^<]*/media/products/${sku}/${mediaId}\\.pdf</MIME_SOURCE><MIME_DESCR>Cable datasheet</MIME_DESCR><MIME_PURPOSE>data_sheet</MIME_PURPOSE>`,
      ),
    );
    // The seeded demo picture of the cordless drill with its thumbnail.
    expect(xml).toMatch(
      /<SUPPLIER_PID>POW-0311<\/SUPPLIER_PID>.*?<MIME_PURPOSE>normal<\/MIME_PURPOSE>.*?<MIME_PURPOSE>thumbnail<\/MIME_PURPOSE>.*?<MIME_PURPOSE>data_sheet<\/MIME_PURPOSE>/s,
    );
    const result = validateAgainstXsd(xml, 'test/fixtures/xsd/bmecat-2005/bmecat_2005.xsd');
    expect(result.errors.slice(0, 5)).toEqual([]);
    expect(result.valid).toBe(true);
    expect((await api(`/console/products/${sku}/media/${mediaId}`, { token, method: 'DELETE' })).status).toBe(204);
  });

  it('refuses wrong types (400), files whose content is not the announced type, and anyone but back office (403)', async () => {
    const token = await signIn(users.backOffice, 'console');
    const gif = await api(`/console/products/${sku}/media`, {
      token,
      method: 'POST',
      body: { kind: 'image', fileName: 'a.gif', contentType: 'image/gif', size: 100 },
    });
    expect(gif.status).toBe(400);
    expect(gif.body.error.code).toBe('MEDIA_TYPE_NOT_ALLOWED');
    const pdfAsImage = await api(`/console/products/${sku}/media`, {
      token,
      method: 'POST',
      body: { kind: 'image', fileName: 'a.pdf', contentType: 'application/pdf', size: 100 },
    });
    expect(pdfAsImage.body.error.code).toBe('MEDIA_TYPE_NOT_ALLOWED');
    const huge = await api(`/console/products/${sku}/media`, {
      token,
      method: 'POST',
      body: { kind: 'image', fileName: 'a.jpg', contentType: 'image/jpeg', size: 10 * 1024 * 1024 + 1 },
    });
    expect(huge.status).toBe(400);
    expect(huge.body.error.code).toBe('MEDIA_TOO_LARGE');

    // Declared JPEG, sent HTML: refused at confirmation, nothing reaches the product.
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const mediaId = await upload(token, { kind: 'image', fileName: 'x.jpg', contentType: 'image/jpeg' }, html);
    const confirmed = await api(`/console/products/${sku}/media/${mediaId}/confirm`, { token, method: 'POST' });
    expect(confirmed.status).toBe(400);
    expect(confirmed.body.error.code).toBe('MEDIA_INVALID');
    expect((await api(`/catalog/products/${sku}`)).body.media.map((entry: { id: string }) => entry.id)).not.toContain(mediaId);
    expect((await media(`/media/products/${sku}/${mediaId}.jpg`)).status).toBe(404);

    // Never uploaded: missing.
    const missing = await api(`/console/products/${sku}/media`, {
      token,
      method: 'POST',
      body: { kind: 'image', fileName: 'y.png', contentType: 'image/png', size: 10 },
    });
    const notThere = await api(`/console/products/${sku}/media/${missing.body.mediaId}/confirm`, { token, method: 'POST' });
    expect(notThere.status).toBe(400);
    expect(notThere.body.error.code).toBe('MEDIA_UPLOAD_MISSING');

    expect((await api('/console/products/NO-SUCH-SKU/media', { token })).status).toBe(404);

    const body = { kind: 'image', fileName: 'a.png', contentType: 'image/png', size: 100 };
    for (const user of [users.muellerBuyer, users.muellerAdmin]) {
      const response = await api(`/console/products/${sku}/media`, { token: await signIn(user), method: 'POST', body });
      expect(response.status, user).toBe(403);
    }
    const rep = await api(`/console/products/${sku}/media`, { token: await signIn(users.rep, 'console'), method: 'POST', body });
    expect(rep.status).toBe(403);
    expect((await api(`/console/products/${sku}/media`, { method: 'POST', body })).status).toBe(401);
  });

  it('seeds demo pictures with thumbnails and a datasheet', async () => {
    const product = await api('/catalog/products/POW-0311');
    const [picture, datasheet] = product.body.media;
    expect(picture).toMatchObject({ kind: 'image', contentType: 'image/jpeg', alt: expect.stringContaining('Cordless drill') });
    expect(datasheet).toMatchObject({ kind: 'datasheet', contentType: 'application/pdf', title: 'Technical datasheet' });
    const pdf = await media(datasheet.url);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await media(picture.url)).status).toBe(200);
  });
});
