/**
 * The analysis cache on disk: for each article, the hash of the bytes analysed, the signature of its corpus
 * (build, config, knowledge base, file names) and the summary. A restart re-analyses only what changed. The file
 * is read and checked record by record; anything unexpected (another format, another build, a bad entry) is
 * dropped, never trusted. It is written atomically.
 *
 * The file is a run of records, each a JSON text and a block of bytes, after their lengths (two 32-bit little-endian
 * numbers). The first record is the header `{ format, build, strings }`; then one record per article: the JSON
 * `[article, entry]` and the block of its summary, packed as the analysis threads send it (see fileSummary.ts). The
 * strings of every summary (entity ids, spellings, values, ...) and the signatures are in the header once; entries
 * name them by their place there, so reading the file interns each string once rather than parsing it again for
 * every article. The blocks are stored as they are: in base64 inside JSON lines (format 3), decoding them and
 * parsing the lines took half of the 10k corpus's second of loading. Ten thousand summaries are some 60 MB: read a
 * megabyte at a time, with a pause for the event loop every 50 records (under a millisecond of work each), so the
 * server keeps answering the editor meanwhile. The server has them written by a thread of its own
 * (`saveAnalysisCacheInThread`).
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

/** An entry as its record's JSON holds it: strings (the signature, the summary's) by their place in the header. */
interface StoredAnalysis {
  hash: string;
  signature: number;
  summary: { findings: unknown[]; strings: unknown[] };
}

/**
 * 1: one JSON document; 2: JSON Lines of plain summaries; 3: JSON Lines of packed summaries, blocks in base64; 4:
 * records of JSON and block; 5: the same, with the language report in the block; 6: the report's scores as floats.
 */
const format = 6;

interface CacheHeader {
  format: number;
  build: string;
  /** The strings entries name by index. */
  strings: string[];
}

/**
 * Records read, or summaries gone through, between two pauses for the event loop; bytes written at once. A write of
 * the 10k corpus's cache that went through 1,000 summaries between pauses and sent 500 entries a message to its
 * thread held the server's thread for up to 16 ms at a time; with 100 (here, and `entriesPerBatch`), mostly under 9 ms.
 */
const recordsPerPause = 50;
const bytesPerWrite = 1 << 16;
const summariesPerPause = 100;
const bytesPerRead = 1 << 20;
/** The lengths before each record's JSON and block. */
const prefixBytes = 8;
/** A longer JSON text or block is damaged: a summary of the largest article allowed (2 MB) takes some 6 MB. */
const longestPart = 1 << 26;

type FileHandle = promises.FileHandle;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export function sha1(text: string | Uint8Array): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The cache file of a set of workspace folders, inside the client's storage folder. */
export function cacheFileFor(cacheFolder: string, folders: readonly string[]): string {
  return path.join(cacheFolder, `analysis-${sha1(folders.join('\n')).slice(0, 16)}.cache`);
}

/**
 * The files earlier formats kept beside it under other names: format 1's JSON, formats 2 and 3's JSON Lines. None
 * for a file of another name, which would otherwise be its own "earlier" file and be removed once written.
 */
const earlierFormatFiles = (file: string) => (file.endsWith('.cache') ? ['.json', '.jsonl'].map((extension) => file.slice(0, -'.cache'.length) + extension) : []);

function isStoredAnalysis(value: unknown): value is StoredAnalysis {
  const entry = value as StoredAnalysis | null;
  return (
    typeof entry === 'object' && entry !== null &&
    typeof entry.hash === 'string' && typeof entry.signature === 'number' &&
    typeof entry.summary === 'object' && entry.summary !== null &&
    Array.isArray(entry.summary.findings) && Array.isArray(entry.summary.strings)
  );
}

/** A stored entry read back with its block, its strings from the header's (interned); throws when it does not hold together. */
function fromStored({ hash, signature, summary }: StoredAnalysis, block: Uint8Array, strings: readonly string[]): CachedAnalysis {
  const stringAt = (index: unknown): string => {
    const found = typeof index === 'number' ? strings[index] : undefined;
    if (found === undefined) throw new Error('string index out of range');
    return found;
  };
  // The block gets a buffer of its own: a view would keep the megabyte it was read with.
  const data = new Uint8Array(block);
  const packed = { findings: summary.findings as CompactSummary['findings'], strings: summary.strings.map(stringAt), data };
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
  const { findings, strings, data } = summary.packed();
  return { hash, signature: table.get(signature)!, summary: { findings, strings: strings.map((text) => table.get(text)!), data } };
}

/** A record: the lengths, the JSON text and the block. */
function recordOf(json: unknown, block?: Uint8Array): Buffer[] {
  const text = Buffer.from(JSON.stringify(json));
  const prefix = Buffer.alloc(prefixBytes);
  prefix.writeUInt32LE(text.byteLength, 0);
  prefix.writeUInt32LE(block?.byteLength ?? 0, 4);
  return block ? [prefix, text, Buffer.from(block.buffer, block.byteOffset, block.byteLength)] : [prefix, text];
}

function entryRecord(article: string, { hash, signature, summary: { findings, strings, data } }: IndexedAnalysis): Buffer[] {
  const stored: StoredAnalysis = { hash, signature, summary: { findings, strings } };
  return recordOf([article, stored], data);
}

/**
 * Writes a cache file: the header, then a record per entry, a chunk at a time, into a temporary file that `finish`
 * puts in place (atomically) and `abandon` removes.
 */
export class CacheFileWriter {
  private chunk: Buffer[];
  private chunkBytes = 0;

  private constructor(
    private readonly file: string,
    private readonly temporary: string,
    private readonly handle: FileHandle,
    header: CacheHeader,
  ) {
    this.chunk = recordOf(header);
  }

  static async create(file: string, build: string, strings: string[]): Promise<CacheFileWriter> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    return new CacheFileWriter(file, temporary, await fs.open(temporary, 'w'), { format, build, strings });
  }

  async add(article: string, entry: IndexedAnalysis): Promise<void> {
    for (const part of entryRecord(article, entry)) {
      this.chunk.push(part);
      this.chunkBytes += part.byteLength;
    }
    if (this.chunkBytes >= bytesPerWrite) await this.flush();
  }

  private async flush(): Promise<void> {
    await this.handle.writev(this.chunk);
    this.chunk = [];
    this.chunkBytes = 0;
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.handle.close();
    await fs.rename(this.temporary, this.file);
    // The caches of earlier builds were files of other names beside it: nothing reads them any more.
    for (const earlier of earlierFormatFiles(this.file)) await fs.rm(earlier, { force: true });
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
    const records = recordsOf(handle);
    const first = await records.next();
    const header = first.done ? undefined : (JSON.parse(first.value.json) as CacheHeader | null);
    if (header?.format !== format || header.build !== build || !Array.isArray(header.strings) || !header.strings.every((text) => typeof text === 'string')) return entries;
    const strings = header.strings.map(intern);
    let count = 0;
    for await (const { json, block } of records) {
      if (++count % recordsPerPause === 0) await pause();
      try {
        const [article, entry] = JSON.parse(json) as [unknown, unknown];
        if (typeof article === 'string' && isStoredAnalysis(entry)) entries.set(article, fromStored(entry, block, strings));
      } catch {
        // A damaged record loses its article only: it is analysed afresh.
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
 * The records of a file, read a megabyte at a time: a cache of 100,000 articles (some 600 MB) need never be in memory
 * whole. A record's block is a view of what was read, good until the next record is asked for. The records end at
 * the end of the file, or at lengths past `longestPart` (nothing after a damaged length can be told apart).
 */
async function* recordsOf(handle: FileHandle): AsyncGenerator<{ json: string; block: Uint8Array }> {
  // Bytes read and not yet given: the start of a record that goes on in the next read.
  let held: Buffer = Buffer.alloc(0);
  for (;;) {
    // A buffer per read: the held bytes are a view of the last one.
    const chunk = Buffer.allocUnsafe(bytesPerRead);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) return;
    const data = held.byteLength === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([held, chunk.subarray(0, bytesRead)]);
    let start = 0;
    while (data.byteLength - start >= prefixBytes) {
      const jsonBytes = data.readUInt32LE(start);
      const blockBytes = data.readUInt32LE(start + 4);
      if (jsonBytes > longestPart || blockBytes > longestPart) return;
      const jsonAt = start + prefixBytes;
      const blockAt = jsonAt + jsonBytes;
      const end = blockAt + blockBytes;
      if (end > data.byteLength) break;
      yield { json: data.toString('utf8', jsonAt, blockAt), block: data.subarray(blockAt, end) };
      start = end;
    }
    held = data.subarray(start);
  }
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
const entriesPerBatch = 100;
const batchesInFlight = 2;
const writerYoungGenerationMb = 4;

/**
 * `saveAnalysisCache`, with the lines made and written by a thread of its own (`script`: dist/analysisCacheWriter.js).
 * Written in this thread, the 10k corpus's cache took over a second of it in slices, right after the first pass,
 * while the editor asked its first hovers and completions (their p50 went from 0.7 to 3.2 ms); here this thread
 * only numbers the strings and sends the entries, a few batches at a time.
 */
export async function saveAnalysisCacheInThread(file: string, build: string, entries: ReadonlyMap<string, CachedAnalysis>, script: string): Promise<void> {
  const table = await stringTable(entries);
  // It holds a few batches at a time: a young generation of V8's default size (16 MB and more) made it the peak of
  // a 10k cold index, some 20 MB above the pass's.
  const writer = new Worker(script, { workerData: { file, build, strings: [...table.keys()] } satisfies CacheWriterTask, resourceLimits: { maxYoungGenerationSizeMb: writerYoungGenerationMb } });
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
      if (batch.length < entriesPerBatch) continue;
      await send();
      // A turn of the event loop between batches, even when the thread has room for the next one at once.
      await pause();
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
