// After a knowledge-base edit an article is analysed again with what the earlier analysis read that does not depend
// on the knowledge base, as the server keeps it in the article's summary: its language (where the masked names are
// the same) and its temporal expressions. The result must be a fresh analysis's, and the earlier readings must
// really be used.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeArticle, type Analysis, type EarlierReadings } from '../../server/src/core/analyze';
import { mergeConfig } from '../../server/src/core/config';
import { catalogOf } from '../../server/src/core/entities/catalog';
import type { KbEntity } from '../../server/src/core/entities/kb';
import { CorpusFileIndex } from '../../server/src/core/file-index';
import { CompactSummary, earlierOf, packSummary } from '../../server/src/fileSummary';
import { benchKnowledgeBase, generateArticle } from '../bench/generator';

const seeds = path.join(__dirname, '..', '..', 'seeds');
const config = mergeConfig(JSON.parse(readFileSync(path.join(seeds, 'seed-corpus.json'), 'utf8')));
const seedEntities = (JSON.parse(readFileSync(path.join(seeds, 'entities.json'), 'utf8')) as { entities: KbEntity[] }).entities;
const seedTexts = readdirSync(seeds).filter((f) => f.endsWith('.txt')).map((f) => [f, readFileSync(path.join(seeds, f), 'utf8')] as const);
const names = new CorpusFileIndex(seedTexts.map(([f]) => f));

const plain = (analysis: Analysis) => JSON.parse(JSON.stringify({ findings: analysis.findings, mentions: analysis.mentions, events: analysis.events, language: analysis.language && { ...analysis.language, paragraphs: analysis.language.paragraphs.map((p) => ({ ...p, paragraph: p.paragraph.line.number })) } }));

/** What the server keeps of an analysis and hands the next one: the summary as the cache holds it, read back. */
const earlierReadings = (analysis: Analysis): EarlierReadings => earlierOf(new CompactSummary(packSummary(analysis, config)));

function analyse(name: string, text: string, entities: KbEntity[], earlier?: EarlierReadings): Analysis {
  return analyzeArticle({ text, file: { name, corpus: names, entities: catalogOf(entities) } }, config, { events: true, earlier });
}

// Edits a curator makes: an alias dropped (mentions change), an entity added, an entity renamed.
const edits: Array<[string, (entities: KbEntity[]) => KbEntity[]]> = [
  ['an alias dropped', (list) => list.map((e) => (e.id === 'leica-camera' ? { ...e, aliases: ['Leica Camera'] } : e))],
  ['an entity added', (list) => [...list, { id: 'wetzlar-optik', type: 'organization', name: 'Wetzlar Optik' }]],
  ['a description changed', (list) => list.map((e) => (e.id === 'xiaomi' ? { ...e, description: { en: 'A phone maker.' } } : e))],
  ['everything removed', () => []],
];

test('after a knowledge-base edit, an analysis with the earlier readings is a fresh analysis', () => {
  const generated = benchKnowledgeBase(7);
  const articles = [...seedTexts, ...Array.from({ length: 12 }, (_, i) => { const a = generateArticle(generated, 7, i); return [a.name, a.text] as const; })];
  for (const [edit, change] of edits) {
    for (const [kbName, entities] of [['seeds', seedEntities], ['generated', generated.entities]] as const) {
      for (const [name, text] of articles) {
        const before = analyse(name, text, entities);
        const after = change(entities);
        assert.deepEqual(plain(analyse(name, text, after, earlierReadings(before))), plain(analyse(name, text, after)), `${edit}, ${kbName} knowledge base: ${name}`);
      }
    }
  }
});

test('the earlier language is taken where the masked names are the same, the expressions where the language is', () => {
  const [name, text] = seedTexts.find(([, t]) => /^lang: de/m.test(t)) ?? seedTexts[0];
  const before = analyse(name, text, seedEntities);
  const earlier = earlierReadings(before)!;
  assert.ok(earlier.language && earlier.expressions && earlier.expressions.list.length > 0, 'earlier.language && earlier.expressions && earlier.expressions.list.length > 0');
  // A different verdict and a different expression, to see which are used.
  const marked: EarlierReadings = {
    ...earlier,
    language: { ...earlier.language, confidence: 0.123 },
    expressions: { ...earlier.expressions, list: earlier.expressions.list.map((e, i) => (i === 0 ? { ...e, value: '1999' } : e)) },
  };
  const reused = analyse(name, text, seedEntities, marked);
  assert.equal(reused.language?.confidence, 0.123);
  assert.equal(reused.events?.[0].value, '1999');
  // Other mentions: the language is read again. Another language: the expressions are.
  const moved = analyse(name, text, seedEntities, { ...marked, mentionSpans: [{ start: 0, end: 1 }] });
  assert.equal(moved.language?.confidence, before.language?.confidence);
  const otherLanguage = analyse(name, text, seedEntities, { ...marked, expressions: { ...marked.expressions!, language: 'xx' } });
  assert.equal(otherLanguage.events?.[0].value, before.events?.[0].value);
  // Other detection settings (a configured name more to mask): the language is read again.
  const otherSettings = analyse(name, text, seedEntities, { ...marked, language: { ...marked.language!, settings: 'other' } });
  assert.equal(otherSettings.language?.confidence, before.language?.confidence);
});
