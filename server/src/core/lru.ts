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
