// What the timeline's date reader hands to chrono (server/src/core/timeline/extract.ts): the line, whitespace runs
// made one space, typographic apostrophes straight, each character traced back to the line; and the second
// reference date, whose every field differs from the primary one's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { normalise, secondReference } from '../../server/src/core/timeline/extract';
import { isWhitespace } from '../../server/src/core/text';
import { tagsOf, timelineChrono } from '../../server/src/core/timeline/parsers';

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

test('tagsOf reads chrono’s tags as tags() gives them, without a copy', () => {
  const [result] = timelineChrono('de').parse('Die Partnerschaft endet Ende März 2022.', new Date(2022, 4, 24, 12));
  assert.ok(result, 'chrono reads the date');
  const tags = tagsOf(result.start);
  assert.deepEqual([...tags].sort(), [...result.start.tags()].sort());
  assert.ok(tags.size > 0, 'the result has tags (our edge modifier among them)');
  assert.equal(tagsOf(result.start), tags, 'the same set each time: chrono 2 keeps it in `_tags`');
});

test('each of chrono’s parsers gives the same pattern object on every reading, and reads as before', () => {
  // A parsing context as chrono makes one: the patterns that take it read nothing of it but what is here.
  const reference = new Date(2022, 4, 24, 12);
  const context = { text: 'heute', refDate: reference, reference: { instant: reference }, option: {} };
  for (const language of ['de', 'it', 'en', 'fr', 'es'] as const) {
    for (const parser of timelineChrono(language).parsers) {
      assert.equal(parser.pattern(context as never), parser.pattern(context as never), `${language} ${parser.constructor.name}`);
    }
  }
  // Read with the kept patterns, twice: the parsers whose context-taking patterns are literals (German "Abend",
  // "Morgen"; French "hier", "soir") still find what they found with a pattern built per reading.
  const read = (language: 'de' | 'fr', text: string) => timelineChrono(language).parse(text, reference).map((r) => [r.index, r.text, r.start.date().toISOString()]);
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(read('de', 'Gestern Abend sprach er.'), [[0, 'Gestern Abend', new Date(2022, 4, 23, 18).toISOString()]]);
    assert.deepEqual(read('de', 'heute Morgen'), [[0, 'heute Morgen', new Date(2022, 4, 24, 6).toISOString()]]);
    assert.deepEqual(read('fr', 'hier soir'), [[0, 'hier soir', new Date(2022, 4, 23, 18).toISOString()]]);
  }
});
