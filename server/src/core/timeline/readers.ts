/**
 * Which languages the timeline's own reader reads (`reader.ts`, with a grammar per language), and their readers;
 * chrono reads the others (`parsers.ts`).
 */
import { german } from './grammar-de';
import { english } from './grammar-en';
import { french } from './grammar-fr';
import { italian } from './grammar-it';
import { lexicons, type TimelineLanguage } from './lexicon';
import { buildReader, type Grammar, type Reader } from './reader';

const grammars = { de: german, it: italian, en: english, fr: french } satisfies Partial<Record<TimelineLanguage, Grammar>>;
type ReaderLanguage = keyof typeof grammars;
export type ChronoLanguage = Exclude<TimelineLanguage, ReaderLanguage>;

export function hasReader(language: TimelineLanguage): language is ReaderLanguage {
  return language in grammars;
}

const readers = new Map<ReaderLanguage, Reader>();

/** The reader of a language that has one, built once. */
export function readerFor(language: ReaderLanguage): Reader {
  let reader = readers.get(language);
  if (!reader) readers.set(language, (reader = buildReader(lexicons[language], grammars[language])));
  return reader;
}
