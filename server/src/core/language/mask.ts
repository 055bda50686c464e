/**
 * What language detection leaves out of a paragraph: configured names, and URLs, e-mail addresses, words with
 * digits and acronyms, which say nothing of the language they stand in.
 */
import { isWhitespace } from '../text';

const letter = 1;
const digit = 2;
const upper = 4;
const space = 8;
/** Per UTF-16 code unit: `letter` (\p{L}), `digit` (\p{N}), `upper` (\p{Lu}), `space` (\s); made on first use. */
let unitClasses: Uint8Array | undefined;

function classOf(codePoint: number): number {
  if (codePoint <= 0xffff) {
    if (!unitClasses) {
      unitClasses = new Uint8Array(0x10000);
      for (let unit = 0; unit < 0x10000; unit++) unitClasses[unit] = classOfCharacter(String.fromCharCode(unit));
    }
    return unitClasses[codePoint];
  }
  return classOfCharacter(String.fromCodePoint(codePoint));
}

function classOfCharacter(character: string): number {
  return (/\p{L}/u.test(character) ? letter : 0) | (/\p{N}/u.test(character) ? digit : 0) | (/\p{Lu}/u.test(character) ? upper : 0) | (/\s/u.test(character) ? space : 0);
}

const urlStarts = ['https://', 'http://', 'www.'];

/**
 * The text with each URL, e-mail address, word with a digit (P50, R6) and acronym (CEO, AG) replaced by one space.
 * It is `text.replace(pattern, ' ')` for the pattern the unit test states (a URL from "http://", "https://" or
 * "www." to the next space, anywhere; an address from a space; a run of letters and digits holding a digit; a run
 * of two capitals or more), scanned once: the expression tried four alternatives, three of them with lookbehinds,
 * at every position of every paragraph.
 */
export function maskTokens(text: string): string {
  let masked = '';
  let copied = 0;
  // The code point before `i`: a letter or digit, white space (or the start of the text).
  let afterLetterOrDigit = false;
  let afterSpace = true;
  let i = 0;
  // Where the next URL may start: inside a word too ("xwww.example.org").
  let nextUrl = urlStartFrom(text, 0);
  // An address needs an @: most paragraphs have none, and need not be read word by word for one.
  const mayHoldAddress = text.includes('@');
  while (i < text.length) {
    const codePoint = text.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const kind = classOf(codePoint);
    let end = -1;
    if (codePoint === 0x68 || codePoint === 0x77) end = urlEnd(text, i);
    if (end < 0 && afterSpace && mayHoldAddress) end = addressEnd(text, i);
    if (end < 0 && !afterLetterOrDigit && kind & (letter | digit)) {
      end = wordEnd(text, i);
      if (end < 0) {
        // An ordinary word: nothing in it is masked but a URL that starts inside it, so the scan goes on after the
        // word, or at that start, instead of code point by code point.
        if (nextUrl <= i) nextUrl = urlStartFrom(text, i + 1);
        i = Math.min(~end, nextUrl);
        afterLetterOrDigit = true;
        afterSpace = false;
        continue;
      }
    }
    if (end < 0) {
      afterLetterOrDigit = (kind & (letter | digit)) !== 0;
      afterSpace = (kind & space) !== 0;
      i += width;
      continue;
    }
    masked += text.slice(copied, i) + ' ';
    copied = i = end;
    const last = classOf(codePointBefore(text, end));
    afterLetterOrDigit = (last & (letter | digit)) !== 0;
    afterSpace = (last & space) !== 0;
  }
  return copied === 0 ? text : masked + text.slice(copied);
}

/** The code point that ends at `end`: a pair's, or a lone surrogate's (no match ends inside a pair). */
function codePointBefore(text: string, end: number): number {
  const unit = text.charCodeAt(end - 1);
  const high = end >= 2 ? text.charCodeAt(end - 2) : 0;
  return unit >= 0xdc00 && unit <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? text.codePointAt(end - 2)! : unit;
}

function isSpaceAt(text: string, at: number): boolean {
  return isWhitespace(text.charCodeAt(at));
}

/** The first place from `from` on where a URL start stands, or the text's length. */
function urlStartFrom(text: string, from: number): number {
  let first = text.length;
  for (const start of urlStarts) {
    const at = text.indexOf(start, from);
    if (at !== -1 && at < first) first = at;
  }
  return first;
}

/** A URL start at `at`, then at least one character up to the next space: where it ends, else -1. */
function urlEnd(text: string, at: number): number {
  const start = urlStarts.find((prefix) => text.startsWith(prefix, at));
  if (start === undefined) return -1;
  let end = at + start.length;
  while (end < text.length && !isSpaceAt(text, end)) end++;
  return end > at + start.length ? end : -1;
}

/** `name@host.domain` from `at` (neither part holds a space or an @, the host part a dot inside it): where it ends, else -1. */
function addressEnd(text: string, at: number): number {
  let sign = at;
  while (sign < text.length && text.charCodeAt(sign) !== 0x40 && !isSpaceAt(text, sign)) sign++;
  if (sign === at || sign >= text.length || text.charCodeAt(sign) !== 0x40) return -1;
  let end = sign + 1;
  let dot = false;
  while (end < text.length && text.charCodeAt(end) !== 0x40 && !isSpaceAt(text, end)) {
    // A dot with a character of the host before it and one after.
    if (text.charCodeAt(end) === 0x2e && end > sign + 1 && end + 1 < text.length && text.charCodeAt(end + 1) !== 0x40 && !isSpaceAt(text, end + 1)) dot = true;
    end++;
  }
  return dot ? end : -1;
}

/**
 * The run of letters and digits from `at`: where it ends when it holds a digit or is two capitals or more (it is
 * masked), else the bitwise complement of where it ends (negative).
 */
function wordEnd(text: string, at: number): number {
  let end = at;
  let digits = false;
  let capitals = true;
  let length = 0;
  while (end < text.length) {
    const codePoint = text.codePointAt(end)!;
    const kind = classOf(codePoint);
    if (!(kind & (letter | digit))) break;
    digits ||= (kind & digit) !== 0;
    capitals &&= (kind & upper) !== 0;
    length++;
    end += codePoint > 0xffff ? 2 : 1;
  }
  return digits || (capitals && length >= 2) ? end : ~end;
}

const maskers = new Map<string, (text: string) => string>();

/** The masking for a corpus's configured names: the names (longest first, as whole words), then `maskTokens`. */
export function maskerFor(names: readonly string[]): (text: string) => string {
  const key = names.join('\u0000');
  let masker = maskers.get(key);
  if (!masker) {
    const escaped = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const namePattern = escaped.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : undefined;
    masker = (text) => {
      const withoutNames = namePattern ? text.replace(namePattern, ' ') : text;
      return maskTokens(withoutNames);
    };
    if (maskers.size > 16) maskers.clear();
    maskers.set(key, masker);
  }
  return masker;
}
