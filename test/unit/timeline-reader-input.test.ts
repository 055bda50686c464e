// What the timeline's extractor hands to its reader (server/src/core/timeline/extract.ts): the line, whitespace runs
// made one space, typographic apostrophes straight, each character traced back to the line; and the second
// reference date, whose every field differs from the primary one's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { normalise, secondReference } from '../../server/src/core/timeline/extract';
import { isWhitespace } from '../../server/src/core/text';

test('isWhitespace is \\s, code unit by code unit', () => {
  for (let code = 0; code <= 0xffff; code++) assert.equal(isWhitespace(code), /\s/.test(String.fromCharCode(code)), `U+${code.toString(16)}`);
});

const piece = fc.oneof(
  fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\ufeff', '’', '‘', 'ʼ', '`', '´', "'", 'quest’anno', 'Mai', '2022', '📷', '\ud83d'),
  fc.string({ maxLength: 4 }),
);

test('normalise makes whitespace runs one space and apostrophes straight, and traces every character to the line', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
      const line = pieces.join('');
      const { text, offsets } = normalise(line);
      assert.equal(text, line.replace(/\s+/g, ' ').replace(/[’‘ʼ`´]/g, "'"));
      if (!offsets) {
        assert.equal(text, line);
        return;
      }
      assert.equal(offsets[text.length], line.length);
      for (let i = 0; i < text.length; i++) {
        const at: number = offsets[i];
        if (i > 0) assert.ok(at > offsets[i - 1], 'at > offsets[i - 1]');
        if (text[i] === ' ') assert.ok(/\s/.test(line[at]) && (at === 0 || !/\s/.test(line[at - 1])), `a space comes from the first of a run (${i})`);
        else if (text[i] === "'") assert.match(line[at], /['’‘ʼ`´]/);
        else assert.equal(line[at], text[i]);
      }
    }),
    { numRuns: 3000 },
  );
});

test('the second reference differs from the primary in year (by three at least), month, day and weekday, for every day of six centuries', () => {
  const primary = new Date(1850, 0, 1, 12);
  while (primary.getFullYear() < 2450) {
    const second = secondReference(primary);
    const at = primary.toDateString();
    assert.ok(Math.abs(second.getFullYear() - primary.getFullYear()) >= 3, at);
    assert.notEqual(second.getMonth(), primary.getMonth(), at);
    assert.notEqual(second.getDate(), primary.getDate(), at);
    assert.notEqual(second.getDay(), primary.getDay(), at);
    assert.equal(second.getHours(), 12, at);
    primary.setDate(primary.getDate() + 1);
  }
});
