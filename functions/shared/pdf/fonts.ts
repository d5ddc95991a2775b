import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { readPdfAsset, type PdfAssetFile } from './assets.js';

/**
 * Fonts of the business documents: Liberation Sans embedded as subsets (PDF/A: every font embedded;
 * metric-compatible with Helvetica; ./assets, read when a document is rendered). Text the font has no glyph for is transliterated
 * ("ẞ" → "SS", "−" → "-") or replaced by "?", never drawn as .notdef.
 */

export interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly italic: PDFFont;
}

// WinAnsi transliteration

/** Characters without a WinAnsi glyph and without a useful Unicode decomposition. */
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ŀ: 'l',
  Ŀ: 'L',
  ŋ: 'n',
  Ŋ: 'N',
  ĸ: 'k',
  ŧ: 't',
  Ŧ: 'T',
  ẞ: 'SS',
  ə: 'e',
  Ə: 'E',
  ƒ: 'f',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2043': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u201B': "'",
  '\u201F': '"',
  '\u2039': '<',
  '\u203A': '>',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2248': '~',
  '\u2116': 'No.',
};

/** Code points Helvetica can draw (pdf-lib's WinAnsi set); filled on first use. */
let winAnsi: ReadonlySet<number> | undefined;

async function winAnsiSet(): Promise<ReadonlySet<number>> {
  if (!winAnsi) {
    const probe = await PDFDocument.create({ updateMetadata: false });
    winAnsi = new Set((await probe.embedFont(StandardFonts.Helvetica)).getCharacterSet());
  }
  return winAnsi;
}

export function transliterate(text: string, allowed: ReadonlySet<number>): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (allowed.has(code)) {
      out += char;
    } else if (Object.hasOwn(TRANSLITERATIONS, char)) {
      out += TRANSLITERATIONS[char];
    } else if (code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000) {
      out += ' ';
    } else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x200b && code <= 0x200f) || code === 0xfeff || (code >= 0x0300 && code <= 0x036f)) {
      // control characters, zero-width characters and stray combining marks: drop
    } else {
      let replacement = '';
      for (const part of char.normalize('NFKD')) {
        const partCode = part.codePointAt(0) ?? 0;
        if (allowed.has(partCode)) replacement += part;
        else if (Object.hasOwn(TRANSLITERATIONS, part)) replacement += TRANSLITERATIONS[part];
      }
      out += replacement === '' ? '?' : replacement;
    }
  }
  return out;
}

/**
 * Text Helvetica (WinAnsi) can draw: kept as is when possible, else transliterated to the closest
 * ASCII/Latin-1 form ("Łódź" → "Lódz", "Gdańsk" → "Gdansk", "−5" → "-5"), else "?".
 */
export async function toWinAnsi(text: string): Promise<string> {
  return transliterate(text, await winAnsiSet());
}

// ---------------------------------------------------------------------------------------------
// Embedded fonts (PDF/A: every font embedded)

type FontStyle = 'regular' | 'bold' | 'italic';
const FONT_FILES: Readonly<Record<FontStyle, PdfAssetFile>> = {
  regular: 'LiberationSans-Regular.ttf',
  bold: 'LiberationSans-Bold.ttf',
  italic: 'LiberationSans-Italic.ttf',
};
const fontData = (style: FontStyle): Promise<Uint8Array> => readPdfAsset(FONT_FILES[style]);

/** Code points all three embedded styles have a glyph for (what the documents may draw). */
let embeddedCharacters: Promise<ReadonlySet<number>> | undefined;
export function embeddedCharacterSet(): Promise<ReadonlySet<number>> {
  embeddedCharacters ??= (async () => {
    const [regular, ...others] = await Promise.all(
      (['regular', 'bold', 'italic'] as const).map(async (style) => new Set(fontkit.create((await fontData(style)) as Buffer).characterSet)),
    );
    // Without shaping, format characters and lone combining marks would print as boxes or misplaced marks: leave them to `transliterate`.
    const drawable = (code: number) =>
      code >= 0x20 &&
      !(code >= 0x7f && code <= 0x9f) &&
      !(code >= 0x0300 && code <= 0x036f) &&
      !(code >= 0x2000 && code <= 0x200f) &&
      !(code >= 0x2028 && code <= 0x202f) &&
      !(code >= 0x205f && code <= 0x206f) &&
      code !== 0xfeff;
    return new Set([...(regular ?? [])].filter((code) => drawable(code) && others.every((set) => set.has(code))));
  })();
  // Not cached when a font file could not be read.
  embeddedCharacters.catch(() => (embeddedCharacters = undefined));
  return embeddedCharacters;
}

/** Text the embedded fonts can draw: as is where they have the glyphs (Polish, German, French …), else transliterated, else "?". */
export async function toEmbeddedText(text: string): Promise<string> {
  return transliterate(text, await embeddedCharacterSet());
}

/** Subset tags are fixed (the document stays deterministic), six capitals + "+" as PDF asks of subsets. */
const SUBSET_NAMES: Readonly<Record<FontStyle, string>> = {
  regular: 'BPORTA+LiberationSans',
  bold: 'BPORTB+LiberationSans-Bold',
  italic: 'BPORTC+LiberationSans-Italic',
};

/**
 * pdf-lib has fontkit parse the font file again for every document and style (≈ 50 ms CPU per invoice,
 * most of a saga step's time), and shape every string again each time it measures or draws it. A parsed
 * font only caches tables and glyphs, and pdf-lib makes each document's subset from it anew, so every file
 * is parsed once per process (the bytes are read once too), and the glyph runs of the texts it shapes are
 * kept (pdf-lib only reads their glyphs; labels, headings and numbers repeat across documents).
 */
type ParsedFont = ReturnType<typeof fontkit.create>;
const parsedFonts = new WeakMap<Uint8Array, ParsedFont>();
const MAX_KEPT_LAYOUTS = 20_000;

function keepingLayouts(font: ParsedFont): ParsedFont {
  const shape = font.layout.bind(font);
  const layouts = new Map<string, ReturnType<ParsedFont['layout']>>();
  font.layout = (text, features, ...more) => {
    if (more.length || typeof text !== 'string') return shape(text, features, ...more);
    const key = `${features ? JSON.stringify(features) : ''}\u0000${text}`;
    let run = layouts.get(key);
    if (!run) {
      if (layouts.size >= MAX_KEPT_LAYOUTS) layouts.clear();
      run = shape(text, features);
      layouts.set(key, run);
    }
    return run;
  };
  return font;
}

const parsingOnce: typeof fontkit = {
  ...fontkit,
  create(data, postscriptName) {
    if (postscriptName) return fontkit.create(data, postscriptName);
    let font = parsedFonts.get(data);
    if (!font) {
      font = keepingLayouts(fontkit.create(data));
      parsedFonts.set(data, font);
    }
    return font;
  },
};

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(parsingOnce);
  const embed = async (style: FontStyle) => doc.embedFont(await fontData(style), { subset: true, customName: SUBSET_NAMES[style] });
  return { regular: await embed('regular'), bold: await embed('bold'), italic: await embed('italic') };
}
