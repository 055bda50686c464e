// The header's fast path (readSimpleFields in server/src/core/header.ts) reads simple `key: value` lines without
// YAML's parser: whatever header it accepts, it must give exactly the fields YAML's reading gives, and no problem;
// and it must accept the headers articles have, or it saves nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseArticle } from '../../server/src/core/article';
import { readFieldsWithYaml, readSimpleFields, type HeaderField, type HeaderProblem } from '../../server/src/core/header';
import { generateArticle, generateKnowledgeBase } from '../bench/generator';

/** The header's key/value text inside a whole article, so that spans are offsets past the opening fence. */
function inArticle(content: string): { text: string; start: number; end: number } {
  const opening = '---\n';
  return { text: `${opening}${content}---\nTitel\n`, start: opening.length, end: opening.length + content.length };
}

/** The fast path's reading, after checking that it is YAML's when there is one. */
function simpleReading(content: string): HeaderField[] | undefined {
  const { text, start, end } = inArticle(content);
  const simple = readSimpleFields(text, start, end);
  if (simple) {
    const problems: HeaderProblem[] = [];
    assert.deepEqual(readFieldsWithYaml(text, start, end, problems), simple, JSON.stringify(content));
    assert.deepEqual(problems, [], JSON.stringify(content));
  }
  return simple;
}

/** Pieces a plain value may well hold, and pieces that may end it, change its meaning or break the YAML. */
const ordinary = ['de', 'Andreas Jordan', 'x', 'ä', 'Ж', '日本', '\ud83d\ude00', '0', '42', '2022-05-24T15:02', '12:30', 'https://www.example.com/a?b=1&c', ' ', '_', '.', '(', ')', '’', '/'];
const hostile = [
  '\ud800', '\udc00', '  ', '\t', ':', ': ', ':x', '#', ' #', '-', '- ', '?', '!', '&a', '*a', '|', '>', '%', '@', '`', '[', ']',
  '{', '}', ',', '[a, b]', "'", '"', '~', '<<', '=', '...', '---', '\r', '\n', '\r\n', '\u0000', '\u0007', '\u007f',
  '\u0085', '\u0090', '\u00a0', '\u2028', '\u2029', '\u3000', '\ufeff', '\ufffe', '\uffff', 'null', 'Null', 'NULL',
  'nUll', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'yes', 'on', '1e3', '-1E-3', '0x1F', '0o17', '+12', '.5',
  '.inf', '-.Inf', '.NaN', '1_000',
];
const piece = fc.oneof({ arbitrary: fc.constantFrom(...ordinary), weight: 3 }, { arbitrary: fc.constantFrom(...hostile), weight: 2 });
const pieces = (maxLength: number) => fc.array(piece, { minLength: 1, maxLength }).map((parts) => parts.join(''));
const fieldName = fc.constantFrom('lang', 'source', 'url', 'published', 'author', 'ignore', 'a', 'A1', 'b_c', 'd-e', 'x-');
const separator = fc.oneof({ arbitrary: fc.constant(': '), weight: 6 }, { arbitrary: fc.constantFrom(':  ', ':', ': \t', ':\t', ' : ', ''), weight: 1 });
const hostileLine = fc
  .tuple(fc.oneof({ arbitrary: fieldName, weight: 4 }, { arbitrary: pieces(2), weight: 1 }), separator, pieces(4))
  .map(([key, separator, value]) => key + separator + value);
const hostileContent = fc
  .tuple(fc.array(hostileLine, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([lines, lineBreak, closed]) => lines.join(lineBreak) + (closed ? lineBreak : ''));

/** Lines as people write them: a key, `: `, a word, then words in any script, digits, a URL's punctuation. */
const letter = fc.constantFrom('a', 'Z', 'é', 'ß', 'Ж', '中', '\ud83d\ude00', '7');
const typicalLine = fc
  .tuple(
    fc.oneof(fieldName, fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,12}$/)),
    fc.constantFrom(' ', '  '),
    letter,
    fc.string({ unit: fc.oneof(letter, fc.constantFrom(' ', '.', '/', ':', '-', '’', "'", '(', ')', '&', '?', '=')), maxLength: 30 }),
    letter,
  )
  .map(([key, spaces, first, middle, last]) => `${key}:${spaces}${first}${middle}${last}`);
const typicalContent = fc.array(typicalLine, { minLength: 1, maxLength: 6 }).map((lines) => lines.map((line) => `${line}\n`).join(''));

/** Reads `numRuns` generated headers both ways (see `simpleReading`); how many the fast path accepted. */
function acceptedOf(contents: fc.Arbitrary<string>, numRuns: number): number {
  let accepted = 0;
  fc.assert(
    fc.property(contents, (content) => {
      if (simpleReading(content)) accepted++;
    }),
    { numRuns },
  );
  return accepted;
}

describe('header fast path', () => {
  test('any header the fast path accepts reads as YAML reads it', () => {
    const accepted = acceptedOf(hostileContent, 3000);
    assert.ok(accepted > 300, `the hostile headers reach the fast path (${accepted} accepted)`);
  });

  test('typical headers read as YAML reads them, and most are accepted', () => {
    const accepted = acceptedOf(typicalContent, 1000);
    assert.ok(accepted > 700, `typical headers take the fast path (${accepted} of 1000 accepted)`);
  });

  test('the headers of articles take the fast path', () => {
    const written = 'lang: de\nsource: fotoMAGAZIN\nurl: https://www.example.com/leica-xiaomi\npublished: 2022-05-24T15:02\nauthor: Andreas Jordan\n';
    assert.deepEqual(simpleReading(written)?.map((f) => [f.key, f.value]), [
      ['lang', 'de'],
      ['source', 'fotoMAGAZIN'],
      ['url', 'https://www.example.com/leica-xiaomi'],
      ['published', '2022-05-24T15:02'],
      ['author', 'Andreas Jordan'],
    ]);
    const kb = generateKnowledgeBase(7, 200);
    for (let index = 0; index < 50; index++) {
      const { text } = generateArticle(kb, 7, index);
      const header = parseArticle(text).header;
      if (!header) continue;
      const content = text.slice(header.contentSpan.start, header.contentSpan.end);
      assert.ok(simpleReading(content), JSON.stringify(content));
    }
  });

  test('the lines YAML reads otherwise go to YAML', () => {
    const refused = [
      'True: x\n', // the key "true"
      'null: x\n', // the key null, which the header has as "null"
      'a: ~\n', // an empty value
      'a: NULL\n',
      'a:\n',
      'a: [b, c]\n',
      'a: "b"\n',
      'a: b # note\n',
      'a: b\n  c\n', // one value, "b c"
      'a: b\n\nc: d\n',
      'a: b \n',
      'a: b: c\n', // a nested mapping
      'a: b:\n',
      'a: b\r\n',
      `${'k'.repeat(1025)}: x\n`, // YAML: the `:` indicator must be at most 1024 characters after the key's start
    ];
    for (const content of refused) assert.equal(simpleReading(content), undefined, JSON.stringify(content));
  });

  test('the edge cases it accepts: repeated keys, numbers, a 1024-character key, no final line break', () => {
    assert.deepEqual(simpleReading('a: b\na: c\n')?.map((f) => [f.key, f.value]), [['a', 'b'], ['a', 'c']]);
    assert.deepEqual(simpleReading('published: 2022\nrank: .inf\nid: 0x1F\nok: TRUE\n')?.map((f) => f.value), ['2022', '.inf', '0x1F', 'TRUE']);
    assert.ok(simpleReading(`${'k'.repeat(1024)}: x\n`), "simpleReading(`${'k'.repeat(1024)}: x\\n`)");
    assert.ok(simpleReading('lang: de'), `simpleReading('lang: de')`);
  });
});
