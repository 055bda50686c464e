/**
 * What the reader says an expression means against one reference date, as calendar parts (`readMeaning` in
 * `reader.ts`). The extractor reads every expression against two reference dates far apart and compares the
 * readings: the parts that agree are written in the text, the others come from the reference.
 */
import { formatTimexDate, type Granularity, type TimexDate } from './timex';

export type CalendarReading = Omit<TimexDate, 'kind' | 'resolved'> & { year: number };

/** The fields two readings of one expression are compared on, coarsest first. */
export const readingFields = ['year', 'half', 'season', 'quarter', 'month', 'week', 'day', 'weekday', 'partOfDay', 'hour', 'minute'] as const;
export type ReadingField = (typeof readingFields)[number];

const fieldGranularity: Record<ReadingField, Granularity> = {
  year: 'year', half: 'half', season: 'season', quarter: 'quarter', month: 'month', week: 'week', day: 'day', weekday: 'day', partOfDay: 'time', hour: 'time', minute: 'time',
};

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
