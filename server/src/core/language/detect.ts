import type { Article, Paragraph } from '../article';
import type { CorpusConfig } from '../config';
import { lineCache } from '../lru';
import { characterCounter, type Span } from '../text';
import { maskerFor } from './mask';
import { rankLanguages } from './rank';
import { francCode, languageName, primaryLanguage } from './tags';

/** Paragraphs with fewer letters (after masking) do not vote: franc is guesswork on a caption. */
export const minVotingLetters = 20;
/** Below this many judged letters an article's language is never called certain. */
export const minArticleLetters = 200;
/** Share of judged letters that must agree before the detection is called certain. */
export const minConfidence = 0.6;
/** A paragraph is judged alone only from this many letters on … */
export const paragraphMinLetters = 150;
/** … and only when its own language beats the article's by this much of franc's normalised score. */
export const paragraphMinGap = 0.02;

export interface ParagraphLanguage {
  paragraph: Paragraph;
  /** Letters left after masking names, numbers and addresses. */
  letters: number;
  /** BCP 47 tag of the best-scoring configured language. */
  language: string;
  /** franc's normalised score (best = 1) per configured language tag. */
  scores: Record<string, number>;
}

export interface LanguageReport {
  /** The detected language (BCP 47), or undefined when there is nothing to judge. */
  language?: string;
  /** Share of the judged letters whose paragraph reads as `language` (0–1). */
  confidence: number;
  judgedLetters: number;
  /** Enough text and agreement to act on the detection. */
  sure: boolean;
  paragraphs: ParagraphLanguage[];
}

/**
 * Detects the article's language paragraph by paragraph with franc, restricted to the corpus languages,
 * and lets paragraphs vote by their number of letters. Credits, datelines and residue do not vote;
 * URLs, e-mail addresses, words with digits (P50, R6), acronyms (CEO, AG), configured names and the given `names`
 * (the article's entity mentions, as spans of its text) are masked.
 */
export function detectLanguage(article: Article, config: CorpusConfig, names: readonly Span[] = []): LanguageReport {
  // The first configured tag of a language names it (`de` before a later `de-CH`), as `configuredTag` does.
  const tagOf = new Map<string, string>();
  for (const tag of config.languages) {
    const code = francCode(tag);
    if (code !== undefined && !tagOf.has(code)) tagOf.set(code, tag);
  }
  const only = [...tagOf.keys()];
  const readParagraph = paragraphReader(config.names, only);
  const judged: ParagraphLanguage[] = [];
  const prose: Paragraph[] = article.paragraphs.filter((p) => p.kind === 'text');
  if (article.title) prose.unshift({ line: article.title, kind: 'text' });
  if (only.length === 0) return { confidence: 0, judgedLetters: 0, sure: false, paragraphs: [] };
  const sortedNames = [...names].sort((a, b) => a.start - b.start);
  // Paragraphs come in text order: names ending before one end before every later one too.
  let firstName = 0;
  for (const paragraph of prose) {
    while (firstName < sortedNames.length && sortedNames[firstName].end <= paragraph.line.start) firstName++;
    const { letters, ranking } = readParagraph(paragraph.line, sortedNames, firstName);
    if (letters < minVotingLetters || !ranking) continue;
    // franc answers `und` alone when too little is left after its own cleaning.
    const language = tagOf.get(ranking[0][0]);
    if (language === undefined) continue;
    const scores: Record<string, number> = {};
    for (const [code, score] of ranking) scores[tagOf.get(code) ?? code] = score;
    judged.push({ paragraph, letters, language, scores });
  }
  const votes = new Map<string, number>();
  let judgedLetters = 0;
  for (const p of judged) {
    votes.set(p.language, (votes.get(p.language) ?? 0) + p.letters);
    judgedLetters += p.letters;
  }
  let language: string | undefined;
  let best = 0;
  for (const [tag, weight] of votes) {
    if (weight > best) {
      best = weight;
      language = tag;
    }
  }
  const confidence = judgedLetters > 0 ? best / judgedLetters : 0;
  return { language, confidence, judgedLetters, sure: judgedLetters >= minArticleLetters && confidence >= minConfidence, paragraphs: judged };
}

/** A language report as plain data: each judged paragraph by its line number, and the settings it was made with. */
export interface PortableLanguageReport extends Omit<LanguageReport, 'paragraphs'> {
  paragraphs: Array<Omit<ParagraphLanguage, 'paragraph'> & { line: number }>;
  /** `detectionSettings` of the configuration: a report holds only for the same. */
  settings: string;
}

/** What of a configuration detection depends on: the languages (in order: the first tag names a language) and the names masked. */
export function detectionSettings(config: CorpusConfig): string {
  return JSON.stringify([config.languages, config.names]);
}

export function portableReport(report: LanguageReport, config: CorpusConfig): PortableLanguageReport {
  const { paragraphs, ...verdict } = report;
  return { ...verdict, paragraphs: paragraphs.map(({ paragraph, letters, language, scores }) => ({ line: paragraph.line.number, letters, language, scores })), settings: detectionSettings(config) };
}

/** The report again, its paragraphs those of `article` (the article it was made of, or one with the same lines). */
export function reportFrom(portable: PortableLanguageReport, article: Article): LanguageReport {
  const byLine = new Map<number, Paragraph>(article.paragraphs.map((p) => [p.line.number, p]));
  // The title is judged as a paragraph of its own, as `detectLanguage` does.
  if (article.title) byLine.set(article.title.number, { line: article.title, kind: 'text' });
  const { language, confidence, judgedLetters, sure, paragraphs } = portable;
  return { language, confidence, judgedLetters, sure, paragraphs: paragraphs.flatMap(({ line, letters, language, scores }) => {
    const paragraph = byLine.get(line);
    return paragraph ? [{ paragraph, letters, language, scores }] : [];
  }) };
}

/** franc reads no more of a paragraph than this: the language is clear long before. */
const francReadLength = 500;

interface ParagraphReading {
  /** Letters left after masking. */
  letters: number;
  /** franc's ranking of the configured languages; undefined when too few letters are left to vote. */
  ranking?: Array<[string, number]>;
}

/**
 * Readings of recently seen paragraphs, by the line's text, then by settings and the names blanked in it: typing
 * re-analyses an article whose other paragraphs did not change, and their lines are the strings of the analysis
 * before (see `parseArticle`), so the lookup needs neither the blanked text nor a hash of it.
 */
const readings = lineCache<Map<string, ParagraphReading>>();

interface LineText {
  start: number;
  end: number;
  text: string;
}

/** Masks a paragraph's text and ranks its language, remembering the answer for the same text, names and settings. */
function paragraphReader(names: readonly string[], only: string[]): (line: LineText, spans: readonly Span[], from: number) => ParagraphReading {
  const mask = maskerFor(names);
  const settings = `${only.join()}\u0000${names.join('\u0001')}`;
  return (line, spans, from) => {
    const blanked = spansInLine(line, spans, from);
    const bySettings = readings.getOrCompute(line.text, () => new Map());
    const key = blanked.length === 0 ? settings : `${settings}\u0000${blanked.join()}`;
    let reading = bySettings.get(key);
    if (!reading) {
      const masked = mask(blankSpans(line.text, blanked));
      const letters = countLetters(masked);
      const judged = masked.length > francReadLength ? masked.slice(0, francReadLength) : masked;
      const ranking = letters < minVotingLetters ? undefined : only.length === 1 ? [[only[0], 1] as [string, number]] : rankLanguages(judged, only, 10);
      bySettings.set(key, (reading = { letters, ranking }));
    }
    return reading;
  };
}

/**
 * The parts of the line that the given spans of the article (sorted by start, from index `from` on) cover, as
 * offsets into the line: start, end, start, end…, each part after the one before.
 */
function spansInLine(line: LineText, spans: readonly Span[], from: number): number[] {
  const parts: number[] = [];
  let cursor = line.start;
  for (let i = from; i < spans.length && spans[i].start < line.end; i++) {
    const span = spans[i];
    if (span.end <= cursor) continue;
    const start = Math.max(span.start, cursor);
    cursor = Math.min(span.end, line.end);
    parts.push(start - line.start, cursor - line.start);
  }
  return parts;
}

/** The text with each of the parts (`spansInLine`) replaced by one space. */
function blankSpans(text: string, parts: readonly number[]): string {
  if (parts.length === 0) return text;
  let blanked = '';
  let cursor = 0;
  for (let i = 0; i < parts.length; i += 2) {
    blanked += text.slice(cursor, parts[i]) + ' ';
    cursor = parts[i + 1];
  }
  return blanked + text.slice(cursor);
}

const countLetters = characterCounter(/^\p{L}$/u);

/** The configured tag that stands for `tag`'s primary language (`de-CH` → `de` when the corpus lists `de`). */
export function configuredTag(config: CorpusConfig, tag: string): string | undefined {
  const primary = primaryLanguage(tag);
  return config.languages.find((configured) => primaryLanguage(configured) === primary && francCode(configured) !== undefined);
}

/** The detection as messages quote it: "German (de, 97% of the judged text)". */
export function describeDetection(tag: string, confidence: number): string {
  return `${languageName(tag)} (${tag}, ${Math.round(confidence * 100)}% of the judged text)`;
}
