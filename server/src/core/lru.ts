import type { Span } from './text';

/**
 * A map that keeps the `limit` most recently used entries. The analysis remembers what it read of a line or a
 * paragraph by its text: typing changes one line of an article and leaves the others' readings valid.
 */
export class LruCache<K, V> {
  // A Map iterates in insertion order: re-inserting on use keeps the oldest entry first.
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  /** The cached value, or the one `compute` returns, remembered. */
  getOrCompute(key: K, compute: () => V): V {
    let value = this.get(key);
    if (value === undefined) this.set(key, (value = compute()));
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Results found region by region (a line, a paragraph), remembered by the region's text: what `find` reports in a
 * region must depend on nothing but that text. The cache keeps offsets into the region; `move` shifts an item by
 * a number of characters (spelled out per type: V8 copies a spread object with changed keys slowly).
 */
export function regionByRegion<T>(
  cache: LruCache<string, T[]>,
  text: string,
  regions: readonly Span[],
  find: (region: Span) => T[],
  move: (item: T, by: number) => T,
): T[] {
  const found: T[] = [];
  for (const region of regions) {
    const inRegion = cache.getOrCompute(text.slice(region.start, region.end), () => find(region).map((item) => move(item, -region.start)));
    for (const item of inRegion) found.push(move(item, region.start));
  }
  return found;
}

export function moveSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/** One cache per owner (a compiled knowledge base): what depends on the owner goes with it. */
export class CachePerOwner<V> {
  private readonly caches = new WeakMap<object, LruCache<string, V>>();

  constructor(private readonly limit: number) {}

  of(owner: object): LruCache<string, V> {
    let cache = this.caches.get(owner);
    if (!cache) this.caches.set(owner, (cache = new LruCache(this.limit)));
    return cache;
  }
}
