import { parseArticle, type Article } from './article';
import type { CorpusConfig } from './config';
import { ignoredRuleIds } from './header';
import { findArticleMentions } from './entities/catalog';
import type { Mention } from './entities/matcher';
import { detectLanguage, type LanguageReport } from './language/detect';
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
export function analyzeArticle(input: ArticleInput, config: CorpusConfig): Analysis {
  let text = input.text;
  if (text === undefined) {
    const bytes = input.bytes ?? new Uint8Array();
    text = decodeUtf8(bytes);
    if (text === undefined) return { findings: bytesFindings(bytes, config), mentions: [] };
  }
  const article = parseArticle(text);
  const context = createRuleContext(article, config, input.file);
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
  return { article, findings, language: context.detected, mentions: context.mentions };
}

/** What every rule sees; language detection runs once, on first use, and stays available as `detected`. */
export function createRuleContext(article: Article, config: CorpusConfig, file?: FileContext): RuleContext & { readonly detected?: LanguageReport } {
  let language: LanguageReport | undefined;
  let mentions: Mention[] | undefined;
  return {
    article,
    config,
    file,
    get language() {
      language ??= detectLanguage(article, config);
      return language;
    },
    get detected() {
      return language;
    },
    get mentions() {
      mentions ??= file?.entities ? findArticleMentions(article, file.entities) : [];
      return mentions;
    },
  };
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
