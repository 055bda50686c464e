// What the fuzzer (run.ts) runs on each input, in a worker: the article parser, analyzeArticle with every rule on
// and the seeds' knowledge base, fixAll, the entity matcher and the date extractor. An exception is returned as
// data, with the stage it came from, so one bad input does not cost the worker.
import { analyzeArticle } from '../../server/src/core/analyze';
import { parseArticle } from '../../server/src/core/article';
import { defaultConfig, type CorpusConfig } from '../../server/src/core/config';
import { findArticleMentions } from '../../server/src/core/entities/catalog';
import { CorpusFileIndex } from '../../server/src/core/file-index';
import { fixAll } from '../../server/src/core/fix';
import { headerField } from '../../server/src/core/header';
import type { FileContext } from '../../server/src/core/rule';
import { rules } from '../../server/src/core/rules';
import { extractEvents, extractTemporalExpressions, timelineLanguage } from '../../server/src/core/timeline';
import { seedCatalog, seedTexts } from './arbitraries';

export interface FuzzInput {
  /** The article as text, or as bytes (checked for encoding first). */
  text?: string;
  bytes?: Uint8Array;
  /** The file name it is checked under. */
  name: string;
  /** The language the date extractor reads it in when the article declares none. */
  language: string;
}

export interface FuzzResult {
  /** Stage and error of each exception. */
  errors: Array<{ stage: string; error: string }>;
  /** Milliseconds per stage. */
  ms: Record<string, number>;
}

/** Every rule on, at its default severity. */
export const everyRule: CorpusConfig = { ...defaultConfig, rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.defaultSeverity])) };

const catalog = seedCatalog();
const corpus = new CorpusFileIndex(seedTexts.map((s) => s.name));

export function fuzzOne(input: FuzzInput): FuzzResult {
  const result: FuzzResult = { errors: [], ms: {} };
  const stage = <T>(name: string, run: () => T): T | undefined => {
    const started = performance.now();
    try {
      return run();
    } catch (error) {
      result.errors.push({ stage: name, error: String((error as Error)?.stack ?? error) });
      return undefined;
    } finally {
      result.ms[name] = performance.now() - started;
    }
  };
  const file: FileContext = { name: input.name, corpus, entities: catalog };
  const analysis = stage('analyzeArticle', () => {
    const read = analyzeArticle({ text: input.text, bytes: input.bytes, file }, everyRule, { events: true });
    // The events are read on first use, as the server's indexes read them.
    if (read.article && !Array.isArray(read.events)) throw new Error('an analysis asked for events has none');
    return read;
  });
  stage('fixAll', () => fixAll({ text: input.text, bytes: input.bytes, file }, everyRule));
  // What analyzeArticle did not analyse (not UTF-8, too large), the server reads no further either.
  const text = analysis ? analysis.article?.text : input.text;
  if (text === undefined) return result;
  const article = stage('parseArticle', () => parseArticle(text));
  if (!article) return result;
  const mentions = stage('findArticleMentions', () => findArticleMentions(article, catalog)) ?? [];
  const declared = headerField(article.header, 'lang')?.value;
  const language = typeof declared === 'string' && timelineLanguage(declared) ? declared : input.language;
  stage('extractTemporalExpressions', () => extractTemporalExpressions(article, { language }));
  stage('extractEvents', () => extractEvents(article, { language, mentions }));
  return result;
}
