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

export class SpellingIndex {
  private readonly byDeletion = new Map<string, IndexedWord[]>();
  /** Every word of every spelling, folded: such a word is right as written. */
  private readonly known = new Set<string>();
  private readonly suggestions = new LruCache<string, SpellingSuggestion | null>(20_000);

  constructor(knowledgeBase: KnowledgeBase) {
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
          const entry = { word, key: foldCase(word), entityId: entity.id };
          for (const deletion of deletions(entry.key)) {
            const list = this.byDeletion.get(deletion) ?? [];
            if (!list.some((e) => e.key === entry.key)) list.push(entry);
            this.byDeletion.set(deletion, list);
          }
        }
      }
    }
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
      for (const entry of this.byDeletion.get(deletion) ?? []) {
        const allowed = entry.key.length >= 9 ? 2 : 1;
        const distance = editDistance(key, entry.key, allowed);
        if (distance === 0 || distance > allowed || (entry.key.length < substitutionMinLength && isSubstitution(key, entry.key))) continue;
        if (!best || distance < best.distance) best = { spelling: entry.word, entityId: entry.entityId, distance };
      }
    }
    return best;
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
