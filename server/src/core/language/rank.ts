/**
 * franc's ranking of a text among a few languages, computed as franc computes it but faster where the text is
 * mostly Latin script and every language asked for is a Latin-script one — every paragraph of a de/it/en/fr corpus.
 * Anything else is franc's own answer.
 *
 * franc (6.x) counts the matches of 24 script expressions to find the text's script, counts its trigrams in an
 * object used as a dictionary, sorts them and looks each up in one object per language: about a fifth of an
 * article's analysis. Here the script question is settled by one expression (more than half the text in Latin
 * script leaves no other script ahead), the trigrams are counted in a Map, and each is looked up once for all the
 * languages asked for. The answer is the same array, scores and order: a property test compares the two.
 */
import { francAll } from 'franc';
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';
import { characterCounter } from '../text';

/** franc's own constants (franc/index.js): the longest sample it reads, and the cost of a trigram a model lacks. */
const francMaxLength = 2048;
const francMaxDifference = 300;

/** The Latin-script models of some languages: per trigram, its rank in each language's model (-1: not in it). */
interface LatinModels {
  /** franc codes, in the order franc visits its models (ties keep this order). */
  codes: string[];
  ranks: Map<TrigramKey, Int16Array>;
}

/**
 * A trigram as a small integer when its three code units are below 1024 (all of a Latin-script text, nearly), else
 * as the string: counting by number makes no string per position of the text, and a lookup hashes no string.
 */
type TrigramKey = number | string;

function trigramKey(text: string, at: number): TrigramKey {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const c = text.charCodeAt(at + 2);
  return (a | b | c) < 1024 ? (a << 20) | (b << 10) | c : text.slice(at, at + 3);
}

/** franc's Latin expression for one match alone (exported for the regular-expression safety test). */
export const latinCharacter = new RegExp(`^(?:${expressions.Latin.source})$`);
/** How many matches franc's Latin expression has in a text (`text.match(expressions.Latin).length`). */
const latinCount = characterCounter(latinCharacter);

const modelsByLanguages = new Map<string, LatinModels | undefined>();

function latinModels(only: readonly string[]): LatinModels | undefined {
  const key = only.join();
  if (modelsByLanguages.has(key)) return modelsByLanguages.get(key);
  const latin = data.Latin;
  const codes = Object.keys(latin).filter((code) => only.includes(code));
  // A language of another script among them: franc would rank the Latin ones only; leave such a list to franc.
  let models: LatinModels | undefined;
  if (codes.length === only.length && codes.length > 0) {
    const ranks = new Map<TrigramKey, Int16Array>();
    codes.forEach((code, index) => {
      latin[code].split('|').forEach((trigram, rank) => {
        const key = trigram.length === 3 ? trigramKey(trigram, 0) : trigram;
        let row = ranks.get(key);
        if (!row) ranks.set(key, (row = new Int16Array(codes.length).fill(-1)));
        // franc's model object keeps a repeated trigram's first rank.
        if (row[index] === -1) row[index] = rank;
      });
    });
    models = { codes, ranks };
  }
  if (modelsByLanguages.size > 16) modelsByLanguages.clear();
  modelsByLanguages.set(key, models);
  return models;
}

/** As trigram-utils' `clean`: punctuation and digits (U+0021–U+0040) and white space runs to one space, trimmed, lower case. */
function clean(text: string): string {
  return text.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** `francAll(text, { only, minLength })`, the same result. */
export function rankLanguages(text: string, only: string[], minLength: number): Array<[string, number]> {
  const sample = text.slice(0, francMaxLength);
  const models = text.length >= minLength && only.length > 0 ? latinModels(only) : undefined;
  if (!models || latinCount(sample) * 2 <= sample.length) return francAll(text, { only, minLength });
  const padded = ` ${clean(sample)} `;
  const counts = new Map<TrigramKey, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const key = trigramKey(padded, i);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const { codes, ranks } = models;
  const distances = new Array<number>(codes.length).fill(0);
  for (const [trigram, count] of counts) {
    const row = ranks.get(trigram);
    for (let j = 0; j < codes.length; j++) {
      const rank = row ? row[j] : -1;
      distances[j] += rank === -1 ? francMaxDifference : Math.abs(count - rank - 1);
    }
  }
  const ranked = codes.map((code, j): [string, number] => [code, distances[j]]).sort((a, b) => a[1] - b[1]);
  const min = ranked[0][1];
  const max = sample.length * francMaxDifference - min;
  for (const entry of ranked) entry[1] = 1 - (entry[1] - min) / max || 0;
  return ranked;
}
