import { parseArticle, type Article } from './article';
import type { CorpusConfig } from './config';
import { headerField, ignoredRuleIds } from './header';
import { extractEvents, type ArticleEvent } from './timeline/events';
import { findArticleMentions } from './entities/catalog';
import type { Mention } from './entities/matcher';
import { detectionSettings, detectLanguage, reportFrom, type LanguageReport, type PortableLanguageReport } from './language/detect';
import type { TemporalExpression } from './timeline/extract';
import type { FileContext, Fix, Rule, RuleContext, Severity } from './rule';
import { ruleById, rules } from './rules';
import type { Range, Span } from './text';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  span: Span;
  range: Range;
  fix?: Fix;
  data?: Record<string, unknown>;
}

export interface ArticleInput {
  /** The article as text (an open editor buffer). */
  text?: string;
  /** The article as bytes from disk: checked for encoding first. Either `text` or `bytes`. */
  bytes?: Uint8Array;
  file?: FileContext;
}

export interface Analysis {
  /** Undefined when the bytes are not UTF-8: nothing but the encoding finding is reported then. */
  article?: Article;
  findings: Finding[];
  /** Language detection, when a rule needed it. */
  language?: LanguageReport;
  /** Entity mentions (empty without a knowledge base). */
  mentions: Mention[];
  /**
   * Timeline events, when asked for (`AnalysisOptions.events`: read on first use) or when a rule needed them. An
   * editor's keystroke needs only the findings: a 100 KB article's events (sentences, entities) were a fifth of it.
   */
  readonly events?: ArticleEvent[];
}

export interface AnalysisOptions {
  /** Also read the article's timeline events (the language server's timeline, `seed-corpus timeline`). */
  events?: boolean;
  /**
   * What an earlier analysis of the same text read before the knowledge base or the configuration changed. Its
   * language is kept where the detection settings and the article's mentions (the names masked for detection) are
   * the same, and its temporal expressions where the language is: a knowledge-base edit re-matches entities
   * without detecting languages or reading dates again. Anything else is read afresh: the findings are a fresh
   * analysis's.
   */
  earlier?: EarlierReadings;
}

/** The readings of an analysis that do not depend on the knowledge base (the server's `earlierOf` gives them). */
export interface EarlierReadings {
  /** Spans of the mentions the language was detected with. */
  mentionSpans: readonly Span[];
  language?: PortableLanguageReport;
  /** The expressions of the article's events, with the language they were read in. */
  expressions?: { language: string; list: readonly TemporalExpression[] };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes bytes as strict UTF-8 (a BOM stays in the text, for the `bom` rule to see). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Runs every enabled rule on one article. Pure: same input and config, same findings. */
export function analyzeArticle(input: ArticleInput, config: CorpusConfig, options: AnalysisOptions = {}): Analysis {
  let text = input.text;
  const tooLarge = sizeFindings(text === undefined ? input.bytes?.length ?? 0 : utf8Length(text, config.maxArticleSize * 1024), config);
  if (tooLarge.length > 0) return { findings: tooLarge, mentions: [] };
  if (text === undefined) {
    const bytes = input.bytes ?? new Uint8Array();
    text = decodeUtf8(bytes);
    if (text === undefined) return { findings: bytesFindings(bytes, config), mentions: [] };
  }
  const article = parseArticle(text);
  const context = createRuleContext(article, config, input.file, options.earlier);
  const ignored = new Set(ignoredRuleIds(article.header));
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, config);
    if (severity === undefined || ignored.has(rule.id) || !rule.check) continue;
    for (const reported of rule.check(context)) {
      findings.push({
        ruleId: rule.id,
        severity,
        message: reported.message,
        span: reported.span,
        range: article.index.rangeOf(reported.span),
        fix: rule.fix?.(context, reported),
        data: reported.data,
      });
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
  if (options.events) return new AnalysisWithEvents(article, findings, context);
  const analysis: Analysis = { article, findings, language: context.detected, mentions: context.mentions };
  return context.extracted ? { ...analysis, events: context.extracted } : analysis;
}

/** An analysis whose events are read on first use: a class for the reason `ArticleContext` is one. */
class AnalysisWithEvents implements Analysis {
  readonly language?: LanguageReport;
  readonly mentions: Mention[];

  constructor(
    readonly article: Article,
    readonly findings: Finding[],
    private readonly context: ArticleContext,
  ) {
    this.language = context.detected;
    this.mentions = context.mentions;
  }

  get events(): ArticleEvent[] {
    return this.context.events;
  }

  /** Written out with its events, as a plain analysis is. */
  toJSON(): Analysis {
    return { article: this.article, findings: this.findings, language: this.language, mentions: this.mentions, events: this.events };
  }
}

/**
 * What every rule sees; language detection, mentions and events are computed once, on first use. `detected` and
 * `extracted` tell what was computed, without computing it.
 */
export function createRuleContext(article: Article, config: CorpusConfig, file?: FileContext, earlier?: EarlierReadings): ArticleContext {
  return new ArticleContext(article, config, file, earlier);
}

/**
 * A class, not an object literal whose getters close over the article: V8 kept such getters reachable from the old
 * generation, so each article's text, lines and mentions outlived young collections and were promoted (17 MB over
 * 2,000 bench articles' mentions; 61 MB against 0.6 MB for a class, in a probe of 20,000 such objects over 3 KB
 * strings), to be collected by full collections instead.
 */
class ArticleContext implements RuleContext {
  private languageReport?: LanguageReport;
  private foundMentions?: Mention[];
  private readEvents?: ArticleEvent[];

  constructor(
    readonly article: Article,
    readonly config: CorpusConfig,
    readonly file?: FileContext,
    private readonly earlier?: EarlierReadings,
  ) {}

  get language(): LanguageReport {
    if (this.languageReport === undefined) {
      // Entity names carry no language: "Leica Camera" must not vote for English.
      const names = this.mentions.map((m) => m.span);
      const earlier = this.earlier;
      const reusable = earlier?.language && earlier.language.settings === detectionSettings(this.config) && sameSpans(names, earlier.mentionSpans);
      this.languageReport = reusable ? reportFrom(earlier.language!, this.article) : detectLanguage(this.article, this.config, names);
    }
    return this.languageReport;
  }

  get detected(): LanguageReport | undefined {
    return this.languageReport;
  }

  get mentions(): Mention[] {
    this.foundMentions ??= this.file?.entities ? findArticleMentions(this.article, this.file.entities) : [];
    return this.foundMentions;
  }

  get events(): ArticleEvent[] {
    if (this.readEvents === undefined) {
      const declared = headerField(this.article.header, 'lang')?.value;
      const tag = typeof declared === 'string' ? declared : this.language.language;
      const read = this.earlier?.expressions && this.earlier.expressions.language === tag ? this.earlier.expressions.list : undefined;
      this.readEvents = tag ? extractEvents(this.article, { language: tag, mentions: this.mentions, expressions: read }) : [];
    }
    return this.readEvents;
  }

  get extracted(): ArticleEvent[] | undefined {
    return this.readEvents;
  }
}

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  return a.length === b.length && a.every((span, i) => span.start === b[i].start && span.end === b[i].end);
}

/** The temporal expression an event was made of. */
export function expressionOf(event: ArticleEvent): TemporalExpression {
  const { span, text, type, value, mod, anchor, resolution, anaphoric } = event;
  const expression: TemporalExpression = { span, text, type, value, anchor, resolution };
  if (mod) expression.mod = mod;
  if (anaphoric) expression.anaphoric = anaphoric;
  return expression;
}

/** Findings of the size check; any one means the article is not analysed further. */
function sizeFindings(bytes: number, config: CorpusConfig): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, config);
    if (severity === undefined || !rule.checkSize) continue;
    for (const reported of rule.checkSize(bytes, config.maxArticleSize * 1024)) {
      findings.push({ ruleId: rule.id, severity, message: reported.message, span: reported.span, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, data: reported.data });
    }
  }
  return findings;
}

/** The UTF-8 length of a string, without encoding it; any length up to `limit` when it cannot exceed `limit`. */
function utf8Length(text: string, limit: number): number {
  // At most three bytes per UTF-16 unit: typing in a long article need not count them on every keystroke.
  if (text.length * 3 <= limit) return text.length;
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // One more byte from U+0080, two more from U+0800; a surrogate pair is four bytes for two code units.
    if (code < 0x80) continue;
    length += code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2;
  }
  return length;
}

function bytesFindings(bytes: Uint8Array, config: CorpusConfig): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, config);
    if (severity === undefined || !rule.checkBytes) continue;
    for (const reported of rule.checkBytes(bytes)) {
      findings.push({ ruleId: rule.id, severity, message: reported.message, span: reported.span, range: reported.range, data: reported.data });
    }
  }
  return findings;
}

export function severityOf(rule: Rule, config: CorpusConfig): Severity | undefined {
  const setting = config.rules[rule.id] ?? rule.defaultSeverity;
  return setting === 'off' ? undefined : setting;
}

export { ruleById, rules };
