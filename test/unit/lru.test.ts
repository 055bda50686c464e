import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LruCache } from '../../server/src/core/lru';

test('LruCache keeps the most recently used half of its limit at least, and never more than its limit', () => {
  const cache = new LruCache<string, number>(4);
  cache.set('a', 1);
  cache.set('b', 2);
  assert.equal(cache.get('a'), 1); // a is now the most recent
  cache.set('c', 3);
  cache.set('d', 4);
  assert.equal(cache.get('b'), undefined); // b was the least recently used
  // The two most recent, in turn.
  assert.equal(cache.get('d'), 4);
  assert.equal(cache.get('c'), 3);
  for (let i = 0; i < 100; i++) {
    cache.set(`k${i}`, i);
    assert.ok(cache.size <= 4);
    // The two most recent entries are always there.
    assert.equal(cache.get(`k${i}`), i);
    if (i > 0) assert.equal(cache.get(`k${i - 1}`), i - 1);
  }
});

test('LruCache.set replaces a value in either generation', () => {
  const cache = new LruCache<string, number>(4);
  cache.set('a', 1);
  cache.set('b', 2); // a and b move to the older generation
  cache.set('a', 10);
  assert.equal(cache.get('a'), 10);
  assert.equal(cache.get('b'), 2);
  assert.ok(cache.size <= 4);
});

test('LruCache.getOrCompute computes once per key while it stays cached', () => {
  const cache = new LruCache<string, string[]>(10);
  let computed = 0;
  const first = cache.getOrCompute('line', () => (computed++, ['x']));
  const second = cache.getOrCompute('line', () => (computed++, ['y']));
  assert.equal(computed, 1);
  assert.equal(second, first);
});
