// The workspace's corpora (server/src/workspace.ts): `corpusList` keeps the corpora that have articles, counted
// as articles come and go, so hovers and keystrokes need not walk every article path to find them.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { Workspace } from '../../server/src/workspace';

test('corpusList names each corpus with articles, as the article map does, through scan, add and remove', async (t) => {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'seed-corpus-workspace-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const corpusA = path.join(root, 'a');
  const corpusB = path.join(root, 'b');
  for (const folder of [corpusA, corpusB]) {
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'seed-corpus.json'), '{}');
  }
  const article = (folder: string, n: number) => path.join(folder, `00${n}_0123456789abcdef.txt`);
  for (const file of [article(corpusA, 1), article(corpusA, 2), article(corpusB, 3)]) writeFileSync(file, 'Titel\n\nText.\n');

  const workspace = new Workspace([root]);
  const roots = () => workspace.corpusList().map((c) => c.root).sort();
  const fromArticles = () => [...workspace.corpora().keys()].map((c) => c.root).sort();
  await workspace.scan();
  assert.deepEqual(roots(), [corpusA, corpusB]);
  assert.deepEqual(roots(), fromArticles());

  workspace.remove(article(corpusB, 3));
  assert.deepEqual(roots(), [corpusA], 'a corpus without articles left is no longer listed');
  workspace.remove(article(corpusA, 1));
  assert.deepEqual(roots(), [corpusA], 'one article left keeps its corpus');
  workspace.remove(article(corpusA, 1));
  assert.deepEqual(roots(), [corpusA], 'removing an article twice counts once');

  writeFileSync(article(corpusB, 4), 'Titel\n\nText.\n');
  await workspace.add(article(corpusB, 4));
  await workspace.add(article(corpusB, 4));
  assert.deepEqual(roots(), [corpusA, corpusB]);
  workspace.remove(article(corpusB, 4));
  assert.deepEqual(roots(), [corpusA], 'adding the same article twice counts once');
  assert.deepEqual(roots(), fromArticles());

  await workspace.scan();
  assert.deepEqual(roots(), [corpusA, corpusB], 'a new scan starts the count again');
  assert.equal(workspace.corporaWithKnowledgeBase(path.join(corpusB, 'entities.json')).length, 1);
});
