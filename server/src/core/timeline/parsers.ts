/**
 * chrono-node, set up per language for news prose, for the languages the timeline's own reader (`readers.ts`) does
 * not read yet (French and Spanish). chrono reads full dates, weekdays, "aujourd'hui", "l'an dernier", "hace un año"
 * and much more; the parsers here are the reader's shared rules for what it lacks (French month names alone or with
 * a year, years on their own, seasons, quarters, durations, number words, "un an plus tard"), and the refiners here
 * turn its results into what a timeline needs: edges ("fin mars", "depuis 2016") become modifiers, "l'été dernier"
 * looks back, "julio de este año" takes its year from the reference, and readings that are product names or clock
 * times are dropped.
 *
 * What the parsers add travels on chrono's results as tags under `timeline/`; `reading.ts` reads them.
 * The extractor hands chrono bounded chunks of text.
 */
import * as chrono from 'chrono-node';
import type { Chrono, ParsingComponents, ParsingContext, ParsingResult, Parser, Refiner } from 'chrono-node';
import { alternation, lexicons, type OffsetUnit } from './lexicon';
import {
  durationRules,
  endsWord,
  offsetRules,
  periodBounds,
  quarterRule,
  readMeaning,
  seasonRule,
  startsWord,
  weekdayPartOfDayRule,
  Words,
  yearReferenceRule,
  yearRule,
  type ReadExpression,
  type Rule,
} from './reader';
import type { ChronoLanguage } from './readers';
import { seasonStartMonth, type Season } from './timex';

export const tags = {
  season: 'timeline/season/',
  quarter: 'timeline/quarter/',
  half: 'timeline/half/',
  partOfDay: 'timeline/part-of-day/',
  duration: 'timeline/duration/',
  mod: 'timeline/mod/',
  week: 'timeline/week',
  ours: 'timeline/',
} as const;

/** The value of a `timeline/…/value` tag on a result's start, if any. */
export function tagValue(components: { tags(): Set<string> }, prefix: string): string | undefined {
  for (const tag of tagsOf(components)) if (tag.startsWith(prefix)) return tag.slice(prefix.length);
  return undefined;
}

/**
 * The tags of chrono's components, to read, not to change. Its `tags()` copies them into a new Set on every call, and
 * the copies were a tenth of what an analysis with dates allocated: chrono 2 keeps them in a Set of its own, `_tags`,
 * read where it is there; anything else is asked for a copy.
 */
export function tagsOf(components: { tags(): Set<string> }): ReadonlySet<string> {
  const own = (components as { _tags?: unknown })._tags;
  return own instanceof Set ? (own as Set<string>) : components.tags();
}

/** Whether either end of a result has the tag. */
function hasTag(result: ParsingResult, tag: string): boolean {
  // chrono leaves `end` null, not undefined, on results without one.
  return tagsOf(result.start).has(tag) || (!!result.end && tagsOf(result.end).has(tag));
}

/** The reference as chrono's components see it: a local date. */
function referenceDate(context: ParsingContext): Date {
  return context.reference.getDateWithAdjustedTimezone();
}

/** The reference moved by a number of units, as components at the unit's granularity. */
function offsetComponents(context: ParsingContext, unit: OffsetUnit, amount: number): ParsingComponents {
  const reference = referenceDate(context);
  const date = new Date(reference.getFullYear(), reference.getMonth(), reference.getDate(), 12);
  if (unit === 'year') date.setFullYear(date.getFullYear() + amount);
  else if (unit === 'month') date.setMonth(date.getMonth() + amount, Math.min(date.getDate(), 28));
  else date.setDate(date.getDate() + amount * (unit === 'week' ? 7 : 1));
  const components = context.createParsingComponents({ year: date.getFullYear() });
  if (unit === 'year') {
    components.imply('month', date.getMonth() + 1);
    components.imply('day', date.getDate());
    return components;
  }
  components.assign('month', date.getMonth() + 1);
  if (unit === 'month') components.imply('day', date.getDate());
  else components.assign('day', date.getDate());
  if (unit === 'week') components.addTag(tags.week);
  return components;
}

/**
 * One of the reader's shared rules (`reader.ts`) as a chrono parser: its match, as chrono components. chrono runs a
 * parser's pattern from each place on, so the rule's global pattern is used without its flag `g`.
 */
function asParser(rule: Rule): Parser {
  const pattern = new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', ''));
  return {
    pattern: () => pattern,
    extract(context, match) {
      const read = rule.read(context.text, match as RegExpExecArray);
      return read ? chronoResult(context, read) : null;
    },
  };
}

/** What a shared rule found, as chrono reads it: written parts assigned, the others implied from the reference. */
function chronoResult(context: ParsingContext, read: ReadExpression): ParsingResult {
  const text = context.text.slice(read.start, read.end);
  if (read.duration !== undefined) return context.createParsingResult(read.start, text, context.createParsingComponents({}).addTag(`${tags.duration}${read.duration}`));
  const meaning = read.meaning!;
  const reference = referenceDate(context);
  if (meaning.kind === 'shift') return context.createParsingResult(read.start, text, offsetComponents(context, meaning.unit, meaning.amount));
  const implied = readMeaning(meaning, reference)!;
  if (meaning.kind === 'weekday') {
    const components = context.createParsingComponents({ weekday: meaning.weekday % 7 });
    components.imply('year', implied.year);
    components.imply('month', implied.month!);
    components.imply('day', implied.day!);
    if (meaning.partOfDay) components.addTag(`${tags.partOfDay}${meaning.partOfDay}`);
    return context.createParsingResult(read.start, text, components);
  }
  if (meaning.kind !== 'date') throw new Error(`no shared rule reads ${meaning.kind}`);
  if (meaning.yearOffset !== undefined) return context.createParsingResult(read.start, text, { year: implied.year }).addTag(`${tags.ours}year-reference`);
  const { month, season, quarter, half } = meaning;
  if (month === undefined && season === undefined && quarter === undefined && half === undefined) {
    const end = read.endMeaning?.kind === 'date' ? { year: read.endMeaning.year } : undefined;
    return context.createParsingResult(read.start, text, { year: implied.year }, end).addTag(`${tags.ours}year`);
  }
  const components = context.createParsingComponents({});
  if (meaning.year !== undefined) components.assign('year', meaning.year);
  else components.imply('year', implied.year);
  if (month !== undefined) components.assign('month', month);
  else components.imply('month', season ? seasonStartMonth[season] : quarter ? (quarter - 1) * 3 + 1 : (half! - 1) * 6 + 1);
  components.imply('day', 1);
  if (season) components.addTag(`${tags.season}${season}`);
  if (quarter) components.addTag(`${tags.quarter}${quarter}`);
  if (half) components.addTag(`${tags.half}${half}`);
  return context.createParsingResult(read.start, text, components);
}

function isOurs(result: ParsingResult): boolean {
  return tagValue(result.start, tags.ours) !== undefined || (!!result.end && tagValue(result.end, tags.ours) !== undefined);
}

function overlaps(a: ParsingResult, b: ParsingResult): boolean {
  return a.index < b.index + b.text.length && b.index < a.index + a.text.length;
}

function isDuration(result: ParsingResult): boolean {
  return tagValue(result.start, tags.duration) !== undefined;
}

/**
 * Runs one of chrono's own refiners without letting it undo our parsers' work. Its filters judge by chrono's
 * rules (a result written only in digits is a stray number: "2016"), but ours checked their context already, so
 * one a filter drops comes back unless a result covering the same words took its place. Its merges join dates
 * and times that touch; durations are neither, so they go around it and only yield to a longer reading.
 */
function keepingOurs(refiner: Refiner): Refiner {
  return {
    refine(context, results) {
      // Some twenty refiners run on every piece of text chrono reads: most find no duration, and keep every result,
      // and then nothing is copied (the copies were a tenth of what an analysis with dates allocated).
      const durations = results.some(isDuration) ? results.filter(isDuration) : [];
      const others = durations.length > 0 ? results.filter((r) => !isDuration(r)) : results;
      const refined = refiner.refine(context, others);
      const keptAll = refined.length === others.length && refined.every((r, i) => r === others[i]);
      const refinedSet = keptAll ? undefined : new Set(refined);
      let kept = keptAll ? refined : [...refined, ...others.filter((r) => !refinedSet!.has(r) && !refined.some((k) => overlaps(k, r)) && isOurs(r))];
      for (const duration of durations) {
        const rivals = kept.filter((k) => overlaps(k, duration));
        if (rivals.every((k) => k.text.length < duration.text.length)) kept = [...kept.filter((k) => !rivals.includes(k)), duration];
      }
      // Sorting copies the list, even of one result.
      return kept.length > 1 ? kept.sort((a, b) => a.index - b.index) : kept;
    },
  };
}

const casualDayTags = ['casualReference/today', 'casualReference/yesterday', 'casualReference/tomorrow', 'casualReference/tonight', 'casualReference/morning', 'casualReference/afternoon', 'casualReference/evening', 'casualReference/noon'];

/**
 * Before chrono merges results: a clock time alone ("um 15 Uhr", and "2016" read as 20:16) dates nothing, and
 * where our duration parser read the same words as chrono ("for five years": chrono's is a date five years on),
 * the duration is meant.
 */
const dropClockTimesAndDatedDurations: Refiner = {
  refine(_context, results) {
    const durations = results.some(isDuration) ? new Set(results.filter(isDuration).map((r) => `${r.index}:${r.text}`)) : undefined;
    return results.filter((r) => {
      if (isOurs(r)) return true;
      if (durations?.has(`${r.index}:${r.text}`)) return false;
      return !r.start.isOnlyTime() || casualDayTags.some((tag) => hasTag(r, tag));
    });
  },
};

function dropUnlikely(cx: Words): Refiner {
  const weekdayName = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(Object.keys(cx.lexicon.weekdays))})(?![\\p{L}])`, 'iu');
  return {
    refine: (context, results) =>
      results.filter((r) => {
        // An expression starts and ends with a word (chrono's Italian read the "mar" of "Delmar" as March).
        const start = r.index + r.text.length - r.text.trimStart().length;
        if (!startsWord(context.text, start) || !endsWord(context.text, r.index + r.text.trimEnd().length)) return false;
        // chrono reads "Mi 11" (a phone) as Wednesday 11:00; a weekday must be written out.
        if (r.start.isCertain('weekday') && !r.start.isCertain('day') && !weekdayName.test(r.text) && !isOurs(r)) return false;
        // "3/4 of users", "1.5." are fractions and versions as often as dates: numbers alone need a year.
        if (/^[\d\s./-]+$/.test(r.text.trim()) && !r.start.isCertain('year') && !isOurs(r)) return false;
        return true;
      }),
  };
}

/** The period a result names when its year is open: "luglio", "Sommer", "31 marzo", "lunedì". */
function hasOpenYear(r: ParsingResult): boolean {
  return !r.end && !r.start.isCertain('year') && (r.start.isCertain('month') || r.start.isCertain('weekday') || tagValue(r.start, tags.season) !== undefined || tagValue(r.start, tags.quarter) !== undefined || tagValue(r.start, tags.half) !== undefined);
}

function isYearReference(r: ParsingResult): boolean {
  const certain = r.start.getCertainComponents();
  return !r.end && certain.length === 1 && certain[0] === 'year' && !/\d/.test(r.text);
}

/** "luglio di quest'anno", "Juli dieses Jahres", "March last year": a period takes its year from the year named after it. */
const mergeYearReferences: Refiner = {
  refine(context, results) {
    const merged: ParsingResult[] = [];
    for (let i = 0; i < results.length; i++) {
      const period = results[i];
      const year = results[i + 1];
      if (year && hasOpenYear(period) && isYearReference(year)) {
        const between = context.text.slice(period.index + period.text.length, year.index);
        if (/^\s*(?:[\p{L}']{1,5}\s*)?$/u.test(between)) {
          period.text = context.text.slice(period.index, year.index + year.text.length);
          period.start.assign('year', year.start.get('year') ?? 0);
          merged.push(period);
          i++;
          continue;
        }
      }
      merged.push(period);
    }
    return merged;
  },
};

/** Start and end of a period in a year, as [year, month] pairs, for the direction refiner. */
/** First and last day of the period a result names, in a year. */
function boundsOf(r: ParsingResult, year: number): [Date, Date] {
  const quarter = tagValue(r.start, tags.quarter);
  const half = tagValue(r.start, tags.half);
  const season = tagValue(r.start, tags.season) as Season | undefined;
  return periodBounds({ kind: 'date', month: r.start.get('month') ?? undefined, season, quarter: quarter ? Number(quarter) : undefined, half: half ? Number(half) : undefined }, year);
}

/**
 * "31 marzo scorso", "am vergangenen Freitag", "l'été dernier", "next March": the nearest such day or period
 * wholly before (or after) the reference, however close another one is.
 */
function applyDirections(cx: Words): Refiner {
  const { lexicon } = cx;
  return {
    refine(context, results) {
      const reference = referenceDate(context);
      const today = new Date(reference.getFullYear(), reference.getMonth(), reference.getDate(), 12);
      results.forEach((r, i) => {
        if (!hasOpenYear(r)) return;
        const from = i > 0 ? results[i - 1].index + results[i - 1].text.length : 0;
        const before = cx.directionBefore?.exec(context.text.slice(Math.max(from, r.index - 30), r.index));
        const after = cx.directionAfter?.exec(context.text.slice(r.index + r.text.length, r.index + r.text.length + 24));
        const word = before?.[2] ?? after?.[1];
        if (word === undefined) return;
        const direction = (before ? lexicon.directionPrefixes : lexicon.directionSuffixes)[word.toLowerCase().replace(/\s+/g, ' ')];
        if (direction === undefined) return;
        const isDay = r.start.isCertain('day') || r.start.isCertain('weekday');
        if (isDay) {
          const weekdayOnly = !r.start.isCertain('day');
          const date = new Date(r.start.get('year') ?? 0, (r.start.get('month') ?? 1) - 1, r.start.get('day') ?? 1, 12);
          const step = () => (weekdayOnly ? date.setDate(date.getDate() + 7 * direction) : date.setFullYear(date.getFullYear() + direction));
          while (direction < 0 ? date >= today : date <= today) step();
          r.start.assign('year', date.getFullYear());
          if (weekdayOnly) {
            r.start.assign('month', date.getMonth() + 1);
            r.start.assign('day', date.getDate());
          }
        } else {
          let year = r.start.get('year') ?? reference.getFullYear();
          while (direction < 0 ? boundsOf(r, year)[1] >= today : boundsOf(r, year)[0] <= today) year += direction;
          r.start.assign('year', year);
        }
        if (before?.indices?.[1]) {
          const start = Math.max(from, r.index - 30) + before.indices[1][0];
          r.text = context.text.slice(start, r.index + r.text.length);
          r.index = start;
        } else if (after) {
          r.text += after[0];
        }
      });
      return results;
    },
  };
}

/** "Ende März", "seit 2016", "fino al 31 marzo": the edge joins the expression and becomes its modifier. */
function applyEdges(cx: Words): Refiner {
  return {
    refine(context, results) {
      results.forEach((r, i) => {
        if (r.end || isDuration(r)) return;
        const from = i > 0 ? results[i - 1].index + results[i - 1].text.length : 0;
        const edge = cx.edgeEndingAt(context.text, r.index, from);
        if (!edge) return;
        // An inner edge is the more precise one: "bis Ende März" is the end of March.
        if (tagValue(r.start, tags.mod) === undefined) r.start.addTag(`${tags.mod}${edge.mod}`);
        r.text = context.text.slice(edge.start, r.index + r.text.length);
        r.index = edge.start;
      });
      return results;
    },
  };
}

/**
 * Some of chrono's parsers build their pattern anew on every call, and chrono compiles it again each time: a fresh
 * regex never gets V8's compiled code (its German "vor 2 Jahren" parser, when chrono read German, made half of every
 * German reading). Of those that build it without the context (`innerPattern()` takes no argument: Spanish "esta
 * noche"), the first pattern is kept. Others take the context yet return a literal, a new object each time (Spanish
 * "ayer", "hoy"), and chrono, seeing a new object, builds its bounded pattern again (twice per reading): a pattern
 * with the same source and flags as the last is the last one. chrono's patterns are neither global nor
 * sticky, so the object kept carries no state from one reading to the next.
 */
function withFixedPattern(parser: Parser): void {
  const built = parser as Parser & { innerPattern?: (...args: unknown[]) => RegExp };
  const innerPattern = built.innerPattern;
  if (typeof innerPattern !== 'function') return;
  let pattern: RegExp | undefined;
  built.innerPattern =
    innerPattern.length === 0
      ? function (this: unknown) {
          return (pattern ??= innerPattern.call(this));
        }
      : function (this: unknown, ...args: unknown[]) {
          const fresh = innerPattern.apply(this, args);
          if (pattern && fresh.source === pattern.source && fresh.flags === pattern.flags && !fresh.global && !fresh.sticky) return pattern;
          return (pattern = fresh);
        };
}

const chronoBase: Record<ChronoLanguage, Chrono> = {
  es: chrono.es.casual,
};

const cache = new Map<ChronoLanguage, Chrono>();

/** chrono for `language` with the timeline's parsers and refiners; built once per language. */
export function timelineChrono(language: ChronoLanguage): Chrono {
  const cached = cache.get(language);
  if (cached) return cached;
  const cx = new Words(lexicons[language]);
  const parser = chronoBase[language].clone();
  parser.parsers.forEach(withFixedPattern);
  const rules: Array<Rule | undefined> = [yearRule(cx), seasonRule(cx), quarterRule(cx), ...offsetRules(cx), ...durationRules(cx), weekdayPartOfDayRule(cx), yearReferenceRule(cx)];
  for (const rule of rules) if (rule) parser.parsers.push(asParser(rule));
  parser.refiners = [dropClockTimesAndDatedDurations, ...parser.refiners.map(keepingOurs), dropUnlikely(cx), mergeYearReferences, applyDirections(cx), applyEdges(cx)];
  cache.set(language, parser);
  return parser;
}
