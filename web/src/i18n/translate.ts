/** Messages outside React components (error texts of the API client): the same catalogs, in the current UI language. */
import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { localeFor, uiLanguage, type Language } from './languages.js';
import { messages, type MessageKey, type MessageValues } from './messages/index.js';

const cache = createIntlCache();
const intls = new Map<Language, IntlShape>();

const intlFor = (language: Language): IntlShape => {
  let intl = intls.get(language);
  if (!intl) {
    intl = createIntl({ locale: localeFor(language), messages: messages[language], defaultLocale: 'en-GB' }, cache);
    intls.set(language, intl);
  }
  return intl;
};

export const translate = (key: MessageKey, values?: MessageValues): string => intlFor(uiLanguage()).formatMessage({ id: key }, values);

/** Whether a key exists (error codes come from the API and may be new to this SPA). */
export const hasMessage = (key: string): key is MessageKey => key in messages.en;
