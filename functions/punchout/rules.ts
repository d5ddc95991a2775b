/**
 * Punchout rules (pure: no I/O, no clock, no AWS): the OCI 4.0 entry and cart-transfer fields, and
 * cXML 1.2 documents (PunchOutSetupRequest/-Response, PunchOutOrderMessage, OrderRequest, Response).
 * Prices travel as decimal strings built from integer minor units; quantities as milli-units.
 */
import { XMLParser } from 'fast-xml-parser';
import { formatMinorUnits, parseMinorUnits, type Money } from '../shared/money.js';
import { formatMilli, parseMilli } from '../shared/quantity.js';
import { escapeXml } from '../shared/xml.js';

// ---- money and quantities ------------------------------------------------------------------

/** 1234 EUR → "12.34", 5 JPY → "5": string arithmetic on the integer, never a float. */
export const decimalFromMinor = (money: Money): string => formatMinorUnits(money.amount, money.currency);

/** "12.34" → 1234 (EUR); undefined when the text is no plain decimal or has more (non-zero) digits than the currency. */
export const minorFromDecimal = (text: string, currency: string): number | undefined =>
  parseMinorUnits(text, currency, { signed: true, overPrecision: 'zeros' });

/** Milli-units → "12.5" (dot as decimal separator, as OCI and cXML expect). */
export const decimalQuantity = formatMilli;

/** "12.5" → 12500 milli-units; undefined for anything else (negative, comma, more than 3 non-zero decimals). */
export const milliFromDecimal = (text: string): number | undefined => parseMilli(text, { overPrecision: 'zeros' });

// ---- units and classification ----------------------------------------------------------------

/**
 * The portal's sales units → UN/ECE Recommendation 20 codes. OCI (SAP) expects the ISO code of the
 * unit (SAP's T006 ISO column: "piece" is PCE); cXML uses Rec. 20 as well but Ariba/Coupa expect
 * "EA" for each. Everything else is the same code in both.
 */
const unitCodes: Readonly<Record<string, { oci: string; cxml: string }>> = {
  pc: { oci: 'PCE', cxml: 'EA' },
  piece: { oci: 'PCE', cxml: 'EA' },
  box: { oci: 'BX', cxml: 'BX' },
  pack: { oci: 'PK', cxml: 'PK' },
  cartridge: { oci: 'CQ', cxml: 'CQ' },
  pair: { oci: 'PR', cxml: 'PR' },
  l: { oci: 'LTR', cxml: 'LTR' },
  roll: { oci: 'RO', cxml: 'RO' },
  can: { oci: 'CA', cxml: 'CA' },
  kg: { oci: 'KGM', cxml: 'KGM' },
  g: { oci: 'GRM', cxml: 'GRM' },
  m: { oci: 'MTR', cxml: 'MTR' },
  m2: { oci: 'MTK', cxml: 'MTK' },
  set: { oci: 'SET', cxml: 'SET' },
  h: { oci: 'HUR', cxml: 'HUR' },
};

export function unitCode(unit: string, protocol: 'oci' | 'cxml'): string | undefined {
  return unitCodes[unit.trim().toLowerCase()]?.[protocol];
}

/** Portal categories → UNSPSC (segment/family level, v26). Unmapped categories carry no code. */
const unspscByCategory: Readonly<Record<string, string>> = {
  fasteners: '31160000',
  'hand-tools': '27110000',
  'power-tools': '27112700',
  abrasives: '31190000',
  adhesives: '31200000',
  safety: '46180000',
  electrical: '39120000',
  plumbing: '40140000',
  cleaning: '47130000',
  packaging: '24140000',
  lubricants: '15120000',
};

export const unspscFor = (categoryId: string): string | undefined => unspscByCategory[categoryId];

// ---- the cart being transferred -------------------------------------------------------------

export interface TransferLine {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly unit: string;
  /** Milli-units. */
  readonly quantity: number;
  /** The buyer company's net unit price at that quantity. */
  readonly unitNet: Money;
  readonly lineNet: Money;
  readonly leadTimeDays?: number;
  /** The buyer company's own article number (OCI NEW_ITEM-CUST_MAT, cXML BuyerPartID). */
  readonly buyerNumber?: string;
}

export class PunchoutRuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PunchoutRuleError';
  }
}

function requireUnits(lines: readonly TransferLine[], protocol: 'oci' | 'cxml'): void {
  const unmapped = lines.filter((line) => !unitCode(line.unit, protocol));
  if (unmapped.length) {
    throw new PunchoutRuleError(
      'UNIT_NOT_MAPPED',
      `No ${protocol.toUpperCase()} unit code for: ${unmapped.map((line) => `${line.sku} (${line.unit})`).join(', ')}`,
      {
        skus: unmapped.map((line) => line.sku),
      },
    );
  }
}

// ---- OCI 4.0 -----------------------------------------------------------------------------------

export interface OciEntry {
  readonly username: string;
  readonly password: string;
  readonly hookUrl: string;
  readonly okCode: string;
  readonly target: string;
  readonly caller: string;
  /** Only the interactive entry and DETAIL (open one product) are offered. */
  readonly function?: 'DETAIL';
  readonly productId?: string;
}

const ociFunctions = ['BACKGROUND_SEARCH', 'VALIDATE', 'DETAIL'] as const;

/** A return address the browser may post the cart to: absolute http(s), no credentials in it. */
export function isReturnUrl(value: string): boolean {
  if (value.length > 2048) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && url.hostname !== '';
  } catch {
    return false;
  }
}

const frameTarget = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/**
 * The OCI entry parameters (GET query or POST form, names case-insensitive as SAP systems vary).
 * Extra parameters a catalog definition adds (sap-client, returntarget …) are ignored.
 */
export function parseOciEntry(params: Readonly<Record<string, string>>): OciEntry {
  const lookup = new Map(Object.entries(params).map(([name, value]) => [name.toUpperCase(), value.trim()]));
  const get = (name: string) => lookup.get(name.toUpperCase()) || undefined;
  const username = get('USERNAME');
  const password = get('PASSWORD');
  const hookUrl = get('HOOK_URL');
  if (!username || !password) throw new PunchoutRuleError('OCI_CREDENTIALS_MISSING', 'USERNAME and PASSWORD are required');
  if (username.length > 128 || password.length > 256) throw new PunchoutRuleError('OCI_CREDENTIALS_MISSING', 'USERNAME or PASSWORD is too long');
  if (!hookUrl || !isReturnUrl(hookUrl)) throw new PunchoutRuleError('OCI_HOOK_URL_INVALID', 'HOOK_URL must be an absolute http(s) URL');
  const target = get('~TARGET') ?? '_top';
  if (!frameTarget.test(target)) throw new PunchoutRuleError('OCI_TARGET_INVALID', '~TARGET must be a frame name');
  const okCode = get('~OKCODE') ?? 'ADDI';
  if (!/^[A-Za-z0-9_]{1,20}$/.test(okCode)) throw new PunchoutRuleError('OCI_OKCODE_INVALID', '~OkCode is invalid');
  const caller = get('~CALLER') ?? 'CTLG';
  if (!/^[A-Za-z0-9_]{1,20}$/.test(caller)) throw new PunchoutRuleError('OCI_CALLER_INVALID', '~CALLER is invalid');
  const fn = get('FUNCTION')?.toUpperCase();
  if (fn && !(ociFunctions as readonly string[]).includes(fn)) throw new PunchoutRuleError('OCI_FUNCTION_UNKNOWN', `Unknown FUNCTION ${fn}`);
  if (fn && fn !== 'DETAIL') throw new PunchoutRuleError('OCI_FUNCTION_NOT_SUPPORTED', `FUNCTION ${fn} is not offered by this catalog`);
  const productId = get('PRODUCTID');
  if (fn === 'DETAIL' && (!productId || !/^[A-Za-z0-9._-]{1,64}$/.test(productId))) {
    throw new PunchoutRuleError('OCI_PRODUCT_INVALID', 'FUNCTION=DETAIL needs a PRODUCTID');
  }
  return {
    username,
    password,
    hookUrl,
    okCode,
    target,
    caller,
    ...(fn === 'DETAIL' ? { function: 'DETAIL' as const, productId: productId!.toUpperCase() } : {}),
  };
}

/** SAP field lengths (OCI 4.0): longer values are cut, the full text goes to the long text. */
const ociLengths = { DESCRIPTION: 40, VENDORMAT: 40, EXT_PRODUCT_ID: 40, CUST_MAT: 40, MATGROUP: 10, VENDOR: 10, CURRENCY: 5, UNIT: 3, LEADTIME: 5 } as const;

const cut = (value: string, length: number) => [...value].slice(0, length).join('');

export interface OciTransferOptions {
  /** The buyer system's vendor number of this shop, when the company admin configured one. */
  readonly vendorNumber?: string;
  readonly okCode: string;
  readonly target: string;
  readonly caller: string;
}

/**
 * The hidden fields of the form the browser posts to HOOK_URL: `NEW_ITEM-<FIELD>[n]` from n = 1,
 * plus `~OkCode`, `~TARGET`, `~CALLER`. Prices per PRICEUNIT 1 (the portal prices per unit in
 * minor units, so no precision is lost).
 */
export function ociTransferFields(lines: readonly TransferLine[], options: OciTransferOptions): [string, string][] {
  requireUnits(lines, 'oci');
  const fields: [string, string][] = [
    ['~OkCode', options.okCode],
    ['~TARGET', options.target],
    ['~CALLER', options.caller],
  ];
  lines.forEach((line, index) => {
    const n = index + 1;
    const field = (name: string, value: string) => fields.push([`NEW_ITEM-${name}[${n}]`, value]);
    field('DESCRIPTION', cut(line.name, ociLengths.DESCRIPTION));
    field('QUANTITY', decimalQuantity(line.quantity));
    field('UNIT', unitCode(line.unit, 'oci')!);
    field('PRICE', decimalFromMinor(line.unitNet));
    field('PRICEUNIT', '1');
    field('CURRENCY', line.unitNet.currency);
    field('VENDORMAT', cut(line.sku, ociLengths.VENDORMAT));
    field('EXT_PRODUCT_ID', cut(line.sku, ociLengths.EXT_PRODUCT_ID));
    if (line.buyerNumber) field('CUST_MAT', cut(line.buyerNumber, ociLengths.CUST_MAT));
    const unspsc = unspscFor(line.categoryId);
    if (unspsc) field('MATGROUP', unspsc);
    if (line.leadTimeDays !== undefined) field('LEADTIME', String(line.leadTimeDays));
    if (options.vendorNumber) field('VENDOR', cut(options.vendorNumber, ociLengths.VENDOR));
    const longText = ociLongText(line);
    if (longText) fields.push([`NEW_ITEM-LONGTEXT_${n}:132[]`, longText]);
  });
  return fields;
}

/** Full name (when cut in DESCRIPTION) and the product description; SAP wraps it at 132 characters. */
export function ociLongText(line: Pick<TransferLine, 'name' | 'description'>): string {
  const parts = [[...line.name].length > ociLengths.DESCRIPTION ? line.name : '', line.description].map((part) => part.trim()).filter(Boolean);
  return parts.join('\n');
}

// ---- cXML 1.2 --------------------------------------------------------------------------------

export const cxmlVersion = '1.2.014';
export const cxmlDoctype = `<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/${cxmlVersion}/cXML.dtd">`;

export interface Credential {
  readonly domain: string;
  readonly identity: string;
  readonly sharedSecret?: string;
}

export interface CxmlHeader {
  readonly payloadId: string;
  readonly timestamp: string;
  readonly from: readonly Credential[];
  readonly to: readonly Credential[];
  readonly sender: readonly Credential[];
  readonly userAgent?: string;
}

export interface SetupRequest {
  readonly kind: 'PunchOutSetupRequest';
  readonly header: CxmlHeader;
  readonly operation: 'create' | 'edit' | 'inspect';
  readonly buyerCookie: string;
  readonly browserFormPostUrl: string;
  readonly userEmail?: string;
  /** Lines the buyer sends back for edit/inspect. */
  readonly items: readonly { supplierPartId: string; quantity: number }[];
}

export interface OrderRequestLine {
  readonly lineNumber: number;
  readonly supplierPartId: string;
  /** Milli-units. */
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly unitOfMeasure: string;
  readonly description: string;
}

export interface CxmlAddress {
  readonly name: string;
  readonly street: string;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

export interface OrderRequest {
  readonly kind: 'OrderRequest';
  readonly header: CxmlHeader;
  readonly orderId: string;
  readonly orderDate: string;
  readonly type: 'new' | 'update' | 'delete';
  readonly total: Money;
  readonly shipTo?: CxmlAddress;
  readonly billTo?: CxmlAddress;
  readonly lines: readonly OrderRequestLine[];
}

export interface OrderMessage {
  readonly kind: 'PunchOutOrderMessage';
  readonly header: CxmlHeader;
  readonly buyerCookie: string;
  readonly total: Money;
  readonly items: readonly {
    supplierPartId: string;
    quantity: number;
    unitPrice: Money;
    description: string;
    unitOfMeasure: string;
    classification?: { domain: string; code: string };
  }[];
}

export type CxmlDocument = SetupRequest | OrderRequest | OrderMessage;

export const cxmlError = (code: string, message: string) => new PunchoutRuleError(code, message);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ['Credential', 'ItemOut', 'ItemIn', 'Description', 'Street', 'Extrinsic', 'Classification'].includes(name),
});

type Node = Record<string, unknown>;
const asNode = (value: unknown): Node | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined);
const child = (node: Node | undefined, name: string): Node | undefined => {
  const value = node?.[name];
  return asNode(Array.isArray(value) ? value[0] : value);
};
const children = (node: Node | undefined, name: string): Node[] => {
  const value = node?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((entry) =>
    typeof entry === 'object' ? (entry as Node) : { '#text': String(entry) },
  );
};
const text = (node: Node | undefined, name?: string): string => {
  const target = name ? node?.[name] : node;
  const first = Array.isArray(target) ? target[0] : target;
  if (first === undefined || first === null) return '';
  if (typeof first === 'object') return String((first as Node)['#text'] ?? '').trim();
  return String(first).trim();
};
const attribute = (node: Node | undefined, name: string): string => String(node?.[`@${name}`] ?? '').trim();

const maxDocumentBytes = 1024 * 1024;

/** Parses a cXML request or message. Internal DTD subsets and entity declarations are refused (no entity expansion attacks). */
export function parseCxml(xml: string): CxmlDocument {
  if (Buffer.byteLength(xml, 'utf8') > maxDocumentBytes) throw cxmlError('CXML_TOO_LARGE', 'The document exceeds 1 MB');
  if (/<!ENTITY/i.test(xml) || /<!DOCTYPE[^>]*\[/i.test(xml)) throw cxmlError('CXML_MALFORMED', 'Entity declarations are not accepted');
  let root: Node | undefined;
  try {
    root = child(parser.parse(xml, true) as Node, 'cXML');
  } catch {
    throw cxmlError('CXML_MALFORMED', 'The document is not well-formed XML');
  }
  if (!root) throw cxmlError('CXML_MALFORMED', 'The root element must be cXML');
  const headerNode = child(root, 'Header');
  const credentials = (party: string): Credential[] =>
    children(child(headerNode, party), 'Credential').map((credential) => {
      const secret = text(credential, 'SharedSecret');
      return { domain: attribute(credential, 'domain'), identity: text(credential, 'Identity'), ...(secret ? { sharedSecret: secret } : {}) };
    });
  const header: CxmlHeader = {
    payloadId: attribute(root, 'payloadID'),
    timestamp: attribute(root, 'timestamp'),
    from: credentials('From'),
    to: credentials('To'),
    sender: credentials('Sender'),
    ...(text(child(headerNode, 'Sender'), 'UserAgent') ? { userAgent: text(child(headerNode, 'Sender'), 'UserAgent') } : {}),
  };
  if (!headerNode || !header.payloadId) throw cxmlError('CXML_MALFORMED', 'Header and payloadID are required');

  const request = child(root, 'Request');
  const setup = child(request, 'PunchOutSetupRequest');
  if (setup) return parseSetup(header, setup);
  const order = child(request, 'OrderRequest');
  if (order) return parseOrder(header, order);
  const message = child(child(root, 'Message'), 'PunchOutOrderMessage');
  if (message) return parseOrderMessage(header, message);
  throw cxmlError('CXML_NOT_SUPPORTED', 'Only PunchOutSetupRequest and OrderRequest are accepted');
}

function parseSetup(header: CxmlHeader, setup: Node): SetupRequest {
  const operation = attribute(setup, 'operation') || 'create';
  if (operation !== 'create' && operation !== 'edit' && operation !== 'inspect') throw cxmlError('CXML_MALFORMED', `Unknown operation ${operation}`);
  const buyerCookie = text(setup, 'BuyerCookie');
  if (!buyerCookie || buyerCookie.length > 256) throw cxmlError('CXML_MALFORMED', 'BuyerCookie is required (at most 256 characters)');
  const browserFormPostUrl = text(child(setup, 'BrowserFormPost'), 'URL');
  if (!isReturnUrl(browserFormPostUrl)) throw cxmlError('CXML_MALFORMED', 'BrowserFormPost URL must be an absolute http(s) URL');
  const extrinsics = children(setup, 'Extrinsic');
  const userEmail = text(extrinsics.find((extrinsic) => attribute(extrinsic, 'name') === 'UserEmail'));
  const contactEmail = text(child(setup, 'Contact'), 'Email');
  const items = children(setup, 'ItemOut').flatMap((item) => {
    const supplierPartId = text(child(item, 'ItemID'), 'SupplierPartID');
    const quantity = milliFromDecimal(attribute(item, 'quantity'));
    return supplierPartId && quantity ? [{ supplierPartId, quantity }] : [];
  });
  return {
    kind: 'PunchOutSetupRequest',
    header,
    operation,
    buyerCookie,
    browserFormPostUrl,
    ...(userEmail || contactEmail ? { userEmail: userEmail || contactEmail } : {}),
    items,
  };
}

function parseAddress(node: Node | undefined): CxmlAddress | undefined {
  const address = child(node, 'Address');
  const postal = child(address, 'PostalAddress');
  if (!address || !postal) return undefined;
  return {
    name:
      text(address, 'Name') ||
      children(postal, 'DeliverTo')
        .map((entry) => text(entry))
        .join(', '),
    street: children(postal, 'Street')
      .map((street) => text(street))
      .filter(Boolean)
      .join(', '),
    city: text(postal, 'City'),
    postalCode: text(postal, 'PostalCode'),
    country: attribute(child(postal, 'Country'), 'isoCountryCode').toUpperCase(),
  };
}

function parseMoney(node: Node | undefined, where: string): Money {
  const moneyNode = child(node, 'Money');
  const currency = attribute(moneyNode, 'currency').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw cxmlError('CXML_MALFORMED', `${where}: Money needs an ISO currency`);
  const amount = minorFromDecimal(text(moneyNode), currency);
  if (amount === undefined) throw cxmlError('CXML_MALFORMED', `${where}: "${text(moneyNode)}" is no ${currency} amount`);
  return { amount, currency };
}

function parseOrder(header: CxmlHeader, order: Node): OrderRequest {
  const orderHeader = child(order, 'OrderRequestHeader');
  const orderId = attribute(orderHeader, 'orderID');
  if (!orderId || orderId.length > 100) throw cxmlError('CXML_MALFORMED', 'OrderRequestHeader orderID is required');
  const type = attribute(orderHeader, 'type') || 'new';
  if (type !== 'new' && type !== 'update' && type !== 'delete') throw cxmlError('CXML_MALFORMED', `Unknown order type ${type}`);
  const items = children(order, 'ItemOut');
  if (!items.length) throw cxmlError('CXML_MALFORMED', 'An OrderRequest needs at least one ItemOut');
  if (items.length > 200) throw cxmlError('CXML_MALFORMED', 'At most 200 ItemOut per order');
  const lines = items.map((item, index): OrderRequestLine => {
    const lineNumber = Number(attribute(item, 'lineNumber') || index + 1);
    const quantity = milliFromDecimal(attribute(item, 'quantity'));
    if (!quantity) throw cxmlError('CXML_MALFORMED', `Line ${lineNumber}: quantity must be a positive decimal`);
    const detail = child(item, 'ItemDetail');
    return {
      lineNumber,
      supplierPartId: text(child(item, 'ItemID'), 'SupplierPartID'),
      quantity,
      unitPrice: parseMoney(child(detail, 'UnitPrice'), `Line ${lineNumber}`),
      unitOfMeasure: text(detail, 'UnitOfMeasure'),
      description: text(detail, 'Description'),
    };
  });
  const shipTo = parseAddress(child(orderHeader, 'ShipTo'));
  const billTo = parseAddress(child(orderHeader, 'BillTo'));
  return {
    kind: 'OrderRequest',
    header,
    orderId,
    orderDate: attribute(orderHeader, 'orderDate'),
    type,
    total: parseMoney(child(orderHeader, 'Total'), 'Total'),
    ...(shipTo ? { shipTo } : {}),
    ...(billTo ? { billTo } : {}),
    lines,
  };
}

function parseOrderMessage(header: CxmlHeader, message: Node): OrderMessage {
  return {
    kind: 'PunchOutOrderMessage',
    header,
    buyerCookie: text(message, 'BuyerCookie'),
    total: parseMoney(child(child(message, 'PunchOutOrderMessageHeader'), 'Total'), 'Total'),
    items: children(message, 'ItemIn').map((item, index) => {
      const detail = child(item, 'ItemDetail');
      const classification = children(detail, 'Classification')[0];
      return {
        supplierPartId: text(child(item, 'ItemID'), 'SupplierPartID'),
        quantity: milliFromDecimal(attribute(item, 'quantity')) ?? 0,
        unitPrice: parseMoney(child(detail, 'UnitPrice'), `Item ${index + 1}`),
        description: text(detail, 'Description'),
        unitOfMeasure: text(detail, 'UnitOfMeasure'),
        ...(classification ? { classification: { domain: attribute(classification, 'domain'), code: text(classification) } } : {}),
      };
    }),
  };
}

/** The credential that identifies the buying organisation: the first From credential. */
export const buyerCredential = (header: CxmlHeader): Credential | undefined => header.from.find((credential) => credential.identity !== '');

/** The shared secret the sender proves itself with (Sender credential, as Ariba and Coupa send it). */
export const senderSecret = (header: CxmlHeader): string | undefined => header.sender.find((credential) => credential.sharedSecret)?.sharedSecret;

// ---- building documents ----------------------------------------------------------------------

/** payloadID as cXML recommends: `<time>.<process-unique>.<random>@<host>`. */
export const payloadId = (epochMs: number, random: string, host: string) => `${epochMs}.${random}@${host}`;

const envelope = (meta: { payloadId: string; timestamp: string }, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${cxmlDoctype}\n<cXML payloadID="${escapeXml(meta.payloadId)}" timestamp="${escapeXml(meta.timestamp)}" version="${cxmlVersion}" xml:lang="en-US">\n${body}\n</cXML>\n`;

const credentialXml = (credential: Credential, withSecret = false) =>
  `<Credential domain="${escapeXml(credential.domain)}"><Identity>${escapeXml(credential.identity)}</Identity>${withSecret && credential.sharedSecret ? `<SharedSecret>${escapeXml(credential.sharedSecret)}</SharedSecret>` : ''}</Credential>`;

/** cXML statuses the portal answers with; the HTTP status is the same number. */
export const cxmlStatusText: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  406: 'Not Acceptable',
  409: 'Conflict',
  500: 'Internal Server Error',
};

export function buildResponse(meta: { payloadId: string; timestamp: string }, code: number, message: string, inner = ''): string {
  const status = `<Status code="${code}" text="${escapeXml(cxmlStatusText[code] ?? 'Error')}">${escapeXml(message)}</Status>`;
  return envelope(meta, `<Response>\n${status}${inner ? `\n${inner}` : ''}\n</Response>`);
}

export function buildSetupResponse(meta: { payloadId: string; timestamp: string }, startPageUrl: string): string {
  return buildResponse(meta, 200, 'success', `<PunchOutSetupResponse><StartPage><URL>${escapeXml(startPageUrl)}</URL></StartPage></PunchOutSetupResponse>`);
}

export interface OrderMessageInput {
  readonly meta: { payloadId: string; timestamp: string };
  /** The parties of the setup request: the message goes back from its `To` to its `From`. */
  readonly buyer: readonly Credential[];
  readonly supplier: readonly Credential[];
  readonly buyerCookie: string;
  readonly lines: readonly TransferLine[];
  readonly tax?: Money;
  readonly language?: string;
}

/** The cart as PunchOutOrderMessage: ItemIn per line with the company's net unit price, Total = sum of line nets. */
export function buildPunchOutOrderMessage(input: OrderMessageInput): string {
  requireUnits(input.lines, 'cxml');
  const currencies = [...new Set(input.lines.map((line) => line.lineNet.currency))];
  if (currencies.length > 1) throw new PunchoutRuleError('MIXED_CURRENCIES', 'A punchout cart must be in one currency');
  const currency = currencies[0] ?? 'EUR';
  const total = { amount: input.lines.reduce((sum, line) => sum + line.lineNet.amount, 0), currency };
  const lang = escapeXml(input.language ?? 'en');
  const supplier = input.supplier.length ? input.supplier : [{ domain: 'NetworkID', identity: 'b2b-portal' }];
  const items = input.lines.map((line, index) => {
    const unspsc = unspscFor(line.categoryId);
    const classification = unspsc
      ? `<Classification domain="UNSPSC">${unspsc}</Classification>`
      : `<Classification domain="SupplierCategory">${escapeXml(line.categoryId)}</Classification>`;
    return [
      `<ItemIn quantity="${decimalQuantity(line.quantity)}" lineNumber="${index + 1}">`,
      `<ItemID><SupplierPartID>${escapeXml(line.sku)}</SupplierPartID>${line.buyerNumber ? `<BuyerPartID>${escapeXml(line.buyerNumber)}</BuyerPartID>` : ''}</ItemID>`,
      '<ItemDetail>',
      `<UnitPrice><Money currency="${line.unitNet.currency}">${decimalFromMinor(line.unitNet)}</Money></UnitPrice>`,
      `<Description xml:lang="${lang}"><ShortName>${escapeXml(cut(line.name, 50))}</ShortName>${escapeXml(line.description || line.name)}</Description>`,
      `<UnitOfMeasure>${unitCode(line.unit, 'cxml')}</UnitOfMeasure>`,
      classification,
      ...(line.leadTimeDays !== undefined ? [`<LeadTime>${line.leadTimeDays}</LeadTime>`] : []),
      '</ItemDetail>',
      '</ItemIn>',
    ].join('');
  });
  const tax = input.tax
    ? `<Tax><Money currency="${input.tax.currency}">${decimalFromMinor(input.tax)}</Money><Description xml:lang="${lang}">VAT</Description></Tax>`
    : '';
  const body = [
    '<Header>',
    `<From>${supplier.map((credential) => credentialXml(credential)).join('')}</From>`,
    `<To>${input.buyer.map((credential) => credentialXml(credential)).join('')}</To>`,
    `<Sender>${supplier.map((credential) => credentialXml(credential)).join('')}<UserAgent>B2B Portal punchout</UserAgent></Sender>`,
    '</Header>',
    '<Message>',
    '<PunchOutOrderMessage>',
    `<BuyerCookie>${escapeXml(input.buyerCookie)}</BuyerCookie>`,
    `<PunchOutOrderMessageHeader operationAllowed="create"><Total><Money currency="${currency}">${decimalFromMinor(total)}</Money></Total>${tax}</PunchOutOrderMessageHeader>`,
    ...items,
    '</PunchOutOrderMessage>',
    '</Message>',
  ].join('\n');
  return envelope(input.meta, body);
}

// ---- checking an OrderRequest against the shop -----------------------------------------------

export interface PricedOrderLine {
  readonly sku: string;
  readonly unit: string;
  readonly unitNet: Money;
  readonly active: boolean;
}

export interface OrderLineProblem {
  readonly lineNumber: number;
  readonly code: 'UNKNOWN_PART' | 'PRICE_MISMATCH' | 'UNIT_MISMATCH' | 'NOT_ORDERABLE';
  readonly message: string;
}

/**
 * Compares the lines of a purchase order with what the shop knows now: every SupplierPartID must be
 * an active product, the unit of measure its code, the unit price exactly the company's price for
 * that quantity (in minor units: no rounding tolerance).
 */
export function checkOrderLines(
  lines: readonly OrderRequestLine[],
  shop: ReadonlyMap<string, PricedOrderLine | undefined>,
  problems: ReadonlyMap<string, string> = new Map(),
): OrderLineProblem[] {
  return lines.flatMap((line): OrderLineProblem[] => {
    const known = shop.get(line.supplierPartId.toUpperCase());
    if (!known || !known.active)
      return [{ lineNumber: line.lineNumber, code: 'UNKNOWN_PART', message: `Line ${line.lineNumber}: unknown SupplierPartID ${line.supplierPartId}` }];
    const problem = problems.get(known.sku);
    if (problem) return [{ lineNumber: line.lineNumber, code: 'NOT_ORDERABLE', message: `Line ${line.lineNumber}: ${problem}` }];
    const expectedUnit = unitCode(known.unit, 'cxml');
    if (
      line.unitOfMeasure &&
      expectedUnit &&
      line.unitOfMeasure.toUpperCase() !== expectedUnit &&
      line.unitOfMeasure.toUpperCase() !== unitCode(known.unit, 'oci')
    ) {
      return [
        { lineNumber: line.lineNumber, code: 'UNIT_MISMATCH', message: `Line ${line.lineNumber}: unit ${line.unitOfMeasure} does not match ${expectedUnit}` },
      ];
    }
    if (line.unitPrice.currency !== known.unitNet.currency || line.unitPrice.amount !== known.unitNet.amount) {
      return [
        {
          lineNumber: line.lineNumber,
          code: 'PRICE_MISMATCH',
          message: `Line ${line.lineNumber}: unit price ${decimalFromMinor(line.unitPrice)} ${line.unitPrice.currency} differs from the agreed ${decimalFromMinor(known.unitNet)} ${known.unitNet.currency}`,
        },
      ];
    }
    return [];
  });
}

/** A stable fingerprint of an order's content: the same orderID with other content is a conflict, not a replay. */
export function orderFingerprint(order: Pick<OrderRequest, 'orderId' | 'lines' | 'total'>): string {
  return JSON.stringify({
    orderId: order.orderId,
    total: order.total,
    lines: order.lines.map((line) => [line.supplierPartId.toUpperCase(), line.quantity, line.unitPrice.amount, line.unitPrice.currency]),
  });
}

// ---- failed credential attempts ---------------------------------------------------------------

/**
 * Limits OCI password / cXML shared secret guesses per credential (username or cXML identity):
 * failures are counted in a window that starts with the first failure; at `maxFailures` the
 * credential is refused — even with the right secret — until the window ends, and each further
 * wrong secret doubles the lock (back-off) up to `maxLockSeconds`. A right secret while locked is
 * refused but does not extend the lock, and a successful entry clears the count.
 */
export const credentialLockout = { maxFailures: 10, windowSeconds: 15 * 60, maxLockSeconds: 24 * 60 * 60 } as const;

/** Failures of one credential; `expiresAt` (epoch seconds) ends the window or lock and is the item's TTL. */
export interface AttemptCounter {
  readonly failures: number;
  readonly expiresAt: number;
}

/** The counter as it stands at `now`: an expired one counts as none (DynamoDB's TTL deletes lazily). */
export const liveCounter = (counter: AttemptCounter | undefined, now: number): AttemptCounter | undefined =>
  counter && counter.expiresAt > now ? counter : undefined;

export const isCredentialLocked = (counter: AttemptCounter | undefined, now: number): boolean =>
  (liveCounter(counter, now)?.failures ?? 0) >= credentialLockout.maxFailures;

/** Where a new window ends. */
export const failureWindowEnd = (now: number): number => now + credentialLockout.windowSeconds;

/** How long the credential stays locked after its `failures`-th failure in the window (none below the limit). */
export function lockedUntil(failures: number, now: number): number | undefined {
  const beyond = failures - credentialLockout.maxFailures;
  if (beyond < 0) return undefined;
  return now + Math.min(credentialLockout.windowSeconds * 2 ** Math.min(beyond, 30), credentialLockout.maxLockSeconds);
}

/** The counter after one more failure at `now` (the repository applies the same steps atomically). */
export function afterFailure(counter: AttemptCounter | undefined, now: number): AttemptCounter {
  const live = liveCounter(counter, now);
  if (!live) return { failures: 1, expiresAt: failureWindowEnd(now) };
  const failures = live.failures + 1;
  return { failures, expiresAt: Math.max(live.expiresAt, lockedUntil(failures, now) ?? 0) };
}
