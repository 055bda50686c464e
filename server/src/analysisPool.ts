/**
 * The analysers of articles from disk, one per core (at least one, at most four): worker threads, and optionally a
 * lane in the pool's own thread that runs one job per turn of its event loop, so the server's thread still answers
 * requests on open documents between two articles. The corpus pass uses every core.
 */
import * as os from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { loadCorpus, runJob, type LaneLimits, type LoadedCorpus, type LocalCorpus } from './analysisJob';
import type { EarlierReadings, Finding } from './core/analyze';
import type { CorpusConfig } from './core/config';
import type { EntityCatalog } from './core/entities/catalog';
import { namesOnly } from './core/entities/knowledge-base';
import { withoutRemembering } from './core/lru';
import { CompactSummary, type PackedSummary } from './fileSummary';

/** What a worker needs to know of a corpus; sent again whenever its signature changes. */
export interface CorpusState {
  key: string;
  /** Hash of everything below and of the build: equal signatures give equal analyses of equal bytes. */
  signature: string;
  config: CorpusConfig;
  /** File names of the corpus (for the rules that compare names). */
  names: string[];
  /**
   * The text of the last valid knowledge base, when the server has not read it (a warm start): a string crosses to a
   * thread as one copy, and a thread reads it only when it first analyses an article (a warm start whose hashes all
   * match never does). The same text gives the same entities, so the server need not read them to send them.
   */
  knowledgeBase?: string;
  /**
   * Instead of the text, once the server has read it: the entities with what an analysis reads of them (`namesOnly`),
   * as JSON (`knowledgeBaseNames`). A thread then parses some 1 MB instead of 14 and never holds the whole text.
   */
  entityNames?: string;
}

const namesJson = new WeakMap<EntityCatalog, string>();

/** The catalog's entities, names only, as JSON for the analysis threads (see `CorpusState.entityNames`); made once per catalog. */
export function knowledgeBaseNames(catalog: EntityCatalog): string {
  let json = namesJson.get(catalog);
  if (json === undefined) namesJson.set(catalog, (json = JSON.stringify(namesOnly(catalog.knowledgeBase).entities)));
  return json;
}

export type PoolMessage = { type: 'corpus'; state: CorpusState } | { type: 'analyse'; jobs: SentJob[] };

export interface AnalysisReply {
  id: number;
  /** SHA-1 of the bytes read. */
  hash?: string;
  /** The bytes hash to `cachedHash`: the cached summary holds. */
  unchanged?: true;
  summary?: CompactSummary;
  /** The findings alone, for a job that asked for nothing else (`findingsOnly`). */
  findings?: Finding[];
  /** The file is gone (or is not a file). */
  missing?: boolean;
  error?: string;
}

/**
 * A reply as an analyser gives it: the summary packed (a thread transfers its block without a copy). `stale`: the
 * bytes do not hash to `cachedHash`, and the job goes back to the queue as an analysis. `forThread`: the lane leaves
 * the job to a thread (see `LaneLimits`).
 */
export type WorkerReply = Omit<AnalysisReply, 'summary'> & { packed?: PackedSummary; stale?: true; forThread?: true };

/** What a thread sends back: replies to jobs of one batch (each summary at once; checks and findings alone together). */
export interface WorkerMessage {
  replies: WorkerReply[];
}

export interface AnalysisJob {
  file: string;
  corpus: string;
  cachedHash?: string;
  /** Whether to read the timeline events too (the server does; `seed-corpus check` does not). */
  events: boolean;
  /**
   * The findings alone, without the hash or a summary (`seed-corpus check`, which keeps nothing of an article):
   * packing the mentions, excerpt and language report was a tenth of the threads' time there.
   */
  findingsOnly?: boolean;
  /**
   * An earlier analysis's readings, reused if the file still has the bytes of `hash` (see `AnalysisOptions.earlier`).
   * Asked for when the job is sent: a pass over 100,000 files would otherwise hold every article's readings at once.
   */
  earlier?: () => SentReadings | undefined;
}

type SentReadings = EarlierReadings & { hash: string };

/** A job as a thread receives it. */
export type SentJob = Omit<AnalysisJob, 'earlier'> & { id: number; earlier?: SentReadings };

interface Pending {
  job: AnalysisJob;
  resolve(reply: AnalysisReply): void;
}

interface Analyser {
  inFlight: Map<number, Pending & { batch: { left: number } }>;
  /** Batches sent and not yet answered in full. */
  batches: number;
}

interface PoolWorker extends Analyser {
  worker: Worker;
  /** The state this thread has of each corpus: its signature, and whether it came with the knowledge base's text. */
  corpora: Map<string, { signature: string; knowledgeBase: boolean }>;
}

interface Lane extends Analyser {
  limits: LaneLimits;
  /** Its jobs' ids in order (each in `inFlight`), the first one run at the next turn (`scheduled`). */
  jobs: number[];
  scheduled?: NodeJS.Immediate;
  /** Each corpus as loaded here, with the state and what this thread had of it that it was loaded from. */
  corpora: Map<string, { corpus: LoadedCorpus; state: CorpusState; local?: LocalCorpus }>;
}

/**
 * A thread's heap, at first (MB of old generation, and of young): left unbounded, V8 let each thread's heap grow to
 * 300-400 MB of mostly garbage at 10k articles, while one holds some 95 MB live (the knowledge base compiled, the
 * caches). A bound makes V8 collect sooner: 10k articles peaked at 560 MB instead of about 1 GB, in the same CPU time.
 * A young generation of 8 MB: each young collection of a thread costs about a millisecond however small the
 * generation; over 3,000 articles a thread collected 950 times with 4 MB (1.0 s), 461 with 8 MB (0.5 s), 232 with
 * 16 MB (0.3 s). A 10k cold index peaked a few MB higher with 8 MB, some 20 MB higher with 16.
 */
const initialHeapLimitMb = 160;
const youngGenerationMb = 8;

/**
 * While analysis threads run, every heap of the process may grow to a quarter more than a full collection left
 * (V8's `--heap-growing-percent`, read at every collection, in every thread), not V8's 1.1 to 4 times: a 10k cold
 * index peaked some 30 MB lower, no slower beyond this machine's noise. Only then: the server's own thread loads the
 * cache before any thread starts, and a 10k warm start took 1.74 s with it against 1.40 s without (six each).
 */
const heapGrowingPercentWithThreads = 25;
let threadsInProcess = 0;

function threadsChanged(by: number): void {
  const before = threadsInProcess;
  threadsInProcess += by;
  if ((before === 0) !== (threadsInProcess === 0)) setFlagsFromString(`--heap-growing-percent=${threadsInProcess > 0 ? heapGrowingPercentWithThreads : 0}`);
}

/** A thread that runs out of memory is replaced by one with twice the limit, its jobs sent again, up to this. */
const largestHeapLimitMb = 4096;

/** Batches each worker holds at once: the next is there while one is worked on. */
const batchesPerWorker = 2;
/**
 * A batch's work at most, in checks: a job that carries the hash of its cached analysis is a check of the file's
 * hash (some 50 µs; a file whose hash differs comes back and is queued again as an analysis), one without it an
 * analysis (some 9 ms, counted as 16 checks). A warm start checks 10,000 hashes: one message each way per file cost
 * the server's thread more than the checks cost the threads, and batches of 32 still took it 0.13 s to send.
 * Batches shrink as the queue does, so no thread idles at the end.
 */
const largestBatchWork = 512;
const analysisWork = 16;

/**
 * Threads with nothing to do for this long end, and give back their memory (some 150 MB each once they have
 * analysed a 10k corpus); the next job starts them again. Indexing and the checks of a start come in one stream of
 * jobs, then the threads would idle for the rest of the session: typing is analysed in the server's own thread.
 */
const idleThreadsEndAfterMs = 30_000;

export class AnalysisPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Array<{ id: number } & Pending> = [];
  /** Jobs the lane left to a thread (see `LaneLimits`). */
  private readonly threadQueue: Array<{ id: number } & Pending> = [];
  private readonly states = new Map<string, { state: CorpusState; local?: LocalCorpus }>();
  private readonly lane?: Lane;
  /** Threads at most: the lane is one of the `size` analysers, but a job it leaves to a thread needs one. */
  private readonly largestThreads: number;
  private nextId = 1;
  private disposed = false;
  private idleTimer?: NodeJS.Timeout;
  /** How long threads wait without a job before they end; may be changed while none wait. */
  idleMs: number;
  private readonly onIdleEnd?: (threads: number) => void;

  readonly size: number;
  private heapLimit: number;

  /**
   * `jobs`, when known, caps the analysers: a handful of files need no more than files. `heapLimitMb`: the
   * threads' first heap limit (tests start low to see them outgrow it). `idleMs`: how long threads wait without a
   * job before they end; `onIdleEnd` hears how many ended so, or by `endIdleThreads`. `lane`: one analyser is this
   * thread, within these limits.
   */
  constructor(
    private readonly script: string,
    jobs = Infinity,
    { heapLimitMb = initialHeapLimitMb, idleMs = idleThreadsEndAfterMs, onIdleEnd, lane }: { heapLimitMb?: number; idleMs?: number; onIdleEnd?: (threads: number) => void; lane?: LaneLimits } = {},
  ) {
    this.size = Math.max(1, Math.min(os.availableParallelism(), 4, jobs));
    if (lane) this.lane = { limits: lane, jobs: [], inFlight: new Map(), batches: 0, corpora: new Map() };
    this.largestThreads = lane ? Math.max(1, this.size - 1) : this.size;
    this.heapLimit = heapLimitMb;
    this.idleMs = idleMs;
    this.onIdleEnd = onIdleEnd;
  }

  /** Threads running now. */
  get threads(): number {
    return this.workers.length;
  }

  /** The heap limit of threads started from now on (MB). */
  get heapLimitMb(): number {
    return this.heapLimit;
  }

  /**
   * The corpus's current state, which each thread gets before its next job of that corpus (see `sendCorpus`).
   * `local`: what this thread has of the corpus, for the lane. Without its catalog, the lane leaves analyses that
   * need entities to the threads rather than read the entities a second time here.
   */
  setCorpus(state: CorpusState, local?: LocalCorpus): void {
    this.states.set(state.key, { state, local });
  }

  /**
   * Sets the corpus's state and starts every thread now with it, knowledge base included, which a thread reads as
   * it comes: `seed-corpus check` prepares its threads while its own thread reads the knowledge base for its problems.
   */
  prepare(state: CorpusState): void {
    this.setCorpus(state);
    while (!this.disposed && this.workers.length < this.largestThreads) this.start();
    for (const entry of this.workers) this.sendCorpus(entry, state.key, true);
  }

  analyse(job: AnalysisJob): Promise<AnalysisReply> {
    return new Promise((resolve) => {
      // A disposed pool starts no thread: its jobs would wait for ever.
      if (this.disposed) return resolve({ id: this.nextId++, error: 'cancelled' });
      this.queue.push({ id: this.nextId++, job, resolve });
      this.dispatch();
    });
  }

  /** Drops the jobs not yet started; each resolves as cancelled. */
  clearQueue(): void {
    const lane = this.lane;
    const waiting = lane ? lane.jobs.splice(0).map((id) => ({ id, ...lane.inFlight.get(id)! })) : [];
    if (lane) {
      for (const { id } of waiting) lane.inFlight.delete(id);
      lane.batches = 0;
    }
    for (const pending of [...this.queue.splice(0), ...this.threadQueue.splice(0), ...waiting]) pending.resolve({ id: pending.id, error: 'cancelled' });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    if (this.lane) clearImmediate(this.lane.scheduled);
    this.clearQueue();
    const ended = this.workers.splice(0);
    threadsChanged(-ended.length);
    for (const { worker } of ended) void worker.terminate();
  }

  private get idle(): boolean {
    return this.queue.length === 0 && this.threadQueue.length === 0 && (this.lane?.inFlight.size ?? 0) === 0 && this.workers.every((entry) => entry.inFlight.size === 0);
  }

  /**
   * Ends the threads now if they have no work, instead of after `idleMs`: a pass over the corpus is done, and nothing
   * may come for long. Resolves once they have exited (at once when there are none, or they have work).
   */
  endIdleThreads(): Promise<void> {
    if (this.disposed || this.workers.length === 0 || !this.idle) return Promise.resolve();
    clearTimeout(this.idleTimer);
    return this.endThreads();
  }

  /** Ends the threads once they have been idle for `idleMs`; any job before then keeps them. */
  private endWhenIdle(): void {
    clearTimeout(this.idleTimer);
    if (this.workers.length === 0 || !this.idle) return;
    this.idleTimer = setTimeout(() => {
      if (this.disposed || !this.idle) return;
      void this.endThreads();
    }, this.idleMs);
    // A process with nothing else to do (the CLI after its last reply) does not wait for this.
    this.idleTimer.unref();
  }

  private endThreads(): Promise<void> {
    // Out of the list first: their exit is then no loss to make good. Heard of once they have exited, and their
    // memory is given back.
    const ended = this.workers.splice(0);
    threadsChanged(-ended.length);
    return Promise.allSettled(ended.map(({ worker }) => worker.terminate())).then(() => this.onIdleEnd?.(ended.length));
  }

  private dispatch(): void {
    if (this.disposed) return;
    const lanes = this.lane ? 1 : 0;
    const waiting = () => this.queue.length + this.threadQueue.length;
    // A thread starts for what the analysers running cannot hold in their batches, and for a job only a thread takes.
    while (
      this.workers.length < this.largestThreads &&
      (waiting() > (this.workers.length + lanes) * batchesPerWorker || (this.threadQueue.length > 0 && this.workers.length === 0))
    ) {
      this.start();
    }
    const analysers = this.workers.length + lanes;
    const lane = this.lane;
    if (lane) {
      while (lane.batches < batchesPerWorker && this.queue.length > 0) lane.jobs.push(...this.assign(lane, this.queue, analysers).map(({ id }) => id));
      this.runLane(lane);
    }
    for (const entry of this.workers) {
      while (entry.batches < batchesPerWorker && waiting() > 0) {
        const jobs = this.assign(entry, this.threadQueue.length > 0 ? this.threadQueue : this.queue, analysers);
        for (const { job } of jobs) this.sendCorpus(entry, job.corpus, job.cachedHash === undefined);
        const sent = jobs.map(({ id, job: { earlier, ...job } }): SentJob => ({ id, ...job, earlier: earlier?.() }));
        entry.worker.postMessage({ type: 'analyse', jobs: sent } satisfies PoolMessage);
      }
    }
    this.endWhenIdle();
  }

  /** Takes the analyser's next batch from the front of `from`: its share of the jobs waiting there, by their work. */
  private assign(entry: Analyser, from: Array<{ id: number } & Pending>, analysers: number): Array<{ id: number } & Pending> {
    const share = Math.ceil(from.length / (analysers * batchesPerWorker));
    let size = 0;
    for (let work = 0; size < share && work < largestBatchWork; size++) {
      work += from[size].job.cachedHash === undefined ? analysisWork : 1;
    }
    const jobs = from.splice(0, size);
    const batch = { left: jobs.length };
    for (const { id, job, resolve } of jobs) entry.inFlight.set(id, { job, resolve, batch });
    entry.batches++;
    return jobs;
  }

  /** Runs the lane's next job at the next turn of the event loop, one job per turn: requests go between two. */
  private runLane(lane: Lane): void {
    if (lane.scheduled || lane.jobs.length === 0 || this.disposed) return;
    lane.scheduled = setImmediate(() => {
      lane.scheduled = undefined;
      const id = lane.jobs.shift();
      const pending = id === undefined ? undefined : lane.inFlight.get(id);
      if (id === undefined || !pending) return this.runLane(lane);
      const { earlier, ...job } = pending.job;
      let reply: WorkerReply;
      try {
        // The server's own caches are for the articles being edited, not for the pass's.
        reply = withoutRemembering(() => runJob(this.laneCorpus(lane, job.corpus), { id, ...job, earlier: earlier?.() }, lane.limits));
      } catch (error) {
        reply = { id, error: (error as Error).stack ?? String(error) };
      }
      this.receive(lane, [reply]);
      this.runLane(lane);
    });
  }

  /** The corpus as the lane has loaded it, loaded again when its state or what this thread has of it has changed. */
  private laneCorpus(lane: Lane, key: string): LoadedCorpus | undefined {
    const current = this.states.get(key);
    if (!current) return undefined;
    const loaded = lane.corpora.get(key);
    if (loaded?.state === current.state && loaded.local === current.local) return loaded.corpus;
    const corpus = loadCorpus(current.state, current.local);
    lane.corpora.set(key, { corpus, ...current });
    return corpus;
  }

  /** An analyser's replies: each job resolved, or queued again (`stale`, `forThread`); then the next batches go. */
  private receive(entry: Analyser, replies: WorkerReply[]): void {
    for (const { packed, stale, forThread, ...reply } of replies) {
      const pending = entry.inFlight.get(reply.id);
      if (!pending) continue;
      entry.inFlight.delete(reply.id);
      if (--pending.batch.left === 0) entry.batches--;
      if (stale || forThread) {
        // A disposed pool dispatches nothing more: its jobs are cancelled, not queued.
        if (this.disposed) pending.resolve({ id: reply.id, error: 'cancelled' });
        else if (stale) this.queue.unshift({ id: reply.id, job: { ...pending.job, cachedHash: undefined }, resolve: pending.resolve });
        else this.threadQueue.push({ id: reply.id, ...pending });
        continue;
      }
      try {
        pending.resolve(packed ? { ...reply, summary: new CompactSummary(packed) } : reply);
      } catch (error) {
        pending.resolve({ id: reply.id, error: (error as Error).message });
      }
    }
    this.dispatch();
  }

  /**
   * Sends a thread the corpus's state if it does not have it yet, and its knowledge base's text if `analysis` needs
   * it: a check reads no entities, and a warm start whose hashes all match sent each thread a copy of 13.6 MB for
   * nothing (70 ms of the server's thread at 10k, and the copies' memory).
   */
  private sendCorpus(entry: PoolWorker, key: string, analysis: boolean): void {
    const state = this.states.get(key)?.state;
    if (!state) return;
    const knowledgeBase = analysis && (state.knowledgeBase !== undefined || state.entityNames !== undefined);
    const has = entry.corpora.get(key);
    if (has?.signature === state.signature && (has.knowledgeBase || !knowledgeBase)) return;
    entry.corpora.set(key, { signature: state.signature, knowledgeBase });
    entry.worker.postMessage({ type: 'corpus', state: knowledgeBase ? state : { ...state, knowledgeBase: undefined, entityNames: undefined } } satisfies PoolMessage);
  }

  private start(): void {
    const heapLimit = this.heapLimit;
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: heapLimit, maxYoungGenerationSizeMb: youngGenerationMb } });
    const entry: PoolWorker = { worker, inFlight: new Map(), batches: 0, corpora: new Map() };
    this.workers.push(entry);
    threadsChanged(1);
    worker.on('message', ({ replies }: WorkerMessage) => this.receive(entry, replies));
    // A worker that dies fails its own jobs, never the server; a new one takes its place. One that ran out of its
    // heap is replaced with one of twice the limit, and its jobs go again.
    const lost = (why: string, outOfMemory = false) => {
      const index = this.workers.indexOf(entry);
      if (index === -1) return;
      this.workers.splice(index, 1);
      threadsChanged(-1);
      if (outOfMemory && heapLimit < largestHeapLimitMb) {
        this.heapLimit = Math.max(this.heapLimit, heapLimit * 2);
        this.queue.unshift(...[...entry.inFlight].map(([id, { job, resolve }]) => ({ id, job, resolve })));
      } else {
        for (const [id, pending] of entry.inFlight) pending.resolve({ id, error: `The analysis thread stopped: ${why}` });
      }
      entry.inFlight.clear();
      this.dispatch();
    };
    worker.on('error', (error: NodeJS.ErrnoException) => lost(error.message, error.code === 'ERR_WORKER_OUT_OF_MEMORY'));
    worker.on('exit', (code) => lost(`exit code ${code}`));
  }
}
