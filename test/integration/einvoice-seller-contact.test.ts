import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSellerContact } from '../../local/seed-data.js';
import { api, signIn, users } from '../support/api.js';
import { fillCart, placeOrder, settledOrder } from '../support/orders.js';

/**
 * XRechnung BG-6 (BR-DE-6/7/27/28): the seller contact on every e-invoice comes from the shop settings
 * (`PUT /console/shop`, back-office). What a receiver would reject is refused with 400
 * INVALID_SELLER_CONTACT and leaves the settings as they were; a valid contact reaches the next invoice.
 * Restores the seeded contact afterwards (other tests' invoices rely on it).
 */

let backOffice: string;
let buyer: string;

const shop = async () => (await api('/shop')).body;

beforeAll(async () => {
  [backOffice, buyer] = await Promise.all([signIn(users.backOffice, 'console'), signIn(users.muellerBuyer)]);
});

afterAll(async () => {
  await api('/console/shop', { token: backOffice, method: 'PUT', body: { sellerContact: seedSellerContact } });
});

describe('seller contact for e-invoices (shop settings)', () => {
  it('the seeded shop has the contact XRechnung needs', async () => {
    expect((await shop()).sellerContact).toEqual(seedSellerContact);
  });

  it('refuses what a KoSIT validator rejects, and changes nothing', async () => {
    const before = await shop();
    for (const sellerContact of [
      { ...seedSellerContact, phone: '' }, // BR-DE-6
      { ...seedSellerContact, phone: '12' }, // BR-DE-27
      { ...seedSellerContact, email: 'Hartmann Buchhaltung <buchhaltung@hartmann-grosshandel.example>' }, // BR-DE-28
      { ...seedSellerContact, email: 'no-reply@portal.example' }, // nobody answers
      { ...seedSellerContact, name: ' ' },
    ]) {
      const response = await api('/console/shop', { token: backOffice, method: 'PUT', body: { name: 'Renamed by a refused request', sellerContact } });
      expect(response.status, JSON.stringify(sellerContact)).toBe(400);
      expect(response.body.error.code).toBe('INVALID_SELLER_CONTACT');
    }
    expect(await shop()).toEqual(before);
    // Only back-office edits the shop.
    const forbidden = await api('/console/shop', { token: buyer, method: 'PUT', body: { sellerContact: { ...seedSellerContact, phone: '+49 30 1234567' } } });
    expect([401, 403]).toContain(forbidden.status);
    expect(await shop()).toEqual(before);
  });

  it('a valid contact is stored and printed on the next e-invoice (BT-41/42/43)', async () => {
    const contact = { name: 'Jens Albrecht, Forderungsmanagement', phone: '+49 711 9876 555', email: 'forderungen@hartmann-grosshandel.example' };
    const changed = await api('/console/shop', { token: backOffice, method: 'PUT', body: { sellerContact: contact } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await shop()).sellerContact).toEqual(contact);

    const { body: catalog } = await api('/catalog/products?category=hand-tools&limit=100', { token: buyer });
    const product = catalog.products.find(
      (candidate: { availability: { warehouses: { id: string; quantity: number }[] } }) =>
        (candidate.availability.warehouses.find((warehouse) => warehouse.id === 'stuttgart')?.quantity ?? 0) >= 1,
    );
    await fillCart(buyer, [{ sku: product.sku, quantity: 1 }]);
    const placed = await placeOrder(buyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    const order = await settledOrder(buyer, 'mueller-bau', placed.body.orderId);
    let link = await api(`/companies/mueller-bau/documents/invoice/${order.invoiceNumber}?format=xml`, { token: buyer });
    for (let attempt = 0; link.status === 404 && attempt < 50; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      link = await api(`/companies/mueller-bau/documents/invoice/${order.invoiceNumber}?format=xml`, { token: buyer });
    }
    expect(link.status).toBe(200);
    const xml = await (await fetch(link.body.url)).text();
    expect(xml).toContain(
      `<ram:DefinedTradeContact><ram:PersonName>${contact.name}</ram:PersonName><ram:TelephoneUniversalCommunication><ram:CompleteNumber>${contact.phone}</ram:CompleteNumber></ram:TelephoneUniversalCommunication><ram:EmailURIUniversalCommunication><ram:URIID>${contact.email}</ram:URIID></ram:EmailURIUniversalCommunication></ram:DefinedTradeContact>`,
    );
    expect(xml).toContain(`<ram:URIUniversalCommunication><ram:URIID schemeID="EM">${contact.email}</ram:URIID></ram:URIUniversalCommunication>`);
    expect(xml).not.toContain('no-reply@');
  });
});
