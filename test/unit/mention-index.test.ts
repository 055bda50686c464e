// The server's mention index (server/src/mentionIndex.ts) over compact summaries: one entity's mentions by file,
// counts, and whether a file's mentions changed, as a scan of every summary would answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeArticle } from '../../server/src/core/analyze';
import { defaultConfig } from '../../server/src/core/config';
import { compileKnowledgeBase } from '../../server/src/core/entities/catalog';
import { createKnowledgeBase } from '../../server/src/core/entities/knowledge-base';
import type { KbEntity } from '../../server/src/core/entities/kb';
import { summarise, type FileSummary } from '../../server/src/fileSummary';
import { MentionIndex } from '../../server/src/mentionIndex';

const entities: KbEntity[] = [
  { id: 'leica', name: 'Leica', type: 'organization' },
  { id: 'xiaomi', name: 'Xiaomi', type: 'organization' },
  { id: 'huawei', name: 'Huawei', type: 'organization' },
];
const catalog = compileKnowledgeBase(createKnowledgeBase(entities));
const files = ['/c/a.txt', '/c/b.txt', '/c/c.txt'];

function summaryOf(words: string[]): FileSummary {
  return summarise(analyzeArticle({ text: `Titel\n\n${words.join(' ')}.\n`, file: { name: '001_0123456789abcdef.txt', entities: catalog } }, defaultConfig));
}

const plainMentions = (summary: FileSummary, id: string) => summary.mentions.filter((m) => m.entityId === id).map((m) => JSON.stringify(m));

test('after any changes, the index answers as a scan of the files’ summaries', () => {
  const word = fc.constantFrom('Leica', 'Xiaomi', 'Huawei', 'und', 'baut');
  const step = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), file: fc.constantFrom(...files), words: fc.array(word, { maxLength: 8 }) }),
    fc.record({ kind: fc.constant('delete' as const), file: fc.constantFrom(...files) }),
  );
  fc.assert(
    fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
      const index = new MentionIndex();
      const state = new Map<string, FileSummary>();
      // What each entity's stamp was, with its mentions then: an unchanged stamp promises the same mentions.
      const stamped = new Map<string, { stamp: number; mentions: string }>();
      const mentionsText = (id: string) => JSON.stringify(index.mentionsOf(id));
      for (const s of steps) {
        for (const { id } of entities) {
          const before = stamped.get(id);
          const stamp = index.stamp(id);
          if (before?.stamp === stamp) assert.equal(mentionsText(id), before.mentions, `${id}: stamp ${stamp} kept over a change`);
          stamped.set(id, { stamp, mentions: mentionsText(id) });
          assert.equal(stamp === 0, index.mentionsOf(id).length === 0);
        }
        if (s.kind === 'delete') {
          assert.equal(index.delete(s.file), (state.get(s.file)?.mentions.length ?? 0) > 0);
          state.delete(s.file);
          continue;
        }
        const summary = summaryOf(s.words);
        const before = (state.get(s.file)?.mentions ?? []).map((m) => `${m.entityId}@${m.span.start}`).join();
        const after = summary.mentions.map((m) => `${m.entityId}@${m.span.start}`).join();
        assert.equal(index.set(s.file, summary), before !== after);
        state.set(s.file, summary);
      }
      for (const { id } of entities) {
        const expected = [...state].filter(([, summary]) => summary.mentions.some((m) => m.entityId === id)).sort(([a], [b]) => a.localeCompare(b));
        assert.deepEqual(
          index.mentionsOf(id).map(({ file, mentions }) => [file, mentions.map((m) => JSON.stringify(m))]),
          expected.map(([file, summary]) => [file, plainMentions(summary, id)]),
        );
        const count = expected.reduce((n, [, summary]) => n + plainMentions(summary, id).length, 0);
        assert.deepEqual(index.counts(id), { mentions: count, articles: expected.length });
      }
      for (const file of files) assert.deepEqual(index.inFile(file).map((m) => JSON.stringify(m)), (state.get(file)?.mentions ?? []).map((m) => JSON.stringify(m)));
    }),
    { numRuns: 150 },
  );
});

test('a plain summary (an analysis that failed) is indexed too', () => {
  const index = new MentionIndex();
  const plain: FileSummary = { findings: [], mentions: [{ span: { start: 0, end: 5 }, entityId: 'leica', text: 'Leica', spelling: 'Leica', caseDiffers: false, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, context: 'Leica' }], events: [] };
  assert.equal(index.set('/c/a.txt', plain), true);
  assert.deepEqual(index.mentionsOf('leica'), [{ file: '/c/a.txt', mentions: plain.mentions }]);
  assert.equal(index.set('/c/a.txt', { findings: [], mentions: [], events: [] }), true);
  assert.deepEqual(index.mentionsOf('leica'), []);
});

test('many files coming and going: counts, files in path order, and stamps stay right', () => {
  const index = new MentionIndex();
  const name = (i: number) => `/c/${String(i).padStart(3, '0')}.txt`;
  const one = summaryOf(['Leica', 'und', 'Xiaomi']);
  const two = summaryOf(['Leica', 'Leica', 'baut']);
  for (let i = 0; i < 100; i++) index.set(name(i), i % 2 === 0 ? one : two);
  assert.deepEqual(index.counts('leica'), { mentions: 150, articles: 100 });
  assert.deepEqual(index.counts('xiaomi'), { mentions: 50, articles: 50 });
  const stamp = index.stamp('leica');
  for (let i = 0; i < 90; i++) index.delete(name(i));
  assert.notEqual(index.stamp('leica'), stamp);
  for (let i = 20; i < 70; i += 2) index.set(name(i), two);
  // Set again as it was: the entity keeps its files (and their order) but its stamp moves on.
  const before = index.stamp('xiaomi');
  index.set(name(96), one);
  assert.notEqual(index.stamp('xiaomi'), before);
  const files = [...Array.from({ length: 25 }, (_, k) => name(20 + 2 * k)), ...Array.from({ length: 10 }, (_, k) => name(90 + k))];
  assert.deepEqual(index.mentionsOf('leica').map((m) => m.file), files);
  assert.deepEqual(index.counts('leica'), { mentions: 25 * 2 + 5 + 5 * 2, articles: 35 });
  assert.deepEqual(index.counts('xiaomi'), { mentions: 5, articles: 5 });
  assert.deepEqual(index.mentionsOf('xiaomi').map((m) => m.file), [name(90), name(92), name(94), name(96), name(98)]);
  for (const file of files) index.delete(file);
  assert.deepEqual(index.counts('leica'), { mentions: 0, articles: 0 });
  assert.equal(index.stamp('leica'), 0);
  assert.deepEqual(index.mentionsOf('leica'), []);
});
