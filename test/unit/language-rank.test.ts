// rankLanguages computes franc's ranking its own, faster way for Latin-script text and languages: whatever the text
// and the languages asked for, its answer must be francAll's, scores and order to the last bit.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { francAll } from 'franc';
import { rankLanguages } from '../../server/src/core/language/rank';

const seeds = path.join(__dirname, '..', '..', 'seeds');
const corpusLanguages = ['deu', 'ita', 'eng', 'fra'];
/** Lists that include a language of another script (rus, cmn), one language, none, and a code franc does not know. */
const languageLists = [corpusLanguages, ['deu', 'ita'], ['ita'], ['eng', 'fra', 'spa', 'por', 'nld', 'pol', 'swe', 'tur'], ['deu', 'rus'], ['rus', 'ukr'], ['cmn', 'eng'], [], ['deu', 'xxx']];

function assertSame(text: string, only: string[], minLength = 10) {
  assert.deepEqual(rankLanguages(text, only, minLength), francAll(text, { only, minLength }), `${JSON.stringify(only)} ${JSON.stringify(text.slice(0, 200))}`);
}

test('every paragraph of the seeds, with each list of languages', () => {
  const paragraphs = readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => readFileSync(path.join(seeds, f), 'utf8').split(/\r?\n/));
  assert.ok(paragraphs.length > 50, 'paragraphs.length > 50');
  for (const only of languageLists) for (const paragraph of paragraphs) assertSame(paragraph, only);
});

test('texts of Latin letters, other scripts, punctuation, digits and white space in any mix, any length', () => {
  const pieces = fc.constantFrom(
    'Leica und Xiaomi kündigen ', 'la collaborazione è ', 'the partnership with ', 'une caméra de ', 'Ärger über Öl ', 'İstanbul ', 'ß', 'ŒUVRE ', 'ΟΔΟΣ ', 'ΣΣ', '𐐀𐐁 ', 'ǅ',
    'Москва ', '北京 ', 'مرحبا ', '😀', '\u{1DF00}', '12.05.2022, ', '(P50) ', '  \t', '\n', '—', '„“', '-', "l'", 'e',
  );
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 400 }), fc.constantFrom(...languageLists), fc.constantFrom(1, 10, 50), (parts, only, minLength) => {
      assertSame(parts.join(''), only, minLength);
    }),
    { numRuns: 600 },
  );
});

test('any string at all', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), fc.constantFrom(...languageLists), (text, only) => assertSame(text, only)),
    { numRuns: 300 },
  );
});
