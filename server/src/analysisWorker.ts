/**
 * Entry point of dist/analysisWorker.js: one of the threads that analyse the corpus while the server's own
 * thread answers the editor. It reads each file itself and hashes it. A job that carries the cache's hash is a
 * check, answered unchanged or stale (the pool queues a stale one again as an analysis); any other is analysed, and
 * its packed summary (see fileSummary.ts) sent back with the block transferred, or only its findings when that is
 * all the job asks for.
 */
import { lstatSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { analyzeArticle } from './core/analyze';
import type { CorpusConfig } from './core/config';
import { compileKnowledgeBase, type EntityCatalog } from './core/entities/catalog';
import type { KbEntity } from './core/entities/kb';
import { createKnowledgeBase, namesOnly, readKnowledgeBase } from './core/entities/knowledge-base';
import { CorpusFileIndex } from './core/file-index';
import { rememberText } from './core/lru';
import { sha1 } from './analysisCache';
import type { PoolMessage, SentJob, WorkerMessage, WorkerReply } from './analysisPool';
import { packSummary } from './fileSummary';

interface LoadedCorpus {
  signature: string;
  config: CorpusConfig;
  names: CorpusFileIndex;
  /** The knowledge base's text, or the entities' names as JSON, until the first analysis needs them compiled. */
  knowledgeBase?: string;
  entityNames?: string;
  catalog?: EntityCatalog;
}

const corpora = new Map<string, LoadedCorpus>();

// This thread reads each article of the corpus once, and one analysis reads each line once: its per-line caches,
// made for typing (the editor's thread keeps two million characters of lines), are never read again here. Lines
// kept only became old-generation garbage: remembering none gives the same summaries to the byte, with a third
// fewer full collections and 17 MB less at the peak of a 10k cold index.
rememberText(0);

function analyse({ id, file, corpus: key, cachedHash, events, findingsOnly, earlier }: SentJob): WorkerReply {
  const corpus = corpora.get(key);
  if (!corpus) return { id, error: `No corpus state for ${key}.` };
  let bytes: Buffer;
  try {
    // Like the scan, only regular files: a FIFO would block the read for ever, a link may lead out of the workspace.
    if (!lstatSync(file).isFile()) return { id, missing: true, error: 'not a regular file' };
    bytes = readFileSync(file);
  } catch (error) {
    return { id, missing: (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR', error: (error as Error).message };
  }
  // Only a check or a summary for the cache needs the hash.
  const hash = findingsOnly && cachedHash === undefined ? undefined : sha1(bytes);
  if (cachedHash !== undefined && hash === cachedHash) return { id, hash, unchanged: true };
  // A check found the file changed: analysed as a job of its own, so that a batch of checks never becomes hundreds
  // of analyses on one thread while the other has none left.
  if (cachedHash !== undefined) return { id, hash, stale: true };
  readKnowledgeBaseOf(corpus);
  // The bytes an earlier analysis read: after a knowledge-base or configuration edit, what it read still holds.
  const reuse = hash !== undefined && earlier?.hash === hash ? earlier : undefined;
  const analysis = analyzeArticle({ bytes, file: { name: path.basename(file), corpus: corpus.names, entities: corpus.catalog } }, corpus.config, { events, earlier: reuse });
  return findingsOnly ? { id, findings: analysis.findings } : { id, hash, packed: packSummary(analysis, corpus.config) };
}

/** Reads and compiles the corpus's knowledge base, if its text or its entities' names are still waiting. */
function readKnowledgeBaseOf(corpus: LoadedCorpus): void {
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

function send(replies: WorkerReply[]): void {
  const transfers = replies.flatMap((reply) => (reply.packed ? [reply.packed.data.buffer as ArrayBuffer] : []));
  parentPort!.postMessage({ replies } satisfies WorkerMessage, transfers);
}

parentPort?.on('message', (message: PoolMessage) => {
  if (message.type === 'corpus') {
    const { key, signature, config, names, knowledgeBase, entityNames } = message.state;
    const corpus: LoadedCorpus = { signature, config, names: new CorpusFileIndex(names), knowledgeBase, entityNames };
    corpora.set(key, corpus);
    // Read at once: a knowledge base comes with the first analysis, or ahead of the jobs (`AnalysisPool.prepare`).
    try {
      readKnowledgeBaseOf(corpus);
    } catch {
      // Its text is left waiting: the first analysis reads it again and answers the error.
    }
    return;
  }
  // An analysed file's summary is sent at once, so the server indexes it while the next is read. Checks of
  // unchanged files (a warm start) and findings alone (`seed-corpus check`, which waits for every file) go together:
  // a message per article cost the command 1.2 s of its threads' 35 s at 10k.
  const together: WorkerReply[] = [];
  for (const job of message.jobs) {
    let reply: WorkerReply;
    try {
      reply = analyse(job);
    } catch (error) {
      reply = { id: job.id, error: (error as Error).stack ?? String(error) };
    }
    if (reply.packed) send([reply]);
    else together.push(reply);
  }
  if (together.length > 0) send(together);
});
