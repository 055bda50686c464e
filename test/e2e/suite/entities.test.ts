import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../runner';
import { withTimeLimit } from '../timeLimit';
import { activated, eventTimeoutMs, openSeed, seedUri } from './helpers';

const seed000 = '000_ebeef4f3d678d313.txt';
const seed002 = '002_4d1a318a818ef0be.txt';

/** The position inside the first occurrence of `word` in the open document. */
function inside(document: vscode.TextDocument, word: string): vscode.Position {
  const at = document.getText().indexOf(word);
  assert.ok(at >= 0, `“${word}” is in ${document.uri.path}`);
  return document.positionAt(at + 1);
}

function markdownOf(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

test('hover card on an entity: name, type, description, counts, and links to the extension’s commands', async () => {
  await activated();
  const { document } = await openSeed(seed000);
  const hovers = await withTimeLimit(
    Promise.resolve(vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, inside(document, 'Wetzlar'))),
    eventTimeoutMs,
    'the hover',
  );
  const markdown = markdownOf(hovers);
  assert.match(markdown, /\*\*Wetzlar\*\* · \*place\*/);
  assert.match(markdown, /Mentioned 1 time in 1 article · /);
  assert.match(markdown, /command:seedCorpus\.openEntity\?/);
  assert.match(markdown, /command:seedCorpus\.showOnTimeline\?/);
});

test('definition opens the knowledge base; references span the corpus; rename edits every article and the knowledge base', async () => {
  await activated();
  const { document } = await openSeed(seed002);
  const position = inside(document, 'SHARP');
  const definitions = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', document.uri, position);
  assert.equal(definitions[0].uri.toString(), seedUri('entities.json').toString());
  const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, position);
  // VS Code asks for the declaration too: the knowledge-base entry.
  assert.deepEqual([...new Set(references.map((r) => r.uri.path.split('/').pop()))].sort(), ['000_ebeef4f3d678d313.txt', '001_ad4d302a0f406064.txt', '002_4d1a318a818ef0be.txt', 'entities.json']);
  const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, inside(document, 'Sharp'), 'Sharp Corporation');
  const files = edit.entries().map(([uri]) => uri.path.split('/').pop()).sort();
  assert.deepEqual(files, ['000_ebeef4f3d678d313.txt', '001_ad4d302a0f406064.txt', '002_4d1a318a818ef0be.txt', 'entities.json']);
  const kbEdits = edit.get(seedUri('entities.json'));
  assert.deepEqual(kbEdits.map((e) => e.newText), ['"Sharp Corporation"']);
});

test('the Entities view: types, entities with mention counts, mentions that open the article', async () => {
  const api = await activated();
  const types = await api.entities.getChildren();
  const organizations = types.find((n) => n.kind === 'type' && n.type === 'organization');
  assert.ok(organizations, 'an Organizations group');
  const entities = await api.entities.getChildren(organizations);
  const leica = entities.find((n) => n.kind === 'entity' && n.entity.id === 'leica-camera')!;
  const item = api.entities.getTreeItem(leica);
  assert.equal(item.label, 'Leica Camera AG');
  assert.match(String(item.description), /^\d+ in 5 articles$/);
  assert.equal(item.contextValue, 'entity');
  const mentions = await api.entities.getChildren(leica);
  const first = api.entities.getTreeItem(mentions[0]);
  assert.equal(first.command?.command, 'vscode.open');
  assert.equal(first.contextValue, 'entityMention');
});
