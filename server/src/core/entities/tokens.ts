/** Word tokens with Unicode word boundaries (UAX #29), the unit every entity match is made of. */
import type { Span } from '../text';

export interface Token extends Span {
  text: string;
  /** Case-folded form used as the match key. */
  key: string;
}

// Characters that never break a word and belong to the character before them (UAX #29, WB4).
const extend = '\\p{M}\\u00AD\\u200C\\u200D';
const unit = `[\\p{L}\\p{Nd}\\p{Pc}${extend}]`;
// Punctuation that joins two letters ("dell’Huawei", "U.S") or two digits ("3,5", "1.000") into one word.
const midLetter = "[:·’‘'.\\u0387\\u05F4\\u2024\\u2027\\uFE13\\uFE52\\uFE55\\uFF07\\uFF0E\\uFF1A]";
const midNumber = "[,;.’‘'\\u037E\\u0589\\u060C\\u060D\\u066C\\u07F8\\u2024\\u2044\\uFE10\\uFE14\\uFE50\\uFE52\\uFE54\\uFF07\\uFF0C\\uFF0E\\uFF1B]";
/**
 * The word segments of UAX #29 as `Intl.Segmenter` finds them in alphabetic scripts, as one linear regular
 * expression: the segmenter is some hundred times slower and grows faster than the text.
 */
const wordPattern = new RegExp(
  `(?:(?<!\\p{Pc})\\p{Pc}+)?[\\p{L}\\p{Nd}]${unit}*` +
    `(?:(?:(?<=\\p{L}[${extend}]*)${midLetter}(?=[${extend}]*\\p{L})|(?<=\\p{Nd}[${extend}]*)${midNumber}(?=[${extend}]*\\p{Nd}))${unit}+)*`,
  'gu',
);
// Scripts written without spaces need the segmenter's dictionaries; lines holding them are segmented by it.
const dictionaryScripts = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const apostrophes = /['’ʼ]/g;

const plainAscii = /^[A-Za-z0-9_]*$/;

export function foldCase(text: string): string {
  return (plainAscii.test(text) ? text : text.normalize('NFC').replace(apostrophes, '’')).toLowerCase();
}

// The entity matcher, the candidate finder and the misspelling rule each read the same regions of one article.
let memoText: string | undefined;
const memo = new Map<string, readonly Token[]>();

/** The word-like segments of `text.slice(span.start, span.end)`, with offsets into `text`. */
export function wordTokens(text: string, span: Span = { start: 0, end: text.length }): readonly Token[] {
  if (text !== memoText) {
    memoText = text;
    memo.clear();
  }
  const key = `${span.start}:${span.end}`;
  let tokens = memo.get(key);
  if (!tokens) memo.set(key, (tokens = segmentWords(text, span)));
  return tokens;
}

function segmentWords(text: string, span: Span): Token[] {
  const tokens: Token[] = [];
  const push = (start: number, word: string) => tokens.push({ start, end: start + word.length, text: word, key: foldCase(word) });
  const slice = text.slice(span.start, span.end);
  if (!dictionaryScripts.test(slice)) {
    for (const m of slice.matchAll(wordPattern)) push(span.start + m.index, m[0]);
    return tokens;
  }
  for (const piece of segmenterPieces(slice)) {
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
