/**
 * One job of the analysis pool, as an analyser runs it: an analysis thread (analysisWorker.ts), or the pool's lane
 * in the server's own thread (see `AnalysisPool`). It reads the file itself and hashes it. A job that carries the
 * cache's hash is a check, answered unchanged or stale (the pool queues a stale one again as an analysis); any other
 * is analysed, and its summary packed (see fileSummary.ts), or only its findings given when that is all it asks for.
 */
import { lstatSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sha1 } from './analysisCache';
import type { CorpusState, SentJob, WorkerReply } from './analysisPool';
import { analyzeArticle } from './core/analyze';
import type { CorpusConfig } from './core/config';
import { compileKnowledgeBase, type EntityCatalog } from './core/entities/catalog';
import type { KbEntity } from './core/entities/kb';
import { createKnowledgeBase, namesOnly, readKnowledgeBase } from './core/entities/knowledge-base';
import { CorpusFileIndex } from './core/file-index';
import { packSummary } from './fileSummary';

export interface LoadedCorpus {
  signature: string;
  config: CorpusConfig;
  names: CorpusFileIndex;
  /** The knowledge base's text, or the entities' names as JSON, until the first analysis needs them compiled. */
  knowledgeBase?: string;
  entityNames?: string;
  catalog?: EntityCatalog;
}

/**
 * What the thread that runs the pool already has of a corpus, for its lane: the index of its file names, and the
 * entities compiled that the state's `entityNames` were taken from. At 100k articles a second index of the names
 * alone was some 40 MB.
 */
export interface LocalCorpus {
  names: CorpusFileIndex;
  catalog?: EntityCatalog;
}

/** A corpus as its state says, or with what this thread has of it (`local`), which then needs no reading. */
export function loadCorpus({ signature, config, names, knowledgeBase, entityNames }: CorpusState, local?: LocalCorpus): LoadedCorpus {
  if (local?.catalog) return { signature, config, names: local.names, catalog: local.catalog };
  return { signature, config, names: local?.names ?? new CorpusFileIndex(names), knowledgeBase, entityNames };
}

/** What the pool's lane in the server's thread leaves to a thread (answered `forThread`). */
export interface LaneLimits {
  /** An analysis of a larger file (in bytes): it would keep the thread from answering the editor for long. */
  largestBytes: number;
}

/** Runs a job; `lane`: it runs in the pool's lane, which leaves analyses beyond its limits to a thread. */
export function runJob(corpus: LoadedCorpus | undefined, job: SentJob, lane?: LaneLimits): WorkerReply {
  const { id, file, corpus: key, cachedHash, events, findingsOnly } = job;
  if (!corpus) return { id, error: `No corpus state for ${key}.` };
  let bytes: Buffer;
  try {
    // Like the scan, only regular files: a FIFO would block the read for ever, a link may lead out of the workspace.
    const stat = lstatSync(file);
    if (!stat.isFile()) return { id, missing: true, error: 'not a regular file' };
    // A check only hashes the bytes: an analysis is what takes long, and the knowledge base's first reading.
    if (lane && cachedHash === undefined && (stat.size > lane.largestBytes || corpus.knowledgeBase !== undefined || corpus.entityNames !== undefined)) return { id, forThread: true };
    bytes = readFileSync(file);
  } catch (error) {
    return { id, missing: (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR', error: (error as Error).message };
  }
  // Only a check or a summary for the cache needs the hash.
  const hash = findingsOnly && cachedHash === undefined ? undefined : sha1(bytes);
  if (cachedHash !== undefined && hash === cachedHash) return { id, hash, unchanged: true };
  // A check found the file changed: analysed as a job of its own, so that a batch of checks never becomes hundreds
  // of analyses on one analyser while the other has none left.
  if (cachedHash !== undefined) return { id, hash, stale: true };
  readKnowledgeBaseOf(corpus);
  // The bytes an earlier analysis read: after a knowledge-base or configuration edit, what it read still holds.
  const reuse = hash !== undefined && job.earlier?.hash === hash ? job.earlier : undefined;
  const analysis = analyzeArticle({ bytes, file: { name: path.basename(file), corpus: corpus.names, entities: corpus.catalog } }, corpus.config, { events, earlier: reuse });
  return findingsOnly ? { id, findings: analysis.findings } : { id, hash, packed: packSummary(analysis, corpus.config) };
}

/** Reads and compiles the corpus's knowledge base, if its text or its entities' names are still waiting. */
export function readKnowledgeBaseOf(corpus: LoadedCorpus): void {
  if (corpus.entityNames !== undefined) {
    // The entities the server read, with what an analysis reads of them.
    corpus.catalog = compileKnowledgeBase(createKnowledgeBase(JSON.parse(corpus.entityNames) as KbEntity[]));
    corpus.entityNames = undefined;
    return;
  }
  if (corpus.knowledgeBase === undefined) return;
  // A text the server or the command line read entities from, or could not: the same reading gives the same entities.
  const { knowledgeBase } = readKnowledgeBase(corpus.knowledgeBase);
  corpus.catalog = knowledgeBase && compileKnowledgeBase(namesOnly(knowledgeBase));
  corpus.knowledgeBase = undefined;
}
