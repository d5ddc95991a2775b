/**
 * Text analysis of the product search, the same for the embedded index and the OpenSearch adapter:
 * identifiers normalised, diacritics folded (ß, umlauts, Polish letters), German compounds split with
 * a word list, words reduced to a light stem. Pure functions: the index and the query run the same code.
 */

export type SearchLanguage = 'de' | 'pl' | 'en';

/**
 * SKU, EAN, MPN and buyers' own numbers as typed in any spelling: case, spaces, dots, dashes, slashes
 * and underscores do not count ("din-933 m8.40" and "DIN933M840" are the same number).
 */
export function normaliseIdentifier(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s./\\_-]+/g, '');
}

/**
 * Whether a query may be an article number typed with blanks ("FAS 0122", "w 0057.02/02", "DIN 933"):
 * it has a digit, and its parts without a digit are short prefixes of at most three letters, so
 * "Hex bolt M8" stays words. Only such queries cost the identifier lookups.
 */
export function looksLikeIdentifier(query: string): boolean {
  const parts = query.trim().split(/\s+/);
  const length = normaliseIdentifier(query).length;
  return length >= 3 && length <= 64 && /\d/.test(query) && parts.every((part) => /\d/.test(part) || part.length <= 3);
}

const letterReplacements: Record<string, string> = { ß: 'ss', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd' };

/**
 * Lower case without diacritics: "Schlüssel" and "Schluessel" both become "schlussel", "wkręt" becomes
 * "wkret", "Straße" becomes "strasse". German transliterations (ae, oe, ue) fold like the umlauts so a
 * keyboard without umlauts finds the same words; index and query fold alike, so nothing is lost.
 */
export function foldDiacritics(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßłøæœđ]/g, (letter) => letterReplacements[letter] ?? letter)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/([a-z])(?:ae|oe|ue)/g, (match, before: string) => `${before}${match[1]}`);
}

/** Words and numbers of a text, folded; "M8x40" stays one token, "18V" too. */
export function tokenize(text: string): string[] {
  return foldDiacritics(text).match(/[\p{L}\p{N}]+(?:[.,][\p{N}]+)?/gu) ?? [];
}

const suffixes: Record<SearchLanguage, readonly string[]> = {
  // Longest first: plural and case endings (Schrauben, Muttern, Scheiben, Dübeln, Bohrers).
  de: ['ern', 'en', 'er', 'es', 'em', 'e', 'n', 's'],
  // Plural and case endings after folding (wkręty, wkrętów, śrubami, śrubach, kołkiem).
  pl: ['ami', 'ach', 'iem', 'ow', 'om', 'ie', 'em', 'y', 'i', 'a', 'e', 'u', 'o'],
  en: ['ies', 'es', 's'],
};

const minimumStem = 3;

/** A light stem: one inflection ending removed, numbers and short words kept as they are. */
export function stem(token: string, language: SearchLanguage): string {
  if (/\d/.test(token) || token.length <= minimumStem + 1) return token;
  for (const suffix of suffixes[language]) {
    if (token.endsWith(suffix) && token.length - suffix.length >= minimumStem) {
      return language === 'en' && suffix === 'ies' ? `${token.slice(0, -3)}y` : token.slice(0, -suffix.length);
    }
  }
  return token;
}

/** Linking elements between the parts of a German compound (Terrasse-n-schraube, Arbeit-s-schuh). */
const linkingElements = ['', 's', 'n', 'en', 'es', 'er'];
const minimumPart = 3;

const inflectionEndings = ['ern', 'en', 'er', 'es', 'e', 'n', 's'];

/** A dictionary word, also inflected ("schrauben" for "schraube"). */
const isKnownWord = (part: string, dictionary: ReadonlySet<string>): boolean =>
  dictionary.has(part) ||
  inflectionEndings.some((ending) => part.endsWith(ending) && part.length - ending.length >= minimumPart && dictionary.has(part.slice(0, -ending.length)));

/**
 * The parts of a compound word, each a word of `dictionary` (folded words, any inflection), or an
 * empty list when the word is no compound of known words. Prefers the split into the fewest parts.
 * "terrassenschraube" with {terrasse, schraube} → ["terrasse", "schraube"].
 */
export function decompound(word: string, dictionary: ReadonlySet<string>): string[] {
  if (word.length < 2 * minimumPart || /\d/.test(word)) return [];
  // best[i]: the fewest parts that spell word[0, i), or undefined.
  const best: (string[] | undefined)[] = new Array(word.length + 1).fill(undefined);
  best[0] = [];
  for (let end = minimumPart; end <= word.length; end++) {
    for (let start = 0; start <= end - minimumPart; start++) {
      const before = best[start];
      if (before === undefined || (start === 0 && end === word.length)) continue;
      const piece = word.slice(start, end);
      for (const link of start === 0 ? [''] : linkingElements) {
        if (!piece.startsWith(link)) continue;
        const part = piece.slice(link.length);
        if (part.length < minimumPart || !isKnownWord(part, dictionary)) continue;
        const candidate = [...before, part];
        const current = best[end];
        if (current === undefined || candidate.length < current.length) best[end] = candidate;
      }
    }
  }
  const parts = best[word.length];
  return parts !== undefined && parts.length > 1 ? parts : [];
}

/**
 * German word list of the trade (fasteners, tools, building, installation) for decompounding; the
 * index adds every word of the catalog's own texts, so a compound of two catalog words splits too.
 */
export const tradeWords: readonly string[] = [
  'terrasse',
  'schraube',
  'holz',
  'sechskant',
  'mutter',
  'scheibe',
  'unterleg',
  'dubel',
  'duebel',
  'spax',
  'senk',
  'kopf',
  'gewinde',
  'stange',
  'bohrer',
  'stein',
  'beton',
  'metall',
  'stahl',
  'edelstahl',
  'kunststoff',
  'nylon',
  'rahmen',
  'anker',
  'winkel',
  'schleifer',
  'schleif',
  'trenn',
  'fach',
  'lamelle',
  'papier',
  'blatt',
  'sage',
  'stich',
  'akku',
  'bohr',
  'hammer',
  'schlag',
  'schrauber',
  'dreher',
  'zange',
  'kombi',
  'ring',
  'maul',
  'schlussel',
  'steck',
  'nuss',
  'hand',
  'schuh',
  'arbeit',
  'sicherheit',
  'schutz',
  'brille',
  'helm',
  'gehor',
  'kapsel',
  'kabel',
  'binder',
  'dose',
  'abzweig',
  'install',
  'installation',
  'rohr',
  'press',
  'fitting',
  'bogen',
  'kugel',
  'hahn',
  'ventil',
  'kupplung',
  'klemm',
  'reiniger',
  'brems',
  'fett',
  'ol',
  'spray',
  'kette',
  'schmier',
  'kleb',
  'band',
  'stretch',
  'folie',
  'falt',
  'karton',
  'luft',
  'polster',
  'werk',
  'bank',
  'schrank',
  'leiter',
  'stufen',
  'lager',
  'box',
  'sanitar',
  'silikon',
  'montage',
  'schaum',
  'bau',
  'kleber',
  'dicht',
  'masse',
];

/** Builds the folded decompounding dictionary from the trade words and the catalog's own words. */
export function compoundDictionary(extraWords: Iterable<string> = []): Set<string> {
  const words = new Set<string>();
  for (const word of [...tradeWords, ...extraWords]) {
    for (const token of tokenize(word)) if (token.length >= minimumPart && !/\d/.test(token)) words.add(token);
  }
  return words;
}

export interface Analyzer {
  readonly language: SearchLanguage;
  /** Terms to index for a text: every word's stem plus the stems of its compound parts. */
  indexTerms(text: string): string[];
  /** Terms a query word must match: a compound is replaced by its parts, so "Terrassenschraube" finds "Terrassen-Schraube". */
  queryTerms(text: string): string[];
}

export function createAnalyzer(language: SearchLanguage, dictionary: ReadonlySet<string>): Analyzer {
  const partsOf = (token: string) => decompound(token, dictionary);
  return {
    language,
    indexTerms(text) {
      const terms: string[] = [];
      for (const token of tokenize(text)) {
        terms.push(stem(token, language));
        for (const part of partsOf(token)) terms.push(stem(part, language));
      }
      return terms;
    },
    queryTerms(text) {
      const terms: string[] = [];
      for (const token of tokenize(text)) {
        const parts = partsOf(token);
        if (parts.length > 0) for (const part of parts) terms.push(stem(part, language));
        else terms.push(stem(token, language));
      }
      return terms;
    },
  };
}
