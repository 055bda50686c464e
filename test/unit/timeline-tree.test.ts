// The Corpus Timeline's tree shape (group rows from the server's counts, pages of events with "Show more…") and its row labels.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventLabel, eventNodes, expandUpTo, flattened, groupNodes, loadEvents, placeOf, type Loaded } from '../../client/src/views/timelineGroups';
import { timelineMaxPage, type TimelineEntry, type TimelineEventsResult } from '../../server/src/protocol';

const entry = (value: string, year?: number, month?: number, sentence = `Something happened (${value}).`): TimelineEntry => ({
  value, source: 'article', text: value, sentence, entities: [], resolution: '', description: value, year, month,
});

/** A server's place of `total` events, answering pages as `seedCorpus/timelineEvents` does; `version()` says which timeline. */
function place(total: number, version: () => number = () => 1) {
  const asked: Array<[number, number]> = [];
  const fetch = async (offset: number, limit: number): Promise<TimelineEventsResult> => {
    asked.push([offset, limit]);
    const v = version();
    const entries = Array.from({ length: Math.max(0, Math.min(limit, timelineMaxPage, total - offset)) }, (_, i) => entry(`v${v}-${offset + i}`));
    return { entries, offset, total, version: v };
  };
  return { asked, fetch };
}

describe('timeline tree', () => {
  test('group rows: ids stable per level and entity filter; expanded when their level holds at most a page', () => {
    const top = groupNodes([{ kind: 'year', year: 2016, count: 7 }, { kind: 'undated', count: 3 }], 10, undefined);
    assert.deepEqual(top.map((g) => [g.id, g.expanded]), [['*/year:2016', true], ['*/undated', true]]);
    const year = groupNodes([{ kind: 'no-month', year: 2016, count: 500 }, { kind: 'month', year: 2016, month: 7, count: 2 }], 502, 'sharp');
    assert.deepEqual(year.map((g) => [g.id, g.expanded, g.entity]), [['entity:sharp/no-month:2016', false, 'sharp'], ['entity:sharp/month:2016-7', false, 'sharp']]);
    assert.equal(groupNodes([{ kind: 'year', year: 2022, count: expandUpTo }], expandUpTo, undefined)[0].expanded, true);
    assert.equal(groupNodes([{ kind: 'year', year: 2022, count: expandUpTo + 1 }], expandUpTo + 1, undefined)[0].expanded, false);
    assert.deepEqual(year.map((g) => g.kind !== 'year' && placeOf(g)), [{ year: 2016 }, { year: 2016, month: 7 }]);
    assert.deepEqual(placeOf(top[1] as Exclude<(typeof top)[number], { kind: 'year' }>), {});
  });

  test('a year with only events without a month shows them directly; with months too, as a group', () => {
    const only = groupNodes([{ kind: 'no-month', year: 2015, count: 1 }], 1, undefined);
    assert.equal(flattened(only), only[0]);
    assert.equal(flattened(groupNodes([{ kind: 'no-month', year: 2016, count: 5 }, { kind: 'month', year: 2016, month: 7, count: 2 }], 7, undefined)), undefined);
    assert.equal(flattened(groupNodes([{ kind: 'month', year: 2016, month: 7, count: 2 }], 2, undefined)), undefined);
  });

  test('pages: the first page, then "Show more…" loads only the next one; the last page has no "Show more…"', async () => {
    const [group] = groupNodes([{ kind: 'month', year: 2022, month: 3, count: 450 }], 450, undefined);
    const server = place(450);
    let loaded = await loadEvents(undefined, 200, server.fetch);
    let rows = eventNodes(group, loaded, 200);
    assert.equal(rows.length, 201);
    assert.deepEqual(rows[200], { kind: 'more', id: '*/month:2022-3/more', group, parent: group, shown: 200, total: 450 });
    loaded = await loadEvents(loaded, 400, server.fetch);
    loaded = await loadEvents(loaded, 600, server.fetch);
    rows = eventNodes(group, loaded, 600);
    assert.equal(rows.length, 450);
    assert.ok(rows.every((r) => r.kind === 'event'), `rows.every((r) => r.kind === 'event')`);
    assert.deepEqual(rows.map((r) => r.kind === 'event' && r.entry.value), Array.from({ length: 450 }, (_, i) => `v1-${i}`));
    assert.deepEqual(server.asked, [[0, 200], [200, 200], [400, 200]]);
    // Loaded enough already: nothing asked.
    await loadEvents(loaded, 600, server.fetch);
    assert.equal(server.asked.length, 3);
  });

  test('after a refresh, a group shows as many events as before, in pages of at most the largest the server gives', async () => {
    const server = place(2500);
    const loaded = await loadEvents(undefined, 2400, server.fetch);
    assert.equal(loaded.entries.length, 2400);
    assert.deepEqual(server.asked, [[0, timelineMaxPage], [1000, timelineMaxPage], [2000, 400]]);
  });

  test('a page from a newer timeline than the loaded ones: the group is loaded again from its start', async () => {
    let version = 1;
    const server = place(300, () => version);
    const first = await loadEvents(undefined, 200, server.fetch);
    version = 2;
    const more = await loadEvents(first, 400, server.fetch);
    assert.deepEqual(server.asked, [[0, 200], [200, 200], [0, 400]]);
    assert.equal(more.version, 2);
    assert.deepEqual(more.entries.map((e) => e.value), Array.from({ length: 300 }, (_, i) => `v2-${i}`));
  });

  test('an empty place, and one that shrank under a loaded page, end the load', async () => {
    const empty = await loadEvents(undefined, 200, place(0).fetch);
    assert.deepEqual(empty, { version: 1, total: 0, entries: [] } satisfies Loaded);
    const [group] = groupNodes([{ kind: 'undated', count: 0 }], 0, undefined);
    assert.deepEqual(eventNodes(group, empty, 200), []);
    const stale: Loaded = { version: 1, total: 500, entries: [entry('a')] };
    const shrunk = await loadEvents(stale, 200, async (offset) => ({ entries: [], offset, total: 1, version: 1 }));
    assert.equal(shrunk.entries.length, 1);
  });

  test('labels: short sentences whole, long ones cut around the expression', () => {
    assert.equal(eventLabel(entry('2016', 2016, undefined, 'Seit 2016 kooperiert Huawei mit Leica.')), 'Seit 2016 kooperiert Huawei mit Leica.');
    const long = { ...entry('2022-03-31', 2022, 3, `${'Lorem ipsum dolor sit amet. '.repeat(4)}Leica ha chiuso il 31 marzo scorso la partnership con Huawei, dopo sette anni.`), text: 'il 31 marzo scorso' };
    const label = eventLabel(long);
    assert.ok(label.length <= 72 && label.includes('il 31 marzo scorso') && label.startsWith('…'), label);
  });
});
