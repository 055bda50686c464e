// After a knowledge-base edit the server analyses the corpus again, reusing what it read of each unchanged article
// that does not depend on the knowledge base (language, dates: see AnalysisOptions.earlier). What it publishes
// must be what a server started afresh on the edited corpus publishes; the cache keeps the readings for a later
// edit after a warm start.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CompactSummary } from '../../server/src/fileSummary';
import { readCache } from '../shared/cacheFile';
import { findingKeys, LspSession, makeWorkspace, type TempWorkspace } from './lspClient';

interface Kb {
  entities: Array<{ id: string; type: string; name: string; aliases?: string[] }>;
}

/** The diagnostics of every article after a server's first corpus pass (with `cacheFolder`, if given). */
async function freshDiagnostics(ws: TempWorkspace, cacheFolder?: string): Promise<Map<string, string[]>> {
  const session = LspSession.start(ws.root);
  try {
    await session.initialize(cacheFolder ? { initializationOptions: { cacheFolder } } : {});
    await session.waitForCorpusAnalysed();
    return new Map(ws.articles.map((a) => [a, findingKeys(session.diagnostics.get(ws.uriOf(a))?.diagnostics ?? [])]));
  } finally {
    await session.dispose();
  }
}

function editKnowledgeBase(ws: TempWorkspace, edit: (kb: Kb) => void): void {
  const kb = JSON.parse(ws.read('entities.json')) as Kb;
  edit(kb);
  ws.write('entities.json', JSON.stringify(kb, null, 2));
}

test('a knowledge-base edit: the corpus analysed again publishes what a fresh start publishes, also after a warm start', async (t) => {
  const ws = makeWorkspace();
  const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-corpus-cache-'));
  t.after(() => {
    ws.cleanup();
    fs.rmSync(cacheFolder, { recursive: true, force: true });
  });
  // Two edits a curator makes: "Leica" alone no longer names the company (mentions, and so the names masked for
  // language detection, change in every article); a place is added.
  const edits: Array<(kb: Kb) => void> = [
    (kb) => {
      const leica = kb.entities.find((e) => e.id === 'leica-camera')!;
      leica.aliases = (leica.aliases ?? []).filter((a) => a !== 'Leica');
    },
    (kb) => kb.entities.push({ id: 'wetzlar', type: 'place', name: 'Wetzlar' }),
  ];
  // The first edit on a server that indexed cold, the second on one that started warm from the cache.
  for (const [i, edit] of edits.entries()) {
    const session = LspSession.start(ws.root);
    try {
      await session.initialize({ initializationOptions: { cacheFolder } });
      await session.waitForCorpusAnalysed();
      const mark = session.mark();
      editKnowledgeBase(ws, edit);
      await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uriOf('entities.json'), type: 2 }] });
      await session.waitForCorpusAnalysed({ since: mark });
      const after = new Map(ws.articles.map((a) => [a, findingKeys(session.diagnostics.get(ws.uriOf(a))?.diagnostics ?? [])]));
      assert.deepEqual(after, await freshDiagnostics(ws), `edit ${i + 1}: the same diagnostics as a fresh start`);
    } finally {
      await session.dispose();
    }
  }
  // Every cached entry keeps its language report for the next edit.
  const cacheFile = fs.readdirSync(cacheFolder).find((f) => f.endsWith('.cache'))!;
  const { header, entries } = readCache(path.join(cacheFolder, cacheFile));
  assert.equal(entries.size, ws.articles.length);
  for (const [article, { summary, block }] of entries) {
    const stored = new CompactSummary({ findings: summary.findings, strings: summary.strings.map((index) => header.strings[index]), data: new Uint8Array(block) });
    assert.ok((stored.language?.paragraphs.length ?? 0) > 0, `${article}: a language report in the cache`);
  }
});
