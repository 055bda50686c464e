/**
 * The timeline over real JSON-RPC: `seedCorpus/timeline` for the whole corpus and filtered by entity, with
 * knowledge-base relations; inlay hints after relative dates; `seedCorpus/timelineChanged` after an edit.
 *
 * Run: npx tsx --test test/lsp/timeline.test.ts   (after `node esbuild.mjs`)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { InlayHint } from 'vscode-languageserver-protocol/node';
import { timelineChangedNotification, timelineRequest, type TimelineResult } from '../../server/src/protocol';
import { startedSession } from './lspClient';

const seed000 = '000_ebeef4f3d678d313.txt';
const seed004 = '004_41a9ae8dc5d7d7d4.txt';
const testTimeout = 60_000;

describe('timeline over LSP', { timeout: 5 * testTimeout }, () => {
  test('the whole corpus in time order, articles and knowledge-base relations; an entity filter', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const { entries } = await s.request<TimelineResult>(timelineRequest.method, {});
    const march = entries.find((e) => e.text === 'il 31 marzo scorso')!;
    assert.equal(march.value, '2022-03-31');
    assert.equal(march.anchor, 'article-date');
    assert.equal(march.uri, ws.uriOf(seed004));
    assert.deepEqual([march.year, march.month], [2022, 3]);
    assert.ok(march.entities.some((e) => e.id === 'huawei' && e.name === 'Huawei'));
    const relationEnd = entries.find((e) => e.source === 'knowledge-base' && e.value === '2022-03-31')!;
    assert.match(relationEnd.text, /partnership with Huawei ends/);
    assert.ok(entries.indexOf(relationEnd) > entries.indexOf(march) - 1, 'ordered by date');
    const dated = entries.filter((e) => e.year !== undefined);
    assert.deepEqual(entries.slice(0, dated.length), dated, 'dated entries come first');

    const sharp = await s.request<TimelineResult>(timelineRequest.method, { entity: 'sharp' });
    assert.ok(sharp.entries.length > 0 && sharp.entries.length < entries.length);
    assert.ok(sharp.entries.every((e) => e.entities.some((x) => x.id === 'sharp')));
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
    // Asked once before the change, so that the server's sorted timeline exists and must be found stale after it.
    const earlier = await s.request<TimelineResult>(timelineRequest.method, {});
    const julyBefore = earlier.entries.filter((e) => e.uri === uri000 && e.text === 'im Juli');
    assert.equal(julyBefore.length, 3);
    assert.ok(julyBefore.every((e) => e.anchor !== 'article-date'), julyBefore.map((e) => e.anchor).join());
    const mark = s.mark();
    await s.replaceAll(uri000, 2, `---\npublished: 2022-05-24\n---\n${ws.read(seed000)}`);
    await s.waitForDiagnostics(uri000, { version: 2, since: mark });
    await s.waitFor(timelineChangedNotification.method, () => true, { since: s.log.findIndex((m, i) => i >= mark && m.method === 'textDocument/publishDiagnostics' && m.params.version === 2) });
    const { entries } = await s.request<TimelineResult>(timelineRequest.method, {});
    const july = entries.filter((e) => e.uri === uri000 && e.text === 'im Juli');
    assert.deepEqual(july.map((e) => [e.value, e.anchor]), [['2022-07', 'article-date'], ['2022-07', 'article-date'], ['2022-07', 'article-date']]);
  });
});
