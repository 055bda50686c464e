// The near-miss index of entity names (server/src/core/entities/spelling.ts): its sorted deletion hashes must
// find exactly what the symmetric-deletion method finds. The reference here is that method by brute force: every
// name that is, or has with one letter deleted, one of the word's deletions, in knowledge-base order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { editDistance } from '../../server/src/core/edit-distance';
import { createKnowledgeBase } from '../../server/src/core/entities/knowledge-base';
import { SpellingIndex } from '../../server/src/core/entities/spelling';

/** A word and every form of it with one letter deleted. */
const deletionsOf = (key: string) => new Set([key, ...[...key].map((_, i) => key.slice(0, i) + key.slice(i + 1))]);

/**
 * The suggestion for `word` among single-word names of seven letters or more (shorter ones also refuse some
 * substitutions, which is not what this test is about), ASCII letters only.
 */
function bruteForce(names: readonly string[], word: string): { spelling: string; distance: number } | undefined {
  const key = word.toLowerCase();
  const firsts = [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
  if (!/^[A-Za-z]+$/.test(word) || word.length < 5 || firsts.some((name) => name.toLowerCase() === key)) return undefined;
  let best: { spelling: string; distance: number } | undefined;
  for (const deletion of deletionsOf(key)) {
    for (const name of firsts) {
      const nameKey = name.toLowerCase();
      if (!deletionsOf(nameKey).has(deletion)) continue;
      const allowed = nameKey.length >= 9 ? 2 : 1;
      const distance = editDistance(key, nameKey, allowed);
      if (distance === 0 || distance > allowed) continue;
      if (!best || distance < best.distance) best = { spelling: name, distance };
    }
  }
  return best;
}

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
const name = fc.tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), fc.array(letter, { minLength: 6, maxLength: 11 })).map(([first, rest]) => first + rest.join(''));

/** A word one or two edits from `base`: a letter deleted, inserted, replaced, or two swapped. */
function edited(base: string, edits: Array<[number, number, string]>): string {
  let word = base;
  for (const [kind, at, inserted] of edits) {
    const i = at % (word.length + 1);
    if (kind === 0) word = word.slice(0, i) + word.slice(i + 1);
    else if (kind === 1) word = word.slice(0, i) + inserted + word.slice(i);
    else if (kind === 2) word = word.slice(0, i) + inserted + word.slice(i + 1);
    else word = word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
  }
  return word;
}

test('the index suggests what the symmetric-deletion method finds by brute force, for words near the names and far from them', () => {
  fc.assert(
    fc.property(
      fc.array(name, { minLength: 1, maxLength: 60 }),
      fc.array(fc.tuple(fc.nat(), fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(), letter), { minLength: 1, maxLength: 2 })), { minLength: 1, maxLength: 20 }),
      fc.array(name, { maxLength: 5 }),
      (names, nearby, unrelated) => {
        // Two entities may share a name: the first one keeps it.
        const index = new SpellingIndex(createKnowledgeBase(names.map((spelling, i) => ({ id: `entity-${i}`, type: 'organization', name: spelling }))));
        const words = [...nearby.map(([pick, edits]) => edited(names[pick % names.length], edits)), ...unrelated];
        for (const word of words) {
          const found = index.suggest(word);
          const expected = bruteForce(names, word);
          assert.deepEqual(found && { spelling: found.spelling, distance: found.distance }, expected, word);
          if (found) assert.equal(found.entityId, `entity-${names.findIndex((n) => n.toLowerCase() === found.spelling.toLowerCase())}`);
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('a name of thousands, one letter off, is found among them; a word of other letters is not', () => {
  const names = Array.from({ length: 5000 }, (_, i) => `Brand${i.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)])}x`);
  const index = new SpellingIndex(createKnowledgeBase(names.map((spelling, i) => ({ id: `e${i}`, type: 'organization', name: spelling }))));
  for (const i of [0, 1234, 4999]) {
    const typo = names[i].slice(0, 3) + names[i].slice(4);
    const expected = bruteForce(names, typo);
    const found = index.suggest(typo);
    assert.ok(expected && found, typo);
    assert.deepEqual({ spelling: found.spelling, distance: found.distance }, expected, typo);
  }
  assert.equal(index.suggest('Zzzzzzzzzz'), undefined);
});
