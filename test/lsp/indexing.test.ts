// The corpus pass: progress "Indexing seeds: n / N", and the analysis cache in the folder the client gives —
// used when it matches the files, ignored when it is stale or corrupt.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Location, LogMessageParams } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisThreadsEndedLog, cacheWrittenLog, entitiesRequest, type EntitiesResult, type SeedCorpusInitializationOptions } from '../../server/src/protocol';
import { readCache, readCacheRecords, writeCache, writeCacheRecords } from '../shared/cacheFile';
import { codesOf, LspSession, makeWorkspace, type TempWorkspace } from './lspClient';

const title = 'Indexing seeds';

function cacheFileIn(folder: string): string {
  const files = fs.readdirSync(folder).filter((f) => f.startsWith('analysis-') && f.endsWith('.cache'));
  assert.equal(files.length, 1, `one cache file in ${folder}: ${files.join(', ')}`);
  return path.join(folder, files[0]);
}

/** A server on `ws` with the cache folder; resolves after its first corpus pass and a clean shutdown. */
async function indexOnce(ws: TempWorkspace, cacheFolder: string): Promise<LspSession> {
  const session = LspSession.start(ws.root);
  try {
    await session.initialize({ initializationOptions: { cacheFolder }, workDoneProgress: true });
    await session.waitForCorpusAnalysed();
  } finally {
    await session.dispose();
  }
  return session;
}

test('the corpus pass reports progress "Indexing seeds: n / N" from begin to end', async (t) => {
  const ws = makeWorkspace();
  t.after(() => ws.cleanup());
  const session = LspSession.start(ws.root);
  t.after(() => session.dispose());
  await session.initialize({ workDoneProgress: true });
  await session.waitForCorpusAnalysed();
  const progress = session.log.filter((m) => m.method === '$/progress').map((m) => m.params.value);
  assert.equal(progress[0]?.kind, 'begin');
  assert.equal(progress[0].title, title);
  assert.equal(progress[0].message, `0 / ${ws.articles.length}`);
  const reports = progress.filter((v) => v.kind === 'report');
  assert.equal(reports.at(-1)?.message, `${ws.articles.length} / ${ws.articles.length}`);
  assert.equal(reports.at(-1)?.percentage, 100);
  assert.equal(progress.at(-1)?.kind, 'end');
});

/** A workspace and an empty cache folder, both removed after the test. */
function workspaceWithCache(t: { after(fn: () => void): void }): { ws: TempWorkspace; cacheFolder: string } {
  const ws = makeWorkspace();
  const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-corpus-cache-'));
  t.after(() => {
    ws.cleanup();
    fs.rmSync(cacheFolder, { recursive: true, force: true });
  });
  return { ws, cacheFolder };
}

test('the analysis cache: written on shutdown, used when hashes match, ignored when stale or corrupt', async (t) => {
  const { ws, cacheFolder } = workspaceWithCache(t);
  const first = await indexOnce(ws, cacheFolder);
  const file = cacheFileIn(cacheFolder);
  // The same cache as an earlier build wrote it (format 1, one JSON document): the next write removes it.
  const legacy = file.replace(/\.cache$/, '.json');
  fs.writeFileSync(legacy, '{"format": 1, "build": "old", "entries": {}}');
  const cache = readCache(file);
  assert.deepEqual([...cache.entries.keys()].sort(), ws.articles.map((a) => ws.pathOf(a)).sort());

  // An entry whose hash and signature match is trusted as it stands: mark one to see it come back.
  const [name] = ws.articles;
  const entry = cache.entries.get(ws.pathOf(name))!;
  assert.ok(entry.summary.findings.length > 0, `${name} has findings in the cache`);
  entry.summary.findings[0].message = 'from the cache';
  writeCache(file, cache);
  const written = fs.statSync(file).mtimeMs;
  const second = await indexOnce(ws, cacheFolder);
  assert.equal(fs.statSync(file).mtimeMs, written, 'a start that found every hash unchanged does not write the cache again');
  assert.equal(second.diagnostics.get(ws.uriOf(name))?.diagnostics[0].message, 'from the cache');
  for (const other of ws.articles.slice(1)) assert.deepEqual(second.diagnostics.get(ws.uriOf(other))?.diagnostics, first.diagnostics.get(ws.uriOf(other))?.diagnostics);

  // The file changed on disk: its entry is stale and it is analysed again.
  ws.write(name, ws.read(name) + '\nNeuer Absatz mit  zwei Leerzeichen.\n');
  const third = await indexOnce(ws, cacheFolder);
  assert.ok(!fs.existsSync(legacy), 'the next write of the cache removed its format-1 file');
  const published = third.diagnostics.get(ws.uriOf(name))!.diagnostics;
  assert.ok(!published.some((d) => d.message === 'from the cache'), `!published.some((d) => d.message === 'from the cache')`);
  assert.ok(codesOf(published).includes('multiple-spaces'), `codesOf(published).includes('multiple-spaces')`);

  // A corrupt cache is ignored: every article is analysed afresh, with the same findings as without a cache.
  fs.writeFileSync(file, '{"format": 3, "build": "x"}\n["');
  const fourth = await indexOnce(ws, cacheFolder);
  for (const article of ws.articles) assert.deepEqual(fourth.diagnostics.get(ws.uriOf(article))?.diagnostics, third.diagnostics.get(ws.uriOf(article))?.diagnostics);
  assert.equal(readCache(cacheFileIn(cacheFolder)).entries.size, ws.articles.length, 'the cache was rewritten whole');

  // A damaged record costs its own article only; the others still come from the cache.
  const rewritten = readCache(file);
  rewritten.entries.get(ws.pathOf(ws.articles[1]))!.summary.findings[0].message = 'from the cache';
  writeCache(file, rewritten);
  const records = readCacheRecords(file);
  const damaged = records.findIndex(({ json }) => json.startsWith(JSON.stringify([ws.pathOf(name)]).slice(0, -1)));
  records[damaged] = { ...records[damaged], json: records[damaged].json.slice(0, 40) };
  writeCacheRecords(file, records);
  const fifth = await indexOnce(ws, cacheFolder);
  assert.deepEqual(fifth.diagnostics.get(ws.uriOf(name))?.diagnostics, third.diagnostics.get(ws.uriOf(name))?.diagnostics);
  assert.equal(fifth.diagnostics.get(ws.uriOf(ws.articles[1]))?.diagnostics[0].message, 'from the cache');

  // A summary block that does not hold together (other bytes) costs its own article only, too.
  const blocks = readCache(file);
  blocks.entries.get(ws.pathOf(ws.articles[1]))!.block = Buffer.from('not a summary block');
  writeCache(file, blocks);
  const sixth = await indexOnce(ws, cacheFolder);
  assert.deepEqual(sixth.diagnostics.get(ws.uriOf(ws.articles[1]))?.diagnostics, third.diagnostics.get(ws.uriOf(ws.articles[1]))?.diagnostics);
});

test('after a pass the analysis threads end without waiting for their idle time, and the cache is written after their end', async (t) => {
  const { ws, cacheFolder } = workspaceWithCache(t);
  const session = LspSession.start(ws.root);
  t.after(() => session.dispose());
  // Idle for longer than the test may wait: the threads end because the pass left them nothing to do. A write that
  // did not wait for them (2 s after the pass) would come first.
  await session.initialize({ initializationOptions: { cacheFolder, analysisThreadsIdleMs: 600_000 } satisfies SeedCorpusInitializationOptions });
  await session.waitForCorpusAnalysed();
  await session.waitFor<LogMessageParams>('window/logMessage', (params) => params.message.startsWith(cacheWrittenLog));
  const logs = session.log.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as LogMessageParams).message);
  const ended = logs.findIndex((message) => message.startsWith(analysisThreadsEndedLog));
  const written = logs.findIndex((message) => message.startsWith(cacheWrittenLog));
  assert.ok(ended !== -1 && ended < written, `the threads ended before the write: ${JSON.stringify(logs)}`);
  assert.deepEqual([...readCache(cacheFileIn(cacheFolder)).entries.keys()].sort(), ws.articles.map((a) => ws.pathOf(a)).sort());
});

test('the analysis cache of an earlier format is ignored, and removed or replaced by the next save', async (t) => {
  const { ws, cacheFolder } = workspaceWithCache(t);
  const first = await indexOnce(ws, cacheFolder);
  const file = cacheFileIn(cacheFolder);
  const current = readCache(file);
  assert.equal(current.header.format, 6);
  // The same entries, each marked to show whether it was used: under a header of format 3 in this file, and as
  // format 3's JSON Lines in the file it had beside it.
  const marked = new Map([...current.entries].map(([article, entry]) => [article, { ...entry, summary: { ...entry.summary, findings: [{ ruleId: 'x', severity: 'error', message: 'from format 3', span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] } }]));
  writeCache(file, { header: { ...current.header, format: 3 }, entries: marked });
  const jsonLines = file.replace(/\.cache$/, '.jsonl');
  fs.writeFileSync(jsonLines, [{ ...current.header, format: 3 }, ...[...marked].map(([article, { block, ...entry }]) => [article, { ...entry, summary: { ...entry.summary, data: block.toString('base64') } }])].map((line) => JSON.stringify(line) + '\n').join(''));
  const second = await indexOnce(ws, cacheFolder);
  for (const article of ws.articles) assert.deepEqual(second.diagnostics.get(ws.uriOf(article))?.diagnostics, first.diagnostics.get(ws.uriOf(article))?.diagnostics);
  const replaced = readCache(cacheFileIn(cacheFolder));
  assert.equal(replaced.header.format, 6, 'the next save wrote format 6 over it');
  assert.equal(replaced.entries.size, ws.articles.length);
  assert.ok(!fs.existsSync(jsonLines), 'and removed the JSON Lines of format 3');
});

test('a warm start answers from every article at once: requests right after its pass see what a cold start’s see', async (t) => {
  const { ws, cacheFolder } = workspaceWithCache(t);
  const name = '002_4d1a318a818ef0be.txt';
  // The entities with their counts, and the references of an entity named in every seed but one, asked for as soon
  // as the pass is announced: a warm start indexes the summaries it found unchanged after that, or at such a read.
  const askedAtOnce = async () => {
    const session = LspSession.start(ws.root);
    try {
      await session.initialize({ initializationOptions: { cacheFolder } });
      await session.waitForCorpusAnalysed();
      const { entities } = await session.request<EntitiesResult>(entitiesRequest.method);
      const text = ws.read(name);
      await session.open(ws.uriOf(name), text, 1, 'seed-article');
      const references = await session.request<Location[]>('textDocument/references', { textDocument: { uri: ws.uriOf(name) }, position: TextDocument.create(ws.uriOf(name), 'seed-article', 1, text).positionAt(text.indexOf('Leica') + 1), context: { includeDeclaration: false } });
      return { entities, references };
    } finally {
      await session.dispose();
    }
  };
  const cold = await askedAtOnce();
  assert.ok(cold.references.length > 5, `${cold.references.length} references`);
  assert.ok(readCache(cacheFileIn(cacheFolder)).entries.size > 0, 'the cold start wrote the cache');
  assert.deepEqual(await askedAtOnce(), cold);
});

test('a warm start publishes the problems of a knowledge base the cache vouches for, which it parses after its pass', async (t) => {
  const { ws, cacheFolder } = workspaceWithCache(t);
  // An unknown key is a warning: the knowledge base is still read, and the cache's analyses are made with it.
  const kb = JSON.parse(ws.read('entities.json')) as { entities: Array<Record<string, unknown>> };
  kb.entities[0].colour = 'red';
  ws.write('entities.json', JSON.stringify(kb, null, 2));
  const problemsOf = async () => {
    const session = LspSession.start(ws.root);
    try {
      await session.initialize({ initializationOptions: { cacheFolder } });
      await session.waitForCorpusAnalysed();
      const published = await session.waitForDiagnostics(ws.uriOf('entities.json'), { predicate: (diagnostics) => diagnostics.length > 0 });
      return published.diagnostics.map(({ range, severity, message }) => ({ range, severity, message }));
    } finally {
      await session.dispose();
    }
  };
  const cold = await problemsOf();
  assert.ok(cold.some((d) => String(d.message).includes('Unknown key "colour"')), JSON.stringify(cold));
  assert.ok(readCache(cacheFileIn(cacheFolder)).entries.size > 0, 'the cold start wrote the cache');
  assert.deepEqual(await problemsOf(), cold);
});
