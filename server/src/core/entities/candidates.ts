/**
 * Names that look like entities but are not in the knowledge base: runs of capitalised words ("Andreas
 * Mohrland") and product-like names (letters with a model number: "P60", "Leitz Phone 2", "Aquos R7").
 * Runs are trimmed of generic capitalised words (articles, job titles); years join no run ("seit 2016" is a
 * date). Where the language capitalises every noun (German), a sentence's first word is not taken as part of a
 * name ("Farbiges Porträt"), and a plain run right after a lower-case word is a noun phrase ("in Sachen
 * Kameraleistung"), not a name: names there stand after punctuation. A title in headline case ("The Big New
 * Phone Arrives") is left out by `candidateRegions`.
 */
import { genericCapitalised, organisationSuffixes } from '../data/generic-capitals';
import type { Article } from '../article';
import type { Span } from '../text';
import { mentionRegions } from './catalog';
import type { EntityType } from './kb';
import type { Mention } from './matcher';
import { lowercaseStart, uppercaseStart, wordTokens, type Token } from './tokens';

export interface Candidate {
  span: Span;
  text: string;
  /** The type a new entry would most likely have. */
  type: EntityType;
}

const modelNumber = /^\p{L}+\d+[\p{L}\d]*$/u;
const number = /^\d+$/u;
const year = /^(?:1[5-9]|20)\d\d$/u;
const digit = /\d/u;
const titleCaseWord = /^\p{Lu}\p{Ll}+$/u;
const sentenceEnd = /[.!?“”„"«»()[\]]\s*$/u;

interface Marked extends Token {
  mention?: Mention;
  sentenceStart: boolean;
  afterLowercaseWord: boolean;
  /** One space (or no-break space) stands between the word before and this one. */
  afterSpace: boolean;
}

export interface CandidateOptions {
  /** The text's language capitalises all nouns (German), so capitalisation alone says less. */
  nounCapitalisation?: boolean;
}

/** Where candidates are looked for: the mention regions, less a title in headline case (nearly every word capitalised). */
export function candidateRegions(article: Article): Span[] {
  const regions = mentionRegions(article);
  const title = article.title;
  if (!title || regions[0]?.start !== title.start) return regions;
  const words = wordTokens(article.text, regions[0]);
  const capitalised = words.filter((t) => uppercaseStart.test(t.text)).length;
  return words.length >= 4 && capitalised / words.length >= 0.75 ? regions.slice(1) : regions;
}

export function findCandidates(text: string, regions: readonly Span[], mentions: readonly Mention[], options: CandidateOptions = {}): Candidate[] {
  const candidates: Candidate[] = [];
  for (const region of regions) {
    let m = firstMentionEndingAfter(mentions, region.start);
    const words = wordTokens(text, region);
    // The run of name-like words (joined by single spaces) that the words so far end with.
    let run: Marked[] = [];
    const endRun = () => {
      if (run.length === 0) return;
      for (const { afterLowercaseWord, ...found } of fromRun(text, run, options)) {
        if (!options.nounCapitalisation || found.type === 'product' || found.type === 'organization' || !afterLowercaseWord) candidates.push(withPlus(text, found, region.end));
      }
      run = [];
    };
    for (let i = 0; i < words.length; i++) {
      const token = words[i];
      while (m < mentions.length && mentions[m].span.end <= token.start) m++;
      const mention = m < mentions.length && mentions[m].span.start < token.end ? mentions[m] : undefined;
      const previous = words[i - 1];
      // Most words follow the one before after a single space, which ends no sentence: only other gaps are read.
      const afterSpace = previous !== undefined && token.start === previous.end + 1 && isSpace(text.charCodeAt(previous.end));
      const joined = run.length > 0 && afterSpace;
      const nameLike = mention !== undefined || uppercaseStart.test(token.text) || (hasDigit(token.text) && (modelNumber.test(token.text) || (joined && number.test(token.text) && !year.test(token.text))));
      // Most words are not name-like: they only end a run, and are not marked.
      if (!nameLike || !joined) endRun();
      if (!nameLike) continue;
      const afterLowercaseWord = afterSpace && lowercaseStart.test(previous.text);
      // Only the gap since the previous word can end a sentence (a word never ends in punctuation), and one space ends none.
      const sentenceStart = !afterSpace && startsSentence(text.slice(previous?.end ?? region.start, token.start), previous === undefined);
      // Spelled out: V8 takes a spread plus new keys ({ ...token, mention }) some hundred times slower, per word.
      run.push({ start: token.start, end: token.end, text: token.text, key: token.key, mention, sentenceStart, afterLowercaseWord, afterSpace });
    }
    endRun();
  }
  return candidates;
}

/** The index of the first mention (in text order) that ends after `offset`. */
function firstMentionEndingAfter(mentions: readonly Mention[], offset: number): number {
  let low = 0;
  let high = mentions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (mentions[middle].span.end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether the word after `gap` starts a sentence: it ends in a sentence's punctuation, or is all the region holds before the first word. */
function startsSentence(gap: string, firstWord: boolean): boolean {
  return (firstWord && gap.trim() === '') || sentenceEnd.test(gap);
}

/** A space or no-break space. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0;
}

/** Whether a word holds an ASCII digit, as a model number or a number must (`\d` is ASCII only). */
function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) return true;
  }
  return false;
}

type Found = Candidate & { afterLowercaseWord: boolean };

function fromRun(text: string, run: Marked[], options: CandidateOptions): Found[] {
  // Most runs are one capitalised word, which is a candidate only as a model name ("P60").
  if (run.length === 1 && (run[0].mention || !modelNumber.test(run[0].text))) return [];
  const lastMention = run.reduce((last, t, i) => (t.mention ? i : last), -1);
  // A known name followed by a model designation is a new product: "Leitz Phone 2", "Aquos R7".
  if (lastMention >= 0) {
    const tail = run.slice(lastMention + 1);
    if (tail.length > 0 && tail.some((t) => digit.test(t.text))) {
      const head = run.findIndex((t) => t.mention === run[lastMention].mention);
      return [...fromSegments(text, run.slice(0, head), options), candidate(text, run.slice(head))];
    }
  }
  return fromSegments(text, run, options);
}

function fromSegments(text: string, run: Marked[], options: CandidateOptions): Found[] {
  const found: Found[] = [];
  let segment: Marked[] = [];
  for (const token of [...run, undefined]) {
    if (token && !token.mention) {
      segment.push(token);
      continue;
    }
    const trimmed = trim(segment, options);
    if (trimmed.length >= 2 || (trimmed.length === 1 && modelNumber.test(trimmed[0].text))) found.push(candidate(text, trimmed));
    segment = [];
  }
  return found;
}

function trim(segment: Marked[], options: CandidateOptions): Marked[] {
  let start = 0;
  let end = segment.length;
  const generic = (t: Marked) => genericCapitalised.has(t.key) || (t.text.length < 2 && !digit.test(t.text));
  while (start < end && generic(segment[start])) start++;
  while (end > start && (generic(segment[end - 1]) || number.test(segment[end - 1].text) && end - start === 1)) end--;
  // Where every noun is capitalised, a sentence's first word is as likely a noun or adverb as a name ("Laut Andreas Mohrland").
  if (options.nounCapitalisation && end - start >= 2 && segment[start].sentenceStart && !segment.slice(start, end).some((t) => digit.test(t.text))) start++;
  return segment.slice(start, end);
}

function candidate(text: string, tokens: Marked[]): Found {
  const span = { start: tokens[0].start, end: tokens[tokens.length - 1].end };
  return { span, text: text.slice(span.start, span.end), type: guessType(tokens), afterLowercaseWord: tokens[0].afterLowercaseWord };
}

/** A plus written against a name is part of it ("Aquos R6+" is not "Aquos R6"), for candidates as for the matcher. */
function withPlus(text: string, found: Candidate, limit: number): Candidate {
  let end = found.span.end;
  while (end < limit && text.charCodeAt(end) === 43) end++;
  return end === found.span.end ? found : { ...found, span: { start: found.span.start, end }, text: text.slice(found.span.start, end) };
}

function guessType(tokens: Token[]): EntityType {
  if (tokens.some((t) => digit.test(t.text))) return 'product';
  if (organisationSuffixes.has(tokens[tokens.length - 1].key)) return 'organization';
  if (tokens.length <= 3 && tokens.every((t) => titleCaseWord.test(t.text))) return 'person';
  return 'other';
}
