// The server's timeline index keeps its sorted timeline, and the counts and pages of its groups, in step with edits (one
// file at a time, in place) instead of sorting every event again: whatever the order of changes and reads, it must
// answer as a freshly built one, and its counts must add up to the events its pages hold.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { CancellationToken } from 'vscode-languageserver';
import type { LocatedEvent } from '../../server/src/fileSummary';
import type { TimelineEntry, TimelineGroup, TimelinePlace } from '../../server/src/protocol';
import { compareEvents, relationEvents, type TimelineEvent } from '../../server/src/core/timeline';
import { compileKnowledgeBase } from '../../server/src/core/entities/catalog';
import { readKnowledgeBase } from '../../server/src/core/entities/knowledge-base';
import { shorten, TimelineIndex } from '../../server/src/timelineFeatures';

const values = ['2016', '2016-07', '2016-07-01', '2016-SU', '2019', '2021-SU', '2022-03-31', '2022-05', 'XXXX-07', 'P5Y'];
const entities = ['leica', 'xiaomi', 'huawei', 'sharp'];
const files = ['/c/a.txt', '/c/b.txt', '/c/c.txt', '/c/d.txt'];
const uriOf = (file: string) => `file://${file}`;
/** Whether the timeline places a value (of those above, or the seeds' relations) in its years: a resolved year. */
const placed = (value: string) => /^\d{4}/.test(value);
const fileOrder = new Intl.Collator();

/**
 * What an entity's hover card should show, worked out the slow way: every dated event naming it (articles' and
 * relations'), sorted by date, then file, then place in the file, the first `limit` of them.
 */
function cardBySorting(articles: ReadonlyMap<string, readonly LocatedEvent[]>, relations: readonly TimelineEvent[], id: string, limit: number) {
  const naming = [...articles]
    .flatMap(([file, events]) => events.map((event): { event: TimelineEvent; file: string } => ({ event, file })))
    .concat(relations.map((event) => ({ event, file: '' })))
    .filter(({ event }) => event.entities.includes(id) && placed(event.value));
  naming.sort((a, b) => compareEvents(a.event, b.event) || fileOrder.compare(a.file, b.file) || (a.event.source === 'article' ? a.event.span.start : 0) - (b.event.source === 'article' ? b.event.span.start : 0));
  const shown = naming.slice(0, limit).map(({ event }) => ({ value: event.value, text: shorten(event.source === 'article' ? event.sentence.text : event.summary) }));
  return { shown, total: naming.length };
}
const none = CancellationToken.None;

const mods = [undefined, undefined, 'START', 'END', 'ON_OR_AFTER'] as const;

function locatedEvent(value: string, mod: (typeof mods)[number], start: number, ids: string[]): LocatedEvent {
  return {
    ...(mod ? { mod } : {}),
    span: { start, end: start + 4 },
    text: value,
    type: value.startsWith('P') ? 'DURATION' : 'DATE',
    value,
    anchor: 'absolute',
    resolution: 'written out in full',
    source: 'article',
    sentence: { span: { start, end: start + 10 }, text: `Sentence at ${start}.` },
    entities: ids,
    language: 'de',
    range: { start: { line: 0, character: start }, end: { line: 0, character: start + 4 } },
  };
}

const event = fc
  .record({ value: fc.constantFrom(...values), mod: fc.constantFrom(...mods), start: fc.nat(500), entities: fc.subarray(entities) })
  .map(({ value, mod, start, entities: ids }) => locatedEvent(value, mod, start, ids));

const entity = fc.option(fc.constantFrom(...entities), { nil: undefined });
const place = fc.constantFrom<TimelinePlace>({}, { year: 2016 }, { year: 2016, month: 7 }, { year: 2021 }, { year: 2022, month: 3 }, { year: 2022, month: 5 }, { year: 2030, month: 1 });

// A change (a file's new events, or its removal), a read (the top groups, a year's groups, a page, a hover's events)
// or a priming.
const change = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), file: fc.constantFrom(...files), events: fc.array(event, { maxLength: 6 }), inOrder: fc.boolean() }),
  // A keystroke: the file's events from `at` on move by `by` (the index takes events that keep their order in place).
  fc.record({ kind: fc.constant('shift' as const), file: fc.constantFrom(...files), at: fc.nat(500), by: fc.integer({ min: -300, max: 300 }) }),
  fc.record({ kind: fc.constant('delete' as const), file: fc.constantFrom(...files) }),
);
const step = fc.oneof(
  change,
  fc.record({ kind: fc.constant('groups' as const), entity, year: fc.option(fc.constantFrom(2016, 2019, 2022), { nil: undefined }) }),
  fc.record({ kind: fc.constant('page' as const), entity, place, offset: fc.nat(8), limit: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('hover' as const), entity: fc.constantFrom(...entities) }),
  // What the server does after a pass: sort and split per entity before anyone asks, in slices (here one step
  // each), while changes come in between them.
  fc.record({ kind: fc.constant('prime' as const), during: fc.array(fc.record({ change, atPause: fc.nat(40) }), { maxLength: 3 }) }),
);

type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

interface Tree {
  groups: TimelineGroup[];
  years: Array<{ year: number; groups: TimelineGroup[] }>;
  places: Array<{ place: TimelinePlace; entries: TimelineEntry[] }>;
}

/** The whole tree of one scope, read as the view does, its pages `pageSize` long; checks that the counts add up on the way. */
async function walk(index: TimelineIndex, entity: string | undefined, pageSize: number): Promise<Tree> {
  const top = await index.groups(none, [], { entity });
  assert.equal(top.total, top.groups.reduce((sum, g) => sum + g.count, 0));
  const tree: Tree = { groups: top.groups, years: [], places: [] };
  const read = async (where: TimelinePlace, count: number) => {
    const entries: TimelineEntry[] = [];
    for (let offset = 0; offset <= count; offset += pageSize) {
      const page = await index.page(none, [], uriOf, { entity, place: where, offset, limit: pageSize });
      assert.equal(page.total, count, 'a page’s total is its group’s count');
      assert.equal(page.version, top.version);
      entries.push(...page.entries);
    }
    assert.equal(entries.length, count, 'the pages hold as many events as the count, each once');
    tree.places.push({ place: where, entries });
  };
  for (const group of top.groups) {
    if (group.kind === 'undated') {
      await read({}, group.count);
      continue;
    }
    assert.equal(group.kind, 'year');
    const inYear = await index.groups(none, [], { entity, year: group.year });
    assert.equal(inYear.total, group.count);
    assert.equal(inYear.groups.reduce((sum, g) => sum + g.count, 0), group.count);
    tree.years.push({ year: group.year, groups: inYear.groups });
    for (const g of inYear.groups) await read(g.kind === 'month' ? { year: g.year, month: g.month } : { year: group.year }, g.count);
  }
  return tree;
}

/** New event objects, those from `at` on moved by `by` (never before 0). */
function shifted(events: readonly LocatedEvent[], at: number, by: number): LocatedEvent[] {
  return events.map((e) => {
    const start = e.span.start >= at ? Math.max(0, e.span.start + by) : e.span.start;
    return { ...e, span: { start, end: start + 4 }, range: { start: { line: 0, character: start }, end: { line: 0, character: start + 4 } } };
  });
}

test('after any changes and reads, the index answers as one built afresh from the same files', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.integer({ min: 1, max: 4 }), async (steps, pageSize) => {
      const index = new TimelineIndex();
      const state = new Map<string, LocatedEvent[]>();
      const apply = (s: Change) => {
        if (s.kind === 'delete') {
          index.delete(s.file);
          state.delete(s.file);
          return;
        }
        const events = s.kind === 'set' ? (s.inOrder ? [...s.events].sort((a, b) => a.span.start - b.span.start) : s.events) : shifted(state.get(s.file) ?? [], s.at, s.by);
        index.set(s.file, events);
        if (events.length > 0) state.set(s.file, events);
        else state.delete(s.file);
      };
      for (const s of steps) {
        if (s.kind === 'set' || s.kind === 'shift' || s.kind === 'delete') {
          apply(s);
        } else if (s.kind === 'groups') {
          await index.groups(none, [], { entity: s.entity, year: s.year });
        } else if (s.kind === 'page') {
          await index.page(none, [], uriOf, { entity: s.entity, place: s.place, offset: s.offset, limit: s.limit });
        } else if (s.kind === 'hover') {
          index.eventsOf(s.entity, [], 5);
        } else {
          // Each change comes in at the pause it names, or after the priming if it ends first.
          const pending = [...s.during].sort((a, b) => a.atPause - b.atPause);
          let pauses = 0;
          await index.prime(
            [],
            async () => {
              while (pending.length > 0 && pending[0].atPause <= pauses) apply(pending.shift()!.change);
              pauses++;
            },
            0,
          );
          for (const { change: late } of pending) apply(late);
        }
      }
      const fresh = new TimelineIndex();
      for (const [file, events] of state) fresh.set(file, events);
      const whole = await walk(index, undefined, pageSize);
      assert.deepEqual(whole, await walk(fresh, undefined, 1000));
      const all = whole.places.flatMap((p) => p.entries);
      assert.equal(all.length, [...state.values()].reduce((sum, events) => sum + events.length, 0), 'every event once');
      for (const { place: where, entries } of whole.places) {
        assert.ok(entries.every((e) => e.year === where.year && e.month === where.month), `${JSON.stringify(where)}: ${entries.map((e) => e.value).join()}`);
      }
      for (const id of entities) {
        assert.deepEqual(index.eventsOf(id, [], 5), cardBySorting(state, [], id, 5), `${id}: a hover card’s events are its first dated ones in time order`);
        const scoped = await walk(index, id, pageSize);
        assert.deepEqual(scoped, await walk(fresh, id, 1000));
        const naming = all.filter((e) => e.entities.some((x) => x.id === id));
        assert.deepEqual(scoped.places.flatMap((p) => p.entries), naming, 'an entity’s timeline is the whole one’s events naming it');
      }
    }),
    { numRuns: 300 },
  );
});

test('a timeline of many times a sorting step’s events is in the order of one sort of them all', async () => {
  // The index sorts in steps of 2,048 (runs, then merges of runs): 9,000 events on few dates, many of them equal but
  // for their place, over files whose names sort otherwise than they came.
  let seed = 7;
  const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const byFile = new Map<string, LocatedEvent[]>();
  for (let f = 0; f < 300; f++) {
    const starts = [...new Set(Array.from({ length: 30 }, () => random(400)))];
    byFile.set(`/c/${(f * 7919) % 300}-${f}.txt`, starts.map((start) => locatedEvent(values[random(values.length)], mods[random(mods.length)], start, [entities[random(4)]])));
  }
  const index = new TimelineIndex();
  for (const [file, events] of byFile) index.set(file, events);
  const collator = new Intl.Collator();
  const inOrder = [...byFile]
    .flatMap(([file, events]) => events.map((event) => ({ file, event })))
    .sort((a, b) => compareEvents(a.event, b.event) || collator.compare(a.file, b.file) || a.event.span.start - b.event.span.start);
  const key = ({ file, event }: { file: string; event: LocatedEvent }) => `${uriOf(file)}@${event.span.start} ${event.value} ${event.mod ?? ''}`;
  const entryKey = (e: TimelineEntry) => `${e.uri}@${e.range!.start.character} ${e.value} ${e.mod ?? ''}`;
  assert.ok(inOrder.length > 4 * 2048, `${inOrder.length} events`);
  // Each entity first: split per entity from what the sort read of the events, in the sort's order.
  for (const id of entities) {
    const scoped = (await walk(index, id, 10_000)).places.flatMap((p) => p.entries).map(entryKey);
    assert.deepEqual(scoped, inOrder.filter(({ event }) => event.entities.includes(id)).map(key), id);
  }
  assert.deepEqual((await walk(index, undefined, 10_000)).places.flatMap((p) => p.entries).map(entryKey), inOrder.map(key));
});

test('a cancelled request stops with RequestCancelled', async () => {
  const index = new TimelineIndex();
  const cancelled = { isCancellationRequested: true, onCancellationRequested: CancellationToken.None.onCancellationRequested };
  await assert.rejects(index.groups(cancelled, [], {}), (error: { code?: number }) => error.code === -32800);
  await assert.rejects(index.page(cancelled, [], uriOf, { place: {}, offset: 0, limit: 10 }), (error: { code?: number }) => error.code === -32800);
});

test('an edit that moves an article’s events past each other re-sorts them; one that only moves them keeps their order', async () => {
  const at = (value: string, start: number): LocatedEvent => ({ ...locatedEvent(value, undefined, start, ['leica']), text: `${value}@${start}` });
  const index = new TimelineIndex();
  index.set(files[0], [at('2016', 10), at('2016', 20), at('2019', 30)]);
  index.set(files[1], [at('2016', 15)]);
  const texts = async () => (await index.page(none, [], uriOf, { place: { year: 2016 }, offset: 0, limit: 10 })).entries.map((e) => e.text);
  assert.deepEqual(await texts(), ['2016@10', '2016@20', '2016@15']);
  index.set(files[0], [at('2016', 11), at('2016', 21), at('2019', 31)]);
  assert.deepEqual(await texts(), ['2016@11', '2016@21', '2016@15'], 'moved together: same order, new places');
  index.set(files[0], [at('2016', 12), at('2016', 5), at('2019', 31)]);
  assert.deepEqual(await texts(), ['2016@5', '2016@12', '2016@15'], 'moved past each other: sorted again');
  assert.equal(index.eventsOf('leica', [], 5).total, 4);
});

test('a timeline request while the timeline is primed ends the priming there: nothing is sorted twice', async () => {
  const at = (value: string, start: number, ids: string[]) => locatedEvent(value, undefined, start, ids);
  const filled = () => {
    const index = new TimelineIndex();
    files.forEach((file, i) => index.set(file, [at(`${2010 + i}`, 10, ['leica']), at(`${2020 - i}-05`, 20, ['leica', 'xiaomi'])]));
    return index;
  };
  let alone = 0;
  await filled().prime([], async () => void alone++, 0);
  const expected = await walk(filled(), 'leica', 1000);
  for (const requestAt of [0, 1, Math.floor(alone / 2), alone - 2]) {
    const index = filled();
    let pauses = 0;
    await index.prime(
      [],
      async () => {
        if (pauses++ === requestAt) assert.deepEqual(await walk(index, 'leica', 1000), expected);
      },
      0,
    );
    assert.equal(pauses, requestAt + 1, `a request at pause ${requestAt} of ${alone}`);
    assert.deepEqual(await walk(index, 'leica', 1000), expected);
  }
});

test('a hover card’s events include the knowledge base’s dated relations, in time order with the articles’', () => {
  const catalog = compileKnowledgeBase(readKnowledgeBase(readFileSync(path.join(__dirname, '../../seeds/entities.json'), 'utf8')).knowledgeBase!);
  const relations = relationEvents(catalog.knowledgeBase.entities);
  const named = [...new Set(relations.flatMap((event) => event.entities))];
  assert.ok(named.length > 0, 'the seeds’ knowledge base has dated relations');
  const index = new TimelineIndex();
  const articles = new Map<string, LocatedEvent[]>();
  files.forEach((file, i) => {
    const events = values.map((value, k) => locatedEvent(value, mods[(i + k) % mods.length], 10 * k, [named[(i + k) % named.length]]));
    index.set(file, events);
    articles.set(file, events);
  });
  for (const id of named) {
    for (const limit of [1, 3, 5]) {
      const card = index.eventsOf(id, [catalog], limit);
      assert.deepEqual(card, cardBySorting(articles, relations, id, limit), `${id}, ${limit}`);
    }
    assert.ok(index.eventsOf(id, [catalog], 100).shown.some((e) => relations.some((r) => r.summary === e.text || shorten(r.summary) === e.text)), `${id}: a relation among its events`);
  }
  assert.deepEqual(index.eventsOf(named[0], [], 5), cardBySorting(articles, [], named[0], 5), 'without the knowledge base, its articles’ alone');
});

test('a change that comes in while the timeline is primed, wherever it comes, is in every answer after', async () => {
  const at = (value: string, start: number, ids: string[]) => locatedEvent(value, undefined, start, ids);
  const before = [at('2016', 10, ['leica']), at('2019', 20, ['leica', 'xiaomi']), at('2022-05', 30, ['xiaomi'])];
  const after = [at('2021-SU', 5, ['leica']), at('2016-07', 25, ['huawei'])];
  for (let changeAt = 0; changeAt < 40; changeAt++) {
    const index = new TimelineIndex();
    index.set(files[0], before);
    index.set(files[1], [at('2019', 40, ['leica'])]);
    let pauses = 0;
    await index.prime(
      [],
      async () => {
        if (pauses++ === changeAt) index.set(files[0], after);
      },
      0,
    );
    if (pauses <= changeAt) break;
    const fresh = new TimelineIndex();
    fresh.set(files[0], after);
    fresh.set(files[1], [at('2019', 40, ['leica'])]);
    for (const id of entities) assert.deepEqual(index.eventsOf(id, [], 5), fresh.eventsOf(id, [], 5), `${id}, change at pause ${changeAt}`);
  }
});
