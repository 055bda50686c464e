/**
 * The analysis cache on disk: for each article, the hash of the bytes analysed, the signature of its corpus
 * (build, config, knowledge base, file names) and the summary. A restart re-analyses only what changed. The file
 * is read whole and checked; anything unexpected (another format, another build, a bad entry) is dropped, never
 * trusted. It is written atomically.
 *
 * The file is JSON Lines: a header `{ format, build }`, then one `[article, entry]` per line. Ten thousand
 * summaries are some 175 MB: written and read line by line, with a pause for the event loop every 64 KB
 * or 50 lines (under a millisecond of work each), the server keeps answering the editor meanwhile.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FileSummary } from './fileSummary';

export interface CachedAnalysis {
  hash: string;
  signature: string;
  summary: FileSummary;
}

const format = 2;

interface CacheHeader {
  format: number;
  build: string;
}

/** Lines parsed, or bytes written, between two pauses for the event loop. */
const linesPerPause = 50;
const bytesPerWrite = 1 << 16;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export function sha1(text: string | Uint8Array): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The cache file of a set of workspace folders, inside the client's storage folder. */
export function cacheFileFor(cacheFolder: string, folders: readonly string[]): string {
  return path.join(cacheFolder, `analysis-${sha1(folders.join('\n')).slice(0, 16)}.jsonl`);
}

function isCachedAnalysis(value: unknown): value is CachedAnalysis {
  const entry = value as CachedAnalysis | null;
  return (
    typeof entry === 'object' && entry !== null &&
    typeof entry.hash === 'string' && typeof entry.signature === 'string' &&
    typeof entry.summary === 'object' && entry.summary !== null &&
    Array.isArray(entry.summary.findings) && Array.isArray(entry.summary.mentions) && Array.isArray(entry.summary.events)
  );
}

/** The entries of the cache file written by this build; empty when there is none or it cannot be trusted. */
export async function loadAnalysisCache(file: string, build: string): Promise<Map<string, CachedAnalysis>> {
  const entries = new Map<string, CachedAnalysis>();
  let lines: string[];
  try {
    lines = (await fs.readFile(file, 'utf8')).split('\n');
    const header = JSON.parse(lines[0]) as CacheHeader;
    if (header?.format !== format || header.build !== build) return entries;
  } catch {
    return entries;
  }
  for (let i = 1; i < lines.length; i++) {
    if (i % linesPerPause === 0) await pause();
    if (lines[i] === '') continue;
    try {
      const [article, entry] = JSON.parse(lines[i]) as [unknown, unknown];
      if (typeof article === 'string' && isCachedAnalysis(entry)) entries.set(article, entry);
    } catch {
      // A damaged line loses its article only: it is analysed afresh.
    }
  }
  return entries;
}

export async function saveAnalysisCache(file: string, build: string, entries: ReadonlyMap<string, CachedAnalysis>): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(temporary, 'w');
  try {
    let chunk = JSON.stringify({ format, build } satisfies CacheHeader) + '\n';
    for (const [article, entry] of entries) {
      chunk += JSON.stringify([article, entry]) + '\n';
      if (chunk.length < bytesPerWrite) continue;
      await handle.write(chunk);
      chunk = '';
    }
    await handle.write(chunk);
    await handle.close();
    await fs.rename(temporary, file);
    // The cache of earlier builds (format 1) was one JSON document beside it: nothing reads it any more.
    await fs.rm(file.replace(/\.jsonl$/, '.json'), { force: true });
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
