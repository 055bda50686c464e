// readKnowledgeBase reads a clean file without a syntax tree (JSON.parse and a scan for spans) and falls back to the
// tree for anything else: whatever the file, its answer must be the tree reading's, problems and spans included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readKnowledgeBase, readKnowledgeBaseTree, type KbReading } from '../../server/src/core/entities/knowledge-base';

const plain = (reading: KbReading) => ({ entities: reading.knowledgeBase?.entities, problems: reading.problems, locations: [...reading.locations] });

function assertSameReading(text: string) {
  const reading = readKnowledgeBase(text);
  const tree = readKnowledgeBaseTree(text);
  assert.deepEqual(plain(reading), plain(tree), text);
  // The analysis threads receive the entities as JSON, and its hash is a cache key: the key order must agree too.
  assert.equal(JSON.stringify(reading.knowledgeBase?.entities), JSON.stringify(tree.knowledgeBase?.entities), text);
}

/** Whether the fast reading's scan took `text`, handing it to JSON.parse (the tree reading never calls it). */
function scanTakes(text: string): boolean {
  const parse = JSON.parse;
  let calls = 0;
  JSON.parse = ((...args: Parameters<typeof parse>) => {
    calls++;
    return parse(...args);
  }) as typeof parse;
  try {
    readKnowledgeBase(text);
  } finally {
    JSON.parse = parse;
  }
  return calls > 0;
}

// Clean entries: valid ids, types and names (quotes, backslashes and accents included), references that resolve.
const cleanName = fc.constantFrom('Leica Camera AG', 'Xiaomi', 'Sharp "Aquos"', 'C:\\Temp', 'Ōsaka', 'Mi 11 Ultra', '{[x]}');
const cleanList = fc.array(fc.record({ type: fc.constantFrom('organization', 'person', 'product'), name: cleanName, alias: fc.option(cleanName), other: fc.option(fc.constantFrom('e0', 'e1')) }), { minLength: 1, maxLength: 4 }).map((list) =>
  list.map((e, i) => ({
    id: `e${i}`,
    type: e.type,
    name: `${e.name} ${i}`,
    ...(e.alias ? { aliases: [`${e.alias} alias ${i}`] } : {}),
    ...(e.other ? { relations: [{ type: 'partner', with: e.other, from: '2016' }], description: { de: `über ${e.name}` } } : {}),
    // A fact may carry keys of its own, `name` among them: only the entry's own `name` is its name.
    facts: [{ property: 'founded', value: `${1900 + i}`, ...(e.other ? { name: `fact ${i}`, extra: { name: e.other } } : {}) }],
  })),
);

/**
 * JSON text of `value` with `spaces` between its tokens, taken in turn; the object `repeat.object` (counted in the order
 * objects open) has its `repeat.key`-th key written once more at its end, with `repeat.value`.
 */
function jsonText(value: unknown, spaces: readonly string[], repeat?: { object: number; key: number; value: unknown }): string {
  let spaceIndex = 0;
  const space = () => spaces[spaceIndex++ % spaces.length];
  let objects = 0;
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map((item) => space() + write(item) + space()).join(',')}]`;
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    const index = objects++;
    const keys = Object.keys(v);
    const members = keys.map((key) => `${space()}${JSON.stringify(key)}${space()}:${space()}${write((v as Record<string, unknown>)[key])}${space()}`);
    if (repeat && index === repeat.object && keys.length > 0) members.push(`${JSON.stringify(keys[repeat.key % keys.length])}:${write(repeat.value)}`);
    return `{${members.join(',')}}`;
  };
  return write(value);
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
  assert.ok(scanTakes(text), 'scanTakes(text)');
  assert.equal(text.slice(reading.locations.get('xiaomi')!.name.start, reading.locations.get('xiaomi')!.name.end), '"Xiaomi"');
  assertSameReading(text);
});

test('files the fast reading leaves to the tree: repeated and escaped keys, other shapes, problems', () => {
  for (const text of [
    '{"entities":[{"id":"a","type":"organization","name":"First","name":"Second"}]}',
    '{"entities":[{"id":"a","type":"organization","n\\u0061me":"Escaped"}]}',
    '{"entities":[{"id":"a","type":"organization","name":"First","n\\u0061me":"Escaped"}]}',
    '{"entities":[{"id":"a","type":"organization","name":"A","localNames":{"de":"Ah","de":"Oh"}}]}',
    '{"entities":[{"id":"a","type":"organization","name":"A","facts":[{"property":"p","value":"first","value":"last"}]}]}',
    '{"entities":[{"id":"a","type":"organization","name":"A","facts":[{"property":"p","value":"v","extra":{"k":1,"k":2}}]}]}',
    '{"entities":[],"entities":[{"id":"a","type":"organization","name":"A"}]}',
    '{"entities":[{"id":"a","type":"organization","name":"A","description":{"d\\u0065":"escaped tag"}}]}',
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

test('clean files the fast reading answers: spacing around every token, keys shared by sibling objects, `name` deeper in an entry', () => {
  for (const text of [
    '{"entities":[{"id" :\t"a",\r\n"type"\n:"organization" , "name"  :  "A 1" } ]}',
    '{"entities":[{"id":"a","type":"organization","name":"A 1","facts":[{"property":"p","value":"x","name":"not the name"},{"property":"q","value":"y","extra":{"name":"nor this"}}]},{"name":"B 2","id":"b","type":"person"}]}',
  ]) {
    assert.equal(readKnowledgeBaseTree(text).problems.length, 0, text);
    assert.ok(scanTakes(text), text);
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

test('clean files in any spacing, and with a key written twice in any object: the same reading as the tree', () => {
  let clean = 0;
  let repeated = 0;
  const spaces = fc.array(fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n'), { minLength: 1, maxLength: 6 });
  const repeat = fc.option(fc.record({ object: fc.nat({ max: 8 }), key: fc.nat(), value: fc.constantFrom('e0', 'Other name', '2016', 42, null) }), { freq: 2 });
  fc.assert(
    fc.property(cleanList, spaces, repeat, fc.boolean(), (entities, spacing, repeating, schema) => {
      const value = { ...(schema ? { $schema: './entities.schema.json' } : {}), entities };
      const text = jsonText(value, spacing, repeating ?? undefined);
      assertSameReading(text);
      // The scan leaves every repeated key to the tree, and takes every other file: this one has no problem.
      const repeatedKey = text !== jsonText(value, spacing);
      assert.equal(scanTakes(text), !repeatedKey, text);
      if (repeatedKey) repeated++;
      else if (readKnowledgeBaseTree(text).problems.length === 0) clean++;
    }),
    { numRuns: 300 },
  );
  assert.ok(clean >= 50 && repeated >= 50, `${clean} clean and ${repeated} repeating files of 300`);
});

test('a clean file edited at random (a character inserted or deleted, a stretch written twice): the same reading as the tree', () => {
  let taken = 0;
  const edit = fc.oneof(
    fc.record({ at: fc.nat(), insert: fc.constantFrom('"', '\\', '{', '}', '[', ']', ':', ',', ' ', 'x') }),
    fc.record({ at: fc.nat(), remove: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ at: fc.nat(), copy: fc.integer({ min: 1, max: 40 }) }),
  );
  fc.assert(
    fc.property(cleanList, fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 3 }), (entities, indent, edits) => {
      let text = JSON.stringify({ entities }, null, indent ? 2 : undefined);
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        if ('insert' in e) text = text.slice(0, at) + e.insert + text.slice(at);
        else if ('remove' in e) text = text.slice(0, at) + text.slice(at + e.remove);
        else text = text.slice(0, at + e.copy) + text.slice(at, at + e.copy) + text.slice(at + e.copy);
      }
      assertSameReading(text);
      if (scanTakes(text)) taken++;
    }),
    { numRuns: 500 },
  );
  // Some edits leave text the scan takes (a space, a stretch of a string), so the checks on plain values are compared too.
  assert.ok(taken >= 100, `${taken} of 500 edited files taken by the scan`);
});

test('brackets nested thousands deep: one problem, never a stack overflow', () => {
  const reading = readKnowledgeBase(`{"entities":[${'['.repeat(50_000)}${']'.repeat(50_000)}]}`);
  assert.equal(reading.knowledgeBase, undefined);
  assert.deepEqual(reading.problems.map((p) => [p.severity, p.message.split(' (')[0]]), [['error', 'The file nests brackets too deeply to be read']]);
});
