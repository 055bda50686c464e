/**
 * Timeline events. An article event is the sentence holding a temporal expression: the expression's value and
 * how it was found, the sentence, and the entities mentioned in it. A knowledge-base event is the start or end
 * of a dated relation between two entities (`from` / `until`).
 */
import type { Article, Line } from '../article';
import type { KbEntity, Localized } from '../entities/kb';
import { proseLines } from '../rules/shared/prose';
import { CachePerOwner, lineCache, moveSpan, regionByRegion, type Placed } from '../lru';
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
  const sentences = sentenceSpans(article, options.language, expressions);
  const mentions = [...(options.mentions ?? [])].sort((a, b) => a.span.start - b.span.start);
  return expressions.map((expression) => {
    const span = sentenceAround(sentences, expression.span);
    // Spelled out: V8 copies a spread object with new keys slowly, and a long article has hundreds of events.
    const { text, type, value, mod, anchor, resolution, anaphoric } = expression;
    const event: ArticleEvent = { span: expression.span, text, type, value, anchor, resolution, source: 'article', sentence: { span, text: article.text.slice(span.start, span.end) }, entities: entitiesWithin(mentions, span), language: options.language };
    if (mod) event.mod = mod;
    if (anaphoric) event.anaphoric = anaphoric;
    return event;
  });
}

const segmenters = new Map<string, Intl.Segmenter>();
/** Sentences of recent lines, per segmenter (language) and by text (see `regionByRegion`): typing changes one line. */
const lineSentences = new CachePerOwner<Placed<Span>>(lineCache);

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
 * The sentences of the title and prose paragraphs that hold an expression (given in text order), trimmed, in text
 * order. A sentence never spans two lines, so an expression's sentences are all in its own line; most lines hold
 * none, and are not segmented.
 */
function sentenceSpans(article: Article, language: string, expressions: readonly TemporalExpression[]): Span[] {
  const segmenter = sentenceSegmenter(language);
  const lines: Line[] = [];
  let next = 0;
  for (const line of proseLines(article)) {
    while (next < expressions.length && expressions[next].span.start < line.start) next++;
    if (next < expressions.length && expressions[next].span.start < line.end) lines.push(line);
  }
  return regionByRegion(lineSentences.of(segmenter), article.text, lines, (line) => {
    const spans: Span[] = [];
    for (const { segment, index } of segmenter.segment(article.text.slice(line.start, line.end))) {
      const leading = segment.length - segment.trimStart().length;
      const trimmed = segment.trim();
      if (trimmed) spans.push({ start: line.start + index + leading, end: line.start + index + leading + trimmed.length });
    }
    return spans;
  }, moveSpan);
}

/**
 * The sentences overlapping `span`, joined: the segmenter ends a sentence after "3." in "am 3. März", and the
 * expression's sentence is the whole of it.
 */
function sentenceAround(sentences: readonly Span[], span: Span): Span {
  let low = 0;
  let high = sentences.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sentences[mid].end <= span.start) low = mid + 1;
    else high = mid;
  }
  if (low >= sentences.length) return span;
  let end = sentences[low].end;
  for (let i = low + 1; i < sentences.length && sentences[i].start < span.end; i++) end = sentences[i].end;
  return { start: Math.min(sentences[low].start, span.start), end: Math.max(end, span.end) };
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
