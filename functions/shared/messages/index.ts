import { localeOf, type Language } from '../locale.js';
import { de } from './de.js';
import { en, type MessageKey, type Messages } from './en.js';
import { pl } from './pl.js';

/**
 * Server texts per language (PDFs, e-mails, status labels): typed keys, ICU-style messages with
 * `{name}` placeholders and `{count, plural, one {…} few {…} other {…}}` (Intl.PluralRules, `#` is the
 * number). A tiny interpreter, no dependency; a missing parameter stays visible as `{name}`.
 */

export type { MessageKey, Messages };
export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const catalogs: Readonly<Record<Language, Messages>> = { de, pl, en };

/** Index of the brace closing the one at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === '{') depth += 1;
    else if (text[index] === '}') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

function plural(body: string, value: number, rules: Intl.PluralRules, render: (text: string) => string): string {
  const options = new Map<string, string>();
  let rest = body.trim();
  while (rest !== '') {
    const match = /^(=\d+|\w+)\s*\{/.exec(rest);
    if (!match) break;
    const open = match[0].length - 1;
    const end = closing(rest, open);
    if (end < 0) break;
    options.set(match[1]!, rest.slice(open + 1, end));
    rest = rest.slice(end + 1).trim();
  }
  const chosen = options.get(`=${value}`) ?? options.get(rules.select(value)) ?? options.get('other') ?? '';
  return render(chosen.replace(/#/g, String(value)));
}

/** Fills `{name}` and plural blocks of one message. */
export function formatMessage(message: string, params: MessageParams, language: Language): string {
  const rules = new Intl.PluralRules(localeOf(language));
  const render = (text: string): string => {
    let out = '';
    let index = 0;
    while (index < text.length) {
      const open = text.indexOf('{', index);
      if (open < 0) {
        out += text.slice(index);
        break;
      }
      out += text.slice(index, open);
      const end = closing(text, open);
      if (end < 0) {
        out += text.slice(open);
        break;
      }
      const inner = text.slice(open + 1, end);
      const pluralMatch = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
      if (pluralMatch) {
        out += plural(pluralMatch[2] ?? '', Number(params[pluralMatch[1] ?? ''] ?? 0), rules, render);
      } else {
        const name = inner.trim();
        out += Object.hasOwn(params, name) ? String(params[name]) : `{${name}}`;
      }
      index = end + 1;
    }
    return out;
  };
  return render(message);
}

/** The texts of one language: `t('invoice.reference', { number })`. */
export function translator(language: Language): Translate {
  const catalog = catalogs[language];
  return (key, params = {}) => formatMessage(catalog[key] ?? en[key], params, language);
}
