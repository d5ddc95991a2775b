import { join, relative } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { languages } from '../../web/src/i18n/languages.js';
import { messageAreas } from '../../web/src/i18n/messages/index.js';
import { hardCodedTexts, tsxFiles, webRoot } from '../support/ui-text-scan.js';
import { untranslatedFiles } from './i18n-untranslated.js';

/** The UI message catalogs (issue 16): complete in de, pl and en, valid ICU, and no UI text left in the components. */

const pluralCategories = { en: ['one', 'other'], de: ['one', 'other'], pl: ['one', 'few', 'many', 'other'] } as const;

/** Argument names of a message and the plural categories each plural argument covers. */
function argumentsOf(elements: MessageFormatElement[], found = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (!found.has(element.value)) found.set(element.value, new Set());
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const [category, option] of Object.entries(element.options)) {
        if (element.type === TYPE.plural) found.get(element.value)!.add(category);
        argumentsOf(option.value, found);
      }
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, found);
  }
  return found;
}

describe('UI message catalogs', () => {
  const areas = Object.entries(messageAreas) as [string, Record<(typeof languages)[number], Record<string, string>>][];

  it('have the same keys in every language, each key in one area, named after it (or errors.<CODE>)', () => {
    const seen = new Map<string, string>();
    for (const [name, area] of areas) {
      const keys = Object.keys(area.en).sort();
      for (const language of languages) expect(Object.keys(area[language]).sort(), `${name} (${language})`).toEqual(keys);
      for (const key of keys) {
        expect(seen.get(key), `${key} in ${name} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, name);
        expect(key.split('.')[0] === name || key.startsWith('errors.'), `${key} belongs to area ${name}`).toBe(true);
      }
    }
  });

  it('are ICU messages with the same arguments in every language and all plural forms of the language', () => {
    for (const [, area] of areas) {
      for (const key of Object.keys(area.en)) {
        const english = argumentsOf(parse(area.en[key]!));
        for (const language of languages) {
          const text = area[language][key] ?? '';
          expect(text.trim(), `${key} (${language}) is empty`).not.toBe('');
          const used = argumentsOf(parse(text));
          expect([...used.keys()].sort(), `${key} (${language}) arguments`).toEqual([...english.keys()].sort());
          for (const [argument, categories] of used) {
            if (categories.size === 0) continue;
            for (const category of pluralCategories[language])
              expect(categories.has(category), `${key} (${language}) {${argument}} lacks "${category}"`).toBe(true);
          }
        }
      }
    }
  });
});

describe('SPA components', () => {
  const files = tsxFiles(webRoot);
  const pending = new Set(untranslatedFiles);

  it('show no hard-coded UI text: every word comes from a message catalog', () => {
    const offending = files.filter((file) => !pending.has(relative(webRoot, file))).flatMap(hardCodedTexts);
    expect(offending).toEqual([]);
  });

  it('list only files that still have hard-coded text as not yet translated', () => {
    const done = [...pending].filter((name) => hardCodedTexts(join(webRoot, name)).length === 0);
    expect(done, 'translated: remove them from test/unit/i18n-untranslated.ts').toEqual([]);
  });
});
