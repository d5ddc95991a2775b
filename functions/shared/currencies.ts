/**
 * Circulating currencies of ISO 4217 (list one, 2025): codes a price, a balance or a credit line may
 * be kept in. Funds codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), precious metals (XAU, XAG,
 * XPD, XPT), bond-market units (XBA–XBD), XDR, XSU, XUA and the testing / "no currency" codes XTS and
 * XXX are deliberately not in it: nobody pays an invoice in them.
 */
export const iso4217Currencies: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF ' +
    'CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG ' +
    'HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA ' +
    'MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD ' +
    'RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX ' +
    'USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG'
  ).split(' '),
);

export const isIso4217Currency = (code: string): boolean => iso4217Currencies.has(code);

/**
 * Why a shop's currency configuration cannot be stored (undefined: it can): every accepted currency is
 * a circulating ISO 4217 code, none twice, at least one, and the default currency is one of them.
 */
export function shopCurrenciesProblem(currencies: readonly string[], defaultCurrency: string): string | undefined {
  if (currencies.length === 0) return 'The shop needs at least one currency';
  const unknown = currencies.filter((code) => !isIso4217Currency(code));
  if (unknown.length) return `Not circulating ISO 4217 currencies: ${unknown.join(', ')}`;
  if (new Set(currencies).size !== currencies.length) return 'A currency is listed twice';
  if (!currencies.includes(defaultCurrency)) return `The default currency ${defaultCurrency} must be one of the accepted currencies (${currencies.join(', ')})`;
  return undefined;
}

/** The currencies a shop accepts as stored (older settings without a list accept only their default currency). */
export const acceptedCurrencies = (settings: { readonly currency: string; readonly currencies?: readonly string[] }): readonly string[] =>
  settings.currencies?.length ? settings.currencies : [settings.currency];

/**
 * What decides a company's currency (issue 16 item 5): the shop's default and accepted currencies and
 * the company's agreements. The company buys in its default agreement's currency when the shop accepts
 * it, else in the shop's default; prices, credit, order limits and budgets are kept in it.
 */
export interface CurrencySituation {
  /** The shop's default currency (shop settings). */
  readonly shopCurrency: string;
  /** Every currency the shop sells in (shop settings `currencies`); absent: not restricted beyond ISO 4217. */
  readonly shopCurrencies?: readonly string[];
  readonly agreements: readonly { readonly id: string; readonly kind: string; readonly currency?: string }[];
  readonly defaultAgreementId?: string;
}

/** Whether the shop sells in `code` (without a configured list: every ISO 4217 currency). */
export const accepts = (situation: CurrencySituation, code: string): boolean =>
  isIso4217Currency(code) && (code === situation.shopCurrency || !situation.shopCurrencies?.length || situation.shopCurrencies.includes(code));

/** Currencies the shop sells this company in: its default currency and those the company's agreements fix, if the shop accepts them. */
export function sellableCurrencies(situation: CurrencySituation): string[] {
  const codes = [situation.shopCurrency, ...situation.agreements.flatMap((agreement) => (agreement.currency ? [agreement.currency] : []))];
  return [...new Set(codes)].filter((code) => accepts(situation, code));
}

/** The currency of the company: its default agreement's (when it fixes one the shop accepts), else the shop's default; new credit lines and prepaid balances open in it. */
export function companyCurrency(situation: CurrencySituation): string {
  const preferred = situation.agreements.find((agreement) => agreement.id === situation.defaultAgreementId);
  const currency = preferred?.currency ?? situation.shopCurrency;
  return accepts(situation, currency) ? currency : situation.shopCurrency;
}
