/**
 * A deterministic large catalog for bench/search.ts: products spread over the seeded categories with
 * varied names (families × variants × series and features), manufacturers with part-number prefixes,
 * typed attributes, EAN (GTIN-13, most products) and MPN. Same count → same products, every run.
 */
import { gtin13, seedCategories, type SeedProduct } from '../local/seed-data.js';

interface Vocabulary {
  readonly families: readonly string[];
  readonly variants: readonly string[];
  readonly features: readonly string[];
  readonly manufacturers: readonly { readonly name: string; readonly partPrefix: string }[];
  /** A second typed attribute: code and values. */
  readonly extra: { readonly code: string; readonly values: readonly string[] };
}

const vocabulary: Readonly<Record<string, Vocabulary>> = {
  fasteners: {
    families: [
      'Wood screw',
      'Hex bolt DIN 933',
      'Hex nut DIN 934',
      'Nylon anchor',
      'Countersunk screw',
      'Washer DIN 125',
      'Threaded rod',
      'Frame anchor',
      'Decking screw',
      'Cap nut',
      'Socket head screw DIN 912',
      'Chipboard screw',
    ],
    variants: ['M3', 'M4', 'M5', 'M6', 'M8', 'M10', 'M12', 'M16', '4x40', '5x60', '6x80', '8x100'],
    features: ['zinc plated', 'hot-dip galvanised', 'stainless A2', 'stainless A4', 'yellow passivated', 'Torx drive', 'partial thread', 'full thread'],
    manufacturers: [
      { name: 'Spax', partPrefix: 'SPX' },
      { name: 'Würth', partPrefix: 'W-0057' },
      { name: 'fischer', partPrefix: 'FI' },
      { name: 'Bossard', partPrefix: 'BOS' },
      { name: 'Heco', partPrefix: 'HEC' },
      { name: 'Reisser', partPrefix: 'RSR' },
    ],
    extra: { code: 'material', values: ['Steel, zinc plated', 'Stainless steel A2', 'Stainless steel A4', 'Nylon PA6', 'Brass'] },
  },
  'hand-tools': {
    families: [
      'Combination spanner',
      'Combination pliers',
      'Screwdriver slotted',
      'Torx screwdriver',
      'Water pump pliers',
      'Claw hammer',
      'Socket set',
      'Allen key set',
      'Side cutter',
      'Torque wrench',
      'Utility knife',
      'Spirit level',
    ],
    variants: ['size 1', 'size 2', 'size 3', 'size 4', '8 mm', '10 mm', '13 mm', '17 mm', '19 mm', '250 mm', '300 mm', '600 mm'],
    features: ['chrome vanadium', 'insulated VDE', 'two-component grip', 'ratchet', 'magnetic tip', 'forged', 'set of 6', 'compact'],
    manufacturers: [
      { name: 'Gedore', partPrefix: 'GED' },
      { name: 'Knipex', partPrefix: 'KNX' },
      { name: 'Wera', partPrefix: 'WER' },
      { name: 'Hazet', partPrefix: 'HAZ' },
      { name: 'Stahlwille', partPrefix: 'STW' },
      { name: 'Stanley', partPrefix: 'STA' },
    ],
    extra: { code: 'finish', values: ['chrome', 'black oxide', 'polished', 'matt'] },
  },
  'power-tools': {
    families: [
      'Cordless drill 18V',
      'Angle grinder 125 mm',
      'Jigsaw',
      'Rotary hammer SDS+',
      'Impact driver',
      'Circular saw',
      'Orbital sander',
      'Multi-tool',
      'Heat gun',
      'Reciprocating saw',
      'Planer',
      'Router',
    ],
    variants: ['Basic', 'Pro', 'Pro kit 2x 2Ah', 'Pro kit 2x 5Ah', 'Solo (no battery)', 'in case', 'Brushless', '230V'],
    features: ['brushless motor', 'LED light', 'quick chuck', 'dust extraction', 'soft start', 'anti-vibration', 'Bluetooth', 'kickback stop'],
    manufacturers: [
      { name: 'Makita', partPrefix: 'MKT' },
      { name: 'Bosch Professional', partPrefix: 'BSH' },
      { name: 'Metabo', partPrefix: 'MET' },
      { name: 'Festool', partPrefix: 'FES' },
      { name: 'DeWalt', partPrefix: 'DWT' },
      { name: 'Milwaukee', partPrefix: 'MIL' },
      { name: 'Hilti', partPrefix: 'HIL' },
    ],
    extra: { code: 'voltage', values: ['12 V', '18 V', '36 V', '230 V'] },
  },
  abrasives: {
    families: [
      'Cutting disc steel',
      'Flap disc',
      'Sanding sheet',
      'Grinding disc',
      'Sanding belt',
      'Diamond blade',
      'Wire brush',
      'Abrasive roll',
      'Fibre disc',
      'Sanding sponge',
    ],
    variants: ['P40', 'P60', 'P80', 'P120', 'P180', 'P240', 'P320', '115 mm', '125 mm', '230 mm'],
    features: ['for stainless', 'for stone', 'zirconia', 'ceramic grain', 'hook and loop', 'extra thin', 'pack of 10', 'pack of 50'],
    manufacturers: [
      { name: 'Klingspor', partPrefix: 'KLS' },
      { name: '3M', partPrefix: '3M' },
      { name: 'Pferd', partPrefix: 'PFD' },
      { name: 'Mirka', partPrefix: 'MRK' },
      { name: 'Norton', partPrefix: 'NOR' },
      { name: 'Tyrolit', partPrefix: 'TYR' },
    ],
    extra: { code: 'grain', values: ['aluminium oxide', 'zirconia', 'ceramic', 'silicon carbide', 'diamond'] },
  },
  adhesives: {
    families: [
      'Sanitary silicone',
      'PU mounting foam',
      'Construction adhesive',
      'Acrylic sealant',
      'Hybrid sealant',
      'Epoxy resin',
      'Contact adhesive',
      'Wood glue',
      'Super glue',
      'Fire sealant',
    ],
    variants: ['white', 'transparent', 'grey', 'black', 'beige', 'brown', 'anthracite', 'jasmine'],
    features: ['310 ml', '600 ml foil', 'fungicidal', 'paintable', 'solvent-free', 'fast curing', 'low expansion', 'gun grade'],
    manufacturers: [
      { name: 'Soudal', partPrefix: 'SOU' },
      { name: 'Henkel', partPrefix: 'HNK' },
      { name: 'Sika', partPrefix: 'SIK' },
      { name: 'Ottoseal', partPrefix: 'OTT' },
      { name: 'Tangit', partPrefix: 'TNG' },
      { name: 'Bostik', partPrefix: 'BOK' },
    ],
    extra: { code: 'content', values: ['290 ml', '310 ml', '500 ml', '600 ml', '750 ml'] },
  },
  safety: {
    families: [
      'Assembly gloves',
      'Cut-resistant gloves',
      'Safety glasses',
      'Ear defenders',
      'Safety helmet',
      'Dust mask FFP2',
      'Safety shoes S3',
      'High-vis vest',
      'Knee pads',
      'Ear plugs',
      'Face shield',
      'Rain jacket',
    ],
    variants: ['S', 'M', 'L', 'XL', 'XXL', 'size 7', 'size 8', 'size 9', 'size 10', 'one size'],
    features: ['nitrile coated', 'cut level C', 'anti-fog', 'SNR 30 dB', 'ventilated', 'EN 388', 'EN 166', 'winter lined'],
    manufacturers: [
      { name: 'uvex', partPrefix: 'UVX' },
      { name: '3M', partPrefix: '3M' },
      { name: 'Ansell', partPrefix: 'ANS' },
      { name: 'Dräger', partPrefix: 'DRG' },
      { name: 'Honeywell', partPrefix: 'HON' },
      { name: 'Elten', partPrefix: 'ELT' },
    ],
    extra: { code: 'standard', values: ['EN 388', 'EN 166', 'EN 352', 'EN 397', 'EN 149', 'EN ISO 20345'] },
  },
  electrical: {
    families: [
      'Installation cable NYM-J',
      'Junction box',
      'Cable tie',
      'Wago connector',
      'Socket outlet',
      'Light switch',
      'Circuit breaker B16',
      'RCD 40A',
      'Conduit pipe',
      'LED panel',
      'Extension lead',
      'Cable gland',
    ],
    variants: ['3x1.5', '3x2.5', '5x1.5', '5x2.5', '5x4', '2-pole', '3-pole', '4-pole', '100 m', '50 m'],
    features: ['flush-mounted', 'surface-mounted', 'IP44', 'IP65', 'halogen-free', 'UV resistant', 'pack of 100', 'white RAL 9010'],
    manufacturers: [
      { name: 'Lapp', partPrefix: 'LAP' },
      { name: 'Spelsberg', partPrefix: 'SPB' },
      { name: 'HellermannTyton', partPrefix: 'HTY' },
      { name: 'Wago', partPrefix: 'WAG' },
      { name: 'Hager', partPrefix: 'HAG' },
      { name: 'Gira', partPrefix: 'GIR' },
      { name: 'ABB', partPrefix: 'ABB' },
    ],
    extra: { code: 'protection', values: ['IP20', 'IP44', 'IP54', 'IP65', 'IP68'] },
  },
  plumbing: {
    families: [
      'Press fitting elbow',
      'Ball valve',
      'PEX pipe',
      'Compression coupling',
      'Tee piece',
      'Reducer',
      'Siphon',
      'Flexible hose',
      'Check valve',
      'Pipe clamp',
    ],
    variants: ['15 mm', '18 mm', '22 mm', '28 mm', '35 mm', '1/2"', '3/4"', '1"'],
    features: ['copper', 'brass', 'stainless', 'DVGW approved', 'with seal', 'drinking water', 'gas', 'heating'],
    manufacturers: [
      { name: 'Viega', partPrefix: 'VIE' },
      { name: 'Uponor', partPrefix: 'UPO' },
      { name: 'Geberit', partPrefix: 'GEB' },
      { name: 'Grohe', partPrefix: 'GRO' },
      { name: 'Rehau', partPrefix: 'REH' },
    ],
    extra: { code: 'material', values: ['copper', 'brass', 'stainless steel', 'PE-X', 'PVC'] },
  },
  cleaning: {
    families: [
      'Hand cleaner',
      'Brake cleaner',
      'Degreaser concentrate',
      'Surface disinfectant',
      'Glass cleaner',
      'Floor cleaner',
      'Paper towel roll',
      'Cleaning cloth',
      'Wet wipes',
      'Soap dispenser',
    ],
    variants: ['0.5 l', '1 l', '5 l', '10 l', '25 l', 'pack of 6', 'pack of 12', 'roll'],
    features: ['solvent-free', 'with pumice', 'perfume-free', 'biodegradable', 'food safe', 'spray', 'concentrate', 'refill'],
    manufacturers: [
      { name: 'Kärcher', partPrefix: 'KAR' },
      { name: 'Liqui Moly', partPrefix: 'LQM' },
      { name: 'Ecolab', partPrefix: 'ECO' },
      { name: 'Tork', partPrefix: 'TRK' },
      { name: 'Vileda', partPrefix: 'VIL' },
    ],
    extra: { code: 'scent', values: ['neutral', 'citrus', 'lavender', 'fresh'] },
  },
  packaging: {
    families: [
      'Packing tape',
      'Stretch film',
      'Folding box',
      'Bubble wrap',
      'Shipping envelope',
      'Pallet strap',
      'Edge protector',
      'Filler paper',
      'Label roll',
      'Tape dispenser',
    ],
    variants: ['small', 'medium', 'large', 'XL', 'pallet', '50 mm', '75 mm', '300x200x150'],
    features: ['brown', 'transparent', 'printed fragile', 'recycled', 'low noise', 'pack of 25', 'pack of 100', 'double-wall'],
    manufacturers: [
      { name: 'tesa', partPrefix: 'TES' },
      { name: 'Smurfit', partPrefix: 'SMU' },
      { name: 'Aircap', partPrefix: 'AIR' },
      { name: 'Raja', partPrefix: 'RAJ' },
      { name: 'Avery', partPrefix: 'AVY' },
    ],
    extra: { code: 'colour', values: ['brown', 'transparent', 'white', 'black'] },
  },
  workshop: {
    families: [
      'Workbench',
      'Tool cabinet',
      'Stepladder',
      'Storage bin',
      'Tool trolley',
      'Shelving unit',
      'Drawer cabinet',
      'Wall panel',
      'Platform ladder',
      'Vice',
    ],
    variants: ['600 mm', '900 mm', '1200 mm', '1500 mm', '2000 mm', '3 steps', '5 steps', '8 steps'],
    features: ['beech top', 'steel top', 'lockable', 'mobile', 'with drawers', 'galvanised', 'RAL 7035', 'heavy duty'],
    manufacturers: [
      { name: 'Bott', partPrefix: 'BOT' },
      { name: 'Zarges', partPrefix: 'ZAR' },
      { name: 'Allit', partPrefix: 'ALL' },
      { name: 'Hünersdorff', partPrefix: 'HUN' },
      { name: 'Krause', partPrefix: 'KRA' },
    ],
    extra: { code: 'load', values: ['100 kg', '150 kg', '300 kg', '500 kg', '1000 kg'] },
  },
  lubricants: {
    families: [
      'Multi-purpose spray',
      'Chain lubricant',
      'Lithium grease',
      'Cutting oil',
      'Silicone spray',
      'Copper paste',
      'Rust remover',
      'Contact spray',
      'Gear oil',
      'PTFE spray',
    ],
    variants: ['150 ml', '400 ml', '500 g', '1 kg', '5 l', '200 ml', '1 l', '25 kg'],
    features: ['food grade H1', 'high temperature', 'water resistant', 'with smart straw', 'biodegradable', 'synthetic', 'mineral', 'for bikes'],
    manufacturers: [
      { name: 'WD-40', partPrefix: 'WD' },
      { name: 'Liqui Moly', partPrefix: 'LQM' },
      { name: 'Castrol', partPrefix: 'CAS' },
      { name: 'Caramba', partPrefix: 'CAR' },
      { name: 'Klüber', partPrefix: 'KLU' },
    ],
    extra: { code: 'temperature', values: ['-20 to 120 °C', '-30 to 150 °C', '-40 to 200 °C'] },
  },
};

/** mulberry32: small deterministic PRNG. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Generated SKUs: `<category prefix>-B<6 digits>` (the seed's are `<prefix>-<4 digits>`, so they never collide). */
export const benchSku = (categoryId: string, index: number): string => `${categoryId.slice(0, 3).toUpperCase()}-B${String(index).padStart(6, '0')}`;

/** `count` products, spread over the seeded categories in turn. */
export function benchProducts(count: number): SeedProduct[] {
  const random = prng(15);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const products: SeedProduct[] = [];
  for (let index = 0; index < count; index++) {
    const category = seedCategories[index % seedCategories.length]!;
    const words = vocabulary[category.id];
    if (!words) throw new Error(`No bench vocabulary for category ${category.id}`);
    const familyIndex = Math.floor(random() * words.families.length);
    const family = words.families[familyIndex]!;
    const variant = pick(words.variants);
    const feature = pick(words.features);
    const manufacturer = words.manufacturers[(familyIndex + Math.floor(random() * 2)) % words.manufacturers.length]!;
    const series = random() < 0.5 ? ` ${pick(['Pro', 'Eco', 'Plus', 'Max', 'Industrial', 'Compact', 'XL'])}` : '';
    const sku = benchSku(category.id, index);
    const stocked = random() >= 0.12;
    const total = stocked ? 1 + Math.floor(random() * 900) : 0;
    const central = Math.round(total * (0.4 + random() * 0.6));
    products.push({
      sku,
      name: `${manufacturer.name} ${family} ${variant}${series}, ${feature}`,
      description: `${family}, ${variant}, ${feature}. ${category.description}. Series${series || ' Standard'} by ${manufacturer.name}.`,
      categoryId: category.id,
      unit: category.unit,
      priceCents: Math.round(category.basePriceCents * (0.4 + random() * 3)),
      stock: { stuttgart: central, krakow: total - central },
      related: [],
      manufacturer: manufacturer.name,
      mpn: `${manufacturer.partPrefix}-${String(Math.floor(index / 100)).padStart(4, '0')}-${String(index % 100).padStart(2, '0')}`,
      attributes: { [category.variantAttribute.code]: variant, [words.extra.code]: pick(words.extra.values) },
      ...(random() < 0.9 ? { ean: gtin13(`42${String(index).padStart(10, '0')}`) } : {}),
    });
  }
  return products;
}
