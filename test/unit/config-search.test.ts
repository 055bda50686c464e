// The search for an article's corpus config (`seed-corpus.json`) stops at its bounds — the server's workspace
// folders, the CLI's current folder or given paths — so a config above them is never read.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { CorpusResolver } from '../../server/src/corpus';
import { findConfigRoot } from '../../server/src/files';

/**
 * <tmp>/seed-corpus-bounds-XXXX/            seed-corpus.json (doubled-word off)  ← above the workspace folder
 *   ws/                                     the workspace folder
 *     seeds/001_0123456789abcdef.txt
 *     nested/deeper/002_0123456789abcdef.txt
 *   other/003_0123456789abcdef.txt          (lists in the outer corpus, if it were read)
 */
function layout(t: TestContext) {
  const parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'seed-corpus-bounds-')));
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  const ws = path.join(parent, 'ws');
  const seeds = path.join(ws, 'seeds');
  const deeper = path.join(ws, 'nested', 'deeper');
  for (const folder of [seeds, deeper, path.join(parent, 'other')]) mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(parent, 'seed-corpus.json'), JSON.stringify({ rules: { 'doubled-word': 'off' } }));
  const article = path.join(seeds, '001_0123456789abcdef.txt');
  writeFileSync(article, '---\nlang: de\n---\nTitel\n\nEin Satz.\n');
  writeFileSync(path.join(deeper, '002_0123456789abcdef.txt'), 'x\n');
  writeFileSync(path.join(parent, 'other', '003_0123456789abcdef.txt'), 'x\n');
  return { parent, ws, seeds, deeper, article };
}

test('a seed-corpus.json above the bound is not found; one at or inside it is', async (t) => {
  const { parent, ws, seeds, deeper } = layout(t);
  assert.equal(await findConfigRoot(seeds, [ws]), undefined, 'the config above the workspace folder is out of bounds');
  assert.equal(await findConfigRoot(deeper, [ws]), undefined);
  assert.equal(await findConfigRoot(seeds, [parent]), parent, 'within bounds it is found, as before');

  writeFileSync(path.join(ws, 'seed-corpus.json'), '{}');
  assert.equal(await findConfigRoot(seeds, [ws]), ws, 'a config in the workspace folder itself counts');
  assert.equal(await findConfigRoot(deeper, [ws]), ws);
  writeFileSync(path.join(seeds, 'seed-corpus.json'), '{}');
  assert.equal(await findConfigRoot(seeds, [ws]), seeds, 'the nearest config wins');
  assert.equal(await findConfigRoot(deeper, [ws]), ws);
});

test('a folder outside every bound gets no config at all; with nested bounds the walk goes up to the outermost', async (t) => {
  const { parent, ws, seeds } = layout(t);
  assert.equal(await findConfigRoot(path.join(parent, 'other'), [ws]), undefined, 'not inside a bound: nothing is looked at');
  assert.equal(await findConfigRoot(parent, [seeds]), undefined);
  assert.equal(await findConfigRoot(seeds, []), undefined, 'no bounds, no search');
  // Two workspace folders, one inside the other: the outer one holds the config, as the scan of it sees.
  writeFileSync(path.join(ws, 'seed-corpus.json'), '{}');
  assert.equal(await findConfigRoot(seeds, [seeds, ws]), ws);
  // A bound given with a trailing separator or as a relative path is the same folder.
  assert.equal(await findConfigRoot(seeds, [ws + path.sep]), ws);
  assert.equal(await findConfigRoot(seeds, [path.relative(process.cwd(), ws)]), ws);
});

test('CorpusResolver: an article below the workspace folder is its own folder’s corpus, without the config above it', async (t) => {
  const { parent, ws, seeds, article } = layout(t);
  const bounded = (await new CorpusResolver([ws]).resolve(article)).corpus;
  assert.equal(bounded.root, seeds);
  assert.equal(bounded.configFile, undefined, 'the outer config is not read');
  assert.deepEqual(bounded.names.names(), ['001_0123456789abcdef.txt'], 'no file of the outer folder is listed');

  const unbounded = (await new CorpusResolver([parent]).resolve(article)).corpus;
  assert.equal(unbounded.root, parent, 'with the parent as the bound, its config is the corpus');
  assert.deepEqual(unbounded.configFile?.rules, { 'doubled-word': 'off' });
  assert.ok(unbounded.names.names().includes('003_0123456789abcdef.txt'), `unbounded.names.names().includes('003_0123456789abcdef.txt')`);

  writeFileSync(path.join(ws, 'seed-corpus.json'), JSON.stringify({ rules: { 'no-tabs': 'error' } }));
  const inside = (await new CorpusResolver([ws]).resolve(article)).corpus;
  assert.equal(inside.root, ws, 'a config in the workspace folder is used');
  assert.deepEqual(inside.configFile?.rules, { 'no-tabs': 'error' });
});

test('CorpusResolver: a corpus rooted at a folder listed before takes its file names from that listing, and lists the disk otherwise', async (t) => {
  const { parent, ws, article } = layout(t);
  writeFileSync(path.join(ws, 'seed-corpus.json'), '{}');
  const fromDisk = (await new CorpusResolver([ws]).resolve(article)).corpus;
  assert.deepEqual(fromDisk.names.names(), ['001_0123456789abcdef.txt', '002_0123456789abcdef.txt']);

  // The server's scan and the CLI list a workspace folder once and pass what they found.
  const listed = new CorpusResolver([ws]);
  listed.remember(ws, [article, path.join(ws, 'listed', '004_0123456789abcdef.txt')]);
  assert.deepEqual((await listed.resolve(article)).corpus.names.names(), ['001_0123456789abcdef.txt', '004_0123456789abcdef.txt']);

  // A listing of another folder says nothing of this corpus.
  const elsewhere = new CorpusResolver([parent]);
  elsewhere.remember(path.join(parent, 'other'), []);
  assert.deepEqual((await elsewhere.resolve(article)).corpus.names.names(), ['001_0123456789abcdef.txt', '002_0123456789abcdef.txt']);
});
