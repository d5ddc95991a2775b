/**
 * The UI language: react-intl with the catalogs of web/src/i18n/messages, `lang` on the document and
 * the locale of web/src/format.ts kept in step. Signed-in users' choice is stored in their preferences
 * (PUT /me/preferences) and follows them to other browsers; guests keep it in this browser.
 */
import { createContext, Fragment, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { setFormatLocale } from '../format.js';
import { browserLanguage, localeFor, setUiLanguage, storedLanguage, storeLanguage, type Language } from './languages.js';
import { messages, type MessageKey, type MessageValues } from './messages/index.js';

interface LanguageState {
  readonly language: Language;
  /** The user picked it (switcher or preference), as opposed to a default. */
  readonly chosen: boolean;
}

interface LanguageControl extends LanguageState {
  /** A choice of the user: stored in this browser; `persist` also saves it to the signed-in user's preferences. */
  readonly choose: (language: Language, persist?: (language: Language) => Promise<unknown>) => void;
  /** Adopts the signed-in user's language from GET /me unless this browser holds a newer choice. */
  readonly adopt: (user: { readonly language: Language; readonly languageChosen: boolean }) => void;
}

const LanguageContext = createContext<LanguageControl | null>(null);

const initialState = (): LanguageState => {
  const stored = storedLanguage();
  return stored ? { language: stored, chosen: true } : { language: browserLanguage() ?? 'en', chosen: false };
};

const applyToDocument = (language: Language) => {
  setUiLanguage(language);
  setFormatLocale(localeFor(language));
  if (typeof document !== 'undefined') document.documentElement.lang = language;
};

export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [state, setState] = useState<LanguageState>(() => {
    const initial = initialState();
    applyToDocument(initial.language);
    return initial;
  });

  const change = useCallback((next: LanguageState) => {
    applyToDocument(next.language);
    setState((current) => (current.language === next.language && current.chosen === next.chosen ? current : next));
  }, []);

  const choose = useCallback<LanguageControl['choose']>(
    (language, persist) => {
      storeLanguage(language);
      change({ language, chosen: true });
      void persist?.(language).catch(() => undefined);
    },
    [change],
  );

  const adopt = useCallback<LanguageControl['adopt']>(
    (user) => {
      if (user.languageChosen) {
        storeLanguage(user.language);
        change({ language: user.language, chosen: true });
      } else if (!storedLanguage() && !browserLanguage()) change({ language: user.language, chosen: false });
    },
    [change],
  );

  const control = useMemo(() => ({ ...state, choose, adopt }), [state, choose, adopt]);
  return (
    <LanguageContext.Provider value={control}>
      <IntlProvider locale={localeFor(state.language)} messages={messages[state.language]} defaultLocale="en-GB">
        {/* A new language mounts the app again: every page reloads its data (product texts) in it. */}
        <Fragment key={state.language}>{children}</Fragment>
      </IntlProvider>
    </LanguageContext.Provider>
  );
};

export const useLanguage = (): LanguageControl => {
  const control = useContext(LanguageContext);
  if (!control) throw new Error('useLanguage outside I18nProvider');
  return control;
};

export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** `t('cart.title')`, `t('cart.lines', { count })`: the message in the UI language (ICU MessageFormat). */
export const useT = (): Translate => {
  const intl = useIntl();
  return useCallback<Translate>((key, values) => intl.formatMessage({ id: key }, values), [intl]);
};
