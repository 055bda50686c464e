// readKnowledgeBase reads a clean file without a syntax tree (JSON.parse and a scan for spans) and falls back to the
// tree for anything else: whatever the file, its answer must be the tree reading's, problems and spans included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readKnowledgeBase, readKnowledgeBaseTree, type KbReading } from '../../server/src/core/entities/knowledge-base';

const plain = (reading: KbReading) => ({ entities: reading.knowledgeBase?.entities, problems: reading.problems, locations: [...reading.locations] });

function assertSameReading(text: string) {
  assert.deepEqual(plain(readKnowledgeBase(text)), plain(readKnowledgeBaseTree(text)), text);
}

test('a clean knowledge base: the same entities and spans as the tree reading', () => {
  const text = JSON.stringify(
    {
      $schema: './entities.schema.json',
      entities: [
        { id: 'leica-camera', type: 'organization', name: 'Leica Camera AG', aliases: ['Leica'], localNames: { it: 'Leica' }, description: { de: 'Kamerahersteller "Wetzlar" \\ {x}' } },
        { id: 'xiaomi', type: 'organization', name: 'Xiaomi', relations: [{ type: 'partner', with: 'leica-camera', from: '2022-05' }], facts: [{ property: 'ceo', value: 'Lei Jun' }] },
      ],
    },
    null,
    2,
  );
  const reading = readKnowledgeBase(text);
  assert.equal(reading.problems.length, 0);
  assert.equal(text.slice(reading.locations.get('xiaomi')!.name.start, reading.locations.get('xiaomi')!.name.end), '"Xiaomi"');
  assertSameReading(text);
});

test('files the fast reading leaves to the tree: repeated and escaped keys, other shapes, problems', () => {
  for (const text of [
    '{"entities":[{"id":"a","type":"organization","name":"First","name":"Second"}]}',
    '{"entities":[{"id":"a","type":"organization","n\\u0061me":"Escaped"}]}',
    '{"entities":[{"id":"a","type":"organization","name":"A","localNames":{"de":"Ah","de":"Oh"}}]}',
    '{"$schema":{"x":[{"name":"not an entity"}]},"entities":[]}',
    '{"entities":[{"id":"a","type":"organization","name":"A"}],"extra":[{"id":"b","name":"B"}]}',
    '{"entities":[{"id":"a","type":"organization","name":"A"},{"id":"a","type":"organization","name":"B"}]}',
    '{"entities":[{"id":"a","type":"organization","name":"A","relations":[{"type":"partner","with":"nobody"}]}]}',
    '{"entities":[["a"]]}',
    '{"entities":[{"id":"a","type":"organization","name":"A"},]}',
    '[]',
    '',
    // Long and cut-off texts: the scan for spans is linear, whatever it meets.
    '"\\'.repeat(50_000),
    `{"entities":[${'{"id":"a\\\\",'.repeat(20_000)}`,
    `{"entities":[${'['.repeat(50_000)}`,
  ]) {
    assertSameReading(text);
  }
});

test('any knowledge base: the same reading as the tree, problems and spans included', () => {
  let clean = 0;
  const word = fc.constantFrom('a', 'b', 'Leica', 'X', 'leica-camera', 'partner', 'de', 'it', 'company', 'person', 'product', '2016', '', ' ', 'é"\\');
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    any: fc.oneof({ maxDepth: 3 }, word, fc.integer(), fc.constant(null), fc.array(tie('any'), { maxLength: 3 }), fc.dictionary(word, tie('any'), { maxKeys: 3 })),
  })).any;
  const entity = fc.record(
    { id: word, type: fc.constantFrom('organization', 'person', 'place', 'product', 'company'), name: word, aliases: fc.array(word, { maxLength: 2 }), localNames: fc.dictionary(fc.constantFrom('de', 'it', 'x'), word, { maxKeys: 2 }), relations: fc.array(fc.record({ type: word, with: word, from: fc.constantFrom('2016', '2022-05', 'soon') }), { maxLength: 2 }), other: value },
    { requiredKeys: [] },
  );
  // Clean entries: valid ids, types and names (quotes, backslashes and accents included), references that resolve.
  const name = fc.constantFrom('Leica Camera AG', 'Xiaomi', 'Sharp "Aquos"', 'C:\\Temp', 'Ōsaka', 'Mi 11 Ultra', '{[x]}');
  const cleanList = fc.array(fc.record({ type: fc.constantFrom('organization', 'person', 'product'), name, alias: fc.option(name), other: fc.option(fc.constantFrom('e0', 'e1')) }), { minLength: 1, maxLength: 4 }).map((list) =>
    list.map((e, i) => ({
      id: `e${i}`,
      type: e.type,
      name: `${e.name} ${i}`,
      ...(e.alias ? { aliases: [`${e.alias} alias ${i}`] } : {}),
      ...(e.other ? { relations: [{ type: 'partner', with: e.other, from: '2016' }], description: { de: `über ${e.name}` } } : {}),
    })),
  );
  fc.assert(
    fc.property(fc.oneof(fc.array(fc.oneof(entity, value), { maxLength: 5 }), cleanList), fc.boolean(), (entities, indent) => {
      const text = JSON.stringify({ entities }, null, indent ? 2 : undefined);
      assertSameReading(text);
      if (readKnowledgeBaseTree(text).problems.length === 0 && entities.length > 0) clean++;
    }),
    { numRuns: 400 },
  );
  // Enough of the generated files are clean for the fast reading to be the one compared.
  assert.ok(clean >= 20, `${clean} clean files of 400`);
});

test('brackets nested thousands deep: one problem, never a stack overflow', () => {
  const reading = readKnowledgeBase(`{"entities":[${'['.repeat(50_000)}${']'.repeat(50_000)}]}`);
  assert.equal(reading.knowledgeBase, undefined);
  assert.deepEqual(reading.problems.map((p) => [p.severity, p.message.split(' (')[0]]), [['error', 'The file nests brackets too deeply to be read']]);
});
