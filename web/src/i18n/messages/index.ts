/**
 * All UI message catalogs, one module per area (each defines English, German and Polish together, see
 * ../define.ts). Keys are `<area>.<name>` (and `errors.<API error code>` in any area); test/unit/i18n.test.ts checks that they parse as ICU
 * MessageFormat, use the same arguments in every language and appear in one area only.
 */
import type { Language } from '../languages.js';
import { accountMessages } from './account.js';
import { authMessages } from './auth.js';
import { cartMessages } from './cart.js';
import { catalogMessages } from './catalog.js';
import { checkoutMessages } from './checkout.js';
import { checkoutOptionsMessages } from './checkoutOptions.js';
import { commonMessages } from './common.js';
import { consoleMessages } from './console.js';
import { consoleOrdersMessages } from './consoleOrders.js';
import { documentsMessages } from './documents.js';
import { errorsMessages } from './errors.js';
import { groupbuyMessages } from './groupbuy.js';
import { listsMessages } from './lists.js';
import { ordersMessages } from './orders.js';
import { punchoutMessages } from './punchout.js';
import { quotesMessages } from './quotes.js';
import { registrationMessages } from './registration.js';
import { returnsMessages } from './returns.js';
import { searchMessages } from './search.js';
import { shellMessages } from './shell.js';

export const messageAreas = {
  common: commonMessages,
  shell: shellMessages,
  search: searchMessages,
  errors: errorsMessages,
  cart: cartMessages,
  checkout: checkoutMessages,
  checkoutOptions: checkoutOptionsMessages,
  catalog: catalogMessages,
  orders: ordersMessages,
  documents: documentsMessages,
  quotes: quotesMessages,
  groupbuy: groupbuyMessages,
  returns: returnsMessages,
  lists: listsMessages,
  registration: registrationMessages,
  punchout: punchoutMessages,
  account: accountMessages,
  auth: authMessages,
  consoleOrders: consoleOrdersMessages,
  console: consoleMessages,
} as const;

type Area = (typeof messageAreas)[keyof typeof messageAreas];
export type MessageKey = Area extends infer Each ? (Each extends { readonly en: infer English } ? keyof English & string : never) : never;
export type MessageValues = Record<string, string | number | Date>;

export const messages: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = Object.fromEntries(
  (['de', 'pl', 'en'] as const).map((language) => [language, Object.assign({}, ...Object.values(messageAreas).map((area) => area[language]))]),
) as Record<Language, Record<MessageKey, string>>;
