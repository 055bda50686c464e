/**
 * A lean LSP client for the benchmark: spawns dist/server.js over stdio, answers what the server asks (settings,
 * registrations, progress tokens), keeps no message log (a 100k-article corpus publishes 100k diagnostics) and
 * measures: when the whole-corpus pass ends, when a given version of a document is published, the server's
 * peak memory.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ConfigurationParams,
  type InitializeParams,
  type LogMessageParams,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressBegin,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';

interface ProgressParams<T> {
  token: string | number;
  value: T;
}
import { serverEnvironment } from '../../server/src/launch';
import { analysisThreadsEndedLog, cacheWrittenLog, corpusAnalysedNotification, defaultSettings, indexingProgressTitle, type CorpusAnalysedParams, type SeedCorpusInitializationOptions } from '../../server/src/protocol';
import { assertBuilt, serverJs } from '../lsp/lspClient';

export interface ProgressSeen {
  /** `window/workDoneProgress/create` requests answered. */
  created: number;
  /** Whether a `begin` titled "Indexing seeds" arrived. */
  indexingBegin: boolean;
  reports: number;
  /** The last report's message ("n / N"). */
  lastMessage?: string;
  ended: boolean;
}

interface DiagnosticsWaiter {
  uri: string;
  version: number | null;
  resolve(at: number): void;
}

/** Peak and current resident memory of a process from /proc (Linux), in bytes; undefined elsewhere. */
export function processMemory(pid: number): { peak?: number; current?: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) * 1024 : undefined;
    };
    return { peak: kb('VmHWM'), current: kb('VmRSS') };
  } catch {
    return {};
  }
}

/** Follows a process's peak memory: VmHWM where the kernel keeps it, else the highest VmRSS polled. */
export class MemoryWatch {
  private highest = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, intervalMs = 100) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): number {
    const { peak, current } = processMemory(this.pid);
    this.highest = Math.max(this.highest, peak ?? 0, current ?? 0);
    return this.highest;
  }

  stop(): number {
    clearInterval(this.timer);
    return this.sample();
  }
}

export class BenchServer {
  readonly progress: ProgressSeen = { created: 0, indexingBegin: false, reports: 0, ended: false };
  /** Diagnostics publications received. */
  published = 0;
  stderr = '';
  exited = false;
  readonly memory: MemoryWatch;
  private readonly waiters = new Set<DiagnosticsWaiter>();
  private analysedWaiter?: { resolve(p: CorpusAnalysedParams & { at: number }): void; reject(e: Error): void };
  private readonly indexingTokens = new Set<string | number>();
  /** The analysis threads have ended for want of work since the last pass. */
  private threadsIdle = false;
  private readonly threadsIdleWaiters: Array<() => void> = [];
  /** The server has written its analysis cache since the last pass. */
  private cacheWrittenSincePass = false;
  private readonly cacheWrittenWaiters: Array<() => void> = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    readonly root: string,
  ) {
    this.memory = new MemoryWatch(child.pid!);
  }

  /** `script`: the server bundle to run (default dist/server.js). */
  static start(root: string, script = serverJs): BenchServer {
    assertBuilt(script);
    // Started as the extension starts it.
    const child = spawn(process.execPath, [script, '--stdio'], { cwd: root, stdio: 'pipe', env: { ...process.env, ...serverEnvironment } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new BenchServer(child, connection, root);
    child.stdin.on('error', () => undefined);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      server.stderr = (server.stderr + chunk).slice(-4000);
    });
    child.on('exit', (code, signal) => {
      server.exited = true;
      server.analysedWaiter?.reject(new Error(`server exited (code ${code}, signal ${signal})\n${server.stderr}`));
    });
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) =>
      params.items.map((item) => (item.section === 'seedCorpus' ? structuredClone(defaultSettings) : item.section === undefined ? { seedCorpus: structuredClone(defaultSettings) } : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => {
      server.progress.created++;
      return null;
    });
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
    connection.onNotification('$/progress', (params: ProgressParams<WorkDoneProgressBegin | WorkDoneProgressReport | { kind: 'end' }>) => server.onProgress(params));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => server.onDiagnostics(params));
    connection.onNotification('window/logMessage', ({ message }: LogMessageParams) => {
      if (message.startsWith(cacheWrittenLog)) {
        server.cacheWrittenSincePass = true;
        for (const resolve of server.cacheWrittenWaiters.splice(0)) resolve();
      }
      if (!message.startsWith(analysisThreadsEndedLog)) return;
      server.threadsIdle = true;
      for (const resolve of server.threadsIdleWaiters.splice(0)) resolve();
    });
    connection.onNotification(corpusAnalysedNotification.method, (params: CorpusAnalysedParams) => {
      server.threadsIdle = false;
      server.cacheWrittenSincePass = false;
      const waiter = server.analysedWaiter;
      server.analysedWaiter = undefined;
      waiter?.resolve({ ...params, at: performance.now() });
    });
    connection.listen();
    return server;
  }

  private onProgress({ token, value }: ProgressParams<WorkDoneProgressBegin | WorkDoneProgressReport | { kind: 'end' }>): void {
    if (value.kind === 'begin' && value.title.startsWith(indexingProgressTitle)) {
      this.progress.indexingBegin = true;
      this.indexingTokens.add(token);
    } else if (value.kind === 'report' && this.indexingTokens.has(token)) {
      this.progress.reports++;
      if (value.message) this.progress.lastMessage = value.message;
    } else if (value.kind === 'end' && this.indexingTokens.has(token)) {
      this.progress.ended = true;
    }
  }

  private onDiagnostics(params: PublishDiagnosticsParams): void {
    const at = performance.now();
    this.published++;
    for (const waiter of this.waiters) {
      if (waiter.uri === params.uri && (waiter.version === null || params.version === waiter.version)) {
        this.waiters.delete(waiter);
        waiter.resolve(at);
      }
    }
  }

  /** `initialize` (with the cache folder) and `initialized`; returns the time `initialized` was sent. */
  async initialize(cacheFolder?: string): Promise<number> {
    const rootUri = pathToFileURL(this.root).href;
    const initializationOptions: SeedCorpusInitializationOptions = cacheFolder ? { cacheFolder } : {};
    const params: InitializeParams = {
      processId: process.pid,
      clientInfo: { name: 'seed-corpus-bench' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(this.root) }],
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
        },
        window: { workDoneProgress: true, showMessage: {} },
      },
    };
    await this.connection.sendRequest('initialize', params);
    const sent = performance.now();
    await this.connection.sendNotification('initialized', {});
    return sent;
  }

  /** Resolves once the analysis threads have ended for want of work, at once if they have since the last pass. */
  threadsEnded(timeoutMs: number): Promise<void> {
    if (this.threadsIdle) return Promise.resolve();
    return withTimeout(new Promise<void>((resolve) => this.threadsIdleWaiters.push(resolve)), timeoutMs, 'the analysis threads’ end');
  }

  /** Resolves once the server has written its analysis cache, at once if it has since the last pass. */
  cacheWritten(timeoutMs: number): Promise<void> {
    if (this.cacheWrittenSincePass) return Promise.resolve();
    return withTimeout(new Promise<void>((resolve) => this.cacheWrittenWaiters.push(resolve)), timeoutMs, 'the cache’s write');
  }

  /** Resolves at the next `seedCorpus/corpusAnalysed` (register before the pass can end). */
  nextCorpusAnalysed(timeoutMs: number): Promise<CorpusAnalysedParams & { at: number }> {
    return withTimeout(
      new Promise((resolve, reject) => {
        this.analysedWaiter = { resolve, reject };
      }),
      timeoutMs,
      'seedCorpus/corpusAnalysed',
    );
  }

  /** Resolves with the arrival time of the next publication for `uri` with this version (null: any). */
  nextDiagnostics(uri: string, version: number | null, timeoutMs: number): Promise<number> {
    let waiter: DiagnosticsWaiter | undefined;
    const promise = new Promise<number>((resolve) => {
      waiter = { uri, version, resolve };
      this.waiters.add(waiter);
    });
    return withTimeout(promise, timeoutMs, `publishDiagnostics of ${uri} v${version}`).finally(() => this.waiters.delete(waiter!));
  }

  /** A request and its round-trip time in milliseconds. */
  async timed<R>(method: string, params: unknown, timeoutMs = 60_000): Promise<{ ms: number; result: R }> {
    const started = performance.now();
    const result = await withTimeout(this.connection.sendRequest<R>(method, params), timeoutMs, method);
    return { ms: performance.now() - started, result };
  }

  open(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'seed-article', version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Peak resident memory so far, in bytes. */
  peakMemory(): number {
    return this.memory.sample();
  }

  /** shutdown + exit, then a kill if the process lingers. */
  async dispose(): Promise<void> {
    this.memory.stop();
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), 30_000, 'shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // killed below
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      if (!this.exited) this.child.kill('SIGKILL');
    }
    this.connection.dispose();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
