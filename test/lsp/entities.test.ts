/**
 * Entity features of the language server over real JSON-RPC: hover cards, definition, references and rename
 * across files, symbols, completion, semantic tokens, the Entities view's requests, and knowledge-base
 * problems (broken JSON mid-edit, a shared alias) with the last good knowledge base staying in use.
 *
 * Run: npx tsx --test test/lsp/entities.test.ts   (after `node esbuild.mjs`)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, TextEdit, DocumentSymbol, Hover, Location, MarkupContent, SemanticTokens, TextDocumentEdit, WorkspaceEdit, WorkspaceSymbol } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { entitiesChangedNotification, entitiesRequest, entityLocationRequest, entityMentionsRequest, type EntitiesResult, type EntityMention } from '../../server/src/protocol';
import { isCodeAction, startedSession, startSession } from './lspClient';

const seed000 = '000_ebeef4f3d678d313.txt';
const seed002 = '002_4d1a318a818ef0be.txt';
const seed003 = '003_03ee35439bc31269.txt';
const testTimeout = 60_000;
/** LSP: the request was valid but the server could not carry it out (LSPErrorCodes.RequestFailed). */
const requestFailed = -32803;

/** The position of the `nth` occurrence of `needle` in the text (plus `offset` characters). */
function positionOf(text: string, needle: string, nth = 0, offset = 1) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `“${needle}” occurs ${nth + 1} times`);
  return TextDocument.create('file:///x', 'plaintext', 0, text).positionAt(at + offset);
}

const kbName = 'entities.json';

const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

describe('entity features over LSP', { timeout: 10 * testTimeout }, () => {
  test('hover card: name, type, description in the article language, facts, relations, counts and command links', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const uri = ws.uriOf(seed000);
    const text = ws.read(seed000);
    await s.open(uri, text);
    const hover = await s.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'Wetzlar') });
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /^\*\*Wetzlar\*\* · \*place\*/);
    assert.match(value, /Mentioned 1 time in 1 article · /);
    assert.deepEqual(hover.range, { start: positionOf(text, 'Wetzlar', 0, 0), end: positionOf(text, 'Wetzlar', 0, 7) });

    const leica = (await s.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'Leica Camera AG', 0, 3) })).contents as MarkupContent;
    assert.match(leica.value, /^\*\*Leica Camera AG\*\* · \*organization\*/);
    assert.match(leica.value, /partnership with Huawei, 2016 – 2022\\-03\\-31/, 'dated relation, escaped');
    assert.match(leica.value, /Mentioned \d+ times in 5 articles · /);
    assert.match(leica.value, /\[Open in knowledge base\]\(command:seedCorpus\.openEntity\?%5B%22leica-camera%22%5D\)/);
    assert.match(leica.value, /\[Find all mentions\]\(command:seedCorpus\.findMentions\?/);
    assert.doesNotMatch(leica.value, /<[a-z]/i, 'no HTML');

    const nothing = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'kündigen') });
    assert.equal(nothing, null, 'no card on an ordinary word');
  });

  test('definition → the knowledge-base entry; references across every article, open or not', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const uri = ws.uriOf(seed002);
    const text = ws.read(seed002);
    await s.open(uri, text);
    const position = positionOf(text, 'SHARP');
    const [definition] = [await s.request<Location>('textDocument/definition', { textDocument: { uri }, position })];
    assert.equal(definition.uri, ws.uriOf(kbName));
    const kb = TextDocument.create(definition.uri, 'json', 0, ws.read(kbName));
    assert.equal(kb.getText(definition.range), '"Sharp"');

    const references = await s.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } });
    const files = new Set(references.map((r) => r.uri.split('/').pop()));
    assert.deepEqual([...files].sort(), ['000_ebeef4f3d678d313.txt', '001_ad4d302a0f406064.txt', '002_4d1a318a818ef0be.txt']);
    for (const reference of references) {
      const name = reference.uri.split('/').pop()!;
      const covered = TextDocument.create(reference.uri, 'plaintext', 0, ws.read(name)).getText(reference.range);
      assert.match(covered, /^sharp$/i, `${name}: the reference covers the name`);
    }
    const withDeclaration = await s.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    assert.equal(withDeclaration.length, references.length + 1);
  });

  test('an edit counts in references and the Entities view as soon as its diagnostics are out; the view hears of it unasked', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const uri = ws.uriOf(seed002);
    const text = ws.read(seed002);
    await s.open(uri, text);
    const sharpIn = async (current: string) => {
      const references = await s.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(current, 'SHARP'), context: { includeDeclaration: false } });
      return references.filter((r) => r.uri === uri).map((r) => r.range.start.line);
    };
    const before = await sharpIn(text);
    const { entities: entitiesBefore } = await s.request<EntitiesResult>(entitiesRequest.method);
    const sharpBefore = entitiesBefore.find((e) => e.id === 'sharp')!;

    // A paragraph naming Sharp above the first line: every mention in the file moves down two lines.
    let mark = s.mark();
    const edited = `Sharp.\n\n${text}`;
    await s.replaceAll(uri, 2, edited);
    await s.waitForDiagnostics(uri, { version: 2, since: mark });
    assert.deepEqual(await sharpIn(edited), [0, ...before.map((line) => line + 2)], 'the edited text’s mentions, read at once');
    const { entities } = await s.request<EntitiesResult>(entitiesRequest.method);
    assert.equal(entities.find((e) => e.id === 'sharp')!.mentions, sharpBefore.mentions + 1);

    // Without a request, the indexes take the edit once the edits pause, and the views are told.
    mark = s.mark();
    await s.replaceAll(uri, 3, text);
    await s.waitForDiagnostics(uri, { version: 3, since: mark });
    await s.waitFor(entitiesChangedNotification.method, () => true, { since: mark });
    assert.deepEqual(await sharpIn(text), before);
  });

  test('references of a much-mentioned entity follow every change, in an open article or on disk', { timeout: testTimeout }, async (t) => {
    // Answers of 1,000 locations or more are kept between requests: an edit anywhere must still show at once.
    const crowded = '005_5a5a5a5a5a5a5a5a.txt';
    const paragraph = (count: number) => Array.from({ length: count }, () => 'Sharp baut.').join(' ');
    const { ws, s } = await startedSession(t, (folder) => folder.write(crowded, `Sharp\n\n${Array.from({ length: 12 }, () => paragraph(100)).join('\n\n')}\n`));
    const uri = ws.uriOf(seed002);
    const text = ws.read(seed002);
    await s.open(uri, text);
    const sharpReferences = async (current: string) => {
      const references = await s.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(current, 'SHARP'), context: { includeDeclaration: false } });
      const count = (name: string) => references.filter((r) => r.uri === ws.uriOf(name)).length;
      return { all: references.length, crowded: count(crowded), lines: references.filter((r) => r.uri === uri).map((r) => r.range.start.line) };
    };
    const before = await sharpReferences(text);
    assert.equal(before.crowded, 1201);
    assert.deepEqual(await sharpReferences(text), before, 'asked again, the same answer');
    // A kept answer goes out as the JSON made for it, with or without the definition put in front.
    const params = (includeDeclaration: boolean) => ({ textDocument: { uri }, position: positionOf(text, 'SHARP'), context: { includeDeclaration } });
    const kept = await s.request<Location[]>('textDocument/references', params(false));
    const crowdedText = TextDocument.create('file:///crowded', 'plaintext', 0, ws.read(crowded));
    for (const reference of kept.filter((r) => r.uri === ws.uriOf(crowded))) assert.equal(crowdedText.getText(reference.range), 'Sharp');
    const definition = await s.request<Location>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'SHARP') });
    assert.deepEqual(await s.request<Location[]>('textDocument/references', params(true)), [definition, ...kept]);
    assert.deepEqual(await s.request<Location[]>('textDocument/references', params(false)), kept);

    let mark = s.mark();
    const edited = `Sharp.\n\n${text}`;
    await s.replaceAll(uri, 2, edited);
    await s.waitForDiagnostics(uri, { version: 2, since: mark });
    assert.deepEqual(await sharpReferences(edited), { all: before.all + 1, crowded: 1201, lines: [0, ...before.lines.map((line) => line + 2)] });

    mark = s.mark();
    ws.write(crowded, `Sharp\n\n${paragraph(40)}\n`);
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uriOf(crowded), type: 2 }] });
    await s.waitForDiagnostics(ws.uriOf(crowded), { since: mark });
    const after = await sharpReferences(edited);
    assert.deepEqual(after, { all: before.all + 1 - 1160, crowded: 41, lines: [0, ...before.lines.map((line) => line + 2)] });
  });

  test('rename: every mention written that way in every article and the knowledge-base name, in one edit', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const uri = ws.uriOf(seed000);
    const text = ws.read(seed000);
    await s.open(uri, text);
    const position = positionOf(text, 'Huawei', 0, 2);
    const prepared = await s.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.equal(prepared.placeholder, 'Huawei');

    const edit = await s.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'Huawei Technologies' });
    const changes = edit.documentChanges as TextDocumentEdit[];
    const byFile = new Map(changes.map((c) => [c.textDocument.uri.split('/').pop()!, c]));
    assert.equal(byFile.get(seed000)!.textDocument.version, 1, 'the open article is edited at its version');
    assert.equal(byFile.get(seed002)!.textDocument.version, null, 'closed articles are edited as on disk');
    for (const [name, change] of byFile) {
      const document = TextDocument.create(change.textDocument.uri, 'plaintext', 0, ws.read(name));
      const after = TextDocument.applyEdits(document, change.edits as TextEdit[]);
      if (name === kbName) {
        assert.ok(after.includes('"name": "Huawei Technologies"'), 'the knowledge-base name is renamed');
        assert.doesNotThrow(() => JSON.parse(after), 'the knowledge base stays valid JSON');
      } else {
        for (const e of change.edits) assert.equal(document.getText(e.range), 'Huawei', `${name}: only “Huawei” is replaced`);
        assert.ok(!/Huawei(?! Technologies)/.test(after.replace(/Huawei P50( Pro)?/g, '')), `${name}: no other “Huawei” left`);
      }
    }
    assert.ok(byFile.has(kbName), 'byFile.has(kbName)');
    assert.ok(byFile.size >= 5, 'four articles mention Huawei, plus the knowledge base');

  });

  test('rename of a name ending in a full stop keeps the full stop that also ends a sentence', { timeout: testTimeout }, async (t) => {
    const article = '900_sharp_italia.txt';
    const text = '---\nlang: de\n---\nSharp in Italien\n\nDer Vertrag liegt bei Sharp S.p.A. Die Sharp S.p.A. hat zugestimmt.\n';
    const { ws, s } = await startedSession(t, (folder) => {
      const kb = JSON.parse(folder.read(kbName)) as { entities: Array<{ id: string; aliases?: string[] }> };
      kb.entities.find((e) => e.id === 'sharp')!.aliases!.push('Sharp S.p.A.');
      folder.write(kbName, JSON.stringify(kb, null, 2));
      folder.write(article, text);
    });
    const uri = ws.uriOf(article);
    await s.open(uri, text);
    const edit = await s.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(text, 'Sharp S.p.A.', 0, 2), newName: 'Sharp Italia' });
    const change = (edit.documentChanges as TextDocumentEdit[]).find((c) => c.textDocument.uri === uri)!;
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, text), change.edits as TextEdit[]);
    assert.equal(after, '---\nlang: de\n---\nSharp in Italien\n\nDer Vertrag liegt bei Sharp Italia. Die Sharp Italia hat zugestimmt.\n');
  });

  test('rename refusals answer RequestFailed (-32803) with the reason: a name taken, too short, a broken knowledge base', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const uri = ws.uriOf(seed000);
    const text = ws.read(seed000);
    await s.open(uri, text);
    const position = positionOf(text, 'Huawei', 0, 2);
    const rename = (newName: string) => s.request('textDocument/rename', { textDocument: { uri }, position, newName });
    await assert.rejects(rename('Xiaomi'), { code: requestFailed, message: /already names Xiaomi \(xiaomi\)/ });
    await assert.rejects(rename(' X '), { code: requestFailed, message: /at least two characters on one line/ });
    await assert.rejects(rename('Hua\nwei'), { code: requestFailed, message: /at least two characters on one line/ });

    const kbUri = ws.uriOf(kbName);
    await s.open(kbUri, ws.read(kbName).replace('"name": "Wetzlar"', '"name": "Wetzlar",,'), 1, 'json');
    await s.waitForDiagnostics(kbUri, { predicate: (ds) => ds.length > 0 });
    await assert.rejects(rename('Huawei Technologies'), { code: requestFailed, message: /knowledge base has errors/ });
    assert.ok(s.alive, 'the server is still running');
  });

  test('document symbols, workspace symbols, completion and semantic tokens', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const uri = ws.uriOf(seed003);
    const text = ws.read(seed003);
    await s.open(uri, text);
    const symbols = await s.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols[0].detail, 'title');
    const names = symbols.slice(1).map((x) => x.name);
    assert.deepEqual(names.slice(0, 2), ['Xiaomi', 'Leica Camera AG']);
    assert.ok(names.includes('Lei Jun'), `names.includes('Lei Jun')`);

    const workspaceSymbols = await s.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'peki' });
    assert.deepEqual(workspaceSymbols.map((x) => x.name), ['Peking']);

    const completion = await s.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'Xiaomi e Lecia', 0, 3) });
    const labels = completion.items.map((i) => i.label);
    assert.ok(labels.includes('Xiaomi') && labels.includes('Xiaomi 12 Ultra'), labels.join());
    assert.ok(labels.every((l) => l.toLowerCase().startsWith('xia')), 'only names starting with the typed prefix');

    const tokens = await s.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.equal(tokens.data.length % 5, 0);
    assert.ok(tokens.data.length / 5 >= 10, 'a token per mention');
  });

  test('an editor restored at start-up, asked for before the first scan, still gets its semantic tokens and symbols', { timeout: testTimeout }, async (t) => {
    // VS Code opens the editors it restores and asks for their tokens at once, while the server is still asking
    // for settings and scanning the folders; it does not ask again for an answer it got.
    const { ws, s } = startSession(t);
    await s.initialize();
    const uri = ws.uriOf(seed000);
    await s.open(uri, ws.read(seed000));
    const [tokens, symbols] = await Promise.all([
      s.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } }),
      s.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }),
    ]);
    assert.ok(tokens.data.length / 5 >= 10, `a token per mention, got ${tokens.data.length / 5}`);
    assert.ok(symbols.some((symbol) => symbol.name === 'Leica Camera AG'), JSON.stringify(symbols.map((symbol) => symbol.name)));
    await s.waitForCorpusAnalysed();
  });

  test('an entity added to the knowledge base: the editor is asked to fetch the semantic tokens again, and they name it', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const uri = ws.uriOf(seed000);
    const text = ws.read(seed000);
    await s.open(uri, text);
    const tokenCount = async () => (await s.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } })).data.length / 5;
    const before = await tokenCount();
    const mark = s.mark();
    const kb = JSON.parse(ws.read(kbName)) as { entities: Array<Record<string, unknown>> };
    kb.entities.push({ id: 'gruppenbild', name: 'Gruppenbild', type: 'other' });
    ws.write(kbName, JSON.stringify(kb, null, 2));
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uriOf(kbName), type: 2 }] });
    await s.waitFor('workspace/semanticTokens/refresh', () => true, { since: mark });
    assert.equal(await tokenCount(), before + (text.match(/\bGruppenbild\b/g) ?? []).length);
  });

  test('Entities view requests: counts per entity, mentions with context, the knowledge-base location', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const { entities } = await s.request<EntitiesResult>(entitiesRequest.method);
    const leica = entities.find((e) => e.id === 'leica-camera')!;
    assert.equal(leica.articles, 5);
    assert.ok(leica.mentions > 20, 'leica.mentions > 20');
    const mentions = await s.request<EntityMention[]>(entityMentionsRequest.method, { id: 'wetzlar' });
    assert.equal(mentions.length, 1);
    assert.equal(mentions[0].uri, ws.uriOf(seed000));
    assert.match(mentions[0].context, /aus Wetzlar nun/);
    const location = await s.request<Location>(entityLocationRequest.method, { id: 'wetzlar' });
    assert.equal(location.uri, ws.uriOf(kbName));
    assert.equal(await s.request(entityLocationRequest.method, { id: 'no-such-entity' }), null);
  });

  test('misspelling and case diagnostics with fixes; "Add to knowledge base" edits entities.json', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const d003 = s.diagnostics.get(ws.uriOf(seed003))!.diagnostics;
    const misspelling = d003.find((d) => d.code === 'entity-misspelling')!;
    assert.equal(TextDocument.create('', '', 0, ws.read(seed003)).getText(misspelling.range), 'Lecia');
    const d002 = s.diagnostics.get(ws.uriOf(seed002))!.diagnostics;
    assert.ok(d002.some((d) => d.code === 'entity-case' && messageOf(d).includes('SHARP')), `d002.some((d) => d.code === 'entity-case' && messageOf(d).includes('SHARP'))`);

    // A new article naming a phone the knowledge base does not know.
    const name = '005_0123456789abcdef.txt';
    const uri = ws.write(name, '---\nlang: de\n---\nNeues von Leica\n\nIn Japan kommt bald das Leitz Phone 2 auf den Markt.\n');
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    const published = await s.waitForDiagnostics(uri, { predicate: (ds) => ds.some((d) => d.code === 'entity-unknown') });
    const unknown = published.diagnostics.find((d) => d.code === 'entity-unknown')!;
    await s.open(uri, ws.read(name));
    const actions = (await s.codeActions(uri, unknown.range, [unknown])).filter(isCodeAction) as CodeAction[];
    const add = actions.find((a) => a.title === 'Add “Leitz Phone 2” to the knowledge base')!;
    const kbEdits = add.edit!.changes![ws.uriOf(kbName)];
    const kbText = TextDocument.applyEdits(TextDocument.create('', 'json', 0, ws.read(kbName)), kbEdits);
    const added = (JSON.parse(kbText).entities as Array<{ id: string; type: string; sources: string[] }>).at(-1)!;
    assert.deepEqual({ id: added.id, type: added.type, sources: added.sources }, { id: 'leitz-phone-2', type: 'product', sources: [name] });
  });

  test('knowledge-base problems: broken JSON mid-edit keeps the last good version; a shared alias is reported', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const kbUri = ws.uriOf(kbName);
    const good = ws.read(kbName);
    await s.open(kbUri, good, 1, 'json');
    const clean = await s.waitForDiagnostics(kbUri);
    assert.deepEqual(clean.diagnostics, []);

    const broken = good.replace('"name": "Wetzlar"', '"name": "Wetzlar",,');
    await s.replaceAll(kbUri, 2, broken);
    const reported = await s.waitForDiagnostics(kbUri, { predicate: (ds) => ds.length > 0 });
    const problem = reported.diagnostics[0] as Diagnostic;
    assert.match(messageOf(problem), /^Invalid JSON: .*The last valid version stays in use\.$/);
    assert.equal(problem.severity, 1);

    // Entities still work from the last good version.
    const article = ws.uriOf(seed000);
    await s.open(article, ws.read(seed000));
    const hover = await s.request<Hover>('textDocument/hover', { textDocument: { uri: article }, position: positionOf(ws.read(seed000), 'Wetzlar') });
    assert.match((hover.contents as MarkupContent).value, /\*\*Wetzlar\*\*/);

    const sharedAlias = good.replace('"name": "Wetzlar"', '"name": "Wetzlar", "aliases": ["Sharp"]');
    await s.replaceAll(kbUri, 3, sharedAlias);
    const shared = await s.waitForDiagnostics(kbUri, { predicate: (ds) => ds.some((d) => messageOf(d).includes('already names')) });
    const clash = shared.diagnostics.find((d) => messageOf(d).includes('already names'))!;
    assert.equal(TextDocument.create('', 'json', 0, sharedAlias).getText(clash.range), '"Sharp"');
    assert.ok(s.alive, 'the server is still running');
  });
});
