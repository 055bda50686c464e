import type { Span } from './text';

/**
 * A map of recently used entries, up to `limit` in all: it keeps at least the most recently used half. What counts
 * against the limit is one per entry, or what `weigh` says (a line cache counts its keys' characters, so a cache
 * of long paragraphs holds fewer). The analysis remembers what it read of a line or a paragraph by its text:
 * typing changes one line of an article and leaves the others' readings valid.
 *
 * Two generations rather than a strict LRU order: re-inserting every hit at the end of one Map (delete, then set)
 * makes V8 compact the table again and again, which cost some 0.8 ms per keystroke in a 100 KB article; here a hit
 * in the current generation is a single lookup, and a full generation is dropped whole.
 */
export class LruCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private currentWeight = 0;

  /** `limit`: a number, or a function read as the cache fills (see `lineCache`). */
  constructor(
    private readonly limit: number | (() => number),
    private readonly weigh: (key: K) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    // An empty cache (one that remembers nothing, see `rememberText`) is not asked: a lookup hashes the key, and
    // keys are lines, or lines joined to a language and a date.
    if (this.current.size === 0 && this.previous.size === 0) return undefined;
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    // Moved to the current generation, unless that keeps nothing now (see `withoutRemembering`): it stays where it is.
    if (old !== undefined && this.currentLimit() > 0) {
      this.previous.delete(key);
      this.add(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    this.previous.delete(key);
    if (this.current.has(key)) this.current.set(key, value);
    else this.add(key, value);
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

  private currentLimit(): number {
    return typeof this.limit === 'number' ? this.limit : this.limit();
  }

  private add(key: K, value: V): void {
    const limit = this.currentLimit();
    if (limit <= 0) return;
    const weight = this.weigh(key);
    // A generation holds half the limit at most (one entry, whatever its weight).
    if (this.current.size > 0 && this.currentWeight + weight > limit / 2) {
      this.previous = this.current;
      this.current = new Map();
      this.currentWeight = 0;
    }
    this.current.set(key, value);
    this.currentWeight += weight;
  }
}

let rememberedCharacters = 2_000_000;

/**
 * A cache of what the analysis read per line (or paragraph), by the line's text, holding about `factor` times the
 * characters remembered (`rememberText`). By default every line of the article being edited stays, even of a 1 MB
 * article, and some of the articles around it. Typing adds a new version of one line per keystroke; counting
 * characters keeps that bounded (a limit of 6,000 entries let versions of 3 KB paragraphs pile up in every cache:
 * some 115 KB more heap per keystroke, for thousands of keystrokes).
 */
export function lineCache<V>(factor = 1): LruCache<string, V> {
  return new LruCache<string, V>(() => rememberedCharacters * factor, (line) => line.length);
}

/**
 * Sets how many characters of lines the per-line caches remember. A thread that reads each article of a corpus
 * once (indexing) needs only the article at hand: caches sized for typing kept some 40 MB of lines per indexing
 * thread that were never read again.
 */
export function rememberText(characters: number): void {
  rememberedCharacters = characters;
}

/**
 * Runs `read` with the per-line caches remembering nothing new: the analysis pool's lane in the editor's thread
 * reads each article of a pass once, and its lines would push out those of the articles being edited.
 */
export function withoutRemembering<T>(read: () => T): T {
  const kept = rememberedCharacters;
  rememberedCharacters = 0;
  try {
    return read();
  } finally {
    rememberedCharacters = kept;
  }
}

/** What `regionByRegion` keeps of a region: its items, at the offset the region had when they were placed. */
export interface Placed<T> {
  start: number;
  items: T[];
}

/**
 * Results found region by region (a line, a paragraph), remembered by the region's text: what `find` reports in a
 * region must depend on nothing but that text. The cache keeps the items where the region last was: a region an
 * edit did not move (every line before it) gives the very same items again, without a copy; one it moved gets new
 * copies shifted by `move` (spelled out per type: V8 copies a spread object with changed keys slowly), and the
 * items an earlier analysis was given stay as they were. Nothing may change an item it is given.
 *
 * A region that carries its text (an article's `Line`) is looked up by that very string: V8 hashes a string once,
 * so the many caches of one analysis share the cost, where a fresh slice per cache hashed a 100 KB article
 * five times per keystroke.
 */
export function regionByRegion<T, R extends Span & { text?: string } = Span & { text?: string }>(
  cache: LruCache<string, Placed<T>>,
  text: string,
  regions: readonly R[],
  find: (region: R) => T[],
  move: (item: T, by: number) => T,
): T[] {
  const found: T[] = [];
  for (const region of regions) {
    const key = region.text ?? text.slice(region.start, region.end);
    let placed = cache.get(key);
    if (!placed) cache.set(key, (placed = { start: region.start, items: find(region) }));
    else if (placed.start !== region.start) {
      const by = region.start - placed.start;
      placed.items = placed.items.map((item) => move(item, by));
      placed.start = region.start;
    }
    for (const item of placed.items) found.push(item);
  }
  return found;
}

export function moveSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/** One cache per owner (a compiled knowledge base): what depends on the owner goes with it. */
export class CachePerOwner<V> {
  private readonly caches = new WeakMap<object, LruCache<string, V>>();

  constructor(private readonly create: () => LruCache<string, V>) {}

  of(owner: object): LruCache<string, V> {
    let cache = this.caches.get(owner);
    if (!cache) this.caches.set(owner, (cache = this.create()));
    return cache;
  }
}
