// What the timeline's extractor hands to its reader (server/src/core/timeline/extract.ts): the line, whitespace runs
// made one space, typographic apostrophes straight, each character traced back to the line; the second reference
// date, whose every field differs from the primary one's; and the kinds of cue that choose the rules to run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { normalise, secondReference } from '../../server/src/core/timeline/extract';
import { isWhitespace } from '../../server/src/core/text';
import { cueKindOf, dateTriggerPattern, everyCueKind, lexicons } from '../../server/src/core/timeline/lexicon';
import { readerFor } from '../../server/src/core/timeline/readers';

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

// Pieces of sentences in every timeline language: dates of each kind, numbers, codes, words near dates.
const sentencePiece = fc.constantFrom(
  'am 3. März 2021', '24.05.2022', '2022-05-24', '5/2022', 'Q3', 'H1 2022', '2016–2018', '1. bis 3. März', 'fünfjährige', '5-jährigen', 'seit fünf Jahren', 'im Sommer', 'Montag',
  'il 3 marzo', 'nel 2015', 'un anno dopo', 'primo trimestre', 'lunedì scorso', 'stamattina',
  'five-year', '2022 March', 'March 3, 2021', 'last Friday', 'the first quarter of 2021', 'three weeks later',
  'le 1er mars', "l'été dernier", 'il y a deux ans', 'aujourd’hui', 'el 3 de marzo de 2021', 'hace un año', 'ayer',
  '1999 dollars', 'P50', 'Nr. 2016', '2016er', '12.2016', '3.5.', '14', 'und', 'e', ',', '.', '-', 'Leica', 'Huawei',
);

test('the kinds of cue near a stretch never keep a rule from a reading it would make', () => {
  const languages = ['de', 'it', 'en', 'fr', 'es'] as const;
  let read = 0;
  fc.assert(
    fc.property(fc.constantFrom(...languages), fc.array(sentencePiece, { minLength: 1, maxLength: 10 }), (language, pieces) => {
      const text = normalise(pieces.join(' ')).text;
      const triggers = dateTriggerPattern(lexicons[language]);
      let cues = 0;
      triggers.lastIndex = 0;
      for (let m = triggers.exec(text); m; m = triggers.exec(text)) cues |= cueKindOf(lexicons[language], m[0]);
      // A stretch without a cue is never read ("fünfjährige" alone).
      fc.pre(cues !== 0);
      const reader = readerFor(language);
      const all = reader.read(text, everyCueKind);
      read += all.length;
      assert.deepEqual(reader.read(text, cues), all, `${language}: ${text}`);
    }),
    { numRuns: 3000 },
  );
  assert.ok(read > 3000, `the reader read dates in the stretches (${read})`);
});
