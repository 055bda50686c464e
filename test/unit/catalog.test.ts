import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogOf, spellingsStartingWith } from '../../server/src/core/entities/catalog';
import type { KbEntity } from '../../server/src/core/entities/kb';
import { createKnowledgeBase, entityNames, namesOnly } from '../../server/src/core/entities/knowledge-base';

const catalog = catalogOf([
  { id: 'leica-camera', type: 'organization', name: 'Leica Camera', aliases: ['Leica'] },
  { id: 'leitz-phone-2', type: 'product', name: 'Leitz Phone 2' },
  { id: 'xiaomi', type: 'organization', name: 'Xiaomi', localNames: { zh: '小米' } },
  { id: 'sharp', type: 'organization', name: 'Sharp' },
]);

test('spellingsStartingWith finds names, aliases and local names by prefix, in any case, in order', () => {
  const { found, more } = spellingsStartingWith(catalog, 'LEI', 10);
  assert.deepEqual(found.map((e) => e.spelling), ['Leica', 'Leica Camera', 'Leitz Phone 2']);
  assert.deepEqual(found.map((e) => e.entity.id), ['leica-camera', 'leica-camera', 'leitz-phone-2']);
  assert.equal(more, false);
  assert.deepEqual(spellingsStartingWith(catalog, '小', 10).found.map((e) => e.entity.id), ['xiaomi']);
  assert.deepEqual(spellingsStartingWith(catalog, 'zz', 10).found, []);
});

test('spellingsStartingWith stops at the limit and says more follow', () => {
  const { found, more } = spellingsStartingWith(catalog, '', 2);
  assert.equal(found.length, 2);
  assert.equal(more, true);
  assert.equal(spellingsStartingWith(catalog, 'lei', 3).more, false);
});

test('namesOnly keeps each entity’s id, type and spellings, in order, and nothing a hover card or the timeline reads', () => {
  const entities: KbEntity[] = [
    {
      id: 'leica-camera',
      type: 'organization',
      name: 'Leica Camera',
      aliases: ['Leica'],
      localNames: { zh: '徕卡' },
      description: { en: 'A German maker of cameras.' },
      facts: [{ property: 'headquarters', value: 'Wetzlar', entity: 'wetzlar', sources: ['a.txt'] }],
      relations: [{ type: 'partnership', with: 'huawei', from: '2016', sources: ['a.txt'] }],
      sources: ['a.txt'],
    },
    { id: 'huawei', type: 'organization', name: 'Huawei' },
  ];
  const names = namesOnly(createKnowledgeBase(entities));
  assert.deepEqual(names.entities, [
    { id: 'leica-camera', type: 'organization', name: 'Leica Camera', aliases: ['Leica'], localNames: { zh: '徕卡' } },
    { id: 'huawei', type: 'organization', name: 'Huawei' },
  ]);
  assert.deepEqual(names.entities.map(entityNames), entities.map(entityNames));
  assert.equal(names.byId.get('huawei'), names.entities[1]);
});
