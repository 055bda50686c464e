/** The timeline's reader (`reader.ts`) of each timeline language, with its grammar. */
import { german } from './grammar-de';
import { english } from './grammar-en';
import { spanish } from './grammar-es';
import { french } from './grammar-fr';
import { italian } from './grammar-it';
import { lexicons, type TimelineLanguage } from './lexicon';
import { buildReader, type Grammar, type Reader } from './reader';

const grammars: Record<TimelineLanguage, Grammar> = { de: german, it: italian, en: english, fr: french, es: spanish };

const readers = new Map<TimelineLanguage, Reader>();

/** The reader of a language, built once. */
export function readerFor(language: TimelineLanguage): Reader {
  let reader = readers.get(language);
  if (!reader) readers.set(language, (reader = buildReader(lexicons[language], grammars[language])));
  return reader;
}
