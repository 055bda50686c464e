/** Word tokens with Unicode word boundaries (UAX #29), the unit every entity match is made of. */
import type { Span } from '../text';

export interface Token extends Span {
  text: string;
  /** Case-folded form used as the match key. */
  key: string;
}

// Characters that never break a word and belong to the character before them (UAX #29, WB4).
const extend = '\\p{M}\\u00AD\\u200C\\u200D';
// Punctuation that joins two letters ("dell’Huawei", "U.S") or two digits ("3,5", "1.000") into one word.
const midLetter = "[:·’‘'.\\u0387\\u05F4\\u2024\\u2027\\uFE13\\uFE52\\uFE55\\uFF07\\uFF0E\\uFF1A]";
const midNumber = "[,;.’‘'\\u037E\\u0589\\u060C\\u060D\\u066C\\u07F8\\u2024\\u2044\\uFE10\\uFE14\\uFE50\\uFE52\\uFE54\\uFF07\\uFF0C\\uFF0E\\uFF1B]";

// What a code point can be in a word, as bits. A word is an optional run of connectors (`_`) not preceded by one,
// a letter or digit, then letters, digits, connectors and extenders, where a mid-letter joins two letters and a
// mid-number two digits (extenders between them and it do not count).
const letter = 1;
const digit = 2;
const connector = 4;
const extender = 8;
const midLetterBit = 16;
const midNumberBit = 32;
// Scripts written without spaces need the segmenter's dictionaries; text holding them is segmented by it.
const dictionaryScript = 64;
// Set on every classified code point, so that 0 means "not classified yet".
const classified = 128;
const wordUnit = letter | digit | connector | extender;
const classPatterns: ReadonlyArray<[RegExp, number]> = [
  [/^\p{L}$/u, letter],
  [/^\p{Nd}$/u, digit],
  [/^\p{Pc}$/u, connector],
  [new RegExp(`^[${extend}]$`, 'u'), extender],
  [new RegExp(`^${midLetter}$`, 'u'), midLetterBit],
  [new RegExp(`^${midNumber}$`, 'u'), midNumberBit],
  [/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u, dictionaryScript],
];
// Classes are found with the Unicode properties of the regular expression engine, once per code point met.
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function classOf(codePoint: number): number {
  let bits = codePoint < 0x10000 ? bmpClasses[codePoint] : astralClasses.get(codePoint) ?? 0;
  if (bits !== 0) return bits;
  const character = String.fromCodePoint(codePoint);
  bits = classified;
  for (const [pattern, bit] of classPatterns) if (pattern.test(character)) bits |= bit;
  if (codePoint < 0x10000) bmpClasses[codePoint] = bits;
  else astralClasses.set(codePoint, bits);
  return bits;
}

/** The code point at `i`, a pair only when both halves lie before `end`. */
function codePointAt(text: string, i: number, end: number): number {
  const high = text.charCodeAt(i);
  if (high >= 0xd800 && high <= 0xdbff && i + 1 < end) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return high;
}

/** The code point that ends at `i`, a pair only when both halves lie from `start` on. */
function codePointBefore(text: string, i: number, start: number): number {
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i - 2 >= start) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

const widthOf = (codePoint: number) => (codePoint > 0xffff ? 2 : 1);

/** Whether the text between `start` and `end` holds a script written without spaces. */
function holdsDictionaryScript(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    // Thai, the first of these scripts, starts at U+0E00: most text never needs a class looked up here.
    if (text.charCodeAt(i) < 0xe00) continue;
    const codePoint = codePointAt(text, i, end);
    if (classOf(codePoint) & dictionaryScript) return true;
    if (codePoint > 0xffff) i++;
  }
  return false;
}

/** The class of the first code point from `i` on that is not an extender, or 0 at `end`. */
function classAfterExtenders(text: string, i: number, end: number): number {
  while (i < end) {
    const codePoint = codePointAt(text, i, end);
    const bits = classOf(codePoint);
    if ((bits & extender) === 0) return bits;
    i += widthOf(codePoint);
  }
  return 0;
}

/** The class of the last code point before `i` that is not an extender, or 0 at `start`. */
function classBeforeExtenders(text: string, i: number, start: number): number {
  while (i > start) {
    const codePoint = codePointBefore(text, i, start);
    const bits = classOf(codePoint);
    if ((bits & extender) === 0) return bits;
    i -= widthOf(codePoint);
  }
  return 0;
}

/** Where the run of code points of class `bits` that starts at `i` ends. */
function skipClass(text: string, i: number, end: number, bits: number): number {
  while (i < end) {
    const codePoint = codePointAt(text, i, end);
    if ((classOf(codePoint) & bits) === 0) return i;
    i += widthOf(codePoint);
  }
  return end;
}

/**
 * The word segments of UAX #29 as `Intl.Segmenter` finds them in alphabetic scripts, by one scan of the text
 * between `start` and `end` (nothing outside counts, as if it were cut out): the segmenter is some hundred times
 * slower and grows faster than the text, and the regular expression this replaced, with its lookbehinds, took
 * twice as long over the bench's articles.
 */
function scanWords(text: string, start: number, end: number, push: (start: number, end: number) => void): void {
  let i = start;
  while (i < end) {
    const codePoint = codePointAt(text, i, end);
    const bits = classOf(codePoint);
    const width = widthOf(codePoint);
    let wordEnd: number;
    if (bits & (letter | digit)) {
      wordEnd = i + width;
    } else if (bits & connector && (i === start || (classOf(codePointBefore(text, i, start)) & connector) === 0)) {
      // Leading connectors ("_Leica") belong to the word only when a letter or digit follows them.
      const after = skipClass(text, i, end, connector);
      if (after === end || (classOf(codePointAt(text, after, end)) & (letter | digit)) === 0) {
        i += width;
        continue;
      }
      wordEnd = after + widthOf(codePointAt(text, after, end));
    } else {
      i += width;
      continue;
    }
    wordEnd = skipClass(text, wordEnd, end, wordUnit);
    while (wordEnd < end) {
      const mid = codePointAt(text, wordEnd, end);
      const midBits = classOf(mid);
      if ((midBits & (midLetterBit | midNumberBit)) === 0) break;
      const before = classBeforeExtenders(text, wordEnd, start);
      const after = classAfterExtenders(text, wordEnd + widthOf(mid), end);
      const joins = (midBits & midLetterBit && before & letter && after & letter) || (midBits & midNumberBit && before & digit && after & digit);
      if (!joins) break;
      wordEnd = skipClass(text, wordEnd + widthOf(mid), end, wordUnit);
    }
    push(i, wordEnd);
    i = wordEnd;
  }
}

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const apostrophes = /['’ʼ]/g;

/**
 * The match key of a word: NFC, apostrophes curly, lower case. Text below U+0300 (Latin-1 and Latin Extended, no
 * combining marks) is already NFC, as an exhaustive check of every character and pair of them shows; most words
 * are, and skip the normalisation.
 */
export function foldCase(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x300 || code === 0x27 || code === 0x2bc) return text.normalize('NFC').replace(apostrophes, '’').toLowerCase();
  }
  return text.toLowerCase();
}

// The entity matcher, the candidate finder and the misspelling rule each read the same regions of one article.
// A new map for each article, not the old one cleared: V8 gives a cleared map its new table in the old generation
// when the old table is there, so once this map had been promoted, every later article's tokens were held from the
// old generation through each young collection, and promoted (some 95 % of the tokens an indexing thread made).
let memoText: string | undefined;
let memo = new Map<string, readonly Token[]>();

/** The word-like segments of `text.slice(span.start, span.end)`, with offsets into `text`. */
export function wordTokens(text: string, span: Span = { start: 0, end: text.length }): readonly Token[] {
  if (text !== memoText) {
    memoText = text;
    memo = new Map();
  }
  const key = `${span.start}:${span.end}`;
  let tokens = memo.get(key);
  if (!tokens) memo.set(key, (tokens = segmentWords(text, span)));
  return tokens;
}

function segmentWords(text: string, span: Span): Token[] {
  const tokens: Token[] = [];
  const push = (start: number, word: string) => tokens.push({ start, end: start + word.length, text: word, key: foldCase(word) });
  if (!holdsDictionaryScript(text, span.start, span.end)) {
    scanWords(text, span.start, span.end, (start, end) => push(start, text.slice(start, end)));
    return tokens;
  }
  for (const piece of segmenterPieces(text.slice(span.start, span.end))) {
    for (const segment of segmenter.segment(piece.text)) if (segment.isWordLike) push(span.start + piece.start + segment.index, segment.segment);
  }
  return tokens;
}

const segmenterPieceLength = 1000;
const breakCharacter = /[\s\p{P}]/u;

/**
 * The text in pieces the segmenter can take: its time grows with the square of what it is given. Pieces end at
 * a line break, else at a space or punctuation, where no word goes on; only a run of 1,000 characters without
 * either is cut blindly.
 */
function segmenterPieces(text: string): Array<{ start: number; text: string }> {
  const pieces: Array<{ start: number; text: string }> = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + segmenterPieceLength);
    const newline = text.indexOf('\n', start);
    if (newline !== -1 && newline < end) end = newline + 1;
    else if (end < text.length) {
      let cut = end - 1;
      while (cut > start && !breakCharacter.test(text[cut])) cut--;
      if (cut > start) end = cut + 1;
    }
    pieces.push({ start, text: text.slice(start, end) });
    start = end;
  }
  return pieces;
}

/** What stands between two tokens, as a match key: any run of spaces is one space. */
export function separatorKey(between: string): string {
  return between.replace(/[\s\u00a0\u202f]+/gu, ' ');
}

export const uppercaseStart = /^\p{Lu}/u;
export const lowercaseStart = /^\p{Ll}/u;
