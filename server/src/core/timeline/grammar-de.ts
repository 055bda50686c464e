/**
 * German for the timeline's reader (`reader.ts`): what chrono's German read, besides the rules every language
 * has from its lexicon. Dates with the day first ("am 3. März 2021", "24.05.2022"), weekdays ("am Montag", "letzten
 * Freitag"), days named from today ("heute", "gestern Abend"), units counted from today ("vergangenes Jahr", "vor
 * drei Tagen"), and parts of the day.
 */
import { alternation, cueKinds, lexicons, type OffsetUnit } from './lexicon';
import { bounded, dayOfMonth, endsWord, found, isoDateRule, numericDateRule, startsWord, weekdayRule, type Grammar, type Rule, type WeekdayChoice, type Words } from './reader';
import type { PartOfDay } from './timex';

const germanMonthAbbreviations: Record<string, number> = { jan: 1, feb: 2, mär: 3, mrz: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, nov: 11, dez: 12 };
/** The lexicon's months, their usual abbreviations, and the Austrian "Feber" and "Janner". */
const germanMonths: Record<string, number> = { ...lexicons.de.months, ...germanMonthAbbreviations, janner: 1, feber: 2 };
/** An abbreviated month may end in a full stop, which belongs to it ("am 3. Dez. 2021"). */
const germanMonthPattern = `(?:${alternation(Object.keys(germanMonthAbbreviations))})\\.|${alternation(Object.keys(germanMonths))}`;
/** chrono's German amounts: "einige" was three, "wenige" two, "mehrere" seven. */
const germanNumbers: Record<string, number> = { eins: 1, eine: 1, einem: 1, einen: 1, einer: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, fuenf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, elf: 11, zwölf: 12, zwoelf: 12, einige: 3, einigen: 3, wenige: 2, wenigen: 2, mehrere: 7, mehreren: 7 };
const germanUnits: Record<string, OffsetUnit> = {
  tag: 'day', tage: 'day', tagen: 'day', woche: 'week', wochen: 'week', monat: 'month', monate: 'month', monaten: 'month', monats: 'month',
  jahr: 'year', jahre: 'year', jahren: 'year', jahres: 'year',
};
const germanNumber = `${alternation(Object.keys(germanNumbers))}|\\d{1,4}`;
const germanRelativeWords = '(?:nächste|kommende|folgende|letzte|vergangene|vorige|vorhergegangene|vorangegangene)(?:s|n|m|r)?';
const germanCasualDays: Record<string, number> = { heute: 0, morgen: 1, übermorgen: 2, uebermorgen: 2, gestern: -1, vorgestern: -2 };
const germanPartsOfDay: Record<string, PartOfDay | undefined> = {
  morgen: 'MO', vormittag: 'MO', mittag: 'MI', mittags: 'MI', nachmittag: 'AF', abend: 'EV', nacht: 'EV', mitternacht: undefined,
};
const germanPartOfDayPattern = alternation(Object.keys(germanPartsOfDay));

function germanRules(words: Words): Rule[] {
  const weekdays = words.lexicon.weekdays;
  const monthOf = (written: string) => germanMonths[written.toLowerCase().replace(/\.$/, '')];
  return [
    // "vergangenes Jahr", "letzte Woche", "in drei Tagen", "vor einem Monat"
    {
      needs: cueKinds.unit,
      // One optional space between the words, never a run: the reader reads normalised text, and runs of optional
      // spaces side by side backtrack over a long run of spaces.
      pattern: new RegExp(
        `(?:(${germanRelativeWords}|vor|in)\\s?(${germanNumber})?(?:\\s?(${germanRelativeWords}))?|(?:(${germanNumber})\\s?)?(${germanRelativeWords}))\\s?(${alternation(Object.keys(germanUnits))})`,
        'giu',
      ),
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const modifier = (match[1] ?? match[3] ?? match[5]).toLowerCase();
        const number = match[2] ?? match[4];
        const amount = number === undefined ? 1 : (germanNumbers[number.toLowerCase()] ?? Number(number));
        const back = /vor|letzte|vergangen/.test(modifier);
        return found(match, { meaning: { kind: 'shift', unit: germanUnits[match[6].toLowerCase()], amount: back ? -amount : amount } });
      },
    },
    // "heute", "gestern Abend", "letzte Nacht"
    {
      needs: cueKinds.daytime,
      pattern: new RegExp(`(jetzt|heute|morgen|übermorgen|uebermorgen|gestern|vorgestern|letzte\\s*nacht)(?:\\s*(${germanPartOfDayPattern}))?`, 'giu'),
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const word = match[1].toLowerCase();
        const partOfDay = match[2] === undefined ? undefined : germanPartsOfDay[match[2].toLowerCase()];
        if (word === 'jetzt') return found(match, { meaning: { kind: 'day', days: 0, now: true } });
        // The night before a noon reference is yesterday's.
        if (/^letzte/.test(word)) return found(match, { meaning: { kind: 'day', days: -1 } });
        return found(match, { meaning: { kind: 'day', days: germanCasualDays[word], partOfDay } });
      },
    },
    // A part of the day alone is the reference day's: "abends" is no date, "am Abend" is this evening.
    {
      needs: cueKinds.daytime,
      pattern: new RegExp(`(?:diesen\\s*)?(${germanPartOfDayPattern})`, 'giu'),
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const partOfDay = germanPartsOfDay[match[1].toLowerCase()];
        return partOfDay && found(match, { meaning: { kind: 'day', days: 0, partOfDay, yearOpen: true } });
      },
    },
    isoDateRule(),
    numericDateRule(),
    // "am 3. März 2021", "5. Sept.", "1. bis 3. März"
    {
      needs: cueKinds.month | cueKinds.number,
      pattern: new RegExp(`(?:am\\s*?)?(?:den\\s*?)?([0-9]{1,2})\\.(?:\\s*(?:bis(?:\\s*(?:am|zum))?|-|–|\\s)\\s*([0-9]{1,2})\\.?)?\\s*(${germanMonthPattern})(?:(?:-|/|,?\\s*)(\\d{4})(?![^\\s]\\d))?`, 'giu'),
      read(text, match) {
        // A month abbreviated with a full stop ends the word itself.
        if (!startsWord(text, match.index) || (!match[0].endsWith('.') && !endsWord(text, match.index + match[0].length))) return undefined;
        const toDay = match[2] === undefined ? undefined : Number(match[2]);
        return dayOfMonth(match, { day: Number(match[1]), toDay, month: monthOf(match[3]), year: match[4] === undefined ? undefined : Number(match[4]) });
      },
    },
    // "am Montag", "letzten Freitag", "Montag nächste Woche"
    weekdayRule(
      weekdays,
      new RegExp(`(?:a[mn]\\s+)?(?:(diese[mn]|letzte[mn]|nächste[mn]|naechste[mn])\\s+)?(${alternation(Object.keys(weekdays))})(?:\\s+(diese|letzte|nächste|naechste)\\s+woche)?`, 'giu'),
      (before, after = ''): WeekdayChoice => {
        const modifier = before ?? after;
        return /letzte/.test(modifier) ? 'last' : /chste/.test(modifier) ? 'next' : /diese/.test(modifier) ? 'this' : 'nearest';
      },
    ),
  ];
}

export const german: Grammar = {
  rules: germanRules,
  monthRule: true,
  rangeBetween: /^\s*(?:bis(?:\s*(?:am|zum))?|-)\s*$/iu,
  partOfDayBetween: /^ ?(?:T|um|am|,|-)? ?$/u,
};
