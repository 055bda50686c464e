/**
 * The timeline's reader of temporal expressions, with a grammar per language (`grammar-de.ts`, `grammar-it.ts`,
 * `grammar-en.ts`, `grammar-fr.ts`, `grammar-es.ts`; `readers.ts` holds them). It reads what the timeline needs
 * and nothing else: no clock times, no time zones, no calendar object per match. Each rule is one bounded pattern
 * run over the stretches of a line around date cues; what it finds is a `Meaning`, read against any reference date
 * by `readMeaning`. It replaced chrono-node and reads as chrono's set-up did, bar the differences its tests name;
 * the steps after the rules are chrono's, in its order: a date read from a duration's words gives way to it, the
 * longer of two overlapping readings wins, a weekday joins the date after it ("Montag, 3. März"), a part of the
 * day the day before it ("ieri sera"), two dates joined by "bis" make a range, a period takes its year from a year
 * named after it ("Juli dieses Jahres"), direction words move it ("im vergangenen Sommer"), and an edge before it
 * becomes its modifier ("Ende März", "seit 2016"). A grammar may add steps of its own before and after (English
 * "end of", "May").
 *
 * Besides each grammar's rules, every language has the rules made from its lexicon (years, months, seasons,
 * quarters, counted dates, durations, years named in words). Their patterns are word alternations with bounded
 * optional groups, which cannot backtrack more than a word or two, and the checks around a match look at a window
 * of a few words.
 */
import { alternation, cueKinds, everyCueKind, quantityWords, type Lexicon, type OffsetUnit } from './lexicon';
import type { CalendarReading } from './reading';
import { isoWeek, seasonStartMonth, type PartOfDay, type Season, type TimexMod } from './timex';

/** What an expression says, to be read against a reference date. Fields left out are the reference's. */
export type Meaning =
  | {
      kind: 'date';
      /** Written in the text, or taken from the other end of a range (`yearImplied`). */
      year?: number;
      yearImplied?: true;
      /** The reference's year moved by this much ("dieses Jahr", "Juli letzten Jahres"). */
      yearOffset?: number;
      month?: number;
      day?: number;
      season?: Season;
      quarter?: number;
      half?: number;
      /** The nearest such day or period wholly after (+1) or before (-1) the reference day. */
      direction?: 1 | -1;
      /** The end of a range is a year later where it would read before its start ("3. bis 5. Juli"). */
      notBefore?: Meaning;
      /** A day's part ("il 3 marzo sera"). */
      partOfDay?: PartOfDay;
      /** A month alone takes the year that puts its first (or last) day closest to the reference, as chrono's did. */
      yearByDay?: 'first' | 'last';
    }
  | { kind: 'weekday'; weekday: number; choice: WeekdayChoice; direction?: 1 | -1; partOfDay?: PartOfDay; notBefore?: Meaning }
  /** A day counted from the reference day ("heute", "gestern Abend"); `now` reads the reference's clock time too. */
  | { kind: 'day'; days: number; partOfDay?: PartOfDay; now?: true; yearOpen?: true }
  /** The reference moved by a number of units ("vor zwei Wochen", "nächsten Monat"), at the unit's granularity. */
  | { kind: 'shift'; unit: OffsetUnit; amount: number; plus?: Partial<Record<OffsetUnit, number>> };

/** Which of a weekday's dates: the nearest, the last before, the next after (a week on), or the one of this week. */
export type WeekdayChoice = 'nearest' | 'last' | 'next' | 'this';

/** An expression a reader found, with offsets into the text it read. */
interface ReadExpression {
  start: number;
  end: number;
  meaning?: Meaning;
  /** The end of a range ("von 2016 bis 2018"): `meaning` is its start. */
  endMeaning?: Meaning;
  /** A duration's TIMEX value (`P5Y`): it needs no reference. */
  duration?: string;
  mod?: TimexMod;
}

/**
 * Whether the year of what a meaning names is left to the reference ("im Juli", "31. März", "Montag"): not when a
 * direction word fixes it ("im vergangenen Sommer" is the last one before the reference, whatever its year).
 */
export function hasOpenYear(meaning: Meaning): boolean {
  switch (meaning.kind) {
    case 'date':
      return (meaning.year === undefined || meaning.yearImplied === true) && meaning.yearOffset === undefined && meaning.direction === undefined && (meaning.month !== undefined || meaning.season !== undefined || meaning.quarter !== undefined || meaning.half !== undefined);
    case 'weekday':
      return meaning.direction === undefined;
    case 'day':
      return meaning.yearOpen === true;
    case 'shift':
      return false;
  }
}

/** A local date at noon, as the extractor's references are. */
function noon(year: number, monthIndex: number, day: number): Date {
  return new Date(year, monthIndex, day, 12);
}

function dayOf(reference: Date): Date {
  return noon(reference.getFullYear(), reference.getMonth(), reference.getDate());
}

/** The year that puts day and month closest to the reference (news style: "am 5. September" written in May). */
function closestYearOfDay(reference: Date, day: number, month: number): number {
  const year = reference.getFullYear();
  const distance = (y: number) => Math.abs(new Date(y, month - 1, day, reference.getHours(), reference.getMinutes()).getTime() - reference.getTime());
  if (distance(year + 1) < distance(year)) return year + 1;
  if (distance(year - 1) < distance(year)) return year - 1;
  return year;
}

/** The year that puts a month closest to the reference ("im Juli" written in May is this July). */
function closestYear(reference: Date, month: number): number {
  const year = reference.getFullYear();
  const offset = month - (reference.getMonth() + 1);
  return offset > 6 ? year - 1 : offset < -6 ? year + 1 : year;
}

/** Days from the reference to a weekday (1 = Monday … 7 = Sunday). */
function daysToWeekday(reference: Date, weekday: number, choice: WeekdayChoice): number {
  const today = reference.getDay();
  const target = weekday % 7;
  const forward = (target - today + 7) % 7;
  const backward = forward === 0 ? -7 : forward - 7;
  switch (choice) {
    case 'this':
      return forward;
    case 'last':
      return backward;
    case 'next':
      // A week on from this week's, unless this week's is still to come on a working day.
      if (today === 0) return target === 0 ? 7 : target;
      if (today === 6) return target === 6 ? 7 : target === 0 ? 8 : 1 + target;
      return target < today && target !== 0 ? forward : forward + 7;
    case 'nearest':
      return forward < -backward ? forward : backward;
  }
}

/** First and last day of a period of a year: a month, season, quarter or half. */
function periodBounds(meaning: Extract<Meaning, { kind: 'date' }>, year: number): [Date, Date] {
  let first = meaning.month ?? 1;
  let months = 1;
  if (meaning.season) [first, months] = [seasonStartMonth[meaning.season], 3];
  else if (meaning.quarter) [first, months] = [(meaning.quarter - 1) * 3 + 1, 3];
  else if (meaning.half) [first, months] = [(meaning.half - 1) * 6 + 1, 6];
  return [noon(year, first - 1, 1), noon(year, first - 1 + months, 0)];
}

/** Whether a calendar has this day (31 June has none, nor 29 February 2022). */
export function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(year, month, 0).getDate();
}

/** The calendar reading of a meaning against a reference date, or undefined when it names no valid date. */
export function readMeaning(meaning: Meaning, reference: Date): CalendarReading | undefined {
  const today = dayOf(reference);
  switch (meaning.kind) {
    case 'date': {
      const { month, day, direction } = meaning;
      const written = meaning.yearOffset !== undefined ? reference.getFullYear() + meaning.yearOffset : meaning.year;
      if (day !== undefined && month !== undefined) {
        let year = written ?? closestYearOfDay(reference, day, month);
        if (direction !== undefined && meaning.year === undefined) {
          const date = noon(year, month - 1, day);
          while (direction < 0 ? date >= today : date <= today) date.setFullYear(date.getFullYear() + direction);
          year = date.getFullYear();
        }
        if (written === undefined && meaning.notBefore && isBefore({ year, month, day }, meaning.notBefore, reference)) year++;
        if (!isValidDay(year, month, day)) return undefined;
        return meaning.partOfDay ? { granularity: 'time', year, month, day, partOfDay: meaning.partOfDay } : { granularity: 'day', year, month, day };
      }
      if (month === undefined && meaning.season === undefined && meaning.quarter === undefined && meaning.half === undefined) {
        return written === undefined ? undefined : { granularity: 'year', year: written };
      }
      let year = written ?? (meaning.yearByDay && month !== undefined ? yearByDay(reference, month, meaning.yearByDay) : defaultYear(meaning, reference));
      if (direction !== undefined && meaning.year === undefined) {
        while (direction < 0 ? periodBounds(meaning, year)[1] >= today : periodBounds(meaning, year)[0] <= today) year += direction;
      }
      if (written === undefined && meaning.notBefore && month !== undefined && isBefore({ year, month, day: 1 }, meaning.notBefore, reference)) year++;
      if (meaning.season) return { granularity: 'season', year, season: meaning.season };
      if (meaning.quarter) return { granularity: 'quarter', year, quarter: meaning.quarter };
      if (meaning.half) return { granularity: 'half', year, half: meaning.half };
      return { granularity: 'month', year, month };
    }
    case 'weekday': {
      const date = noon(today.getFullYear(), today.getMonth(), today.getDate() + daysToWeekday(reference, meaning.weekday, meaning.choice));
      const { direction } = meaning;
      if (direction !== undefined) while (direction < 0 ? date >= today : date <= today) date.setDate(date.getDate() + 7 * direction);
      // The end of a range of weekdays is the next such day after its start ("dal lunedì al venerdì").
      if (meaning.notBefore && isBefore({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() }, meaning.notBefore, reference)) date.setDate(date.getDate() + 7);
      const reading: CalendarReading = { granularity: 'day', year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(), weekday: meaning.weekday };
      return meaning.partOfDay ? { ...reading, granularity: 'time', partOfDay: meaning.partOfDay } : reading;
    }
    case 'day': {
      const date = noon(today.getFullYear(), today.getMonth(), today.getDate() + meaning.days);
      const reading: CalendarReading = { granularity: 'day', year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
      if (meaning.now) return { ...reading, granularity: 'time', hour: reference.getHours(), minute: reference.getMinutes() };
      return meaning.partOfDay ? { ...reading, granularity: 'time', partOfDay: meaning.partOfDay } : reading;
    }
    case 'shift': {
      // Coarser units first, as chrono added them ("due anni e tre mesi fa"); a month on from 31 May is 30 June.
      const by = { ...meaning.plus, [meaning.unit]: meaning.amount };
      const date = new Date(today);
      const day = date.getDate();
      date.setDate(1);
      date.setFullYear(date.getFullYear() + (by.year ?? 0), date.getMonth() + (by.month ?? 0));
      date.setDate(Math.min(day, new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate()) + 7 * (by.week ?? 0) + (by.day ?? 0));
      if (meaning.unit === 'year') return { granularity: 'year', year: date.getFullYear() };
      if (meaning.unit === 'month') return { granularity: 'month', year: date.getFullYear(), month: date.getMonth() + 1 };
      if (meaning.unit === 'week') {
        const week = isoWeek(date.getFullYear(), date.getMonth() + 1, date.getDate());
        return { granularity: 'week', year: week.year, week: week.week };
      }
      return { granularity: 'day', year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
    }
  }
}

/** The year that puts the first or last day of a month closest to the reference. */
function yearByDay(reference: Date, month: number, day: 'first' | 'last'): number {
  const year = closestYearOfDay(reference, 1, month);
  return day === 'first' ? year : closestYearOfDay(reference, new Date(year, month, 0).getDate(), month);
}

/** Whether a day comes before the first day of what `start` reads as. */
function isBefore(day: { year: number; month: number; day: number }, start: Meaning, reference: Date): boolean {
  const reading = readMeaning(start, reference);
  if (!reading) return false;
  const first = noon(reading.year, (reading.month ?? 1) - 1, reading.day ?? 1);
  return noon(day.year, day.month - 1, day.day) < first;
}

/** The year of a period left open: the month closest to the reference; a season, quarter or half of its year. */
function defaultYear(meaning: Extract<Meaning, { kind: 'date' }>, reference: Date): number {
  if (meaning.month !== undefined) return closestYear(reference, meaning.month);
  // The winter of a year runs from its December into the next year: in January, "this winter" began last year.
  if (meaning.season === 'WI' && reference.getMonth() < 2) return reference.getFullYear() - 1;
  return reference.getFullYear();
}

// ---------------------------------------------------------------------------------------------------------------
// Rules

/** One match of a rule, before the steps that join, move and qualify matches. */
export interface Found extends ReadExpression {
  /** A date no calendar has: it takes part in choosing between readings, then is dropped, as chrono's were. */
  impossible?: true;
  /** A weekday alone, which the date right after it absorbs ("Montag, 3. März"). */
  weekdayAlone?: true;
}

export interface Rule {
  /** The kinds of cue (`cueKinds`) one of which any match holds: where a stretch has none, the rule is not run. */
  needs: number;
  /** What every match holds, tested on the stretch first where cues tell too little. */
  holds?: RegExp;
  pattern: RegExp;
  /** The match as found, or undefined when its context says it is no date. `text` is what the reader reads. */
  read(text: string, match: RegExpExecArray): Found | undefined;
}

const letterOrDigit = /[\p{L}\p{N}]/u;

export function startsWord(text: string, index: number): boolean {
  return index === 0 || !letterOrDigit.test(text[index - 1]);
}

export function endsWord(text: string, end: number): boolean {
  return end >= text.length || !letterOrDigit.test(text[end]);
}

export function bounded(text: string, match: RegExpExecArray): boolean {
  return startsWord(text, match.index) && endsWord(text, match.index + match[0].length);
}

/** A found expression over the whole match. */
export function found(match: RegExpExecArray, fields: Omit<Found, 'start' | 'end'>): Found {
  return { start: match.index, end: match.index + match[0].length, ...fields };
}

/** Words followed by whitespace, or directly by what follows when they end in an apostrophe or hyphen. */
function wordsThen(words: Iterable<string>): string {
  return `(?:${alternation(words)})(?:\\s+|(?<=['-]))`;
}

function isPlausibleYear(year: number, cued: boolean): boolean {
  // A number standing alone is a year only in the range news talks about (model numbers such as "RTX 2080" lie
  // beyond it); a cue ("im Jahr", "seit", "bis") widens it.
  return cued ? year >= 1000 && year <= 2199 : year >= 1900 && year <= 2039;
}

// Words before a number that make it a label, not a year: "Nr. 2016", "Modell 2000", "Version 2021", a currency,
// or a model prefix in capitals or with digits ("RTX 2070", "P50 2000").
const labelBefore = /(?:^|[^\p{L}])(?:nr|no|n|nummer|numero|número|number|model|modell|modello|modèle|modelo|typ|type|tipo|version|versione|versión|art|seite|page|pagina|página|kapitel|chapter|capitolo|chapitre|capítulo)\.?\s*$|[€$£¥#№+]\s*$/iu;
const modelPrefixBefore = /(?:^|\s)(?:\p{Lu}{2,}|[\p{L}-]*\d[\p{L}\d-]*)\s+$/u;

/** What a language's rules share: its lexicon and the looks before and after a match. */
export class Words {
  readonly edgeBefore: RegExp;
  readonly directionBefore?: RegExp;
  readonly directionAfter?: RegExp;
  readonly quantityAfter: RegExp;
  readonly edgeMods: Map<string, TimexMod>;

  constructor(readonly lexicon: Lexicon) {
    this.edgeMods = new Map(Object.entries(lexicon.edges));
    this.edgeBefore = new RegExp(`(?:^|[^\\p{L}\\p{N}'])(${alternation(Object.keys(lexicon.edges))})\\s*$`, 'iud');
    const prefixes = Object.keys(lexicon.directionPrefixes);
    const suffixes = Object.keys(lexicon.directionSuffixes);
    if (prefixes.length) this.directionBefore = new RegExp(`(?:^|[^\\p{L}\\p{N}'])((?:am\\s+|im\\s+)?(${alternation(prefixes)}))\\s+$`, 'iud');
    if (suffixes.length) this.directionAfter = new RegExp(`^\\s+(${alternation(suffixes)})(?![\\p{L}\\p{N}])`, 'iu');
    this.quantityAfter = new RegExp(`^\\s*(?:${alternation(quantityWords(lexicon))})(?![\\p{L}\\p{N}])`, 'iu');
  }

  /** The edge phrase ending right before `index` (looking back a few words, not before `from`), with its modifier. */
  edgeEndingAt(text: string, index: number, from = 0): { start: number; mod: TimexMod } | undefined {
    const windowStart = Math.max(from, index - 40);
    const window = text.slice(windowStart, index);
    const m = this.edgeBefore.exec(window);
    const phrase = m?.[1];
    if (!m?.indices?.[1] || phrase === undefined) return undefined;
    // "Ende" needs a space before "März"; "mid-" and "dall'" are written together with what follows.
    if (/\p{L}$/u.test(phrase) && !/\s$/.test(window)) return undefined;
    const mod = this.edgeMods.get(phrase.toLowerCase().replace(/\s+/g, ' '));
    return mod && { start: windowStart + m.indices[1][0], mod };
  }

  hasCueBefore(text: string, index: number): boolean {
    const before = text.slice(Math.max(0, index - 40), index);
    return this.edgeBefore.test(before) || (this.directionBefore?.test(before) ?? false);
  }

  hasDirectionAfter(text: string, end: number): boolean {
    return this.directionAfter?.test(text.slice(end, end + 24)) ?? false;
  }

  number(written: string): number | undefined {
    return /^\d+$/.test(written) ? Number(written) : this.lexicon.numbers[written.toLowerCase()];
  }

  numberPattern(): string {
    return `(${alternation(Object.keys(this.lexicon.numbers))}|\\d{1,3})`;
  }
}

const yearDigits = '(\\d{4})';

/** A year alone or after a prefix ("2016", "im Jahr 2022"), or a range of years ("2016–2018"). */
function yearRule(words: Words): Rule {
  const pattern = new RegExp(`(?:(${alternation(words.lexicon.yearPrefixes)})\\s+)?${yearDigits}(?:\\s*[-–—]\\s*${yearDigits})?`, 'giu');
  return {
    needs: cueKinds.year,
    pattern,
    read(text, match) {
      const start = match.index;
      const end = start + match[0].length;
      if (!bounded(text, match)) return undefined;
      const digitsStart = start + match[0].length - match[0].replace(/^\D+/, '').length;
      if (match[1] === undefined && /[.,/:_-]/.test(text[digitsStart - 1] ?? '')) return undefined;
      if (/^[.,:/][\p{N}]|^[-–—]\s*\d/u.test(text.slice(end, end + 3))) return undefined;
      if (words.quantityAfter.test(text.slice(end, end + 24))) return undefined;
      const before = text.slice(Math.max(0, start - 16), start);
      const cued = match[1] !== undefined || words.hasCueBefore(text, start);
      if (labelBefore.test(before) || (!cued && modelPrefixBefore.test(before))) return undefined;
      const first = Number(match[2]);
      if (!isPlausibleYear(first, cued)) return undefined;
      if (match[3] === undefined) return found(match, { meaning: { kind: 'date', year: first } });
      const second = Number(match[3]);
      if (!isPlausibleYear(second, cued) || second <= first) return undefined;
      return found(match, { meaning: { kind: 'date', year: first }, endMeaning: { kind: 'date', year: second } });
    },
  };
}

/** A month name alone or with a year ("im Juli", "Juli 2022"). */
function monthRule(words: Words): Rule {
  const { lexicon } = words;
  const pattern = new RegExp(`(${wordsThen(lexicon.periodPrefixes)})?(${alternation(Object.keys(lexicon.months))})(?:\\s+${yearDigits})?`, 'giu');
  const ambiguous = new Set(lexicon.ambiguousMonths);
  return {
    needs: cueKinds.month,
    pattern,
    read(text, match) {
      if (!bounded(text, match)) return undefined;
      const end = match.index + match[0].length;
      const name = match[2].toLowerCase();
      const year = match[3] === undefined ? undefined : Number(match[3]);
      if (year !== undefined && !isPlausibleYear(year, true)) return undefined;
      const cued = match[1] !== undefined || year !== undefined || words.hasCueBefore(text, match.index) || words.hasDirectionAfter(text, end);
      if (ambiguous.has(name) && !cued) return undefined;
      return found(match, { meaning: { kind: 'date', year, month: lexicon.months[name] } });
    },
  };
}

/** Seasons: "im Sommer", "Sommer 2021"; alone, a season needs a cue ("Herbst" is also a surname). */
function seasonRule(words: Words): Rule {
  const { lexicon } = words;
  const prefixes = [...lexicon.periodPrefixes, ...lexicon.seasonPrefixes];
  const pattern = new RegExp(`(${wordsThen(prefixes)})?(${alternation(Object.keys(lexicon.seasons))})(?:\\s+(?:(?:${alternation(lexicon.yearConnectors)})\\s+)?${yearDigits})?`, 'giu');
  return {
    needs: cueKinds.season,
    pattern,
    read(text, match) {
      if (!bounded(text, match)) return undefined;
      const end = match.index + match[0].length;
      const year = match[3] === undefined ? undefined : Number(match[3]);
      if (year !== undefined && !isPlausibleYear(year, true)) return undefined;
      if (match[1] === undefined && year === undefined && !words.hasCueBefore(text, match.index) && !words.hasDirectionAfter(text, end)) return undefined;
      return found(match, { meaning: { kind: 'date', year, season: lexicon.seasons[match[2].toLowerCase()] } });
    },
  };
}

/** Quarters and halves: "im ersten Quartal 2022", "Q3 2021". */
function quarterRule(words: Words): Rule {
  const { lexicon } = words;
  const prefixes = [...lexicon.periodPrefixes, ...lexicon.seasonPrefixes];
  const pattern = new RegExp(
    `(${wordsThen(prefixes)})?(?:(${alternation(Object.keys(lexicon.ordinals))})\\s+(?:(${alternation(lexicon.quarterWords)})|(${alternation(lexicon.halfWords)}))|([QH])([1-4]))` +
      `(?:\\s+(?:(?:${alternation(lexicon.yearConnectors)})\\s+)?${yearDigits})?`,
    'giu',
  );
  return {
    needs: cueKinds.quarter | cueKinds.periodCode,
    pattern,
    read(text, match) {
      if (!bounded(text, match)) return undefined;
      const year = match[7] === undefined ? undefined : Number(match[7]);
      if (year !== undefined && !isPlausibleYear(year, true)) return undefined;
      let quarter: boolean;
      let number: number;
      if (match[5] !== undefined) {
        // "Q3" alone is as likely a product as a quarter: only with a year.
        if (year === undefined) return undefined;
        quarter = match[5].toUpperCase() === 'Q';
        number = Number(match[6]);
      } else {
        quarter = match[3] !== undefined;
        number = lexicon.ordinals[match[2].toLowerCase()];
      }
      if (!quarter && number > 2) return undefined;
      return found(match, { meaning: quarter ? { kind: 'date', year, quarter: number } : { kind: 'date', year, half: number } });
    },
  };
}

/** Weekday compounds: "am Montagmorgen", "Dienstagabend". */
function weekdayPartOfDayRule(words: Words): Rule | undefined {
  const { lexicon } = words;
  if (Object.keys(lexicon.partsOfDay).length === 0) return undefined;
  const pattern = new RegExp(`(?:am\\s+)?(${alternation(Object.keys(lexicon.weekdays))})(${alternation(Object.keys(lexicon.partsOfDay))})`, 'giu');
  return {
    needs: cueKinds.weekday,
    pattern,
    read(text, match) {
      if (!bounded(text, match)) return undefined;
      return found(match, { meaning: { kind: 'weekday', weekday: lexicon.weekdays[match[1].toLowerCase()], choice: 'nearest', partOfDay: lexicon.partsOfDay[match[2].toLowerCase()] } });
    },
  };
}

/** Years named relative to the reference: "dieses Jahr", "des Vorjahres". */
function yearReferenceRule(words: Words): Rule | undefined {
  const references = words.lexicon.yearReferences;
  if (Object.keys(references).length === 0) return undefined;
  const pattern = new RegExp(`(?:in\\s+)?(${alternation(Object.keys(references))})`, 'giu');
  return {
    needs: cueKinds.unit,
    pattern,
    read(text, match) {
      if (!bounded(text, match)) return undefined;
      const offset = references[match[1].toLowerCase().replace(/\s+/g, ' ')];
      return offset === undefined ? undefined : found(match, { meaning: { kind: 'date', yearOffset: offset } });
    },
  };
}

/**
 * Counted dates: "vor einem Jahr", "in zwei Wochen" (from the reference) and "ein Jahr später" (from the date
 * mentioned before; the extractor tells them apart by the word at the end).
 */
function offsetRules(words: Words): Rule[] {
  const { lexicon } = words;
  const units = alternation(Object.keys(lexicon.offsetUnits));
  const number = words.numberPattern();
  const make = (source: string, sign: (match: RegExpExecArray) => number): Rule => ({
    needs: cueKinds.unit,
    pattern: new RegExp(source, 'giu'),
    read(text, match) {
      if (!bounded(text, match)) return undefined;
      const amount = words.number(match[1]);
      const unit = lexicon.offsetUnits[match[2].toLowerCase()];
      if (amount === undefined || unit === undefined) return undefined;
      return found(match, { meaning: { kind: 'shift', unit, amount: sign(match) * amount } });
    },
  });
  const rules: Rule[] = [];
  if (lexicon.agoPrefixes.length) rules.push(make(`(?:${alternation(lexicon.agoPrefixes)})\\s+${number}\\s+(${units})`, () => -1));
  if (lexicon.agoSuffixes.length) rules.push(make(`${number}\\s+(${units})\\s+(?:${alternation(lexicon.agoSuffixes)})`, () => -1));
  if (lexicon.aheadPrefixes.length) rules.push(make(`(?:${alternation(lexicon.aheadPrefixes)})\\s+${number}\\s+(${units})`, () => 1));
  const later = lexicon.laterSuffixes;
  rules.push(make(`${number}\\s+(${units})\\s+(${alternation(Object.keys(later))})`, (m) => later[m[3].toLowerCase().replace(/\s+/g, ' ')] ?? 1));
  return rules;
}

/** Durations: "seit fünf Jahren", "seit einigen Monaten", "in den vergangenen Jahren", "5-jährigen". */
function durationRules(words: Words): Rule[] {
  const { lexicon } = words;
  const cue = `(?:(${alternation(lexicon.durationCues)})\\s+)?`;
  const units = `(${alternation(Object.keys(lexicon.durationUnits))})`;
  const articleNumbers = new Set(lexicon.articleNumbers);
  const duration = (match: RegExpExecArray, value: string) => found(match, { duration: value });
  const rules: Rule[] = [
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`${cue}${words.numberPattern()}(?:\\s+|-)${units}`, 'giu'),
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        // "ein Jahr" alone is as often "a year in which …" as a length of time; after "seit" it is a duration.
        if (match[1] === undefined && articleNumbers.has(match[2].toLowerCase())) return undefined;
        const amount = words.number(match[2]);
        const unit = lexicon.durationUnits[match[3].toLowerCase()];
        return amount === undefined || unit === undefined || amount === 0 ? undefined : duration(match, `P${amount}${unit}`);
      },
    },
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`${cue}(${alternation(lexicon.vagueAmounts)})\\s+${units}`, 'giu'),
      read(text, match) {
        const unit = lexicon.durationUnits[match[3].toLowerCase()];
        return bounded(text, match) && unit !== undefined ? duration(match, `PX${unit}`) : undefined;
      },
    },
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`(${alternation(lexicon.vagueYearPhrases)})`, 'giu'),
      read: (text, match) => (bounded(text, match) ? duration(match, 'PXY') : undefined),
    },
  ];
  if (lexicon.yearAdjectiveStem) {
    // "5-jährigen", "fünfjährige", "five-year": the English form needs its hyphen, "year" alone is a noun.
    const hyphen = lexicon.yearAdjectiveStem === 'year' ? '-' : '-?';
    rules.push({
      // "fünfjährige" is no cue of its own (a cue starts a word): it is read wherever another cue is near, and
      // the stretch holds the stem.
      needs: everyCueKind,
      holds: new RegExp(lexicon.yearAdjectiveStem, 'iu'),
      pattern: new RegExp(`${words.numberPattern()}${hyphen}${lexicon.yearAdjectiveStem}\\p{L}*`, 'giu'),
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const amount = words.number(match[1]);
        return amount === undefined || amount === 0 || articleNumbers.has(match[1].toLowerCase()) ? undefined : duration(match, `P${amount}Y`);
      },
    });
  }
  return rules;
}

// ---------------------------------------------------------------------------------------------------------------
// Rules of many languages, not built from the lexicon

/** "2022-05-24" */
export function isoDateRule(): Rule {
  return {
    needs: cueKinds.numericDate,
    pattern: /(\d{4})-(\d{1,2})-(\d{1,2})/g,
    read(text, match) {
      if (!bounded(text, match)) return undefined;
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      return isValidDay(year, month, day) ? found(match, { meaning: { kind: 'date', year, month, day } }) : undefined;
    },
  };
}

/**
 * "24.05.2022", "24-05-2022", "24/05/22": day first, or month first ("05/24/2022"); a month over 12 is the day.
 * Without a year it is as often a fraction or a version.
 */
export function numericDateRule(first: 'day' | 'month' = 'day'): Rule {
  return {
    needs: cueKinds.numericDate,
    pattern: /([0-3]?[0-9])[/.-]([0-3]?[0-9])[/.-]([0-9]{4}|[0-9]{2})/g,
    read(text, match) {
      const end = match.index + match[0].length;
      if (/\d\/?$/.test(text.slice(0, match.index)) || /^\/?\d/.test(text.slice(end)) || !endsWord(text, end)) return undefined;
      // "1.5.22" is as often a version.
      if (/^\d\.\d{1,2}\.\d{1,2}$/.test(match[0])) return undefined;
      let [day, month] = first === 'day' ? [Number(match[1]), Number(match[2])] : [Number(match[2]), Number(match[1])];
      if (month > 12) {
        if (day < 1 || day > 12) return undefined;
        [day, month] = [month, day];
      }
      const year = writtenYear(match[3]);
      return month >= 1 && isValidDay(year, month, day) ? found(match, { meaning: { kind: 'date', year, month, day } }) : undefined;
    },
  };
}

const unitOrder: OffsetUnit[] = ['year', 'month', 'week', 'day'];

/**
 * Amounts of units in words or digits, one or several ("tre giorni", "two years and three months"): `pattern` is
 * one capturing group for all of them, `shift` the reference moved by them, at the finest unit written.
 */
export class UnitAmounts {
  readonly pattern: string;
  private readonly one: RegExp;

  constructor(
    private readonly amounts: Record<string, number>,
    private readonly units: Record<string, OffsetUnit>,
    /** Words before the amounts ("about "), and between two of them (", and "); the text is normalised. */
    words: { before: string; between: string },
  ) {
    const amount = `(?:${alternation(Object.keys(amounts))}|[0-9]{1,3}) ?(?:${alternation(Object.keys(units))})`;
    this.pattern = `((?:${words.before})?${amount}(?:${words.between}${amount}){0,3})`;
    this.one = new RegExp(`(${alternation(Object.keys(amounts))}|[0-9]{1,3}) ?(${alternation(Object.keys(units))})(?![\\p{L}])`, 'giu');
  }

  /** The reference moved by the amounts written. */
  shift(written: string, sign: 1 | -1): Meaning | undefined {
    const by: Partial<Record<OffsetUnit, number>> = {};
    for (const [, amount, unit] of written.matchAll(this.one)) {
      const count = amount.toLowerCase().replace(/\s+/g, ' ');
      by[this.units[unit.toLowerCase()]] = sign * (this.amounts[count] ?? Number(count));
    }
    const finest = unitOrder.filter((unit) => by[unit] !== undefined).pop();
    if (finest === undefined) return undefined;
    const { [finest]: amount, ...plus } = by;
    return Object.keys(plus).length > 0 ? { kind: 'shift', unit: finest, amount: amount!, plus } : { kind: 'shift', unit: finest, amount: amount! };
  }

  /** The whole match as a shift by the amounts in `written`, or nothing when they read as none. */
  found(match: RegExpExecArray, written: string, sign: 1 | -1): Found | undefined {
    const meaning = this.shift(written, sign);
    return meaning && found(match, { meaning });
  }
}

/**
 * A day of a month as written, or a range of days of it ("1. bis 3. März"), with its year if written: a day past 31
 * is no match; an impossible one ("31. Februar") is a reading that stands for nothing (`Found.impossible`).
 */
export function dayOfMonth(match: RegExpExecArray, date: { day: number; toDay?: number; month: number; year?: number }): Found | undefined {
  const { day, toDay, month, year } = date;
  if (day > 31) return undefined;
  if (day < 1 || !isValidDay(year ?? 2000, month, day)) return found(match, { impossible: true });
  const meaning: Meaning = { kind: 'date', year, month, day };
  return found(match, toDay === undefined ? { meaning } : { meaning, endMeaning: { ...meaning, day: toDay, notBefore: meaning } });
}

/** "5/2022": a month of a year. */
export function monthOfYearRule(): Rule {
  return {
    needs: cueKinds.numericDate,
    pattern: /(0?[1-9]|1[012])\/([0-9]{4})/g,
    read: (text, match) => (bounded(text, match) ? found(match, { meaning: { kind: 'date', year: Number(match[2]), month: Number(match[1]) } }) : undefined),
  };
}

/**
 * Weekdays written out (abbreviations are names and models as often: "Mi 11", "SA", "Sat"), with the words before
 * or after that say which one: `pattern` has them in groups 1 and 3, the weekday in group 2.
 */
export function weekdayRule(weekdays: Record<string, number>, pattern: RegExp, choiceOf: (before: string | undefined, after: string | undefined) => WeekdayChoice): Rule {
  return {
    needs: cueKinds.weekday,
    pattern,
    read(text, match) {
      if (!bounded(text, match)) return undefined;
      const choice = choiceOf(match[1]?.toLowerCase(), match[3]?.toLowerCase());
      return found(match, { meaning: { kind: 'weekday', weekday: weekdays[match[2].toLowerCase()], choice }, weekdayAlone: true });
    },
  };
}

/** A year written with four digits, or with two as chrono read them: "22" is 2022, "51" is 1951. */
export function writtenYear(written: string): number {
  const year = Number(written);
  return written.length > 2 ? year : year > 50 ? 1900 + year : 2000 + year;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a line

/** A language's reader: its rules in order of precedence (the earlier of two equally long readings wins). */
export interface Reader {
  /** The expressions of a stretch of text that holds cues of the kinds `cues` (`cueKinds`). */
  read(text: string, cues: number): ReadExpression[];
  /** Its rules' patterns, for the checks of what they cost on adversarial text. */
  readonly patterns: readonly RegExp[];
}

/** What a language adds to the shared rules and steps. */
export interface Grammar {
  /** Its own rules, which come before the shared ones. */
  rules(words: Words): Rule[];
  /** Whether the shared month rule reads month names alone ("im Juli"); not where the language's own rules do. */
  monthRule: boolean;
  /** What stands between the two dates of a range ("bis", "al"). */
  rangeBetween: RegExp;
  /** What may stand between a date and a part of the day that joins it ("ieri sera", "lunedì mattina"), in normalised text. */
  partOfDayBetween?: RegExp;
  /** A step of the language's own before the shared ones ("end of March"). */
  firstSteps?: (text: string, results: Found[]) => Found[];
  /** A step of its own after ranges are joined, before years named in words ("May" alone is a verb). */
  lastSteps?: (text: string, results: Found[], words: Words) => Found[];
}

export function buildReader(lexicon: Lexicon, grammar: Grammar): Reader {
  const words = new Words(lexicon);
  const dateRules = [...grammar.rules(words), yearRule(words), seasonRule(words), quarterRule(words), ...offsetRules(words), ...(grammar.monthRule ? [monthRule(words)] : [])];
  const optional = [weekdayPartOfDayRule(words), yearReferenceRule(words)].filter((rule): rule is Rule => rule !== undefined);
  const rules = [...dateRules, ...durationRules(words), ...optional];
  return {
    patterns: rules.map((rule) => rule.pattern),
    read(text, cues) {
      const all: Found[] = [];
      for (const rule of rules) {
        if ((rule.needs & cues) === 0 || (rule.holds && !rule.holds.test(text))) continue;
        const { pattern } = rule;
        pattern.lastIndex = 0;
        for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
          const read = rule.read(text, m);
          if (read) all.push(read);
          // A rejected match may hide a shorter one starting a character on ("im Mai" after "Zeitraum").
          pattern.lastIndex = read ? read.end : m.index + 1;
        }
      }
      return refine(text, all, words, grammar);
    },
  };
}

function overlaps(a: Found, b: Found): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Of overlapping readings the longer, or the earlier in rule order when they are as long. */
function removeOverlaps(results: Found[]): Found[] {
  const sorted = results.map((r, order) => ({ r, order })).sort((a, b) => a.r.start - b.r.start || a.order - b.order);
  const kept: Found[] = [];
  for (const { r } of sorted) {
    const last = kept[kept.length - 1];
    if (last && r.start < last.end) {
      if (r.end - r.start > last.end - last.start) kept[kept.length - 1] = r;
      continue;
    }
    kept.push(r);
  }
  return kept;
}

function refine(text: string, all: Found[], words: Words, grammar: Grammar): ReadExpression[] {
  const durations = all.filter((r) => r.duration !== undefined);
  // A date read from the very words of a duration is the duration ("per tre anni" is no date three years on).
  const durationSpans = new Set(durations.map((d) => `${d.start}:${d.end}`));
  const read = all.filter((r) => r.duration === undefined && !durationSpans.has(`${r.start}:${r.end}`));
  let dates = removeOverlaps(grammar.firstSteps ? grammar.firstSteps(text, read) : read);
  dates = mergePairs(dates, (a, b) => {
    const between = text.slice(a.end, b.start);
    // A weekday, then the date it names: "Montag, 3. März 2021".
    if (a.weekdayAlone && !a.endMeaning && b.meaning?.kind === 'date' && b.meaning.day !== undefined && !b.endMeaning && /^,?\s*$/.test(between)) {
      return { ...b, start: a.start, weekdayAlone: undefined };
    }
    return undefined;
  });
  const { partOfDayBetween } = grammar;
  if (partOfDayBetween) dates = mergePairs(dates, (a, b) => joinPartOfDay(a, b, partOfDayBetween.test(text.slice(a.end, b.start))));
  dates = mergePairs(dates, (a, b) => {
    if (a.endMeaning || b.endMeaning || !a.meaning || !b.meaning || !grammar.rangeBetween.test(text.slice(a.end, b.start))) return undefined;
    const start = sharedYear(a.meaning, b.meaning);
    const end = sharedYear(b.meaning, a.meaning);
    return { start: a.start, end: b.end, meaning: start, endMeaning: end.kind === 'date' || end.kind === 'weekday' ? { ...end, notBefore: start } : end };
  });
  dates = removeOverlaps(dates);
  // A duration stands where it is longer than every date reading of the same words.
  for (const duration of durations) {
    const rivals = dates.filter((d) => overlaps(d, duration));
    if (rivals.every((d) => d.end - d.start < duration.end - duration.start)) dates = [...dates.filter((d) => !rivals.includes(d)), duration];
  }
  dates.sort((a, b) => a.start - b.start);
  // An impossible day ("31. Februar") kept shorter readings of its words from standing; it stands for nothing.
  dates = dates.filter((d) => !d.impossible);
  if (grammar.lastSteps) dates = grammar.lastSteps(text, dates, words);
  return applyEdges(text, applyDirections(text, mergeYearReferences(text, dates), words), words);
}

/** A day, then the part of it after it: "ieri sera", "lunedì mattina". */
function joinPartOfDay(day: Found, part: Found, between: boolean): Found | undefined {
  const meaning = day.meaning;
  const time = part.meaning;
  if (!between || day.endMeaning || part.endMeaning || !meaning || time?.kind !== 'day' || !time.yearOpen || !time.partOfDay) return undefined;
  const joined = { start: day.start, end: part.end };
  if (meaning.kind === 'weekday' && !meaning.partOfDay) return { ...joined, meaning: { ...meaning, partOfDay: time.partOfDay } };
  if (meaning.kind === 'day' && !meaning.partOfDay && !meaning.now && !meaning.yearOpen) return { ...joined, meaning: { ...meaning, partOfDay: time.partOfDay } };
  if (meaning.kind === 'date' && meaning.day !== undefined && !meaning.partOfDay) return { ...joined, meaning: { ...meaning, partOfDay: time.partOfDay } };
  return undefined;
}

/** Joins neighbours where `merge` says so, left to right, as chrono's merging refiners do. */
function mergePairs(results: Found[], merge: (a: Found, b: Found) => Found | undefined): Found[] {
  const merged: Found[] = [];
  for (let i = 0; i < results.length; i++) {
    const next = results[i + 1];
    const joined = next && merge(results[i], next);
    if (joined) {
      merged.push(joined);
      i++;
    } else {
      merged.push(results[i]);
    }
  }
  return merged;
}

/** One end of a range takes the year the other end writes: "März bis Juni 2022". */
function sharedYear(meaning: Meaning, other: Meaning): Meaning {
  if (meaning.kind !== 'date' || other.kind !== 'date' || meaning.year !== undefined || meaning.yearOffset !== undefined || other.year === undefined || other.yearImplied) return meaning;
  if (meaning.month === undefined && meaning.season === undefined && meaning.quarter === undefined && meaning.half === undefined) return meaning;
  return { ...meaning, year: other.year, yearImplied: true };
}

function isOpenPeriod(r: Found): boolean {
  return !r.endMeaning && r.meaning !== undefined && hasOpenYear(r.meaning);
}

/**
 * The year a reading names in words, relative to the reference ("dieses Jahr", "letzten Jahres", "vor drei
 * Jahren"), or undefined when it names more than a year or writes it in digits.
 */
function yearInWords(text: string, r: Found): number | undefined {
  const meaning = r.meaning;
  if (r.endMeaning || !meaning || /\d/.test(text.slice(r.start, r.end))) return undefined;
  if (meaning.kind === 'shift') return meaning.unit === 'year' && !meaning.plus ? meaning.amount : undefined;
  const onlyYear = meaning.kind === 'date' && meaning.month === undefined && meaning.season === undefined && meaning.quarter === undefined && meaning.half === undefined;
  return onlyYear ? meaning.yearOffset : undefined;
}

/** "Juli dieses Jahres", "März letzten Jahres": a period takes its year from the year named after it. */
function mergeYearReferences(text: string, results: Found[]): Found[] {
  return mergePairs(results, (period, year) => {
    const offset = yearInWords(text, year);
    if (offset === undefined || !isOpenPeriod(period) || period.meaning?.kind !== 'date') return undefined;
    if (!/^\s*(?:[\p{L}']{1,5}\s*)?$/u.test(text.slice(period.end, year.start))) return undefined;
    return { ...period, end: year.end, meaning: { ...period.meaning, year: undefined, yearImplied: undefined, yearOffset: offset } };
  });
}

/** "am vergangenen Freitag", "im nächsten Sommer": the nearest such day or period wholly before or after. */
function applyDirections(text: string, results: Found[], words: Words): Found[] {
  const { lexicon } = words;
  return results.map((r, i) => {
    const meaning = r.meaning;
    if (!isOpenPeriod(r) || !meaning || (meaning.kind !== 'date' && meaning.kind !== 'weekday')) return r;
    const from = i > 0 ? results[i - 1].end : 0;
    const windowStart = Math.max(from, r.start - 30);
    const before = words.directionBefore?.exec(text.slice(windowStart, r.start));
    const after = words.directionAfter?.exec(text.slice(r.end, r.end + 24));
    const word = before?.[2] ?? after?.[1];
    if (word === undefined) return r;
    const direction = (before ? lexicon.directionPrefixes : lexicon.directionSuffixes)[word.toLowerCase().replace(/\s+/g, ' ')];
    if (direction === undefined) return r;
    const moved = { ...meaning, direction };
    if (before?.indices?.[1]) return { ...r, start: windowStart + before.indices[1][0], meaning: moved };
    return after ? { ...r, end: r.end + after[0].length, meaning: moved } : { ...r, meaning: moved };
  });
}

/** "Ende März", "seit 2016": the edge joins the expression and becomes its modifier. */
function applyEdges(text: string, results: Found[], words: Words): ReadExpression[] {
  return results.map((r, i) => {
    if (r.endMeaning || r.duration !== undefined) return r;
    const edge = words.edgeEndingAt(text, r.start, i > 0 ? results[i - 1].end : 0);
    return edge ? { ...r, start: edge.start, mod: r.mod ?? edge.mod } : r;
  });
}
