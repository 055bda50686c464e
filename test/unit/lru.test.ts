import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineCache, LruCache, rememberText, withoutRemembering } from '../../server/src/core/lru';

test('LruCache keeps the most recently used half of its limit at least, and never more than its limit', () => {
  const cache = new LruCache<string, number>(4);
  for (const [key, value] of [['a', 1], ['b', 2], ['c', 3], ['d', 4], ['e', 5]] as const) cache.set(key, value);
  assert.equal(cache.get('a'), undefined); // the oldest is gone
  // The two most recent, in turn.
  assert.equal(cache.get('e'), 5);
  assert.equal(cache.get('d'), 4);
  for (let i = 0; i < 100; i++) {
    cache.set(`k${i}`, i);
    assert.ok(cache.size <= 4, 'cache.size <= 4');
    // The two most recent entries are always there.
    assert.equal(cache.get(`k${i}`), i);
    if (i > 0) assert.equal(cache.get(`k${i - 1}`), i - 1);
  }
});

test('LruCache.set replaces a value in either generation', () => {
  const cache = new LruCache<string, number>(4);
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('c', 3); // a and b move to the older generation
  cache.set('a', 10);
  assert.equal(cache.get('a'), 10);
  assert.equal(cache.get('b'), 2);
  assert.ok(cache.size <= 4, 'cache.size <= 4');
});

test('LruCache.getOrCompute computes once per key while it stays cached', () => {
  const cache = new LruCache<string, string[]>(10);
  let computed = 0;
  const first = cache.getOrCompute('line', () => (computed++, ['x']));
  const second = cache.getOrCompute('line', () => (computed++, ['y']));
  assert.equal(computed, 1);
  assert.equal(second, first);
});

test('a line cache counts characters: typing new versions of a long paragraph never holds more than its share', () => {
  rememberText(50_000);
  try {
    const cache = lineCache<number>();
    const paragraph = 'x'.repeat(3000);
    for (let keystroke = 0; keystroke < 1000; keystroke++) {
      cache.set(`${keystroke} ${paragraph}`, keystroke);
      assert.ok(cache.size * paragraph.length <= 50_000, `${cache.size} versions of 3,000 characters after ${keystroke + 1} keystrokes`);
    }
    // The latest versions are there.
    assert.equal(cache.get(`999 ${paragraph}`), 999);
    assert.equal(cache.get(`998 ${paragraph}`), 998);
  } finally {
    rememberText(2_000_000);
  }
});

test('a line cache that remembers no characters keeps nothing, and computes each time', () => {
  rememberText(0);
  try {
    const cache = lineCache<number>();
    let computed = 0;
    for (let i = 0; i < 3; i++) assert.equal(cache.getOrCompute('the same line', () => ++computed), i + 1);
    cache.set('another line', 1);
    assert.equal(cache.size, 0);
    assert.equal(cache.get('another line'), undefined);
  } finally {
    rememberText(2_000_000);
  }
});

test('a read without remembering finds what the caches hold, adds nothing, moves nothing, and leaves them remembering after', () => {
  rememberText(10);
  try {
    const cache = lineCache<number>();
    // Four characters a line, five per generation: the second line pushes the first into the previous generation.
    cache.set('old1', 1);
    cache.set('new2', 2);
    const answer = withoutRemembering(() => {
      assert.equal(cache.get('old1'), 1);
      assert.equal(cache.get('new2'), 2);
      assert.equal(cache.getOrCompute('new3', () => 3), 3);
      return 'read';
    });
    assert.equal(answer, 'read');
    assert.equal(cache.size, 2);
    assert.equal(cache.get('new3'), undefined);
    // Still in the previous generation: one more line drops it with that generation.
    cache.set('new4', 4);
    assert.equal(cache.get('old1'), undefined);
    assert.equal(cache.get('new2'), 2);
    // Remembering again, also after a read that threw.
    assert.throws(() => withoutRemembering(() => { throw new Error('failed read'); }), /failed read/);
    cache.set('new5', 5);
    assert.equal(cache.get('new5'), 5);
  } finally {
    rememberText(2_000_000);
  }
});
