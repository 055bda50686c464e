// characterCounter (server/src/core/text.ts) counts what a global expression's match would, over any UTF-16 text:
// lone surrogates, astral letters, franc's Latin script expression.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { expressions } from 'franc/expressions.js';
import { characterCounter } from '../../server/src/core/text';
import { latinCharacter } from '../../server/src/core/language/rank';

const counted = [
  { name: 'letters', counter: characterCounter(/^\p{L}$/u), global: /\p{L}/gu },
  { name: 'franc’s Latin', counter: characterCounter(latinCharacter), global: new RegExp(expressions.Latin.source, 'g') },
];
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom('a', 'Ä', 'ß', ' ', '1', '\ud835\udc00', '\ud83d', '\udc00', 'д', '中', 'ﬁ'), maxLength: 60 }));

for (const { name, counter, global } of counted) {
  test(`characterCounter counts what a global match finds: ${name}`, () => {
    fc.assert(
      fc.property(text, (sample) => assert.equal(counter(sample), sample.match(global)?.length ?? 0, JSON.stringify(sample))),
      { numRuns: 3000 },
    );
  });
}
