// doublesIn (server/src/core/rules/doubled-word.ts) reads only the words around each space; it must find what the
// expression it replaced found, word by word over the whole line: the same spans, words and excerpts, in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { doublesIn } from '../../server/src/core/rules/doubled-word';
import type { Span } from '../../server/src/core/text';

/** The regex-based doublesIn, as it was: every word of the line found, each compared with the one before. */
function regexDoubles(text: string, line: Span): ReturnType<typeof doublesIn> {
  const doubles: ReturnType<typeof doublesIn> = [];
  let previous: Span | undefined;
  for (const m of text.slice(line.start, line.end).matchAll(/[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu)) {
    const start = line.start + m.index;
    const end = start + m[0].length;
    const current = m[0].toLowerCase();
    if (previous && start === previous.end + 1 && text[previous.end] === ' ' && text.slice(previous.start, previous.end).toLowerCase() === current && /\p{L}/u.test(current)) {
      doubles.push({ span: { start: previous.end, end }, word: current, written: m[0], excerpt: text.slice(previous.start, end) });
    }
    previous = { start, end };
  }
  return doubles;
}

// Characters that end or join words, change length in lower case or become ASCII in it (the Kelvin sign), and
// surrogates alone and in pairs.
const hostileCharacter = fc.constantFrom('a', 'A', 'b', 'B', 'k', 'K', 'z', 'Z', '0', '1', ' ', ' ', ' ', '\u00a0', '\t', "'", '’', '-', '.', '\u0301', 'İ', 'i', 'ẞ', 'ß', 'Σ', 'σ', 'ς', '\u212a', '𝐀', '𝐚', '\ud835', '\udc00', 'д');
const repeatedWord = fc.constantFrom('die die', 'Die die', 'baut baut', 'l’arrivo l’arrivo', 'a-b a-b', '1 1', 'İ i̇', 'ẞ ß', 'Σ σ', '𝐀 𝐀', 'k \u212a', 'aΣ aς', "a-'b b", 'x’-y y', 'é é');
const line = fc.oneof(
  fc.array(fc.oneof(hostileCharacter, repeatedWord), { maxLength: 40 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
/** A text and a line of it anywhere, cutting surrogate pairs and words as it may. */
const textAndLine = fc.tuple(line, fc.nat(), fc.nat()).map(([text, a, b]) => {
  const [start, end] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
  return { text, line: { start, end } };
});

test('doublesIn finds what the word expression found, on whole texts', () => {
  fc.assert(
    fc.property(line, (text) => assert.deepEqual(doublesIn(text, { start: 0, end: text.length }), regexDoubles(text, { start: 0, end: text.length }), JSON.stringify(text))),
    { numRuns: 20_000 },
  );
});

test('doublesIn finds what the word expression found, on a line cut out of a text', () => {
  fc.assert(
    fc.property(textAndLine, ({ text, line }) => assert.deepEqual(doublesIn(text, line), regexDoubles(text, line), JSON.stringify({ text, line }))),
    { numRuns: 20_000 },
  );
});

test('doublesIn splits words as a scan from the left does', () => {
  const excerpts = (text: string) => doublesIn(text, { start: 0, end: text.length }).map((double) => double.excerpt);
  assert.deepEqual(excerpts("a-'b b"), ['b b']);
  assert.deepEqual(excerpts('x’-y y'), ['y y']);
  assert.deepEqual(excerpts('Die Leica baut baut, l’arrivo l’arrivo, 1 1'), ['baut baut', 'l’arrivo l’arrivo']);
});
