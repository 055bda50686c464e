/**
 * What one chrono parse says an expression means, as calendar parts: chrono's components (which it marks
 * certain or implied), the timeline tags of our parsers, and the wording (a week named as a unit). The
 * extractor parses every expression against two reference dates and compares the readings: the parts that
 * agree are written in the text, the others come from the reference.
 */
import type { ParsedComponents } from 'chrono-node';
import { tags, tagsOf, tagValue } from './parsers';
import { formatTimexDate, isoWeek, type Granularity, type PartOfDay, type Season, type TimexDate } from './timex';

export type CalendarReading = Omit<TimexDate, 'kind' | 'resolved'> & { year: number };

/** The fields two readings of one expression are compared on, coarsest first. */
export const readingFields = ['year', 'half', 'season', 'quarter', 'month', 'week', 'day', 'weekday', 'partOfDay', 'hour', 'minute'] as const;
export type ReadingField = (typeof readingFields)[number];

const fieldGranularity: Record<ReadingField, Granularity> = {
  year: 'year', half: 'half', season: 'season', quarter: 'quarter', month: 'month', week: 'week', day: 'day', weekday: 'day', partOfDay: 'time', hour: 'time', minute: 'time',
};

const partsOfDay: Record<string, PartOfDay> = {
  'casualReference/morning': 'MO',
  'casualReference/noon': 'MI',
  'casualReference/afternoon': 'AF',
  'casualReference/evening': 'EV',
  'casualReference/tonight': 'NI',
};

const dayReferences = ['casualReference/today', 'casualReference/yesterday', 'casualReference/tomorrow'];

/**
 * The calendar reading of chrono components, or undefined when they fix no date (a clock time alone, "now").
 * `namesWeek`: the expression names the week in its language ("Woche", "settimana"): "vor zwei Wochen" is a week,
 * not a day.
 */
export function readComponents(components: ParsedComponents, namesWeek: boolean): CalendarReading | undefined {
  const certain = (c: Parameters<ParsedComponents['isCertain']>[0]) => components.isCertain(c);
  const value = (c: Parameters<ParsedComponents['get']>[0]) => components.get(c) ?? 0;
  const componentTags = tagsOf(components);
  const year = value('year');
  const season = tagValue(components, tags.season) as Season | undefined;
  if (season) return { granularity: 'season', year, season };
  const quarter = tagValue(components, tags.quarter);
  if (quarter) return { granularity: 'quarter', year, quarter: Number(quarter) };
  const half = tagValue(components, tags.half);
  if (half) return { granularity: 'half', year, half: Number(half) };
  let partOfDay = tagValue(components, tags.partOfDay) as PartOfDay | undefined;
  for (const [tag, code] of Object.entries(partsOfDay)) if (!partOfDay && componentTags.has(tag)) partOfDay = code;
  const weekdayOnly = certain('weekday') && !certain('day');
  const isDay = certain('day') || weekdayOnly || partOfDay !== undefined || dayReferences.some((tag) => componentTags.has(tag));
  if (componentTags.has(tags.week) || (!certain('weekday') && namesWeek && (isDay || !certain('month')))) {
    const week = isoWeek(year, value('month'), value('day'));
    return { granularity: 'week', year: week.year, week: week.week };
  }
  if (isDay) {
    const reading: CalendarReading = { granularity: 'day', year, month: value('month'), day: value('day') };
    if (weekdayOnly) reading.weekday = value('weekday') || 7;
    if (partOfDay) return { ...reading, granularity: 'time', partOfDay };
    if (certain('hour')) return { ...reading, granularity: 'time', hour: value('hour'), minute: value('minute') };
    return reading;
  }
  if (certain('month')) return { granularity: 'month', year, month: value('month') };
  if (certain('year')) return { granularity: 'year', year };
  return undefined;
}

/** The fields on which two readings differ (all of them when their shapes differ). */
export function differingFields(a: CalendarReading, b: CalendarReading | undefined): Set<ReadingField> {
  if (!b || a.granularity !== b.granularity) return new Set(readingFields.filter((f) => a[f] !== undefined));
  return new Set(readingFields.filter((f) => a[f] !== b[f]));
}

/** The finest granularity among fields, e.g. what a reference must fix to resolve them. */
export function finestGranularity(fields: Iterable<ReadingField>): Granularity {
  const order: Granularity[] = ['year', 'half', 'season', 'quarter', 'month', 'week', 'day', 'time'];
  let finest: Granularity = 'year';
  for (const field of fields) if (order.indexOf(fieldGranularity[field]) > order.indexOf(finest)) finest = fieldGranularity[field];
  return finest;
}

/**
 * The value of a reading, with `X` for the fields in `unknown`. A weekday is only written when the day is
 * unknown: "lunedì" without a reference is `XXXX-WXX-1`, with one it is a day.
 */
export function readingValue(reading: CalendarReading, unknown: ReadonlySet<ReadingField> = new Set()): string {
  const known = <K extends ReadingField>(field: K) => (unknown.has(field) ? undefined : reading[field]);
  const dayKnown = known('day') !== undefined;
  return formatTimexDate({
    granularity: reading.granularity,
    year: known('year'),
    month: known('month'),
    day: known('day'),
    week: known('week'),
    weekday: dayKnown ? undefined : reading.weekday,
    season: reading.season,
    quarter: reading.quarter,
    half: reading.half,
    partOfDay: reading.partOfDay,
    hour: known('hour'),
    minute: known('minute'),
  });
}
