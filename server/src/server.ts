/** The language server: capabilities, handlers and wiring between documents, the workspace and the core. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeActionParams,
  type Connection,
  type NotificationType0,
  type Diagnostic,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { cacheFileFor, loadAnalysisCache, saveAnalysisCacheInThread, sha1, type CachedAnalysis } from './analysisCache';
import { AnalysisPool, knowledgeBaseNames, type CorpusState } from './analysisPool';
import { analyzeArticle, decodeUtf8, type Analysis, type Finding } from './core/analyze';
import { earlierOf, summarise, type FileSummary } from './fileSummary';
import { configFileName } from './core/config';
import { editsBetween, fixAll, ignoreRuleFix } from './core/fix';
import { headerField, setHeaderFields } from './core/header';
import { detectLanguage } from './core/language/detect';
import { checkTag } from './core/language/tags';
import { diagnosticSource, fileUri, fixAllKind, RuleDocs, sameRange, toDiagnostic, toQuickFix, toTextEdits } from './lsp/convert';
import {
  analysisThreadsEndedLog,
  cacheWrittenLog,
  corpusAnalysedNotification,
  defaultSettings,
  entitiesChangedNotification,
  timelineChangedNotification,
  fixCorpusRequest,
  indexingProgressTitle,
  languageStatusRequest,
  setLanguageRequest,
  type SeedCorpusInitializationOptions,
  type SeedCorpusSettings,
} from './protocol';
import { Workspace } from './workspace';
import { loadKnowledgeBase, updateKnowledgeBase, type Corpus } from './corpus';
import { knowledgeBaseEdit, registerEntityFeatures, semanticTokensLegend } from './entityFeatures';
import { throwIfCancelled, tokenOf } from './lsp/cancellation';
import { DiskDiagnostics } from './lsp/diskDiagnostics';
import { MentionIndex } from './mentionIndex';
import { inSlices, registerTimelineRequests, TimelineIndex, timelineInlayHints } from './timelineFeatures';
import { LruCache } from './core/lru';
import { LineIndex } from './core/text';

/** Edits of a knowledge base closer together than this are taken as one (each re-checks its whole corpus). */
const knowledgeBaseDebounceMs = 250;
/** Diagnostics of articles as on disk wait this long at most, to go out together (see `DiskDiagnostics`). */
const diskVerdictDelayMs = 50;
/** The indexing progress is reported at most this often. */
const progressIntervalMs = 100;
/** The timeline is sorted no sooner than this after a pass … */
const primeDelayMs = 250;
/** … and once the client has sent nothing for this long (see `analyseCorpus`). */
const quietMs = 250;
/** After the analyses of the corpus settle, the cache is written this much later. */
const cacheSaveDelayMs = 2000;
/** Changes of mentions and events are announced at most this often (the views refresh on each). */
const viewRefreshDelayMs = 200;
/** URIs of this many files are kept made (see `uriOf`). */
const fileUrisKept = 50_000;
/** An open document is indexed once its edits pause this long … */
const indexPauseMs = 150;
/** … or this long after its first edit not indexed, when typing goes on. */
const indexMaxWaitMs = 1000;
/** The server keeps every article's timeline events. */
const withEvents = { events: true };
/**
 * Articles from disk up to this size are analysed in this thread too, one per turn of the event loop, beside the
 * analysis threads (see `AnalysisPool`); a larger one goes to a thread, so a request waits for no more than some
 * 20 ms of analysis.
 */
const laneLargestBytes = 16_384;

/** A notification sent at most once per `viewRefreshDelayMs`, however many changes call for it. */
function throttledNotification(connection: Connection, type: NotificationType0): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      void connection.sendNotification(type);
    }, viewRefreshDelayMs);
  };
}

interface Analysed {
  /** Document version analysed. */
  version: number;
  analysis: Analysis;
}

/** Whether a requested code action kind (`source.fixAll`) covers `kind` (`source.fixAll.seedCorpus`): a dotted hierarchy. */
function kindIncludes(requested: string, kind: string): boolean {
  return kind === requested || kind.startsWith(requested + '.');
}

/** The file path of a `file:` URI; undefined for any other URI, one with a host, or a value that is no URI at all. */
function toPath(uri: unknown): string | undefined {
  if (typeof uri !== 'string' || !uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** `lastMessageAt`: when the client last sent a message (`performance.now()`), where the transport tells. */
export function startServer(connection: Connection, { lastMessageAt }: { lastMessageAt?: () => number } = {}): void {
  const documents = new TextDocuments(TextDocument);
  const docs = new RuleDocs();
  /** Open documents: the analysis of the version last analysed. */
  const results = new Map<string, Analysed>();
  /** Articles as on disk: what was last analysed from their bytes (kept for the cache). */
  const onDisk = new Map<string, CachedAnalysis>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** Open documents waiting for their edits to settle (see `scheduleAnalysis`). */
  const settling = new Set<string>();
  let workspace = new Workspace([]);
  let canPullConfiguration = false;
  let canShowProgress = false;
  let canRefreshSemanticTokens = false;
  const workerScript = path.join(__dirname, 'analysisWorker.js');
  // The analysis threads' code identifies the build: a cache written by another build is not used.
  const build = sha1(readFileSync(workerScript));
  const pool = new AnalysisPool(workerScript, Infinity, {
    lane: { largestBytes: laneLargestBytes },
    onIdleEnd: (threads) => {
      connection.console.log(`${analysisThreadsEndedLog} (${threads}), giving back their memory; the next analysis in threads starts them again.`);
      scheduleCacheSave();
    },
  });
  let cacheFile: string | undefined;
  let cacheSaveTimer: NodeJS.Timeout | undefined;
  /** `onDisk` differs from the cache file: a warm start that found every hash unchanged writes nothing. */
  let cacheDirty = false;
  /** The timeline's sort after a pass, while it runs: the cache is written after it. */
  let sortingTimeline: Promise<void> | undefined;
  /** The last cache write started (settled when it is done). */
  let cacheSaved: Promise<void> = Promise.resolve();
  /** Each corpus pass gets a number; results of a pass that a newer one replaced are dropped. */
  let passNumber = 0;
  /**
   * The newest analysis from disk asked for each file, by number. Two threads may analyse one file at once (closed,
   * then changed on disk): the older reading can answer last, and must not replace the newer one.
   */
  const newestDiskAnalysis = new Map<string, number>();
  let diskAnalyses = 0;
  const mentions = new MentionIndex(indexUnindexed);
  const timeline = new TimelineIndex(indexUnindexed);
  let inlayHints = defaultSettings.timeline.inlayHints;
  const announceEntitiesChanged = throttledNotification(connection, entitiesChangedNotification);
  const announceTimelineChanged = throttledNotification(connection, timelineChangedNotification);

  /** Keeps the mention and timeline indexes in step with a file's newest analysis. */
  function index(file: string, summary: FileSummary): void {
    unindexed.delete(file);
    unchangedUnindexed.delete(file);
    if (mentions.set(file, summary)) announceEntitiesChanged();
    if (timeline.set(file, summary.events)) announceTimelineChanged();
  }

  /**
   * Open documents analysed but not indexed yet. Summarising a 100 KB article took a third of each keystroke's
   * time, and nothing the editor waits for needs it: the indexes take an open document once its edits pause
   * (`indexPauseMs`, at the latest `indexMaxWaitMs` after the first unindexed edit), or at once when a request
   * reads them.
   */
  const unindexed = new Map<string, Analysis>();
  /** Settled once the workspace has been scanned for the first time (see `currentAnalysis`). */
  let scanned: () => void = () => undefined;
  const firstScan = new Promise<void>((resolve) => (scanned = resolve));
  let indexTimer: NodeJS.Timeout | undefined;
  let unindexedSince = 0;

  function indexSoon(file: string, analysis: Analysis): void {
    if (unindexed.size === 0) unindexedSince = Date.now();
    unindexed.set(file, analysis);
    clearTimeout(indexTimer);
    indexTimer = setTimeout(indexUnindexed, Math.max(0, Math.min(indexPauseMs, unindexedSince + indexMaxWaitMs - Date.now())));
  }

  /**
   * Cached summaries that a pass found unchanged on disk, not indexed yet. The server's thread is what a warm start
   * waits for, and indexing the mentions of 10,000 articles was a fifth of it: such a pass publishes the diagnostics
   * first, and indexes these after its notification, in slices (`indexUnchangedSteps`), or at once when a request
   * reads the indexes before that.
   */
  const unchangedUnindexed = new Map<string, FileSummary>();

  /** Indexes one summary of `unchangedUnindexed`, unless the file is open (its editor's text is indexed instead). */
  function indexUnchanged(file: string, summary: FileSummary): void {
    unchangedUnindexed.delete(file);
    if (!openDocument(file)) index(file, summary);
  }

  function* indexUnchangedSteps(): Generator<void, void> {
    // Entries a request indexed meanwhile are gone from the map, and its iteration skips them.
    for (const [file, summary] of unchangedUnindexed) {
      indexUnchanged(file, summary);
      yield;
    }
  }

  function indexUnindexed(): void {
    // Called before every read of the indexes (the Entities view reads the counts of 20,000 entities one by one).
    if (unchangedUnindexed.size > 0) for (const [file, summary] of unchangedUnindexed) indexUnchanged(file, summary);
    if (unindexed.size === 0) return;
    clearTimeout(indexTimer);
    indexTimer = undefined;
    for (const [file, analysis] of unindexed) index(file, summaryOf(file, analysis));
  }

  /** An open document's summary: its events are read here, when the indexes first need them, never on a keystroke. */
  function summaryOf(file: string, analysis: Analysis): FileSummary {
    try {
      return summarise(analysis);
    } catch (error) {
      // Left unindexed, it would throw again at every read of the indexes.
      return analysisFailed(file, (error as Error).stack ?? String(error));
    }
  }

  /** Files whose last published diagnostics had problems, or were an open document's (of a version). */
  const shown = new Set<string>();
  const diskDiagnostics = new DiskDiagnostics((params) => void connection.sendDiagnostics(params), diskVerdictDelayMs);

  function publish(file: string, findings: readonly Finding[], version?: number): void {
    // An article on disk with nothing to show and nothing shown before needs no message: half of a warm start's
    // 10,000 messages were empty lists the editor never had anything to clear for. An open document's version is
    // always answered, and so is the disk's verdict once it is closed (clients wait for both).
    if (findings.length === 0 && version === undefined && !shown.has(file)) return;
    if (findings.length > 0 || version !== undefined) shown.add(file);
    else shown.delete(file);
    const diagnostics = findings.map((f) => toDiagnostic(f, docs));
    if (version === undefined) diskDiagnostics.queue(uriOf(file), diagnostics);
    else diskDiagnostics.sendNow({ uri: uriOf(file), version, diagnostics });
  }

  function analysisFailed(file: string, why: string): FileSummary {
    connection.console.error(`Analysis of ${file} failed: ${why}`);
    const finding: Finding = { ruleId: 'analysis-failed', severity: 'error', message: `Seed Corpus could not analyse this file: ${why.split('\n')[0]}`, span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    return { findings: [finding], mentions: [], events: [] };
  }

  /** The URI of each open document, by path (kept on open and close): looked up for every entry of a timeline. */
  const openUris = new Map<string, string>();
  /** URIs of files as made for answers (`pathToFileURL` was a tenth of a request for 30,000 references). */
  const fileUris = new LruCache<string, string>(fileUrisKept);
  const uriOf = (file: string) => openUris.get(file) ?? fileUris.getOrCompute(file, () => fileUri(file));
  const openDocument = (file: string) => {
    const uri = openUris.get(file);
    return uri === undefined ? undefined : documents.get(uri);
  };

  /** Analyses an open article. The editor shows undecodable bytes as U+FFFD; the disk says whether the file is UTF-8 at all. */
  async function analyseOpen(document: TextDocument, file: string): Promise<Analysis> {
    const fileContext = workspace.fileContext(file);
    const config = workspace.configOf(file);
    const text = document.getText();
    const bytes = text.includes('\ufffd') ? await fs.readFile(file).catch(() => undefined) : undefined;
    return bytes && decodeUtf8(bytes) === undefined ? analyzeArticle({ bytes, file: fileContext }, config, withEvents) : analyzeArticle({ text, file: fileContext }, config, withEvents);
  }

  /** Analyses an open article in the server's thread and publishes its diagnostics; never throws. */
  async function analyseDocument(document: TextDocument, file: string): Promise<number> {
    let analysis: Analysis;
    try {
      analysis = await analyseOpen(document, file);
    } catch (error) {
      const failed = analysisFailed(file, (error as Error).stack ?? String(error));
      publish(file, failed.findings, document.version);
      return 1;
    }
    // A newer edit arrived while this one was analysed: its own run will publish.
    if (openDocument(file)?.version !== document.version) return 0;
    results.set(file, { version: document.version, analysis });
    publish(file, analysis.findings, document.version);
    indexSoon(file, analysis);
    return analysis.findings.length;
  }

  /** The state the analysis threads need of a corpus, and its signature (the cache key besides the bytes). */
  function corpusState(corpus: Corpus, file: string): CorpusState {
    const config = workspace.configOf(file);
    const names = corpus.names.names();
    const signatureWith = (knowledgeBaseHash: string | null) => sha1(JSON.stringify([build, config, names, knowledgeBaseHash]));
    const unread = corpus.knowledgeBase?.unread ? corpus.knowledgeBase : undefined;
    if (unread) {
      // A knowledge base not parsed yet, whose very text the cache's analysis of `file` was made with as a readable
      // one, is readable still (this build reads a text as the build that wrote the cache did): a warm start's pass
      // needs nothing else of it.
      const signature = signatureWith(unread.text.hash);
      if (onDisk.get(file)?.signature === signature) return { key: corpus.root, signature, config, names, knowledgeBase: unread.text.value };
    }
    const { catalog, goodText } = corpus.knowledgeBase ?? {};
    if (!catalog || !goodText) return { key: corpus.root, signature: signatureWith(null), config, names };
    return { key: corpus.root, signature: signatureWith(goodText.hash), config, names, entityNames: knowledgeBaseNames(catalog) };
  }

  /**
   * Analyses articles as on disk in the analysis threads, reusing what the cache knows; publishes each as it
   * comes. Open documents are left to `analyseDocument`: their text is the editor's. `indexUnchangedLater`: a pass
   * over the corpus indexes what the cache already knew after its notification (see `unchangedUnindexed`).
   */
  async function analyseFromDisk(files: readonly string[], pass: number, onDone: (findings: number) => void, { indexUnchangedLater = false } = {}): Promise<void> {
    const states = new Map<Corpus, CorpusState>();
    await Promise.all(
      files.map(async (file) => {
        const corpus = workspace.corpusOf(file);
        if (!corpus) return onDone(0);
        let state = states.get(corpus);
        if (!state) {
          states.set(corpus, (state = corpusState(corpus, file)));
          // The lane in this thread analyses with the corpus's own index of names and the catalog the entities' names
          // come from, not second copies of them.
          pool.setCorpus(state, { names: corpus.names, catalog: state.entityNames !== undefined ? corpus.knowledgeBase?.catalog : undefined });
          publishWaitingProblems(corpus);
        }
        const known = onDisk.get(file);
        const current = known?.signature === state.signature;
        // Analysed before another knowledge base or configuration: what it read of the same bytes may still hold.
        const earlier = known && !current ? () => ({ hash: known.hash, ...earlierOf(known.summary) }) : undefined;
        const asked = ++diskAnalyses;
        newestDiskAnalysis.set(file, asked);
        const reply = await pool.analyse({ file, corpus: state.key, cachedHash: current ? known.hash : undefined, events: true, earlier });
        if (pass !== passNumber || reply.error === 'cancelled') return;
        if (newestDiskAnalysis.get(file) !== asked) return onDone(0);
        newestDiskAnalysis.delete(file);
        if (openDocument(file) || !workspace.has(file)) return onDone(0);
        if (reply.missing) {
          forget(file);
          return onDone(0);
        }
        const summary = reply.unchanged && known ? known.summary : reply.summary ?? analysisFailed(file, reply.error ?? 'no result');
        if (reply.hash && reply.summary) {
          onDisk.set(file, { hash: reply.hash, signature: state.signature, summary: reply.summary });
          cacheDirty = true;
        }
        if (reply.unchanged && known && indexUnchangedLater) unchangedUnindexed.set(file, summary);
        else index(file, summary);
        publish(file, summary.findings);
        onDone(summary.findings.length);
      }),
    );
  }

  /** Re-analyses articles after a change (open ones: the editor's text, the rest in one batch from disk); never throws. */
  async function analyseAndPublish(files: Iterable<string>): Promise<void> {
    const fromDisk: string[] = [];
    for (const file of files) {
      if (!workspace.has(file)) continue;
      const document = openDocument(file);
      if (document) await analyseDocument(document, file);
      else fromDisk.push(file);
    }
    await analyseFromDisk(fromDisk, passNumber, () => undefined);
  }

  function forget(file: string): void {
    results.delete(file);
    unindexed.delete(file);
    unchangedUnindexed.delete(file);
    if (onDisk.delete(file)) cacheDirty = true;
    if (mentions.delete(file)) announceEntitiesChanged();
    if (timeline.delete(file)) announceTimelineChanged();
    shown.delete(file);
    diskDiagnostics.queue(uriOf(file), []);
  }

  /**
   * Analyses every article (of one corpus, or all): open ones first in this thread, then the rest in the analysis
   * threads, with a progress notification "Indexing seeds: n / N". A newer pass replaces an unfinished one.
   */
  async function analyseCorpus(only?: Corpus): Promise<void> {
    const pass = ++passNumber;
    pool.clearQueue();
    const started = Date.now();
    const files = only ? workspace.corpora().get(only) ?? [] : workspace.articlePaths();
    const progress = await indexingProgress(files.length);
    let done = 0;
    let findings = 0;
    const onDone = (count: number) => {
      done++;
      findings += count;
      progress.report(done);
    };
    for (const document of documents.all()) {
      const file = toPath(document.uri);
      if (file && files.includes(file)) onDone(await analyseDocument(document, file));
    }
    await analyseFromDisk(files.filter((file) => !openDocument(file)), pass, onDone, { indexUnchangedLater: true });
    progress.done();
    if (pass !== passNumber) return;
    // Every article's diagnostics are out before the corpus is announced analysed.
    diskDiagnostics.flush();
    const announced = connection.sendNotification(corpusAnalysedNotification, { files: files.length, findings, durationMs: Date.now() - started });
    // The open articles' mentions may have changed with the knowledge base or the settings: the editor keeps the
    // tokens it has until an edit or this.
    if (canRefreshSemanticTokens && documents.all().length > 0) connection.languages.semanticTokens.refresh().catch(() => undefined);
    scheduleCacheSave();
    // The pass leaves the analysis threads nothing to do, and little may come for long (typing is analysed in this
    // thread): they end now rather than after their idle time, so that their heaps (some 70 MiB each after a 10k
    // pass) are given back before the timeline is sorted. The next job starts them again.
    const threadsEnded = pool.endIdleThreads();
    // The Corpus Timeline's first request would otherwise sort the timeline (a second at 10k articles). Sorted once
    // the client has been quiet for a moment: what the editor sends on the notification (an open document to analyse)
    // and a burst of requests after it go first, not between slices of the sort and the collection its allocations
    // bring on. The cache is written after it (see `scheduleCacheSave`).
    let startPriming!: () => void;
    const sorting: Promise<void> = new Promise<void>((resolve) => (startPriming = resolve))
      .then(() => {
        if (pass !== passNumber) return;
        for (const corpus of problemsWaiting) publishWaitingProblems(corpus, true);
        return inSlices(indexUnchangedSteps(), quietTurn).then(() => (pass === passNumber ? timeline.prime(catalogs(), quietTurn) : undefined));
      })
      .catch((error) => connection.console.error(`Indexing the corpus and sorting the timeline ahead failed: ${(error as Error).stack ?? error}`))
      .finally(() => {
        // A newer pass's sort may have begun meanwhile: the write waits for that one.
        if (sortingTimeline === sorting) sortingTimeline = undefined;
        scheduleCacheSave();
      });
    sortingTimeline = sorting;
    Promise.all([announced, threadsEnded]).then(
      () => whenQuiet(startPriming),
      () => startPriming(),
    );
  }

  /**
   * Runs `task` once the client has sent nothing for `quietMs`, looking from `primeDelayMs` on; where the transport
   * does not tell when it last sent, after `primeDelayMs`.
   */
  function whenQuiet(task: () => void, afterMs = primeDelayMs): void {
    const look = () => {
      const quietFor = performance.now() - (lastMessageAt?.() ?? Number.NEGATIVE_INFINITY);
      if (quietFor >= quietMs) setImmediate(task);
      else setTimeout(look, quietMs - quietFor);
    };
    if (afterMs > 0) setTimeout(look, afterMs);
    else look();
  }

  /**
   * The pause between two slices of work done ahead of need: the next turn of the event loop once the client is
   * quiet, so a burst of requests holds the work up, not the other way round.
   */
  function quietTurn(): Promise<void> {
    return new Promise((resolve) => whenQuiet(resolve, 0));
  }

  /** "Indexing seeds: n / N" in the editor's status bar, when the client shows server progress. */
  async function indexingProgress(total: number): Promise<{ report(done: number): void; done(): void }> {
    const reporter = canShowProgress && total > 0 ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    if (!reporter) return { report: () => undefined, done: () => undefined };
    reporter.begin(indexingProgressTitle, 0, `0 / ${total}`, false);
    let reportedAt = 0;
    return {
      report(done) {
        const now = Date.now();
        if (now - reportedAt < progressIntervalMs && done < total) return;
        reportedAt = now;
        reporter.report(Math.floor((done / total) * 100), `${done} / ${total}`);
      },
      done: () => reporter.done(),
    };
  }

  /**
   * Writes the cache a moment after it changed, once the analysis threads have ended (or at shutdown) and the
   * timeline is sorted. Written 2 s after the pass, while the threads still held their heaps, the writing thread and
   * the entries it is sent took a 10k cold index's peak to 604-612 MiB, against 524-533 MiB then; the sort of a 100k
   * timeline takes longer than those 2 s, and what it makes and drops would add to the write's.
   */
  function scheduleCacheSave(): void {
    if (!cacheFile || !cacheDirty || pool.threads > 0 || sortingTimeline) return;
    clearTimeout(cacheSaveTimer);
    cacheSaveTimer = setTimeout(() => void saveCache().catch((error: Error) => connection.console.warn(`Seed Corpus could not write its cache ${cacheFile}: ${error.message}`)), cacheSaveDelayMs);
  }

  /**
   * Writes the cache if it changed, after any write under way (shutdown waits for it: a 100k cache takes a while, and
   * a process that exits mid-write loses it); a failed write leaves it to be written again. Not while analysis threads
   * run (a job may have started them since the write was scheduled): their end schedules it again.
   */
  function saveCache(): Promise<void> {
    const save = cacheSaved.catch(() => undefined).then(async () => {
      if (!cacheFile || !cacheDirty || pool.threads > 0) return;
      cacheDirty = false;
      try {
        const entries = new Map([...onDisk].filter(([file]) => workspace.has(file)));
        await saveAnalysisCacheInThread(cacheFile, build, entries, path.join(__dirname, 'analysisCacheWriter.js'));
        connection.console.log(`${cacheWrittenLog}: ${entries.size} articles in ${cacheFile}.`);
      } catch (error) {
        cacheDirty = true;
        throw error;
      }
    });
    cacheSaved = save;
    return save;
  }

  async function loadSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    const section = (await connection.workspace.getConfiguration('seedCorpus')) as Partial<SeedCorpusSettings> | null;
    workspace.setSettings({
      rules: { ...defaultSettings.rules, ...(section?.rules ?? {}) },
      languages: Array.isArray(section?.languages) ? section.languages : defaultSettings.languages,
      files: Array.isArray(section?.files) ? section.files : defaultSettings.files,
      timeline: { inlayHints: section?.timeline?.inlayHints !== false },
      maxArticleSize: typeof section?.maxArticleSize === 'number' && section.maxArticleSize > 0 ? section.maxArticleSize : undefined,
    });
    const showHints = section?.timeline?.inlayHints !== false;
    if (showHints !== inlayHints) {
      inlayHints = showHints;
      connection.languages.inlayHint.refresh().catch(() => undefined);
    }
  }

  async function reportConfigProblems(): Promise<void> {
    for (const [file, problems] of await workspace.configProblems()) {
      connection.window.showWarningMessage(`Seed Corpus: ${path.basename(file)}: ${problems.join(' ')}`);
    }
  }

  /**
   * Analyses an open article once its edits settle: when a whole turn of the event loop passed without a new
   * version. The protocol library handles one message per turn, so a burst of edits is one analysis, and a single
   * keystroke is analysed at once, without a fixed delay.
   */
  function scheduleAnalysis(document: TextDocument): void {
    const file = toPath(document.uri);
    if (!file || settling.has(file)) return;
    if (isKnowledgeBase(file)) {
      clearTimeout(timers.get(file));
      timers.set(file, setTimeout(() => {
        timers.delete(file);
        const text: unknown = documents.get(document.uri)?.getText();
        void knowledgeBaseChanged(file, typeof text === 'string' ? text : undefined);
      }, knowledgeBaseDebounceMs));
      return;
    }
    settling.add(file);
    let seen: number | undefined;
    const settle = () => {
      const current = documents.get(document.uri);
      if (!current) return settling.delete(file);
      if (current.version !== seen) {
        seen = current.version;
        return setImmediate(settle);
      }
      settling.delete(file);
      if (workspace.has(file)) void analyseDocument(current, file);
    };
    setImmediate(settle);
  }

  /** The stored analysis of an open document, refreshed when it is older than the buffer. */
  async function currentAnalysis(document: TextDocument): Promise<Analysis | undefined> {
    // Before the first scan no file is known as an article yet: VS Code asks for the semantic tokens of the editors
    // it restores at once, and does not ask again for an answer it got, even an empty one.
    await firstScan;
    const file = toPath(document.uri);
    if (!file || !workspace.has(file)) return undefined;
    const stored = results.get(file);
    if (stored && stored.version === document.version) return stored.analysis;
    const analysis = await analyseOpen(document, file);
    results.set(file, { version: document.version, analysis });
    indexSoon(file, analysis);
    return analysis;
  }

  /** Publishes the problems of each corpus's knowledge base on the knowledge-base file. */
  function publishKnowledgeBaseProblems(corpus: Corpus): void {
    const kb = corpus.knowledgeBase;
    if (!kb) return;
    // Lines are indexed only for a problem to place: a clean 14 MB file took 50 ms of every start.
    let lines: LineIndex | undefined;
    const diagnostics: Diagnostic[] = kb.problems.map((p) => ({
      range: (lines ??= new LineIndex(kb.text.value)).rangeOf(p.span),
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: diagnosticSource,
      code: 'knowledge-base',
      // While the file cannot be read at all, the entities of its last readable version stay in use.
      message: kb.catalog && kb.text !== kb.goodText ? `${p.message} The last valid version stays in use.` : p.message,
    }));
    void connection.sendDiagnostics({ uri: uriOf(kb.file), diagnostics });
  }

  /** Takes a knowledge base's new text (editor or disk); re-checks the corpus's articles when the usable version changed. */
  async function knowledgeBaseChanged(file: string, text: string | undefined): Promise<void> {
    for (const corpus of workspace.corporaWithKnowledgeBase(file)) {
      const changed = text === undefined ? (await loadKnowledgeBase(corpus), true) : updateKnowledgeBase(corpus, file, text);
      publishKnowledgeBaseProblems(corpus);
      if (!changed) continue;
      await analyseCorpus(corpus);
      announceEntitiesChanged();
      announceTimelineChanged();
    }
  }

  /** After a scan the corpora hold the knowledge bases from disk; open editors may hold newer text. */
  function adoptOpenKnowledgeBases(): void {
    problemsWaiting.clear();
    for (const corpus of workspace.corpusList()) {
      const kb = corpus.knowledgeBase;
      const open = kb && openDocument(kb.file);
      if (open) updateKnowledgeBase(corpus, kb.file, open.getText());
      // One not parsed yet is left so until a pass needs it read (see `corpusState`) or has ended.
      if (kb?.unread && !open) problemsWaiting.add(corpus);
      else publishKnowledgeBaseProblems(corpus);
    }
  }

  /** Corpora whose knowledge base's problems wait for it to be parsed (see `adoptOpenKnowledgeBases`). */
  const problemsWaiting = new Set<Corpus>();

  /** Publishes the problems of a corpus's waiting knowledge base once it is parsed, or at once (`parse`), parsing it. */
  function publishWaitingProblems(corpus: Corpus, parse = false): void {
    if (!problemsWaiting.has(corpus) || (!parse && corpus.knowledgeBase?.unread)) return;
    problemsWaiting.delete(corpus);
    publishKnowledgeBaseProblems(corpus);
  }

  connection.onInitialize((params) => {
    const folders = params.workspaceFolders?.map((f) => toPath(f.uri)).filter((p): p is string => p !== undefined) ?? [];
    if (folders.length === 0 && params.rootUri) {
      const root = toPath(params.rootUri);
      if (root) folders.push(root);
    }
    workspace = new Workspace(folders);
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canShowProgress = params.capabilities.window?.workDoneProgress === true;
    canRefreshSemanticTokens = params.capabilities.workspace?.semanticTokens?.refreshSupport === true;
    const options = params.initializationOptions as SeedCorpusInitializationOptions | undefined;
    if (typeof options?.cacheFolder === 'string' && path.isAbsolute(options.cacheFolder)) cacheFile = cacheFileFor(options.cacheFolder, folders);
    const idleMs = options?.analysisThreadsIdleMs;
    if (typeof idleMs === 'number' && Number.isFinite(idleMs) && idleMs >= 0) pool.idleMs = idleMs;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'Seed Corpus' },
        workspaceSymbolProvider: true,
        completionProvider: { triggerCharacters: [] },
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'seed-corpus' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfiguration) connection.client.register(DidChangeConfigurationNotification.type, { section: 'seedCorpus' }).catch(() => undefined);
    const cached = cacheFile ? loadAnalysisCache(cacheFile, build) : Promise.resolve(new Map<string, CachedAnalysis>());
    try {
      await loadSettings();
      await workspace.scan();
    } finally {
      scanned();
    }
    const loaded = await cached;
    for (const [file, entry] of loaded) if (workspace.has(file)) onDisk.set(file, entry);
    // Entries of files gone since (or a cache of another build, loaded as empty) make the file worth rewriting.
    cacheDirty = onDisk.size !== loaded.size || loaded.size === 0;
    adoptOpenKnowledgeBases();
    await reportConfigProblems();
    await analyseCorpus();
  });

  connection.onShutdown(() => {
    clearTimeout(cacheSaveTimer);
    pool.dispose();
    if (onDisk.size > 0) return saveCache().catch(() => undefined);
  });

  connection.onDidChangeConfiguration(async () => {
    await loadSettings();
    await workspace.scan();
    adoptOpenKnowledgeBases();
    await analyseCorpus();
  });

  const isKnowledgeBase = (file: string | undefined) => file !== undefined && workspace.corporaWithKnowledgeBase(file).length > 0;

  documents.onDidOpen((event) => {
    const file = toPath(event.document.uri);
    if (file) openUris.set(file, event.document.uri);
    scheduleAnalysis(event.document);
  });
  documents.onDidChangeContent((event) => scheduleAnalysis(event.document));
  documents.onDidClose((event) => {
    const file = toPath(event.document.uri);
    if (!file) return;
    if (openUris.get(file) === event.document.uri) openUris.delete(file);
    clearTimeout(timers.get(file));
    results.delete(file);
    // The disk's analysis replaces the editor's: a late indexing of the editor's text would undo it.
    unindexed.delete(file);
    if (isKnowledgeBase(file)) {
      void knowledgeBaseChanged(file, undefined);
      return;
    }
    // Closed unsaved: the disk is the truth again.
    void analyseAndPublish([file]);
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    if (changes.some((c) => toPath(c.uri) !== undefined && path.basename(toPath(c.uri)!) === configFileName)) {
      await workspace.scan();
      await reportConfigProblems();
      await analyseCorpus();
      return;
    }
    const touched = new Set<string>();
    for (const change of changes) {
      const file = toPath(change.uri);
      if (!file) continue;
      if (change.type === FileChangeType.Deleted) {
        workspace.remove(file).forEach((f) => touched.add(f));
        forget(file);
        touched.delete(file);
      } else if (change.type === FileChangeType.Created) {
        (await workspace.add(file)).forEach((f) => touched.add(f));
        touched.add(file);
      } else if (!openDocument(file)) {
        touched.add(file);
      }
      if (isKnowledgeBase(file) && !openDocument(file)) await knowledgeBaseChanged(file, undefined);
    }
    await analyseAndPublish(touched);
  });

  connection.onCodeAction(async (params: CodeActionParams) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const analysis = await currentAnalysis(document);
    if (!analysis?.article) return [];
    const article = analysis.article;
    const only = params.context.only;
    const wantsFixAll = !only || only.some((kind) => kindIncludes(kind, fixAllKind));
    const wantsQuickFixes = !only || only.some((kind) => kindIncludes(kind, CodeActionKind.QuickFix));
    const actions: CodeAction[] = [];
    if (wantsQuickFixes) {
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== diagnosticSource) continue;
        const finding = analysis.findings.find((f) => f.ruleId === diagnostic.code && sameRange(f.range, diagnostic.range));
        if (!finding) continue;
        const corpus = workspace.corpusOf(toPath(document.uri)!);
        if (finding.fix?.addToKnowledgeBase && corpus) {
          const action = CodeAction.create(finding.fix.title, CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.edit = knowledgeBaseEdit(corpus, finding.fix.addToKnowledgeBase, (file) => openDocument(file)?.getText());
          actions.push(action);
        } else if (finding.fix) {
          actions.push(toQuickFix(document.uri, article.index, finding.fix, diagnostic));
        }
        const ignore = ignoreRuleFix(article, finding.ruleId);
        if (ignore) actions.push(toQuickFix(document.uri, article.index, ignore, diagnostic));
      }
    }
    if (wantsFixAll) {
      const file = toPath(document.uri)!;
      const fixed = fixAll({ text: article.text, file: workspace.fileContext(file) }, workspace.configOf(file), { withEditorCommands: false });
      const count = Object.values(fixed.applied).reduce((a, b) => a + b, 0);
      if (count > 0) {
        const action = CodeAction.create(`Fix all safe problems in this article (${count})`, fixAllKind);
        action.edit = { changes: { [document.uri]: toTextEdits(article.index, editsBetween(article.text, fixed.text)) } };
        actions.push(action);
      }
    }
    return actions;
  });

  connection.onRequest(languageStatusRequest, async ({ uri }) => {
    const document = documents.get(uri);
    const file = toPath(uri);
    const analysis = document && (await currentAnalysis(document));
    if (!file || !analysis?.article) return null;
    const config = workspace.configOf(file);
    const report = analysis.language ?? detectLanguage(analysis.article, config, analysis.mentions.map((m) => m.span));
    const declared = headerField(analysis.article.header, 'lang')?.value;
    const declaredTag = typeof declared === 'string' ? declared : undefined;
    return {
      declared: declaredTag,
      declaredValid: declaredTag !== undefined && checkTag(declaredTag).kind !== 'invalid',
      detected: report.language,
      confidence: report.confidence,
      sure: report.sure,
      languages: config.languages,
    };
  });

  connection.onRequest(setLanguageRequest, async ({ uri, tag }): Promise<WorkspaceEdit | null> => {
    const document = documents.get(uri);
    const analysis = document && (await currentAnalysis(document));
    if (!document || !analysis?.article) return null;
    const edits = setHeaderFields(analysis.article.text, analysis.article.header, [['lang', tag]]);
    return edits ? { changes: { [uri]: toTextEdits(analysis.article.index, edits) } } : null;
  });

  connection.onRequest(fixCorpusRequest, async (...args: unknown[]) => {
    const token = tokenOf(args);
    const documentChanges: TextDocumentEdit[] = [];
    let fixes = 0;
    for (const file of workspace.articlePaths()) {
      const document = openDocument(file);
      // A file that is not UTF-8 is left alone, as by `seed-corpus fix`: its text is not known.
      const bytes = await fs.readFile(file).catch(() => undefined);
      // The read let waiting messages in: a cancellation among them stops the whole edit.
      throwIfCancelled(token);
      const fromDisk = bytes && decodeUtf8(bytes);
      if (bytes && fromDisk === undefined) continue;
      const text = document ? document.getText() : fromDisk;
      if (text === undefined) continue;
      const fixed = fixAll({ text, file: workspace.fileContext(file) }, workspace.configOf(file), { withEditorCommands: false });
      if (fixed.text === text) continue;
      const index = analyzeArticle({ text }, workspace.configOf(file)).article!.index;
      documentChanges.push({ textDocument: { uri: document?.uri ?? pathToFileURL(file).href, version: document?.version ?? null }, edits: toTextEdits(index, editsBetween(text, fixed.text)) });
      fixes += Object.values(fixed.applied).reduce((a, b) => a + b, 0);
    }
    return { edit: { documentChanges }, files: documentChanges.length, fixes };
  });

  const catalogs = () => workspace.corpusList().flatMap((c) => (c.knowledgeBase?.catalog ? [c.knowledgeBase.catalog] : []));
  registerTimelineRequests({ connection, timeline, catalogs, uriOf });

  connection.languages.inlayHint.on(async ({ textDocument, range }) => {
    const document = documents.get(textDocument.uri);
    const analysis = inlayHints && document ? await currentAnalysis(document) : undefined;
    const file = toPath(textDocument.uri);
    if (!analysis?.article || !file) return [];
    const hints = timelineInlayHints(timeline.eventsIn(file));
    return hints.filter((h) => h.position.line >= range.start.line && h.position.line <= range.end.line);
  });

  registerEntityFeatures({
    connection,
    documents,
    workspace: () => workspace,
    mentions,
    analysisOf: async (uri) => {
      // Only open documents keep an analysis; the rest of the corpus answers from the indexes.
      const document = documents.get(uri);
      const file = toPath(uri);
      const analysis = document && (await currentAnalysis(document));
      return file && analysis ? { file, analysis } : undefined;
    },
    eventsOf: (entity, limit) => timeline.eventsOf(entity, catalogs(), limit),
    toPath,
    uriOf,
  });

  documents.listen(connection);
  connection.listen();
}
