/**
 * The date an article's relative expressions are read against. News style: the article's own date, from the
 * header's `published` field, else from a dateline paragraph ("24-05-2022 15:02 - Fonte: …").
 */
import { trimmedSpan, type Article } from '../article';
import { headerField } from '../header';
import { isCalendarDate } from '../data/special-lines';
import type { Span } from '../text';
import { readingFields, type CalendarReading } from './reading';
import { mondayOfIsoWeek, seasonStartMonth, timexParts, type Granularity } from './timex';

export interface ArticleDate {
  /** TIMEX date: `2022-05-24`, or `2022-05` / `2022` when `published` says no more. A time of day is dropped. */
  value: string;
  source: 'published' | 'dateline';
  /** The header value or the dateline paragraph. */
  span: Span;
}

const isoDate = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.+\-Z]*)?$/;

/** The article's date: `published` when it reads as an ISO date, else the first dateline; undefined when neither. */
export function articleDate(article: Article): ArticleDate | undefined {
  const published = headerField(article.header, 'published');
  if (typeof published?.value === 'string') {
    const m = isoDate.exec(published.value.trim());
    if (m) {
      const [year, month, day] = [Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
      const valid = month === undefined || (month >= 1 && month <= 12 && (day === undefined || isCalendarDate(year, month, day)));
      if (valid) return { value: [m[1], m[2], m[3]].filter((part) => part !== undefined).join('-'), source: 'published', span: published.valueSpan };
    }
  }
  const dateline = article.paragraphs.find((p) => p.kind === 'dateline' && p.dateline);
  if (dateline?.dateline) return { value: dateline.dateline.published.slice(0, 10), source: 'dateline', span: trimmedSpan(dateline.line) };
  return undefined;
}

/** A date a relative expression can be read against, with how much of it is known. */
export interface Anchor {
  reading: CalendarReading;
  granularity: Granularity;
}

/** The anchor for a TIMEX date value, if it is a resolved date (`2022-05-24`, `2022-05`, `2016`, `2021-SU`, …). */
export function anchorOf(value: string): Anchor | undefined {
  const parts = timexParts(value);
  if (parts?.kind !== 'date' || !parts.resolved || parts.year === undefined) return undefined;
  const reading: CalendarReading = { granularity: parts.granularity, year: parts.year };
  for (const field of readingFields) if (field !== 'year' && parts[field] !== undefined) Object.assign(reading, { [field]: parts[field] });
  return { reading, granularity: parts.granularity };
}

/**
 * The reference date the reader reads against for an anchor: the day itself when known, else the middle of the
 * period, so that "im Dezember" read against a bare 2016 stays in 2016.
 */
export function referenceDate(anchor: Anchor): Date {
  const { reading } = anchor;
  if (reading.month !== undefined && reading.day !== undefined) return new Date(reading.year, reading.month - 1, reading.day, 12);
  if (reading.month !== undefined) return new Date(reading.year, reading.month - 1, 15, 12);
  if (reading.week !== undefined) {
    const monday = mondayOfIsoWeek(reading.year, reading.week);
    return new Date(monday.year, monday.month - 1, monday.day + 3, 12);
  }
  // The second month of a season, quarter or half-year is inside it whichever way one counts.
  const firstMonth = reading.season ? seasonStartMonth[reading.season] : reading.quarter ? (reading.quarter - 1) * 3 + 1 : reading.half ? (reading.half - 1) * 6 + 1 : undefined;
  if (firstMonth !== undefined) return new Date(reading.year, firstMonth, 15, 12);
  return new Date(reading.year, 6, 1, 12);
}
