/**
 * English for the timeline's reader (`reader.ts`): what chrono's English read, besides the rules every language
 * has from its lexicon. Dates with the month first ("March 3, 2021", "05/24/2022") or the day first ("3rd March
 * 2021"); month names ("in May 2022"); weekdays ("last Monday"); days named from today ("yesterday evening");
 * units counted from today ("last week", "three days ago", "in two days"); and "end of" a month or a period. The
 * text it reads is normalised: one space between words, so a pattern needs no runs of spaces.
 */
import { alternation, cueKinds, lexicons, type OffsetUnit } from './lexicon';
import { bounded, dayOfMonth, found, isoDateRule, isValidDay, monthOfYearRule, numericDateRule, startsWord, UnitAmounts, weekdayRule, writtenYear, type Found, type Grammar, type Meaning, type Rule, type WeekdayChoice, type Words } from './reader';
import type { PartOfDay } from './timex';

const monthAbbreviations: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
const months: Record<string, number> = { ...lexicons.en.months, ...monthAbbreviations };
/** An abbreviated month may end in a full stop, which belongs to it ("Dec. 3, 2021"). */
const monthPattern = `(?:${alternation(Object.keys(monthAbbreviations))})\\.|${alternation(Object.keys(months))}`;

function monthOf(written: string): number {
  return months[written.toLowerCase().replace(/\.$/, '')];
}

const ordinalStems = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];
/** "first" is 1 … "thirty-first" 31, written with a hyphen or a space after "twenty" and "thirty". */
const ordinalWords: Record<string, number> = Object.fromEntries([
  ...ordinalStems.map((word, i) => [word, i + 1]),
  ...ordinalStems.slice(0, 9).flatMap((word, i) => [[`twenty-${word}`, 21 + i], [`twenty ${word}`, 21 + i]]),
  ['thirtieth', 30], ['thirty-first', 31], ['thirty first', 31],
]);
const ordinal = `${alternation(Object.keys(ordinalWords))}|[0-9]{1,2}(?:st|nd|rd|th)?`;

function dayOf(written: string): number {
  return ordinalWords[written.toLowerCase().replace(/\s+/g, ' ')] ?? Number(written.replace(/(?:st|nd|rd|th)$/i, ''));
}

/** A year: four digits, or two that no clock time or month follows ("March 3, 21"). */
const yearPattern = '[1-9][0-9]{3}|[0-9]{2}(?![A-Za-z0-9_]|:\\d| ?(?:am|pm|o ?clock|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))';


/** chrono's English amounts: "a few" was three, "several" seven, "a couple of" two. */
const amounts: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  a: 1, an: 1, the: 1, few: 3, 'a few': 3, 'an few': 3, several: 7, couple: 2, 'a couple': 2, 'couple of': 2, 'a couple of': 2,
};
const units: Record<string, OffsetUnit> = { day: 'day', days: 'day', week: 'week', weeks: 'week', month: 'month', months: 'month', year: 'year', years: 'year' };
/** Amounts of units ("three days", "a year", "two years and three months"). */
const unitAmounts = new UnitAmounts(amounts, units, { before: '(?:about|around) ', between: ',? (?:and )?' });

const partsOfDay: Record<string, PartOfDay | undefined> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'EV', midday: 'MI', noon: 'MI', midnight: undefined };

function englishRules(words: Words): Rule[] {
  const weekdays = words.lexicon.weekdays;
  const weekdayChoice = (before: string | undefined, after: string | undefined): WeekdayChoice => {
    const word = before ?? after ?? '';
    return word === 'last' || word === 'past' ? 'last' : word === 'next' ? 'next' : word === 'this' ? 'this' : 'nearest';
  };
  return [
    // "2022/05/24", "2022 March 3"
    {
      needs: cueKinds.number,
      pattern: new RegExp(`([0-9]{4})[-./ ](?:(${monthPattern})|([0-9]{1,2}))[-./ ]([0-9]{1,2})(?![A-Za-z0-9_])`, 'giu'),
      read(text, match) {
        if (!startsWord(text, match.index)) return undefined;
        const year = Number(match[1]);
        const day = Number(match[4]);
        const month = match[3] !== undefined ? Number(match[3]) : monthOf(match[2]);
        return isValidDay(year, month, day) ? found(match, { meaning: { kind: 'date', year, month, day } }) : undefined;
      },
    },
    isoDateRule(),
    numericDateRule('month'),
    // "in two days", "within three months" (a date that far on; "for three years" is a duration)
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`(?:within|in|for) ?(?:(?:about|around|roughly|approximately|just) ?)?${unitAmounts.pattern}`, 'giu'),
      read: (text, match) => (bounded(text, match) ? unitAmounts.found(match, match[1], 1) : undefined),
    },
    // "3rd March 2021", "the 3rd of March", "3-5 March"
    {
      needs: cueKinds.month | cueKinds.number,
      pattern: new RegExp(`(?:on ?)?(${ordinal})(?: ?(?:to|-|–|until|through|till) ?(${ordinal}))?(?:-|/| ?(?:of)? ?)(${monthPattern})(?:(?:-|/|,? ?)(${yearPattern})(?![A-Za-z0-9_]))?`, 'giu'),
      read(text, match) {
        if (!startsWord(text, match.index) || (!match[0].endsWith('.') && /[A-Za-z0-9_]/.test(text[match.index + match[0].length] ?? ''))) return undefined;
        return dayMonth(match, match[1], match[2], match[3], match[4]);
      },
    },
    // "March 3, 2021", "Sept 5", "March 3-5"
    {
      needs: cueKinds.month,
      pattern: new RegExp(`(${monthPattern})(?:-|/| ?,? ?)(${ordinal})(?! ?(?:am|pm)) ?(?:(?:to|-) ?(${ordinal}) ?)?(?:(?:-|/| ?, ?| )(${yearPattern}))?(?![A-Za-z0-9_])(?!:\\d)`, 'giu'),
      read(text, match) {
        if (!startsWord(text, match.index)) return undefined;
        return dayMonth(match, match[2], match[3], match[1], match[4]);
      },
    },
    // "Monday", "last Friday", "Monday of next week"; abbreviations ("Sat", "Wed") are read nowhere alone.
    weekdayRule(weekdays, new RegExp(`(?:on ?)?(?:(this|last|past|next) ?)?(${alternation(Object.keys(weekdays))})(?: ?(?:of ?)?(this|last|past|next) ?week)?`, 'giu'), weekdayChoice),
    monthOfYearRule(),
    // "three days ago", "a year earlier"
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`${unitAmounts.pattern} ?(?:ago|before|earlier)`, 'giu'),
      read: (text, match) => (bounded(text, match) ? unitAmounts.found(match, match[1], -1) : undefined),
    },
    // "two years later", "three days from now"
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`${unitAmounts.pattern} ?(?:later|after|from now|henceforth|forward|out)`, 'giu'),
      read: (text, match) => (bounded(text, match) ? unitAmounts.found(match, match[1], 1) : undefined),
    },
    // "2022 March", "2022 of March"
    {
      needs: cueKinds.year,
      pattern: new RegExp(`([1-9][0-9]{3})(?: ?[-./,]? ?| of )(${monthPattern})(?=[^\\s\\w]| [^0-9]| $|$)`, 'giu'),
      read: (text, match) => (startsWord(text, match.index) ? found(match, { meaning: { kind: 'date', year: Number(match[1]), month: monthOf(match[2]) } }) : undefined),
    },
    // "today", "yesterday", "now", "tonight", "last night"
    {
      needs: cueKinds.daytime,
      pattern: /(now|today|tonight|tomorrow|overmorrow|tmr|tmrw|yesterday|last ?night)/giu,
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const word = match[1].toLowerCase();
        if (word === 'now') return found(match, { meaning: { kind: 'day', days: 0, now: true } });
        if (word === 'tonight') return found(match, { meaning: { kind: 'day', days: 0, partOfDay: 'NI' } });
        const days = word.startsWith('last') || word === 'yesterday' ? -1 : word === 'overmorrow' ? 2 : word === 'today' ? 0 : 1;
        return found(match, { meaning: { kind: 'day', days } });
      },
    },
    // A part of the day alone is the reference day's: "this morning", "in the afternoon".
    {
      needs: cueKinds.daytime,
      pattern: /(?:this ?)?(morning|afternoon|evening|night|midnight|midday|noon)/giu,
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const partOfDay = partsOfDay[match[1].toLowerCase()];
        return partOfDay && found(match, { meaning: { kind: 'day', days: 0, partOfDay, yearOpen: true } });
      },
    },
    // "in March", "May 2022", "March of 2022": the preposition is not part of the expression.
    {
      needs: cueKinds.month,
      pattern: new RegExp(`((?:in) ?)?(${monthPattern}) ?(?:(?:,|-|of)? ?(${yearPattern}))?(?=[^\\s\\w]| [^0-9]| $|$)`, 'giu'),
      read(text, match) {
        const name = match[2].toLowerCase();
        // An abbreviation alone is a word as often ("mar", "jan"); so are "may" and "march" (see `unlikelyMonths`).
        if (match[3] === undefined && lexicons.en.months[name] === undefined) return undefined;
        const start = match.index + (match[1] ?? '').length;
        if (!startsWord(text, start) || !startsWord(text, match.index)) return undefined;
        const year = match[3] === undefined ? undefined : writtenYear(match[3]);
        return { start, end: match.index + match[0].length, meaning: { kind: 'date', year, month: monthOf(name), yearByDay: 'first' } };
      },
    },
    // "last week", "next year", "this month"
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`(this|last|past|next|after ?this) ?(${alternation(Object.keys(units))})`, 'giu'),
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const modifier = match[1].toLowerCase();
        const unit = units[match[2].toLowerCase()];
        const amount = modifier === 'next' || modifier.startsWith('after') ? 1 : modifier === 'last' || modifier === 'past' ? -1 : 0;
        // "this week" and "this day" name no date chrono could give.
        if (amount === 0 && (unit === 'week' || unit === 'day')) return undefined;
        return found(match, { meaning: { kind: 'shift', unit, amount } });
      },
    },
    // "last 3 years", "next two weeks", "+2 days"
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`(this|last|past|next|after|\\+|-) ?${unitAmounts.pattern}`, 'giu'),
      read: (text, match) => (bounded(text, match) ? unitAmounts.found(match, match[2], /^(?:last|past|-)$/i.test(match[1]) ? -1 : 1) : undefined),
    },
  ];
}

/** A day of a month from its written parts: a range when `to` is written. */
function dayMonth(match: RegExpExecArray, from: string, to: string | undefined, month: string, year: string | undefined): Found | undefined {
  return dayOfMonth(match, { day: dayOf(from), toDay: to === undefined ? undefined : dayOf(to), month: monthOf(month), year: year === undefined ? undefined : writtenYear(year) });
}

/**
 * "end of March", "end of next month": the end of the period after it, as chrono's English read it. The words join
 * the expression; the period is what it names, or the month its last day falls in ("end of next year": December).
 */
function endOfPeriod(text: string, results: Found[]): Found[] {
  return results.map((r) => {
    const prefix = /\b(?:last day|end) of (?:the )?$/i.exec(text.slice(0, r.start));
    const meaning = r.meaning;
    if (!prefix || r.endMeaning || !meaning) return r;
    const relative = /^(?:this|last|past|next) ?(?:week|month|year)$/i.test(text.slice(r.start, r.end));
    if (relative && meaning.kind === 'shift') {
      // chrono's went to the last day, and kept its month: the end of a year is its December.
      const end: Meaning = meaning.unit === 'year' ? { kind: 'date', month: 12, yearOffset: meaning.amount } : meaning;
      return { ...r, start: prefix.index, mod: 'END', meaning: end };
    }
    if (meaning.kind === 'date' && meaning.month !== undefined && meaning.day === undefined) {
      // Its year is the one that puts the month's last day closest to the reference.
      return { ...r, start: prefix.index, mod: 'END', meaning: meaning.yearByDay ? { ...meaning, yearByDay: 'last' } : meaning };
    }
    return r;
  });
}

/**
 * "May" alone is the verb unless "in" comes before it; "may", "march" and "august" in lower case are words. Read
 * after ranges and "end of": "May to June", "end of May" are dates.
 */
function unlikelyMonths(text: string, results: Found[], words: Words): Found[] {
  return results.filter((r) => {
    const written = text.slice(r.start, r.end);
    if (words.lexicon.ambiguousMonths.includes(written)) return false;
    return written.toLowerCase() !== 'may' || /\bin ?$/i.test(text.slice(Math.max(0, r.start - 3), r.start));
  });
}

export const english: Grammar = {
  rules: englishRules,
  monthRule: false,
  firstSteps: endOfPeriod,
  lastSteps: unlikelyMonths,
  rangeBetween: /^\s*(?:to|-|–|until|through|till)\s*$/iu,
  partOfDayBetween: /^ ?(?:T|at|after|before|on|of|,|-|\.|∙|:)? ?$/u,
};
