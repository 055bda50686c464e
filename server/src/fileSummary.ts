/**
 * What the server keeps of an analysed article that is not open: its findings, its mentions and its events, each
 * with LSP ranges, and nothing of the text. Plain data, so analysis workers can send it and the cache can store it.
 */
import type { Analysis, Finding } from './core/analyze';
import type { Mention } from './core/entities/matcher';
import type { Range, Span } from './core/text';
import type { ArticleEvent } from './core/timeline';

export interface IndexedMention extends Mention {
  range: Range;
  /** About sixty characters of the line around the mention, for tree labels. */
  context: string;
}

export interface LocatedEvent extends ArticleEvent {
  range: Range;
}

export interface FileSummary {
  findings: Finding[];
  mentions: IndexedMention[];
  events: LocatedEvent[];
}

export function summarise(analysis: Analysis): FileSummary {
  const article = analysis.article;
  if (!article) return { findings: analysis.findings, mentions: [], events: [] };
  return {
    findings: analysis.findings,
    // Built field by field: V8 copies a spread object with new keys slowly, and a long article has thousands.
    mentions: analysis.mentions.map(({ span, entityId, text, spelling, caseDiffers }) => ({ span, entityId, text, spelling, caseDiffers, range: article.index.rangeOf(span), context: contextAround(article.text, span) })),
    events: (analysis.events ?? []).map((e) => locatedEvent(e, article.index.rangeOf(e.span))),
  };
}

function locatedEvent(e: ArticleEvent, range: Range): LocatedEvent {
  const located: LocatedEvent = { span: e.span, text: e.text, type: e.type, value: e.value, anchor: e.anchor, resolution: e.resolution, source: e.source, sentence: e.sentence, entities: e.entities, language: e.language, range };
  if (e.mod) located.mod = e.mod;
  if (e.anaphoric) located.anaphoric = e.anaphoric;
  return located;
}

/** About sixty characters of the line around a span, with ellipses where it was cut. */
function contextAround(text: string, span: Span): string {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineEndAt = text.indexOf('\n', span.end);
  const lineEnd = lineEndAt === -1 ? text.length : lineEndAt;
  const start = Math.max(lineStart, span.start - 30);
  const end = Math.min(lineEnd, span.end + 30);
  return `${start > lineStart ? '…' : ''}${text.slice(start, end).trim()}${end < lineEnd ? '…' : ''}`;
}
