// The workspace's corpora (server/src/workspace.ts): `corpusList` keeps the corpora that have articles, counted
// as articles come and go, so hovers and keystrokes need not walk every article path to find them; and a corpus's
// knowledge base, parsed on first use (server/src/corpus.ts).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { sha1 } from '../../server/src/analysisCache';
import { CorpusResolver, KnowledgeBaseText, updateKnowledgeBase, type Corpus } from '../../server/src/corpus';
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
  assert.equal(kb.text.value, text);
  const edited: Corpus = { ...corpus, knowledgeBase: undefined };
  updateKnowledgeBase(edited, kb.file, text);
  assert.deepEqual(kb.problems, edited.knowledgeBase!.problems);
  assert.equal(kb.unread, false, 'parsed once a field needed it');
  assert.equal(kb.goodText, kb.text, 'the text it was read from is the good one');
  assert.equal(kb.goodText!.value, text);
  assert.equal(kb.text.hash, sha1(text));
  assert.deepEqual([...kb.locations], [...edited.knowledgeBase!.locations]);
  assert.deepEqual(kb.catalog!.knowledgeBase.entities, edited.knowledgeBase!.catalog!.knowledgeBase.entities);
});

test('a knowledge base’s text kept deflated gives back the very text, with its hash; one kept as it is, too', () => {
  const text = '\ufeff{\r\n  "entities": [{ "id": "pechino", "type": "place", "name": "Pechino", "localNames": { "zh": "北京", "de": "Peking" }, "description": { "it": "la capitale’s 😀" } }]\n}\n';
  for (const kept of [KnowledgeBaseText.deflated(text), KnowledgeBaseText.kept(text)]) {
    assert.equal(kept.value, text);
    assert.equal(kept.hash, sha1(Buffer.from(text, 'utf8')));
    assert.ok(kept.equals(text), 'equal to its text');
    assert.ok(!kept.equals(text.replace('Peking', 'Pekin')), 'not to another');
  }
});

test('a knowledge base read from disk keeps its text once parsed: the same text is no change, another is read again', async () => {
  const seeds = path.join(__dirname, '..', '..', 'seeds');
  const { corpus } = await new CorpusResolver([seeds]).resolve(path.join(seeds, '000_ebeef4f3d678d313.txt'));
  const text = readFileSync(path.join(seeds, 'entities.json'), 'utf8');
  const catalog = corpus.knowledgeBase!.catalog;
  assert.equal(corpus.knowledgeBase!.text.value, text);
  assert.equal(updateKnowledgeBase(corpus, corpus.knowledgeBase!.file, text), false);
  assert.equal(corpus.knowledgeBase!.catalog, catalog, 'the same entities in use');
  const edited = text.replace('"entities"', '"entities" ');
  assert.equal(updateKnowledgeBase(corpus, corpus.knowledgeBase!.file, edited), true, 'another text is read again');
  assert.equal(corpus.knowledgeBase!.text.value, edited);
  assert.deepEqual(corpus.knowledgeBase!.catalog!.knowledgeBase.entities, catalog!.knowledgeBase.entities);
});
