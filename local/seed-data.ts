import type { CompanyRole, Role } from '../lib/definitions/index.js';
import type { CategoryTexts, ProductTexts } from '../functions/catalog/rules.js';
import type { Agreement, Discount } from '../functions/pricing/model.js';

/** Demo data of a technical wholesaler: deterministic, so every fresh start looks the same. */
export interface SeedCategory {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  /** Product families; each is combined with every variant. */
  readonly families: readonly string[];
  readonly variants: readonly string[];
  readonly basePriceCents: number;
  readonly visibility?: { customerGroups?: string[]; businessProfiles?: string[]; guests?: boolean };
  /** Quantity rules in thousandths of a unit (see functions/pricing/model.ts). */
  readonly quantityRules?: { minimum?: number; step?: number; multiple?: number; packSize?: number; packDiscount?: number };
  /** Tiered prices: from `units` on, `percentOff` below the list price. */
  readonly tiers?: readonly { units: number; percentOff: number }[];
  /** The attribute the variants differ in (a search facet). */
  readonly variantAttribute: { readonly code: string; readonly label: string };
  /** Manufacturer of each family, with the prefix of its part numbers. */
  readonly manufacturers: readonly { readonly name: string; readonly partPrefix: string }[];
  /** Attributes every product of a family has (material, standard …), by family index. */
  readonly familyAttributes?: readonly Readonly<Record<string, string>>[];
  /** Labels of `familyAttributes` codes. */
  readonly familyAttributeLabels?: Readonly<Record<string, string>>;
}

export const seedCategories: readonly SeedCategory[] = [
  {
    id: 'fasteners',
    name: 'Fasteners',
    description: 'Screws, bolts, nuts and anchors',
    unit: 'box',
    families: ['Wood screw', 'Hex bolt DIN 933', 'Hex nut DIN 934', 'Nylon anchor'],
    variants: ['M4', 'M5', 'M6', 'M8', 'M10'],
    basePriceCents: 450,
    tiers: [
      { units: 10, percentOff: 5 },
      { units: 50, percentOff: 12 },
    ],
    quantityRules: { minimum: 2000 },
    variantAttribute: { code: 'thread', label: 'Thread' },
    manufacturers: [
      { name: 'Spax', partPrefix: 'SPX' },
      { name: 'Würth', partPrefix: 'W-0057' },
      { name: 'Würth', partPrefix: 'W-0317' },
      { name: 'fischer', partPrefix: 'FI' },
    ],
    familyAttributes: [
      { material: 'Steel, zinc plated' },
      { material: 'Stainless steel A2', standard: 'DIN 933' },
      { material: 'Stainless steel A2', standard: 'DIN 934' },
      { material: 'Nylon PA6' },
    ],
    familyAttributeLabels: { material: 'Material', standard: 'Standard' },
  },
  {
    id: 'hand-tools',
    name: 'Hand Tools',
    description: 'Spanners, pliers, screwdrivers',
    unit: 'pc',
    families: ['Combination spanner', 'Combination pliers', 'Screwdriver slotted', 'Torx screwdriver'],
    variants: ['size 1', 'size 2', 'size 3', 'size 4', 'size 5'],
    basePriceCents: 890,
    variantAttribute: { code: 'size', label: 'Size' },
    manufacturers: [
      { name: 'Gedore', partPrefix: 'GED' },
      { name: 'Knipex', partPrefix: 'KNX' },
      { name: 'Wera', partPrefix: 'WER' },
      { name: 'Wera', partPrefix: 'WER' },
    ],
  },
  {
    id: 'power-tools',
    name: 'Power Tools',
    description: 'Cordless drills, grinders, saws',
    unit: 'pc',
    families: ['Cordless drill 18V', 'Angle grinder 125 mm', 'Jigsaw', 'Rotary hammer SDS+'],
    variants: ['Basic', 'Pro', 'Pro kit 2x 2Ah', 'Pro kit 2x 5Ah', 'Solo (no battery)'],
    basePriceCents: 8900,
    variantAttribute: { code: 'version', label: 'Version' },
    manufacturers: [
      { name: 'Makita', partPrefix: 'MKT' },
      { name: 'Bosch Professional', partPrefix: 'BSH' },
      { name: 'Metabo', partPrefix: 'MET' },
      { name: 'Bosch Professional', partPrefix: 'BSH' },
    ],
  },
  {
    id: 'abrasives',
    name: 'Abrasives',
    description: 'Cutting and grinding discs, sanding',
    unit: 'pack',
    families: ['Cutting disc steel', 'Flap disc', 'Sanding sheet', 'Grinding disc'],
    variants: ['P40', 'P60', 'P80', 'P120', 'P240'],
    basePriceCents: 1290,
    variantAttribute: { code: 'grit', label: 'Grit' },
    manufacturers: [
      { name: 'Klingspor', partPrefix: 'KLS' },
      { name: 'Klingspor', partPrefix: 'KLS' },
      { name: '3M', partPrefix: '3M' },
      { name: 'Pferd', partPrefix: 'PFD' },
    ],
  },
  {
    id: 'adhesives',
    name: 'Adhesives & Sealants',
    description: 'Silicone, PU foam, construction glue',
    unit: 'cartridge',
    families: ['Sanitary silicone', 'PU mounting foam', 'Construction adhesive', 'Acrylic sealant'],
    variants: ['white', 'transparent', 'grey', 'black', 'beige'],
    basePriceCents: 590,
    variantAttribute: { code: 'colour', label: 'Colour' },
    manufacturers: [
      { name: 'Soudal', partPrefix: 'SOU' },
      { name: 'Soudal', partPrefix: 'SOU' },
      { name: 'Henkel', partPrefix: 'HNK' },
      { name: 'Henkel', partPrefix: 'HNK' },
    ],
  },
  {
    id: 'safety',
    name: 'Safety & PPE',
    description: 'Gloves, glasses, helmets, hearing protection',
    unit: 'pair',
    families: ['Assembly gloves', 'Cut-resistant gloves', 'Safety glasses', 'Ear defenders'],
    variants: ['S', 'M', 'L', 'XL', 'XXL'],
    basePriceCents: 390,
    variantAttribute: { code: 'size', label: 'Size' },
    manufacturers: [
      { name: 'uvex', partPrefix: 'UVX' },
      { name: 'uvex', partPrefix: 'UVX' },
      { name: '3M', partPrefix: '3M' },
      { name: '3M', partPrefix: '3M' },
    ],
  },
  {
    id: 'electrical',
    name: 'Electrical',
    description: 'Cables, sockets, installation material',
    unit: 'pc',
    families: ['Installation cable NYM-J', 'Junction box', 'Cable tie', 'Wago connector'],
    variants: ['3x1.5', '3x2.5', '5x1.5', '5x2.5', '5x4'],
    basePriceCents: 240,
    variantAttribute: { code: 'cross-section', label: 'Cross-section' },
    manufacturers: [
      { name: 'Lapp', partPrefix: 'LAP' },
      { name: 'Spelsberg', partPrefix: 'SPB' },
      { name: 'HellermannTyton', partPrefix: 'HTY' },
      { name: 'Wago', partPrefix: 'WAG' },
    ],
  },
  {
    id: 'plumbing',
    name: 'Plumbing',
    description: 'Fittings, pipes, valves',
    unit: 'pc',
    families: ['Press fitting elbow', 'Ball valve', 'PEX pipe', 'Compression coupling'],
    variants: ['15 mm', '18 mm', '22 mm', '28 mm', '35 mm'],
    basePriceCents: 670,
    visibility: { businessProfiles: ['installation'] },
    quantityRules: { multiple: 5000 },
    variantAttribute: { code: 'diameter', label: 'Diameter' },
    manufacturers: [
      { name: 'Viega', partPrefix: 'VIE' },
      { name: 'Viega', partPrefix: 'VIE' },
      { name: 'Uponor', partPrefix: 'UPO' },
      { name: 'Geberit', partPrefix: 'GEB' },
    ],
  },
  {
    id: 'cleaning',
    name: 'Cleaning & Hygiene',
    description: 'Workshop cleaning and hand care',
    unit: 'l',
    families: ['Hand cleaner', 'Brake cleaner', 'Degreaser concentrate', 'Surface disinfectant'],
    variants: ['0.5 l', '1 l', '5 l', '10 l', '25 l'],
    basePriceCents: 520,
    quantityRules: { minimum: 500, step: 250 },
    variantAttribute: { code: 'volume', label: 'Volume' },
    manufacturers: [
      { name: 'Kärcher', partPrefix: 'KAR' },
      { name: 'Liqui Moly', partPrefix: 'LQM' },
      { name: 'Kärcher', partPrefix: 'KAR' },
      { name: 'Ecolab', partPrefix: 'ECO' },
    ],
  },
  {
    id: 'packaging',
    name: 'Packaging',
    description: 'Boxes, tape, stretch film',
    unit: 'roll',
    families: ['Packing tape', 'Stretch film', 'Folding box', 'Bubble wrap'],
    variants: ['small', 'medium', 'large', 'XL', 'pallet'],
    basePriceCents: 310,
    quantityRules: { packSize: 12000, packDiscount: 500 },
    variantAttribute: { code: 'size', label: 'Size' },
    manufacturers: [
      { name: 'tesa', partPrefix: 'TES' },
      { name: 'Smurfit', partPrefix: 'SMU' },
      { name: 'Smurfit', partPrefix: 'SMU' },
      { name: 'Aircap', partPrefix: 'AIR' },
    ],
  },
  {
    id: 'workshop',
    name: 'Workshop Equipment',
    description: 'Workbenches, storage, ladders',
    unit: 'pc',
    families: ['Workbench', 'Tool cabinet', 'Stepladder', 'Storage bin'],
    variants: ['600 mm', '900 mm', '1200 mm', '1500 mm', '2000 mm'],
    basePriceCents: 6400,
    visibility: { customerGroups: ['wholesale', 'key-account'] },
    variantAttribute: { code: 'width', label: 'Width' },
    manufacturers: [
      { name: 'Bott', partPrefix: 'BOT' },
      { name: 'Bott', partPrefix: 'BOT' },
      { name: 'Zarges', partPrefix: 'ZAR' },
      { name: 'Allit', partPrefix: 'ALL' },
    ],
  },
  {
    id: 'lubricants',
    name: 'Lubricants',
    description: 'Oils, greases, sprays',
    unit: 'can',
    families: ['Multi-purpose spray', 'Chain lubricant', 'Lithium grease', 'Cutting oil'],
    variants: ['150 ml', '400 ml', '500 g', '1 kg', '5 l'],
    basePriceCents: 690,
    variantAttribute: { code: 'content', label: 'Content' },
    manufacturers: [
      { name: 'WD-40', partPrefix: 'WD' },
      { name: 'Liqui Moly', partPrefix: 'LQM' },
      { name: 'Liqui Moly', partPrefix: 'LQM' },
      { name: 'Castrol', partPrefix: 'CAS' },
    ],
  },
];

export interface SeedProduct {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly unit: string;
  readonly priceCents: number;
  /** Stock per warehouse id. */
  readonly stock: Readonly<Record<string, number>>;
  readonly related: readonly string[];
  /** GTIN-13 (exported in BMEcat); absent for some products, as in real catalogs. */
  readonly ean?: string;
  readonly manufacturer: string;
  readonly mpn: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly texts?: ProductTexts;
}

/** A GTIN-13 with a valid check digit from a 12-digit body. */
export function gtin13(body: string): string {
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export const seedWarehouses = [
  {
    id: 'stuttgart',
    name: 'Central warehouse Stuttgart',
    city: 'Stuttgart',
    address: { street: 'Hafenstraße 8', postalCode: '70327', city: 'Stuttgart', country: 'DE' },
    openingHours: [
      { days: 'Mon-Fri', hours: '07:00-18:00' },
      { days: 'Sat', hours: '08:00-12:00' },
    ],
  },
  {
    id: 'krakow',
    name: 'Regional warehouse Kraków',
    city: 'Kraków',
    address: { street: 'ul. Półłanki 64', postalCode: '30-740', city: 'Kraków', country: 'PL' },
    openingHours: [{ days: 'Mon-Fri', hours: '07:00-17:00' }],
  },
];

/** A small deterministic hash so prices and stock vary without randomness. */
function spread(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return (hash >>> 0) / 2 ** 32;
}

const skuOf = (categoryIndex: number, familyIndex: number, variantIndex: number) =>
  `${seedCategories[categoryIndex]!.id.slice(0, 3).toUpperCase()}-${String(categoryIndex + 1).padStart(2, '0')}${familyIndex + 1}${variantIndex + 1}`;

export function seedProducts(): SeedProduct[] {
  return seedCategories.flatMap((category, categoryIndex) =>
    category.families.flatMap((family, familyIndex) =>
      category.variants.map((variant, variantIndex) => {
        const sku = skuOf(categoryIndex, familyIndex, variantIndex);
        const factor = 0.6 + spread(sku) * 1.8 + variantIndex * 0.15;
        const total = spread(`${sku}/stock`) < 0.12 ? 0 : Math.round(spread(`${sku}/qty`) * 900);
        const central = Math.round(total * (0.4 + spread(`${sku}/split`) * 0.6));
        const nextCategory = (categoryIndex + 1) % seedCategories.length;
        return {
          sku,
          name: `${family} ${variant}`,
          description: `${family}, ${variant}. ${category.description}.`,
          categoryId: category.id,
          unit: category.unit,
          priceCents: Math.round(category.basePriceCents * factor),
          stock: { stuttgart: central, krakow: total - central },
          related: [
            skuOf(categoryIndex, familyIndex, (variantIndex + 1) % category.variants.length),
            skuOf(categoryIndex, (familyIndex + 1) % category.families.length, variantIndex),
            skuOf(nextCategory, 0, 0),
          ],
          manufacturer: category.manufacturers[familyIndex]!.name,
          mpn: `${category.manufacturers[familyIndex]!.partPrefix}-${String(familyIndex + 1).padStart(2, '0')}${String(variantIndex + 1).padStart(2, '0')}`,
          attributes: { [category.variantAttribute.code]: variant, ...(category.familyAttributes?.[familyIndex] ?? {}) },
          texts: translatedProductTexts(category, familyIndex, variantIndex),
          ...(variantIndex < 4 ? { ean: gtin13(`40123${String(categoryIndex * 100 + familyIndex * 10 + variantIndex).padStart(7, '0')}`) } : {}),
        };
      }),
    ),
  );
}

function translatedProductTexts(category: SeedCategory, familyIndex: number, variantIndex: number): ProductTexts {
  const translations = seedCategoryTexts[category.id];
  if (!translations) return {};
  return Object.fromEntries(
    (['de', 'pl'] as const).map((language) => {
      const texts = translations[language];
      const family = texts.families[familyIndex]!;
      const variant = texts.variants?.[variantIndex] ?? category.variants[variantIndex]!;
      return [language, { name: `${family} ${variant}`, description: `${family}, ${variant}. ${texts.description}.` }];
    }),
  );
}

/** Category texts as stored on the category item. */
export function seedCategoryTranslations(categoryId: string): CategoryTexts {
  const translations = seedCategoryTexts[categoryId];
  if (!translations) return {};
  return Object.fromEntries(
    (['de', 'pl'] as const).map((language) => {
      const { name, description, attributeLabels } = translations[language];
      return [language, { name, description, attributeLabels }];
    }),
  );
}

export interface SeedCompany {
  readonly id: string;
  readonly name: string;
  readonly vatId: string;
  readonly city: string;
  readonly country: string;
  readonly customerGroup: string;
  readonly billingAddress: { street: string; postalCode: string; city: string; country: string };
  readonly iban: string;
  readonly businessProfiles: readonly string[];
  readonly agreements: readonly Agreement[];
  readonly defaultAgreementId: string;
  /** A regular customer since (absent: new customer, no first order yet). */
  readonly customerSince?: string;
  /** The currency of the company's credit line and prepaid balance (its default agreement's); absent: EUR. */
  readonly currency?: string;
  /** Trade credit limit in minor units of `currency`. */
  readonly creditLimit?: number;
  /** Prepaid balance in minor units of `currency`. */
  readonly prepaidBalance?: number;
}

export const seedCompanies: readonly SeedCompany[] = [
  {
    id: 'mueller-bau',
    name: 'Müller Bau GmbH',
    vatId: 'DE811907980',
    city: 'Stuttgart',
    country: 'DE',
    customerGroup: 'wholesale',
    billingAddress: { street: 'Industriestraße 12', postalCode: '70565', city: 'Stuttgart', country: 'DE' },
    iban: 'DE89370400440532013000',
    businessProfiles: ['construction'],
    agreements: [
      { id: 'prepayment', name: '100 % prepayment', kind: 'prepayment', adjustment: -300 },
      { id: 'net-30', name: 'Payment within 30 days', kind: 'payment-terms', paymentTermDays: 30 },
      { id: 'net-45', name: 'Payment within 45 days', kind: 'payment-terms', paymentTermDays: 45, adjustment: 250 },
    ],
    defaultAgreementId: 'net-30',
    customerSince: '2019-04-01T08:00:00.000Z',
    creditLimit: 2_000_000,
  },
  {
    id: 'nowak-instalacje',
    name: 'Nowak Instalacje Sp. z o.o.',
    vatId: 'PL5260250995',
    city: 'Kraków',
    country: 'PL',
    customerGroup: 'retail',
    billingAddress: { street: 'ul. Przemysłowa 5', postalCode: '30-701', city: 'Kraków', country: 'PL' },
    iban: 'PL61109010140000071219812874',
    businessProfiles: ['installation'],
    // Nowak buys in PLN: every agreement fixes PLN, prices come from its PLN price list (nowakPlnPriceList);
    // only the currency agreement converts EUR list prices, with its explicit rate, where no PLN price exists.
    agreements: [
      { id: 'prepayment', name: '100 % prepayment', kind: 'prepayment', currency: 'PLN', adjustment: -200 },
      { id: 'net-14', name: 'Payment within 14 days', kind: 'payment-terms', paymentTermDays: 14, currency: 'PLN', adjustment: 150 },
      {
        id: 'pln-prepayment',
        name: 'Prepayment in PLN (EUR list prices converted)',
        kind: 'currency',
        currency: 'PLN',
        exchangeRate: 4_300_000,
        adjustment: -200,
      },
    ],
    defaultAgreementId: 'prepayment',
    currency: 'PLN',
    creditLimit: 4_000_000,
    prepaidBalance: 645_000,
  },
];

export const demoPassword = 'Portal-Demo-2026';

/** The seller's contact on e-invoices (XRechnung BG-6: name, phone BT-42, plain answered e-mail BT-43). */
export const seedSellerContact = {
  name: 'Sabine Krüger, Debitorenbuchhaltung',
  phone: '+49 711 9876 500',
  email: 'buchhaltung@hartmann-grosshandel.example',
} as const;

export interface SeedUser {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly companyId?: string;
  /** Companies a sales rep looks after. */
  readonly assignedCompanies?: readonly string[];
  /** Further companies a company user works for (several companies per user), with the role there. */
  readonly memberships?: readonly { readonly companyId: string; readonly role: CompanyRole }[];
  readonly phone?: string;
}

export const seedUsers: readonly SeedUser[] = [
  { email: 'admin@mueller-bau.example', name: 'Anna Müller', role: 'company-admin', companyId: 'mueller-bau' },
  { email: 'buyer@mueller-bau.example', name: 'Jonas Weber', role: 'buyer', companyId: 'mueller-bau' },
  { email: 'admin@nowak-instalacje.example', name: 'Piotr Nowak', role: 'company-admin', companyId: 'nowak-instalacje' },
  { email: 'buyer@nowak-instalacje.example', name: 'Katarzyna Zielińska', role: 'buyer', companyId: 'nowak-instalacje' },
  {
    email: 'purchasing@bau-gruppe.example',
    name: 'Lena Hoffmann',
    role: 'buyer',
    companyId: 'mueller-bau',
    memberships: [{ companyId: 'nowak-instalacje', role: 'buyer' }],
  },
  { email: 'rep@portal.example', name: 'Stefan Vertrieb', role: 'sales-rep', assignedCompanies: ['mueller-bau'], phone: '+49 711 5550 123' },
  { email: 'rep2@portal.example', name: 'Ewa Handlowiec', role: 'sales-rep', phone: '+48 12 555 0199' },
  { email: 'backoffice@portal.example', name: 'Berta Backoffice', role: 'back-office' },
];

export const seedVatRates = { default: 1900, DE: 1900, AT: 2000, PL: 2300, FR: 2000, NL: 2100, CZ: 2100 } as const;

/**
 * Nowak Instalacje's own price list in PLN (company scope): a PLN price for every product it sees except
 * lubricants, which have none — they are not orderable in PLN (NO_PRICE) unless the currency agreement
 * converts them explicitly. The PLN prices are price-list data (list price × 4.30 rounded to 10 grosze),
 * not a conversion at runtime.
 */
export const nowakPlnPriceList = {
  id: 'nowak-pln-2026',
  companyId: 'nowak-instalacje',
  currency: 'PLN',
  validFrom: '2026-01-01',
  withoutPlnPrices: ['lubricants', 'workshop'],
  plnCents: (eurCents: number) => Math.round((eurCents * 4.3) / 10) * 10,
} as const;

/** Wholesale customers buy 10 % below list; Müller Bau has contract prices on some fasteners. */
export const wholesalePercentOff = 10;
export const muellerContractSkus = ['FAS-0111', 'FAS-0112', 'FAS-0113', 'FAS-0121', 'FAS-0122'];

export const seedDiscounts: readonly Discount[] = [
  { id: 'welcome-5', name: 'Welcome: 5 % on the first order', rule: { newCustomer: true }, effect: { kind: 'percent', rate: 500 }, active: true },
  {
    id: 'pl-fasteners-3',
    name: 'Poland: 3 % on fasteners',
    rule: { all: [{ deliveryCountryIn: ['PL'] }, { categoryIn: ['fasteners'] }] },
    effect: { kind: 'percent', rate: 300 },
    active: true,
  },
  {
    id: 'big-order-25',
    name: '25 EUR off orders from 1 000 EUR',
    rule: { orderNetAtLeast: { amount: 100_000, currency: 'EUR' } },
    effect: { kind: 'fixed', amount: { amount: 2_500, currency: 'EUR' } },
    active: true,
  },
];

/** German and Polish texts of the seed catalog: category name and description, family names in `families` order, attribute labels. */
export interface SeedCategoryTexts {
  readonly name: string;
  readonly description: string;
  readonly families: readonly string[];
  readonly attributeLabels: Readonly<Record<string, string>>;
  /** Translated variants in `variants` order, where they are words rather than sizes. */
  readonly variants?: readonly string[];
}

export const seedCategoryTexts: Readonly<Record<string, { readonly de: SeedCategoryTexts; readonly pl: SeedCategoryTexts }>> = {
  fasteners: {
    de: {
      name: 'Befestigungstechnik',
      description: 'Schrauben, Bolzen, Muttern und Dübel',
      families: ['Holzschraube', 'Sechskantschraube DIN 933', 'Sechskantmutter DIN 934', 'Nylondübel'],
      attributeLabels: { thread: 'Gewinde', material: 'Werkstoff', standard: 'Norm' },
    },
    pl: {
      name: 'Elementy złączne',
      description: 'Wkręty, śruby, nakrętki i kołki',
      families: ['Wkręt do drewna', 'Śruba sześciokątna DIN 933', 'Nakrętka sześciokątna DIN 934', 'Kołek nylonowy'],
      attributeLabels: { thread: 'Gwint', material: 'Materiał', standard: 'Norma' },
    },
  },
  'hand-tools': {
    de: {
      name: 'Handwerkzeuge',
      description: 'Schlüssel, Zangen, Schraubendreher',
      families: ['Ringmaulschlüssel', 'Kombizange', 'Schlitzschraubendreher', 'Torx-Schraubendreher'],
      variants: ['Größe 1', 'Größe 2', 'Größe 3', 'Größe 4', 'Größe 5'],
      attributeLabels: { size: 'Größe' },
    },
    pl: {
      name: 'Narzędzia ręczne',
      description: 'Klucze, szczypce, wkrętaki',
      families: ['Klucz płasko-oczkowy', 'Szczypce uniwersalne', 'Wkrętak płaski', 'Wkrętak Torx'],
      variants: ['rozmiar 1', 'rozmiar 2', 'rozmiar 3', 'rozmiar 4', 'rozmiar 5'],
      attributeLabels: { size: 'Rozmiar' },
    },
  },
  'power-tools': {
    de: {
      name: 'Elektrowerkzeuge',
      description: 'Akkuschrauber, Schleifer, Sägen',
      families: ['Akku-Bohrschrauber 18V', 'Winkelschleifer 125 mm', 'Stichsäge', 'Bohrhammer SDS+'],
      variants: ['Basic', 'Pro', 'Pro-Set 2x 2Ah', 'Pro-Set 2x 5Ah', 'Solo (ohne Akku)'],
      attributeLabels: { version: 'Ausführung' },
    },
    pl: {
      name: 'Elektronarzędzia',
      description: 'Wkrętarki, szlifierki, piły',
      families: ['Wiertarko-wkrętarka akumulatorowa 18V', 'Szlifierka kątowa 125 mm', 'Wyrzynarka', 'Młotowiertarka SDS+'],
      variants: ['Basic', 'Pro', 'Pro zestaw 2x 2Ah', 'Pro zestaw 2x 5Ah', 'Solo (bez akumulatora)'],
      attributeLabels: { version: 'Wersja' },
    },
  },
  abrasives: {
    de: {
      name: 'Schleifmittel',
      description: 'Trenn- und Schleifscheiben, Schleifpapier',
      families: ['Trennscheibe Stahl', 'Fächerschleifscheibe', 'Schleifblatt', 'Schruppscheibe'],
      attributeLabels: { grit: 'Körnung' },
    },
    pl: {
      name: 'Materiały ścierne',
      description: 'Tarcze do cięcia i szlifowania, papier ścierny',
      families: ['Tarcza do cięcia stali', 'Tarcza listkowa', 'Arkusz ścierny', 'Tarcza do szlifowania'],
      attributeLabels: { grit: 'Ziarnistość' },
    },
  },
  adhesives: {
    de: {
      name: 'Kleb- und Dichtstoffe',
      description: 'Silikon, PU-Schaum, Montagekleber',
      families: ['Sanitärsilikon', 'PU-Montageschaum', 'Montagekleber', 'Acryldichtstoff'],
      variants: ['weiß', 'transparent', 'grau', 'schwarz', 'beige'],
      attributeLabels: { colour: 'Farbe' },
    },
    pl: {
      name: 'Kleje i uszczelniacze',
      description: 'Silikon, pianka PU, klej montażowy',
      families: ['Silikon sanitarny', 'Pianka montażowa PU', 'Klej montażowy', 'Uszczelniacz akrylowy'],
      variants: ['biały', 'transparentny', 'szary', 'czarny', 'beżowy'],
      attributeLabels: { colour: 'Kolor' },
    },
  },
  safety: {
    de: {
      name: 'Arbeitsschutz',
      description: 'Handschuhe, Schutzbrillen, Helme, Gehörschutz',
      families: ['Montagehandschuhe', 'Schnittschutzhandschuhe', 'Schutzbrille', 'Kapselgehörschutz'],
      attributeLabels: { size: 'Größe' },
    },
    pl: {
      name: 'BHP i ochrona osobista',
      description: 'Rękawice, okulary, kaski, ochrona słuchu',
      families: ['Rękawice montażowe', 'Rękawice antyprzecięciowe', 'Okulary ochronne', 'Nauszniki przeciwhałasowe'],
      attributeLabels: { size: 'Rozmiar' },
    },
  },
  electrical: {
    de: {
      name: 'Elektroinstallation',
      description: 'Kabel, Dosen, Installationsmaterial',
      families: ['Mantelleitung NYM-J', 'Abzweigdose', 'Kabelbinder', 'Wago-Klemme'],
      attributeLabels: { 'cross-section': 'Querschnitt' },
    },
    pl: {
      name: 'Elektryka',
      description: 'Przewody, puszki, osprzęt instalacyjny',
      families: ['Przewód instalacyjny NYM-J', 'Puszka rozgałęźna', 'Opaska kablowa', 'Złączka Wago'],
      attributeLabels: { 'cross-section': 'Przekrój' },
    },
  },
  plumbing: {
    de: {
      name: 'Sanitärtechnik',
      description: 'Fittings, Rohre, Armaturen',
      families: ['Pressfitting Winkel', 'Kugelhahn', 'PEX-Rohr', 'Klemmverschraubung'],
      attributeLabels: { diameter: 'Durchmesser' },
    },
    pl: {
      name: 'Instalacje sanitarne',
      description: 'Kształtki, rury, zawory',
      families: ['Kolano zaprasowywane', 'Zawór kulowy', 'Rura PEX', 'Złączka zaciskowa'],
      attributeLabels: { diameter: 'Średnica' },
    },
  },
  cleaning: {
    de: {
      name: 'Reinigung und Hygiene',
      description: 'Werkstattreinigung und Handpflege',
      families: ['Handreiniger', 'Bremsenreiniger', 'Entfetterkonzentrat', 'Flächendesinfektion'],
      attributeLabels: { volume: 'Inhalt' },
    },
    pl: {
      name: 'Czyszczenie i higiena',
      description: 'Czyszczenie warsztatu i pielęgnacja rąk',
      families: ['Pasta do mycia rąk', 'Zmywacz do hamulców', 'Koncentrat odtłuszczający', 'Środek do dezynfekcji powierzchni'],
      attributeLabels: { volume: 'Pojemność' },
    },
  },
  packaging: {
    de: {
      name: 'Verpackung',
      description: 'Kartons, Klebeband, Stretchfolie',
      families: ['Packband', 'Stretchfolie', 'Faltkarton', 'Luftpolsterfolie'],
      variants: ['klein', 'mittel', 'groß', 'XL', 'Palette'],
      attributeLabels: { size: 'Größe' },
    },
    pl: {
      name: 'Opakowania',
      description: 'Kartony, taśmy, folia stretch',
      families: ['Taśma pakowa', 'Folia stretch', 'Karton składany', 'Folia bąbelkowa'],
      variants: ['mały', 'średni', 'duży', 'XL', 'paleta'],
      attributeLabels: { size: 'Rozmiar' },
    },
  },
  workshop: {
    de: {
      name: 'Werkstatteinrichtung',
      description: 'Werkbänke, Lagerung, Leitern',
      families: ['Werkbank', 'Werkzeugschrank', 'Stehleiter', 'Lagersichtkasten'],
      attributeLabels: { width: 'Breite' },
    },
    pl: {
      name: 'Wyposażenie warsztatu',
      description: 'Stoły warsztatowe, magazynowanie, drabiny',
      families: ['Stół warsztatowy', 'Szafa narzędziowa', 'Drabina stojąca', 'Pojemnik magazynowy'],
      attributeLabels: { width: 'Szerokość' },
    },
  },
  lubricants: {
    de: {
      name: 'Schmierstoffe',
      description: 'Öle, Fette, Sprays',
      families: ['Multifunktionsspray', 'Kettenspray', 'Lithiumfett', 'Schneidöl'],
      attributeLabels: { content: 'Inhalt' },
    },
    pl: {
      name: 'Środki smarne',
      description: 'Oleje, smary, spraye',
      families: ['Spray wielofunkcyjny', 'Smar do łańcuchów', 'Smar litowy', 'Olej do gwintowania'],
      attributeLabels: { content: 'Zawartość' },
    },
  },
};
