import { findAccount, getShopSettings } from '../accounts/service.js';
import type { CompanyAccount, ShopSettings } from '../accounts/rules.js';
import { languageOf, type Language } from '../shared/locale.js';
import type { InvoiceParty, InvoiceSeller } from './pdf.js';

/** Seller (shop settings) and buyer (company master data) as printed on the company's documents. */
export interface DocumentParties {
  readonly settings: ShopSettings;
  readonly account: CompanyAccount | undefined;
  readonly seller: InvoiceSeller;
  readonly buyer: InvoiceParty;
  /** The buyer company's language for its documents: its own choice, else its country's (functions/shared/locale.ts). */
  readonly language?: Language;
}

const addressLines = (address?: { street: string; postalCode: string; city: string; country: string }) =>
  address ? [address.street, `${address.postalCode} ${address.city}`, address.country] : [];

export async function documentParties(companyId: string): Promise<DocumentParties> {
  const [settings, account] = await Promise.all([getShopSettings(), findAccount(companyId)]);
  return {
    settings,
    account,
    language: languageOf(account),
    seller: { name: settings.name, addressLines: settings.sellerAddressLines, vatId: settings.sellerVatId, iban: settings.sellerIban },
    buyer: { name: account?.name ?? companyId, addressLines: addressLines(account?.billingAddress), vatId: account?.vatId ?? '' },
  };
}
