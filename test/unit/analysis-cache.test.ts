// The analysis cache on disk (server/src/analysisCache.ts), format 3: packed summaries come back with every field;
// another build's file, a format-2 file, a corrupt file or a damaged line are never trusted; a save replaces the
// file atomically and removes the format-1 file beside it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { cacheFileFor, loadAnalysisCache, saveAnalysisCache, saveAnalysisCacheInThread, type CachedAnalysis } from '../../server/src/analysisCache';
import { analyzeArticle } from '../../server/src/core/analyze';
import { mergeConfig } from '../../server/src/core/config';
import { compileKnowledgeBase } from '../../server/src/core/entities/catalog';
import { readKnowledgeBase } from '../../server/src/core/entities/knowledge-base';
import { summarise } from '../../server/src/fileSummary';

const seeds = path.join(__dirname, '..', '..', 'seeds');
/** The thread the server writes the cache with (built by `npm run build`). */
const writerScript = path.join(__dirname, '..', '..', 'dist', 'analysisCacheWriter.js');
const catalog = compileKnowledgeBase(readKnowledgeBase(fs.readFileSync(path.join(seeds, 'entities.json'), 'utf8')).knowledgeBase!);
const config = mergeConfig(JSON.parse(fs.readFileSync(path.join(seeds, 'seed-corpus.json'), 'utf8')));
const articles = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).map((name) => path.join(seeds, name));

function entries(): Map<string, CachedAnalysis> {
  return new Map(
    articles.map((file, i) => {
      const analysis = analyzeArticle({ bytes: fs.readFileSync(file), file: { name: path.basename(file), entities: catalog } }, config, { events: true });
      return [file, { hash: `hash ${i}`, signature: 'signature', summary: summarise(analysis) }];
    }),
  );
}

function tempFolder(t: { after(fn: () => void): void }): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-corpus-cache-unit-'));
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
  return folder;
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('analysis cache', () => {
  test('a round trip gives every entry back, each summary with the same fields', async (t) => {
    const file = cacheFileFor(tempFolder(t), ['/w']);
    const saved = entries();
    await saveAnalysisCache(file, 'build', saved);
    const loaded = await loadAnalysisCache(file, 'build');
    assert.deepEqual([...loaded.keys()], [...saved.keys()]);
    for (const [article, entry] of saved) {
      const back = loaded.get(article)!;
      assert.equal(back.hash, entry.hash);
      assert.equal(back.signature, entry.signature);
      assert.deepEqual(plain(back.summary), plain(entry.summary), article);
      assert.ok(back.summary.events.length + back.summary.mentions.length > 0 || entry.summary.events.length + entry.summary.mentions.length === 0);
    }
    assert.deepEqual(fs.readdirSync(path.dirname(file)), [path.basename(file)], 'no temporary file left');
  });

  test('written by the writing thread, in batches, the file is byte for byte the one written here', async (t) => {
    const folder = tempFolder(t);
    const seeds = [...entries().values()];
    // More entries than fit in the batches the thread may hold at once, so the sender waits for its answers.
    const many = new Map(Array.from({ length: 1234 }, (_, i): [string, CachedAnalysis] => [`/w/${i}.txt`, seeds[i % seeds.length]]));
    const here = cacheFileFor(folder, ['/here']);
    const there = cacheFileFor(folder, ['/there']);
    await saveAnalysisCache(here, 'build', many);
    await saveAnalysisCacheInThread(there, 'build', many, writerScript);
    assert.ok(fs.readFileSync(there).equals(fs.readFileSync(here)));
    assert.deepEqual(fs.readdirSync(folder).sort(), [path.basename(here), path.basename(there)].sort(), 'no temporary file left');
  });

  test('a write the thread cannot make fails with its reason and leaves nothing behind', async (t) => {
    const folder = tempFolder(t);
    const blocker = path.join(folder, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    await assert.rejects(saveAnalysisCacheInThread(path.join(blocker, 'analysis.jsonl'), 'build', entries(), writerScript), /ENOTDIR|EEXIST/);
    // A file in the way of the final name: the rename fails after every line is written; the temporary file goes.
    const file = cacheFileFor(folder, ['/w']);
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'inside'), '');
    await assert.rejects(saveAnalysisCacheInThread(file, 'build', entries(), writerScript), /EISDIR|ENOTEMPTY|EEXIST/);
    assert.deepEqual(fs.readdirSync(folder).sort(), [path.basename(blocker), path.basename(file)].sort());
    await assert.rejects(saveAnalysisCacheInThread(cacheFileFor(folder, ['/x']), 'build', entries(), path.join(folder, 'no-such-script.js')));
  });

  test('a file of many megabytes: lines across the reads of a megabyte come back whole', async (t) => {
    const file = cacheFileFor(tempFolder(t), ['/w']);
    const seeds = [...entries().values()];
    const many = new Map(Array.from({ length: 1500 }, (_, i): [string, CachedAnalysis] => [`/w/${i}.txt`, seeds[i % seeds.length]]));
    await saveAnalysisCache(file, 'build', many);
    assert.ok(fs.statSync(file).size > 3 * (1 << 20), `${fs.statSync(file).size} bytes`);
    const loaded = await loadAnalysisCache(file, 'build');
    assert.deepEqual([...loaded.keys()], [...many.keys()]);
    for (const [article, entry] of many) assert.deepEqual(plain(loaded.get(article)!.summary), plain(entry.summary), article);
  });

  test('another build, a format-2 file, a missing or corrupt file: nothing is trusted', async (t) => {
    const folder = tempFolder(t);
    const file = cacheFileFor(folder, ['/w']);
    assert.equal((await loadAnalysisCache(file, 'build')).size, 0, 'no file');
    await saveAnalysisCache(file, 'build', entries());
    assert.equal((await loadAnalysisCache(file, 'other build')).size, 0, 'another build');
    const [header, ...lines] = fs.readFileSync(file, 'utf8').split('\n');
    assert.equal(JSON.parse(header).format, 3);
    fs.writeFileSync(file, [JSON.stringify({ format: 2, build: 'build' }), ...lines].join('\n'));
    assert.equal((await loadAnalysisCache(file, 'build')).size, 0, 'format 2');
    for (const corrupt of ['', '{', 'null', '{"format": 3, "build": "build"}\n["', '\u0000\u0001']) {
      fs.writeFileSync(file, corrupt);
      assert.equal((await loadAnalysisCache(file, 'build')).size, 0, JSON.stringify(corrupt));
    }
  });

  test('a damaged line, or an entry whose block does not hold together, loses its own article only', async (t) => {
    const file = cacheFileFor(tempFolder(t), ['/w']);
    await saveAnalysisCache(file, 'build', entries());
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1].slice(0, 40);
    const third = JSON.parse(lines[3]);
    third[1].summary.data = third[1].summary.data.slice(0, -8);
    lines[3] = JSON.stringify(third);
    const fourth = JSON.parse(lines[4]);
    fourth[1].summary.strings = fourth[1].summary.strings.slice(0, 1);
    lines[4] = JSON.stringify(fourth);
    // An index past the header's strings.
    const fifth = JSON.parse(lines[5]);
    fifth[1].summary.strings[0] = JSON.parse(lines[0]).strings.length;
    lines[5] = JSON.stringify(fifth);
    fs.writeFileSync(file, lines.join('\n'));
    const loaded = await loadAnalysisCache(file, 'build');
    assert.deepEqual([...loaded.keys()], articles.filter((_, i) => ![0, 2, 3, 4].includes(i)));
    // A header without its strings: nothing can be read.
    fs.writeFileSync(file, [JSON.stringify({ ...JSON.parse(lines[0]), strings: [1] }), ...lines.slice(1)].join('\n'));
    assert.equal((await loadAnalysisCache(file, 'build')).size, 0);
  });

  test('each string is in the file once, in the header', async (t) => {
    const file = cacheFileFor(tempFolder(t), ['/w']);
    const saved = entries();
    await saveAnalysisCache(file, 'build', saved);
    const [header, ...lines] = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
    const { strings } = JSON.parse(header) as { strings: string[] };
    assert.equal(new Set(strings).size, strings.length);
    assert.ok(strings.includes('leica-camera') && strings.includes('signature'));
    for (const line of lines) {
      const [, entry] = JSON.parse(line) as [string, { signature: unknown; summary: { strings: unknown[] } }];
      assert.equal(typeof entry.signature, 'number');
      assert.ok(entry.summary.strings.every((index) => typeof index === 'number'), 'an entry names strings by index');
    }
  });

  test('a save replaces the file whole and removes the format-1 file beside it', async (t) => {
    const folder = tempFolder(t);
    const file = cacheFileFor(folder, ['/w']);
    const legacy = file.replace(/\.jsonl$/, '.json');
    fs.writeFileSync(legacy, '{"format": 1, "build": "old", "entries": {}}');
    fs.writeFileSync(file, `${JSON.stringify({ format: 2, build: 'build' })}\n["/gone", {}]\n`);
    const all = entries();
    const [first] = all.keys();
    await saveAnalysisCache(file, 'build', new Map([[first, all.get(first)!]]));
    assert.ok(!fs.existsSync(legacy));
    assert.deepEqual([...(await loadAnalysisCache(file, 'build')).keys()], [first]);
    assert.equal(fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').length, 2);
  });

  test('a save removes the temporary files of writes killed midway, an hour old, and leaves a recent one alone', async (t) => {
    const folder = tempFolder(t);
    const file = cacheFileFor(folder, ['/w']);
    const old = `${file}.123.tmp`;
    const recent = `${file}.456.tmp`;
    const other = path.join(folder, 'other.jsonl.789.tmp');
    for (const leftover of [old, recent, other]) fs.writeFileSync(leftover, 'half a cache');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    fs.utimesSync(other, twoHoursAgo, twoHoursAgo);
    await saveAnalysisCache(file, 'build', entries());
    assert.deepEqual(fs.readdirSync(folder).sort(), [path.basename(file), path.basename(recent), path.basename(other)].sort());
  });
});
