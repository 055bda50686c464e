import type { Article } from './article';
import type { CorpusConfig } from './config';
import type { EntityCatalog } from './entities/catalog';
import type { KbEntity } from './entities/kb';
import type { Mention } from './entities/matcher';
import type { CorpusFileIndex } from './file-index';
import type { LanguageReport } from './language/detect';
import type { ArticleEvent } from './timeline/events';
import type { Range, Span, TextEdit } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const severities: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export type RuleCategory = 'encoding' | 'file' | 'header' | 'structure' | 'whitespace' | 'content' | 'typography' | 'language' | 'entities' | 'timeline';

/** An example article for a rule's docs; the unit tests check that `bad` triggers the rule and `good` does not. */
export interface RuleExample {
  text: string;
  /** File name the example is checked under (default `000_0123456789abcdef.txt`). */
  fileName?: string;
  /** Other file names in the corpus, for corpus-wide rules. */
  corpusFileNames?: string[];
  /** Raw bytes as hex, for encoding rules; replaces `text` when given. */
  bytesHex?: string;
  /** The knowledge base the example is checked against, for entity rules. */
  entities?: KbEntity[];
  /** The size limit the example is checked with, in kilobytes (default: the built-in limit). */
  maxArticleSize?: number;
}

export interface RuleDocs {
  /** Why the rule exists and what it accepts, in a sentence or two. */
  rationale: string;
  bad: RuleExample;
  good: RuleExample;
}

/** A problem as a rule reports it: a span of the article text and a message. */
export interface RuleFinding {
  span: Span;
  message: string;
  /** Rule-specific facts that the fix (or a client) needs, e.g. the detected language. */
  data?: Record<string, unknown>;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * Safe fixes change nothing but what the rule is about; "fix all" and `seed-corpus fix` apply them.
   * Other fixes are offered as quick fixes only, for a person to judge.
   */
  safe: boolean;
  /** A fix that an editor performs itself rather than through text edits (e.g. switching line endings). */
  editorCommand?: 'useLfLineEndings';
  /** An entry to append to the corpus's knowledge base (the host turns it into an edit of that file). */
  addToKnowledgeBase?: KbEntity;
}

export interface FileContext {
  /** The file's base name, e.g. `000_ebeef4f3d678d313.txt`. */
  name: string;
  /** The names of the corpus the file belongs to (the file's own name may be in it or not). */
  corpus?: CorpusFileIndex;
  /** The corpus's knowledge base, compiled; without it no entity rule reports anything. */
  entities?: EntityCatalog;
}

export interface RuleContext {
  article: Article;
  config: CorpusConfig;
  /** Language detection of the article, computed once on first use. */
  readonly language: LanguageReport;
  /** Entity mentions of the article (empty without a knowledge base), computed once on first use. */
  readonly mentions: Mention[];
  /** Timeline events of the article, read in its declared or detected language, computed once on first use. */
  readonly events: ArticleEvent[];
  file?: FileContext;
}

export interface Rule {
  id: string;
  category: RuleCategory;
  /** One sentence, shown in the rules table and in settings. */
  description: string;
  defaultSeverity: Severity;
  docs: RuleDocs;
  /** Checks a decoded article. */
  check?(context: RuleContext): RuleFinding[];
  /** Checks raw bytes before decoding; a file that fails here is reported and otherwise left alone. */
  checkBytes?(bytes: Uint8Array): Array<RuleFinding & { range: Range }>;
  /** Checks the article's size (UTF-8 bytes) against the limit, before anything else; a finding stops the analysis. */
  checkSize?(bytes: number, limitBytes: number): RuleFinding[];
  fix?(context: RuleContext, finding: RuleFinding): Fix | undefined;
}
