/**
 * TIMEX3-style calendar values, as HeidelTime writes them, and what a timeline does with them: read their
 * parts, order them, describe them in English.
 *
 * Values this module reads and writes:
 * - dates: `2016`, `2022-07`, `2022-03-31`, seasons `2021-SU` (SP, SU, FA, WI; winter `2021-WI` runs from
 *   December 2021 into 2022), quarters `2022-Q1`, halves `2022-H2`, ISO weeks `2022-W21`;
 * - times: a date with a clock time `2022-05-24T15:02` or a part of the day `2022-05-23TMO`
 *   (MO morning, MI midday, AF afternoon, EV evening, NI night);
 * - unresolved dates keep what the text fixes and write `X` for the rest: `XXXX-07` (July of an unknown year),
 *   `XXXX-03-31`, `XXXX` (a year given only relative to an unknown date), `XXXX-XX-XX` (a day likewise),
 *   `XXXX-WXX-1` (a Monday, 1 = Monday … 7 = Sunday), `XXXX-SU`, `XXXX-WXX-1TMO`;
 * - durations: `P5Y`, `P7Y`, `P3M`, `P2W`, `P10D`, `P2DE` (decades), `PXY` (some years).
 *
 * A modifier (`TimexMod`) qualifies a date: START, MID and END are parts of the period ("Anfang", "Mitte",
 * "Ende März"); ON_OR_AFTER and ON_OR_BEFORE are open edges ("seit 2016", "ab Juli", "fino al 31 marzo");
 * BEFORE and AFTER are strict ones ("vor 2016", "dopo il 2020").
 */

export type TimexType = 'DATE' | 'TIME' | 'DURATION';

export type TimexMod = 'START' | 'MID' | 'END' | 'ON_OR_AFTER' | 'ON_OR_BEFORE' | 'BEFORE' | 'AFTER';

export type Season = 'SP' | 'SU' | 'FA' | 'WI';
export type PartOfDay = 'MO' | 'MI' | 'AF' | 'EV' | 'NI';
export type DurationUnit = 'Y' | 'M' | 'W' | 'D' | 'DE';

/** How fine a date is, from the coarsest. Durations have none. */
export type Granularity = 'year' | 'half' | 'season' | 'quarter' | 'month' | 'week' | 'day' | 'time';

/** The parts of a date or time value; a part the text leaves open (`X`) is undefined. */
export interface TimexDate {
  kind: 'date';
  granularity: Granularity;
  /** False when any part is `X`. */
  resolved: boolean;
  year?: number;
  month?: number;
  day?: number;
  /** ISO week number (with `year` the ISO week-year). */
  week?: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday; only in values like `XXXX-WXX-1`. */
  weekday?: number;
  season?: Season;
  quarter?: number;
  half?: number;
  partOfDay?: PartOfDay;
  hour?: number;
  minute?: number;
}

export interface TimexDuration {
  kind: 'duration';
  /** Undefined for an unspecified amount (`PXY`). */
  amount?: number;
  unit: DurationUnit;
}

export type TimexParts = TimexDate | TimexDuration;

export const seasonStartMonth: Record<Season, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

const granularityRank: Record<Granularity, number> = { year: 0, half: 1, season: 2, quarter: 2, month: 3, week: 4, day: 5, time: 6 };

/** True when `fine` is at least as fine as `coarse` (a day is finer than a month). */
export function isAtLeastAsFine(fine: Granularity, coarse: Granularity): boolean {
  return granularityRank[fine] >= granularityRank[coarse];
}

// Each part is a fixed-width group or X's: the patterns cannot backtrack beyond a few characters.
const datePattern =
  /^(\d{4}|XXXX)(?:-(?:(\d{2}|XX)(?:-(\d{2}|XX))?|W(\d{2}|XX)(?:-([1-7]))?|(SP|SU|FA|WI)|Q([1-4])|H([12])))?(?:T(?:(MO|MI|AF|EV|NI)|(\d{2}):(\d{2})|XX:XX))?$/;
const durationPattern = /^P(\d{1,4}|X)(Y|M|W|D|DE)$/;

// Sorting a corpus's timeline compares each value many times; the values themselves are few. A plain map,
// emptied when full: an LRU's bookkeeping on every hit would cost more than the reading it saves.
const partsOfValue = new Map<string, Readonly<TimexParts> | null>();
const partsOfValueLimit = 10_000;

/** The parts of a value this module can write (shared: read them, never change them); undefined for anything else. */
export function timexParts(value: string): Readonly<TimexParts> | undefined {
  let parts = partsOfValue.get(value);
  if (parts === undefined) {
    if (partsOfValue.size >= partsOfValueLimit) partsOfValue.clear();
    partsOfValue.set(value, (parts = readTimexParts(value) ?? null));
  }
  return parts ?? undefined;
}

function readTimexParts(value: string): TimexParts | undefined {
  const duration = durationPattern.exec(value);
  if (duration) return { kind: 'duration', amount: duration[1] === 'X' ? undefined : Number(duration[1]), unit: duration[2] as DurationUnit };
  const m = datePattern.exec(value);
  if (!m) return undefined;
  const [, year, month, day, week, weekday, season, quarter, half, partOfDay, hour, minute] = m;
  const num = (s: string | undefined) => (s === undefined || s.startsWith('X') ? undefined : Number(s));
  const parts: TimexDate = { kind: 'date', granularity: 'year', resolved: !value.includes('X'), year: num(year) };
  if (month !== undefined) {
    parts.month = num(month);
    parts.granularity = 'month';
    if (day !== undefined) {
      parts.day = num(day);
      parts.granularity = 'day';
    }
  } else if (week !== undefined) {
    parts.week = num(week);
    parts.granularity = 'week';
    if (weekday !== undefined) {
      parts.weekday = Number(weekday);
      parts.granularity = 'day';
    }
  } else if (season !== undefined) {
    parts.season = season as Season;
    parts.granularity = 'season';
  } else if (quarter !== undefined) {
    parts.quarter = Number(quarter);
    parts.granularity = 'quarter';
  } else if (half !== undefined) {
    parts.half = Number(half);
    parts.granularity = 'half';
  }
  if (value.includes('T')) {
    parts.granularity = 'time';
    if (partOfDay !== undefined) parts.partOfDay = partOfDay as PartOfDay;
    else if (hour !== undefined) {
      parts.hour = Number(hour);
      parts.minute = Number(minute);
    }
  }
  if (parts.month !== undefined && (parts.month < 1 || parts.month > 12)) return undefined;
  return parts;
}

/** The type a value is written as: a duration, a time of day, or a date. */
export function timexType(value: string): TimexType {
  return value.startsWith('P') ? 'DURATION' : value.includes('T') ? 'TIME' : 'DATE';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Writes date parts back as a value; the inverse of `timexParts` for dates. */
export function formatTimexDate(parts: Omit<TimexDate, 'kind' | 'resolved'>): string {
  const x = (n: number | undefined, width = 2) => (n === undefined ? 'X'.repeat(width) : pad(n, width));
  let value = x(parts.year, 4);
  if (parts.season) value += `-${parts.season}`;
  else if (parts.quarter !== undefined) value += `-Q${parts.quarter}`;
  else if (parts.half !== undefined) value += `-H${parts.half}`;
  else if (parts.weekday !== undefined && parts.day === undefined) value += `-W${x(parts.week)}-${parts.weekday}`;
  else if (parts.week !== undefined || parts.granularity === 'week') value += `-W${x(parts.week)}`;
  else if (isAtLeastAsFine(parts.granularity, 'month')) {
    value += `-${x(parts.month)}`;
    if (isAtLeastAsFine(parts.granularity, 'day')) value += `-${x(parts.day)}`;
  }
  if (parts.granularity === 'time') {
    value += parts.partOfDay ? `T${parts.partOfDay}` : parts.hour !== undefined ? `T${pad(parts.hour)}:${pad(parts.minute ?? 0)}` : 'TXX:XX';
  }
  return value;
}

/** ISO 8601 week-year and week of a calendar day. */
export function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The week belongs to the year of its Thursday.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const firstDay = Date.UTC(weekYear, 0, 1);
  return { year: weekYear, week: Math.floor((date.getTime() - firstDay) / 86_400_000 / 7) + 1 };
}

/** The Monday of an ISO week, as year, month and day. */
export function mondayOfIsoWeek(weekYear: number, week: number): { year: number; month: number; day: number } {
  const january4 = new Date(Date.UTC(weekYear, 0, 4));
  const monday = new Date(january4.getTime() + ((week - 1) * 7 - ((january4.getUTCDay() || 7) - 1)) * 86_400_000);
  return { year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() };
}

const partOfDayMinutes: Record<PartOfDay, number> = { MO: 8 * 60, MI: 12 * 60, AF: 15 * 60, EV: 19 * 60, NI: 22 * 60 };
const durationDays: Record<DurationUnit, number> = { D: 1, W: 7, M: 30.44, Y: 365.25, DE: 3652.5 };

/** Where a date starts within its year, as [month, day, minutes]; 0 for parts it leaves open. */
function positionInYear(parts: TimexDate): [number, number, number] {
  let month = parts.month ?? 0;
  let day = parts.day ?? 0;
  if (parts.season) month = seasonStartMonth[parts.season];
  else if (parts.quarter !== undefined) month = (parts.quarter - 1) * 3 + 1;
  else if (parts.half !== undefined) month = (parts.half - 1) * 6 + 1;
  else if (parts.week !== undefined && parts.year !== undefined) {
    const monday = mondayOfIsoWeek(parts.year, parts.week);
    // Week 1 may start in late December: it still sorts at the start of its week-year.
    [month, day] = monday.year === parts.year ? [monday.month, monday.day] : [1, 0];
  }
  const minutes = parts.partOfDay ? partOfDayMinutes[parts.partOfDay] : parts.hour !== undefined ? parts.hour * 60 + (parts.minute ?? 0) : 0;
  return [month, day, minutes];
}

function orderClass(parts: TimexParts | undefined): number {
  if (!parts) return 3;
  if (parts.kind === 'duration') return 2;
  return parts.resolved ? 0 : 1;
}

/**
 * Orders two values for a timeline: resolved dates first, by year, then month, day and time of day, a period
 * before the finer dates it holds (`2022` before `2022-03` before `2022-03-31`); seasons, quarters and halves sit
 * at their first month, weeks at their Monday. Then unresolved dates, by the parts they know (`XXXX-03-31`
 * before `XXXX-07`), then durations by length, then anything unreadable. Ties fall back to the values' spelling,
 * so the order is total and stable.
 */
export function compareTimex(a: string, b: string): number {
  return compareTimexOrder(timexOrder(a), timexOrder(b));
}

/**
 * What `compareTimex` orders a value by, read once: a sort compares each value some twenty times, and reading the
 * values anew at each comparison made sorting the distinct dates of a 10k corpus take 158 ms.
 */
export interface TimexOrder {
  readonly value: string;
  /** The order class (see `orderClass`), then the numbers its kind is ordered by. */
  readonly keys: readonly number[];
}

export function timexOrder(value: string): TimexOrder {
  const parts = timexParts(value);
  const orderBy = orderClass(parts);
  if (parts?.kind === 'date') return { value, keys: [orderBy, parts.year ?? 0, ...positionInYear(parts), granularityRank[parts.granularity]] };
  if (parts?.kind === 'duration') return { value, keys: [orderBy, parts.amount === undefined ? Number.POSITIVE_INFINITY : parts.amount * durationDays[parts.unit]] };
  return { value, keys: [orderBy] };
}

/** `compareTimex` of the two values the orders were read from. */
export function compareTimexOrder(a: TimexOrder, b: TimexOrder): number {
  // A class's keys have one length. Two durations of unknown amount differ by NaN: their spelling decides.
  for (let i = 0; i < a.keys.length && i < b.keys.length; i++) {
    const difference = a.keys[i] - b.keys[i];
    if (difference !== 0 && !Number.isNaN(difference)) return difference;
  }
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

const modOrder: Record<TimexMod, number> = { BEFORE: 0, ON_OR_AFTER: 1, START: 2, MID: 4, END: 5, ON_OR_BEFORE: 6, AFTER: 7 };

/** Where a modifier sorts among the dated things of one value: "seit März" and "Anfang März" before "März", "Ende März" after. */
export function modRank(mod: TimexMod | undefined): number {
  return mod ? modOrder[mod] : 3;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const seasonNames: Record<Season, string> = { SP: 'spring', SU: 'summer', FA: 'autumn', WI: 'winter' };
const partOfDayNames: Record<PartOfDay, string> = { MO: 'morning', MI: 'midday', AF: 'afternoon', EV: 'evening', NI: 'night' };
const ordinals = ['first', 'second', 'third', 'fourth'];
const unitNames: Record<DurationUnit, [string, string]> = { Y: ['year', 'years'], M: ['month', 'months'], W: ['week', 'weeks'], D: ['day', 'days'], DE: ['decade', 'decades'] };
const modPhrases: Record<TimexMod, (s: string) => string> = {
  START: (s) => `start of ${s}`,
  MID: (s) => `middle of ${s}`,
  END: (s) => `end of ${s}`,
  ON_OR_AFTER: (s) => `from ${s} on`,
  ON_OR_BEFORE: (s) => `until ${s}`,
  BEFORE: (s) => `before ${s}`,
  AFTER: (s) => `after ${s}`,
};

/**
 * An English description of a value for tooltips and plain output: "end of March 2022", "from 2016 on",
 * "summer 2021", "a Monday morning, date unknown", "an unknown year", "5 years". Unreadable values come back as
 * they are.
 */
export function describeTimex(value: string, mod?: TimexMod): string {
  const parts = timexParts(value);
  if (!parts) return value;
  if (parts.kind === 'duration') {
    const [one, many] = unitNames[parts.unit];
    return parts.amount === undefined ? `some ${many}` : `${parts.amount} ${parts.amount === 1 ? one : many}`;
  }
  const [described, unknown] = describeDate(parts);
  return `${mod ? modPhrases[mod](described) : described}${unknown ? `, ${unknown} unknown` : ''}`;
}

/** The description, and which part is unknown when the text names a day or period but not its year. */
function describeDate(parts: TimexDate): [string, ('year' | 'date')?] {
  const year = parts.year === undefined ? '' : ` ${parts.year}`;
  const of = parts.year === undefined ? '' : ` of ${parts.year}`;
  const time = parts.partOfDay ? partOfDayNames[parts.partOfDay] : parts.hour !== undefined ? `${pad(parts.hour)}:${pad(parts.minute ?? 0)}` : undefined;
  const withTime = (date: string) => (time ? `${date}, ${time}` : date);
  if (parts.weekday !== undefined && parts.day === undefined) {
    return [`a ${weekdayNames[parts.weekday - 1]}${parts.partOfDay ? ` ${time}` : time ? `, ${time}` : ''}`, 'date'];
  }
  let named: string | undefined;
  if (parts.season) named = `${seasonNames[parts.season]}${year}`;
  else if (parts.quarter !== undefined) named = `${ordinals[parts.quarter - 1]} quarter${of}`;
  else if (parts.half !== undefined) named = `${ordinals[parts.half - 1]} half${of}`;
  else if (parts.week !== undefined) named = `week ${parts.week}${of}`;
  else if (parts.month !== undefined) named = `${parts.day === undefined ? '' : `${parts.day} `}${monthNames[parts.month - 1]}${year}`;
  else if (parts.year !== undefined) named = String(parts.year);
  if (named === undefined) return [withTime(`an unknown ${parts.granularity === 'time' ? 'day' : parts.granularity}`)];
  return [withTime(named), parts.year === undefined ? 'year' : undefined];
}
