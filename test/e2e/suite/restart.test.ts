import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../runner';
import { goldenFindings, seedNames, type Finding } from './golden';
import { activated, nextEvent, openSeed, revertAndClose, seedUri, waitForFindings, waitForGoldenFindings } from './helpers';

const seed000 = '000_ebeef4f3d678d313.txt';

test('the language server is restarted after it is killed, and the diagnostics come back, those of an unsaved edit included', async (t) => {
  const api = await activated();
  // An unsaved edit: "Die Leica…" on line 3 becomes "Die  Leica…". It stays unsaved: VS Code in the browser
  // saves after a delay by default.
  const files = vscode.workspace.getConfiguration('files');
  await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  t.cleanup(() => files.update('autoSave', undefined, vscode.ConfigurationTarget.Global));
  const uri = seedUri(seed000);
  const editor = await openSeed(seed000);
  t.cleanup(() => revertAndClose(seed000));
  assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(2, 3), ' ')), `await editor.edit((edit) => edit.insert(new vscode.Position(2, 3), ' '))`);
  const edited: Finding[] = [...goldenFindings[seed000], ['multiple-spaces', 3]];
  await waitForFindings(uri, edited, 'the unsaved edit’s findings before the kill');

  const killed = api.client.serverProcess?.pid;
  assert.ok(killed, 'the server runs as a child process of the extension host');
  const pass = nextEvent(api.onCorpusAnalysed, 'a whole-corpus pass of the restarted server');
  process.kill(killed, 'SIGKILL');
  const analysed = await pass;
  const restarted = api.client.serverProcess?.pid;
  assert.ok(restarted !== undefined && restarted !== killed, `a new server process (was ${killed}, now ${restarted})`);
  assert.ok(api.client.isRunning(), 'api.client.isRunning()');
  assert.equal(analysed.files, seedNames.length);
  assert.ok(editor.document.isDirty, 'the edit is still unsaved');
  await waitForFindings(uri, edited, 'the restarted server’s findings for the unsaved text');

  await revertAndClose(seed000);
  await waitForGoldenFindings('the restarted server’s diagnostics');
});
