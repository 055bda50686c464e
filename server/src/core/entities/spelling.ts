/**
 * Near-misses of entity names ("Lecia" for "Leica"), found through a symmetric-deletion index: a word and a
 * name within one edit share a one-letter deletion, so a lookup costs one probe per letter of the word,
 * whatever the size of the knowledge base.
 *
 * Only distinctive words are indexed — single-word names, the first word of a longer organisation or product
 * name when it is long, a person's surname — and never words with digits: "Xiaomi 12 Ultra" is another
 * phone than "Xiaomi 11 Ultra", not a typo of it, and "Camera" in "Leica Camera AG" is an ordinary word.
 */
import { editDistance } from '../edit-distance';
import { LruCache } from '../lru';
import { entityNames, type KnowledgeBase } from './knowledge-base';
import { foldCase, uppercaseStart, wordTokens } from './tokens';

export interface SpellingSuggestion {
  /** The indexed word, in the knowledge base's spelling. */
  spelling: string;
  entityId: string;
  distance: number;
}

/** Names shorter than this are too close to ordinary words to correct. */
export const minNameLength = 5;
const lettersOnly = /^\p{L}+$/u;

interface IndexedWord {
  word: string;
  key: string;
  entityId: string;
}

/**
 * Bits of a word's place in an index entry; the deletion's 32-bit hash takes the bits above them (53 in all, a
 * float64 holds them exactly). Words past 2^21 (two million) are not indexed.
 */
const placeBits = 21;
const placeLimit = 2 ** placeBits;

export class SpellingIndex {
  /** Each distinctive word once, with the first entity that has it, in knowledge-base order. */
  private readonly words: IndexedWord[] = [];
  /**
   * For each word and each of its deletions (the word itself and every form with one letter deleted): the deletion's
   * hash, and the word's place, in order of hash, then place. A map from each deletion to its words held some
   * 300,000 strings and lists, 25 MB for 20,000 entities in every thread that checks articles; the index takes 2 MB now.
   */
  private readonly hashes: Uint32Array;
  private readonly places: Uint32Array;
  /** Every word of every spelling, folded: such a word is right as written. */
  private readonly known = new Set<string>();
  private readonly suggestions = new LruCache<string, SpellingSuggestion | null>(20_000);

  constructor(knowledgeBase: KnowledgeBase) {
    const keys = new Set<string>();
    const entries: number[] = [];
    for (const entity of knowledgeBase.entities) {
      for (const spelling of entityNames(entity)) {
        const words = wordTokens(spelling).map((t) => t.text);
        words.forEach((w) => this.known.add(foldCase(w)));
        const distinctive =
          words.length === 1 ? words
          : entity.type === 'person' ? [words[words.length - 1]]
          : entity.type === 'organization' || entity.type === 'product' ? words.slice(0, 1).filter((w) => w.length > minNameLength)
          : [];
        for (const word of distinctive) {
          if (word.length < minNameLength || !lettersOnly.test(word) || !uppercaseStart.test(word)) continue;
          const key = foldCase(word);
          // Another entity's word of the same key shares every deletion: the first one found stands for both.
          if (keys.has(key) || this.words.length >= placeLimit) continue;
          keys.add(key);
          const place = this.words.push({ word, key, entityId: entity.id }) - 1;
          for (const hash of deletionHashes(key)) entries.push(hash * placeLimit + place);
        }
      }
    }
    const sorted = Float64Array.from(entries).sort();
    this.hashes = new Uint32Array(sorted.length);
    this.places = new Uint32Array(sorted.length);
    sorted.forEach((entry, i) => {
      this.places[i] = entry % placeLimit;
      this.hashes[i] = (entry - this.places[i]) / placeLimit;
    });
  }

  isKnown(word: string): boolean {
    return this.known.has(foldCase(word));
  }

  /** The closest indexed name within one edit (two for names of nine letters or more), if the word is not itself a name. */
  suggest(word: string): SpellingSuggestion | undefined {
    if (word.length < minNameLength) return undefined;
    // Capitalised words recur across articles and edits; the probes for each cost some fifty lookups.
    return this.suggestions.getOrCompute(word, () => this.closest(word) ?? null) ?? undefined;
  }

  private closest(word: string): SpellingSuggestion | undefined {
    if (!lettersOnly.test(word) || this.isKnown(word)) return undefined;
    const key = foldCase(word);
    let best: SpellingSuggestion | undefined;
    for (const deletion of deletions(key)) {
      for (const entry of this.wordsWith(deletion)) {
        const allowed = entry.key.length >= 9 ? 2 : 1;
        const distance = editDistance(key, entry.key, allowed);
        if (distance === 0 || distance > allowed || (entry.key.length < substitutionMinLength && isSubstitution(key, entry.key))) continue;
        if (!best || distance < best.distance) best = { spelling: entry.word, entityId: entry.entityId, distance };
      }
    }
    return best;
  }

  /** The indexed words that are `deletion` or have it with one letter deleted, in knowledge-base order. */
  private *wordsWith(deletion: string): Generator<IndexedWord> {
    const hash = hashOf(deletion, -1);
    let low = 0;
    let high = this.hashes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.hashes[middle] < hash) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < this.hashes.length && this.hashes[i] === hash; i++) {
      const entry = this.words[this.places[i]];
      // Another deletion of the same hash: not one of this deletion's words.
      if (entry.key === deletion || isDeletionOf(deletion, entry.key)) yield entry;
    }
  }
}

/**
 * One letter replaced by another, no transposition. In short names that mostly makes another real word
 * ("Share" for "Sharp", "Weiss" for "Zeiss"), so below this length only dropped, added and swapped letters count.
 */
const substitutionMinLength = 7;

function isSubstitution(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differing = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return !(differing.length === 2 && differing[1] === differing[0] + 1 && a[differing[0]] === b[differing[1]] && a[differing[1]] === b[differing[0]]);
}

/** The word itself and every form with one letter deleted. */
function deletions(key: string): Set<string> {
  const result = new Set([key]);
  for (let i = 0; i < key.length; i++) result.add(key.slice(0, i) + key.slice(i + 1));
  return result;
}

/** The hashes of `deletions(key)`, each once, made without the strings. */
function deletionHashes(key: string): Set<number> {
  const hashes = new Set([hashOf(key, -1)]);
  for (let i = 0; i < key.length; i++) hashes.add(hashOf(key, i));
  return hashes;
}

/** FNV-1a over the code units of `text`, without the one at `skipped` (-1: none). */
function hashOf(text: string, skipped: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    if (i !== skipped) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** Whether `deletion` is `key` with one code unit deleted. */
function isDeletionOf(deletion: string, key: string): boolean {
  if (key.length !== deletion.length + 1) return false;
  let i = 0;
  while (i < deletion.length && deletion.charCodeAt(i) === key.charCodeAt(i)) i++;
  for (; i < deletion.length; i++) if (deletion.charCodeAt(i) !== key.charCodeAt(i + 1)) return false;
  return true;
}
