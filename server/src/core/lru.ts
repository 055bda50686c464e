import type { Span } from './text';

/**
 * A map of recently used entries, at most `limit`: it keeps at least the `limit / 2` most recently used ones. The
 * analysis remembers what it read of a line or a paragraph by its text: typing changes one line of an article and
 * leaves the others' readings valid.
 *
 * Two generations rather than a strict LRU order: re-inserting every hit at the end of one Map (delete, then set)
 * makes V8 compact the table again and again, which cost some 0.8 ms per keystroke in a 100 KB article; here a hit
 * in the current generation is a single lookup, and a full generation is dropped whole.
 */
export class LruCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  /** A number, or a function read as the cache fills (see `linesRemembered`). */
  constructor(private readonly limit: number | (() => number)) {}

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.add(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    this.previous.delete(key);
    this.add(key, value);
  }

  /** The cached value, or the one `compute` returns, remembered. */
  getOrCompute(key: K, compute: () => V): V {
    let value = this.get(key);
    if (value === undefined) this.set(key, (value = compute()));
    return value;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  private add(key: K, value: V): void {
    this.current.set(key, value);
    const limit = typeof this.limit === 'number' ? this.limit : this.limit();
    if (this.current.size >= Math.max(1, Math.floor(limit / 2))) {
      this.previous = this.current;
      this.current = new Map();
    }
  }
}

let rememberedLines = 6000;

/**
 * The limit of a per-line cache of the analysis: `factor` entries per line remembered. By default every line of
 * the article being edited stays, even the 1 MB benchmark article's 2,600, and lines of articles around it.
 */
export function linesRemembered(factor = 1): () => number {
  return () => rememberedLines * factor;
}

/**
 * Sets how many lines the per-line caches remember. A thread that reads each article of a corpus once (indexing)
 * needs few: caches sized for typing held some 80 MB per indexing thread of lines never read again.
 */
export function rememberLines(lines: number): void {
  rememberedLines = lines;
}

/**
 * Results found region by region (a line, a paragraph), remembered by the region's text: what `find` reports in a
 * region must depend on nothing but that text. The cache keeps offsets into the region; `move` shifts an item by
 * a number of characters (spelled out per type: V8 copies a spread object with changed keys slowly).
 *
 * A region that carries its text (an article's `Line`) is looked up by that very string: V8 hashes a string once,
 * so the many caches of one analysis share the cost, where a fresh slice per cache hashed a 100 KB article
 * five times per keystroke.
 */
export function regionByRegion<T>(
  cache: LruCache<string, T[]>,
  text: string,
  regions: ReadonlyArray<Span & { text?: string }>,
  find: (region: Span) => T[],
  move: (item: T, by: number) => T,
): T[] {
  const found: T[] = [];
  for (const region of regions) {
    const key = region.text ?? text.slice(region.start, region.end);
    const inRegion = cache.getOrCompute(key, () => find(region).map((item) => move(item, -region.start)));
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

  constructor(private readonly limit: number | (() => number)) {}

  of(owner: object): LruCache<string, V> {
    let cache = this.caches.get(owner);
    if (!cache) this.caches.set(owner, (cache = new LruCache(this.limit)));
    return cache;
  }
}
