/**
 * Italian for the timeline's reader (`reader.ts`): what chrono's Italian read, besides the rules every language
 * has from its lexicon. Dates with the day first ("il 3 marzo 2021", "il primo marzo", "24/05/2022") or, as chrono
 * read them, the month first ("Mar 3"); month names ("a marzo", "marzo del 2022"); weekdays ("lunedì scorso");
 * days named from today ("oggi", "ieri sera", "stamattina"); units counted from today ("la settimana scorsa",
 * "tre giorni fa", "tra due giorni"). The text it reads is normalised: one space between words, so a pattern
 * needs no runs of spaces.
 */
import { alternation, cueKinds, lexicons, type OffsetUnit } from './lexicon';
import { bounded, dayOfMonth, found, isoDateRule, isValidDay, monthOfYearRule, numericDateRule, startsWord, UnitAmounts, weekdayRule, writtenYear, type Grammar, type Rule, type WeekdayChoice, type Words } from './reader';
import type { PartOfDay } from './timex';

const monthAbbreviations: Record<string, number> = { gen: 1, feb: 2, mar: 3, apr: 4, mag: 5, giu: 6, lug: 7, ago: 8, set: 9, sett: 9, ott: 10, nov: 11, dic: 12 };
const months: Record<string, number> = { ...lexicons.it.months, ...monthAbbreviations };
/** An abbreviated month may end in a full stop, which belongs to it ("il 3 dic. 2021"). */
const monthPattern = `(?:${alternation(Object.keys(monthAbbreviations))})\\.|${alternation(Object.keys(months))}`;

function monthOf(written: string): number {
  return months[written.toLowerCase().replace(/\.$/, '')];
}

const ordinalStems = [
  'primo', 'secondo', 'terzo', 'quarto', 'quinto', 'sesto', 'settimo', 'ottavo', 'nono', 'decimo', 'undicesimo', 'dodicesimo',
  'tredicesimo', 'quattordicesimo', 'quindicesimo', 'sedicesimo', 'diciassettesimo', 'diciottesimo', 'diciannovesimo', 'ventesimo',
  'ventunesimo', 'ventiduesimo', 'ventitreesimo', 'ventiquattresimo', 'venticinquesimo', 'ventiseiesimo', 'ventisettesimo', 'ventottesimo',
  'ventinovesimo', 'trentesimo', 'trentunesimo',
];
/** "primo" and "prima" are 1, … "trentunesimo" is 31. */
const ordinalWords: Record<string, number> = Object.fromEntries(ordinalStems.flatMap((word, i) => [[word, i + 1], [`${word.slice(0, -1)}a`, i + 1]]));
/** A day of the month: a number, with or without "°", or an ordinal word. */
const ordinal = `${alternation(Object.keys(ordinalWords))}|[0-9]{1,2}[°ªº]?`;

function dayOf(written: string): number {
  return ordinalWords[written.toLowerCase()] ?? Number(written.replace(/[°ªº]$/, ''));
}

/** A year: four digits, or two from 50 to 99 or 20 to 25 ("marzo 21"). */
const yearPattern = '[12][0-9]{3}|[5-9][0-9]|2[0-5]';


/** chrono's Italian amounts: "alcuni" was seven, "qualche" three, "un paio di" two. */
const amounts: Record<string, number> = {
  uno: 1, una: 1, un: 1, "un'": 1, due: 2, tre: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8, nove: 9, dieci: 10, undici: 11, dodici: 12,
  qualche: 3, alcuni: 7, 'paio di': 2, paio: 2,
};
const units: Record<string, OffsetUnit> = { giorno: 'day', giorni: 'day', settimana: 'week', settimane: 'week', mese: 'month', mesi: 'month', anno: 'year', anni: 'year' };
/** Amounts of units ("tre giorni", "un anno", "due anni e tre mesi"). */
const unitAmounts = new UnitAmounts(amounts, units, { before: '(?:circa|approssimativamente) ', between: ',? (?:e )?' });

const partsOfDay: Record<string, PartOfDay | undefined> = {
  stamattina: 'MO', stamani: 'MO', stasera: 'EV', stanotte: 'EV', mattina: 'MO', pomeriggio: 'AF', sera: 'EV', notte: 'EV', mezzogiorno: 'MI', mezzanotte: undefined,
};

function italianRules(words: Words): Rule[] {
  const weekdays = words.lexicon.weekdays;
  const weekdayChoice = (before: string | undefined, after: string | undefined): WeekdayChoice => {
    const word = before ?? after ?? '';
    return word.startsWith('scors') ? 'last' : word.startsWith('prossim') ? 'next' : word.startsWith('quest') ? 'this' : 'nearest';
  };
  return [
    // "2022/05/24", "2022 marzo 3"
    {
      needs: cueKinds.number,
      pattern: new RegExp(`([0-9]{4})[-./ ](?:(${monthPattern})|([0-9]{1,2}))[-./ ]([0-9]{1,2})`, 'giu'),
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const year = Number(match[1]);
        let day = Number(match[4]);
        let month = match[3] !== undefined ? Number(match[3]) : monthOf(match[2]);
        if ((month < 1 || month > 12) && day >= 1 && day <= 12) [month, day] = [day, month];
        return isValidDay(year, month, day) ? found(match, { meaning: { kind: 'date', year, month, day } }) : undefined;
      },
    },
    isoDateRule(),
    numericDateRule(),
    // "tra due giorni", "in due anni", "entro tre mesi" (a date that far on; "per tre anni" is a duration)
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`(?:entro|tra|fra|in|per) ?${unitAmounts.pattern}`, 'giu'),
      read: (text, match) => (bounded(text, match) ? unitAmounts.found(match, match[1], 1) : undefined),
    },
    // "il 3 marzo 2021", "il primo marzo", "dal 1 al 3 marzo", "3 di marzo"
    {
      needs: cueKinds.month | cueKinds.number,
      pattern: new RegExp(`(?:il ?)?(${ordinal})(?: ?(?:al|-|–|fino ?al?)? ?(${ordinal}))?(?:-|/| ?(?:di)? ?)(${monthPattern})(?:(?:-|/|,? ?)(${yearPattern})(?![A-Za-z0-9_]))?`, 'giu'),
      read(text, match) {
        if (!startsWord(text, match.index) || (!match[0].endsWith('.') && /[A-Za-z0-9_]/.test(text[match.index + match[0].length] ?? ''))) return undefined;
        const toDay = match[2] === undefined ? undefined : dayOf(match[2]);
        return dayOfMonth(match, { day: dayOf(match[1]), toDay, month: monthOf(match[3]), year: match[4] === undefined ? undefined : writtenYear(match[4]) });
      },
    },
    // The month first, in chrono's English order: "Mar 3", "marzo 3, 2021", "marzo 3-5"
    {
      needs: cueKinds.month,
      pattern: new RegExp(`(${monthPattern})(?:-|/| ?,? ?)([0-9]{1,2}[°ªº]?)(?! ?(?:am|pm)) ?(?:(?:al|-) ?([0-9]{1,2}[°ªº]?) ?)?(?:(?:-|/| ?, ?| )(${yearPattern}))?(?![A-Za-z0-9_])(?!:\\d)`, 'giu'),
      read(text, match) {
        if (!startsWord(text, match.index)) return undefined;
        // "marzo 21" is as likely a year.
        if (match[3] === undefined && match[4] === undefined && /^2[0-5]$/.test(match[2])) return undefined;
        const toDay = match[3] === undefined ? undefined : dayOf(match[3]);
        return dayOfMonth(match, { day: dayOf(match[2]), toDay, month: monthOf(match[1]), year: match[4] === undefined ? undefined : writtenYear(match[4]) });
      },
    },
    // "lunedì", "lunedì scorso", "questo venerdì"; abbreviations ("mar", "gio") are months and names as often.
    weekdayRule(weekdays, new RegExp(`(?:(questo|questa|quest'|scorso|scorsa|prossimo|prossima) ?)?(${alternation(Object.keys(weekdays))})(?: ?(scorso|scorsa|prossimo|prossima)(?: ?settimana)?)?`, 'giu'), weekdayChoice),
    monthOfYearRule(),
    // "tre giorni fa", "un anno prima"
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`${unitAmounts.pattern} ?(?:fa|prima)`, 'giu'),
      read: (text, match) => (bounded(text, match) ? unitAmounts.found(match, match[1], -1) : undefined),
    },
    // "due anni dopo", "tre giorni più tardi"
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`${unitAmounts.pattern} ?(?:dopo|più ?tardi|da ?adesso|da ?ora)`, 'giu'),
      read: (text, match) => (bounded(text, match) ? unitAmounts.found(match, match[1], 1) : undefined),
    },
    // "oggi", "ieri", "adesso", "stasera"
    {
      needs: cueKinds.daytime,
      pattern: /(adesso|ora|oggi|stasera|stanotte|domani|dopodomani|ieri)/giu,
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const word = match[1].toLowerCase();
        // "un'ora", "l'ora", "due ore": the hour, not now.
        if (word === 'ora' && /(?:\b(?:un|l)'|[0-9] ?)$/iu.test(text.slice(Math.max(0, match.index - 4), match.index))) return undefined;
        if (word === 'adesso' || word === 'ora') return found(match, { meaning: { kind: 'day', days: 0, now: true } });
        if (word === 'stasera' || word === 'stanotte') return found(match, { meaning: { kind: 'day', days: 0, partOfDay: 'NI' } });
        const days = { oggi: 0, domani: 1, dopodomani: 2, ieri: -1 }[word] ?? 0;
        return found(match, { meaning: { kind: 'day', days } });
      },
    },
    // A part of the day alone is the reference day's: "stamattina", "questa mattina", "nel pomeriggio".
    {
      needs: cueKinds.daytime,
      pattern: /(stamattina|stasera|stanotte|stamani)|(?:questa ?)?(mattina|pomeriggio|sera|notte|mezzanotte|mezzogiorno)/giu,
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const partOfDay = partsOfDay[(match[1] ?? match[2]).toLowerCase()];
        return partOfDay && found(match, { meaning: { kind: 'day', days: 0, partOfDay, yearOpen: true } });
      },
    },
    // "a marzo", "marzo 2022", "marzo del 2022", "dic. 2021": the preposition is not part of the expression.
    {
      needs: cueKinds.month,
      pattern: new RegExp(`((?:a|in|di|del) ?)?(${monthPattern}) ?(?:(?:,|-|del)? ?(${yearPattern}))?(?=[^\\s\\w]| [^0-9]| $|$)`, 'giu'),
      read(text, match) {
        const name = match[2].toLowerCase();
        // An abbreviation alone is a weekday ("mar." is Tuesday too) or a word ("mar", "set", "ago") as often.
        if (lexicons.it.months[name] === undefined && match[3] === undefined) return undefined;
        const start = match.index + (match[1] ?? '').length;
        if (!startsWord(text, start) || !startsWord(text, match.index)) return undefined;
        const year = match[3] === undefined ? undefined : writtenYear(match[3]);
        return { start, end: match.index + match[0].length, meaning: { kind: 'date', year, month: monthOf(name), yearByDay: 'first' } };
      },
    },
    // "la settimana scorsa", "il prossimo anno", "quest'anno", "questo mese"
    {
      needs: cueKinds.unit,
      pattern: new RegExp(
        `(?:(?:il ?|la ?|l' ?)?(questo|questa|quest'|scorso|scorsa|prossimo|prossima|dopo ?questo|dopo ?questa) ?(${alternation(Object.keys(units))})|(?:il ?|la ?|l' ?)(${alternation(Object.keys(units))}) ?(scorso|scorsa|prossimo|prossima))`,
        'giu',
      ),
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const modifier = (match[1] ?? match[4]).toLowerCase();
        const unit = units[(match[2] ?? match[3]).toLowerCase()];
        const amount = modifier.startsWith('prossim') || modifier.startsWith('dopo') ? 1 : modifier.startsWith('scors') ? -1 : 0;
        // "questa settimana" and "questo giorno" name no date chrono could give.
        if (amount === 0 && (unit === 'week' || unit === 'day')) return undefined;
        return found(match, { meaning: { kind: 'shift', unit, amount } });
      },
    },
    // "dopo due anni", "scorsi 3 mesi", "+2 giorni"
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`(?:il ?|la ?|l' ?)?(questo|questa|quest'|scorso|scorsa|prossimo|prossima|dopo|\\+|-) ?${unitAmounts.pattern}`, 'giu'),
      read: (text, match) => (bounded(text, match) ? unitAmounts.found(match, match[2], /^(?:scors|-)/i.test(match[1]) ? -1 : 1) : undefined),
    },
  ];
}

export const italian: Grammar = {
  rules: italianRules,
  monthRule: false,
  rangeBetween: /^\s*(?:a|al|-|–|fino\s*a|fino\s*al)\s*$/iu,
  partOfDayBetween: /^ ?(?:T|alle?|dopo ?le|prima ?delle?|,|-|\.|∙|:)? ?$/u,
};
