// The extractor on text that is not a date: product names, prices and versions give nothing; adversarial 100 KB
// lines finish; random text never makes it throw or return a span that is not the expression.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { extractTemporalExpressions, timexParts } from '../../server/src/core/timeline';

const notDates: Record<string, string[]> = {
  de: [
    'Zuletzt waren noch die Kameras des Huawei P50 Pro mit dem Leica-Schriftzug versehen.',
    'Das Mi 11 Ultra ist eins der aktuellen Flaggschiff-Smartphones von Xiaomi.',
    'Es läuft mit dem Snapdragon 8 Plus Gen 1.',
    'Das AQUOS R6 hat einen außergewöhnlich großen 1-Zoll-Sensor.',
    'In Japan ist das Aquos R6 erhältlich, als auch das Leitz Phone 1, das auf dem Aquos basiert.',
    'Die RTX 2080 und der Exynos 2200 sind schnell.',
    'Das Modell kostet 1.299 Euro, das andere 1299 Euro.',
    'Leica hat 2000 Mitarbeiter.',
    '3/4 der Nutzer sind zufrieden, Version 2.1 ist da.',
    'Der Termin ist um 15 Uhr, die Bestellnummer Nr. 2016.',
    'Thomas Herbst leitet das Labor, August Horch gründete Audi.',
    'Der Akku hat 4.500 mAh und 120 Hz.',
    'So kommt es: Mo und Mi sind Kürzel.',
    'Ein Jahr, in dem viel geschah.',
  ],
  it: ['Il Xiaomi 12 Ultra e il Mi 11 Ultra costano 999 euro.', 'Un sensore da 1 pollice.', 'Mai più senza Leica.', 'Ha 2000 dipendenti.'],
  en: ['It may be late.', 'They march on.', 'The Pixel 7 and the iPhone 13 have 12 MP.', 'I fall and spring back.', 'The RTX 2080 is fast.', 'A year in which much happened.'],
  fr: ['Le produit a été lancé.', 'Mars est une planète.', 'Le Xiaomi 12 Ultra coûte 999 euros.', 'Il a été vendu à 2000 exemplaires.'],
};

describe('no dates where there are none', () => {
  for (const [language, sentences] of Object.entries(notDates)) {
    for (const sentence of sentences) {
      test(`${language}: ${sentence}`, () => assert.deepEqual(extractTemporalExpressions(`Titel\n\n${sentence}`, { language, anchor: '2022-05-24' }), []));
    }
  }
});

/** Every expression's span holds its text, its value is one `timexParts` reads, and the list is in text order. */
function assertWellFormed(text: string, language: string, anchor?: string) {
  const expressions = extractTemporalExpressions(text, { language, anchor });
  let previousEnd = 0;
  for (const e of expressions) {
    assert.ok(e.span.start >= previousEnd && e.span.end > e.span.start && e.span.end <= text.length, `span ${e.span.start}-${e.span.end}`);
    assert.equal(text.slice(e.span.start, e.span.end), e.text);
    assert.ok(timexParts(e.value), `value ${e.value}`);
    previousEnd = e.span.end;
  }
  return expressions;
}

describe('adversarial input', () => {
  const size = 100_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  // Each aimed at a pattern: long runs of what patterns scan quadratically if written carelessly (spaces, digits
  // and separators), dense dates, edges and durations that never complete, and lines without a single break.
  const inputs: Array<[string, string, string[]]> = [
    ['spaces', `x${' '.repeat(size)}x`, ['de', 'fr']],
    ['no-break spaces', '\u00a0'.repeat(size), ['de']],
    ['digits', '1'.repeat(size), ['it', 'en']],
    ['digits and spaces', fill('1 '), ['de', 'fr']],
    ['digits and dashes', fill('1-'), ['es', 'de']],
    ['clock times', fill('12:00 GMT+'), ['en']],
    ['day and month', fill('31 marzo '), ['es', 'it']],
    ['years', fill('2016 '), ['it']],
    ['year ranges', fill('2016-'), ['de']],
    ['edges without dates', fill('Ende seit bis '), ['de']],
    ['numbers without units', fill('seit fünf '), ['de']],
    ['apostrophes', "'".repeat(size), ['it']],
    ['one letter', 'a'.repeat(size), ['en']],
    ['surrogate pairs', '📷'.repeat(size / 2), ['fr']],
    ['relative dates after a year', fill('2016 heute vergangenes Jahr im Juli ein Jahr später '), ['de']],
  ];
  for (const [name, text, languages] of inputs) {
    for (const language of languages) {
      test(`${name} (${language}, ${text.length} characters) finishes`, () => {
        const started = Date.now();
        assertWellFormed(text, language);
        // Generous: a backtracking pattern would take minutes, not seconds.
        assert.ok(Date.now() - started < 15_000, `${Date.now() - started} ms`);
      });
    }
  }

  test('a date at a chunk boundary of a long line is still found whole', () => {
    for (let shift = 0; shift < 12; shift++) {
      const text = `Titel\n\n${'x'.repeat(380 + shift)} am 3. März 2021 ${'y '.repeat(300)}`;
      assert.deepEqual(
        assertWellFormed(text, 'de').map((e) => e.value),
        ['2021-03-03'],
        `shift ${shift}`,
      );
    }
  });
});

describe('any text', () => {
  const words = ['im', 'Juli', 'Ende', 'März', 'seit', '2016', 'fünf', 'Jahren', 'vergangenes', 'Jahr', 'heute', 'am', 'Montagmorgen', '31', 'marzo', 'scorso', "quest'anno", 'luglio', 'di', 'un', 'anno', 'dopo', 'lunedì', 'en', 'juillet', 'last', 'summer', 'P50', '1-Zoll', '24-05-2022', ',', '.', '\n', '\n\n', '---', 'published:', '2022-05-24'];
  const token = fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }));
  const textArbitrary = fc.array(token, { maxLength: 40 }).map((tokens) => tokens.join(' '));

  test('never throws; spans hold the expression; values are well formed', () => {
    fc.assert(
      fc.property(textArbitrary, fc.constantFrom('de', 'it', 'en', 'fr', 'es'), fc.constantFrom(undefined, '2022-05-24', '2016', 'nonsense'), (text, language, anchor) => {
        assertWellFormed(text, language, anchor);
      }),
      { numRuns: 300 },
    );
  });
});
