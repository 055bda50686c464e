import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimelineNode } from '../../../client/src/views/timelineGroups';
import { test } from '../runner';
import { withTimeLimit } from '../timeLimit';
import { activated, eventTimeoutMs, nextEvent, openSeed, seedUri } from './helpers';

const seed004 = '004_41a9ae8dc5d7d7d4.txt';
/** An article with more events in one month than a page holds, written for the paging test and removed after it. */
const manyDates = '900_00000000000000aa.txt';
const manyDatesCount = 450;

type Api = Awaited<ReturnType<typeof activated>>;

const labelOf = (api: Api, node: TimelineNode) => String(api.timeline.getTreeItem(node).label);

/** Waits for the view's rows to change until `ready` holds (checked at once, then after each change). */
async function whenTimeline<T>(api: Api, ready: () => Promise<T | undefined>, what: string): Promise<T> {
  let changes = 0;
  let wake: (() => void) | undefined;
  const listener = api.timeline.onDidChangeTreeData(() => {
    changes++;
    wake?.();
  });
  const settled = async () => {
    for (;;) {
      const seen = changes;
      const value = await ready();
      if (value !== undefined) return value;
      if (changes === seen) await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  try {
    return await withTimeLimit(settled(), eventTimeoutMs, what);
  } finally {
    listener.dispose();
  }
}

/** The next time the view reloads `node`'s rows (and only them). */
function reloadOf(api: Api, node: TimelineNode): Promise<unknown> {
  const only: vscode.Event<unknown> = (listener) => api.timeline.onDidChangeTreeData((changed) => changed === node && listener(changed));
  return nextEvent(only, 'the group reloading');
}

test('the Corpus Timeline view: years → months → events, Undated last; an entity filter and clearing it', async () => {
  const api = await activated();
  const top = await api.timeline.getChildren();
  const labels = top.map((n) => labelOf(api, n));
  assert.ok(labels.includes('2015') && labels.includes('2022'), labels.join());
  assert.equal(labels[labels.length - 1], 'Undated');
  assert.ok(top.every((n) => api.timeline.getTreeItem(n).collapsibleState === vscode.TreeItemCollapsibleState.Expanded), 'the five seeds’ timeline starts expanded');
  assert.deepEqual((await api.timeline.getChildren()).map((n) => api.timeline.getTreeItem(n).id), top.map((n) => api.timeline.getTreeItem(n).id), 'ids stable across reloads');
  const year2022 = top.find((n) => n.kind === 'year' && n.year === 2022)!;
  const inYear = await api.timeline.getChildren(year2022);
  const months = inYear.map((n) => labelOf(api, n));
  assert.ok(months[0] === 'Without a month' && months.includes('March') && months.includes('May'), months.join());
  const march = inYear.find((n) => n.kind === 'month' && n.month === 3)!;
  const events = await api.timeline.getChildren(march);
  const marzo = events.map((e) => api.timeline.getTreeItem(e)).find((i) => String(i.label).includes('31 marzo'))!;
  assert.equal(marzo.command?.command, 'vscode.open');
  assert.match(String(marzo.description), /Huawei/);
  // A year whose only date names no month ("nel 2015") shows it without a group.
  const year2015 = top.find((n) => n.kind === 'year' && n.year === 2015)!;
  assert.deepEqual((await api.timeline.getChildren(year2015)).map((n) => n.kind), ['event']);

  const all = (nodes: TimelineNode[]): Promise<number> => Promise.all(nodes.map((n) => (n.kind === 'event' ? 1 : n.kind === 'more' ? 0 : api.timeline.getChildren(n).then(all)))).then((c) => c.reduce((a, b) => a + b, 0));
  const counted = top.reduce((sum, n) => sum + (n.kind === 'year' || n.kind === 'undated' ? n.count : 0), 0);
  assert.equal(await all(top), counted, 'the rows hold as many events as the years and Undated count');

  await vscode.commands.executeCommand('seedCorpus.showOnTimeline', 'sharp');
  assert.deepEqual(api.timeline.entityFilter, { id: 'sharp', name: 'Sharp' });
  const filtered = await api.timeline.getChildren();
  assert.ok((await all(filtered)) < counted, 'fewer events with the filter');
  await vscode.commands.executeCommand('seedCorpus.clearTimelineFilter');
  assert.equal(api.timeline.entityFilter, undefined);
});

test('the Corpus Timeline pages a month of more events than a page: collapsed groups, 200 rows and “Show more…”, which loads the next page', async (t) => {
  const api = await activated();
  const uri = seedUri(manyDates);
  const sentences = Array.from({ length: manyDatesCount }, (_, i) => `Am ${1 + (i % 28)}. März 2030 meldete die Leica Camera AG die Zahl ${i}.`);
  const text = `---\nlang: de\npublished: 2030-04-01\n---\nTermine der Leica Camera AG\n\n${sentences.join('\n\n')}\n`;
  const year2030 = async () => (await api.timeline.getChildren()).find((n) => n.kind === 'year' && n.year === 2030);
  t.cleanup(async () => {
    await vscode.workspace.fs.delete(uri);
    await whenTimeline(api, async () => ((await year2030()) ? undefined : true), 'the article’s events gone from the timeline');
  });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const year = await whenTimeline(api, async () => {
    const found = await year2030();
    return found?.kind === 'year' && found.count === manyDatesCount ? found : undefined;
  }, 'the article’s events on the timeline');

  const yearItem = api.timeline.getTreeItem(year);
  assert.equal(yearItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'a large timeline starts with its years collapsed');
  assert.equal(yearItem.description, `${manyDatesCount} events`);
  const [march, ...others] = await api.timeline.getChildren(year);
  assert.deepEqual([march.kind === 'month' && march.month, others.length], [3, 0]);
  assert.equal(api.timeline.getTreeItem(march).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);

  const pages: number[] = [];
  let rows = await api.timeline.getChildren(march);
  for (;;) {
    const more = rows[rows.length - 1];
    pages.push(rows.filter((r) => r.kind === 'event').length);
    if (more.kind !== 'more') break;
    const item = api.timeline.getTreeItem(more);
    assert.equal(item.label, 'Show more…');
    assert.equal(item.contextValue, 'timelineMore');
    assert.equal(item.id, `${api.timeline.getTreeItem(march).id}/more`);
    const reloaded = reloadOf(api, march);
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    await reloaded;
    rows = await api.timeline.getChildren(march);
  }
  assert.deepEqual(pages, [200, 400, manyDatesCount], 'a page more each time');
  const texts = rows.map((r) => labelOf(api, r));
  assert.equal(new Set(texts).size, manyDatesCount, 'every event once');
  const days = rows.map((r) => (r.kind === 'event' ? r.entry.value : ''));
  assert.deepEqual(days, [...days].sort(), 'in time order across pages');
});

test('inlay hints after relative dates show the resolved value', async () => {
  await activated();
  const { document } = await openSeed(seed004);
  const range = new vscode.Range(0, 0, document.lineCount, 0);
  const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range);
  const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
  assert.ok(labels.includes('⟨2022-03-31⟩') && labels.includes('⟨2022-05-23⟩'), labels.join());
});
