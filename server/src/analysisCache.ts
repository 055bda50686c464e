/**
 * The analysis cache on disk: for each article, the hash of the bytes analysed, the signature of its corpus
 * (build, config, knowledge base, file names) and the summary. A restart re-analyses only what changed. The file
 * is read whole and checked; anything unexpected (another format, another build, a bad entry) is dropped, never
 * trusted. It is written atomically.
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

const format = 1;

interface CacheFile {
  format: number;
  build: string;
  entries: Record<string, CachedAnalysis>;
}

export function sha1(text: string | Uint8Array): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The cache file of a set of workspace folders, inside the client's storage folder. */
export function cacheFileFor(cacheFolder: string, folders: readonly string[]): string {
  return path.join(cacheFolder, `analysis-${sha1(folders.join('\n')).slice(0, 16)}.json`);
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
  let parsed: CacheFile;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8')) as CacheFile;
  } catch {
    return entries;
  }
  if (parsed?.format !== format || parsed.build !== build || typeof parsed.entries !== 'object' || parsed.entries === null) return entries;
  for (const [article, entry] of Object.entries(parsed.entries)) if (isCachedAnalysis(entry)) entries.set(article, entry);
  return entries;
}

export async function saveAnalysisCache(file: string, build: string, entries: ReadonlyMap<string, CachedAnalysis>): Promise<void> {
  const content: CacheFile = { format, build, entries: Object.fromEntries(entries) };
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, JSON.stringify(content));
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
