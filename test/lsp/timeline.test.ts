/**
 * The timeline over real JSON-RPC: `seedCorpus/timelineGroups` (years and Undated, a year's groups) and
 * `seedCorpus/timelineEvents` (a page of a place's events) for the whole corpus and filtered by entity, with
 * knowledge-base relations; inlay hints after relative dates; `seedCorpus/timelineChanged` after an edit.
 *
 * Run: npx tsx --test test/lsp/timeline.test.ts   (after `node esbuild.mjs`)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { InlayHint } from 'vscode-languageserver-protocol/node';
import {
  timelineChangedNotification,
  timelineEventsRequest,
  timelineGroupsRequest,
  timelineMaxPage,
  type TimelineEntry,
  type TimelineGroup,
  type TimelinePlace,
} from '../../server/src/protocol';
import { startedSession, type LspSession } from './lspClient';

const seed000 = '000_ebeef4f3d678d313.txt';
const seed004 = '004_41a9ae8dc5d7d7d4.txt';
const testTimeout = 60_000;
const invalidParams = -32602;

interface Walked {
  top: TimelineGroup[];
  /** Every place, in tree order, with its events read a page of `pageSize` at a time. */
  places: Array<{ place: TimelinePlace; entries: TimelineEntry[] }>;
  entries: TimelineEntry[];
  version: number;
}

/**
 * Walks the tree as the view does, checking on the way that every count is the sum of the level below it, that
 * pages of `pageSize` read one after the other give the place's events once each, and that all answers share a version.
 */
async function walk(s: LspSession, entity?: string, pageSize = 2): Promise<Walked> {
  const top = await s.connection.sendRequest(timelineGroupsRequest, { entity });
  assert.equal(top.total, top.groups.reduce((sum, g) => sum + g.count, 0), 'the top total is the sum of its groups');
  const versions = new Set([top.version]);
  const places: Walked['places'] = [];
  const read = async (place: TimelinePlace, count: number) => {
    const entries: TimelineEntry[] = [];
    for (let offset = 0; offset < count; offset += pageSize) {
      const page = await s.connection.sendRequest(timelineEventsRequest, { entity, place, offset, limit: pageSize });
      assert.equal(page.offset, offset);
      assert.equal(page.total, count, `${JSON.stringify(place)}: the page's total is the group's count`);
      assert.equal(page.entries.length, Math.min(pageSize, count - offset));
      versions.add(page.version);
      entries.push(...page.entries);
    }
    places.push({ place, entries });
  };
  for (const group of top.groups) {
    if (group.kind === 'undated') {
      await read({}, group.count);
      continue;
    }
    assert.equal(group.kind, 'year');
    const inYear = await s.connection.sendRequest(timelineGroupsRequest, { entity, year: group.year });
    versions.add(inYear.version);
    assert.equal(inYear.total, group.count, `${group.year}: the year's count is the sum of its groups`);
    assert.equal(inYear.groups.reduce((sum, g) => sum + g.count, 0), group.count);
    const months = inYear.groups.flatMap((g) => (g.kind === 'month' ? [g.month] : []));
    assert.deepEqual(months, [...months].sort((a, b) => a - b), 'months ascending');
    assert.ok(inYear.groups.every((g, i) => (g.kind === 'no-month' ? i === 0 : g.kind === 'month' && g.year === group.year && g.count > 0)), JSON.stringify(inYear.groups));
    for (const g of inYear.groups) await read(g.kind === 'month' ? { year: g.year, month: g.month } : { year: group.year }, g.count);
  }
  assert.equal(versions.size, 1, 'one version of the timeline throughout');
  return { top: top.groups, places, entries: places.flatMap((p) => p.entries), version: top.version };
}

describe('timeline over LSP', { timeout: 5 * testTimeout }, () => {
  test('years, a year’s groups and pages of a place, counts that add up; articles and knowledge-base relations', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const { top, places, entries } = await walk(s);
    const years = top.flatMap((g) => (g.kind === 'year' ? [g.year] : []));
    assert.deepEqual(years, [...years].sort((a, b) => a - b), 'years ascending');
    assert.ok(years.includes(2015) && years.includes(2022), years.join());
    assert.equal(top[top.length - 1].kind, 'undated', 'Undated last');
    assert.equal(new Set(entries).size, entries.length);
    assert.equal(new Set(entries.map((e) => `${e.uri}:${e.range?.start.line}:${e.range?.start.character}:${e.text}:${e.value}`)).size, entries.length, 'no event twice');

    for (const { place, entries: events } of places) {
      if (place.year === undefined) assert.ok(events.every((e) => e.year === undefined), 'Undated: no calendar place');
      else assert.ok(events.every((e) => e.year === place.year && e.month === place.month), `${JSON.stringify(place)}: ${events.map((e) => e.value).join()}`);
    }
    const undated = places.find((p) => p.place.year === undefined)!.entries.map((e) => e.value);
    assert.ok(undated.includes('P7Y') || undated.some((v) => v.startsWith('P')), `a duration among the undated: ${undated.join()}`);
    const since2016 = places.find((p) => p.place.year === 2016 && p.place.month === undefined)!.entries;
    assert.ok(since2016.some((e) => e.sentence === 'Seit 2016 kooperiert Huawei mit Leica.'), 'a year-only date sits among its year’s events without a month');

    const march = await s.connection.sendRequest(timelineEventsRequest, { place: { year: 2022, month: 3 } });
    const marzo = march.entries.find((e) => e.text === 'il 31 marzo scorso')!;
    assert.equal(marzo.value, '2022-03-31');
    assert.equal(marzo.anchor, 'article-date');
    assert.equal(marzo.uri, ws.uriOf(seed004));
    assert.deepEqual([marzo.year, marzo.month], [2022, 3]);
    assert.ok(marzo.entities.some((e) => e.id === 'huawei' && e.name === 'Huawei'), `marzo.entities.some((e) => e.id === 'huawei' && e.name === 'Huawei')`);
    const relationEnd = march.entries.find((e) => e.source === 'knowledge-base' && e.value === '2022-03-31')!;
    assert.match(relationEnd.text, /partnership with Huawei ends/);
    assert.ok(march.entries.indexOf(relationEnd) > march.entries.indexOf(marzo), 'a relation’s end after the articles’ events of its day');

    // A page past the end is empty and still tells the total; a limit above the largest page is cut to it.
    const past = await s.connection.sendRequest(timelineEventsRequest, { place: { year: 2022, month: 3 }, offset: march.total + 5, limit: 10 });
    assert.deepEqual([past.entries, past.offset, past.total], [[], march.total + 5, march.total]);
    const big = await s.connection.sendRequest(timelineEventsRequest, { place: { year: 2022, month: 3 }, limit: 10 * timelineMaxPage });
    assert.deepEqual(big.entries, march.entries);
    const nowhere = await s.connection.sendRequest(timelineEventsRequest, { place: { year: 1850, month: 1 } });
    assert.deepEqual([nowhere.entries, nowhere.total], [[], 0]);
    assert.deepEqual((await s.connection.sendRequest(timelineGroupsRequest, { year: 1850 })).groups, []);

    for (const [params, what] of [
      [{}, 'no place'],
      [{ place: { month: 3 } }, 'a month without a year'],
      [{ place: { year: 2022, month: 13 } }, 'month 13'],
      [{ place: {}, offset: -1 }, 'a negative offset'],
      [{ place: {}, limit: 2.5 }, 'a fractional limit'],
      [{ place: { year: '2022' } }, 'a year as text'],
    ] as const) {
      const answer = await s.rawRequest(`invalid ${what}`, timelineEventsRequest.method, params);
      assert.equal(answer.error?.code, invalidParams, `${what}: ${JSON.stringify(answer)}`);
    }
  });

  test('filtered by entity: only its events, counts that add up; an unknown entity has none', { timeout: testTimeout }, async (t) => {
    const { s } = await startedSession(t);
    const all = await walk(s, undefined, 50);
    const sharp = await walk(s, 'sharp', 3);
    assert.ok(sharp.entries.length > 0 && sharp.entries.length < all.entries.length, `${sharp.entries.length} of ${all.entries.length}`);
    assert.ok(sharp.entries.every((e) => e.entities.some((x) => x.id === 'sharp')), `sharp.entries.every((e) => e.entities.some((x) => x.id === 'sharp'))`);
    const naming = all.entries.filter((e) => e.entities.some((x) => x.id === 'sharp'));
    assert.deepEqual(sharp.entries, naming, 'the same events, in the same order, as the whole timeline’s naming Sharp');
    for (const entity of ['no-such-entity', '__proto__']) {
      const none = await s.connection.sendRequest(timelineGroupsRequest, { entity });
      assert.deepEqual([none.groups, none.total], [[], 0]);
    }
  });

  test('inlay hints after relative and partial dates only; a change to the article announces a new timeline', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const uri = ws.uriOf(seed004);
    const text = ws.read(seed004);
    await s.open(uri, text);
    const hints = await s.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } } });
    const document = s.document(uri);
    const before = hints.map((h) => `${document.getText({ start: { line: h.position.line, character: h.position.character - 18 }, end: h.position }).trim()} ${h.label}`);
    assert.ok(before.some((h) => h.endsWith('il 31 marzo scorso ⟨2022-03-31⟩')), before.join('\n'));
    assert.ok(before.some((h) => h.endsWith('lunedì ⟨2022-05-23⟩')), before.join('\n'));
    assert.ok(!before.some((h) => /nel 2015|sette anni/.test(h)), 'no hint after an absolute date or a duration');

    const uri000 = ws.uriOf(seed000);
    await s.open(uri000, ws.read(seed000));
    // Read once before the change, so that the server's sorted timeline and its groups exist and must follow it.
    const earlier = await walk(s, undefined, 7);
    const julyBefore = earlier.entries.filter((e) => e.uri === uri000 && e.text === 'im Juli');
    assert.equal(julyBefore.length, 3);
    assert.ok(julyBefore.every((e) => e.anchor !== 'article-date'), julyBefore.map((e) => e.anchor).join());
    const mark = s.mark();
    await s.replaceAll(uri000, 2, `---\npublished: 2022-05-24\n---\n${ws.read(seed000)}`);
    await s.waitForDiagnostics(uri000, { version: 2, since: mark });
    await s.waitFor(timelineChangedNotification.method, () => true, { since: s.log.findIndex((m, i) => i >= mark && m.method === 'textDocument/publishDiagnostics' && m.params.version === 2) });
    const after = await walk(s, undefined, 7);
    assert.notEqual(after.version, earlier.version, 'a new version after the change');
    const july = after.entries.filter((e) => e.uri === uri000 && e.text === 'im Juli');
    assert.deepEqual(july.map((e) => [e.value, e.anchor]), [['2022-07', 'article-date'], ['2022-07', 'article-date'], ['2022-07', 'article-date']]);
    assert.equal(after.entries.length, earlier.entries.length, 'the same events, moved');
  });
});
