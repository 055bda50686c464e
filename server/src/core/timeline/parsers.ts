/**
 * chrono-node, set up per language for news prose. chrono reads full dates, weekdays, "heute", "l'anno scorso",
 * "vor einem Jahr" and much more; the parsers here add what it lacks (German and French month names alone or
 * with a year, years on their own, seasons, quarters, durations, number words, "ein Jahr später"), and the
 * refiners here turn its results into what a timeline needs: edges ("Ende März", "seit 2016") become modifiers,
 * "31 marzo scorso" looks back, "luglio di quest'anno" takes its year from the reference, and readings that are
 * product names or clock times are dropped.
 *
 * What the parsers add travels on chrono's results as tags under `timeline/`; `reading.ts` reads them.
 * The parsers' patterns are word alternations with bounded optional groups, which cannot backtrack more than a
 * word or two; the checks around a match look at a window of a few words; and the extractor hands chrono
 * bounded chunks of text.
 */
import * as chrono from 'chrono-node';
import type { Chrono, ParsingComponents, ParsingContext, ParsingResult, Parser, Refiner } from 'chrono-node';
import { alternation, lexicons, quantityWords, type Lexicon, type OffsetUnit, type TimelineLanguage } from './lexicon';
import { seasonStartMonth, type PartOfDay, type Season, type TimexMod } from './timex';

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

const letterOrDigit = /[\p{L}\p{N}]/u;

function startsWord(text: string, index: number): boolean {
  return index === 0 || !letterOrDigit.test(text[index - 1]);
}

function endsWord(text: string, end: number): boolean {
  return end >= text.length || !letterOrDigit.test(text[end]);
}

/** The reference as chrono's components see it: a local date. */
function referenceDate(context: ParsingContext): Date {
  return context.reference.getDateWithAdjustedTimezone();
}

/** The year that puts month `month` closest to the reference (news style: "im Juli" written in May is this July). */
function closestYear(reference: Date, month: number): number {
  const year = reference.getFullYear();
  const offset = month - (reference.getMonth() + 1);
  return offset > 6 ? year - 1 : offset < -6 ? year + 1 : year;
}

/** The weekday (1 = Monday … 7 = Sunday) nearest to the reference, as chrono picks a bare "Montag". */
function nearestWeekday(reference: Date, weekday: number): Date {
  const today = reference.getDay() || 7;
  let offset = (weekday - today + 7) % 7;
  if (offset > 3) offset -= 7;
  return new Date(reference.getFullYear(), reference.getMonth(), reference.getDate() + offset, 12);
}

/** Words followed by whitespace, or directly by what follows when they end in an apostrophe or hyphen ("nell'", "mid-"). */
function wordsThen(words: Iterable<string>): string {
  return `(?:${alternation(words)})(?:\\s+|(?<=['-]))`;
}

const yearDigits = '(\\d{4})';

function isPlausibleYear(year: number, cued: boolean): boolean {
  // A number standing alone is a year only in the range news talks about (model numbers such as "RTX 2080" lie
  // beyond it); a cue ("im Jahr", "seit", "bis") widens it.
  return cued ? year >= 1000 && year <= 2199 : year >= 1900 && year <= 2039;
}

/** Helpers that look at the text around a match, built once per language. */
class Context {
  readonly edgeBefore: RegExp;
  readonly directionBefore: RegExp | undefined;
  readonly directionAfter: RegExp | undefined;
  readonly quantityAfter: RegExp;
  readonly edgeMods: Map<string, TimexMod>;

  constructor(
    readonly language: TimelineLanguage,
    readonly lexicon: Lexicon,
  ) {
    this.edgeMods = new Map(Object.entries(lexicon.edges));
    this.edgeBefore = new RegExp(`(?:^|[^\\p{L}\\p{N}'])(${alternation(Object.keys(lexicon.edges))})\\s*$`, 'iud');
    const prefixes = Object.keys(lexicon.directionPrefixes);
    const suffixes = Object.keys(lexicon.directionSuffixes);
    this.directionBefore = prefixes.length ? new RegExp(`(?:^|[^\\p{L}\\p{N}'])((?:am\\s+|im\\s+)?(${alternation(prefixes)}))\\s+$`, 'iud') : undefined;
    this.directionAfter = suffixes.length ? new RegExp(`^\\s+(${alternation(suffixes)})(?![\\p{L}\\p{N}])`, 'iu') : undefined;
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
}

// Words before a number that make it a label, not a year: "Nr. 2016", "Modell 2000", "Version 2021", a currency,
// or a model prefix in capitals or with digits ("RTX 2070", "P50 2000").
const labelBefore = /(?:^|[^\p{L}])(?:nr|no|n|nummer|numero|número|number|model|modell|modello|modèle|modelo|typ|type|tipo|version|versione|versión|art|seite|page|pagina|página|kapitel|chapter|capitolo|chapitre|capítulo)\.?\s*$|[€$£¥#№+]\s*$/iu;
const modelPrefixBefore = /(?:^|\s)(?:\p{Lu}{2,}|[\p{L}-]*\d[\p{L}\d-]*)\s+$/u;

/** A year alone or after a prefix ("2016", "im Jahr 2022", "nel 2015"), or a range of years ("2016–2018"). */
function yearParser(cx: Context): Parser {
  const pattern = new RegExp(`(?:(${alternation(cx.lexicon.yearPrefixes)})\\s+)?${yearDigits}(?:\\s*[-–—]\\s*${yearDigits})?`, 'iu');
  return {
    pattern: () => pattern,
    extract(context, match) {
      const text = context.text;
      const start = match.index ?? 0;
      const digitsStart = start + match[0].length - match[0].replace(/^\D+/, '').length;
      const end = start + match[0].length;
      if (!startsWord(text, start) || !endsWord(text, end)) return null;
      if (match[1] === undefined && /[.,/:_-]/.test(text[digitsStart - 1] ?? '')) return null;
      if (/^[.,:/][\p{N}]|^[-–—]\s*\d/u.test(text.slice(end, end + 3))) return null;
      if (cx.quantityAfter.test(text.slice(end, end + 24))) return null;
      const before = text.slice(Math.max(0, start - 16), start);
      const cued = match[1] !== undefined || cx.hasCueBefore(text, start);
      if (labelBefore.test(before) || (!cued && modelPrefixBefore.test(before))) return null;
      const first = Number(match[2]);
      if (!isPlausibleYear(first, cued)) return null;
      if (match[3] === undefined) return context.createParsingResult(start, match[0], { year: first }).addTag(`${tags.ours}year`);
      const second = Number(match[3]);
      if (!isPlausibleYear(second, cued) || second <= first) return null;
      return context.createParsingResult(start, match[0], { year: first }, { year: second }).addTag(`${tags.ours}year`);
    },
  };
}

/** A month name alone or with a year, for languages where chrono reads neither ("im Juli", "Juli 2022", "en juillet"). */
function monthParser(cx: Context): Parser {
  const { lexicon } = cx;
  const pattern = new RegExp(`(${wordsThen(lexicon.periodPrefixes)})?(${alternation(Object.keys(lexicon.months))})(?:\\s+${yearDigits})?`, 'iu');
  const ambiguous = new Set(lexicon.ambiguousMonths);
  return {
    pattern: () => pattern,
    extract(context, match) {
      const text = context.text;
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!startsWord(text, start) || !endsWord(text, end)) return null;
      const name = match[2].toLowerCase();
      const month = lexicon.months[name];
      const year = match[3] === undefined ? undefined : Number(match[3]);
      if (year !== undefined && !isPlausibleYear(year, true)) return null;
      const cued = match[1] !== undefined || year !== undefined || cx.hasCueBefore(text, start) || cx.hasDirectionAfter(text, end);
      if (ambiguous.has(name) && !cued) return null;
      const components = context.createParsingComponents({ month });
      if (year !== undefined) components.assign('year', year);
      else components.imply('year', closestYear(referenceDate(context), month));
      components.imply('day', 1);
      return context.createParsingResult(start, match[0], components);
    },
  };
}

/**
 * Seasons: "im Sommer", "Sommer 2021", "l'estate", "summer of 2021"; the direction refiner handles "vergangenen".
 * A season needs such a cue: alone, "été" is "been", "fall" a verb and "Herbst" a surname.
 */
function seasonParser(cx: Context): Parser {
  const { lexicon } = cx;
  const prefixes = [...lexicon.periodPrefixes, ...lexicon.seasonPrefixes];
  const pattern = new RegExp(
    `(${wordsThen(prefixes)})?(${alternation(Object.keys(lexicon.seasons))})(?:\\s+(?:(?:${alternation(lexicon.yearConnectors)})\\s+)?${yearDigits})?`,
    'iu',
  );
  return {
    pattern: () => pattern,
    extract(context, match) {
      const text = context.text;
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!startsWord(text, start) || !endsWord(text, end)) return null;
      const name = match[2].toLowerCase();
      const season = lexicon.seasons[name];
      const year = match[3] === undefined ? undefined : Number(match[3]);
      if (year !== undefined && !isPlausibleYear(year, true)) return null;
      if (match[1] === undefined && year === undefined && !cx.hasCueBefore(text, start) && !cx.hasDirectionAfter(text, end)) return null;
      const components = context.createParsingComponents({});
      const reference = referenceDate(context);
      if (year !== undefined) components.assign('year', year);
      // The winter of a year runs from its December into the next year: in January, "this winter" began last year.
      else components.imply('year', season === 'WI' && reference.getMonth() < 2 ? reference.getFullYear() - 1 : reference.getFullYear());
      components.imply('month', seasonStartMonth[season]);
      components.imply('day', 1);
      components.addTag(`${tags.season}${season}`);
      return context.createParsingResult(start, match[0], components);
    },
  };
}

/** Quarters and halves: "im ersten Quartal 2022", "nel primo semestre", "Q3 2021", "the second half of 2022". */
function quarterParser(cx: Context): Parser {
  const { lexicon } = cx;
  const prefixes = [...lexicon.periodPrefixes, ...lexicon.seasonPrefixes];
  const pattern = new RegExp(
    `(${wordsThen(prefixes)})?(?:(${alternation(Object.keys(lexicon.ordinals))})\\s+(?:(${alternation(lexicon.quarterWords)})|(${alternation(lexicon.halfWords)}))|([QH])([1-4]))` +
      `(?:\\s+(?:(?:${alternation(lexicon.yearConnectors)})\\s+)?${yearDigits})?`,
    'iu',
  );
  return {
    pattern: () => pattern,
    extract(context, match) {
      const text = context.text;
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!startsWord(text, start) || !endsWord(text, end)) return null;
      const year = match[7] === undefined ? undefined : Number(match[7]);
      if (year !== undefined && !isPlausibleYear(year, true)) return null;
      let kind: 'quarter' | 'half';
      let number: number;
      if (match[5] !== undefined) {
        // "Q3" alone is as likely a product as a quarter: only with a year.
        if (year === undefined) return null;
        kind = match[5].toUpperCase() === 'Q' ? 'quarter' : 'half';
        number = Number(match[6]);
      } else {
        kind = match[3] !== undefined ? 'quarter' : 'half';
        number = lexicon.ordinals[match[2].toLowerCase()];
      }
      if (kind === 'half' && number > 2) return null;
      const components = context.createParsingComponents({});
      if (year !== undefined) components.assign('year', year);
      else components.imply('year', referenceDate(context).getFullYear());
      components.imply('month', kind === 'quarter' ? (number - 1) * 3 + 1 : (number - 1) * 6 + 1);
      components.imply('day', 1);
      components.addTag(`${kind === 'quarter' ? tags.quarter : tags.half}${number}`);
      return context.createParsingResult(start, match[0], components);
    },
  };
}


/** German weekday compounds chrono does not split: "am Montagmorgen", "Dienstagabend". */
function weekdayPartOfDayParser(cx: Context): Parser {
  const { lexicon } = cx;
  const pattern = new RegExp(`(?:am\\s+)?(${alternation(Object.keys(lexicon.weekdays))})(${alternation(Object.keys(lexicon.partsOfDay))})`, 'iu');
  return {
    pattern: () => pattern,
    extract(context, match) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!startsWord(context.text, start) || !endsWord(context.text, end)) return null;
      const weekday = lexicon.weekdays[match[1].toLowerCase()];
      const partOfDay: PartOfDay = lexicon.partsOfDay[match[2].toLowerCase()];
      const date = nearestWeekday(referenceDate(context), weekday);
      const components = context.createParsingComponents({ weekday: weekday % 7 });
      components.imply('year', date.getFullYear());
      components.imply('month', date.getMonth() + 1);
      components.imply('day', date.getDate());
      components.addTag(`${tags.partOfDay}${partOfDay}`);
      return context.createParsingResult(start, match[0], components);
    },
  };
}

/** Years named relative to the reference where chrono has no words for them: "dieses Jahr", "cette année", "este año". */
function yearReferenceParser(cx: Context): Parser | undefined {
  const references = cx.lexicon.yearReferences;
  if (Object.keys(references).length === 0) return undefined;
  const pattern = new RegExp(`(?:in\\s+)?(${alternation(Object.keys(references))})`, 'iu');
  return {
    pattern: () => pattern,
    extract(context, match) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!startsWord(context.text, start) || !endsWord(context.text, end)) return null;
      const offset = references[match[1].toLowerCase().replace(/\s+/g, ' ')];
      if (offset === undefined) return null;
      const components = context.createParsingComponents({ year: referenceDate(context).getFullYear() + offset });
      return context.createParsingResult(start, match[0], components).addTag(`${tags.ours}year-reference`);
    },
  };
}

function numberPattern(lexicon: Lexicon): string {
  return `(${alternation(Object.keys(lexicon.numbers))}|\\d{1,3})`;
}

function readNumber(lexicon: Lexicon, written: string): number {
  return /^\d+$/.test(written) ? Number(written) : lexicon.numbers[written.toLowerCase()];
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
 * Counted dates: "vor einem Jahr", "il y a un an", "hace un año", "dans deux semaines" (from the reference) and
 * "ein Jahr später", "un an plus tard" (from the date mentioned before; the extractor tells them apart by the
 * word at the end). chrono reads some of these in some languages; this reads them in all.
 */
function offsetParsers(cx: Context): Parser[] {
  const { lexicon } = cx;
  const units = alternation(Object.keys(lexicon.offsetUnits));
  const number = numberPattern(lexicon);
  const parsers: Parser[] = [];
  const make = (source: string, sign: (match: RegExpMatchArray) => number, numberGroup: number, unitGroup: number): Parser => {
    const pattern = new RegExp(source, 'iu');
    return {
      pattern: () => pattern,
      extract(context, match) {
        const start = match.index ?? 0;
        const end = start + match[0].length;
        if (!startsWord(context.text, start) || !endsWord(context.text, end)) return null;
        const amount = readNumber(lexicon, match[numberGroup]);
        const unit = lexicon.offsetUnits[match[unitGroup].toLowerCase()];
        if (amount === undefined || unit === undefined) return null;
        return context.createParsingResult(start, match[0], offsetComponents(context, unit, sign(match) * amount));
      },
    };
  };
  if (lexicon.agoPrefixes.length) parsers.push(make(`(?:${alternation(lexicon.agoPrefixes)})\\s+${number}\\s+(${units})`, () => -1, 1, 2));
  if (lexicon.agoSuffixes.length) parsers.push(make(`${number}\\s+(${units})\\s+(?:${alternation(lexicon.agoSuffixes)})`, () => -1, 1, 2));
  if (lexicon.aheadPrefixes.length) parsers.push(make(`(?:${alternation(lexicon.aheadPrefixes)})\\s+${number}\\s+(${units})`, () => 1, 1, 2));
  const later = lexicon.laterSuffixes;
  parsers.push(make(`${number}\\s+(${units})\\s+(${alternation(Object.keys(later))})`, (m) => later[m[3].toLowerCase().replace(/\s+/g, ' ')] ?? 1, 1, 2));
  return parsers;
}

/** Durations: "seit fünf Jahren", "sette anni", "5-jährigen", "for two weeks", "negli ultimi anni" (some years). */
function durationParsers(cx: Context): Parser[] {
  const { lexicon } = cx;
  const cue = `(?:(${alternation(lexicon.durationCues)})\\s+)?`;
  const units = `(${alternation(Object.keys(lexicon.durationUnits))})`;
  const articleNumbers = new Set(lexicon.articleNumbers);
  const result = (context: ParsingContext, start: number, text: string, value: string) =>
    context.createParsingResult(start, text, context.createParsingComponents({}).addTag(`${tags.duration}${value}`));
  const bounded = (context: ParsingContext, match: RegExpMatchArray) => {
    const start = match.index ?? 0;
    return startsWord(context.text, start) && endsWord(context.text, start + match[0].length);
  };
  const counted = new RegExp(`${cue}${numberPattern(lexicon)}(?:\\s+|-)${units}`, 'iu');
  const vague = new RegExp(`${cue}(${alternation(lexicon.vagueAmounts)})\\s+${units}`, 'iu');
  const phrases = new RegExp(`(${alternation(lexicon.vagueYearPhrases)})`, 'iu');
  const parsers: Parser[] = [
    {
      pattern: () => counted,
      extract(context, match) {
        if (!bounded(context, match)) return null;
        // "ein Jahr" alone is as often "a year in which …" as a length of time; after "seit" it is a duration.
        if (match[1] === undefined && articleNumbers.has(match[2].toLowerCase())) return null;
        const amount = readNumber(lexicon, match[2]);
        const unit = lexicon.durationUnits[match[3].toLowerCase()];
        if (amount === undefined || unit === undefined || amount === 0) return null;
        return result(context, match.index ?? 0, match[0], `P${amount}${unit}`);
      },
    },
    {
      pattern: () => vague,
      extract(context, match) {
        if (!bounded(context, match)) return null;
        const unit = lexicon.durationUnits[match[3].toLowerCase()];
        return unit === undefined ? null : result(context, match.index ?? 0, match[0], `PX${unit}`);
      },
    },
    {
      pattern: () => phrases,
      extract: (context, match) => (bounded(context, match) ? result(context, match.index ?? 0, match[0], 'PXY') : null),
    },
  ];
  if (lexicon.yearAdjectiveStem) {
    // "5-jährigen", "fünfjährige", "five-year": the English form needs its hyphen, "year" alone is a noun.
    const hyphen = lexicon.yearAdjectiveStem === 'year' ? '-' : '-?';
    const adjective = new RegExp(`${numberPattern(lexicon)}${hyphen}${lexicon.yearAdjectiveStem}\\p{L}*`, 'iu');
    parsers.push({
      pattern: () => adjective,
      extract(context, match) {
        if (!bounded(context, match)) return null;
        const amount = readNumber(lexicon, match[1]);
        return amount === undefined || amount === 0 || articleNumbers.has(match[1].toLowerCase()) ? null : result(context, match.index ?? 0, match[0], `P${amount}Y`);
      },
    });
  }
  return parsers;
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

function dropUnlikely(cx: Context): Refiner {
  const weekdayName = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(Object.keys(cx.lexicon.weekdays))})(?![\\p{L}])`, 'iu');
  const lowerCaseMonth = new RegExp(`^(?:${alternation(cx.lexicon.ambiguousMonths)})$`, 'u');
  return {
    refine: (context, results) =>
      results.filter((r) => {
        // chrono's Italian reads the "mar" of "Delmar" as March: an expression starts and ends with a word.
        const start = r.index + r.text.length - r.text.trimStart().length;
        if (!startsWord(context.text, start) || !endsWord(context.text, r.index + r.text.trimEnd().length)) return false;
        // chrono reads "Mi 11" (a phone) as Wednesday 11:00; a weekday must be written out.
        if (r.start.isCertain('weekday') && !r.start.isCertain('day') && !weekdayName.test(r.text) && !isOurs(r)) return false;
        // "3/4 of users", "1.5." are fractions and versions as often as dates: numbers alone need a year.
        if (/^[\d\s./-]+$/.test(r.text.trim()) && !r.start.isCertain('year') && !isOurs(r)) return false;
        // English "may" and "march" in lower case are a verb.
        if (cx.language === 'en' && lowerCaseMonth.test(r.text.trim())) return false;
        return true;
      }),
  };
}

/** chrono's English "end of March" moves to 31 March; on a timeline it is the end of the month. */
const endOfPeriodAsModifier: Refiner = {
  refine(_context, results) {
    for (const r of results) {
      if (!hasTag(r, 'refiner/ENEndOfPeriodRefiner')) continue;
      if (r.start.isCertain('month') && !/\d{1,2}(?!\d)/.test(r.text.replace(/\d{4}/, ''))) {
        r.start.delete('day');
        r.start.imply('day', 1);
      }
      r.start.addTag(`${tags.mod}END`);
    }
    return results;
  },
};

/**
 * chrono's Italian reads "luglio, secondo quanto annunciato" as 2 July: a day written as a word after the month
 * is English word order. Outside English the result keeps only the month.
 */
function dayWordsAfterMonth(cx: Context): Refiner {
  const monthAtEnd = new RegExp(`(?:${alternation(Object.keys(cx.lexicon.months))})$`, 'iu');
  return {
    refine(_context, results) {
      if (cx.language === 'en') return results;
      for (const r of results) {
        const lastWord = r.start.isCertain('day') && !r.end ? /[\s,]+\p{L}+$/u.exec(r.text) : null;
        if (!lastWord || !monthAtEnd.test(r.text.slice(0, lastWord.index))) continue;
        r.text = r.text.slice(0, lastWord.index);
        r.start.delete('day');
        r.start.imply('day', 1);
      }
      return results;
    },
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
function periodBounds(r: ParsingResult, year: number): [Date, Date] {
  const season = tagValue(r.start, tags.season) as Season | undefined;
  const quarter = tagValue(r.start, tags.quarter);
  const half = tagValue(r.start, tags.half);
  let first = r.start.get('month') ?? 1;
  let months = 1;
  if (season) [first, months] = [seasonStartMonth[season], 3];
  else if (quarter) [first, months] = [(Number(quarter) - 1) * 3 + 1, 3];
  else if (half) [first, months] = [(Number(half) - 1) * 6 + 1, 6];
  return [new Date(year, first - 1, 1, 12), new Date(year, first - 1 + months, 0, 12)];
}

/**
 * "31 marzo scorso", "am vergangenen Freitag", "l'été dernier", "next March": the nearest such day or period
 * wholly before (or after) the reference, however close another one is.
 */
function applyDirections(cx: Context): Refiner {
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
          while (direction < 0 ? periodBounds(r, year)[1] >= today : periodBounds(r, year)[0] <= today) year += direction;
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
function applyEdges(cx: Context): Refiner {
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
 * regex never gets V8's compiled code. Those that build it without the context (`innerPattern()` takes no argument:
 * German and French "vor 2 Jahren", "in 3 Monaten", "il y a 2 ans") made half of every German reading; the first
 * pattern is kept. Others take the context yet return a literal, a new object each time (German "morgen", "abends";
 * French "hier", "ce soir"), and chrono, seeing a new object, builds its bounded pattern again (twice per reading):
 * a pattern with the same source and flags as the last is the last one. chrono's patterns are neither global nor
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

const chronoBase: Record<TimelineLanguage, Chrono> = {
  de: chrono.de.casual,
  it: chrono.it.casual,
  en: chrono.en.casual,
  fr: chrono.fr.casual,
  es: chrono.es.casual,
};

const cache = new Map<TimelineLanguage, Chrono>();

/** chrono for `language` with the timeline's parsers and refiners; built once per language. */
export function timelineChrono(language: TimelineLanguage): Chrono {
  const cached = cache.get(language);
  if (cached) return cached;
  const cx = new Context(language, lexicons[language]);
  const parser = chronoBase[language].clone();
  parser.parsers.forEach(withFixedPattern);
  parser.parsers.push(yearParser(cx), seasonParser(cx), quarterParser(cx), ...offsetParsers(cx), ...durationParsers(cx));
  if (language === 'de' || language === 'fr') parser.parsers.push(monthParser(cx));
  if (Object.keys(cx.lexicon.partsOfDay).length) parser.parsers.push(weekdayPartOfDayParser(cx));
  const yearReferences = yearReferenceParser(cx);
  if (yearReferences) parser.parsers.push(yearReferences);
  parser.refiners = [dropClockTimesAndDatedDurations, ...parser.refiners.map(keepingOurs), endOfPeriodAsModifier, dayWordsAfterMonth(cx), dropUnlikely(cx), mergeYearReferences, applyDirections(cx), applyEdges(cx)];
  cache.set(language, parser);
  return parser;
}
