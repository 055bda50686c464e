// What the timeline's date reader hands to chrono (server/src/core/timeline/extract.ts): the line, whitespace runs
// made one space, typographic apostrophes straight, each character traced back to the line; and the second
// reference date, whose every field differs from the primary one's; chunks read together as each alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Chrono, ParsedComponents, ParsedResult } from 'chrono-node';
import { normalise, readTogether, secondReference } from '../../server/src/core/timeline/extract';
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
  const [result] = timelineChrono('es').parse('La asociación termina a finales de marzo de 2022.', new Date(2022, 4, 24, 12));
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
  for (const parser of timelineChrono('es').parsers) {
    assert.equal(parser.pattern(context as never), parser.pattern(context as never), parser.constructor.name);
  }
  // Read with the kept patterns, twice: the parsers whose context-taking patterns are literals (Spanish "ayer",
  // "esta noche") still find what they found with a pattern built per reading.
  const read = (text: string) => timelineChrono('es').parse(text, reference).map((r) => [r.index, r.text, r.start.date().toISOString()]);
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(read('ayer'), [[0, 'ayer', new Date(2022, 4, 23, 12).toISOString()]]);
    assert.deepEqual(read('esta noche'), [[0, 'esta noche', new Date(2022, 4, 24, 22).toISOString()]]);
  }
});

// Chunks of lines as the date reader cuts them: words, dates, connectors and look-back cues, in each language.
const chunkPiece = fc.constantFrom(
  'im Juli 2022', '24. Mai 2022', 'vergangenen Freitag', 'bis', '1. bis 3. März', 'seit 2016', 'um 14 Uhr', 'Leica', 'P50', 'Nr.', 'dieses Jahres',
  '31 marzo scorso', "quest'anno", 'nel 2015', 'dal 2016 al 2018', 'lunedì', 'alle 10',
  'last March', 'on 3 May 2021', 'from 2016 to 2018', 'at 5pm', '1999 dollars', 'Q3 2021',
  "l'été dernier", 'le 2 juin', 'en 2019', 'jusqu’en 2020',
  'el 3 de mayo de 2021', 'ayer', 'desde 2016', 'hace un año', 'julio 2022', 'esta noche', 'a finales de marzo', 'del 1 al 3 de marzo', 'el pasado lunes', 'hasta 2020',
  '-', '–', ',', '.', '2022', '14', 'Uhr', 'and', 'e', 'et', 'und', '(', ')',
);

test('chunks read in one call of chrono give each what it gives alone, to the index, text, components and tags', () => {
  const reference = new Date(2022, 4, 24, 12);
  const project = (r: ParsedResult) => {
    const fields = ['year', 'month', 'day', 'weekday', 'hour', 'minute', 'second', 'meridiem', 'timezoneOffset'] as const;
    const side = (c: ParsedComponents | null | undefined) => c && { at: c.date().getTime(), values: fields.map((f) => [c.get(f), c.isCertain(f)]), tags: [...tagsOf(c)].sort() };
    return { index: r.index, text: r.text, start: side(r.start), end: side(r.end) };
  };
  let read = 0;
  for (const language of ['es'] as const) {
    const chrono = timelineChrono(language);
    fc.assert(
      fc.property(fc.array(fc.array(chunkPiece, { minLength: 1, maxLength: 8 }).map((words) => words.join(' ')), { minLength: 1, maxLength: 6 }), (texts) => {
        const together = readTogether(chrono, texts, reference);
        assert.equal(together.length, texts.length);
        texts.forEach((text, i) => {
          const alone = chrono.parse(text, reference);
          read += alone.length;
          assert.deepEqual(together[i].map(project), alone.map(project), `${language}: ${JSON.stringify(texts)}, chunk ${i}`);
        });
      }),
      { numRuns: 300 },
    );
  }
  assert.ok(read > 1000, `chrono read dates in the chunks (${read})`);
});

test('chunks read together are read one by one instead when a result reaches across their separator', () => {
  const texts = ['julio', '2022'];
  const calls: string[] = [];
  const real = timelineChrono('es');
  // A reader that takes the whole joined text as one expression, as none of chrono's patterns does.
  const greedy = {
    parse: (text: string, reference: Date) => {
      calls.push(text);
      return calls.length === 1 ? real.parse('julio 2022', reference).map((r) => Object.assign(r, { index: 0, text })) : real.parse(text, reference);
    },
  } as unknown as Chrono;
  const reference = new Date(2022, 4, 24, 12);
  const parts = readTogether(greedy, texts, reference);
  assert.deepEqual(calls.slice(1), texts);
  assert.deepEqual(parts.map((results) => results.map((r) => r.text)), [['julio'], ['2022']]);
});
