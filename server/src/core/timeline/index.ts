/**
 * The timeline of a corpus: temporal expressions, normalised to TIMEX3-style values, and the events they date.
 *
 * For the language server, tree view, inlay hints and CLI:
 * - `extractEvents(article, { language, mentions })` gives an article's events in text order: value, modifier,
 *   expression text and span, the sentence, the entities mentioned in it, and how the value was found
 *   (`anchor`: absolute, article-date, narrative, unresolved; `resolution`: a sentence for tooltips). Pass the
 *   article's language (its `lang` tag, else the detected language) and the entity finder's mentions
 *   (`findArticleMentions` in `entities/catalog.ts` returns the right shape).
 * - `relationEvents(kb.entities)` gives the knowledge base's dated relations as start and end events.
 * - `compareEvents` orders both kinds; `timexParts(value)` gives year and month for a years → months tree,
 *   `resolved: false` for an "Undated" group, and `kind: 'duration'` for lengths of time, which have no place
 *   on a calendar; `describeTimex(value, mod)` says a value in English ("end of March 2022").
 * - Inlay hints belong after expressions whose `anchor` is not 'absolute' and whose `type` is not 'DURATION':
 *   there the value is not what the text says.
 * - `extractTemporalExpressions` is the same without sentences and entities; `articleDate` is the date relative
 *   expressions are read against.
 * Everything here is pure and never throws on any text; a line of 100 KB takes a second or two at worst.
 */
export { articleDate, type ArticleDate } from './anchor';
export { compareEventOrder, compareEvents, eventOrder, extractEvents, relationEvents, type ArticleEvent, type EntityMention, type EventOptions, type EventOrder, type RelationEvent, type TimelineEvent } from './events';
export { extractTemporalExpressions, type AnchorKind, type ExtractOptions, type TemporalExpression } from './extract';
export { timelineLanguage, timelineLanguages, type TimelineLanguage } from './lexicon';
export {
  compareTimex,
  describeTimex,
  timexParts,
  timexType,
  type Granularity,
  type Season,
  type TimexDate,
  type TimexDuration,
  type TimexMod,
  type TimexParts,
  type TimexType,
} from './timex';
