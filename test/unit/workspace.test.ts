// The workspace's corpora (server/src/workspace.ts): `corpusList` keeps the corpora that have articles, counted
// as articles come and go, so hovers and keystrokes need not walk every article path to find them; and a corpus's
// knowledge base, parsed on first use (server/src/corpus.ts).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CorpusResolver, updateKnowledgeBase, type Corpus } from '../../server/src/corpus';
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

test('a knowledge base read from disk is parsed on first use, as it is read when edited', async () => {
  const seeds = path.join(__dirname, '..', '..', 'seeds');
  const { corpus } = await new CorpusResolver([seeds]).resolve(path.join(seeds, '000_ebeef4f3d678d313.txt'));
  const kb = corpus.knowledgeBase!;
  assert.equal(kb.unread, true, 'not parsed by being found');
  const text = readFileSync(path.join(seeds, 'entities.json'), 'utf8');
  assert.equal(kb.text, text);
  const edited: Corpus = { ...corpus, knowledgeBase: undefined };
  updateKnowledgeBase(edited, kb.file, text);
  assert.deepEqual(kb.problems, edited.knowledgeBase!.problems);
  assert.equal(kb.unread, false, 'parsed once a field needed it');
  assert.equal(kb.goodText, text);
  assert.deepEqual([...kb.locations], [...edited.knowledgeBase!.locations]);
  assert.deepEqual(kb.catalog!.knowledgeBase.entities, edited.knowledgeBase!.catalog!.knowledgeBase.entities);
});
