import { afterEach, describe, expect, it } from 'vitest';
import { api, signIn, users } from '../support/api.js';

async function setLoginOnly(loginOnly: boolean) {
  const token = await signIn(users.backOffice, 'console');
  const { status, body } = await api('/console/shop', { token, method: 'PUT', body: { loginOnly } });
  expect(status).toBe(200);
  expect(body.loginOnly).toBe(loginOnly);
}

describe('catalog for guests and customers', () => {
  afterEach(() => setLoginOnly(false));

  it('serves at least 200 products in at least 10 categories', async () => {
    const { body } = await api('/catalog/categories');
    expect(body.categories.length).toBeGreaterThanOrEqual(10);
    const total = body.categories.reduce((sum: number, category: { productCount: number }) => sum + category.productCount, 0);
    expect(total).toBeGreaterThanOrEqual(200);
  });

  it('shows guests products without prices or stock', async () => {
    const { status, body } = await api('/catalog/products?category=power-tools&limit=100');
    expect(status).toBe(200);
    expect(body.products.length).toBe(20);
    for (const product of body.products) {
      expect(product).not.toHaveProperty('price');
      expect(product).not.toHaveProperty('availability');
    }
    const detail = await api(`/catalog/products/${body.products[0].sku}`);
    expect(detail.body).not.toHaveProperty('price');
  });

  it('shows signed-in buyers integer minor-unit prices and availability', async () => {
    const token = await signIn(users.nowakBuyer);
    const { body } = await api('/catalog/products?category=power-tools&limit=5', { token });
    for (const product of body.products) {
      expect(Number.isInteger(product.price.amount)).toBe(true);
      // Nowak buys in PLN (its agreements fix PLN, prices from its PLN price list).
      expect(product.price.currency).toBe('PLN');
      expect(product.availability.quantity).toBeGreaterThanOrEqual(0);
    }
  });

  it('pages through a category with opaque cursors and rejects foreign cursors', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { status, body } = await api(`/catalog/products?category=electrical&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      seen.push(...body.products.map((product: { sku: string }) => product.sku));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(20);

    const first = await api('/catalog/products?category=electrical&limit=2');
    const foreign = await api(`/catalog/products?category=fasteners&limit=2&cursor=${first.body.nextCursor}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('INVALID_CURSOR');
    expect((await api('/catalog/products?category=fasteners&cursor=bm90LWEtY3Vyc29y')).body.error.code).toBe('INVALID_CURSOR');
    // A broken percent-encoding never reaches the handler (API Gateway and the local gateway answer 400).
    expect((await api('/catalog/products?category=fasteners&cursor=%%%')).body.error.code).toBe('MALFORMED_URL');
  });

  it('answers bad input with 4xx and a machine-readable code', async () => {
    const tooMany = await api('/catalog/products?category=fasteners&limit=1000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'query.limit' }] });
    expect((await api('/catalog/products')).body.error.code).toBe('VALIDATION_FAILED');
    const unknown = await api('/catalog/products/NO-SUCH-SKU');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });

  it('hides the catalog from guests when the shop is login-only', async () => {
    await setLoginOnly(true);
    const guest = await api('/catalog/categories');
    expect(guest.status).toBe(401);
    expect(guest.body.error.code).toBe('LOGIN_REQUIRED');
    expect((await api('/catalog/products/FAS-0111')).status).toBe(401);
    expect((await api('/shop')).body.loginOnly).toBe(true);

    const token = await signIn(users.muellerBuyer);
    expect((await api('/catalog/categories', { token })).status).toBe(200);
  });

  it('lets back-office change shop settings only with valid fields', async () => {
    const token = await signIn(users.backOffice, 'console');
    const rejected = await api('/console/shop', { token, method: 'PUT', body: { loginOnly: 'yes' } });
    expect(rejected.status).toBe(400);
    // The default currency is a setting now (issue 16), but only one of the accepted currencies.
    const extra = await api('/console/shop', { token, method: 'PUT', body: { currency: 'USD' } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('INVALID_CURRENCIES');
    const unknownField = await api('/console/shop', { token, method: 'PUT', body: { sellerCountry: 'PL' } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.code).toBe('VALIDATION_FAILED');
    const invalidJson = await api('/console/shop', { token, method: 'PUT', body: '{"loginOnly":' });
    expect(invalidJson.body.error.code).toBe('INVALID_JSON');
    expect((await api('/shop')).body.currency).toBe('EUR');
  });
});
