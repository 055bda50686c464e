// wordTokens finds words by a scan of code point classes. Its answer must be the one of the UAX #29 regular
// expression it replaced (below), on any text and any span of it, and the one of Intl.Segmenter on the seeds;
// foldCase's shortcut for text below U+0300 must give the key of the full normalisation.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { foldCase, wordTokens } from '../../server/src/core/entities/tokens';

const extend = '\\p{M}\\u00AD\\u200C\\u200D';
const unit = `[\\p{L}\\p{Nd}\\p{Pc}${extend}]`;
const midLetter = "[:·’‘'.\\u0387\\u05F4\\u2024\\u2027\\uFE13\\uFE52\\uFE55\\uFF07\\uFF0E\\uFF1A]";
const midNumber = "[,;.’‘'\\u037E\\u0589\\u060C\\u060D\\u066C\\u07F8\\u2024\\u2044\\uFE10\\uFE14\\uFE50\\uFE52\\uFE54\\uFF07\\uFF0C\\uFF0E\\uFF1B]";
/** The word segments of UAX #29 in alphabetic scripts, as one regular expression: the scan's reference. */
const wordPattern = new RegExp(
  `(?:(?<!\\p{Pc})\\p{Pc}+)?[\\p{L}\\p{Nd}]${unit}*` +
    `(?:(?:(?<=\\p{L}[${extend}]*)${midLetter}(?=[${extend}]*\\p{L})|(?<=\\p{Nd}[${extend}]*)${midNumber}(?=[${extend}]*\\p{Nd}))${unit}+)*`,
  'gu',
);

const seeds = path.join(__dirname, '..', '..', 'seeds');
const seedTexts = readdirSync(seeds)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(path.join(seeds, f), 'utf8'));

const scanned = (text: string, start = 0, end = text.length) => wordTokens(text, { start, end }).map((t) => [t.start, t.text]);
const expected = (text: string, start = 0, end = text.length) => [...text.slice(start, end).matchAll(wordPattern)].map((m) => [start + m.index, m[0]]);

test('the seeds: the words of the regular expression and of Intl.Segmenter', () => {
  const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
  assert.equal(seedTexts.length, 5);
  for (const text of seedTexts) {
    const words = scanned(text);
    assert.ok(words.length > 300, 'words.length > 300');
    assert.deepEqual(words, expected(text));
    assert.deepEqual(
      words,
      [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => [s.index, s.segment]),
    );
  }
});

test('any mix of letters, digits, connectors, marks, joining punctuation, astral and lone surrogates, on any span', () => {
  const characters = fc.constantFrom(
    'a', 'B', 'é', 'ß', 'İ', '\u0301', '\u00AD', '\u200C', '\u200D', '_', '\u203F', '\uFE33', '1', '٣', '’', '‘', "'", '.', ':', '·', ',', ';',
    '\u2044', '\u0387', '\u066C', '\uFF0E', '\uFF07', ' ', '-', '\n', 'Ω', 'Ж', 'א', '𝐀', '𝟏', '\u{1F600}', '\uD835', '\uDC00',
  );
  fc.assert(
    fc.property(fc.array(characters, { maxLength: 24 }), fc.nat(), fc.nat(), (parts, a, b) => {
      const text = parts.join('');
      assert.deepEqual(scanned(text), expected(text), JSON.stringify(text));
      // A span cuts the text: nothing outside it counts, not even half of a surrogate pair.
      const start = a % (text.length + 1);
      const end = start + (b % (text.length - start + 1));
      assert.deepEqual(scanned(text, start, end), expected(text, start, end), `${JSON.stringify(text)} ${start}-${end}`);
    }),
    { numRuns: 20_000 },
  );
});

test('text in a script written without spaces is left to Intl.Segmenter', () => {
  const text = 'Leica与华为合作, ライカ und ไลก้า';
  const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
  const words = scanned(text);
  assert.ok(words.some(([, word]) => word === 'Leica'), `words.some(([, word]) => word === 'Leica')`);
  assert.deepEqual(words, [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => [s.index, s.segment]));
});

test('foldCase: below U+0300 every character and every pair of them keys as with the full normalisation', () => {
  const full = (text: string) => text.normalize('NFC').replace(/['’ʼ]/g, '’').toLowerCase();
  for (let first = 0; first < 0x300; first++) {
    const one = String.fromCharCode(first);
    assert.equal(foldCase(one), full(one));
    for (let second = 0; second < 0x300; second++) {
      const two = one + String.fromCharCode(second);
      if (foldCase(two) !== full(two)) assert.fail(`${JSON.stringify(two)}: ${foldCase(two)} ≠ ${full(two)}`);
    }
  }
  assert.equal(foldCase("Dell'Huawei"), 'dell’huawei');
  assert.equal(foldCase('Cafe\u0301'), 'café');
});
