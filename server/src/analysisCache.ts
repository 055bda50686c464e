/**
 * The analysis cache on disk: for each article, the hash of the bytes analysed, the signature of its corpus
 * (build, config, knowledge base, file names) and the summary. A restart re-analyses only what changed. The file
 * is read and checked line by line; anything unexpected (another format, another build, a bad entry) is dropped,
 * never trusted. It is written atomically.
 *
 * The file is JSON Lines: a header `{ format, build, strings }`, then one `[article, entry]` per line, the entry's
 * summary packed as the analysis threads send it (see fileSummary.ts): its findings, its string table and its
 * block in base64. The strings of every summary (entity ids, spellings, values, ...) and the signatures are in
 * the header once; entries name them by their place there, so reading the file interns each string once rather
 * than parsing it again for every article. Ten thousand summaries are some 75 MB: read line by line, a megabyte
 * at a time, with a pause for the event loop every 50 lines (under a millisecond of work each), so the server keeps
 * answering the editor meanwhile. The server has them written by a thread of its own (`saveAnalysisCacheInThread`).
 */
import { createHash } from 'node:crypto';
import { promises as fs, type promises } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CompactSummary, intern, type PackedSummary } from './fileSummary';

export interface CachedAnalysis {
  hash: string;
  signature: string;
  summary: CompactSummary;
}

/** An entry as a line of the file holds it: strings (the signature, the summary's) by their place in the header. */
interface StoredAnalysis {
  hash: string;
  signature: number;
  summary: { findings: unknown[]; strings: unknown[]; data: string; language?: unknown };
}

/** 1: one JSON document; 2: JSON Lines of plain summaries; 3: JSON Lines of packed summaries. */
const format = 3;

interface CacheHeader {
  format: number;
  build: string;
  /** The strings entries name by index. */
  strings: string[];
}

/** Lines parsed, or summaries gone through, between two pauses for the event loop; bytes written at once. */
const linesPerPause = 50;
const bytesPerWrite = 1 << 16;
const summariesPerPause = 1000;
const bytesPerRead = 1 << 20;
/** Longer lines are damaged: a summary of the largest article allowed (2 MB) takes some 6 MB. */
const longestLine = 1 << 26;

type FileHandle = promises.FileHandle;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export function sha1(text: string | Uint8Array): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The cache file of a set of workspace folders, inside the client's storage folder. */
export function cacheFileFor(cacheFolder: string, folders: readonly string[]): string {
  return path.join(cacheFolder, `analysis-${sha1(folders.join('\n')).slice(0, 16)}.jsonl`);
}

function isStoredAnalysis(value: unknown): value is StoredAnalysis {
  const entry = value as StoredAnalysis | null;
  return (
    typeof entry === 'object' && entry !== null &&
    typeof entry.hash === 'string' && typeof entry.signature === 'number' &&
    typeof entry.summary === 'object' && entry.summary !== null &&
    Array.isArray(entry.summary.findings) && Array.isArray(entry.summary.strings) && typeof entry.summary.data === 'string' &&
    (entry.summary.language === undefined || typeof entry.summary.language === 'string')
  );
}

/** A stored entry read back, its strings from the header's (interned); throws when it does not hold together. */
function fromStored({ hash, signature, summary }: StoredAnalysis, strings: readonly string[]): CachedAnalysis {
  const stringAt = (index: unknown): string => {
    const found = typeof index === 'number' ? strings[index] : undefined;
    if (found === undefined) throw new Error('string index out of range');
    return found;
  };
  // The block gets a buffer of its own (Buffer.from would take a slice of a shared pool).
  const data = new Uint8Array(new ArrayBuffer(Buffer.byteLength(summary.data, 'base64')));
  if (Buffer.from(data.buffer).write(summary.data, 'base64') !== data.byteLength) throw new Error('summary block damaged');
  const packed = { findings: summary.findings as CompactSummary['findings'], strings: summary.strings.map(stringAt), data, language: summary.language as string | undefined };
  return { hash, signature: stringAt(signature), summary: new CompactSummary(packed, { interned: true }) };
}

/** The strings of every entry's summary and signature, each once, with their places. */
async function stringTable(entries: ReadonlyMap<string, CachedAnalysis>): Promise<Map<string, number>> {
  const table = new Map<string, number>();
  const add = (text: string) => {
    if (!table.has(text)) table.set(text, table.size);
  };
  let count = 0;
  for (const { signature, summary } of entries.values()) {
    if (++count % summariesPerPause === 0) await pause();
    add(signature);
    for (const text of summary.strings) add(text);
  }
  return table;
}

/** An entry ready for its line: strings (the signature, the summary's) by their place in the header, its block as is. */
export interface IndexedAnalysis {
  hash: string;
  signature: number;
  summary: Omit<PackedSummary, 'strings'> & { strings: number[] };
}

function indexed({ hash, signature, summary }: CachedAnalysis, table: ReadonlyMap<string, number>): IndexedAnalysis {
  const { findings, strings, data, language } = summary.packed();
  return { hash, signature: table.get(signature)!, summary: { findings, strings: strings.map((text) => table.get(text)!), data, language } };
}

function lineOf(article: string, { hash, signature, summary: { findings, strings, data, language } }: IndexedAnalysis): string {
  const stored: StoredAnalysis = { hash, signature, summary: { findings, strings, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'), language } };
  return JSON.stringify([article, stored]) + '\n';
}

/**
 * Writes a cache file: the header, then a line per entry, a chunk at a time, into a temporary file that `finish`
 * puts in place (atomically) and `abandon` removes.
 */
export class CacheFileWriter {
  private chunk: string;

  private constructor(
    private readonly file: string,
    private readonly temporary: string,
    private readonly handle: FileHandle,
    header: CacheHeader,
  ) {
    this.chunk = JSON.stringify(header) + '\n';
  }

  static async create(file: string, build: string, strings: string[]): Promise<CacheFileWriter> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    return new CacheFileWriter(file, temporary, await fs.open(temporary, 'w'), { format, build, strings });
  }

  async add(article: string, entry: IndexedAnalysis): Promise<void> {
    this.chunk += lineOf(article, entry);
    if (this.chunk.length < bytesPerWrite) return;
    await this.handle.write(this.chunk);
    this.chunk = '';
  }

  async finish(): Promise<void> {
    await this.handle.write(this.chunk);
    await this.handle.close();
    await fs.rename(this.temporary, this.file);
    // The cache of earlier builds (format 1) was one JSON document beside it: nothing reads it any more. (Format 2
    // had this file's name: the rename replaced it.)
    await fs.rm(this.file.replace(/\.jsonl$/, '.json'), { force: true });
    await removeLeftovers(this.file);
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await fs.rm(this.temporary, { force: true });
  }
}

/** The entries of the cache file written by this build; empty when there is none or it cannot be trusted. */
export async function loadAnalysisCache(file: string, build: string): Promise<Map<string, CachedAnalysis>> {
  const entries = new Map<string, CachedAnalysis>();
  let handle: FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return entries;
  }
  try {
    const lines = linesOf(handle);
    const first = await lines.next();
    const header = first.done ? undefined : (JSON.parse(first.value) as CacheHeader | null);
    if (header?.format !== format || header.build !== build || !Array.isArray(header.strings) || !header.strings.every((text) => typeof text === 'string')) return entries;
    const strings = header.strings.map(intern);
    let count = 0;
    for await (const line of lines) {
      if (++count % linesPerPause === 0) await pause();
      if (line === '') continue;
      try {
        const [article, entry] = JSON.parse(line) as [unknown, unknown];
        if (typeof article === 'string' && isStoredAnalysis(entry)) entries.set(article, fromStored(entry, strings));
      } catch {
        // A damaged line loses its article only: it is analysed afresh.
      }
    }
    return entries;
  } catch {
    return new Map();
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The lines of a file, read a megabyte at a time: a cache of 100,000 articles (some 600 MB) is longer than a string
 * may be, and need never be in memory whole. A line longer than `longestLine` is given as '' (damaged).
 */
async function* linesOf(handle: FileHandle): AsyncGenerator<string> {
  const chunk = Buffer.allocUnsafe(bytesPerRead);
  let rest: Buffer[] = [];
  let restLength = 0;
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    const data = chunk.subarray(0, bytesRead);
    let start = 0;
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      if (rest.length === 0) yield data.toString('utf8', start, end);
      else {
        yield restLength + end > longestLine ? '' : Buffer.concat([...rest, data.subarray(0, end)]).toString('utf8');
        rest = [];
        restLength = 0;
      }
      start = end + 1;
    }
    // The start of a line that goes on in the next chunk, copied (the chunk is read into again); past the
    // longest line, only its length is kept.
    if (start < bytesRead) {
      restLength += bytesRead - start;
      rest = restLength > longestLine ? [Buffer.alloc(0)] : [...rest, Buffer.from(data.subarray(start))];
    }
  }
  if (rest.length > 0) yield restLength > longestLine ? '' : Buffer.concat(rest).toString('utf8');
}

export async function saveAnalysisCache(file: string, build: string, entries: ReadonlyMap<string, CachedAnalysis>): Promise<void> {
  const table = await stringTable(entries);
  const writer = await CacheFileWriter.create(file, build, [...table.keys()]);
  try {
    for (const [article, entry] of entries) await writer.add(article, indexed(entry, table));
    await writer.finish();
  } catch (error) {
    await writer.abandon();
    throw error;
  }
}

/** What the cache-writing thread is given (see analysisCacheWriter.ts), what it is sent, and what it answers. */
export interface CacheWriterTask {
  file: string;
  build: string;
  strings: string[];
}
export type CacheWriterMessage = { type: 'entries'; entries: Array<[string, IndexedAnalysis]> } | { type: 'end' };
export type CacheWriterReply = { type: 'written' } | { type: 'done' } | { type: 'failed'; message: string };

/** Entries per message to the writing thread, and messages it may hold unwritten (what it holds is copied). */
const entriesPerBatch = 500;
const batchesInFlight = 2;

/**
 * `saveAnalysisCache`, with the lines made and written by a thread of its own (`script`: dist/analysisCacheWriter.js).
 * Written in this thread, the 10k corpus's cache took over a second of it in slices, right after the first pass,
 * while the editor asked its first hovers and completions (their p50 went from 0.7 to 3.2 ms); here this thread
 * only numbers the strings and sends the entries, a few batches at a time.
 */
export async function saveAnalysisCacheInThread(file: string, build: string, entries: ReadonlyMap<string, CachedAnalysis>, script: string): Promise<void> {
  const table = await stringTable(entries);
  const writer = new Worker(script, { workerData: { file, build, strings: [...table.keys()] } satisfies CacheWriterTask });
  let unanswered = 0;
  let answered: (() => void) | undefined;
  const done = new Promise<void>((resolve, reject) => {
    writer.on('message', (reply: CacheWriterReply) => {
      if (reply.type === 'failed') reject(new Error(reply.message));
      else if (reply.type === 'done') resolve();
      else {
        unanswered--;
        answered?.();
      }
    });
    writer.on('error', reject);
    writer.on('exit', (code) => reject(new Error(`the cache writer stopped (exit code ${code})`)));
  });
  done.catch(() => undefined);
  const post = (message: CacheWriterMessage) => writer.postMessage(message);
  try {
    let batch: Array<[string, IndexedAnalysis]> = [];
    const send = async () => {
      post({ type: 'entries', entries: batch });
      batch = [];
      unanswered++;
      while (unanswered >= batchesInFlight) await Promise.race([new Promise<void>((resolve) => (answered = resolve)), done]);
    };
    for (const [article, entry] of entries) {
      batch.push([article, indexed(entry, table)]);
      if (batch.length >= entriesPerBatch) await send();
    }
    if (batch.length > 0) await send();
    post({ type: 'end' });
    await done;
  } finally {
    void writer.terminate();
  }
}

/** Temporary files older than this are left over from writes that never finished (a process killed mid-write). */
const leftoverAgeMs = 60 * 60_000;

/** Removes the temporary files of this cache that writes killed midway left behind (not another's write under way). */
async function removeLeftovers(file: string): Promise<void> {
  const folder = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  for (const name of await fs.readdir(folder).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !/^\d+\.tmp$/.test(name.slice(prefix.length))) continue;
    const stat = await fs.stat(path.join(folder, name)).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > leftoverAgeMs) await fs.rm(path.join(folder, name), { force: true });
  }
}
