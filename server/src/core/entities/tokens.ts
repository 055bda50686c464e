/** Word tokens with Unicode word boundaries (Intl.Segmenter), the unit every entity match is made of. */
import type { Span } from '../text';

export interface Token extends Span {
  text: string;
  /** Case-folded form used as the match key. */
  key: string;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const apostrophes = /['’ʼ]/g;

export function foldCase(text: string): string {
  return text.normalize('NFC').replace(apostrophes, '’').toLowerCase();
}

/** The word-like segments of `text.slice(span.start, span.end)`, with offsets into `text`. */
export function wordTokens(text: string, span: Span = { start: 0, end: text.length }): Token[] {
  const tokens: Token[] = [];
  for (const segment of segmenter.segment(text.slice(span.start, span.end))) {
    if (!segment.isWordLike) continue;
    const start = span.start + segment.index;
    tokens.push({ start, end: start + segment.segment.length, text: segment.segment, key: foldCase(segment.segment) });
  }
  return tokens;
}

/** What stands between two tokens, as a match key: any run of spaces is one space. */
export function separatorKey(between: string): string {
  return between.replace(/[\s\u00a0\u202f]+/gu, ' ');
}

export const uppercaseStart = /^\p{Lu}/u;
export const lowercaseStart = /^\p{Ll}/u;
