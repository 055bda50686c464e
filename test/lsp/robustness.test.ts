/**
 * Safety of the language server over real JSON-RPC: hostile knowledge-base and article text in hover cards is
 * inert (escaped Markdown, no HTML, no links but the extension's own commands), and a whole editing session never
 * writes a byte to disk: every change comes back as a WorkspaceEdit the user applies.
 *
 * Run: npx tsx --test test/lsp/robustness.test.ts   (after `npm run build`)
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import type { CodeAction, Command, Diagnostic, Hover, MarkupContent, Position, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixCorpusRequest, hoverCommands, languageStatusRequest, setLanguageRequest } from '../../server/src/protocol';
import { codesOf, LspSession, makeWorkspace, repoRoot, type TempWorkspace } from './lspClient';

const seed000 = '000_ebeef4f3d678d313.txt';
const seed003 = '003_03ee35439bc31269.txt';
const kbName = 'entities.json';
const testTimeout = 60_000;

function positionOf(text: string, needle: string, offset = 1): Position {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `“${needle}” occurs`);
  return TextDocument.create('file:///x', 'plaintext', 0, text).positionAt(at + offset);
}

describe('safety over LSP', { timeout: 5 * testTimeout }, () => {
  // -------------------------------------------------------------------------------------------------------------
  /** Markup a knowledge base or an article could carry: HTML, a command link, an image, link definitions, Markdown specials. */
  const hostile =
    'Evil <img src=x onerror=alert(1)> [link](command:workbench.action.terminal.new) ![pixel](https://attacker.example/p.png) ' +
    '<a href="command:workbench.action.terminal.new">go</a> <script>alert(1)</script> **bold** _em_ `code` ~~del~~ | cell | $(zap) &amp; <https://x.example>\n' +
    '# heading\n[ref]: command:workbench.action.terminal.new\n- item';

  /** A hover card's Markdown renders no HTML, no image and no link other than the extension's own hover commands. */
  function assertInert(markdown: string, where: string): void {
    assert.doesNotMatch(markdown, /<\/?[a-z!?]/i, `${where}: no HTML tag or autolink`);
    assert.doesNotMatch(markdown, /!\[/, `${where}: no image`);
    assert.doesNotMatch(markdown, /^\s{0,3}(?<!\\)\[[^\]]*(?<!\\)\]:/m, `${where}: no link definition`);
    assert.doesNotMatch(markdown, /^\s{0,3}#/m, `${where}: no heading from the text`);
    const targets = [...markdown.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1]);
    assert.ok(targets.length >= hoverCommands.length, `${where}: the card's own links are there`);
    for (const target of targets) {
      const command = /^command:([\w.]+)\?/.exec(target)?.[1];
      assert.ok(command && (hoverCommands as readonly string[]).includes(command), `${where}: link to ${target} is not one of the hover commands`);
    }
  }

  test('hostile knowledge-base and article text in hover cards is escaped: no HTML, no image, no link but the hover commands', { timeout: testTimeout }, async (t) => {
    const ws = makeWorkspace();
    const kb = JSON.parse(ws.read(kbName)) as { entities: Array<Record<string, any>> };
    const wetzlar = kb.entities.find((e) => e.id === 'wetzlar')!;
    wetzlar.description = { de: hostile, en: hostile, it: hostile };
    wetzlar.facts.push({ property: hostile, value: hostile });
    wetzlar.relations = [{ type: hostile, with: 'leica-camera', from: '2016' }];
    kb.entities.push({ id: 'evilcorp', type: 'organization', name: `Evilcorp ${hostile}`, aliases: ['Evilcorp'], description: { en: hostile } });
    ws.write(kbName, JSON.stringify(kb, null, 2));
    const s = LspSession.start(ws.root);
    t.after(async () => {
      await s.dispose();
      ws.cleanup();
    });
    await s.initializeAndAnalyse();
    assert.deepEqual(s.diagnostics.get(ws.uriOf(kbName))?.diagnostics, [], 'the knowledge base is valid');

    // The article carries markup too, in a dated sentence naming Wetzlar: it reaches the card as a timeline event.
    const uri = ws.uriOf(seed000);
    const text = `${ws.read(seed000)}\n\nAm 1. Juli 2022 kamen <img src=x onerror=alert(1)> [link](command:workbench.action.terminal.new) und Evilcorp nach Wetzlar.\n`;
    await s.open(uri, text);
    const cards = new Map<string, string>();
    for (const [needle, heading] of [
      ['Wetzlar', '**Wetzlar**'],
      ['Evilcorp', '**Evilcorp Evil &lt;img'],
      ['Leica Camera AG', '**Leica Camera AG**'],
    ] as const) {
      const hover = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle) });
      assert.ok(hover, `a card for ${needle}`);
      const markdown = (hover.contents as MarkupContent).value;
      assert.ok(markdown.startsWith(heading), `${needle}: heading ${JSON.stringify(markdown.slice(0, 80))}`);
      assertInert(markdown, needle);
      cards.set(needle, markdown);
    }
    const wetzlarCard = cards.get('Wetzlar')!;
    // Shown as written, escaped: the reader sees the markup as text.
    assert.ok(wetzlarCard.includes('Evil &lt;img src=x onerror=alert\\(1\\)&gt; \\[link\\]\\(command:workbench\\.action\\.terminal\\.new\\)'), 'description escaped');
    assert.ok(wetzlarCard.includes('\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\~\\~del\\~\\~ \\| cell \\| $\\(zap\\) &amp;amp;'), 'Markdown specials escaped');
    assert.ok(wetzlarCard.includes('&lt;https://x\\.example&gt; \\# heading \\[ref\\]: command:'), 'line breaks folded: no heading or link definition of its own');
    assert.match(wetzlarCard, /\*\*On the timeline\*\*[\s\S]*&lt;img src=x onerror=alert\\\(1\\\)&gt; \\\[link\\\]/, 'the article sentence is escaped too');
    assert.match(cards.get('Leica Camera AG')!, /- Evil &lt;img[^\n]* with Wetzlar, since 2016/, 'a relation named by the other entity is escaped');
  });

  // -------------------------------------------------------------------------------------------------------------
  test('a seed-corpus.json above the workspace folder is not read; one inside it is', { timeout: testTimeout }, async (t) => {
    // <parent>/seed-corpus.json switches doubled-word off; <parent>/elsewhere/ holds an article numbered 000 (a
    // unique-file-id clash if <parent> were the corpus); <parent>/ws is the workspace folder, its seeds without a config.
    const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seed-corpus-above-')));
    t.after(() => fs.rmSync(parent, { recursive: true, force: true }));
    fs.writeFileSync(path.join(parent, 'seed-corpus.json'), JSON.stringify({ rules: { 'doubled-word': 'off' }, unknownKey: true }));
    fs.mkdirSync(path.join(parent, 'elsewhere'));
    fs.writeFileSync(path.join(parent, 'elsewhere', '000_0000000000000000.txt'), '---\nlang: de\n---\nAnderswo\n\nEin Satz.\n');
    const ws = path.join(parent, 'ws');
    fs.cpSync(path.join(repoRoot, 'seeds'), path.join(ws, 'seeds'), { recursive: true });
    fs.rmSync(path.join(ws, 'seeds', 'seed-corpus.json'));
    const uri = pathToFileURL(path.join(ws, 'seeds', seed000)).href;

    const s = LspSession.start(ws);
    t.after(() => s.dispose());
    await s.initializeAndAnalyse();
    const outside = codesOf(s.diagnostics.get(uri)!.diagnostics);
    assert.ok(outside.includes('doubled-word'), `the rules of the config above are not applied: ${outside.join(', ')}`);
    assert.ok(!outside.includes('unique-file-id'), 'the folder above is no corpus: its articles are not listed');
    assert.deepEqual(s.shownMessages.filter((m) => m.message.includes('seed-corpus.json')), [], 'its problems (an unknown key) are not reported');

    // The same config inside the workspace folder is the corpus config.
    const inside = path.join(ws, 'seed-corpus.json');
    fs.writeFileSync(inside, JSON.stringify({ rules: { 'doubled-word': 'off' } }));
    const mark = s.mark();
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(inside).href, type: 1 }] });
    await s.waitForCorpusAnalysed({ since: mark });
    const published = codesOf(s.diagnostics.get(uri)!.diagnostics);
    assert.ok(!published.includes('doubled-word'), `the config in the workspace folder applies: ${published.join(', ')}`);
    assert.ok(!published.includes('unique-file-id'), `!published.includes('unique-file-id')`);
  });

  // -------------------------------------------------------------------------------------------------------------
  interface Entry {
    kind: 'file' | 'folder' | 'link';
    mode: number;
    ino: number;
    mtimeMs: number;
    content?: Buffer;
    target?: string;
  }

  /** Every file, folder and link under `root`, with bytes, mode, inode and modification time. */
  function snapshot(root: string): Map<string, Entry> {
    const entries = new Map<string, Entry>();
    const walk = (folder: string) => {
      for (const name of fs.readdirSync(folder).sort()) {
        const full = path.join(folder, name);
        const stat = fs.lstatSync(full);
        const entry: Entry = { kind: stat.isSymbolicLink() ? 'link' : stat.isDirectory() ? 'folder' : 'file', mode: stat.mode, ino: stat.ino, mtimeMs: stat.mtimeMs };
        if (entry.kind === 'file') entry.content = fs.readFileSync(full);
        if (entry.kind === 'link') entry.target = fs.readlinkSync(full);
        entries.set(path.relative(root, full), entry);
        if (entry.kind === 'folder') walk(full);
      }
    };
    walk(root);
    return entries;
  }

  const isCodeAction = (item: CodeAction | Command): item is CodeAction => typeof (item as Command).command !== 'string';

  test('the server never writes to disk: after a whole session (edits, code actions, fixCorpus, rename, …) every file is byte-identical', { timeout: testTimeout }, async (t) => {
    const ws: TempWorkspace = makeWorkspace();
    const before = snapshot(ws.root);
    const s = LspSession.start(ws.root);
    t.after(async () => {
      await s.dispose();
      ws.cleanup();
    });
    await s.initializeAndAnalyse();
    const edits: WorkspaceEdit[] = [];

    const uri000 = ws.uriOf(seed000);
    const uri003 = ws.uriOf(seed003);
    const kbUri = ws.uriOf(kbName);
    await s.open(uri000, ws.read(seed000));
    await s.open(uri003, ws.read(seed003));
    await s.open(kbUri, ws.read(kbName), 1, 'json');
    // Unsaved edits: a double space; a model the knowledge base lacks; an entity in the knowledge base.
    await s.change(uri000, 2, [{ range: { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } }, text: ' ' }]);
    const end003 = s.document(uri003).positionAt(s.document(uri003).getText().length);
    await s.change(uri003, 2, [{ range: { start: end003, end: end003 }, text: '\n\nIn Giappone arriva il Leitz Phone 2.\n' }]);
    await s.change(kbUri, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '    { "id": "neu", "type": "other", "name": "Neu" },\n' }]);

    // Every code action for every diagnostic of both open articles, and fix-all.
    for (const uri of [uri000, uri003]) {
      const { diagnostics } = await s.waitForDiagnostics(uri, { version: 2 });
      assert.ok(diagnostics.some((d: Diagnostic) => d.code === (uri === uri000 ? 'multiple-spaces' : 'entity-unknown')), `diagnostics.some((d: Diagnostic) => d.code === (uri === uri000 ? 'multiple-spaces' : 'entity-unknown'))`);
      for (const diagnostic of diagnostics) {
        for (const action of (await s.codeActions(uri, diagnostic.range, [diagnostic])).filter(isCodeAction)) if (action.edit) edits.push(action.edit);
      }
      for (const action of (await s.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.seedCorpus'])).filter(isCodeAction)) if (action.edit) edits.push(action.edit);
    }
    assert.ok(edits.some((e) => e.changes?.[kbUri]), '"Add to knowledge base" was offered');
    edits.push((await s.connection.sendRequest(fixCorpusRequest)).edit);
    const huawei = positionOf(s.document(uri000).getText(), 'Huawei');
    edits.push(await s.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri000 }, position: huawei, newName: 'Huawei Technologies' }));
    edits.push((await s.connection.sendRequest(setLanguageRequest, { uri: uri000, tag: 'de' }))!);
    await s.connection.sendRequest(languageStatusRequest, { uri: uri000 });
    for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/completion', 'textDocument/prepareRename']) await s.request(method, { textDocument: { uri: uri000 }, position: huawei });
    await s.request('textDocument/references', { textDocument: { uri: uri000 }, position: huawei, context: { includeDeclaration: true } });
    for (const method of ['textDocument/documentSymbol', 'textDocument/semanticTokens/full']) await s.request(method, { textDocument: { uri: uri003 } });
    await s.request('textDocument/inlayHint', { textDocument: { uri: uri003 }, range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } } });
    await s.request('seedCorpus/timelineGroups', {});
    await s.request('seedCorpus/timelineEvents', { place: { year: 2022, month: 5 } });
    await s.request('seedCorpus/entities');
    assert.ok(edits.length >= 10, `the session produced edits (${edits.length})`);

    // Saving is the editor's business: a didSave without a write, a settings change (whole rescan), then closing unsaved.
    await s.notify('textDocument/didSave', { textDocument: { uri: uri000 } });
    let mark = s.mark();
    await s.notify('workspace/didChangeConfiguration', { settings: null });
    await s.waitForCorpusAnalysed({ since: mark });
    mark = s.mark();
    for (const uri of [uri000, uri003, kbUri]) await s.close(uri);
    await s.waitForDiagnostics(uri000, { since: mark, predicate: (ds) => !ds.some((d) => d.code === 'multiple-spaces') });
    await s.waitForDiagnostics(uri003, { since: mark, predicate: (ds) => !ds.some((d) => d.code === 'entity-unknown') });

    assert.equal(s.applyEditRequests, 0, 'the server never asked the client to apply an edit by itself');
    assert.deepEqual(snapshot(ws.root), before, 'no file was written, created, renamed, removed or re-moded');
  });
});
