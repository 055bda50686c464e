// The knowledge-base reader on what a file being edited goes through — cut off mid-typing, every kind of schema
// violation, names claimed twice, names too short to match — and on a knowledge base of 50,000 entities. The basic
// cases (one invalid JSON, a duplicate id, a name reused as an alias, a one-letter alias, wrong types, unknown keys,
// dangling references) are in entities.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseArticle } from '../../server/src/core/article';
import { compileKnowledgeBase, findArticleMentions } from '../../server/src/core/entities/catalog';
import type { KbEntity } from '../../server/src/core/entities/kb';
import { readKnowledgeBase, type KbReading } from '../../server/src/core/entities/knowledge-base';
import { LineIndex } from '../../server/src/core/text';

const seeds = path.join(__dirname, '..', '..', 'seeds');
const seedKb = readFileSync(path.join(seeds, 'entities.json'), 'utf8');
const seedArticle = readFileSync(path.join(seeds, '000_ebeef4f3d678d313.txt'), 'utf8');

/** Each problem as "the text it points at → severity: message". */
function described(text: string, reading: KbReading): string[] {
  return reading.problems.map((p) => `${text.slice(p.span.start, p.span.end)} → ${p.severity}: ${p.message}`);
}

const entries = (...entities: string[]) => `{ "entities": [\n${entities.join(',\n')}\n] }`;

describe('knowledge base cut off mid-typing (the seeds’ entities.json, cut at every 97th offset)', () => {
  const cuts: number[] = [];
  for (let at = 0; at < seedKb.length; at += 97) cuts.push(at);

  test(`${cuts.length} cuts: never throws, no knowledge base, an “Invalid JSON” problem at the cut`, () => {
    for (const at of cuts) {
      const text = seedKb.slice(0, at);
      const reading = readKnowledgeBase(text);
      assert.equal(reading.knowledgeBase, undefined, `cut at ${at}`);
      assert.ok(reading.problems.length > 0, `cut at ${at}: no problem`);
      for (const p of reading.problems) {
        assert.match(p.message, /^Invalid JSON: [a-z ]+\.$/, `cut at ${at}`);
        assert.equal(p.severity, 'error');
        assert.ok(p.span.start >= 0 && p.span.start <= p.span.end && p.span.start <= at, `cut at ${at}: span ${p.span.start}-${p.span.end}`);
      }
      // The file ends where it was cut: one problem at least reaches that point.
      assert.ok(reading.problems.some((p) => p.span.start <= at && p.span.end >= at), `cut at ${at}: ${JSON.stringify(reading.problems)}`);
    }
  });

  test('every problem’s span lies inside the text', () => {
    for (const at of cuts) {
      const text = seedKb.slice(0, at);
      for (const p of readKnowledgeBase(text).problems) assert.ok(p.span.end <= text.length, `cut at ${at}: “${p.message}” at ${p.span.start}-${p.span.end} of ${text.length}`);
    }
  });

  test('an error at the very end is the empty span there, and the editor’s range for it is at the end of the file', () => {
    for (const text of ['', '{', '{ "entities": [', seedKb.slice(0, seedKb.length - 3), `${seedKb.slice(0, 200)}\n`]) {
      const atEnd = readKnowledgeBase(text).problems.filter((p) => p.span.start === text.length);
      assert.ok(atEnd.length > 0, `${JSON.stringify(text.slice(-20))}: no problem at the end`);
      for (const p of atEnd) {
        assert.equal(p.span.end, text.length);
        // The conversion the server and the CLI make (server.ts, cli.ts): a range inside the document, round trip exact.
        const index = new LineIndex(text);
        const range = index.rangeOf(p.span);
        assert.deepEqual(range.end, { line: index.lineCount - 1, character: text.length - index.lineStarts[index.lineCount - 1] });
        assert.deepEqual([index.offsetAt(range.start), index.offsetAt(range.end)], [p.span.start, p.span.end]);
      }
    }
  });

  test('the whole file reads without problems (the cuts above are the only faults)', () => {
    assert.deepEqual(readKnowledgeBase(seedKb).problems, []);
  });
});

describe('schema violations, each reported on the value at fault', () => {
  const cases: Array<[string, string, string[], { entities?: string[] }?]> = [
    ['the file is a list', '[]', ['[] → error: The knowledge base must be a JSON object with an "entities" list.']],
    ['the file is a string', '"entities"', ['"entities" → error: The knowledge base must be a JSON object with an "entities" list.']],
    ['no entities list', '{ "entity": [] }', ['{ "entity": [] } → error: The knowledge base needs an "entities" list.']],
    ['entities is an object', '{ "entities": {} }', ['"entities": {} → error: The knowledge base needs an "entities" list.']],
    ['an unknown key beside entities ($schema is allowed)', '{ "$schema": "x.json", "entities": [], "version": 2 }', ['"version" → warning: Unknown key "version".'], { entities: [] }],
    ['an entity that is not an object', entries('"leica"', '{ "id": "ok", "type": "place", "name": "Okay" }'), ['"leica" → error: An entity must be an object with "id", "type" and "name".'], { entities: ['ok'] }],
    ['a name that is a number', entries('{ "id": "n", "type": "place", "name": 42 }'), ['42 → error: "name" must be a string.'], { entities: [] }],
    ['a one-letter name', entries('{ "id": "n", "type": "place", "name": "N" }'), ['"N" → error: A name needs at least two characters.'], { entities: [] }],
    ['aliases that are not a list', entries('{ "id": "a", "type": "place", "name": "Alpha", "aliases": "Al" }'), ['"Al" → error: "aliases" must be a list of strings.'], { entities: [] }],
    ['an alias that is not a string', entries('{ "id": "a", "type": "place", "name": "Alpha", "aliases": ["Al", 7] }'), ['7 → error: "aliases" must hold strings only.'], { entities: [] }],
    ['an empty alias', entries('{ "id": "a", "type": "place", "name": "Alpha", "aliases": ["", "Al"] }'), ['"" → warning: An alias needs at least two characters; it is ignored.'], { entities: ['a'] }],
    ['an alias of spaces only', entries('{ "id": "a", "type": "place", "name": "Alpha", "aliases": ["   "] }'), ['"   " → warning: An alias needs at least two characters; it is ignored.'], { entities: ['a'] }],
    ['local names that are not an object', entries('{ "id": "a", "type": "place", "name": "Alpha", "localNames": ["Alfa"] }'), ['["Alfa"] → warning: "localNames" must map language tags to text, e.g. { "de": "…", "en": "…" }.'], { entities: ['a'] }],
    ['a local name under a key that is no language tag', entries('{ "id": "a", "type": "place", "name": "Alpha", "localNames": { "italian": "Alfa" } }'), ['"italian" → warning: "italian" is not a language tag such as "de" or "it".'], { entities: ['a'] }],
    ['a one-letter local name', entries('{ "id": "a", "type": "place", "name": "Alpha", "localNames": { "it": "A" } }'), ['"A" → warning: A name needs at least two characters.'], { entities: ['a'] }],
    ['a description that is not text', entries('{ "id": "a", "type": "place", "name": "Alpha", "description": { "de": 1 } }'), ['1 → warning: A description must be a string.'], { entities: ['a'] }],
    ['facts that are not a list', entries('{ "id": "a", "type": "place", "name": "Alpha", "facts": {} }'), ['{} → warning: "facts" must be a list.'], { entities: ['a'] }],
    ['a fact that is not an object', entries('{ "id": "a", "type": "place", "name": "Alpha", "facts": ["big"] }'), ['"big" → warning: Each of "facts" must be an object.'], { entities: ['a'] }],
    ['a fact without its value', entries('{ "id": "a", "type": "place", "name": "Alpha", "facts": [{ "property": "size" }] }'), ['{ "property": "size" } → warning: Missing "value".'], { entities: ['a'] }],
    ['a relation without its partner', entries('{ "id": "a", "type": "place", "name": "Alpha", "relations": [{ "type": "partnership" }] }'), ['{ "type": "partnership" } → warning: Missing "with".'], { entities: ['a'] }],
    ['sources that are not a list', entries('{ "id": "a", "type": "place", "name": "Alpha", "sources": "000.txt" }'), ['"000.txt" → warning: "sources" must be a list of strings.'], { entities: ['a'] }],
    ['an id that is not a string', entries('{ "id": 1, "type": "place", "name": "Alpha" }'), ['1 → error: "id" must be a string.'], { entities: [] }],
    ['a missing type', entries('{ "id": "a", "name": "Alpha" }'), ['{ "id": "a", "name": "Alpha" } → error: Missing "type".'], { entities: [] }],
  ];
  for (const [name, text, expected, kept] of cases) {
    test(name, () => {
      const reading = readKnowledgeBase(text);
      assert.deepEqual(described(text, reading), expected);
      if (kept?.entities) assert.deepEqual(reading.knowledgeBase?.entities.map((e) => e.id), kept.entities);
    });
  }
});

describe('names claimed by two entities', () => {
  const text = entries(
    '{ "id": "leica-camera", "type": "organization", "name": "Leica Camera AG", "aliases": ["Leica"] }',
    '{ "id": "leica-store", "type": "place", "name": "Leica Store", "aliases": ["LEICA", "Store"] }',
    '{ "id": "store-chain", "type": "organization", "name": "Store Chain", "aliases": ["store"], "localNames": { "it": "Leica Store" } }',
  );
  const reading = readKnowledgeBase(text);

  test('an alias reused by another entity, in another case, and as a local name: each reported where it is written', () => {
    assert.deepEqual(described(text, reading), [
      '"LEICA" → error: "LEICA" already names "leica-camera"; a name or alias must belong to one entity. It is not matched for "leica-store".',
      '"store" → error: "store" already names "leica-store"; a name or alias must belong to one entity. It is not matched for "store-chain".',
      '"Leica Store" → error: "Leica Store" already names "leica-store"; a name or alias must belong to one entity. It is not matched for "store-chain".',
    ]);
  });

  test('the first owner keeps the name: mentions go to it alone', () => {
    const catalog = compileKnowledgeBase(reading.knowledgeBase!);
    const article = parseArticle('Leica und der Leica Store\n\nLEICA, Store und Store Chain.\n');
    assert.deepEqual(
      findArticleMentions(article, catalog).map((m) => `${m.text}=${m.entityId}`),
      ['Leica=leica-camera', 'Leica Store=leica-store', 'LEICA=leica-camera', 'Store=leica-store', 'Store Chain=store-chain'],
    );
  });
});

describe('a knowledge base of 50,000 entities', () => {
  const count = 50_000;
  const words = ['Nord', 'Süd', 'Alpha', 'Beta', 'Optik', 'Kamera', 'Foto', 'Lumen', 'Studio', 'Werk'];
  const generated: KbEntity[] = Array.from({ length: count }, (_, i) => ({
    id: `entity-${i}`,
    type: (['organization', 'person', 'product', 'place'] as const)[i % 4],
    name: `${words[i % words.length]} ${words[Math.floor(i / words.length) % words.length]} ${i}`,
    aliases: [`E${i}X`],
    localNames: { it: `Entità ${i}` },
    // Every 50th with a description and a relation to the one before, as a real knowledge base has some.
    ...(i % 50 === 49 ? { description: { de: `Eintrag ${i}.`, en: `Entry ${i}.` }, relations: [{ type: 'partnership', with: `entity-${i - 1}`, from: '2016' }] } : {}),
  }));
  const seedEntities = (JSON.parse(seedKb) as { entities: KbEntity[] }).entities;
  const text = JSON.stringify({ entities: [...seedEntities, ...generated] }, null, 2);

  test(`reads, compiles and matches within 20 s (${Math.round(text.length / 1024 / 1024)} MB of JSON)`, (t) => {
    const started = Date.now();
    const reading = readKnowledgeBase(text);
    const read = Date.now();
    assert.deepEqual(reading.problems, []);
    assert.equal(reading.knowledgeBase!.entities.length, seedEntities.length + count);
    const catalog = compileKnowledgeBase(reading.knowledgeBase!);
    const compiled = Date.now();
    const seedCatalog = compileKnowledgeBase(readKnowledgeBase(seedKb).knowledgeBase!);
    const article = parseArticle(seedArticle);
    const mentions = findArticleMentions(article, catalog);
    // 50,000 names that appear nowhere in the seed change none of its mentions.
    assert.deepEqual(mentions, findArticleMentions(article, seedCatalog));
    assert.ok(mentions.length > 20, 'mentions.length > 20');
    const found = findArticleMentions(parseArticle(`Titel\n\nDie ${generated[12_341].name} und E777X, in Italia Entità 49999.\n`), catalog);
    assert.deepEqual(found.map((m) => `${m.text}=${m.entityId}`), [`${generated[12_341].name}=entity-12341`, 'E777X=entity-777', 'Entità 49999=entity-49999']);
    const total = Date.now() - started;
    t.diagnostic(`read ${read - started} ms, compiled ${compiled - read} ms, total ${total} ms`);
    assert.ok(total < 20_000, `${total} ms`);
  });
});
