/**
 * A minimal LSP client for end-to-end tests of dist/server.js: spawns the server over stdio, speaks real
 * JSON-RPC (vscode-languageserver-protocol), answers the server's requests (configuration, registration),
 * records every notification and lets a test wait for the first one that matches — never by sleeping.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AbstractMessageWriter,
  createMessageConnection,
  StreamMessageReader,
  type CodeAction,
  type Command,
  type ConfigurationParams,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Message,
  type MessageConnection,
  type MessageReader,
  type MessageWriter,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type RegistrationParams,
  type ResponseMessage,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const serverJs = path.join(repoRoot, 'dist', 'server.js');
export const cliJs = path.join(repoRoot, 'dist', 'cli.js');
export const seedsSource = path.join(repoRoot, 'seeds');

/** Generous: a healthy server answers in well under a second; this only turns a hang into a failure. */
export const defaultTimeoutMs = 20_000;

export type RuleOverride = 'default' | 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The `seedCorpus` settings section the client hands out on `workspace/configuration`. */
export interface Settings {
  rules: Record<string, RuleOverride>;
  languages: string[];
  files: string[];
}

export const defaultTestSettings = (): Settings => ({ rules: {}, languages: [], files: ['**/seeds/**/*.txt'] });

// ---------------------------------------------------------------------------------------------------------------
// Temporary workspace: <tmp>/seed-corpus-lsp-XXXX/seeds, a copy of the repository's seeds/.

export interface TempWorkspace {
  /** The workspace folder handed to the server. */
  root: string;
  /** `<root>/seeds`, the copy of the seeds. */
  seeds: string;
  /** Names of the article files copied (sorted). */
  articles: string[];
  pathOf(name: string): string;
  uriOf(name: string): string;
  read(name: string): string;
  write(name: string, content: string | Uint8Array): string;
  remove(name: string): string;
  cleanup(): void;
}

export function makeWorkspace(): TempWorkspace {
  // realpath: on some systems the temp folder is a symlink, and the server reports real paths.
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seed-corpus-lsp-')));
  const seeds = path.join(root, 'seeds');
  fs.cpSync(seedsSource, seeds, { recursive: true });
  const pathOf = (name: string) => path.join(seeds, name);
  return {
    root,
    seeds,
    articles: fs.readdirSync(seeds).filter((n) => n.endsWith('.txt')).sort(),
    pathOf,
    uriOf: (name) => pathToFileURL(pathOf(name)).href,
    read: (name) => fs.readFileSync(pathOf(name), 'utf8'),
    write: (name, content) => {
      fs.writeFileSync(pathOf(name), content);
      return pathToFileURL(pathOf(name)).href;
    },
    remove: (name) => {
      fs.rmSync(pathOf(name));
      return pathToFileURL(pathOf(name)).href;
    },
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The CLI, for cross-checking (same engine).

export interface CliFinding {
  file: string;
  range: Range;
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
  fixable: boolean;
}

export function runCli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  assertBuilt(cliJs);
  const result = spawnSync(process.execPath, [cliJs, ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`seed-corpus ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function assertBuilt(file: string): void {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: build first (node esbuild.mjs, or npx esbuild server/src/main.ts --bundle --platform=node --format=cjs --outfile=dist/server.js)`);
}

// ---------------------------------------------------------------------------------------------------------------
// The session.

export interface Received {
  method: string;
  params: any;
}

/** `Content-Length` framing of one message body; `contentLength` overrides the true length (for framing faults). */
export function frame(body: string | Uint8Array, contentLength?: number): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  return Buffer.concat([Buffer.from(`Content-Length: ${contentLength ?? bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

/**
 * Writes each message in one `write` call, so bytes a test writes raw between messages (`writeRaw`) never land
 * inside one. (The library's own writer writes header and body separately, with an await between.)
 */
class WholeMessageWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
  }

  async write(message: Message): Promise<void> {
    this.stream.write(frame(JSON.stringify(message)));
  }

  end(): void {}
}

/** A reader that shows every incoming message to `tap` (responses to raw requests included) before the connection. */
function tappedReader(reader: MessageReader, tap: (message: Message) => void): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback) =>
      reader.listen((message) => {
        tap(message);
        callback(message);
      }),
    dispose: () => reader.dispose(),
  };
}

interface Waiter {
  since: number;
  match(message: Received): boolean;
  resolve(message: Received): void;
  reject(error: Error): void;
}

export interface WaitOptions {
  /** Only messages at or after this log index count (see `mark()`); default 0, the whole log. */
  since?: number;
  timeoutMs?: number;
}

export class LspSession {
  /** Every notification from the server, in arrival order. */
  readonly log: Received[] = [];
  /** The latest published diagnostics, by uri. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly registrations: Registration[] = [];
  readonly shownMessages: ShowMessageParams[] = [];
  configurationRequests = 0;
  /** `workspace/applyEdit` requests from the server (edits it asked the client to apply; the test client declines them). */
  applyEditRequests = 0;
  stderr = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly waiters = new Set<Waiter>();
  /** Local mirror of open documents, kept in step with what was sent. */
  private readonly documents = new Map<string, TextDocument>();
  /** Raw requests (`rawRequest`, `expectResponse`) still waiting for their response, by id. */
  private readonly rawWaiters = new Map<string | number, { resolve(response: ResponseMessage): void; reject(error: Error): void }>();

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    readonly workspaceRoot: string,
    public settings: Settings,
  ) {}

  static start(workspaceRoot: string, settings: Settings = defaultTestSettings()): LspSession {
    assertBuilt(serverJs);
    const child = spawn(process.execPath, [serverJs, '--stdio'], { cwd: workspaceRoot, stdio: 'pipe' });
    let tap: (message: Message) => void = () => undefined;
    const connection = createMessageConnection(tappedReader(new StreamMessageReader(child.stdout), (m) => tap(m)), new WholeMessageWriter(child.stdin));
    const session = new LspSession(child, connection, workspaceRoot, settings);
    tap = (message) => session.tapResponse(message);
    child.stdin.on('error', () => undefined); // EPIPE after a crash: reported through `exit` instead
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      session.stderr += chunk;
    });
    child.on('exit', (code, signal) => {
      session.exit = { code, signal };
      const error = () => new Error(`server exited (code ${code}, signal ${signal}) while waiting\n${session.describe()}`);
      for (const waiter of session.waiters) waiter.reject(error());
      session.waiters.clear();
      for (const waiter of session.rawWaiters.values()) waiter.reject(error());
      session.rawWaiters.clear();
    });

    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      session.configurationRequests++;
      return params.items.map((item) => {
        if (item.section === 'seedCorpus') return structuredClone(session.settings);
        if (item.section === undefined) return { seedCorpus: structuredClone(session.settings) };
        return null;
      });
    });
    connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
      session.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('window/showMessageRequest', () => null);
    // Logged as the notifications are, for tests to wait for.
    connection.onRequest('workspace/semanticTokens/refresh', () => {
      session.receive({ method: 'workspace/semanticTokens/refresh', params: null });
      return null;
    });
    connection.onRequest('workspace/applyEdit', () => {
      session.applyEditRequests++;
      return { applied: false, failureReason: 'test client does not apply edits' };
    });
    connection.onNotification((method: string, params: any) => session.receive({ method, params }));
    // The protocol library routes $/progress to per-token handlers; the log wants every report.
    connection.onUnhandledProgress((params) => session.receive({ method: '$/progress', params }));
    connection.listen();
    return session;
  }

  private receive(message: Received): void {
    this.log.push(message);
    if (message.method === 'textDocument/publishDiagnostics') this.diagnostics.set(message.params.uri, message.params);
    if (message.method === 'window/showMessage') this.shownMessages.push(message.params);
    for (const waiter of [...this.waiters]) {
      if (this.log.length - 1 >= waiter.since && waiter.match(message)) {
        this.waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  }

  /** The current end of the log: pass as `since` to wait only for messages that arrive from now on. */
  mark(): number {
    return this.log.length;
  }

  /** Resolves with the first notification (at or after `since`) matching; rejects after the timeout or if the server exits. */
  waitFor<P = any>(method: string, predicate: (params: P) => boolean = () => true, options: WaitOptions = {}): Promise<P> {
    const since = options.since ?? 0;
    const match = (m: Received) => m.method === method && predicate(m.params as P);
    const found = this.log.slice(since).find(match);
    if (found) return Promise.resolve(found.params as P);
    if (this.exit) return Promise.reject(new Error(`server already exited (code ${this.exit.code}) — waiting for ${method}\n${this.describe()}`));
    return new Promise<P>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no ${method} matching the expectation within ${timeoutMs} ms\n${this.describe()}`));
      }, timeoutMs);
      const waiter: Waiter = {
        since,
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m.params as P);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.waiters.add(waiter);
    });
  }

  waitForDiagnostics(uri: string, options: WaitOptions & { version?: number; predicate?: (diagnostics: Diagnostic[]) => boolean } = {}): Promise<PublishDiagnosticsParams> {
    return this.waitFor<PublishDiagnosticsParams>(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && (options.version === undefined || p.version === options.version) && (options.predicate?.(p.diagnostics) ?? true),
      options,
    );
  }

  waitForCorpusAnalysed(options: WaitOptions = {}): Promise<{ files: number; findings: number; durationMs: number }> {
    return this.waitFor('seedCorpus/corpusAnalysed', () => true, options);
  }

  /** Published diagnostics between `since` and now, by uri (the last publication of each uri wins). */
  publishedSince(since: number): Map<string, PublishDiagnosticsParams> {
    const result = new Map<string, PublishDiagnosticsParams>();
    for (const m of this.log.slice(since)) if (m.method === 'textDocument/publishDiagnostics') result.set(m.params.uri, m.params);
    return result;
  }

  async initialize(extra: { initializationOptions?: unknown; workDoneProgress?: boolean } = {}): Promise<InitializeResult> {
    const rootUri = pathToFileURL(this.workspaceRoot).href;
    const params: InitializeParams = {
      processId: process.pid,
      clientInfo: { name: 'seed-corpus-lsp-test' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(this.workspaceRoot) }],
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          semanticTokens: { refreshSupport: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: {
            dynamicRegistration: false,
            isPreferredSupport: true,
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          },
        },
        window: { showMessage: {}, workDoneProgress: extra.workDoneProgress ?? false },
      },
      initializationOptions: extra.initializationOptions,
    };
    const result = await this.request<InitializeResult>('initialize', params);
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Initializes and waits for the first whole-corpus pass. */
  async initializeAndAnalyse(): Promise<{ result: InitializeResult; analysed: { files: number; findings: number; durationMs: number } }> {
    const result = await this.initialize();
    const analysed = await this.waitForCorpusAnalysed();
    return { result, analysed };
  }

  /** A request that fails the test instead of hanging when the server does not answer. */
  request<R>(method: string, params?: unknown, timeoutMs = defaultTimeoutMs): Promise<R> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${timeoutMs} ms\n${this.describe()}`)), timeoutMs);
    });
    const sent = params === undefined ? this.connection.sendRequest<R>(method) : this.connection.sendRequest<R>(method, params);
    return Promise.race([sent, timeout]).finally(() => clearTimeout(timer));
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async open(uri: string, text: string, version = 1, languageId = 'plaintext'): Promise<TextDocument> {
    const document = TextDocument.create(uri, languageId, version, text);
    this.documents.set(uri, document);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return document;
  }

  /** Sends incremental changes and applies them to the local mirror; returns the new text. */
  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<TextDocument> {
    const before = this.documents.get(uri);
    if (!before) throw new Error(`${uri} is not open`);
    const after = TextDocument.update(before, changes, version);
    this.documents.set(uri, after);
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return after;
  }

  /** Replaces the whole buffer in one incremental change. */
  replaceAll(uri: string, version: number, text: string): Promise<TextDocument> {
    const before = this.document(uri);
    const end = before.positionAt(before.getText().length);
    return this.change(uri, version, [{ range: { start: { line: 0, character: 0 }, end }, text }]);
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<Array<CodeAction | Command>> {
    return this.request<Array<CodeAction | Command> | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only, triggerKind: 1 } }).then((r) => r ?? []);
  }

  /** The documents open in this session, as last sent (what a client re-opens in a restarted server). */
  openDocuments(): TextDocument[] {
    return [...this.documents.values()];
  }

  // -------------------------------------------------------------------------------------------------------------
  // Raw traffic, for fault injection: bytes the connection would never send, and requests it does not track.

  /** Writes bytes to the server's stdin as they are (frames, broken frames, anything); resolves once they are handed to the pipe. */
  writeRaw(bytes: string | Uint8Array): Promise<void> {
    return new Promise((resolve) => {
      if (!this.child.stdin.write(bytes)) this.child.stdin.once('drain', () => resolve());
      else resolve();
    });
  }

  /** Writes one message body, correctly framed: an object is sent as its JSON, a string or bytes verbatim (malformed JSON too). */
  sendFramed(body: unknown): Promise<void> {
    return this.writeRaw(frame(typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)));
  }

  /**
   * Resolves with the server's response (result or error) to a request this test wrote raw with this `id`; rejects
   * after the timeout or when the server exits. Call it before writing the request.
   */
  expectResponse(id: string | number, timeoutMs = defaultTimeoutMs): Promise<ResponseMessage> {
    return new Promise<ResponseMessage>((resolve, reject) => {
      if (this.exit) return reject(new Error(`server already exited (code ${this.exit.code}) — waiting for the response to ${JSON.stringify(id)}`));
      const timer = setTimeout(() => {
        this.rawWaiters.delete(id);
        reject(new Error(`no response to request ${JSON.stringify(id)} within ${timeoutMs} ms\n${this.describe()}`));
      }, timeoutMs);
      this.rawWaiters.set(id, {
        resolve: (response) => {
          clearTimeout(timer);
          resolve(response);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  /** A request written raw with the caller's id (e.g. to cancel it with `$/cancelRequest`); resolves with the whole response. */
  rawRequest(id: string | number, method: string, params?: unknown, timeoutMs = defaultTimeoutMs): Promise<ResponseMessage> {
    const response = this.expectResponse(id, timeoutMs);
    void this.sendFramed({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    return response;
  }

  /** Asks the server to cancel a raw request (`$/cancelRequest`). */
  cancel(id: string | number): Promise<void> {
    return this.sendFramed({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
  }

  private tapResponse(message: Message): void {
    const response = message as ResponseMessage;
    if ('method' in message || response.id === null || response.id === undefined) return;
    const waiter = this.rawWaiters.get(response.id);
    if (!waiter) return;
    this.rawWaiters.delete(response.id);
    waiter.resolve(response);
  }

  /** Resolves when the server process has exited (at once if it has). */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.exit) return Promise.resolve(this.exit);
    return new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Every diagnostics publication for `uri` (at or after `since`), in arrival order. */
  publicationsOf(uri: string, since = 0): PublishDiagnosticsParams[] {
    return this.log.slice(since).filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri).map((m) => m.params);
  }

  get alive(): boolean {
    return this.exit === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Recent traffic and stderr, for failure messages. */
  describe(): string {
    const recent = this.log.slice(-12).map((m) => {
      const p = m.params ?? {};
      const detail = m.method === 'textDocument/publishDiagnostics' ? `${p.uri} v${p.version} [${p.diagnostics.map((d: Diagnostic) => d.code).join(', ')}]` : JSON.stringify(p).slice(0, 200);
      return `  ${m.method} ${detail}`;
    });
    return `recent notifications:\n${recent.join('\n') || '  (none)'}\nserver stderr:\n${this.stderr.slice(-2000) || '  (empty)'}`;
  }

  /** Polite shutdown (shutdown + exit), then a kill if the process lingers. Always leaves no child behind. */
  async dispose(): Promise<void> {
    if (this.alive) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      try {
        await this.request('shutdown', undefined, 3_000);
        await this.notify('exit');
      } catch {
        // fall through to the kill
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 3_000)))]);
      clearTimeout(timer);
      if (this.alive) this.child.kill('SIGKILL');
    }
    this.connection.dispose();
    for (const waiter of this.waiters) waiter.reject(new Error('session disposed'));
    this.waiters.clear();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers for assertions.

export const severityName: Record<number, CliFinding['severity']> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

export function codesOf(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

export function isCodeAction(item: CodeAction | Command): item is CodeAction {
  return typeof (item as Command).command !== 'string';
}

/**
 * A fresh copy of the seeds, changed first by `prepare`, with a server started on it but not initialized; both go when
 * the test ends.
 */
export function startSession(t: { after(fn: () => unknown): void }, prepare: (ws: TempWorkspace) => void = () => undefined): { ws: TempWorkspace; s: LspSession } {
  const ws = makeWorkspace();
  prepare(ws);
  const s = LspSession.start(ws.root);
  t.after(async () => {
    await s.dispose();
    ws.cleanup();
  });
  return { ws, s };
}

/** `startSession`, initialized and past its first corpus pass. */
export async function startedSession(t: { after(fn: () => unknown): void }, prepare?: (ws: TempWorkspace) => void): Promise<{ ws: TempWorkspace; s: LspSession }> {
  const session = startSession(t, prepare);
  await session.s.initializeAndAnalyse();
  return session;
}

/** Findings as `line:col-line:col severity code message` strings, sorted: what the server and the CLI both say, comparable as lists. */
export function findingKeys(findings: Array<Diagnostic | CliFinding>): string[] {
  return findings
    .map((f) => {
      const { start, end } = f.range;
      const severity = typeof f.severity === 'number' ? severityName[f.severity] : f.severity;
      const message = typeof f.message === 'string' ? f.message : (f.message as { value: string }).value;
      return `${start.line}:${start.character}-${end.line}:${end.character} ${severity} ${String('code' in f ? f.code : '')} ${message}`;
    })
    .sort();
}

/** What `seed-corpus check` says about one article of the seeds with `text` in place of its own (on a fresh copy). */
export function cliFindingKeys(name: string, text: string): string[] {
  const copy = makeWorkspace();
  try {
    copy.write(name, text);
    const findings = JSON.parse(runCli(['check', path.join('seeds', name), '--format', 'json'], copy.root).stdout) as CliFinding[];
    return findingKeys(findings);
  } finally {
    copy.cleanup();
  }
}
