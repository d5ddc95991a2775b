import { describe, expect, it } from 'vitest';
import {
  compoundDictionary,
  createAnalyzer,
  decompound,
  foldDiacritics,
  looksLikeIdentifier,
  normaliseIdentifier,
  stem,
  tokenize,
} from '../../functions/catalog/search/analysis.js';

describe('identifier normalisation', () => {
  it.each([
    ['DIN-933 M8x40', 'DIN933M8X40'],
    ['din933.m8x40', 'DIN933M8X40'],
    ['4 006 381 333 931', '4006381333931'],
    ['FAS/M8-040_A2', 'FASM8040A2'],
    ['  fas-m8  ', 'FASM8'],
  ])('%s → %s', (raw, normalised) => expect(normaliseIdentifier(raw)).toBe(normalised));

  it('tells article numbers from words', () => {
    expect(looksLikeIdentifier('FAS-M8-040')).toBe(true);
    expect(looksLikeIdentifier('4006381333931')).toBe(true);
    expect(looksLikeIdentifier('FAS 0122')).toBe(true);
    expect(looksLikeIdentifier('w 0057.02/02')).toBe(true);
    expect(looksLikeIdentifier('DIN 933')).toBe(true);
    expect(looksLikeIdentifier('Hex bolt M8')).toBe(false);
    expect(looksLikeIdentifier('M8')).toBe(false);
    expect(looksLikeIdentifier('Schraube')).toBe(false);
  });
});

describe('diacritic folding', () => {
  it.each([
    ['Schlüssel', 'schlussel'],
    ['Schluessel', 'schlussel'],
    ['Straße', 'strasse'],
    ['Dübel', 'dubel'],
    ['Duebel', 'dubel'],
    ['wkręt', 'wkret'],
    ['Śruba sześciokątna', 'sruba szesciokatna'],
    ['Kołek rozporowy', 'kolek rozporowy'],
    ['ŻÓŁW', 'zolw'],
  ])('%s → %s', (text, folded) => expect(foldDiacritics(text)).toBe(folded));

  it('keeps numbers with decimals and sizes as one token', () => {
    expect(tokenize('Kabel NYM-J 3x1.5, 0,5 l M8x40')).toEqual(['kabel', 'nym', 'j', '3x1.5', '0,5', 'l', 'm8x40']);
  });
});

describe('stemming', () => {
  it('reduces German, Polish and English inflections to one stem', () => {
    expect(stem('schrauben', 'de')).toBe(stem('schraube', 'de'));
    expect(stem('muttern', 'de')).toBe(stem('mutter', 'de'));
    expect(stem(foldDiacritics('wkręty'), 'pl')).toBe(stem(foldDiacritics('wkręt'), 'pl'));
    expect(stem(foldDiacritics('wkrętów'), 'pl')).toBe('wkret');
    expect(stem('screws', 'en')).toBe('screw');
    expect(stem('pliers', 'en')).toBe('plier');
  });

  it('leaves numbers and short words alone', () => {
    expect(stem('m8x40', 'de')).toBe('m8x40');
    expect(stem('box', 'de')).toBe('box');
    expect(stem('ring', 'de')).toBe('ring');
  });
});

describe('German decompounding with the word list', () => {
  const dictionary = compoundDictionary(['Terrasse', 'Schraube', 'Sechskant']);

  it('splits compounds with linking elements into known words', () => {
    expect(decompound('terrassenschraube', dictionary)).toEqual(['terrasse', 'schraube']);
    expect(decompound('holzschraube', dictionary)).toEqual(['holz', 'schraube']);
    expect(decompound('sicherheitsschuh', dictionary)).toEqual(['sicherheit', 'schuh']);
    expect(decompound('sechskantmutter', dictionary)).toEqual(['sechskant', 'mutter']);
  });

  it('does not split words that are no compound of known words', () => {
    expect(decompound('schraube', dictionary)).toEqual([]);
    expect(decompound('wkret', dictionary)).toEqual([]);
    expect(decompound('m8x40', dictionary)).toEqual([]);
    // A compound that is itself a catalog word still splits into its parts.
    expect(decompound('terrassenschraube', compoundDictionary(['Terrassenschraube']))).toEqual(['terrasse', 'schraube']);
  });

  it('lets "Terrassenschraube" and "Terrassen Schraube" find each other', () => {
    const analyzer = createAnalyzer('de', dictionary);
    const indexed = new Set(analyzer.indexTerms('Terrassenschraube A2 5x60'));
    for (const term of analyzer.queryTerms('Terrassen Schraube')) expect(indexed).toContain(term);
    const separate = new Set(analyzer.indexTerms('Terrassen-Schraube A2 5x60'));
    for (const term of analyzer.queryTerms('Terrassenschrauben')) expect(separate).toContain(term);
  });

  it('lets Polish words match with and without diacritics', () => {
    const analyzer = createAnalyzer('pl', compoundDictionary());
    const indexed = new Set(analyzer.indexTerms('Wkręty do drewna'));
    for (const term of analyzer.queryTerms('wkret drewno')) expect(indexed).toContain(term);
  });
});
