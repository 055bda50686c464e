import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../runner';
import { goldenFindings, seedNames } from './golden';
import { activated, extensionId, seedsFolder, seedUri } from './helpers';

test('the extension activates on the seeds workspace and checks the whole corpus at once', async () => {
  const api = await activated();
  assert.ok(vscode.extensions.getExtension(extensionId)?.isActive, 'vscode.extensions.getExtension(extensionId)?.isActive');
  const files = await vscode.workspace.findFiles(new vscode.RelativePattern(seedsFolder(), '*.txt'));
  assert.deepEqual(files.map((uri) => uri.path.split('/').pop()).sort(), seedNames, 'the workspace holds the five seeds');
  const first = await api.ready;
  assert.equal(first.files, seedNames.length, 'the first pass analysed every seed, none of them open');
  const goldenCount = Object.values(goldenFindings).reduce((sum, findings) => sum + findings.length, 0);
  assert.equal(first.findings, goldenCount, 'and found what the golden lists hold');
});

test('a seed opens as a Seed Article; the corpus config stays JSON', async () => {
  await activated();
  for (const name of seedNames) {
    const document = await vscode.workspace.openTextDocument(seedUri(name));
    assert.equal(document.languageId, 'seed-article', name);
  }
  const config = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(seedsFolder(), 'seed-corpus.json'));
  assert.equal(config.languageId, 'json');
});
