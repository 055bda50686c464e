/**
 * End-to-end tests of the language server (dist/server.js) over stdio with a real JSON-RPC client.
 * Every test works on its own temporary copy of seeds/ (as `<tmp>/seeds`, which the default `files`
 * setting `**\/seeds/**\/*.txt` matches) and its own server process, killed at the end.
 * Nothing sleeps: tests wait for the notification they expect (with a generous timeout).
 *
 * Run: npx tsx --test test/lsp/*.test.ts   (after `node esbuild.mjs`)
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  FileChangeType,
  TextDocumentSyncKind,
  type CodeAction,
  type Diagnostic,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixCorpusRequest, languageStatusRequest, setLanguageRequest } from '../../server/src/protocol';
import {
  codesOf,
  defaultTestSettings,
  isCodeAction,
  LspSession,
  makeWorkspace,
  repoRoot,
  runCli,
  severityName,
  type CliFinding,
  type Settings,
  type TempWorkspace,
} from './lspClient';

const seed000 = '000_ebeef4f3d678d313.txt';
const seed003 = '003_03ee35439bc31269.txt';
const fixAllKind = 'source.fixAll.seedCorpus';
const testTimeout = 60_000;

// ---------------------------------------------------------------------------------------------------------------
// Set-up and small helpers.

/** A fresh copy of the seeds, removed when the test ends. */
function workspace(t: TestContext): TempWorkspace {
  const ws = makeWorkspace();
  t.after(() => ws.cleanup());
  return ws;
}

/** A fresh copy of the seeds and a server on it (not yet initialized); one hook stops the server, then removes the files. */
function setup(t: TestContext, prepare?: (ws: TempWorkspace) => void, settings: Settings = defaultTestSettings()) {
  const ws = makeWorkspace();
  prepare?.(ws);
  const s = LspSession.start(ws.root, settings);
  t.after(async () => {
    await s.dispose();
    ws.cleanup();
  });
  return { ws, s };
}

/** Set-up + initialize + the first whole-corpus pass. */
async function started(t: TestContext, prepare?: (ws: TempWorkspace) => void) {
  const { ws, s } = setup(t, prepare);
  const { result, analysed } = await s.initializeAndAnalyse();
  return { ws, s, result, analysed };
}

const pos = (line: number, character: number): Position => ({ line, character });
const range = (sl: number, sc: number, el: number, ec: number): Range => ({ start: pos(sl, sc), end: pos(el, ec) });

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function within(inner: Range, outer: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function find(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === code);
  assert.ok(found, `expected a ${code} diagnostic among [${codesOf(diagnostics).join(', ')}]`);
  return found;
}

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'the action carries a workspace edit');
  const edits = edit.changes?.[uri] ?? edit.documentChanges?.flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? c.edits : [])) ?? [];
  assert.ok(edits.length > 0, `the edit changes ${uri}`);
  return edits as TextEdit[];
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.txt', 'plaintext', 0, text), edits);
}

/** Lines of `text` split on every LSP line break. */
const linesOf = (text: string) => text.split(/\r\n|\r|\n/);

/** Checks one diagnostic's LSP shape against the text it was published for. */
function assertDiagnosticShape(d: Diagnostic, text: string, where: string): void {
  assert.equal(d.source, 'seed-corpus', `${where}: source`);
  assert.equal(typeof d.code, 'string', `${where}: code is the rule id`);
  assert.match(String(d.code), /^[a-z0-9]+(-[a-z0-9]+)*$/, `${where}: code is a rule id`);
  assert.ok(d.severity !== undefined && d.severity >= 1 && d.severity <= 4, `${where}: severity ${d.severity}`);
  assert.equal(typeof d.message, 'string', `${where}: message is plain text`);
  assert.ok(messageOf(d).length > 0, `${where}: message`);
  const lines = linesOf(text);
  for (const p of [d.range.start, d.range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length, `${where}: position ${p.line}:${p.character} lies in the text`);
  }
  assert.ok(before(d.range.start, d.range.end), `${where}: range start ≤ end`);
}

const rulesMd = path.join(repoRoot, 'docs', 'rules.md');

/** codeDescription: a link to the rule's heading in docs/rules.md when that file exists, else absent (never `{}`). */
function assertCodeDescriptions(all: Diagnostic[]): void {
  if (!fs.existsSync(rulesMd)) {
    for (const d of all) assert.equal(d.codeDescription, undefined, `${d.code}: no docs/rules.md, so no codeDescription (got ${JSON.stringify(d.codeDescription)})`);
    return;
  }
  const docLines = fs.readFileSync(rulesMd, 'utf8').split('\n');
  const headingOf = (code: string) => new RegExp(`^##\\s.*\\b${code}\\b`);
  let linked = 0;
  for (const d of all) {
    const code = String(d.code);
    if (d.codeDescription === undefined) {
      assert.ok(!docLines.some((l) => headingOf(code).test(l)), `${code} has a heading in docs/rules.md but its diagnostic has no codeDescription`);
      continue;
    }
    assert.equal(typeof d.codeDescription.href, 'string', `${code}: codeDescription.href is a string`);
    const url = new URL(d.codeDescription.href);
    assert.equal(url.protocol, 'file:', `${code}: href is a file URI`);
    const line = /^#L(\d+)$/.exec(url.hash);
    assert.ok(line, `${code}: href ends with #L<line>, got ${url.hash}`);
    url.hash = '';
    assert.equal(fileURLToPath(url), rulesMd, `${code}: href points at docs/rules.md`);
    assert.match(docLines[Number(line[1]) - 1] ?? '', headingOf(code), `${code}: line ${line[1]} of docs/rules.md is the rule's heading`);
    linked++;
  }
  assert.ok(linked > 0, 'docs/rules.md exists, so at least one diagnostic links to it');
}

interface Comparable {
  code: string;
  severity: string;
  range: Range;
  message: string;
}

const key = (c: Comparable) => `${c.range.start.line}:${c.range.start.character}:${c.range.end.line}:${c.range.end.character}:${c.code}:${c.message}`;
const sorted = (list: Comparable[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));

/** The text of an article after its front-matter header (if any), as lines. */
function bodyLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[0] !== '---') return lines;
  const close = lines.indexOf('---', 1);
  assert.ok(close > 0, 'the header is closed');
  return lines.slice(close + 1);
}

// ---------------------------------------------------------------------------------------------------------------

describe('seed-corpus language server over stdio', { timeout: 5 * testTimeout }, () => {
  test('1. initialize: capabilities; after initialized the whole corpus is checked without opening a file', { timeout: testTimeout }, async (t) => {
    const { ws, s } = setup(t);
    assert.equal(ws.articles.length, 5, 'the copy holds the five seeds');

    const result = await s.initialize();
    const sync = result.capabilities.textDocumentSync;
    assert.ok(sync !== undefined && typeof sync === 'object', 'textDocumentSync is given as options');
    assert.equal(sync.change, TextDocumentSyncKind.Incremental);
    assert.equal(sync.openClose, true);
    const codeActions = result.capabilities.codeActionProvider;
    assert.ok(codeActions !== undefined && typeof codeActions === 'object', 'codeActionProvider declares its kinds');
    assert.ok(codeActions.codeActionKinds?.includes('quickfix'), 'quickfix kind');
    assert.ok(codeActions.codeActionKinds?.includes(fixAllKind), `${fixAllKind} kind`);

    const analysed = await s.waitForCorpusAnalysed();
    assert.equal(analysed.files, 5);
    assert.ok(analysed.durationMs >= 0, 'analysed.durationMs >= 0');
    assert.ok(s.configurationRequests >= 1, 'the server pulled the seedCorpus settings');
    assert.ok(s.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'), 'the server registered for configuration changes');

    const analysedAt = s.log.findIndex((m) => m.method === 'seedCorpus/corpusAnalysed');
    const all: Diagnostic[] = [];
    for (const name of ws.articles) {
      const uri = ws.uriOf(name);
      const at = s.log.findIndex((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
      assert.ok(at >= 0 && at < analysedAt, `${name}: diagnostics published before corpusAnalysed`);
      const published = s.log[at].params;
      assert.equal(published.version, undefined, `${name}: not open, so no version`);
      assert.ok(published.diagnostics.length > 0, `${name}: every seed has findings`);
      for (const d of published.diagnostics as Diagnostic[]) assertDiagnosticShape(d, ws.read(name), `${name} ${d.code}`);
      all.push(...published.diagnostics);
    }
    assert.equal(analysed.findings, all.length, 'corpusAnalysed counts the published diagnostics');
    assertCodeDescriptions(all);
  });

  test('2. the published findings equal the CLI JSON for the same files', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await started(t);
    const cli = JSON.parse(runCli(['check', 'seeds', '--format', 'json'], ws.root).stdout) as CliFinding[];
    assert.ok(cli.length > 0, 'cli.length > 0');
    for (const name of ws.articles) {
      const expected = cli.filter((f) => f.file === path.join('seeds', name)).map((f) => ({ code: f.code, severity: f.severity, range: f.range, message: f.message }));
      const published = s.diagnostics.get(ws.uriOf(name));
      assert.ok(published, `${name}: diagnostics published`);
      const actual = published.diagnostics.map((d) => ({ code: String(d.code), severity: severityName[d.severity!], range: d.range, message: messageOf(d) }));
      assert.deepEqual(sorted(actual), sorted(expected), `${name}: server and CLI agree`);
    }

    const text000 = TextDocument.create(ws.uriOf(seed000), 'plaintext', 0, ws.read(seed000));
    const d000 = s.diagnostics.get(ws.uriOf(seed000))!.diagnostics;
    const doubled = find(d000, 'doubled-word');
    assert.deepEqual(doubled.range, range(2, 24, 2, 29));
    assert.equal(text000.getText(doubled.range), ' baut');
    assert.equal(text000.getText(find(d000, 'web-residue').range), 'Beitrage Teilen');

    const text003 = TextDocument.create(ws.uriOf(seed003), 'plaintext', 0, ws.read(seed003));
    const d003 = s.diagnostics.get(ws.uriOf(seed003))!.diagnostics;
    assert.equal(find(d003, 'title-separation').severity, 1, 'title-separation is an error');
    const bracket = find(d003, 'bracket-spacing');
    assert.equal(text003.getText(bracket.range), ' ');
    assert.equal(text003.getText({ start: pos(bracket.range.start.line, bracket.range.start.character - 1), end: bracket.range.start }), '(');
  });

  test('3. didOpen publishes version 1; incremental didChange republishes per version', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await started(t);
    const uri = ws.uriOf(seed000);
    await s.open(uri, ws.read(seed000), 1);
    const v1 = await s.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(find(v1.diagnostics, 'doubled-word').range, range(2, 24, 2, 29));

    // "Die Leica Camera AG baut baut ihre…": delete the second "baut " (characters 25–30 of line 2).
    const v2doc = await s.change(uri, 2, [{ range: range(2, 25, 2, 30), text: '' }]);
    assert.ok(v2doc.getText().split('\n')[2].startsWith('Die Leica Camera AG baut ihre Kooperationen'), `v2doc.getText().split('\\n')[2].startsWith('Die Leica Camera AG baut ihre Kooperationen')`);
    const v2 = await s.waitForDiagnostics(uri, { version: 2 });
    assert.ok(!codesOf(v2.diagnostics).includes('doubled-word'), 'doubled-word is gone at version 2');
    assert.ok(codesOf(v2.diagnostics).includes('web-residue'), 'other findings stay');
    assert.equal(v2.diagnostics.length, v1.diagnostics.length - 1);

    // A double space after "Die".
    await s.change(uri, 3, [{ range: range(2, 3, 2, 3), text: ' ' }]);
    const v3 = await s.waitForDiagnostics(uri, { version: 3 });
    assert.deepEqual(find(v3.diagnostics, 'multiple-spaces').range, range(2, 3, 2, 5));
    assert.ok(!codesOf(v3.diagnostics).includes('doubled-word'), `!codesOf(v3.diagnostics).includes('doubled-word')`);

    // Closing unsaved: the disk is the truth again (no version, doubled-word back, no multiple-spaces).
    const mark = s.mark();
    await s.close(uri);
    const closed = await s.waitForDiagnostics(uri, { since: mark });
    assert.equal(closed.version, undefined);
    assert.ok(codesOf(closed.diagnostics).includes('doubled-word'), `codesOf(closed.diagnostics).includes('doubled-word')`);
    assert.ok(!codesOf(closed.diagnostics).includes('multiple-spaces'), `!codesOf(closed.diagnostics).includes('multiple-spaces')`);
  });

  test('4. codeAction for a diagnostic: its quick fix (changing only its range) and "Ignore <rule> in this file"', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await started(t);
    const uri = ws.uriOf(seed000);
    const text = ws.read(seed000);
    const doc = await s.open(uri, text, 1);
    const v1 = await s.waitForDiagnostics(uri, { version: 1 });

    const doubled = find(v1.diagnostics, 'doubled-word');
    const actions = (await s.codeActions(uri, doubled.range, [doubled])).filter(isCodeAction);
    const quickFixes = actions.filter((a) => a.kind === 'quickfix');
    for (const a of quickFixes) assert.deepEqual(a.diagnostics, [doubled], `${a.title}: tied to the diagnostic`);
    const fix = quickFixes.find((a) => !a.title.startsWith('Ignore '));
    assert.ok(fix, `a quick fix for doubled-word among ${JSON.stringify(actions.map((a) => a.title))}`);
    const ignore = quickFixes.find((a) => a.title === 'Ignore doubled-word in this file');
    assert.ok(ignore, 'an ignore action');

    const edits = editsFor(fix.edit, uri);
    for (const e of edits) assert.ok(within(e.range, doubled.range), `edit ${JSON.stringify(e.range)} lies in the diagnostic's range`);
    const fixed = apply(text, edits);
    const prefix = text.slice(0, doc.offsetAt(doubled.range.start));
    const suffix = text.slice(doc.offsetAt(doubled.range.end));
    assert.ok(fixed.startsWith(prefix) && fixed.endsWith(suffix) && fixed.length >= prefix.length + suffix.length, 'nothing outside the range changed');
    assert.equal(fixed, prefix + suffix, 'the repeated word is deleted');
    assert.equal(fixed.split('\n')[2].slice(0, 30), 'Die Leica Camera AG baut ihre ');

    // A safe fix that reaches beyond its range (web residue at the end: the line and the blank lines before it).
    const residue = find(v1.diagnostics, 'web-residue');
    const residueActions = (await s.codeActions(uri, residue.range, [residue], ['quickfix'])).filter(isCodeAction);
    assert.ok(residueActions.every((a) => a.kind === 'quickfix'), 'only quick fixes when only quickfix is asked');
    assert.ok(residueActions.some((a) => a.title === 'Ignore web-residue in this file'), `residueActions.some((a) => a.title === 'Ignore web-residue in this file')`);
    const residueFix = residueActions.find((a) => a.isPreferred);
    assert.ok(residueFix, 'the safe residue fix is preferred');
    const residueEdits = editsFor(residueFix.edit, uri);
    assert.equal(residueEdits.length, 1);
    const cut = residueEdits[0];
    const removed = text.slice(doc.offsetAt(cut.range.start), doc.offsetAt(cut.range.end));
    assert.equal(cut.newText, '');
    assert.equal(removed.replace('Beitrage Teilen', '').trim(), '', `only whitespace besides the residue is removed: ${JSON.stringify(removed)}`);
    assert.ok(!apply(text, residueEdits).includes('Beitrage Teilen'), `!apply(text, residueEdits).includes('Beitrage Teilen')`);

    // Applying the ignore action silences the rule for this file.
    await s.replaceAll(uri, 2, apply(text, editsFor(ignore.edit, uri)));
    assert.ok(s.document(uri).getText().startsWith('---\n'), 'the ignore list lives in a header');
    const v2 = await s.waitForDiagnostics(uri, { version: 2 });
    assert.ok(!codesOf(v2.diagnostics).includes('doubled-word'), 'doubled-word is ignored');
    assert.ok(codesOf(v2.diagnostics).includes('web-residue'), 'other rules still run');
  });

  test('5. fix all: one source.fixAll.seedCorpus action; applying it leaves nothing to fix; 003 gets a blank line after its title', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await started(t);
    const uri = ws.uriOf(seed003);
    const text = ws.read(seed003);
    await s.open(uri, text, 1);
    const v1 = await s.waitForDiagnostics(uri, { version: 1 });
    const everywhere = range(0, 0, 0, 0);

    const actions = await s.codeActions(uri, everywhere, [], [fixAllKind]);
    assert.equal(actions.length, 1, `exactly one action: ${JSON.stringify(actions.map((a) => a.title))}`);
    const fixAll = actions[0];
    assert.ok(isCodeAction(fixAll), 'isCodeAction(fixAll)');
    assert.equal(fixAll.kind, fixAllKind);
    // VS Code's codeActionsOnSave asks for the parent kind.
    const viaParent = await s.codeActions(uri, everywhere, v1.diagnostics, ['source.fixAll']);
    assert.deepEqual(viaParent.map((a) => (a as CodeAction).kind), [fixAllKind], 'source.fixAll yields the same single action, no quick fixes');

    const fixed = apply(text, editsFor(fixAll.edit, uri));
    const body = bodyLines(fixed);
    assert.ok(body[0].startsWith('Le due aziende Xiaomi e Leica'), 'the title is the first body line');
    assert.equal(body[1], '', 'a blank line follows the title');
    assert.ok(fixed.includes('attesissima (già da un po'), 'bracket spacing fixed');

    // The same result as `seed-corpus fix` on another copy.
    const other = workspace(t);
    runCli(['fix', 'seeds'], other.root);
    assert.equal(fixed, other.read(seed003), 'fix-all in the editor equals seed-corpus fix');

    // Fix all twice equals once.
    await s.replaceAll(uri, 2, fixed);
    const v2 = await s.waitForDiagnostics(uri, { version: 2 });
    for (const code of ['title-separation', 'bracket-spacing', 'paragraph-separation', 'lang-missing']) assert.ok(!codesOf(v2.diagnostics).includes(code), `${code} fixed`);
    assert.deepEqual(await s.codeActions(uri, everywhere, [], [fixAllKind]), [], 'nothing left to fix');
    assert.deepEqual(await s.codeActions(uri, everywhere, v2.diagnostics, ['source.fixAll']), []);
  });

  test('5b. code action kinds in `only` match hierarchically (LSP: "source.fix" is not a parent of source.fixAll.seedCorpus)', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await started(t);
    const uri = ws.uriOf(seed003);
    await s.open(uri, ws.read(seed003), 1);
    await s.waitForDiagnostics(uri, { version: 1 });
    const everywhere = range(0, 0, 0, 0);
    assert.equal((await s.codeActions(uri, everywhere, [], ['source'])).length, 1, '"source" is a parent kind of the fix-all action');
    assert.deepEqual(await s.codeActions(uri, everywhere, [], ['source.fix']), [], '"source.fix" is not a parent kind of source.fixAll.seedCorpus');
    assert.deepEqual(await s.codeActions(uri, everywhere, [], ['source.fixAll.seed']), [], '"source.fixAll.seed" is not a parent kind of source.fixAll.seedCorpus');
  });

  test('6. configuration change: rule off and severity override, each followed by a whole-corpus pass', { timeout: testTimeout }, async (t) => {
    const { ws, s, analysed } = await started(t);
    const uri000 = ws.uriOf(seed000);
    assert.ok(codesOf(s.diagnostics.get(uri000)!.diagnostics).includes('doubled-word'), `codesOf(s.diagnostics.get(uri000)!.diagnostics).includes('doubled-word')`);
    assert.equal(find(s.diagnostics.get(uri000)!.diagnostics, 'web-residue').severity, 2, 'web-residue is a warning by default');
    const pulls = s.configurationRequests;

    s.settings = { ...defaultTestSettings(), rules: { 'doubled-word': 'off' } };
    let mark = s.mark();
    await s.notify('workspace/didChangeConfiguration', { settings: null });
    let pass = await s.waitForCorpusAnalysed({ since: mark });
    assert.ok(s.configurationRequests > pulls, 'the server pulled the new settings');
    assert.equal(pass.files, 5);
    assert.equal(pass.findings, analysed.findings - 1, 'one finding fewer');
    let published = s.publishedSince(mark);
    assert.deepEqual([...published.keys()].filter((uri) => uri.endsWith('.txt')).sort(), ws.articles.map((name) => ws.uriOf(name)).sort(), 'the pass republished every article');
    assert.ok(!codesOf(published.get(uri000)!.diagnostics).includes('doubled-word'), 'doubled-word is off');

    s.settings = { ...defaultTestSettings(), rules: { 'web-residue': 'error' } };
    mark = s.mark();
    await s.notify('workspace/didChangeConfiguration', { settings: null });
    pass = await s.waitForCorpusAnalysed({ since: mark });
    published = s.publishedSince(mark);
    assert.ok(codesOf(published.get(uri000)!.diagnostics).includes('doubled-word'), 'doubled-word is back');
    for (const [uri, p] of published) {
      for (const d of p.diagnostics.filter((x) => x.code === 'web-residue')) assert.equal(d.severity, 1, `${uri}: web-residue is now an error`);
    }
    assert.equal(find(published.get(uri000)!.diagnostics, 'web-residue').severity, 1);

    s.settings = { ...defaultTestSettings(), rules: { 'web-residue': 'default' } };
    mark = s.mark();
    await s.notify('workspace/didChangeConfiguration', { settings: null });
    await s.waitForCorpusAnalysed({ since: mark });
    assert.equal(find(s.publishedSince(mark).get(uri000)!.diagnostics, 'web-residue').severity, 2, '"default" restores the rule default');
  });

  test('7. custom requests: languageStatus, setLanguage, fixCorpus', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await started(t);
    const uri = ws.uriOf(seed000);
    const text = ws.read(seed000);
    await s.open(uri, text, 1);
    await s.waitForDiagnostics(uri, { version: 1 });

    const status = await s.connection.sendRequest(languageStatusRequest, { uri });
    assert.ok(status, 'an article has a language status');
    assert.equal(status.detected, 'de');
    assert.equal(status.sure, true);
    assert.equal(status.declared, undefined);
    assert.equal(status.declaredValid, false);
    assert.ok(status.confidence > 0.5 && status.confidence <= 1, `confidence ${status.confidence}`);
    assert.ok(Array.isArray(status.languages) && status.languages.includes('de'), `Array.isArray(status.languages) && status.languages.includes('de')`);

    const setLanguage = await s.connection.sendRequest(setLanguageRequest, { uri, tag: 'de' });
    assert.deepEqual(setLanguage, { changes: { [uri]: [{ range: range(0, 0, 0, 0), newText: '---\nlang: de\n---\n' }] } });

    const result = await s.connection.sendRequest(fixCorpusRequest);
    assert.equal(result.files, 5);
    assert.ok(result.fixes > 0, 'result.fixes > 0');
    const changes = result.edit.documentChanges;
    assert.ok(changes, 'documentChanges');
    const byUri = new Map(changes.map((c) => {
      assert.ok('textDocument' in c, 'text document edits only');
      return [c.textDocument.uri, c] as const;
    }));
    assert.deepEqual([...byUri.keys()].sort(), ws.articles.map((n) => ws.uriOf(n)).sort(), 'one change per seed');
    for (const name of ws.articles) assert.equal(byUri.get(ws.uriOf(name))!.textDocument.version, name === seed000 ? 1 : null, `${name}: version of the open buffer, null for disk`);

    // Same edits as `seed-corpus fix` on another copy, file by file, and the same count.
    const other = workspace(t);
    const report = JSON.parse(runCli(['fix', 'seeds', '--format', 'json'], other.root).stdout) as Array<{ applied: Record<string, number> }>;
    const cliFixes = report.reduce((sum, r) => sum + Object.values(r.applied).reduce((a, b) => a + b, 0), 0);
    assert.equal(result.fixes, cliFixes, 'as many fixes as the CLI applies');
    for (const name of ws.articles) assert.equal(apply(ws.read(name), byUri.get(ws.uriOf(name))!.edits as TextEdit[]), other.read(name), `${name}: fixCorpus edit equals seed-corpus fix`);

    // Applying setLanguage declares the language.
    await s.replaceAll(uri, 2, apply(text, editsFor(setLanguage!, uri)));
    const v2 = await s.waitForDiagnostics(uri, { version: 2 });
    assert.ok(!codesOf(v2.diagnostics).includes('lang-missing'), `!codesOf(v2.diagnostics).includes('lang-missing')`);
    const declared = await s.connection.sendRequest(languageStatusRequest, { uri });
    assert.equal(declared?.declared, 'de');
    assert.equal(declared?.declaredValid, true);
  });

  test('7b. fixCorpus answers a request sent without params (the protocol declares none)', { timeout: testTimeout }, async (t) => {
    const { s } = await started(t);
    // A generic LSP client (or `connection.sendRequest('seedCorpus/fixCorpus')`) omits `params` for a request without any.
    const result = await s.request<{ files: number; fixes: number }>('seedCorpus/fixCorpus');
    assert.equal(result.files, 5);
  });

  test('8. watched files: a created article is checked; a clashing sequence number flags both; deleting it clears', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await started(t);
    const uri000 = ws.uriOf(seed000);

    const freshName = '005_0123456789abcdef.txt';
    const fresh = ws.write(freshName, 'Leica und Xiaomi\n\nDie Leica Camera AG und Xiaomi arbeiten ab Juli bei Smartphones zusammen.\n');
    let mark = s.mark();
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fresh, type: FileChangeType.Created }] });
    const created = await s.waitForDiagnostics(fresh, { since: mark });
    for (const code of ['unique-file-id', 'file-name', 'utf8-encoding']) assert.ok(!codesOf(created.diagnostics).includes(code), `${freshName}: no ${code}`);

    // Changed on disk (not open): rechecked.
    fs.writeFileSync(ws.pathOf(freshName), 'Leica und Xiaomi\n\nDie Leica Camera AG  und Xiaomi arbeiten ab Juli bei Smartphones zusammen.\n');
    mark = s.mark();
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fresh, type: FileChangeType.Changed }] });
    const changed = await s.waitForDiagnostics(fresh, { since: mark });
    assert.ok(codesOf(changed.diagnostics).includes('multiple-spaces'), 'the change on disk is seen');

    // Same sequence number as 000_ebeef4f3d678d313.txt.
    const cloneName = '000_0000000000000000.txt';
    const clone = ws.write(cloneName, 'Leica und Xiaomi\n\nEine Kopie mit derselben Laufnummer.\n');
    mark = s.mark();
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: clone, type: FileChangeType.Created }] });
    const cloneDiagnostics = await s.waitForDiagnostics(clone, { since: mark, predicate: (d) => codesOf(d).includes('unique-file-id') });
    assert.match(messageOf(find(cloneDiagnostics.diagnostics, 'unique-file-id')), /000_ebeef4f3d678d313\.txt/);
    const original = await s.waitForDiagnostics(uri000, { since: mark });
    assert.match(messageOf(find(original.diagnostics, 'unique-file-id')), /000_0000000000000000\.txt/, 'the existing namesake is flagged too');
    assert.ok(!codesOf(s.diagnostics.get(fresh)!.diagnostics).includes('unique-file-id'), 'an unrelated article is not flagged');

    ws.remove(cloneName);
    mark = s.mark();
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: clone, type: FileChangeType.Deleted }] });
    const gone = await s.waitForDiagnostics(clone, { since: mark });
    assert.deepEqual(gone.diagnostics, [], 'the deleted file’s diagnostics are cleared');
    const cleared = await s.waitForDiagnostics(uri000, { since: mark });
    assert.ok(!codesOf(cleared.diagnostics).includes('unique-file-id'), 'the clash is gone from the other file');
    assert.ok(codesOf(cleared.diagnostics).includes('doubled-word'), 'its other findings stay');
  });

  test('8b. a clean article gets no message in a pass; problems it gains on disk are shown, and cleared by an empty list once fixed', { timeout: testTimeout }, async (t) => {
    const cleanName = '005_0123456789abcdef.txt';
    const clean = '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Leica Camera AG und Xiaomi arbeiten bei Smartphones zusammen.\n';
    const { ws, s, analysed } = await started(t, (w) => w.write(cleanName, clean));
    const uri = ws.uriOf(cleanName);
    assert.equal(analysed.files, 6);
    assert.ok(!s.diagnostics.has(uri), 'nothing was published for the clean article');
    assert.ok(s.diagnostics.get(ws.uriOf(seed000))!.diagnostics.length > 0, 'articles with problems were published');

    fs.writeFileSync(ws.pathOf(cleanName), clean.replace('AG und', 'AG  und'));
    let mark = s.mark();
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FileChangeType.Changed }] });
    assert.deepEqual(codesOf((await s.waitForDiagnostics(uri, { since: mark })).diagnostics), ['multiple-spaces']);

    fs.writeFileSync(ws.pathOf(cleanName), clean);
    mark = s.mark();
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FileChangeType.Changed }] });
    assert.deepEqual((await s.waitForDiagnostics(uri, { since: mark })).diagnostics, [], 'the fixed article is cleared');

    // Opened, its version is answered even with nothing to show; closed, the disk's verdict is sent too.
    mark = s.mark();
    await s.open(uri, clean);
    assert.deepEqual((await s.waitForDiagnostics(uri, { since: mark, version: 1 })).diagnostics, []);
    mark = s.mark();
    await s.close(uri);
    assert.deepEqual((await s.waitForDiagnostics(uri, { since: mark })).diagnostics, []);
  });

  const latin1Name = '006_00000000000000ff.txt';
  // "Grüße aus Wetzlar / Die Straße  ist groß. " in Latin-1, with a double space and a trailing space (fixable if it were UTF-8).
  const latin1 = Buffer.from('Gr\xfc\xdfe aus Wetzlar\n\nDie Stra\xdfe  ist gro\xdf. \n', 'latin1');
  const emptyName = '007_0000000000000000.txt';
  const crlfName = '008_1111111111111111.txt';
  const addOddFiles = (ws: TempWorkspace) => {
    ws.write(latin1Name, latin1);
    ws.write(emptyName, '');
    ws.write(crlfName, 'Leica und Xiaomi\r\n\r\nDie Leica Camera AG und Xiaomi arbeiten ab Juli zusammen.\r\n');
  };

  test('9. robustness: invalid UTF-8, an empty file, CRLF; the server keeps answering', { timeout: testTimeout }, async (t) => {
    const { ws, s, analysed } = await started(t, addOddFiles);
    assert.equal(analysed.files, 8);

    const encoding = s.diagnostics.get(ws.uriOf(latin1Name));
    assert.ok(encoding, 'the Latin-1 file got diagnostics');
    assert.equal(encoding.diagnostics.length, 1, `exactly one diagnostic: ${codesOf(encoding.diagnostics).join(', ')}`);
    assert.equal(encoding.diagnostics[0].code, 'utf8-encoding');
    assert.equal(encoding.diagnostics[0].severity, 1);
    assert.deepEqual(encoding.diagnostics[0].range, range(0, 2, 0, 3), 'at the first bad byte (ü)');

    const empty = s.diagnostics.get(ws.uriOf(emptyName));
    assert.ok(empty, 'the empty file got diagnostics');
    assert.ok(codesOf(empty.diagnostics).includes('title-missing'), `codesOf(empty.diagnostics).includes('title-missing')`);
    for (const d of empty.diagnostics) assertDiagnosticShape(d, '', `${emptyName} ${d.code}`);

    const crlfText = fs.readFileSync(ws.pathOf(crlfName), 'utf8');
    const crlf = s.diagnostics.get(ws.uriOf(crlfName));
    assert.ok(crlf, 'the CRLF file got diagnostics');
    const lineEndings = find(crlf.diagnostics, 'line-endings');
    assert.deepEqual(lineEndings.range, range(0, 16, 1, 0), 'at the first CRLF');
    for (const d of crlf.diagnostics) assertDiagnosticShape(d, crlfText, `${crlfName} ${d.code}`);

    assert.ok(!s.log.some((m) => m.method === 'window/logMessage' && m.params.type === 1), `no error logged: ${JSON.stringify(s.log.filter((m) => m.method === 'window/logMessage'))}`);

    // Still answering: the CRLF quick fix is an editor command, the empty file has code actions, odd URIs are ignored.
    const crlfUri = ws.uriOf(crlfName);
    await s.open(crlfUri, crlfText, 1);
    const opened = await s.waitForDiagnostics(crlfUri, { version: 1 });
    const crlfDiagnostic = find(opened.diagnostics, 'line-endings');
    const crlfFix = (await s.codeActions(crlfUri, crlfDiagnostic.range, [crlfDiagnostic], ['quickfix'])).filter(isCodeAction).find((a) => a.isPreferred);
    assert.ok(crlfFix, 'a preferred line-endings fix');
    assert.equal(crlfFix.command?.command, 'seedCorpus.useLfLineEndings');
    assert.deepEqual(crlfFix.command?.arguments, [crlfUri]);
    assert.equal(crlfFix.edit, undefined, 'line endings are switched by the editor, not by edits');

    const emptyUri = ws.uriOf(emptyName);
    await s.open(emptyUri, '', 1);
    await s.waitForDiagnostics(emptyUri, { version: 1 });
    assert.ok(Array.isArray(await s.codeActions(emptyUri, range(0, 0, 0, 0), [], [fixAllKind])), 'Array.isArray(await s.codeActions(emptyUri, range(0, 0, 0, 0), [], [fixAllKind]))');
    assert.ok((await s.connection.sendRequest(languageStatusRequest, { uri: emptyUri })) !== undefined, '(await s.connection.sendRequest(languageStatusRequest, { uri: emptyUri })) !== undefined');

    await s.open('untitled:Untitled-1', 'Leica  und Xiaomi\n', 1);
    assert.deepEqual(await s.codeActions('untitled:Untitled-1', range(0, 0, 0, 0), []), []);
    assert.equal(await s.connection.sendRequest(languageStatusRequest, { uri: 'untitled:Untitled-1' }), null);
    assert.deepEqual(await s.codeActions(ws.uriOf('no-such-file.txt'), range(0, 0, 0, 0), []), []);

    // Opened as an editor shows it (bad bytes as U+FFFD): still only the encoding finding, and no fixes to apply.
    const latin1Uri = ws.uriOf(latin1Name);
    await s.open(latin1Uri, new TextDecoder('utf-8').decode(latin1), 1);
    const latin1Open = await s.waitForDiagnostics(latin1Uri, { version: 1 });
    assert.deepEqual(codesOf(latin1Open.diagnostics), ['utf8-encoding'], 'an open non-UTF-8 file keeps its single encoding finding');
    assert.deepEqual(await s.codeActions(latin1Uri, range(0, 0, 0, 0), [], [fixAllKind]), [], 'no fix-all on a file that is not UTF-8');
    await s.close(latin1Uri);

    // Re-saved as UTF-8: the encoding finding goes, the ordinary checks run.
    fs.writeFileSync(ws.pathOf(latin1Name), latin1.toString('latin1'), 'utf8');
    const mark = s.mark();
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uriOf(latin1Name), type: FileChangeType.Changed }] });
    // The close had the file read again from disk too, and that reading may still have found the Latin-1 bytes.
    const resaved = await s.waitForDiagnostics(ws.uriOf(latin1Name), { since: mark, predicate: (diagnostics) => !codesOf(diagnostics).includes('utf8-encoding') });
    assert.ok(codesOf(resaved.diagnostics).includes('multiple-spaces'), `the ordinary checks ran: ${codesOf(resaved.diagnostics).join(', ')}`);

    const status = await s.connection.sendRequest(languageStatusRequest, { uri: crlfUri });
    assert.ok(status, 'the server still answers');
    assert.ok(s.alive, 'the server process is alive');
    assert.equal(s.exit, undefined);
  });

  test('9b. no fix-all on an open non-UTF-8 file, even when asked before the debounced analysis has run', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await started(t, addOddFiles);
    const uri = ws.uriOf(latin1Name);
    const shown = new TextDecoder('utf-8').decode(latin1); // as an editor shows it: bad bytes as U+FFFD
    await s.open(uri, shown, 1);
    await s.waitForDiagnostics(uri, { version: 1, predicate: (d) => codesOf(d).includes('utf8-encoding') });
    assert.deepEqual(await s.codeActions(uri, range(0, 0, 0, 0), [], [fixAllKind]), [], 'settled: no fix-all');
    // Typing, then asking for code actions at once (VS Code does on every cursor move, and on save for codeActionsOnSave):
    // the request arrives within the change debounce, before version 2 is analysed.
    await s.change(uri, 2, [{ range: range(0, 0, 0, 0), text: 'X' }]);
    const actions = await s.codeActions(uri, range(0, 0, 0, 0), [], [fixAllKind]);
    assert.deepEqual(actions, [], `no fix-all on a file that is not UTF-8 on disk; got ${JSON.stringify(actions)}`);
  });

  test('9c. fixCorpus leaves a file that is not valid UTF-8 alone (as `seed-corpus fix` does)', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await started(t, addOddFiles);
    const result = await s.connection.sendRequest(fixCorpusRequest);
    const touched = (result.edit.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : ''));
    const latin1Change = (result.edit.documentChanges ?? []).find((c) => 'textDocument' in c && c.textDocument.uri === ws.uriOf(latin1Name));
    assert.ok(
      !touched.includes(ws.uriOf(latin1Name)),
      `fixCorpus must not edit ${latin1Name} (not UTF-8): its edit would write U+FFFD over the original bytes: ${JSON.stringify(latin1Change)}`,
    );
    assert.ok(s.alive, 's.alive');
  });
});
