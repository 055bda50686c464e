// maskTokens (server/src/core/language/mask.ts), the masking of URLs, e-mail addresses, words with digits and
// acronyms before language detection, is exactly the replacement by this expression, on any UTF-16 text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { maskTokens } from '../../server/src/core/language/mask';

// `\b` knows only ASCII letters (it would mask `BER` out of `ÜBER`), hence the explicit lookarounds.
const masks = /(?:https?:\/\/|www\.)\S+|(?<!\S)[^\s@]+@[^\s@]+\.[^\s@]+|(?<![\p{L}\p{N}])[\p{L}\p{N}]*\p{N}[\p{L}\p{N}]*|(?<![\p{L}\p{N}])\p{Lu}{2,}(?![\p{L}\p{N}])/gu;

const piece = fc.oneof(
  fc.constantFrom(' ', '  ', '\n', '\u00a0', '@', '.', '..', 'http://', 'https://', 'www.', 'htt', 'w', 'a@b.c', 'x@y', '@@', 'CEO', 'AG', 'ÜBER', 'P50', 'R6', '²', 'Ⅻ', '½', '7', '\u0301', 'é', 'ß', 'İ', '\ud835\udc00', '\ud835\udfce', '\ud83d', '\udc00', '-', '’', 'Leica', 'a'),
  fc.string({ unit: 'binary', maxLength: 3 }),
);

test('maskTokens replaces what the masking expression matches by one space, and nothing else', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const text = pieces.join('');
      assert.equal(maskTokens(text), text.replace(masks, ' '), JSON.stringify(text));
    }),
    { numRuns: 20000 },
  );
  // The URL takes the comma, the address the bracket: both run to the next space.
  assert.equal(maskTokens('Die CEO von P50 (www.leica.de, info@leica.de) sagte ÜBER 2016 Über'), 'Die   von   (    sagte     Über');
});
