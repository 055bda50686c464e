/**
 * Entry point of dist/analysisWorker.js: one of the threads that analyse the corpus while the server's own
 * thread answers the editor. It runs each job as analysisJob.ts says, and sends a packed summary back with its
 * block transferred.
 */
import { parentPort } from 'node:worker_threads';
import { loadCorpus, readKnowledgeBaseOf, runJob, type LoadedCorpus } from './analysisJob';
import type { PoolMessage, WorkerMessage, WorkerReply } from './analysisPool';
import { rememberText } from './core/lru';

const corpora = new Map<string, LoadedCorpus>();

// This thread reads each article of the corpus once, and one analysis reads each line once: its per-line caches,
// made for typing (the editor's thread keeps two million characters of lines), are never read again here. Lines
// kept only became old-generation garbage: remembering none gives the same summaries to the byte, with a third
// fewer full collections and 17 MB less at the peak of a 10k cold index.
rememberText(0);

function send(replies: WorkerReply[]): void {
  const transfers = replies.flatMap((reply) => (reply.packed ? [reply.packed.data.buffer as ArrayBuffer] : []));
  parentPort!.postMessage({ replies } satisfies WorkerMessage, transfers);
}

parentPort?.on('message', (message: PoolMessage) => {
  if (message.type === 'corpus') {
    const corpus = loadCorpus(message.state);
    corpora.set(message.state.key, corpus);
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
      reply = runJob(corpora.get(job.corpus), job);
    } catch (error) {
      reply = { id: job.id, error: (error as Error).stack ?? String(error) };
    }
    if (reply.packed) send([reply]);
    else together.push(reply);
  }
  if (together.length > 0) send(together);
});
