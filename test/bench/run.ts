/**
 * `npm run bench`: the benchmark of issue 7. Generates (once) synthetic corpora of 1k, 10k and 100k articles
 * with a 20,000-entity knowledge base, drives the real dist/server.js over stdio and dist/cli.js, and reports
 * medians and p95 over repeated runs beside the issue's targets and a floor measured in the same run (reading
 * the files; franc alone). Prints one table and writes the same as JSON (test/bench/results.json).
 *
 *   npm run bench -- [--sizes 1k,10k,100k] [--runs N] [--quick] [--full] [--out file] [--strict]
 *                    [--requests N] [--edits N] [--seed N] [--timeout-min N]
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { franc } from 'franc';
import type { Position } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { KnowledgeBaseFile } from '../../server/src/core/entities/kb';
import {
  timelineEventsRequest,
  timelineGroupsRequest,
  timelinePageSize,
  type TimelineEventsParams,
  type TimelineEventsResult,
  type TimelineGroupsParams,
  type TimelineGroupsResult,
  type TimelinePlace,
} from '../../server/src/protocol';
import { assertBuilt, cliJs, repoRoot, serverJs } from '../lsp/lspClient';
import { BenchServer, MemoryWatch, processMemory } from './client';
import { benchRoot, defaultSeed, ensureCorpus, ensureHugeCorpus, generatorVersion, hash32, knowledgeBaseSize, Rng, sizeLabel, type CorpusInfo } from './generator';
import { formatTable, judge, summarize, type Row, type Summary, type Target } from './report';
import { typingEdits } from './typing';

// -------------------------------------------------------------------------------------------------------------
// Options

interface Options {
  sizes: number[];
  /** Repeats of cold index, warm start, CLI and floors; per size by default. */
  runs?: number;
  quick: boolean;
  /** Interactive measures on every size, 100k included. */
  full: boolean;
  out: string;
  strict: boolean;
  requests: number;
  edits: number;
  hugeRepeats: number;
  seed: number;
  timeoutMs: number;
  /** The bundles measured: a private copy of dist/, so a rebuild during the run changes nothing. */
  serverJs: string;
  cliJs: string;
}

/** Repeats per size when --runs is not given: about 10–15 minutes in all once the server meets its targets. */
const defaultRuns: Record<string, number> = { '1k': 5, '10k': 3, '100k': 1 };
/** Sizes whose first cold server also answers the interactive measures (typing, hover, …) unless --full. */
const interactiveSizes = ['1k', '10k'];

function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(k?)$/i.exec(value.trim());
  if (!m) throw new Error(`--sizes: “${value}” is not a size such as 1k, 10k or 2500`);
  return Math.round(Number(m[1]) * (m[2] ? 1000 : 1));
}

function parseOptions(argv: string[]): Options {
  const options: Options = { sizes: [1000, 10_000, 100_000], quick: false, full: false, out: path.join(repoRoot, 'test', 'bench', 'results.json'), strict: false, requests: 200, edits: 200, hugeRepeats: 5, seed: defaultSeed, timeoutMs: 60 * 60_000, serverJs: '', cliJs: '' };
  let sizesGiven = false;
  const number = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes a positive whole number, not “${value ?? ''}”`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--sizes': options.sizes = value().split(',').map(parseSize); sizesGiven = true; break;
      case '--runs': options.runs = number(flag, value()); break;
      case '--quick': options.quick = true; break;
      case '--full': options.full = true; break;
      case '--out': options.out = path.resolve(value()); break;
      case '--strict': options.strict = true; break;
      case '--requests': options.requests = number(flag, value()); break;
      case '--edits': options.edits = number(flag, value()); break;
      case '--seed': options.seed = number(flag, value()); break;
      case '--timeout-min': options.timeoutMs = number(flag, value()) * 60_000; break;
      case '-h':
      case '--help':
        console.log(fs.readFileSync(__filename, 'utf8').match(/\/\*\*([\s\S]*?)\*\//)![1].replace(/^ \* ?/gm, '').trim());
        process.exit(0);
      default: throw new Error(`unknown option “${argv[i]}” (see --help)`);
    }
  }
  if (options.quick) {
    if (!sizesGiven) options.sizes = [1000];
    options.runs ??= 2;
    options.requests = Math.min(options.requests, 30);
    options.edits = Math.min(options.edits, 20);
    options.hugeRepeats = 1;
  }
  return options;
}

// -------------------------------------------------------------------------------------------------------------
// Measures

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface ServerRun {
  /** From `initialized` to `seedCorpus/corpusAnalysed`. */
  ms: number;
  /** From spawning the process to `seedCorpus/corpusAnalysed`. */
  fromSpawnMs: number;
  /** The pass's own duration as the server reports it. */
  serverDurationMs: number;
  files: number;
  findings: number;
  /** VmHWM at `seedCorpus/corpusAnalysed`. */
  peakRssBytes: number;
  /** VmHWM once the server has written its cache, which it does after the analysis threads end: the whole cold index. */
  peakThroughCacheRssBytes?: number;
  /** The same for the server that answered the interactive measures between the pass and the write. */
  peakWithInteractiveRssBytes?: number;
  /** Resident memory once the analysis threads have ended for want of work (after the interactive measures, if any). */
  idleRssBytes?: number;
  progress: BenchServer['progress'];
  published: number;
}

interface Interactive {
  openMs: number;
  mentionsFound: number;
  typingMs: number[];
  hoverMs: number[];
  definitionMs: number[];
  referencesMs: number[];
  referencesFound: Summary;
  completionMs: number[];
  completionItems: Summary;
  timeline: TimelineMeasures;
}

/** The Corpus Timeline's requests, as the view sends them when a level is expanded or "Show more…" clicked. */
interface TimelineMeasures {
  /** `seedCorpus/timelineGroups` of the whole corpus: its years and Undated. */
  yearsMs: number[];
  /** `seedCorpus/timelineGroups` of a year (picked at random): its months. */
  yearMs: number[];
  /** `seedCorpus/timelineEvents`: a page at a random offset in the corpus's largest month. */
  pageMs: number[];
  /** The years of the events naming an entity of the article. */
  entityYearsMs: number[];
  /** The first page of the largest place (month, events without a month, Undated) of such an entity's busiest year. */
  entityPageMs: number[];
  events: number;
  years: number;
  largestMonth: { year: number; month: number; count: number };
  /** Entities of the article with events, and the median and largest count of their largest place. */
  entities: number;
  entityPlaceEvents: Summary;
}

interface CliRun {
  ms: number;
  exitCode: number | null;
  peakRssBytes: number;
  summary: string;
}

interface SizeResult {
  corpus: CorpusInfo;
  /** Repeats planned (a failed one leaves fewer samples). */
  runs: number;
  cold: ServerRun[];
  warm: ServerRun[];
  cli: CliRun[];
  readFloorMs: number[];
  francFloorMs: number[];
  interactive?: Interactive;
  errors: string[];
}

/** The server's resident memory once its analysis threads have ended for want of work. */
async function idleMemory(server: BenchServer): Promise<number> {
  await server.threadsEnded(120_000);
  const current = processMemory(server.child.pid!).current;
  if (current === undefined) throw new Error('no VmRSS for the server');
  return current;
}

/** Starts a server on the corpus and waits for its first whole-corpus pass; the caller disposes it. */
async function indexCorpus(dir: string, cacheFolder: string, options: Options): Promise<{ server: BenchServer; run: ServerRun }> {
  const spawned = performance.now();
  const server = BenchServer.start(dir, options.serverJs);
  try {
    const analysed = server.nextCorpusAnalysed(options.timeoutMs);
    const initialized = await server.initialize(cacheFolder);
    const done = await analysed;
    return {
      server,
      run: {
        ms: done.at - initialized,
        fromSpawnMs: done.at - spawned,
        serverDurationMs: done.durationMs,
        files: done.files,
        findings: done.findings,
        peakRssBytes: server.peakMemory(),
        progress: { ...server.progress },
        published: server.published,
      },
    };
  } catch (error) {
    await server.dispose();
    throw error;
  }
}

interface Mention {
  start: number;
  end: number;
  id: string;
}

/** Entity mentions in the text, found by scanning capitalised words for knowledge-base names (longest first). */
function findMentions(text: string, kb: KnowledgeBaseFile): Mention[] {
  const byFirstWord = new Map<string, Array<{ name: string; id: string }>>();
  for (const entity of kb.entities) {
    for (const name of new Set([entity.name, ...(entity.aliases ?? []), ...Object.values(entity.localNames ?? {})])) {
      const first = /^[\p{L}\p{N}]+/u.exec(name)?.[0];
      if (!first) continue;
      byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), { name, id: entity.id }]);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.name.length - a.name.length);
  const mentions: Mention[] = [];
  const word = /\p{Lu}[\p{L}\p{N}]*/gu;
  const wordChar = /[\p{L}\p{N}]/u;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    if (m.index > 0 && wordChar.test(text[m.index - 1])) continue;
    const found = byFirstWord.get(m[0])?.find(({ name }) => text.startsWith(name, m!.index) && !wordChar.test(text[m!.index + name.length] ?? ' '));
    if (!found) continue;
    mentions.push({ start: m.index, end: m.index + found.name.length, id: found.id });
    word.lastIndex = m.index + found.name.length;
  }
  return mentions;
}

/** Typing, hover, definition, references, completion and the timeline's requests on the ~100 KB article of an indexed corpus. */
async function measureInteractive(server: BenchServer, corpus: CorpusInfo, options: Options): Promise<Interactive> {
  const file = path.join(corpus.dir, corpus.typingArticle);
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  const timeout = 120_000;
  const firstPublish = server.nextDiagnostics(uri, 1, timeout);
  const opened = performance.now();
  await server.open(uri, text, 1);
  const openMs = (await firstPublish) - opened;

  const kb = JSON.parse(fs.readFileSync(path.join(corpus.dir, 'entities.json'), 'utf8')) as KnowledgeBaseFile;
  const mentions = findMentions(text, kb);
  if (mentions.length === 0) throw new Error(`no knowledge-base name found in ${corpus.typingArticle}`);
  const document = TextDocument.create(uri, 'seed-article', 1, text);
  const rng = new Rng(hash32(options.seed, 0xbe7c));
  const textDocument = { uri };
  const repeat = async (count: number, request: (mention: Mention) => Promise<{ ms: number; size?: number }>) => {
    const ms: number[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const result = await request(rng.pick(mentions));
      ms.push(result.ms);
      if (result.size !== undefined) sizes.push(result.size);
    }
    return { ms, sizes };
  };
  const inside = (m: Mention): Position => document.positionAt(m.start + Math.floor((m.end - m.start) / 2));

  log(`  hover, definition, references, completion: ${options.requests} requests each (${mentions.length} mentions in the article)`);
  const hover = await repeat(options.requests, (m) => server.timed('textDocument/hover', { textDocument, position: inside(m) }));
  const definition = await repeat(options.requests, (m) => server.timed('textDocument/definition', { textDocument, position: inside(m) }));
  const references = await repeat(options.requests, async (m) => {
    const { ms, result } = await server.timed<unknown[] | null>('textDocument/references', { textDocument, position: inside(m), context: { includeDeclaration: true } });
    return { ms, size: result?.length ?? 0 };
  });
  const completion = await repeat(options.requests, async (m) => {
    const position = document.positionAt(m.start + Math.min(3, m.end - m.start - 1));
    const { ms, result } = await server.timed<{ items: unknown[] } | unknown[] | null>('textDocument/completion', { textDocument, position, context: { triggerKind: 1 } });
    return { ms, size: Array.isArray(result) ? result.length : (result?.items.length ?? 0) };
  });
  const timeline = await measureTimeline(server, options.requests, [...new Set(mentions.map((m) => m.id))], rng);

  // Typing: a letter typed at a varied place in a paragraph, then deleted again; each version's diagnostics awaited.
  log(`  typing: ${options.edits} edits, each awaited until its diagnostics are published`);
  const nextEdit = typingEdits(text, rng);
  const typingMs: number[] = [];
  let version = 1;
  for (let i = 0; i < options.edits; i++) {
    const change = nextEdit();
    version++;
    const published = server.nextDiagnostics(uri, version, timeout);
    const sent = performance.now();
    await server.change(uri, version, [change]);
    typingMs.push((await published) - sent);
  }
  await server.close(uri);

  return {
    openMs,
    mentionsFound: mentions.length,
    typingMs,
    hoverMs: hover.ms,
    definitionMs: definition.ms,
    referencesMs: references.ms,
    referencesFound: summarize(references.sizes),
    completionMs: completion.ms,
    completionItems: summarize(completion.sizes),
    timeline,
  };
}

/**
 * `count` requests each of the Corpus Timeline's levels: the corpus's years, a year's months, a page of its largest
 * month at a random offset; an entity's years and the first page of the largest place of its busiest year. The
 * places asked for are found first, untimed.
 */
async function measureTimeline(server: BenchServer, count: number, entities: readonly string[], rng: Rng): Promise<TimelineMeasures> {
  const groups = (params: TimelineGroupsParams) => server.timed<TimelineGroupsResult>(timelineGroupsRequest.method, params);
  const page = (params: TimelineEventsParams) => server.timed<TimelineEventsResult>(timelineEventsRequest.method, params);
  const times = async (request: () => Promise<{ ms: number }>) => {
    const ms: number[] = [];
    for (let i = 0; i < count; i++) ms.push((await request()).ms);
    return ms;
  };
  /** The place with the most events among the groups of the scope's busiest year, a month if `month` (Undated when nothing is dated). */
  const largestPlace = async (entity: string | undefined, month: boolean): Promise<{ place: TimelinePlace; count: number } | undefined> => {
    const top = (await groups({ entity })).result.groups;
    const years = top.flatMap((g) => (g.kind === 'year' ? [g] : [])).sort((a, b) => b.count - a.count);
    if (years.length === 0) return top.length > 0 ? { place: {}, count: top[0].count } : undefined;
    const inYear = (await groups({ entity, year: years[0].year })).result.groups;
    const [largest] = inYear.filter((g) => !month || g.kind === 'month').sort((a, b) => b.count - a.count);
    if (!largest) return undefined;
    if (largest.kind === 'month') return { place: { year: largest.year, month: largest.month }, count: largest.count };
    return largest.kind === 'no-month' ? { place: { year: largest.year }, count: largest.count } : undefined;
  };

  log(`  timeline: ${count} requests each of the years, a year's months, a page of a month, an entity's years and a page`);
  const { result: top } = await groups({});
  const years = top.groups.flatMap((g) => (g.kind === 'year' ? [g.year] : []));
  const largest = await largestPlace(undefined, true);
  if (!largest?.place.month || years.length === 0) throw new Error('the corpus timeline has no month');
  const largestMonth = { year: largest.place.year!, month: largest.place.month, count: largest.count };
  const withEvents: Array<{ entity: string; place: TimelinePlace; count: number }> = [];
  for (const entity of entities.slice(0, 50)) {
    const found = await largestPlace(entity, false);
    if (found) withEvents.push({ entity, ...found });
  }
  if (withEvents.length === 0) throw new Error('no entity of the typing article has a timeline');

  const pages = Math.ceil(largest.count / timelinePageSize);
  return {
    yearsMs: await times(() => groups({})),
    yearMs: await times(() => groups({ year: rng.pick(years) })),
    pageMs: await times(() => page({ place: largest.place, offset: timelinePageSize * rng.int(pages), limit: timelinePageSize })),
    entityYearsMs: await times(() => groups({ entity: rng.pick(withEvents).entity })),
    entityPageMs: await times(() => {
      const { entity, place } = rng.pick(withEvents);
      return page({ entity, place, offset: 0, limit: timelinePageSize });
    }),
    events: top.total,
    years: years.length,
    largestMonth,
    entities: withEvents.length,
    entityPlaceEvents: summarize(withEvents.map((e) => e.count)),
  };
}

function articleFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).map((n) => path.join(dir, n));
}

/** The floor: list the folder, read every article and split it into lines (32 reads in flight). */
async function readFloor(dir: string): Promise<number> {
  const started = performance.now();
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.txt'));
  let next = 0;
  let lines = 0;
  const worker = async () => {
    while (next < files.length) {
      const text = await fs.promises.readFile(path.join(dir, files[next++]), 'utf8');
      lines += text.split('\n').length;
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  if (lines === 0) throw new Error('read floor: no lines read');
  return performance.now() - started;
}

const francOnly = ['deu', 'ita', 'eng', 'fra', 'spa'];

/** The floor of language detection: franc alone on every article's full text (reading not counted). */
function francFloor(dir: string): number {
  let total = 0;
  for (const file of articleFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const started = performance.now();
    franc(text, { only: francOnly });
    total += performance.now() - started;
  }
  return total;
}

async function runCli(dir: string, options: Options): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [options.cliJs, 'check', dir], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  const memory = new MemoryWatch(child.pid!, 50);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  let peak = 0;
  const exitCode = await new Promise<number | null>((resolve) => {
    // The peak is read while the process is still there: at its last output and on the close of stderr.
    child.stderr.on('end', () => (peak = memory.sample()));
    child.on('exit', (code) => resolve(code));
  });
  clearTimeout(timer);
  const ms = performance.now() - started;
  peak = Math.max(peak, memory.stop());
  const summary = stderr.trim().split('\n').pop() ?? '';
  if (timedOut) throw new Error(`seed-corpus check did not finish within ${Math.round(options.timeoutMs / 60_000)} min`);
  if (exitCode !== 0 && exitCode !== 1) throw new Error(`seed-corpus check exited ${exitCode}: ${summary}`);
  return { ms, exitCode, peakRssBytes: peak, summary };
}

/**
 * Copies dist/ (and docs/, which the server reads beside it) to a folder of this run: the build stays the one
 * measured even when dist/ is rebuilt meanwhile. Removed at the end.
 */
function snapshotBuild(): string {
  assertBuilt(serverJs);
  assertBuilt(cliJs);
  const folder = fs.mkdtempSync(path.join(benchRoot(), 'build-'));
  fs.cpSync(path.join(repoRoot, 'dist'), path.join(folder, 'dist'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'docs'), path.join(folder, 'docs'), { recursive: true, filter: (source) => !source.includes(`${path.sep}images`) });
  return folder;
}

function freshCacheFolder(label: string): string {
  return fs.mkdtempSync(path.join(benchRoot(), `cache-${label}-`));
}

async function benchSize(articles: number, options: Options): Promise<SizeResult> {
  const label = sizeLabel(articles);
  const runs = options.runs ?? defaultRuns[label] ?? 1;
  log(`${label}: corpus…`);
  const corpus = ensureCorpus(articles, options.seed);
  log(`${label}: ${corpus.articles} articles, ${(corpus.bytes / 1e6).toFixed(1)} MB in ${corpus.dir}${corpus.reused ? ' (reused)' : ` (generated in ${seconds(corpus.generationMs)})`}`);
  const result: SizeResult = { corpus, runs, cold: [], warm: [], cli: [], readFloorMs: [], francFloorMs: [], errors: [] };
  const attempt = async (what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      const message = `${what}: ${(error as Error).message}`;
      result.errors.push(message);
      log(`${label}: FAILED ${message}`);
    }
  };

  for (let r = 0; r < runs; r++) {
    await attempt('floor', async () => {
      result.readFloorMs.push(await readFloor(corpus.dir));
      result.francFloorMs.push(francFloor(corpus.dir));
      log(`${label}: floor ${r + 1}/${runs}: read ${seconds(result.readFloorMs.at(-1)!)}, franc ${seconds(result.francFloorMs.at(-1)!)}`);
    });
  }

  const interactive = options.full || interactiveSizes.includes(label);
  // The first cold server also answers the interactive measures, which its peak through the cache's write then
  // includes: one more cold index gives that peak for the index alone.
  const coldRuns = interactive && runs === 1 ? 2 : runs;
  for (let r = 0; r < coldRuns; r++) {
    const cache = freshCacheFolder(label);
    try {
      await attempt('cold index', async () => {
        const { server, run } = await indexCorpus(corpus.dir, cache, options);
        result.cold.push(run);
        log(`${label}: cold ${r + 1}/${coldRuns}: ${seconds(run.ms)}, peak RSS ${(run.peakRssBytes / 1e6).toFixed(0)} MB, ${run.findings} findings in ${run.files} files`);
        try {
          if (r === 0 && interactive) await attempt('interactive', async () => void (result.interactive = await measureInteractive(server, corpus, options)));
          await attempt('memory without the threads', async () => void (run.idleRssBytes = await idleMemory(server)));
          await attempt('the cache’s write', async () => {
            await server.cacheWritten(120_000);
            const peak = server.peakMemory();
            if (r === 0 && interactive) run.peakWithInteractiveRssBytes = peak;
            else run.peakThroughCacheRssBytes = peak;
            log(`${label}: cold ${r + 1}/${coldRuns}: peak RSS through the cache's write ${(peak / 1e6).toFixed(0)} MB${r === 0 && interactive ? ', the interactive measures included' : ''}`);
          });
        } finally {
          await server.dispose();
        }
      });
      await attempt('warm start', async () => {
        const { server, run } = await indexCorpus(corpus.dir, cache, options);
        try {
          await attempt('memory without the threads', async () => void (run.idleRssBytes = await idleMemory(server)));
        } finally {
          await server.dispose();
        }
        result.warm.push(run);
        log(`${label}: warm ${r + 1}/${coldRuns}: ${seconds(run.ms)}, peak RSS ${(run.peakRssBytes / 1e6).toFixed(0)} MB`);
      });
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  }

  for (let r = 0; r < runs; r++) {
    await attempt('cli', async () => {
      const run = await runCli(corpus.dir, options);
      result.cli.push(run);
      log(`${label}: CLI ${r + 1}/${runs}: ${seconds(run.ms)} (exit ${run.exitCode}) ${run.summary}`);
    });
  }
  return result;
}

interface HugeResult {
  corpus: CorpusInfo;
  indexMs?: number;
  openMs: number[];
  errors: string[];
}

/** Opening the ~1 MB article in a server that has indexed it: didOpen → first publishDiagnostics. */
async function benchHuge(options: Options): Promise<HugeResult> {
  const corpus = ensureHugeCorpus(options.seed);
  const result: HugeResult = { corpus, openMs: [], errors: [] };
  const cache = freshCacheFolder('huge');
  try {
    const { server, run } = await indexCorpus(corpus.dir, cache, options);
    result.indexMs = run.ms;
    try {
      const file = path.join(corpus.dir, corpus.typingArticle);
      const uri = pathToFileURL(file).href;
      const text = fs.readFileSync(file, 'utf8');
      for (let version = 1; version <= options.hugeRepeats; version++) {
        const published = server.nextDiagnostics(uri, version, 300_000);
        const sent = performance.now();
        await server.open(uri, text, version);
        result.openMs.push((await published) - sent);
        // Closing re-reads the file from disk and publishes again: wait for it, so runs do not overlap.
        const closed = server.nextDiagnostics(uri, null, 300_000);
        await server.close(uri);
        await closed;
        log(`1 MB article: didOpen → diagnostics ${result.openMs.at(-1)!.toFixed(0)} ms`);
      }
    } finally {
      await server.dispose();
    }
  } catch (error) {
    result.errors.push((error as Error).message);
    log(`1 MB article: FAILED ${(error as Error).message}`);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
  return result;
}

// -------------------------------------------------------------------------------------------------------------
// Report

const at10k = ['10k'];
const targets = {
  cold: { stat: 'p50', limit: 15, sizes: at10k },
  warm: { stat: 'p50', limit: 2, sizes: at10k },
  rss: { stat: 'max', limit: 400, sizes: at10k },
  typing: { stat: 'p95', limit: 15, sizes: at10k },
  hover: { stat: 'p95', limit: 5, sizes: at10k },
  completion: { stat: 'p95', limit: 10, sizes: at10k },
  references: { stat: 'p95', limit: 50, sizes: at10k },
  timeline: { stat: 'p95', limit: 50, sizes: at10k },
  cli: { stat: 'p50', limit: 15, sizes: at10k },
} satisfies Record<string, Target>;

/** The typing debounce of server.ts, if it still has one (read, never changed). */
function serverDebounceMs(): number | undefined {
  try {
    const m = /const changeDebounceMs = (\d+)/.exec(fs.readFileSync(path.join(repoRoot, 'server', 'src', 'server.ts'), 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function ratio(a: number[], b: number[]): Summary {
  const p50 = (xs: number[]) => summarize(xs).p50;
  const x = p50(a);
  const y = p50(b);
  return x === undefined || y === undefined || y === 0 ? { n: 0 } : { n: Math.min(a.length, b.length), p50: x / y };
}

function rowsOf(label: string, r: SizeResult, debounceMs: number | undefined): Row[] {
  const s = (ms: number[]) => summarize(ms.map((v) => v / 1000));
  const mb = (bytes: number[]) => summarize(bytes.map((v) => v / 1e6));
  const rows: Row[] = [
    { size: label, measure: 'Cold index (initialized → corpusAnalysed)', unit: 's', summary: s(r.cold.map((c) => c.ms)), target: targets.cold },
    { size: label, measure: 'Warm start (same cache folder)', unit: 's', summary: s(r.warm.map((c) => c.ms)), target: targets.warm },
    { size: label, measure: 'Peak RSS, cold index, at corpusAnalysed (VmHWM)', unit: 'MB', summary: mb(r.cold.map((c) => c.peakRssBytes)) },
    { size: label, measure: 'Peak RSS, cold index through its cache write (VmHWM)', unit: 'MB', summary: mb(r.cold.flatMap((c) => (c.peakThroughCacheRssBytes === undefined ? [] : [c.peakThroughCacheRssBytes]))), target: targets.rss },
    { size: label, measure: 'Peak RSS, the same with the interactive measures between', unit: 'MB', summary: mb(r.cold.flatMap((c) => (c.peakWithInteractiveRssBytes === undefined ? [] : [c.peakWithInteractiveRssBytes]))) },
    { size: label, measure: 'Peak RSS, warm start', unit: 'MB', summary: mb(r.warm.map((c) => c.peakRssBytes)) },
    { size: label, measure: 'RSS once the analysis threads end, cold index (after the interactive measures, if run)', unit: 'MB', summary: mb(r.cold.flatMap((c) => (c.idleRssBytes === undefined ? [] : [c.idleRssBytes]))) },
    { size: label, measure: 'RSS once the analysis threads end, warm start', unit: 'MB', summary: mb(r.warm.flatMap((c) => (c.idleRssBytes === undefined ? [] : [c.idleRssBytes]))) },
  ];
  const progress = r.cold[0]?.progress;
  if (progress) {
    const seen = progress.indexingBegin ? `yes, ${progress.reports} reports` : 'not seen';
    rows.push({ size: label, measure: `Progress “Indexing seeds”`, unit: '', text: seen });
  }
  const i = r.interactive;
  if (i) {
    rows.push({ size: label, measure: 'didChange → diagnostics, 100 KB article', unit: 'ms', summary: summarize(i.typingMs), target: targets.typing });
    if (debounceMs !== undefined) rows.push({ size: label, measure: `  the same minus the ${debounceMs} ms debounce`, unit: 'ms', summary: summarize(i.typingMs.map((v) => v - debounceMs)) });
    rows.push(
      { size: label, measure: 'didOpen → diagnostics, 100 KB article', unit: 'ms', summary: summarize([i.openMs]) },
      { size: label, measure: 'Hover on a mention', unit: 'ms', summary: summarize(i.hoverMs), target: targets.hover },
      { size: label, measure: 'Definition', unit: 'ms', summary: summarize(i.definitionMs) },
      { size: label, measure: `References, whole corpus (median ${Math.round(i.referencesFound.p50 ?? 0)} locations)`, unit: 'ms', summary: summarize(i.referencesMs), target: targets.references },
      { size: label, measure: `Completion (median ${Math.round(i.completionItems.p50 ?? 0)} items)`, unit: 'ms', summary: summarize(i.completionMs), target: targets.completion },
      ...timelineRows(label, i.timeline),
    );
  }
  rows.push(
    { size: label, measure: 'CLI check, end to end', unit: 's', summary: s(r.cli.map((c) => c.ms)), target: targets.cli },
    { size: label, measure: 'CLI peak RSS (polled)', unit: 'MB', summary: mb(r.cli.map((c) => c.peakRssBytes)) },
    { size: label, measure: 'Floor: read all files + split lines', unit: 's', summary: s(r.readFloorMs) },
    { size: label, measure: 'Floor: franc on every article', unit: 's', summary: s(r.francFloorMs) },
    { size: label, measure: 'Cold index / read floor (medians)', unit: '×', summary: ratio(r.cold.map((c) => c.ms), r.readFloorMs) },
    { size: label, measure: 'Cold index / franc floor (medians)', unit: '×', summary: ratio(r.cold.map((c) => c.ms), r.francFloorMs) },
    { size: label, measure: 'CLI / franc floor (medians)', unit: '×', summary: ratio(r.cli.map((c) => c.ms), r.francFloorMs) },
  );
  for (const error of r.errors) rows.push({ size: label, measure: `Error: ${error.split('\n')[0].slice(0, 120)}`, unit: '', text: '' });
  return rows.map((row) => (row.summary?.n === 0 && !row.text ? { ...row, text: 'not measured' } : row)).map(judge);
}

function timelineRows(size: string, t: TimelineMeasures): Row[] {
  const { year, month, count } = t.largestMonth;
  const row = (measure: string, ms: number[]): Row => ({ size, measure, unit: 'ms', summary: summarize(ms), target: targets.timeline });
  return [
    row(`Timeline: the corpus's years (${t.events} events, ${t.years} years)`, t.yearsMs),
    row(`Timeline: a year's months`, t.yearMs),
    row(`Timeline: a page of ${timelinePageSize} in the largest month (${year}-${String(month).padStart(2, '0')}, ${count} events)`, t.pageMs),
    row(`Timeline: one entity's years (${t.entities} entities)`, t.entityYearsMs),
    row(`Timeline: one entity's first page (places of ${Math.round(t.entityPlaceEvents.p50 ?? 0)} events, at most ${t.entityPlaceEvents.max ?? 0})`, t.entityPageMs),
  ];
}

/** The commit measured, and whether server/ had uncommitted changes (the build includes them). */
function revision(): { commit?: string; serverChanges: number } {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  const commit = git('rev-parse', '--short', 'HEAD').stdout?.trim() || undefined;
  const changes = git('status', '--porcelain', '--', 'server').stdout ?? '';
  return { commit, serverChanges: changes.split('\n').filter(Boolean).length };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryMB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  fs.mkdirSync(benchRoot(), { recursive: true });
  const build = snapshotBuild();
  options.serverJs = path.join(build, 'dist', 'server.js');
  options.cliJs = path.join(build, 'dist', 'cli.js');
  try {
    await benchmark(options);
  } finally {
    fs.rmSync(build, { recursive: true, force: true });
  }
}

async function benchmark(options: Options): Promise<void> {
  const started = new Date();
  const info = machine();
  const measured = revision();
  log(`${info.cpus} × ${info.cpuModel}, node ${info.node}; sizes ${options.sizes.map(sizeLabel).join(', ')}; corpora in ${benchRoot()}`);

  const sizes: Record<string, SizeResult> = {};
  for (const articles of options.sizes) sizes[sizeLabel(articles)] = await benchSize(articles, options);
  log('1 MB article…');
  const huge = await benchHuge(options);

  const debounceMs = serverDebounceMs();
  const rows = Object.entries(sizes).flatMap(([label, r]) => rowsOf(label, r, debounceMs));
  rows.push({ size: '1 MB', measure: 'didOpen → diagnostics, 1 MB article', unit: 'ms', summary: summarize(huge.openMs) });
  for (const error of huge.errors) rows.push({ size: '1 MB', measure: `Error: ${error.split('\n')[0].slice(0, 120)}`, unit: '', text: '' });
  const failed = rows.filter((r) => r.result === 'FAIL');
  const finished = new Date();

  const corpora = Object.values(sizes).map((r) => `${sizeLabel(r.corpus.articles)} = ${r.corpus.articles} articles, ${(r.corpus.bytes / 1e6).toFixed(1)} MB`);
  const runs = Object.entries(sizes).map(([label, r]) => `${label} ×${r.runs}`);
  const table = formatTable(rows);
  console.log(`\nSeed Corpus benchmark, ${finished.toISOString()} (${Math.round((finished.getTime() - started.getTime()) / 60_000)} min)`);
  console.log(`Machine: ${info.cpus} × ${info.cpuModel}, ${info.memoryMB} MB, node ${info.node}, ${info.platform}, load average at start ${info.loadAverageAtStart.join(' ')}`);
  console.log(`Build: ${measured.commit ?? 'unknown commit'}${measured.serverChanges ? ` with ${measured.serverChanges} uncommitted file(s) under server/` : ''}`);
  console.log(`Corpora: ${corpora.join('; ')}; knowledge base ${knowledgeBaseSize} entities (${((Object.values(sizes)[0]?.corpus.knowledgeBaseBytes ?? 0) / 1e6).toFixed(1)} MB); generator v${generatorVersion}, seed ${options.seed}`);
  console.log(`Runs: ${runs.join(', ')}; ${options.requests} requests per request type, ${options.edits} edits; targets of issue 7 apply to 10k.\n`);
  console.log(table);
  const judged = rows.filter((r) => r.result !== undefined);
  const verdict =
    judged.length === 0 ? 'No 10k corpus in this run: the targets of issue 7 were not judged.'
    : failed.length === 0 ? `All ${judged.length} targets met.`
    : `${judged.length - failed.length} of ${judged.length} targets met; missed: ${failed.map((r) => r.measure).join('; ')}.`;
  console.log(`\n${verdict}`);

  const json = {
    date: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    machine: { ...info, loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))) },
    revision: measured,
    generatorVersion,
    seed: options.seed,
    options: { ...options, runsBySize: Object.fromEntries(Object.entries(sizes).map(([label, r]) => [label, r.runs])) },
    knowledgeBaseEntities: knowledgeBaseSize,
    serverDebounceMs: debounceMs,
    corpora: Object.fromEntries(Object.entries(sizes).map(([label, r]) => [label, r.corpus])),
    results: sizes,
    huge,
    rows,
    targetsMissed: failed.length,
  };
  fs.writeFileSync(options.out, JSON.stringify(json, null, 2) + '\n');
  console.log(`JSON: ${path.relative(process.cwd(), options.out) || options.out}`);
  if (options.strict && failed.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  process.exitCode = 2;
});
