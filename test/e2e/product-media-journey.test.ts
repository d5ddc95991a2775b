import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';

/** Product images and datasheets (issue 15 item 1): back office uploads in the console, buyers see picture, gallery, thumbnail and datasheet. */
const browser = useBrowser();
const sku = 'HAN-0211';

describe('product media in the console and the shop', () => {
  it('back office uploads a second picture and removes it; the shop shows the main picture, the gallery, the datasheet link and list thumbnails', async () => {
    const console_ = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(console_, `${stack().webUrl}/console/login`, users.backOffice);
    await console_.getByTestId('tab-product-media').click();
    await console_.getByTestId('media-product-search').fill(sku);
    await expect.poll(() => console_.getByTestId(`media-product-product-${sku}`).count()).toBeGreaterThan(0);
    await console_.keyboard.press('Enter');
    const list = console_.getByTestId('media-list');
    await list.waitFor();
    expect(await list.locator('li').count()).toBe(1); // the seeded picture

    const picture = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 60, b: 40 } } })
      .jpeg()
      .toBuffer();
    await console_.getByTestId('media-file').setInputFiles({ name: 'spanner-side.jpg', mimeType: 'image/jpeg', buffer: picture });
    await console_.getByTestId('media-text').fill('Spanner, side view');
    await console_.getByTestId('media-upload').click();
    await expect.poll(() => list.locator('li').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => list.textContent(), { timeout: 15_000 }).not.toContain('thumbnail pending');
    await console_.screenshot({ path: `${artefactDir}/product-media-console.png`, fullPage: true });

    // The shop: main picture with its alt text, a gallery of both, switching the picture.
    const shop = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(shop, `${stack().webUrl}/login`, users.muellerBuyer);
    await shop.getByTestId('current-user').waitFor();
    await shop.goto(`${stack().webUrl}/products/${sku}`);
    const main = shop.getByTestId('product-main-image');
    await main.waitFor();
    expect(await main.getAttribute('alt')).toBe('Combination spanner, chrome vanadium steel');
    await expect.poll(() => main.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth), { timeout: 5_000 }).toBe(800);
    const { body: product } = await api(`/catalog/products/${sku}`);
    const added = product.media.find((medium: { alt?: string }) => medium.alt === 'Spanner, side view');
    await shop.getByTestId(`product-gallery-${added.id}`).click();
    await expect.poll(() => main.getAttribute('src')).toBe(added.url);
    await expect.poll(() => main.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth), { timeout: 5_000 }).toBe(640);
    await shop.screenshot({ path: `${artefactDir}/product-media-shop.png` });

    // The drill's datasheet link opens the PDF.
    await shop.goto(`${stack().webUrl}/products/POW-0311`);
    const datasheet = shop.getByTestId('product-datasheet');
    await datasheet.waitFor();
    expect(await datasheet.textContent()).toMatch(/^Technical datasheet \(PDF, \d+ KB\)$/);
    const pdf = await fetch(`${stack().webUrl}${await datasheet.getAttribute('href')}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    // Lists show the thumbnail of products that have one.
    await shop.goto(`${stack().webUrl}/?category=hand-tools`);
    const thumb = shop.getByTestId(`product-${sku}`).getByTestId('product-thumb');
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth), { timeout: 5_000 }).toBe(320);

    // Removing it in the console takes it off the product page.
    await console_.getByTestId(`media-remove-${added.id}`).click();
    await expect.poll(() => list.locator('li').count(), { timeout: 10_000 }).toBe(1);
    const token = await signIn(users.muellerBuyer);
    expect((await api(`/catalog/products/${sku}`, { token })).body.media.map((medium: { id: string }) => medium.id)).not.toContain(added.id);
  });
});
