import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../runner';
import { activated, openSeed } from './helpers';

const seed004 = '004_41a9ae8dc5d7d7d4.txt';

test('the Corpus Timeline view: years → months → events, Undated last; an entity filter and clearing it', async () => {
  const api = await activated();
  const top = await api.timeline.getChildren();
  const labels = top.map((n) => String(api.timeline.getTreeItem(n).label));
  assert.ok(labels.includes('2015') && labels.includes('2022'), labels.join());
  assert.equal(labels[labels.length - 1], 'Undated');
  const year2022 = top.find((n) => n.kind === 'year' && n.year === 2022)!;
  const months = (await api.timeline.getChildren(year2022)).map((n) => String(api.timeline.getTreeItem(n).label));
  assert.ok(months.includes('March') && months.includes('May'), months.join());
  const march = (await api.timeline.getChildren(year2022)).find((n) => n.kind === 'month' && n.month === 3)!;
  const events = await api.timeline.getChildren(march);
  const marzo = events.map((e) => api.timeline.getTreeItem(e)).find((i) => String(i.label).includes('31 marzo'))!;
  assert.equal(marzo.command?.command, 'vscode.open');
  assert.match(String(marzo.description), /Huawei/);

  await vscode.commands.executeCommand('seedCorpus.showOnTimeline', 'sharp');
  assert.deepEqual(api.timeline.entityFilter, { id: 'sharp', name: 'Sharp' });
  const filtered = await api.timeline.getChildren();
  const all = (nodes: typeof filtered): Promise<number> => Promise.all(nodes.map((n) => (n.kind === 'event' ? 1 : api.timeline.getChildren(n).then(all)))).then((c) => c.reduce((a, b) => a + b, 0));
  assert.ok((await all(filtered)) < (await all(top)), 'fewer events with the filter');
  await vscode.commands.executeCommand('seedCorpus.clearTimelineFilter');
  assert.equal(api.timeline.entityFilter, undefined);
});

test('inlay hints after relative dates show the resolved value', async () => {
  await activated();
  const { document } = await openSeed(seed004);
  const range = new vscode.Range(0, 0, document.lineCount, 0);
  const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range);
  const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
  assert.ok(labels.includes('⟨2022-03-31⟩') && labels.includes('⟨2022-05-23⟩'), labels.join());
});
