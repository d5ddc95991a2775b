import { useT, useLanguage } from '../i18n/I18n.js';
import { isLanguage, languageNames, languages, type Language } from '../i18n/languages.js';

/** The language menu of shop and console; `save` stores a signed-in user's choice in their preferences. */
export const LanguageSwitcher = ({ save }: { save?: ((language: Language) => Promise<unknown>) | undefined }) => {
  const t = useT();
  const { language, choose } = useLanguage();
  return (
    <select
      className="language-switcher"
      aria-label={t('common.language')}
      value={language}
      onChange={(event) => {
        if (isLanguage(event.target.value)) choose(event.target.value, save);
      }}
      data-testid="language-switcher"
    >
      {languages.map((code) => (
        <option key={code} value={code} lang={code}>
          {languageNames[code]}
        </option>
      ))}
    </select>
  );
};
