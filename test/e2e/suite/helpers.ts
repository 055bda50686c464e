/**
 * What the extension-host tests share: the extension's API, the seeds workspace (a copy: the tests edit and
 * save its files) and waits on VS Code's events (diagnostics, corpus passes), each with a time limit.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeedCorpusApi } from '../../../client/src/extension';
import { TimeLimitError, withTimeLimit } from '../timeLimit';
import { goldenFindings, sortFindings, type Finding } from './golden';

export const extensionId = 'seed-corpus.seed-corpus';

/** Generous for one server round trip or corpus pass (well under a second here); it only turns a hang into a failure. */
export const eventTimeoutMs = 30_000;

export async function activated(): Promise<SeedCorpusApi> {
  const extension = vscode.extensions.getExtension<SeedCorpusApi>(extensionId);
  assert.ok(extension, `the extension ${extensionId} is installed in this VS Code`);
  const api = await withTimeLimit(extension.activate(), eventTimeoutMs, 'the extension activating');
  await withTimeLimit(api.ready, eventTimeoutMs, 'the first whole-corpus pass');
  return api;
}

/** The workspace folder: a copy of the seeds, never the repository's own (the tests change and save files). */
export function seedsFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  const repositorySeeds = vscode.Uri.joinPath(vscode.extensions.getExtension(extensionId)!.extensionUri, 'seeds');
  assert.notEqual(folder.uri.toString(), repositorySeeds.toString(), 'the tests run on a copy of seeds/, not on the repository’s');
  return folder.uri;
}

export function seedUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(seedsFolder(), name);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/** The extension's diagnostics on `uri` as VS Code holds them, as rule id and 1-based line. */
export function findingsOf(uri: vscode.Uri): Finding[] {
  return sortFindings(
    vscode.languages
      .getDiagnostics(uri)
      .filter((d) => d.source === 'seed-corpus')
      .map((d): Finding => [codeOf(d), d.range.start.line + 1]),
  );
}

/** Resolves when VS Code's diagnostics on `uri` satisfy `accept` (at once if they already do). */
export async function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'seed-corpus');
  if (accept(current())) return current();
  let listener: vscode.Disposable | undefined;
  const accepted = new Promise<vscode.Diagnostic[]>((resolve) => {
    listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString()) && accept(current())) resolve(current());
    });
  });
  try {
    return await withTimeLimit(accepted, eventTimeoutMs, `diagnostics on ${uri.path.split('/').pop()}: ${what}`);
  } finally {
    listener?.dispose();
  }
}

/** Resolves when the findings on `uri` are exactly `expected`; on timeout fails with the difference. */
export async function waitForFindings(uri: vscode.Uri, expected: Finding[], what: string): Promise<void> {
  const wanted = JSON.stringify(sortFindings(expected));
  try {
    await waitForDiagnostics(uri, () => JSON.stringify(findingsOf(uri)) === wanted, what);
  } catch (error) {
    if (!(error instanceof TimeLimitError)) throw error;
    assert.deepEqual(findingsOf(uri), sortFindings(expected), `${uri.path.split('/').pop()}: ${what}`);
  }
}

/** Resolves when every seed shows its golden findings again: how a test checks that it left the workspace as it found it. */
export async function waitForGoldenFindings(what: string): Promise<void> {
  for (const [name, expected] of Object.entries(goldenFindings)) await waitForFindings(seedUri(name), expected, what);
}

/** The next value `event` fires, within the time limit. Subscribe before causing the event. */
export function nextEvent<T>(event: vscode.Event<T>, what: string): Promise<T> {
  let listener: vscode.Disposable | undefined;
  const fired = new Promise<T>((resolve) => {
    listener = event((value) => resolve(value));
  });
  return withTimeLimit(fired, eventTimeoutMs, what).finally(() => listener?.dispose());
}

export async function openSeed(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(seedUri(name));
  return vscode.window.showTextDocument(document);
}

/** Throws away unsaved changes to the seed and closes its editor. */
export async function revertAndClose(name: string): Promise<void> {
  await openSeed(name);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

export function theDiagnostic(uri: vscode.Uri, code: string): vscode.Diagnostic {
  const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === code);
  assert.equal(diagnostics.length, 1, `one ${code} diagnostic on ${uri.path.split('/').pop()}: ${JSON.stringify(findingsOf(uri))}`);
  return diagnostics[0];
}

/** The quick fixes VS Code offers for `diagnostic`, as the light bulb would list them. */
export async function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  // A plain Command names its command by id (a string); a CodeAction's `command`, if any, is an object.
  return actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

export function findAction(actions: vscode.CodeAction[], title: string | RegExp): vscode.CodeAction {
  const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(action, `a code action titled ${title} among ${JSON.stringify(actions.map((a) => a.title))}`);
  return action;
}
