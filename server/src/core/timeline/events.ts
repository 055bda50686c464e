/**
 * Timeline events. An article event is the sentence holding a temporal expression: the expression's value and
 * how it was found, the sentence, and the entities mentioned in it. A knowledge-base event is the start or end
 * of a dated relation between two entities (`from` / `until`).
 */
import type { Article, Line } from '../article';
import type { KbEntity, Localized } from '../entities/kb';
import { proseLines } from '../rules/shared/prose';
import type { Span } from '../text';
import { extractTemporalExpressions, type ExtractOptions, type TemporalExpression } from './extract';
import { compareTimexOrder, modRank, timexOrder, timexType, type TimexOrder, type TimexType } from './timex';

/** An entity mentioned in the article, as the entity finder reports it. */
export interface EntityMention {
  span: Span;
  entityId: string;
}

export interface ArticleEvent extends TemporalExpression {
  source: 'article';
  /** The sentence (or sentences, when the expression straddles a break) that holds the expression. */
  sentence: { span: Span; text: string };
  /** Ids of the entities mentioned in the sentence, each once, in text order. */
  entities: string[];
  /** The language the expression was read in (the option given). */
  language: string;
}

export interface RelationEvent {
  source: 'knowledge-base';
  /** The relation's `from` or `until`, as stored. */
  value: string;
  type: TimexType;
  /** Whether the relation starts or ends at `value`; the date itself carries no modifier. */
  edge: 'start' | 'end';
  /** The entity that holds the relation, then the other one. */
  entities: [string, string];
  relation: { type: string; description?: Localized };
  /** English summary for labels: "Leica Camera: partnership with Huawei starts". */
  summary: string;
  /** Article file names the knowledge base cites for it. */
  sources: string[];
}

export type TimelineEvent = ArticleEvent | RelationEvent;

export interface EventOptions extends ExtractOptions {
  /** Entity mentions in the article; events list the ones in their sentence. */
  mentions?: readonly EntityMention[];
  /** The article's temporal expressions in `language`, read before: they are not read again. */
  expressions?: readonly TemporalExpression[];
}

/** One event per temporal expression of the article's title and prose paragraphs, in text order. */
export function extractEvents(article: Article, options: EventOptions): ArticleEvent[] {
  const expressions = options.expressions ?? extractTemporalExpressions(article, options);
  if (expressions.length === 0) return [];
  const sentences = new Sentences(article, options.language);
  const mentions = [...(options.mentions ?? [])].sort((a, b) => a.span.start - b.span.start);
  return expressions.map((expression) => {
    const span = sentences.around(expression.span);
    // Spelled out: V8 copies a spread object with new keys slowly, and a long article has hundreds of events.
    const { text, type, value, mod, anchor, resolution, anaphoric } = expression;
    const event: ArticleEvent = { span: expression.span, text, type, value, anchor, resolution, source: 'article', sentence: { span, text: article.text.slice(span.start, span.end) }, entities: entitiesWithin(mentions, span), language: options.language };
    if (mod) event.mod = mod;
    if (anaphoric) event.anaphoric = anaphoric;
    return event;
  });
}

const segmenters = new Map<string, Intl.Segmenter>();

function sentenceSegmenter(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    } catch {
      segmenter = new Intl.Segmenter('und', { granularity: 'sentence' });
    }
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/**
 * The sentences of the title and prose paragraphs, asked for around expressions given in text order. A sentence
 * never spans two lines, so an expression's sentences are all in its own line. Only the sentences around an
 * expression are found (`Segments.containing`), not every sentence of its line: the segmenter walks from the
 * expression to the breaks either side, and segmenting whole lines was some 5 % of an article's analysis.
 */
class Sentences {
  private readonly segmenter: Intl.Segmenter;
  private readonly lines: Line[];
  private next = 0;
  private segments?: { line: Line; of: Intl.Segments };

  constructor(article: Article, language: string) {
    this.segmenter = sentenceSegmenter(language);
    this.lines = proseLines(article);
  }

  /**
   * The sentences overlapping `span`, trimmed and joined: the segmenter ends a sentence after "3." in "am 3. März",
   * and the expression's sentence is the whole of it. `span` starts with a character that is not white space.
   */
  around(span: Span): Span {
    const segments = this.segmentsAt(span.start);
    if (!segments) return span;
    const { line, of } = segments;
    const first = trimmedSegment(of.containing(span.start - line.start)!, line.start);
    let { end } = first;
    for (let at = first.next; at < line.text.length; ) {
      const sentence = trimmedSegment(of.containing(at)!, line.start);
      if (sentence.start >= span.end) break;
      if (sentence.end > sentence.start) end = sentence.end;
      at = sentence.next;
    }
    return { start: Math.min(first.start, span.start), end: Math.max(end, span.end) };
  }

  /** The segments of the line holding `offset`; lines are asked for in text order. */
  private segmentsAt(offset: number): { line: Line; of: Intl.Segments } | undefined {
    while (this.next < this.lines.length && this.lines[this.next].end <= offset) this.next++;
    const line = this.lines[this.next];
    if (!line || line.start > offset) return undefined;
    if (this.segments?.line !== line) this.segments = { line, of: this.segmenter.segment(line.text) };
    return this.segments;
  }
}

/** A segment's span without its surrounding white space (empty for white space alone), and where the next starts. */
function trimmedSegment({ segment, index }: Intl.SegmentData, lineStart: number): Span & { next: number } {
  const leading = segment.length - segment.trimStart().length;
  const start = lineStart + index + leading;
  return { start, end: start + segment.trim().length, next: index + segment.length };
}

function entitiesWithin(sorted: readonly EntityMention[], span: Span): string[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].span.start < span.start) low = mid + 1;
    else high = mid;
  }
  const ids: string[] = [];
  for (let i = low; i < sorted.length && sorted[i].span.start < span.end; i++) {
    const id = sorted[i].entityId;
    if (sorted[i].span.end <= span.end && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * The dated relations of the knowledge base as events: `from` starts a relation, `until` ends it. A relation
 * recorded on both of its entities (Leica with Huawei, Huawei with Leica) gives one event per date, citing the
 * sources of both.
 */
export function relationEvents(entities: readonly KbEntity[]): RelationEvent[] {
  const names = new Map(entities.map((e) => [e.id, e.name]));
  const byKey = new Map<string, RelationEvent>();
  for (const entity of entities) {
    for (const relation of entity.relations ?? []) {
      for (const [edge, value] of [['start', relation.from], ['end', relation.until]] as const) {
        if (typeof value !== 'string' || value.trim() === '') continue;
        const key = [relation.type, edge, value, ...[entity.id, relation.with].sort()].join('\u0000');
        const known = byKey.get(key);
        if (known) {
          for (const source of relation.sources ?? []) if (!known.sources.includes(source)) known.sources.push(source);
          continue;
        }
        byKey.set(key, {
          source: 'knowledge-base',
          value,
          type: timexType(value),
          edge,
          entities: [entity.id, relation.with],
          relation: relation.description ? { type: relation.type, description: relation.description } : { type: relation.type },
          summary: `${entity.name}: ${relation.type} with ${names.get(relation.with) ?? relation.with} ${edge === 'start' ? 'starts' : 'ends'}`,
          sources: [...(relation.sources ?? [])],
        });
      }
    }
  }
  return [...byKey.values()];
}

/**
 * Timeline order: by value (see `compareTimex`), then modifier (see `modRank`); on the same date a relation's start
 * before what articles say, its end after. Ties keep the caller's order (sorting is stable), so an article's events,
 * which `extractEvents` returns in text order, stay in text order.
 */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return compareEventOrder(eventOrder(a), eventOrder(b));
}

/** What `compareEvents` orders an event by, read once (see `timexOrder`). */
export interface EventOrder {
  readonly timex: TimexOrder;
  readonly mod: number;
  /** On one date: a relation's start, what articles say, a relation's end. */
  readonly source: number;
}

export function eventOrder(event: TimelineEvent): EventOrder {
  const article = event.source === 'article';
  return { timex: timexOrder(event.value), mod: modRank(article ? event.mod : undefined), source: article ? 1 : event.edge === 'start' ? 0 : 2 };
}

/** `compareEvents` of the two events the orders were read from. */
export function compareEventOrder(a: EventOrder, b: EventOrder): number {
  return compareTimexOrder(a.timex, b.timex) || a.mod - b.mod || a.source - b.source;
}
