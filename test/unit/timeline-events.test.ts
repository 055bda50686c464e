// Timeline values and events: reading, ordering and describing TIMEX values; the sentence and entities of an
// article event; knowledge-base relations as events; the order of a mixed timeline.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeArticle } from '../../server/src/core/analyze';
import { parseArticle } from '../../server/src/core/article';
import { mergeConfig } from '../../server/src/core/config';
import { compileKnowledgeBase } from '../../server/src/core/entities/catalog';
import type { KbEntity } from '../../server/src/core/entities/kb';
import { readKnowledgeBase } from '../../server/src/core/entities/knowledge-base';
import { compareEvents, compareTimex, describeTimex, extractEvents, relationEvents, timexParts, type EntityMention, type TimelineEvent } from '../../server/src/core/timeline';

describe('TIMEX values', () => {
  test('parts for grouping: year and month, granularity, resolved or not', () => {
    assert.deepEqual(timexParts('2022-07'), { kind: 'date', granularity: 'month', resolved: true, year: 2022, month: 7 });
    assert.deepEqual(timexParts('2022-03-31'), { kind: 'date', granularity: 'day', resolved: true, year: 2022, month: 3, day: 31 });
    assert.deepEqual(timexParts('2021-SU'), { kind: 'date', granularity: 'season', resolved: true, year: 2021, season: 'SU' });
    assert.deepEqual(timexParts('XXXX-07'), { kind: 'date', granularity: 'month', resolved: false, year: undefined, month: 7 });
    assert.deepEqual(timexParts('XXXX-WXX-1TMO'), { kind: 'date', granularity: 'time', resolved: false, year: undefined, week: undefined, weekday: 1, partOfDay: 'MO' });
    assert.deepEqual(timexParts('2022-05-24T15:02'), { kind: 'date', granularity: 'time', resolved: true, year: 2022, month: 5, day: 24, hour: 15, minute: 2 });
    assert.deepEqual(timexParts('P5Y'), { kind: 'duration', amount: 5, unit: 'Y' });
    assert.deepEqual(timexParts('PXY'), { kind: 'duration', amount: undefined, unit: 'Y' });
    for (const nonsense of ['', '2022-13', 'July', '2022-07-', 'P', 'PRESENT_REF']) assert.equal(timexParts(nonsense), undefined, nonsense);
  });

  test('ordering: year, month, day, time; a period before what it holds; unresolved, then durations, last', () => {
    const ordered = [
      '2015', '2016', '2016-07', '2021', '2021-SU', '2021-WI', '2021-12', '2022', '2022-H1', '2022-Q1', '2022-03', '2022-03-31',
      '2022-W20', '2022-05-23', '2022-05-23TMO', '2022-05-23T15:00', '2022-05-23TEV', '2022-07',
      'XXXX', 'XXXX-WXX-1', 'XXXX-03', 'XXXX-03-31', 'XXXX-SU', 'XXXX-07', 'P2W', 'P5Y', 'P7Y', 'PXY', 'not a value',
    ];
    // A fixed shuffle: reverse, then interleave halves.
    const reversed = [...ordered].reverse();
    const shuffled = reversed.flatMap((v, i) => (i % 2 === 0 ? [v] : [])).concat(reversed.filter((_, i) => i % 2 === 1));
    assert.deepEqual([...shuffled].sort(compareTimex), ordered);
  });

  test('a week sorts at its Monday, week 1 at the start of its week-year', () => {
    assert.ok(compareTimex('2022-W20', '2022-05-16') < 0 && compareTimex('2022-05-15', '2022-W20') < 0, `compareTimex('2022-W20', '2022-05-16') < 0 && compareTimex('2022-05-15', '2022-W20') < 0`);
    assert.ok(compareTimex('2020-W01', '2020-01-01') < 0, `compareTimex('2020-W01', '2020-01-01') < 0`);
  });

  test('English descriptions', () => {
    const cases: Array<[string, Parameters<typeof describeTimex>[1], string]> = [
      ['2022-03', 'END', 'end of March 2022'],
      ['2016', 'ON_OR_AFTER', 'from 2016 on'],
      ['2022-03-31', 'ON_OR_BEFORE', 'until 31 March 2022'],
      ['2023', 'START', 'start of 2023'],
      ['2021-SU', undefined, 'summer 2021'],
      ['2022-Q1', undefined, 'first quarter of 2022'],
      ['2022-W20', undefined, 'week 20 of 2022'],
      ['2022-05-23TMO', undefined, '23 May 2022, morning'],
      ['2022-05-24T15:02', undefined, '24 May 2022, 15:02'],
      ['XXXX-07', undefined, 'July, year unknown'],
      ['XXXX-03', 'END', 'end of March, year unknown'],
      ['XXXX-WXX-1TMO', undefined, 'a Monday morning, date unknown'],
      ['XXXX', undefined, 'an unknown year'],
      ['XXXX-XX-XX', undefined, 'an unknown day'],
      ['P5Y', undefined, '5 years'],
      ['P1W', undefined, '1 week'],
      ['PXY', undefined, 'some years'],
      ['PRESENT_REF', undefined, 'PRESENT_REF'],
    ];
    for (const [value, mod, expected] of cases) assert.equal(describeTimex(value, mod), expected, value);
  });
});

const seedsDir = path.join(__dirname, '..', '..', 'seeds');

/** Mentions of a few names, as the entity finder would report them. */
function mentionsOf(text: string, names: Record<string, string>): EntityMention[] {
  return Object.entries(names).flatMap(([name, entityId]) => [...text.matchAll(new RegExp(`\\b${name}\\b`, 'g'))].map((m) => ({ span: { start: m.index, end: m.index + name.length }, entityId })));
}

describe('article events', () => {
  const text = readFileSync(path.join(seedsDir, '004_41a9ae8dc5d7d7d4.txt'), 'utf8');
  const article = parseArticle(text);
  const mentions = mentionsOf(text, { Leica: 'leica-camera', Huawei: 'huawei', Xiaomi: 'xiaomi', Shenzhen: 'shenzhen' });
  const events = extractEvents(article, { language: 'it', mentions });

  test('one event per expression, in text order, from the article', () => {
    assert.deepEqual(events.map((e) => e.text), ['sette anni', 'luglio', 'lunedì', 'nel 2015', 'un anno dopo', 'il 31 marzo scorso', 'lunedì scorso']);
    assert.ok(events.every((e) => e.source === 'article' && e.language === 'it'), `events.every((e) => e.source === 'article' && e.language === 'it')`);
  });

  test('the sentence holding the expression, and the entities mentioned in it, once each, in text order', () => {
    const ended = events.find((e) => e.text === 'il 31 marzo scorso')!;
    assert.equal(ended.sentence.text, 'La collaborazione tra Huawei e Leica, iniziata nel 2015 e sfociata nel primo telefono un anno dopo, si è conclusa il 31 marzo scorso, come da dichiarazione sempre di lunedì scorso da parte il gigante tecnologico con sede a Shenzhen, in risposta a un’inchiesta del South China Morning Post.');
    assert.equal(text.slice(ended.sentence.span.start, ended.sentence.span.end), ended.sentence.text);
    assert.deepEqual(ended.entities, ['huawei', 'leica-camera', 'shenzhen']);
    const july = events.find((e) => e.text === 'luglio')!;
    assert.deepEqual(july.entities, ['leica-camera', 'xiaomi']);
    assert.equal(july.value, '2022-07');
    assert.equal(july.anchor, 'article-date');
  });

  test('a sentence the segmenter cuts after "3." is joined again; mentions reaching outside it do not count', () => {
    const german = parseArticle('Titel\n\nDie Leica kam am 3. März 2021 heraus. Leica Camera wuchs.');
    const [event] = extractEvents(german, { language: 'de', mentions: [{ span: { start: 11, end: 16 }, entityId: 'leica' }, { span: { start: 48, end: 60 }, entityId: 'leica-camera' }, { span: { start: 38, end: 50 }, entityId: 'straddling' }] });
    assert.equal(event.text, 'am 3. März 2021');
    assert.equal(event.sentence.text, 'Die Leica kam am 3. März 2021 heraus.');
    assert.deepEqual(event.entities, ['leica']);
  });

  test('each event’s sentence is the one the whole line’s segmentation holds, in the title and every sentence of a paragraph', () => {
    const text = 'Im Juli 2016 kam sie\n\nErst 2015 sprach man.  Dann im Mai.   Im Juni 2016 und im Juli 2016 auch?  Ja, 2017!\nOhne Datum.\n\n  Ende 2018 war es vorbei.';
    const article = parseArticle(text);
    const events = extractEvents(article, { language: 'de' });
    assert.deepEqual(events.map((e) => e.text), ['Im Juli 2016', '2015', 'im Mai', 'Im Juni 2016', 'im Juli 2016', '2017', 'Ende 2018']);
    // What segmenting every line whole, trimming each sentence, gives for the sentence around each expression.
    const segmenter = new Intl.Segmenter('de', { granularity: 'sentence' });
    const sentences = text.split('\n').flatMap((line, number) => {
      const start = text.split('\n').slice(0, number).join('\n').length + (number > 0 ? 1 : 0);
      return [...segmenter.segment(line)].flatMap(({ segment, index }) => (segment.trim() ? [{ start: start + index + segment.length - segment.trimStart().length, end: start + index + segment.trimEnd().length }] : []));
    });
    for (const event of events) {
      const holding = sentences.filter((s) => s.start < event.span.end && event.span.start < s.end);
      assert.equal(holding.length, 1, event.text);
      assert.deepEqual(event.sentence.span, holding[0], event.text);
    }
    assert.deepEqual(events.map((e) => e.sentence.text), ['Im Juli 2016 kam sie', 'Erst 2015 sprach man.', 'Dann im Mai.', 'Im Juni 2016 und im Juli 2016 auch?', 'Im Juni 2016 und im Juli 2016 auch?', 'Ja, 2017!', 'Ende 2018 war es vorbei.']);
  });

  test('an analysis asked for events reads them on first use, once: an editor’s keystroke needs only the findings', () => {
    const seedsCatalog = compileKnowledgeBase(readKnowledgeBase(readFileSync(path.join(seedsDir, 'entities.json'), 'utf8')).knowledgeBase!);
    const config = mergeConfig(JSON.parse(readFileSync(path.join(seedsDir, 'seed-corpus.json'), 'utf8')));
    const analysis = analyzeArticle({ text, file: { name: '004_41a9ae8dc5d7d7d4.txt', entities: seedsCatalog } }, config, { events: true });
    assert.equal(typeof Object.getOwnPropertyDescriptor(Object.getPrototypeOf(analysis), 'events')?.get, 'function', 'read on first use');
    const read = analysis.events!;
    assert.equal(analysis.events, read, 'read once');
    assert.deepEqual(read, extractEvents(analysis.article!, { language: 'it', mentions: analysis.mentions }));
    assert.ok(read.length > 0, 'read.length > 0');
    assert.deepEqual(JSON.parse(JSON.stringify(analysis)).events, JSON.parse(JSON.stringify(read)), 'and written out like any field');
  });

  test('without mentions, events name no entities; without expressions, there are none', () => {
    assert.deepEqual(extractEvents(parseArticle('Titel\n\nIm Juli kommt es.'), { language: 'de' })[0].entities, []);
    assert.deepEqual(extractEvents(parseArticle('Titel\n\nKein Datum hier.'), { language: 'de' }), []);
  });
});

describe('knowledge-base events', () => {
  const entities: KbEntity[] = [
    {
      id: 'leica-camera',
      type: 'organization',
      name: 'Leica Camera',
      relations: [
        { type: 'partnership', with: 'huawei', from: '2016', until: '2022-03-31', sources: ['004_41a9ae8dc5d7d7d4.txt'] },
        { type: 'partnership', with: 'xiaomi', from: '2022-05', description: { en: 'Co-engineered smartphones' } },
        { type: 'partnership', with: 'sharp' },
      ],
    },
    { id: 'huawei', type: 'organization', name: 'Huawei', relations: [{ type: 'partnership', with: 'leica-camera', from: '2016', until: '2022-03-31', sources: ['002_4d1a318a818ef0be.txt'] }] },
    { id: 'xiaomi', type: 'organization', name: 'Xiaomi' },
  ];
  const events = relationEvents(entities);

  test('from and until become start and end events; a relation stored on both entities counts once, citing both', () => {
    assert.deepEqual(
      events.map((e) => [e.value, e.edge, e.entities, e.summary, e.sources]),
      [
        ['2016', 'start', ['leica-camera', 'huawei'], 'Leica Camera: partnership with Huawei starts', ['004_41a9ae8dc5d7d7d4.txt', '002_4d1a318a818ef0be.txt']],
        ['2022-03-31', 'end', ['leica-camera', 'huawei'], 'Leica Camera: partnership with Huawei ends', ['004_41a9ae8dc5d7d7d4.txt', '002_4d1a318a818ef0be.txt']],
        ['2022-05', 'start', ['leica-camera', 'xiaomi'], 'Leica Camera: partnership with Xiaomi starts', []],
      ],
    );
    assert.ok(events.every((e) => e.source === 'knowledge-base' && e.type === 'DATE'), `events.every((e) => e.source === 'knowledge-base' && e.type === 'DATE')`);
    assert.deepEqual(events[2].relation, { type: 'partnership', description: { en: 'Co-engineered smartphones' } });
  });

  test('one timeline: relations and article events in date order', () => {
    const text = readFileSync(path.join(seedsDir, '004_41a9ae8dc5d7d7d4.txt'), 'utf8');
    const timeline: TimelineEvent[] = [...extractEvents(parseArticle(text), { language: 'it' }), ...events].sort(compareEvents);
    assert.deepEqual(
      timeline.map((e) => (e.source === 'article' ? e.text : `${e.edge} ${e.entities.join('/')}`)),
      ['nel 2015', 'start leica-camera/huawei', 'un anno dopo', 'il 31 marzo scorso', 'end leica-camera/huawei', 'start leica-camera/xiaomi', 'lunedì', 'lunedì scorso', 'luglio', 'sette anni'],
    );
  });

  test('an entity without relations, or relations without dates, give nothing', () => {
    assert.deepEqual(relationEvents([{ id: 'sharp', type: 'organization', name: 'Sharp', relations: [{ type: 'partnership', with: 'leica-camera' }] }]), []);
  });
});
