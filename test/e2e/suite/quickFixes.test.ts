import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../runner';
import { goldenFindings } from './golden';
import {
  activated,
  codeOf,
  eventTimeoutMs,
  findAction,
  findingsOf,
  openSeed,
  quickFixesFor,
  revertAndClose,
  seedUri,
  theDiagnostic,
  waitForDiagnostics,
  waitForFindings,
} from './helpers';
import { withTimeLimit } from '../timeLimit';

const seed000 = '000_ebeef4f3d678d313.txt';
const seed003 = '003_03ee35439bc31269.txt';

const without = (name: string, code: string) => goldenFindings[name].filter(([c]) => c !== code);

/** Applies the quick fix titled `title` for the seed's one `code` diagnostic, as choosing it from the light bulb does. */
async function applyQuickFix(name: string, code: string, title: string | RegExp): Promise<vscode.TextDocument> {
  const uri = seedUri(name);
  const editor = await openSeed(name);
  await waitForFindings(uri, goldenFindings[name], 'the golden findings before the fix');
  const action = findAction(await quickFixesFor(uri, theDiagnostic(uri, code)), title);
  assert.ok(action.edit, `${action.title}: the fix is an edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `${action.title}: the edit applies`);
  return editor.document;
}

test('a rule’s quick fix: deleting the doubled word', async (t) => {
  await activated();
  t.cleanup(() => revertAndClose(seed000));
  const document = await applyQuickFix(seed000, 'doubled-word', 'Delete the repeated “baut”');
  assert.ok(document.lineAt(2).text.startsWith('Die Leica Camera AG baut ihre Kooperationen'), document.lineAt(2).text);
  await waitForFindings(document.uri, without(seed000, 'doubled-word'), 'doubled-word gone, the rest kept');
});

test('“Ignore <rule> in this file” adds the rule to the header’s ignore list', async (t) => {
  await activated();
  t.cleanup(() => revertAndClose(seed000));
  const document = await applyQuickFix(seed000, 'web-residue', 'Ignore web-residue in this file');
  const header = document.getText().split('\n---\n')[0];
  assert.match(header, /^---\n/, 'the article now has a header');
  assert.match(header, /^ignore: \[web-residue\]$/m);
  // The header shifts the text down, so the remaining findings are compared by rule only.
  await waitForDiagnostics(document.uri, (d) => !d.some((x) => codeOf(x) === 'web-residue'), 'web-residue ignored');
  assert.deepEqual(
    findingsOf(document.uri).map(([code]) => code).sort(),
    without(seed000, 'web-residue').map(([code]) => code).sort(),
    'every other rule still reports',
  );
});

test('the lang-missing quick fix sets the detected language in the header', async (t) => {
  await activated();
  t.cleanup(() => revertAndClose(seed003));
  const document = await applyQuickFix(seed003, 'lang-missing', 'Add `lang: it` to the header');
  assert.ok(document.getText().startsWith('---\nlang: it\n---\n'), document.getText().slice(0, 40));
  await waitForDiagnostics(document.uri, (d) => !d.some((x) => codeOf(x) === 'lang-missing'), 'lang-missing gone');
});

test('fix all on save (editor.codeActionsOnSave: source.fixAll.seedCorpus) applies every safe fix', async (t) => {
  await activated();
  const uri = seedUri(seed003);
  const original = await vscode.workspace.fs.readFile(uri);
  // Restored in reverse order: the setting first, so that writing the original back is not fixed again.
  t.cleanup(async () => {
    await vscode.workspace.fs.writeFile(uri, original);
    await waitForFindings(uri, goldenFindings[seed003], 'the original seed back on disk');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  const languageSettings = vscode.workspace.getConfiguration('', { languageId: 'seed-article' });
  await languageSettings.update('editor.codeActionsOnSave', { 'source.fixAll.seedCorpus': 'explicit' }, vscode.ConfigurationTarget.Global, true);
  t.cleanup(() => languageSettings.update('editor.codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true));

  const editor = await openSeed(seed003);
  await waitForFindings(uri, goldenFindings[seed003], 'the golden findings before saving');
  // A change to save: a doubled space, which fix-all takes away again.
  assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(2, 3), ' ')), `await editor.edit((edit) => edit.insert(new vscode.Position(2, 3), ' '))`);
  assert.ok(await withTimeLimit(editor.document.save(), eventTimeoutMs, 'saving'), 'the document saved');

  const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  assert.equal(saved, editor.document.getText(), 'the fixed text is what was saved');
  assert.ok(saved.startsWith('---\nlang: it\n---\n'), `lang added: ${saved.slice(0, 40)}`);
  const body = saved.split('\n---\n')[1].split('\n');
  assert.equal(body[1], '', 'a blank line after the title');
  assert.ok(saved.includes('attesissima (già da un po'), 'the space after “(” deleted');
  assert.ok(!/\S {2,}\S/.test(saved), 'no doubled spaces');
  await waitForDiagnostics(uri, (d) => !d.some((x) => ['title-separation', 'bracket-spacing', 'paragraph-separation', 'lang-missing', 'multiple-spaces'].includes(codeOf(x))), 'every fixed rule quiet');
  const fixAll = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.seedCorpus');
  assert.deepEqual(fixAll.map((a) => a.title), [], 'nothing left for fix-all');
});
