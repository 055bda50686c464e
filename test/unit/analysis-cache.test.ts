// The analysis cache on disk (server/src/analysisCache.ts), format 6: packed summaries come back with every field;
// another build's file, an earlier format's file, a corrupt file or a damaged record are never trusted; a save
// replaces the file atomically and removes the files of earlier formats beside it.
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
import { CompactSummary, packSummary, summarise } from '../../server/src/fileSummary';
import { cacheRecord, readCache, readCacheRecords, writeCacheRecords } from '../shared/cacheFile';

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
      // As the threads send them (with the language report), and as the server summarises an open document (without).
      return [file, { hash: `hash ${i}`, signature: 'signature', summary: i % 2 === 0 ? new CompactSummary(packSummary(analysis, config)) : summarise(analysis) }];
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
      assert.deepEqual(back.summary.language, entry.summary.language);
      assert.ok(back.summary.events.length + back.summary.mentions.length > 0 || entry.summary.events.length + entry.summary.mentions.length === 0, 'back.summary.events.length + back.summary.mentions.length > 0 || entry.summary.events.length + entry.summary.mentions.length === 0');
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
    assert.ok(fs.readFileSync(there).equals(fs.readFileSync(here)), 'fs.readFileSync(there).equals(fs.readFileSync(here))');
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

  test('a file of many megabytes: records across the reads of a megabyte come back whole', async (t) => {
    const file = cacheFileFor(tempFolder(t), ['/w']);
    const seeds = [...entries().values()];
    const many = new Map(Array.from({ length: 1500 }, (_, i): [string, CachedAnalysis] => [`/w/${i}.txt`, seeds[i % seeds.length]]));
    await saveAnalysisCache(file, 'build', many);
    assert.ok(fs.statSync(file).size > 3 * (1 << 20), `${fs.statSync(file).size} bytes`);
    const loaded = await loadAnalysisCache(file, 'build');
    assert.deepEqual([...loaded.keys()], [...many.keys()]);
    for (const [article, entry] of many) assert.deepEqual(plain(loaded.get(article)!.summary), plain(entry.summary), article);
  });

  test('another build, an earlier format, a missing or corrupt file: nothing is trusted', async (t) => {
    const folder = tempFolder(t);
    const file = cacheFileFor(folder, ['/w']);
    assert.equal((await loadAnalysisCache(file, 'build')).size, 0, 'no file');
    await saveAnalysisCache(file, 'build', entries());
    assert.equal((await loadAnalysisCache(file, 'other build')).size, 0, 'another build');
    const [header, ...records] = readCacheRecords(file);
    assert.equal(JSON.parse(header.json).format, 6);
    writeCacheRecords(file, [{ json: JSON.stringify({ ...JSON.parse(header.json), format: 3 }), block: header.block }, ...records]);
    assert.equal((await loadAnalysisCache(file, 'build')).size, 0, 'format 3');
    // Format 3's JSON Lines, under this build.
    fs.writeFileSync(file, `${JSON.stringify({ format: 3, build: 'build', strings: [] })}\n["/w/a.txt", {}]\n`);
    assert.equal((await loadAnalysisCache(file, 'build')).size, 0, 'JSON Lines');
    const huge = Buffer.alloc(8);
    huge.writeUInt32LE(0xffffffff, 0);
    const corrupt = ['', '{', 'null', '\u0000\u0001', huge, cacheRecord({ json: '{"format": 4, "build": "build"}', block: Buffer.alloc(0) }), cacheRecord({ json: 'null', block: Buffer.alloc(0) }), cacheRecord(header).subarray(0, 100)];
    for (const bytes of corrupt) {
      fs.writeFileSync(file, bytes);
      assert.equal((await loadAnalysisCache(file, 'build')).size, 0, JSON.stringify(bytes));
    }
  });

  test('a damaged record, or an entry whose block does not hold together, loses its own article only', async (t) => {
    const file = cacheFileFor(tempFolder(t), ['/w']);
    await saveAnalysisCache(file, 'build', entries());
    const records = readCacheRecords(file);
    const header = JSON.parse(records[0].json) as { strings: string[] };
    const entryOf = (index: number) => JSON.parse(records[index].json) as [string, { summary: { strings: number[] } }];
    records[1] = { ...records[1], json: records[1].json.slice(0, 40) };
    records[3] = { ...records[3], block: records[3].block.subarray(0, -8) };
    const fourth = entryOf(4);
    fourth[1].summary.strings = fourth[1].summary.strings.slice(0, 1);
    records[4] = { ...records[4], json: JSON.stringify(fourth) };
    // An index past the header's strings.
    const fifth = entryOf(5);
    fifth[1].summary.strings[0] = header.strings.length;
    records[5] = { ...records[5], json: JSON.stringify(fifth) };
    writeCacheRecords(file, records);
    const loaded = await loadAnalysisCache(file, 'build');
    assert.deepEqual([...loaded.keys()], articles.filter((_, i) => ![0, 2, 3, 4].includes(i)));
    // A header without its strings: nothing can be read.
    writeCacheRecords(file, [{ json: JSON.stringify({ ...JSON.parse(records[0].json), strings: [1] }), block: Buffer.alloc(0) }, ...records.slice(1)]);
    assert.equal((await loadAnalysisCache(file, 'build')).size, 0);
  });

  test('a file cut short keeps the whole records before the cut; a damaged length, the records before it', async (t) => {
    const file = cacheFileFor(tempFolder(t), ['/w']);
    await saveAnalysisCache(file, 'build', entries());
    const records = readCacheRecords(file);
    const whole = fs.readFileSync(file);
    const endOf = (index: number) => records.slice(0, index + 1).reduce((bytes, record) => bytes + cacheRecord(record).byteLength, 0);
    fs.writeFileSync(file, whole.subarray(0, endOf(2) + 20));
    assert.deepEqual([...(await loadAnalysisCache(file, 'build')).keys()], articles.slice(0, 2));
    const lengthDamaged = Buffer.from(whole);
    lengthDamaged.writeUInt32LE(0xfffffff0, endOf(3) + 4);
    fs.writeFileSync(file, lengthDamaged);
    assert.deepEqual([...(await loadAnalysisCache(file, 'build')).keys()], articles.slice(0, 3));
  });

  test('each string is in the file once, in the header', async (t) => {
    const file = cacheFileFor(tempFolder(t), ['/w']);
    const saved = entries();
    await saveAnalysisCache(file, 'build', saved);
    const { header, entries: stored } = readCache(file);
    assert.equal(new Set(header.strings).size, header.strings.length);
    assert.ok(header.strings.includes('leica-camera') && header.strings.includes('signature'), `header.strings.includes('leica-camera') && header.strings.includes('signature')`);
    assert.equal(stored.size, saved.size);
    for (const entry of stored.values()) {
      assert.equal(typeof entry.signature, 'number');
      assert.ok(entry.summary.strings.every((index) => typeof index === 'number'), 'an entry names strings by index');
    }
  });

  test('a save replaces the file whole and removes the files of earlier formats beside it', async (t) => {
    const folder = tempFolder(t);
    const file = cacheFileFor(folder, ['/w']);
    assert.match(file, /\.cache$/);
    const format1 = file.replace(/\.cache$/, '.json');
    const format3 = file.replace(/\.cache$/, '.jsonl');
    fs.writeFileSync(format1, '{"format": 1, "build": "old", "entries": {}}');
    fs.writeFileSync(format3, `${JSON.stringify({ format: 3, build: 'build', strings: [] })}\n`);
    writeCacheRecords(file, [{ json: JSON.stringify({ format: 4, build: 'build', strings: [] }), block: Buffer.alloc(0) }, { json: '["/gone", {}]', block: Buffer.alloc(0) }]);
    const all = entries();
    const [first] = all.keys();
    await saveAnalysisCache(file, 'build', new Map([[first, all.get(first)!]]));
    assert.ok(!fs.existsSync(format1) && !fs.existsSync(format3), '!fs.existsSync(format1) && !fs.existsSync(format3)');
    assert.deepEqual([...(await loadAnalysisCache(file, 'build')).keys()], [first]);
    assert.equal(readCacheRecords(file).length, 2);
  });

  test('a cache file of another name is saved and stays: only a .cache file has earlier formats beside it', async (t) => {
    const file = path.join(tempFolder(t), 'analysis.jsonl');
    await saveAnalysisCache(file, 'build', entries());
    assert.equal((await loadAnalysisCache(file, 'build')).size, articles.length);
  });

  test('a save removes the temporary files of writes killed midway, an hour old, and leaves a recent one alone', async (t) => {
    const folder = tempFolder(t);
    const file = cacheFileFor(folder, ['/w']);
    const old = `${file}.123.tmp`;
    const recent = `${file}.456.tmp`;
    const other = path.join(folder, 'other.cache.789.tmp');
    for (const leftover of [old, recent, other]) fs.writeFileSync(leftover, 'half a cache');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    fs.utimesSync(other, twoHoursAgo, twoHoursAgo);
    await saveAnalysisCache(file, 'build', entries());
    assert.deepEqual(fs.readdirSync(folder).sort(), [path.basename(file), path.basename(recent), path.basename(other)].sort());
  });
});
