// The analysis threads (dist/analysisWorker.js, built by `npm run build`) under a heap limit: a thread that runs out
// of memory is replaced by one with twice the limit and its jobs go again, so every article is still analysed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { sha1 } from '../../server/src/analysisCache';
import { AnalysisPool, knowledgeBaseNames, type CorpusState, type PoolMessage } from '../../server/src/analysisPool';
import { analyzeArticle } from '../../server/src/core/analyze';
import { mergeConfig } from '../../server/src/core/config';
import { compileKnowledgeBase, type EntityCatalog } from '../../server/src/core/entities/catalog';
import { readKnowledgeBase } from '../../server/src/core/entities/knowledge-base';
import { CorpusFileIndex } from '../../server/src/core/file-index';
import { CompactSummary, packSummary, type FileSummary } from '../../server/src/fileSummary';

const root = path.join(__dirname, '..', '..');
const script = path.join(root, 'dist', 'analysisWorker.js');
const seeds = path.join(root, 'seeds');
const names = readdirSync(seeds).filter((name) => name.endsWith('.txt')).sort();
const state: CorpusState = {
  key: seeds,
  signature: 'test',
  config: mergeConfig(JSON.parse(readFileSync(path.join(seeds, 'seed-corpus.json'), 'utf8')), undefined),
  names,
  knowledgeBase: readFileSync(path.join(seeds, 'entities.json'), 'utf8'),
};

async function analyseSeeds(pool: AnalysisPool): Promise<unknown[]> {
  pool.setCorpus(state);
  try {
    const replies = await Promise.all(names.map((name) => pool.analyse({ file: path.join(seeds, name), corpus: seeds, events: true })));
    return replies.map((reply) => {
      assert.equal(reply.error, undefined);
      return reply.summary!.toJSON();
    });
  } finally {
    pool.dispose();
  }
}

test('threads that outgrow their heap limit are replaced with larger ones, and every article is analysed as without a limit', async () => {
  // Two megabytes hold not even the thread's code: each thread runs out, until the limit has doubled enough.
  const starved = new AnalysisPool(script, Infinity, { heapLimitMb: 2 });
  const summaries = await analyseSeeds(starved);
  assert.ok(starved.heapLimitMb >= 8, `the limit grew (${starved.heapLimitMb} MB)`);
  assert.deepEqual(summaries, await analyseSeeds(new AnalysisPool(script)));
  assert.equal(summaries.length, 5);
});

test('a job with the cache’s hash is a check: unchanged when the bytes hash to it, else analysed as any other job', async () => {
  const pool = new AnalysisPool(script);
  pool.setCorpus(state);
  try {
    const files = names.map((name) => path.join(seeds, name));
    const plain = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: true })));
    // Right and wrong hashes in one batch, several times over, so that checks and analyses share batches.
    const jobs = [...files, ...files, ...files].map((file, i) => ({ file, right: i % 2 === 0 }));
    const replies = await Promise.all(jobs.map(({ file, right }) => pool.analyse({ file, corpus: seeds, events: true, cachedHash: right ? sha1(readFileSync(file)) : 'a stale hash' })));
    replies.forEach((reply, i) => {
      const expected = plain[i % files.length];
      assert.equal(reply.error, undefined);
      assert.equal(reply.hash, expected.hash);
      if (jobs[i].right) assert.deepEqual({ unchanged: reply.unchanged, summary: reply.summary }, { unchanged: true, summary: undefined });
      else assert.deepEqual(reply.summary!.toJSON(), expected.summary!.toJSON(), jobs[i].file);
    });
  } finally {
    pool.dispose();
  }
});

const hasEntities = (state: CorpusState) => state.knowledgeBase !== undefined || state.entityNames !== undefined;

/** Records what pools post to their threads, until `restore`; `textsSent` counts the corpus states with a knowledge base (its text or its entities' names). */
function watchPosts(): { sent: unknown[]; textsSent(): number; restore(): void } {
  const sent: unknown[] = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (...args: Parameters<typeof post>) {
    sent.push(args[0]);
    return post.apply(this, args);
  };
  return {
    sent,
    textsSent: () => sent.filter((message) => (message as PoolMessage).type === 'corpus' && hasEntities((message as { state: CorpusState }).state)).length,
    restore: () => (Worker.prototype.postMessage = post),
  };
}

test('a thread gets the knowledge base’s text with its first analysis, not for checks of unchanged files', async () => {
  const { sent, textsSent, restore } = watchPosts();
  const pool = new AnalysisPool(script);
  pool.setCorpus(state);
  try {
    const files = names.map((name) => path.join(seeds, name));
    const checks = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: true, cachedHash: sha1(readFileSync(file)) })));
    assert.deepEqual(checks.map((reply) => reply.unchanged), files.map(() => true));
    assert.ok(sent.length > 0, 'sent.length > 0');
    assert.equal(textsSent(), 0);
    // A stale hash makes the check an analysis, which needs the entities: the thread that takes it gets the text once.
    const analysed = await pool.analyse({ file: files[0], corpus: seeds, events: true, cachedHash: 'a stale hash' });
    assert.ok(analysed.summary!.mentions.length > 0, 'the seed’s entities are found');
    assert.equal(textsSent(), 1);
  } finally {
    restore();
    pool.dispose();
  }
});

test('a prepared pool starts its threads with the knowledge base before any job, and analyses as any other', async () => {
  const { textsSent, restore } = watchPosts();
  const pool = new AnalysisPool(script);
  try {
    pool.prepare(state);
    assert.equal(pool.threads, pool.size);
    assert.equal(textsSent(), pool.size);
    const prepared = await Promise.all(names.map((name) => pool.analyse({ file: path.join(seeds, name), corpus: seeds, events: true })));
    assert.equal(textsSent(), pool.size, 'the jobs sent no text again');
    assert.deepEqual(
      prepared.map((reply) => reply.summary!.toJSON()),
      await analyseSeeds(new AnalysisPool(script)),
    );
  } finally {
    restore();
    pool.dispose();
  }
});

test('a job that asks for the findings only gets the findings of a full analysis, without a hash or summary', async () => {
  const pool = new AnalysisPool(script);
  pool.setCorpus(state);
  try {
    const files = names.map((name) => path.join(seeds, name));
    const full = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: false })));
    const only = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: false, findingsOnly: true })));
    assert.ok(full.some((reply) => reply.summary!.findings.length > 0), 'the seeds have findings');
    only.forEach((reply, i) => {
      assert.deepEqual(Object.keys(reply).sort(), ['findings', 'id'], files[i]);
      assert.deepEqual(reply.findings, full[i].summary!.findings, files[i]);
    });
  } finally {
    pool.dispose();
  }
});

/** The seeds analysed in this thread with the whole knowledge base, and its catalog. */
function inThisThread(): { catalog: EntityCatalog; local: FileSummary[] } {
  const catalog = compileKnowledgeBase(readKnowledgeBase(state.knowledgeBase!).knowledgeBase!);
  const corpus = new CorpusFileIndex(names);
  const local = names.map((name) => {
    const analysis = analyzeArticle({ bytes: readFileSync(path.join(seeds, name)), file: { name, corpus, entities: catalog } }, state.config, { events: true });
    return new CompactSummary(packSummary(analysis, state.config)).toJSON();
  });
  return { catalog, local };
}

test('threads, which keep only the entities’ names, analyse as the server’s thread does with the whole knowledge base', async () => {
  const { catalog, local } = inThisThread();
  assert.ok(local.every((summary) => summary.mentions.length > 0 && summary.events.length > 0), 'every seed names entities and dates');
  assert.deepEqual(await analyseSeeds(new AnalysisPool(script)), local);
  // Sent the entities the server read, names only, instead of the text: the same analyses.
  const pool = new AnalysisPool(script);
  pool.setCorpus({ ...state, knowledgeBase: undefined, entityNames: knowledgeBaseNames(catalog) });
  const { textsSent, restore } = watchPosts();
  try {
    // A check needs no entities: none are sent for it.
    await pool.analyse({ file: path.join(seeds, names[0]), corpus: seeds, events: true, cachedHash: sha1(readFileSync(path.join(seeds, names[0]))) });
    assert.equal(textsSent(), 0);
    const replies = await Promise.all(names.map((name) => pool.analyse({ file: path.join(seeds, name), corpus: seeds, events: true })));
    assert.deepEqual(replies.map((reply) => reply.summary!.toJSON()), local);
    assert.equal(textsSent(), pool.threads, 'each thread got the names once');
  } finally {
    restore();
    pool.dispose();
  }
});

test('a lane in this thread analyses with its catalog as the threads do; one job needs no thread', async () => {
  const { catalog, local } = inThisThread();
  const named: CorpusState = { ...state, knowledgeBase: undefined, entityNames: knowledgeBaseNames(catalog) };
  const files = names.map((name) => path.join(seeds, name));
  const alone = new AnalysisPool(script, Infinity, { lane: { largestBytes: Infinity } });
  alone.setCorpus(named, { names: new CorpusFileIndex(names), catalog });
  const { textsSent, restore } = watchPosts();
  try {
    const reply = await alone.analyse({ file: files[0], corpus: seeds, events: true });
    assert.deepEqual(reply.summary!.toJSON(), local[0]);
    assert.equal(alone.threads, 0);
    const checked = await alone.analyse({ file: files[1], corpus: seeds, events: true, cachedHash: sha1(readFileSync(files[1])) });
    assert.equal(checked.unchanged, true);
    assert.equal(alone.threads, 0);
    assert.equal(textsSent(), 0);
  } finally {
    restore();
    alone.dispose();
  }
  const pool = new AnalysisPool(script, Infinity, { lane: { largestBytes: Infinity } });
  pool.setCorpus(named, { names: new CorpusFileIndex(names), catalog });
  try {
    const replies = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: true })));
    assert.deepEqual(replies.map((reply) => reply.summary!.toJSON()), local);
    assert.ok(pool.threads < pool.size, `the lane is one of the ${pool.size} analysers (${pool.threads} threads)`);
  } finally {
    pool.dispose();
  }
});

test('the lane reads the names of the corpus from the index it is given, not a copy of its own', async () => {
  const { catalog } = inThisThread();
  const index = new CorpusFileIndex(names);
  // Another file with the first seed's id, in this thread's index only: a file added while the pass runs.
  const twin = names[0].replace(/^\d{3}/, '999');
  index.add(twin);
  const pool = new AnalysisPool(script, 1, { lane: { largestBytes: Infinity } });
  pool.setCorpus({ ...state, knowledgeBase: undefined, entityNames: knowledgeBaseNames(catalog) }, { names: index, catalog });
  try {
    const reply = await pool.analyse({ file: path.join(seeds, names[0]), corpus: seeds, events: true, findingsOnly: true });
    assert.ok(reply.findings!.some((f) => f.ruleId === 'unique-file-id' && f.message.includes(twin)), JSON.stringify(reply.findings!.map((f) => f.ruleId)));
    assert.equal(pool.threads, 0);
  } finally {
    pool.dispose();
  }
});

test('the lane leaves to a thread an analysis of a file beyond its size, or of a corpus whose entities it was not given', async () => {
  const { catalog, local } = inThisThread();
  const named: CorpusState = { ...state, knowledgeBase: undefined, entityNames: knowledgeBaseNames(catalog) };
  const files = names.map((name) => path.join(seeds, name));
  for (const [why, largestBytes, given] of [['too large', 0, catalog], ['no catalog', Infinity, undefined]] as const) {
    const pool = new AnalysisPool(script, Infinity, { lane: { largestBytes } });
    pool.setCorpus(named, { names: new CorpusFileIndex(names), catalog: given });
    const { textsSent, restore } = watchPosts();
    try {
      const reply = await pool.analyse({ file: files[0], corpus: seeds, events: true });
      assert.deepEqual(reply.summary!.toJSON(), local[0], why);
      assert.equal(pool.threads, 1, why);
      assert.equal(textsSent(), 1, `${why}: the thread got the names`);
      const replies = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: true })));
      assert.deepEqual(replies.map((r) => r.summary!.toJSON()), local, why);
      // A check is only a hash: the lane takes it whatever the size.
      const checks = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: true, cachedHash: sha1(readFileSync(file)) })));
      assert.deepEqual(checks.map((r) => r.unchanged), files.map(() => true), why);
    } finally {
      restore();
      pool.dispose();
    }
  }
});

test('jobs waiting in the lane are cancelled with the queue; those already answered stand', async () => {
  const { catalog, local } = inThisThread();
  const pool = new AnalysisPool(script, Infinity, { lane: { largestBytes: Infinity } });
  pool.setCorpus({ ...state, knowledgeBase: undefined, entityNames: knowledgeBaseNames(catalog) }, { names: new CorpusFileIndex(names), catalog });
  try {
    const files = names.map((name) => path.join(seeds, name));
    const pending = Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: true })));
    // The lane runs its first job at the next turn: its jobs are all waiting now.
    pool.clearQueue();
    const replies = await pending;
    assert.ok(replies.some((reply) => reply.error === 'cancelled'), 'some jobs were cancelled');
    replies.forEach((reply, i) => {
      if (reply.error !== 'cancelled') assert.deepEqual(reply.summary!.toJSON(), local[i], files[i]);
    });
    // The pool goes on: the next jobs are analysed.
    const again = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: true })));
    assert.deepEqual(again.map((reply) => reply.summary!.toJSON()), local);
  } finally {
    pool.dispose();
  }
});

test('a disposed pool starts no thread and answers a job as cancelled at once', async () => {
  const disposed = new AnalysisPool(script);
  disposed.dispose();
  assert.deepEqual(await disposed.analyse({ file: path.join(seeds, names[0]), corpus: seeds, events: true }), { id: 1, error: 'cancelled' });
});

test('threads without work end, giving back their memory, and the next job starts them again with the corpus state', { timeout: 60_000 }, async () => {
  let ended: (threads: number) => void = () => undefined;
  const nextEnd = () => new Promise<number>((resolve) => (ended = resolve));
  const pool = new AnalysisPool(script, Infinity, { idleMs: 20, onIdleEnd: (threads) => ended(threads) });
  pool.setCorpus(state);
  try {
    const files = names.map((name) => path.join(seeds, name));
    let end = nextEnd();
    const first = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: true })));
    assert.ok(pool.threads > 0, 'pool.threads > 0');
    const threads = await end;
    assert.ok(threads > 0, 'threads > 0');
    assert.equal(pool.threads, 0);
    end = nextEnd();
    const again = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: true })));
    assert.deepEqual(again.map((reply) => reply.error), files.map(() => undefined));
    assert.deepEqual(again.map((reply) => reply.summary!.toJSON()), first.map((reply) => reply.summary!.toJSON()));
    assert.ok((await end) > 0, '(await end) > 0');
  } finally {
    pool.dispose();
  }
});

test('idle threads can be ended at once, long before their idle time; threads with work cannot', { timeout: 60_000 }, async () => {
  let endings: number[] = [];
  const pool = new AnalysisPool(script, Infinity, { idleMs: 600_000, onIdleEnd: (threads) => endings.push(threads) });
  pool.setCorpus(state);
  try {
    const files = names.map((name) => path.join(seeds, name));
    const pending = Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: true })));
    // Jobs in flight: nothing ends, and the promise says so at once.
    await pool.endIdleThreads();
    assert.ok(pool.threads > 0, 'pool.threads > 0');
    assert.deepEqual(endings, []);
    const first = await pending;
    const threads = pool.threads;
    await pool.endIdleThreads();
    assert.equal(pool.threads, 0);
    assert.deepEqual(endings, [threads]);
    // None left to end: nothing more is heard.
    await pool.endIdleThreads();
    assert.deepEqual(endings, [threads]);
    endings = [];
    const again = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: true })));
    assert.deepEqual(again.map((reply) => reply.summary!.toJSON()), first.map((reply) => reply.summary!.toJSON()));
  } finally {
    pool.dispose();
  }
});

// A thread ended with jobs in flight would leave them unanswered: the test would time out.
test('threads with jobs in flight do not end, however short the idle time', { timeout: 60_000 }, async () => {
  const pool = new AnalysisPool(script, Infinity, { idleMs: 0 });
  pool.setCorpus(state);
  try {
    const files = names.map((name) => path.join(seeds, name));
    // Rounds of analyses, each sent as the last one's replies come: every gap between them is a chance to end.
    for (let round = 0; round < 5; round++) {
      const replies = await Promise.all(files.map((file) => pool.analyse({ file, corpus: seeds, events: round % 2 === 0 })));
      assert.deepEqual(replies.map((reply) => reply.error), files.map(() => undefined));
    }
  } finally {
    pool.dispose();
  }
});
