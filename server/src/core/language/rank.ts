/**
 * franc's ranking of a text among a few languages, computed as franc computes it but faster where the text is
 * mostly Latin script and every language asked for is a Latin-script one — every paragraph of a de/it/en/fr corpus.
 * Anything else is franc's own answer.
 *
 * franc (6.x) counts the matches of 24 script expressions to find the text's script, counts its trigrams in an
 * object used as a dictionary, sorts them and looks each up in one object per language: about a fifth of an
 * article's analysis. Here the script question is settled by one expression (more than half the text in Latin
 * script leaves no other script ahead), and the trigrams made of the models' own few dozen characters are counted
 * straight into a typed array indexed by the trigram, where each one's ranks in all the models asked for are found
 * by the same index. The answer is the same array, scores and order: a property test compares the two.
 */
import { francAll } from 'franc';
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';
import { characterCounter, isWhitespace } from '../text';

/** franc's own constants (franc/index.js): the longest sample it reads, and the cost of a trigram a model lacks. */
const francMaxLength = 2048;
const francMaxDifference = 300;

/** The Latin-script models of some languages: per trigram, its rank in each language's model (-1: not in it). */
interface LatinModels {
  /** franc codes, in the order franc visits its models (ties keep this order). */
  codes: string[];
  /** Per code unit, its place in the alphabet the models' trigrams are written in, or -1 when none has it. */
  alphabet: Int8Array;
  /** The alphabet's size: a trigram of it is `(a * size + b) * size + c`. */
  size: number;
  /**
   * Per trigram of the alphabet, in one word (one memory access where the text's trigrams fall): above 16 bits, its
   * row of ranks + 1 (0 when no model has it); below, its count in the text being ranked, zero between rankings.
   */
  trigrams: Int32Array;
  /** `codes.length` ranks per row. */
  rankRows: Int16Array;
}

/** Larger alphabets (a list of many languages) are left to franc: the tables grow with the cube of the size. */
const largestAlphabet = 64;

/**
 * A trigram no model has, as a small integer when its three code units are below 1024, else as the string: only
 * how many different ones a text has counts, and telling numbers apart hashes no string.
 */
type TrigramKey = number | string;

function trigramKey(a: number, b: number, c: number): TrigramKey {
  return (a | b | c) < 1024 ? (a << 20) | (b << 10) | c : String.fromCharCode(a, b, c);
}

/**
 * A set of numbered trigrams (below 2^30), by open addressing in typed arrays, cleared and reused for every ranking:
 * a Map of a paragraph's trigrams, built for each paragraph of every article, was some 13 % of all an analysis
 * allocated.
 */
class TrigramSet {
  /** Key + 1 per slot; 0 is a free slot. */
  private slots: Int32Array;
  /** The slots in use: to free them again. */
  private used: Int32Array;
  private size = 0;
  /** 32 less the number of bits of a slot index. */
  private shift: number;

  constructor(capacity: number) {
    const bits = Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.shift = 32 - bits;
    this.slots = new Int32Array(2 ** bits);
    this.used = new Int32Array(2 ** bits);
  }

  get count(): number {
    return this.size;
  }

  add(key: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    // Fibonacci hashing: the product's high bits depend on all three characters, its low bits on the last only.
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.slots[slot] !== 0 && this.slots[slot] !== key + 1) slot = (slot + 1) & mask;
    if (this.slots[slot] !== 0) return;
    this.slots[slot] = key + 1;
    this.used[this.size++] = slot;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.slots[this.used[i]] = 0;
    this.size = 0;
  }

  private grow(): void {
    const keys = Array.from({ length: this.size }, (_, i) => this.slots[this.used[i]] - 1);
    const length = this.slots.length * 2;
    this.shift--;
    this.slots = new Int32Array(length);
    this.used = new Int32Array(length);
    this.size = 0;
    for (const key of keys) this.add(key);
  }
}

/** franc's Latin expression for one match alone (exported for the regular-expression safety test). */
export const latinCharacter = new RegExp(`^(?:${expressions.Latin.source})$`);
/** How many matches franc's Latin expression has in a text (`text.match(expressions.Latin).length`). */
const latinCount = characterCounter(latinCharacter);

const modelsByLanguages = new Map<string, LatinModels | undefined>();
/** Reused by every ranking: a sample has at most `francMaxLength` + 2 characters, so the table never grows. */
let absentTrigrams: TrigramSet | undefined;
/** The alphabet trigrams a ranking counted, by index, in the order they came (reused). */
let counted = new Int32Array(francMaxLength + 2);

function modelsOf(codes: string[]): LatinModels | undefined {
  const trigrams = codes.map((code) => data.Latin[code].split('|'));
  const alphabet = new Int8Array(0x10000).fill(-1);
  let size = 0;
  for (const trigram of trigrams.flat()) {
    if (trigram.length !== 3) return undefined;
    for (let k = 0; k < 3; k++) {
      const unit = trigram.charCodeAt(k);
      if (alphabet[unit] === -1) alphabet[unit] = size++;
      if (size > largestAlphabet) return undefined;
    }
  }
  const table = new Int32Array(size ** 3);
  const rows: number[][] = [];
  trigrams.forEach((model, index) => {
    model.forEach((trigram, rank) => {
      const at = (alphabet[trigram.charCodeAt(0)] * size + alphabet[trigram.charCodeAt(1)]) * size + alphabet[trigram.charCodeAt(2)];
      if (table[at] === 0) table[at] = rows.push(new Array<number>(codes.length).fill(-1)) << 16;
      // franc's model object keeps a repeated trigram's first rank.
      const row = rows[(table[at] >>> 16) - 1];
      if (row[index] === -1) row[index] = rank;
    });
  });
  return { codes, alphabet, size, trigrams: table, rankRows: Int16Array.from(rows.flat()) };
}

function latinModels(only: readonly string[]): LatinModels | undefined {
  const key = only.join();
  if (modelsByLanguages.has(key)) return modelsByLanguages.get(key);
  const latin = data.Latin;
  const codes = Object.keys(latin).filter((code) => only.includes(code));
  // A language of another script among them: franc would rank the Latin ones only; leave such a list to franc.
  const models = codes.length === only.length && codes.length > 0 ? modelsOf(codes) : undefined;
  if (modelsByLanguages.size > 16) modelsByLanguages.clear();
  modelsByLanguages.set(key, models);
  return models;
}

/**
 * As trigram-utils' `clean`: punctuation and digits (U+0021–U+0040) and white space runs to one space, trimmed, lower
 * case. The runs between them are joined in one pass: its four replacements made as many copies of every paragraph.
 */
function clean(text: string): string {
  let cleaned = '';
  let runStart = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0x20;
    if ((code >= 0x21 && code <= 0x40) || isWhitespace(code)) {
      if (runStart >= 0) cleaned += (cleaned.length > 0 ? ' ' : '') + text.slice(runStart, i);
      runStart = -1;
    } else if (runStart < 0) {
      runStart = i;
    }
  }
  return cleaned.toLowerCase();
}

/** Reused by every ranking: the code units franc counts trigrams of (`paddedUnits`). */
let units = new Uint16Array(francMaxLength + 2);

/**
 * The code units of ` ${clean(sample)} `, in `units`; their number. Written unit by unit, without the string, where
 * each unit lowers to one unit by itself; a sample with a surrogate, a capital sigma (whose lower case depends on
 * what follows) or a unit that lowers to two ("İ") is cleaned as a string.
 */
function paddedUnits(sample: string): number {
  let length = 0;
  units[length++] = 0x20;
  let inRun = false;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code >= 0x21 && code <= 0x40) || isWhitespace(code)) {
      inRun = false;
      continue;
    }
    if (!inRun && length > 1) units[length++] = 0x20;
    inRun = true;
    const lower = code < 0x80 ? (code >= 0x41 && code <= 0x5a ? code + 0x20 : code) : lowerUnit(code);
    if (lower < 0) return paddedUnitsOf(` ${clean(sample)} `);
    units[length++] = lower;
  }
  units[length++] = 0x20;
  return length;
}

function paddedUnitsOf(padded: string): number {
  if (padded.length > units.length) units = new Uint16Array(padded.length);
  for (let i = 0; i < padded.length; i++) units[i] = padded.charCodeAt(i);
  return padded.length;
}

const lowerUnits = new Map<number, number>();

/** The lower case of a code unit from U+0080 on, as one unit; -1 where `toLowerCase` of a whole text may differ. */
function lowerUnit(code: number): number {
  let lower = lowerUnits.get(code);
  if (lower === undefined) {
    const lowered = String.fromCharCode(code).toLowerCase();
    lower = (code >= 0xd800 && code <= 0xdfff) || code === 0x3a3 || lowered.length !== 1 ? -1 : lowered.charCodeAt(0);
    lowerUnits.set(code, lower);
  }
  return lower;
}

/** `francAll(text, { only, minLength })`, the same result. */
export function rankLanguages(text: string, only: string[], minLength: number): Array<[string, number]> {
  const sample = text.slice(0, francMaxLength);
  const models = text.length >= minLength && only.length > 0 ? latinModels(only) : undefined;
  if (!models || latinCount(sample) * 2 <= sample.length) return francAll(text, { only, minLength });
  const length = paddedUnits(sample);
  const { codes, alphabet, size, trigrams, rankRows } = models;
  // Trigrams of the alphabet are counted by index; of the others, which no model has, only how many differ counts.
  const absent = (absentTrigrams ??= new TrigramSet(francMaxLength + 2));
  // Cleared before, not after: nothing a ranking left behind can count in the next.
  absent.clear();
  if (counted.length < length) counted = new Int32Array(length);
  let absentNamed: Set<string> | undefined;
  let countedLength = 0;
  for (let i = 0; i + 3 <= length; i++) {
    const a = units[i];
    const b = units[i + 1];
    const c = units[i + 2];
    const x = alphabet[a];
    const y = alphabet[b];
    const z = alphabet[c];
    if ((x | y | z) >= 0) {
      const at = (x * size + y) * size + z;
      if ((trigrams[at]++ & 0xffff) === 0) counted[countedLength++] = at;
      continue;
    }
    const key = trigramKey(a, b, c);
    if (typeof key === 'number') absent.add(key);
    else (absentNamed ??= new Set()).add(key);
  }
  const languages = codes.length;
  const distances = new Int32Array(languages).fill((absent.count + (absentNamed?.size ?? 0)) * francMaxDifference);
  for (let k = 0; k < countedLength; k++) {
    const at = counted[k];
    const cell = trigrams[at];
    trigrams[at] = cell & ~0xffff;
    const count = cell & 0xffff;
    const row = (cell >>> 16) - 1;
    if (row === -1) {
      for (let j = 0; j < languages; j++) distances[j] += francMaxDifference;
      continue;
    }
    for (let j = 0; j < languages; j++) {
      const rank = rankRows[row * languages + j];
      distances[j] += rank === -1 ? francMaxDifference : Math.abs(count - rank - 1);
    }
  }
  const ranked = codes.map((code, j): [string, number] => [code, distances[j]]).sort((a, b) => a[1] - b[1]);
  const min = ranked[0][1];
  const max = sample.length * francMaxDifference - min;
  for (const entry of ranked) entry[1] = 1 - (entry[1] - min) / max || 0;
  return ranked;
}
