import { formatScaled } from '../shared/decimal.js';
import { formatMinorUnits } from '../shared/money.js';
import { formatMilli } from '../shared/quantity.js';
import { escapeXml } from '../shared/xml.js';
import type { MimeEntry } from '../catalog/media/rules.js';

/**
 * BMEcat 2005 (T_NEW_CATALOG) as text, built piece by piece so a large catalog can be streamed
 * into S3: opening (HEADER + catalog groups), one PRODUCT element per product, the product →
 * group map, closing. Pure: no I/O. Element order and length limits follow the official schema
 * (test/fixtures/xsd/bmecat-2005/bmecat_2005.xsd), which the tests validate against.
 *
 * The namespace is the one of the official BMEcat 2005 schema, `http://www.bmecat.org/bmecat/2005fd`
 * (openTRANS 2.1 uses `…/2005` for the few BMEcat types it embeds; catalogs use `2005fd`).
 */
export const bmecatNamespace = 'http://www.bmecat.org/bmecat/2005fd';

export interface BmecatAddress {
  readonly name: string;
  readonly street?: string;
  readonly postalCode?: string;
  readonly city?: string;
  /** ISO 3166-1 alpha-2. */
  readonly country?: string;
  readonly vatId?: string;
  /** Free lines (e.g. an unstructured seller address). */
  readonly remarks?: readonly string[];
}

export interface BmecatParty {
  readonly id: string;
  readonly name: string;
  readonly address?: BmecatAddress;
}

export interface BmecatHeader {
  readonly catalogId: string;
  /** `major.minor`, e.g. `1.0`. */
  readonly catalogVersion: string;
  readonly catalogName: string;
  /** ISO 639-2 code, e.g. `eng`, `deu`. */
  readonly language: string;
  readonly generatedAt: Date;
  /** ISO 4217 code of the catalog's prices. */
  readonly currency: string;
  readonly buyer: BmecatParty;
  readonly supplier: BmecatParty;
  readonly generatorInfo?: string;
}

export interface BmecatGroup {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly order: number;
}

export interface BmecatPrice {
  /** Net unit price in minor units. */
  readonly amount: number;
  readonly currency: string;
  /** From this quantity on (thousandths of the sales unit, as the pricing engine counts). */
  readonly lowerBound: number;
}

export interface BmecatProduct {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  /** The portal's sales unit (`pc`, `box`, `l` …); see `unitCodes`. */
  readonly unit: string;
  readonly ean?: string;
  /** The buying company's own article number (BUYER_PID). */
  readonly buyerNumber?: string;
  readonly manufacturer?: string;
  readonly mpn?: string;
  /** Typed attributes as FEATURE name/value pairs (the value carries its unit: "40 mm"). */
  readonly features?: readonly { readonly name: string; readonly value: string }[];
  readonly groupId: string;
  /** VAT rate in basis points (1900 = 19 %). */
  readonly vatRate: number;
  /** Base price first, then tier prices. */
  readonly prices: readonly BmecatPrice[];
  /** Images, thumbnails and datasheets as MIME_INFO (functions/catalog/media/rules.ts bmecatMimeEntries). */
  readonly mime?: readonly MimeEntry[];
}

/** The portal's sales units → UN/ECE Recommendation 20 codes (BMEcat ORDER_UNIT / CONTENT_UNIT). */
export const unitCodes: Readonly<Record<string, string>> = {
  pc: 'C62',
  piece: 'C62',
  box: 'BX',
  pack: 'PK',
  pair: 'PR',
  cartridge: 'CQ',
  can: 'CA',
  roll: 'RO',
  set: 'SET',
  l: 'LTR',
  ml: 'MLT',
  kg: 'KGM',
  g: 'GRM',
  m: 'MTR',
  m2: 'MTK',
};

/** UN/ECE code of a sales unit; unknown units are exported as "one" (C62). */
export const unEceUnit = (unit: string): string => unitCodes[unit] ?? 'C62';

/** Cuts text to the schema's maximum length (in characters) without splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  const characters = [...text.trim()];
  return characters.length <= max ? characters.join('') : characters.slice(0, max).join('');
}

/** Integer minor units → decimal string with the currency's digits: 1234 EUR → "12.34", -5 → "-0.05". */
export function formatAmount(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Amounts are integer minor units, got ${amount}`);
  return formatMinorUnits(amount, currency);
}

/** Thousandths → decimal string without trailing zeros: 2500 → "2.5", 1000 → "1". */
export { formatMilli };

/** Basis points → fraction as BMEcat's TAX expects: 1900 → "0.19", 550 → "0.055". */
export function formatTaxRate(basisPoints: number): string {
  if (!Number.isInteger(basisPoints) || basisPoints < 0) throw new RangeError(`VAT rates are non-negative basis points, got ${basisPoints}`);
  return formatScaled(basisPoints, 4, { trim: true });
}

const element = (name: string, value: string, attributes = '') => `<${name}${attributes}>${escapeXml(value)}</${name}>`;
const attribute = (name: string, value: string) => ` ${name}="${escapeXml(value)}"`;

function address(kind: 'buyer' | 'supplier', value: BmecatAddress): string {
  return [
    `<ADDRESS${attribute('type', kind)}>`,
    element('NAME', clip(value.name, 50)),
    value.street ? element('STREET', clip(value.street, 50)) : '',
    value.postalCode ? element('ZIP', clip(value.postalCode, 20)) : '',
    value.city ? element('CITY', clip(value.city, 50)) : '',
    value.country ? element('COUNTRY_CODED', value.country) : '',
    value.vatId ? element('VAT_ID', clip(value.vatId, 50)) : '',
    ...(value.remarks ?? []).filter((line) => line.trim()).map((line) => element('ADDRESS_REMARKS', clip(line, 250))),
    '</ADDRESS>',
  ].join('');
}

export const rootGroupId = 'catalog';

/** XML declaration, HEADER and the catalog group system (one root, one leaf per category). */
export function bmecatOpening(header: BmecatHeader, groups: readonly BmecatGroup[]): string {
  if (!/^\d{1,3}\.\d{1,3}$/.test(header.catalogVersion)) throw new RangeError(`CATALOG_VERSION must look like 1.0, got ${header.catalogVersion}`);
  const { buyer, supplier } = header;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<BMECAT version="2005" xmlns="${bmecatNamespace}">\n`,
    '<HEADER>',
    header.generatorInfo ? element('GENERATOR_INFO', clip(header.generatorInfo, 250)) : '',
    '<CATALOG>',
    element('LANGUAGE', header.language, attribute('default', 'true')),
    element('CATALOG_ID', clip(header.catalogId, 20)),
    element('CATALOG_VERSION', header.catalogVersion),
    element('CATALOG_NAME', clip(header.catalogName, 100)),
    element('GENERATION_DATE', header.generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')),
    element('CURRENCY', header.currency),
    '</CATALOG>',
    '<BUYER>',
    element('BUYER_ID', clip(buyer.id, 250), attribute('type', 'buyer_specific')),
    element('BUYER_NAME', clip(buyer.name, 50)),
    buyer.address ? address('buyer', buyer.address) : '',
    '</BUYER>',
    '<SUPPLIER>',
    element('SUPPLIER_ID', clip(supplier.id, 250), attribute('type', 'supplier_specific')),
    element('SUPPLIER_NAME', clip(supplier.name, 50)),
    supplier.address ? address('supplier', supplier.address) : '',
    '</SUPPLIER>',
    '</HEADER>\n',
    '<T_NEW_CATALOG>\n',
    '<CATALOG_GROUP_SYSTEM>',
    element('GROUP_SYSTEM_ID', clip(header.catalogId, 50)),
    element('GROUP_SYSTEM_NAME', clip(header.catalogName, 50)),
    `<CATALOG_STRUCTURE${attribute('type', 'root')}>`,
    element('GROUP_ID', rootGroupId),
    element('GROUP_NAME', clip(header.catalogName, 50)),
    element('PARENT_ID', '0'),
    element('GROUP_ORDER', '0'),
    '</CATALOG_STRUCTURE>\n',
    ...groups.map((group) =>
      [
        `<CATALOG_STRUCTURE${attribute('type', 'leaf')}>`,
        element('GROUP_ID', clip(group.id, 50)),
        element('GROUP_NAME', clip(group.name, 50)),
        group.description ? element('GROUP_DESCRIPTION', clip(group.description, 250)) : '',
        element('PARENT_ID', rootGroupId),
        element('GROUP_ORDER', String(group.order + 1)),
        '</CATALOG_STRUCTURE>\n',
      ].join(''),
    ),
    '</CATALOG_GROUP_SYSTEM>\n',
  ].join('');
}

/** One PRODUCT with its customer net prices (base + tiers as LOWER_BOUND scales). */
export function bmecatProduct(product: BmecatProduct): string {
  if (product.sku.length > 32) throw new RangeError(`SUPPLIER_PID allows 32 characters, ${product.sku} is longer`);
  if (product.prices.length === 0) throw new RangeError(`Product ${product.sku} has no price`);
  const unit = unEceUnit(product.unit);
  const tax = formatTaxRate(product.vatRate);
  const description = product.description.trim();
  return [
    `<PRODUCT${attribute('mode', 'new')}>`,
    element('SUPPLIER_PID', product.sku),
    '<PRODUCT_DETAILS>',
    element('DESCRIPTION_SHORT', clip(product.name, 150)),
    description ? element('DESCRIPTION_LONG', clip(description, 64_000)) : '',
    product.ean ? element('INTERNATIONAL_PID', product.ean, attribute('type', 'gtin')) : '',
    product.buyerNumber ? element('BUYER_PID', clip(product.buyerNumber, 50), attribute('type', 'buyer_specific')) : '',
    product.mpn ? element('MANUFACTURER_PID', clip(product.mpn, 50)) : '',
    product.manufacturer ? element('MANUFACTURER_NAME', clip(product.manufacturer, 50)) : '',
    '</PRODUCT_DETAILS>',
    product.features?.length
      ? [
          '<PRODUCT_FEATURES>',
          element('REFERENCE_FEATURE_SYSTEM_NAME', 'no'),
          element('REFERENCE_FEATURE_GROUP_ID', clip(product.groupId, 60)),
          ...product.features.map((feature) => `<FEATURE>${element('FNAME', clip(feature.name, 60))}${element('FVALUE', clip(feature.value, 60))}</FEATURE>`),
          '</PRODUCT_FEATURES>',
        ].join('')
      : '',
    '<PRODUCT_ORDER_DETAILS>',
    element('ORDER_UNIT', unit),
    element('CONTENT_UNIT', unit),
    element('NO_CU_PER_OU', '1'),
    element('PRICE_QUANTITY', '1'),
    '</PRODUCT_ORDER_DETAILS>',
    '<PRODUCT_PRICE_DETAILS>',
    ...product.prices.map((price) =>
      [
        `<PRODUCT_PRICE${attribute('price_type', 'net_customer')}>`,
        element('PRICE_AMOUNT', formatAmount(price.amount, price.currency)),
        element('PRICE_CURRENCY', price.currency),
        element('TAX', tax),
        element('LOWER_BOUND', formatMilli(price.lowerBound)),
        '</PRODUCT_PRICE>',
      ].join(''),
    ),
    '</PRODUCT_PRICE_DETAILS>',
    bmecatMimeInfo(product.mime ?? []),
    '</PRODUCT>\n',
  ].join('');
}

/** MIME_INFO after the prices (the schema's order): MIME_TYPE (when the schema knows it), MIME_SOURCE, MIME_DESCR, MIME_PURPOSE, MIME_ORDER. */
export function bmecatMimeInfo(entries: readonly MimeEntry[]): string {
  if (!entries.length) return '';
  return [
    '<MIME_INFO>',
    ...entries.map((entry, index) =>
      [
        '<MIME>',
        entry.type ? element('MIME_TYPE', entry.type) : '',
        element('MIME_SOURCE', clip(entry.source, 255)),
        entry.description ? element('MIME_DESCR', clip(entry.description, 250)) : '',
        element('MIME_PURPOSE', entry.purpose),
        element('MIME_ORDER', String(index + 1)),
        '</MIME>',
      ].join(''),
    ),
    '</MIME_INFO>',
  ].join('');
}

/** PRODUCT_TO_CATALOGGROUP_MAP entries; in T_NEW_CATALOG they follow all PRODUCT elements. */
export function bmecatGroupMap(entries: readonly { readonly sku: string; readonly groupId: string }[]): string {
  return entries
    .map(
      (entry, index) =>
        `<PRODUCT_TO_CATALOGGROUP_MAP${attribute('mode', 'new')}>${element('PROD_ID', entry.sku)}${element('CATALOG_GROUP_ID', clip(entry.groupId, 50))}${element('PRODUCT_TO_CATALOGGROUP_MAP_ORDER', String(index + 1))}</PRODUCT_TO_CATALOGGROUP_MAP>\n`,
    )
    .join('');
}

export const bmecatClosing = (): string => '</T_NEW_CATALOG>\n</BMECAT>\n';

/** The whole document at once (small catalogs, tests). */
export function buildBmecat(header: BmecatHeader, groups: readonly BmecatGroup[], products: readonly BmecatProduct[]): string {
  return (
    bmecatOpening(header, groups) +
    products.map(bmecatProduct).join('') +
    bmecatGroupMap(products.map((product) => ({ sku: product.sku, groupId: product.groupId }))) +
    bmecatClosing()
  );
}

/**
 * The circulating ISO 4217 currencies BMEcat 2005's `dtCURRENCIES` lists (its list is from 2005: no PLN —
 * only the old PLZ —, no RON, TRY, BGN …). A catalog in any other currency cannot be a valid BMEcat 2005
 * document, and converting it would be a silent conversion: the export refuses it.
 */
export const bmecat2005Currencies: ReadonlySet<string> = new Set(
  'AED ALL AUD AWG BBD BDT BHD BIF BMD BND BOB BSD BTN BWP BZD CAD CHF CLP CNY COP CRC CUP CVE DJF DKK DOP DZD EGP ETB EUR FJD FKP GBP GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KHR KMF KPW KRW KWD KYD LAK LBP LKR LRD LSL LYD MAD MNT MOP MUR MVR MWK MYR NGN NOK NPR NZD OMR PAB PGK PHP PKR PYG QAR RWF SAR SBD SCR SEK SGD SHP SOS SVC SYP SZL THB TND TOP TTD TWD TZS USD VND VUV WST YER ZAR'.split(
    ' ',
  ),
);
