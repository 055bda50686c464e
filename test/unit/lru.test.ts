import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LruCache } from '../../server/src/core/lru';

test('LruCache keeps the most recently used entries and drops the oldest', () => {
  const cache = new LruCache<string, number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  assert.equal(cache.get('a'), 1); // a is now the most recent
  cache.set('c', 3); // drops b
  assert.equal(cache.get('b'), undefined);
  assert.equal(cache.get('a'), 1);
  assert.equal(cache.get('c'), 3);
  assert.equal(cache.size, 2);
});

test('LruCache.getOrCompute computes once per key while it stays cached', () => {
  const cache = new LruCache<string, string[]>(10);
  let computed = 0;
  const first = cache.getOrCompute('line', () => (computed++, ['x']));
  const second = cache.getOrCompute('line', () => (computed++, ['y']));
  assert.equal(computed, 1);
  assert.equal(second, first);
});
