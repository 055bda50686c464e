import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../runner';
import { goldenFindings } from './golden';
import { activated, codeOf, findingsOf, openSeed, revertAndClose, seedUri, waitForDiagnostics, waitForFindings } from './helpers';

const seed000 = '000_ebeef4f3d678d313.txt';

test('every seed shows exactly its golden findings, open or not', async () => {
  await activated();
  for (const [name, expected] of Object.entries(goldenFindings)) await waitForFindings(seedUri(name), expected, 'the golden findings');
});

test('an edit shows a new diagnostic as you type; undo takes it away', async (t) => {
  await activated();
  const uri = seedUri(seed000);
  const editor = await openSeed(seed000);
  t.cleanup(() => revertAndClose(seed000));
  // "Die Leica Camera AG…" on line 3 becomes "Die  Leica Camera AG…".
  assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(2, 3), ' ')), `await editor.edit((edit) => edit.insert(new vscode.Position(2, 3), ' '))`);
  const typed = await waitForDiagnostics(uri, () => findingsOf(uri).some(([code, line]) => code === 'multiple-spaces' && line === 3), 'multiple-spaces on line 3');
  const doubledSpace = typed.find((d) => codeOf(d) === 'multiple-spaces')!;
  assert.deepEqual([doubledSpace.range.start.character, doubledSpace.range.end.character], [3, 5], 'the diagnostic covers the two spaces');

  await vscode.commands.executeCommand('undo');
  await waitForFindings(uri, goldenFindings[seed000], 'back to the golden findings after undo');
  assert.equal(editor.document.isDirty, false, 'undo returned to the saved text');
});
