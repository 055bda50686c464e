// Heap per article of the summaries the server keeps, load-independent: analyses the first N articles of a bench
// corpus in this thread, then measures (after gc) the heap and array buffers that N summaries hold, in the plain
// form (objects, as structured-cloned from a thread before the compact summaries) and the compact one (packed,
// cloned, read back), and the analysis cache's bytes per article.
//
//   npx tsx --expose-gc test/bench/summaryMemory.ts [corpus folder] [articles]
//
// Default: the cached 10k corpus of seed 7 (npm run bench makes it), 1000 articles.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { loadAnalysisCache, saveAnalysisCache, type CachedAnalysis } from '../../server/src/analysisCache';
import { analyzeArticle, type Analysis } from '../../server/src/core/analyze';
import { configFor, CorpusResolver } from '../../server/src/corpus';
import { CompactSummary, packSummary, type FileSummary, type PackedSummary } from '../../server/src/fileSummary';
import { MentionIndex } from '../../server/src/mentionIndex';
import { benchRoot } from './generator';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (npx tsx --expose-gc test/bench/summaryMemory.ts)');

/** Heap plus array buffers (a compact summary's block lives outside the heap), after full collections. */
function used(): number {
  for (let i = 0; i < 3; i++) gc!();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** The plain summary as the server kept it before compact summaries (the same fields, as objects; no language report). */
function plainSummary(analysis: Analysis): FileSummary {
  const { findings, mentions, events } = new CompactSummary(packSummary(analysis)).toJSON();
  return JSON.parse(JSON.stringify({ findings, mentions, events })) as FileSummary;
}

async function main(): Promise<void> {
  const folder = process.argv[2] ?? path.join(benchRoot(), '10k-7');
  const count = Number(process.argv[3] ?? 1000);
  const files = readdirSync(folder).filter((f) => f.endsWith('.txt')).sort().slice(0, count).map((f) => path.join(folder, f));
  const { corpus } = await new CorpusResolver([folder]).resolve(files[0]);
  const config = configFor(corpus);
  const started = Date.now();
  // Kept serialised (outside the heap, and the same before and after each measure) until read back.
  const plain: Buffer[] = [];
  const packed: Buffer[] = [];
  // The language report's bytes in the blocks: a block with it less one without.
  let languageBytes = 0;
  for (const file of files) {
    const analysis = analyzeArticle({ bytes: readFileSync(file), file: { name: path.basename(file), corpus: corpus.names, entities: corpus.knowledgeBase?.catalog } }, config, { events: true });
    plain.push(serialize(plainSummary(analysis)));
    const block = packSummary(analysis, config);
    languageBytes += block.data.length - packSummary(analysis).data.length;
    packed.push(serialize(block));
  }
  const analysed = Date.now() - started;

  const before = used();
  let kept: unknown[] = plain.map((b) => deserialize(b) as FileSummary);
  const plainBytes = used() - before;
  kept = [];
  const between = used();
  const compact = packed.map((b) => new CompactSummary(deserialize(b) as PackedSummary));
  const compactBytes = used() - between;
  kept = compact;

  // The mention index over them (what `index()` adds).
  const beforeIndex = used();
  const mentions = new MentionIndex();
  compact.forEach((summary, i) => mentions.set(files[i], summary));
  const indexBytes = used() - beforeIndex;

  // The cache: size, save and load.
  const folderForCache = await mkdtemp(path.join(os.tmpdir(), 'seed-corpus-summary-memory-'));
  try {
    const cacheFile = path.join(folderForCache, 'analysis.cache');
    const entries = new Map<string, CachedAnalysis>(compact.map((summary, i) => [files[i], { hash: 'h'.repeat(40), signature: 's'.repeat(40), summary }]));
    let t = performance.now();
    await saveAnalysisCache(cacheFile, 'build', entries);
    const saveMs = performance.now() - t;
    const size = (await stat(cacheFile)).size;
    t = performance.now();
    const loaded = await loadAnalysisCache(cacheFile, 'build');
    const loadMs = performance.now() - t;
    if (loaded.size !== files.length) throw new Error(`cache loaded ${loaded.size} of ${files.length}`);
    const mentionsPer = compact.reduce((n, s) => n + s.mentions.length, 0) / files.length;
    const eventsPer = compact.reduce((n, s) => n + s.events.length, 0) / files.length;
    const kb = (bytes: number) => `${(bytes / files.length / 1024).toFixed(2)} KB`;
    console.log(`${files.length} articles of ${folder} (analysed in ${(analysed / 1000).toFixed(1)} s; ${mentionsPer.toFixed(1)} mentions, ${eventsPer.toFixed(1)} events per article)`);
    console.log(`heap + array buffers per article: plain ${kb(plainBytes)} (without the language report), compact ${kb(compactBytes)} (of which the language report, ${kb(languageBytes)}); mention index ${kb(indexBytes)}`);
    console.log(`cache per article ${kb(size)}; save ${(saveMs / files.length * 1000).toFixed(0)} µs, load ${(loadMs / files.length * 1000).toFixed(0)} µs per article (with its pauses)`);
  } finally {
    await rm(folderForCache, { recursive: true, force: true });
  }
  if (kept.length !== files.length) throw new Error('lost summaries');
}

void main();
