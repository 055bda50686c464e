// The language server's memory on a bench corpus: a cold index (time, peak RSS, heap after gc), typing in the
// ~100 KB article (heap after gc before and after N edits: does it grow per edit?), and a warm start from the
// cache the cold server wrote (time, peak RSS, heap). The heap is the server's main thread, read by a preloaded
// handler that collects garbage on SIGUSR2 (`--expose-gc` through NODE_OPTIONS; the product is unchanged); with
// --profile it also writes the main thread's CPU profile of each stretch to <tmp>/seed-corpus-memory-probe-profiles.
//
//   npm run build && npx tsx test/bench/memoryProbe.ts [--size 10k] [--edits 200] [--no-warm] [--profile] [--cache DIR]
//
// --cache keeps the cache folder (and, when it holds a cache already, skips the cold index: warm starts only).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchServer } from './client';
import { repoRoot } from '../lsp/lspClient';
import { benchRoot, ensureCorpus, hash32, Rng, sizeLabel } from './generator';
import { typingEdits } from './typing';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const sizes: Record<string, number> = { '1k': 1000, '10k': 10_000, '100k': 100_000 };
const articles = sizes[flag('--size') ?? '10k'] ?? Number(flag('--size'));
const edits = Number(flag('--edits') ?? 200);
const warm = !args.includes('--no-warm');
const timeoutMs = 90 * 60_000;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-corpus-memory-probe-'));
const preload = path.join(scratch, 'heap-probe.cjs');
const profile = args.includes('--profile');
// With --profile, the main thread's CPU profile of each stretch between two heap readings goes beside the figures.
fs.writeFileSync(
  preload,
  `if (require('worker_threads').isMainThread) {
  const fs = require('fs'), path = require('path');
  const dir = ${JSON.stringify(scratch)};
  let session;
  if (${profile}) {
    session = new (require('inspector').Session)();
    session.connect();
    session.post('Profiler.enable', () => session.post('Profiler.start'));
  }
  let stretch = 0;
  process.on('SIGUSR2', () => {
    const write = () => {
      for (let i = 0; i < 3; i++) global.gc();
      const file = path.join(dir, 'heap-' + process.pid + '.json');
      fs.writeFileSync(file + '.tmp', JSON.stringify(process.memoryUsage()));
      fs.renameSync(file + '.tmp', file);
    };
    if (!session) return write();
    session.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(path.join(${JSON.stringify(path.join(os.tmpdir(), 'seed-corpus-memory-probe-profiles'))}, process.pid + '-' + stretch++ + '.cpuprofile'), JSON.stringify(result.profile));
      session.post('Profiler.start', write);
    });
  });
}
`,
);
if (profile) fs.mkdirSync(path.join(os.tmpdir(), 'seed-corpus-memory-probe-profiles'), { recursive: true });

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const log = (line: string) => console.log(line);

// A private copy of the build (and docs/, which the server reads beside it): a rebuild meanwhile changes nothing.
fs.cpSync(path.join(repoRoot, 'dist'), path.join(scratch, 'dist'), { recursive: true });
fs.cpSync(path.join(repoRoot, 'docs'), path.join(scratch, 'docs'), { recursive: true, filter: (source) => !source.includes(`${path.sep}images`) });

function start(root: string): BenchServer {
  const before = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${before ?? ''} --expose-gc --require ${preload}`.trim();
  try {
    return BenchServer.start(root, path.join(scratch, 'dist', 'server.js'));
  } finally {
    if (before === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = before;
  }
}

/** The server's heap and array buffers after full collections. */
async function heapOf(server: BenchServer): Promise<{ heapUsed: number; arrayBuffers: number; rss: number }> {
  const file = path.join(scratch, `heap-${server.child.pid}.json`);
  fs.rmSync(file, { force: true });
  server.child.kill('SIGUSR2');
  for (let waited = 0; !fs.existsSync(file); waited += 50) {
    if (waited > 120_000) throw new Error('no heap figures from the server');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { heapUsed: number; arrayBuffers: number; rss: number };
}

async function pass(root: string, cacheFolder: string, label: string): Promise<BenchServer> {
  const server = start(root);
  const analysed = server.nextCorpusAnalysed(timeoutMs);
  const sent = await server.initialize(cacheFolder);
  const done = await analysed;
  const peak = server.peakMemory();
  const heap = await heapOf(server);
  log(`${label}: ${((done.at - sent) / 1000).toFixed(2)} s to corpusAnalysed (${done.files} files), peak RSS ${mb(peak)}; then heap ${mb(heap.heapUsed)} + array buffers ${mb(heap.arrayBuffers)} after gc, RSS ${mb(heap.rss)}`);
  return server;
}

async function typing(server: BenchServer, file: string): Promise<void> {
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  const nextEdit = typingEdits(text, new Rng(hash32(7, 0xbe7c)));
  let version = 1;
  const first = server.nextDiagnostics(uri, 1, timeoutMs);
  await server.open(uri, text, 1);
  await first;
  const edit = async () => {
    const change = nextEdit();
    version++;
    const published = server.nextDiagnostics(uri, version, timeoutMs);
    await server.change(uri, version, [change]);
    await published;
  };
  // Warm-up: the per-line caches fill on the first edits. Then the heap after each half of the edits: growth that
  // stops in the second half is caches reaching their bounds; growth that goes on is a leak.
  for (let i = 0; i < 20; i++) await edit();
  const total = (h: { heapUsed: number; arrayBuffers: number }) => h.heapUsed + h.arrayBuffers;
  const heaps = [total(await heapOf(server))];
  const started = performance.now();
  for (const half of [Math.floor(edits / 2), edits - Math.floor(edits / 2)]) {
    for (let i = 0; i < half; i++) await edit();
    heaps.push(total(await heapOf(server)));
  }
  const ms = performance.now() - started;
  const perEdit = (from: number, to: number, count: number) => `${((heaps[to] - heaps[from]) / count / 1024).toFixed(2)} KB`;
  log(`typing: ${edits} edits in ${(ms / 1000).toFixed(1)} s; heap + array buffers after gc ${heaps.map(mb).join(' → ')}: ${perEdit(0, 2, edits)} per edit (first half ${perEdit(0, 1, Math.floor(edits / 2))}, second half ${perEdit(1, 2, edits - Math.floor(edits / 2))})`);
  await server.close(uri);
}

/** Waits for the cache the server writes once its analysis threads have ended, and reads the peak RSS through it. */
async function cacheWritten(server: BenchServer): Promise<void> {
  const started = performance.now();
  await server.cacheWritten(timeoutMs);
  log(`cache written ${((performance.now() - started) / 1000).toFixed(1)} s after the probe asked; peak RSS through it ${mb(server.peakMemory())}`);
}

async function main(): Promise<void> {
  log(`Corpus ${sizeLabel(articles)} (generating it if needed under ${benchRoot()})`);
  const corpus = ensureCorpus(articles);
  const cacheFolder = flag('--cache') ?? path.join(scratch, 'cache');
  try {
    if (!fs.existsSync(cacheFolder) || fs.readdirSync(cacheFolder).length === 0) {
      const cold = await pass(corpus.dir, cacheFolder, 'cold index');
      if (edits > 0) await typing(cold, path.join(corpus.dir, corpus.typingArticle));
      await cacheWritten(cold);
      await cold.dispose();
    }
    const cacheFiles = fs.existsSync(cacheFolder) ? fs.readdirSync(cacheFolder) : [];
    const cacheBytes = cacheFiles.reduce((n, f) => n + fs.statSync(path.join(cacheFolder, f)).size, 0);
    log(`cache: ${cacheFiles.join(', ')} ${mb(cacheBytes)} (${(cacheBytes / articles / 1024).toFixed(2)} KB per article)`);
    if (warm) await (await pass(corpus.dir, cacheFolder, 'warm start')).dispose();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

void main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
