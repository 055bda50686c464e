// The line as the timeline's date reader hands it to chrono (server/src/core/timeline/extract.ts): whitespace
// runs made one space, typographic apostrophes straight, and each character traced back to the line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isWhitespace, normalise } from '../../server/src/core/timeline/extract';

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
        if (i > 0) assert.ok(at > offsets[i - 1]);
        if (text[i] === ' ') assert.ok(/\s/.test(line[at]) && (at === 0 || !/\s/.test(line[at - 1])), `a space comes from the first of a run (${i})`);
        else if (text[i] === "'") assert.match(line[at], /['’‘ʼ`´]/);
        else assert.equal(line[at], text[i]);
      }
    }),
    { numRuns: 3000 },
  );
});
