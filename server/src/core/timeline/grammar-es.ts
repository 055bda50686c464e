/**
 * Spanish for the timeline's reader (`reader.ts`): what chrono's Spanish read, besides the rules every language has
 * from its lexicon. Dates with the day first ("el 3 de marzo de 2021", "24/05/2022"); month names ("en marzo de
 * 2022"); weekdays ("el lunes pasado"); days named from today ("ayer", "esta tarde"); units counted from today
 * ("dentro de dos días", "en dos años"). The text it reads is normalised: one space between words.
 */
import { alternation, cueKinds, lexicons, type OffsetUnit } from './lexicon';
import { bounded, dayOfMonth, found, isoDateRule, numericDateRule, startsWord, UnitAmounts, weekdayRule, type Grammar, type Rule, type Words } from './reader';
import type { PartOfDay } from './timex';

const monthAbbreviations: Record<string, number> = { ene: 1, feb: 2, mar: 3, abr: 4, may: 5, jun: 6, jul: 7, ago: 8, sep: 9, oct: 10, nov: 11, dic: 12 };
const months: Record<string, number> = { ...lexicons.es.months, setiembre: 9, ...monthAbbreviations };
/** An abbreviated month may end in a full stop, which belongs to it ("el 3 de dic. de 2021"). */
const monthPattern = `(?:${alternation(Object.keys(monthAbbreviations))})\\.|${alternation(Object.keys(months))}`;

function monthOf(written: string): number {
  return months[written.toLowerCase().replace(/\.$/, '')];
}

/** A day of the month: a number with or without its ordinal ending ("1º", "1ro"). */
const ordinal = '[0-9]{1,2}(?:º|ª|°|ro|do|to|mo|er|vo|no|ma|era|ero|avo|ava)?';

function dayOf(written: string): number {
  return Number(/^[0-9]+/.exec(written)![0]);
}

/** chrono's Spanish amounts: "algunos" and "unos" were a few, read as three. */
const amounts: Record<string, number> = {
  uno: 1, una: 1, un: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12, trece: 13,
  algunos: 3, algunas: 3, unos: 3, unas: 3,
};
const units: Record<string, OffsetUnit> = { día: 'day', días: 'day', dia: 'day', dias: 'day', semana: 'week', semanas: 'week', mes: 'month', meses: 'month', año: 'year', años: 'year', ano: 'year', anos: 'year' };
const unitAmounts = new UnitAmounts(amounts, units, { before: '', between: ',? (?:y )?' });

/** What stands before a month in a date with the day first: the month is read with it there, not alone. */
const dayBefore = new RegExp(`(?:^|[^\\p{L}\\p{N}\\p{M}_])${ordinal}(?: ?(?:desde|de|-|–|ao?| ) ?${ordinal})? ?(?:de)? ?(?:-|/| ?(?:de|,)? ?)$`, 'iu');

const partsOfDay: Record<string, PartOfDay | undefined> = { mañana: 'MO', manana: 'MO', tarde: 'AF', noche: 'EV', mediodia: 'MI', mediodía: 'MI', medianoche: undefined };

function spanishRules(words: Words): Rule[] {
  const weekdays = words.lexicon.weekdays;
  return [
    isoDateRule(),
    numericDateRule(),
    // "el lunes", "el lunes pasado", "este viernes", "el próximo viernes"
    weekdayRule(weekdays, new RegExp(`(?:(este|esta|pasado|pr[oó]ximo) ?)?(${alternation(Object.keys(weekdays))})(?: ?(este|esta|pasado|pr[oó]ximo) ?semana)?`, 'giu'), (before, after) => {
      const word = before ?? after;
      // chrono's Spanish read "pasado" as this week's.
      return word === 'próximo' || word === 'proximo' ? 'next' : word === undefined ? 'nearest' : 'this';
    }),
    // "el 3 de marzo de 2021", "1º de mayo"
    {
      needs: cueKinds.month | cueKinds.number,
      pattern: new RegExp(`(${ordinal})(?: ?(?:desde|de|-|–|ao?| ) ?(${ordinal}))? ?(?:de)? ?(?:-|/| ?(?:de|,)? ?)(${monthPattern})(?: ?(?:de|,)? ?([0-9]{1,4}(?![^\\s]\\d)))?`, 'giu'),
      read(text, match) {
        if (!startsWord(text, match.index) || (!match[0].endsWith('.') && /[A-Za-z0-9_]/.test(text[match.index + match[0].length] ?? ''))) return undefined;
        const toDay = match[2] === undefined ? undefined : dayOf(match[2]);
        return dayOfMonth(match, { day: dayOf(match[1]), toDay, month: monthOf(match[3]), year: match[4] === undefined ? undefined : Number(match[4]) });
      },
    },
    // "en dos años", "dentro de dos días" (a date that far on; "durante tres años" is a duration)
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`(?:en|por|durante|de|dentro de) ?${unitAmounts.pattern}`, 'giu'),
      read: (text, match) => (bounded(text, match) ? unitAmounts.found(match, match[1], 1) : undefined),
    },
    // "ayer", "hoy", "mañana" (not "a la mañana", the morning), "ahora"
    {
      needs: cueKinds.daytime,
      pattern: /(ahora|hoy|mañana|manana|ayer)/giu,
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const word = match[1].toLowerCase();
        if (word.startsWith('ma') && /(?:^|[^\p{L}\p{N}\p{M}_])(?:a|en) la ?$/iu.test(text.slice(0, match.index))) return undefined;
        if (word === 'ahora') return found(match, { meaning: { kind: 'day', days: 0, now: true } });
        return found(match, { meaning: { kind: 'day', days: word === 'hoy' ? 0 : word === 'ayer' ? -1 : 1 } });
      },
    },
    // A part of the day alone is the reference day's: "esta tarde", "al mediodía".
    {
      needs: cueKinds.daytime,
      pattern: /(?:esta ?)?(mañana|manana|tarde|medianoche|mediodia|mediodía|noche)/giu,
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const word = match[1].toLowerCase();
        // chrono's midnight was the next day's, without a part of the day.
        if (word === 'medianoche') return found(match, { meaning: { kind: 'day', days: 1, yearOpen: true } });
        const partOfDay = partsOfDay[word];
        return partOfDay && found(match, { meaning: { kind: 'day', days: 0, partOfDay, yearOpen: true } });
      },
    },
    // "en marzo", "marzo de 2022": the preposition is not part of the expression; "3 de marzo" is read above.
    {
      needs: cueKinds.month,
      pattern: new RegExp(`((?:en) ?)?(${monthPattern}) ?(?:(?:,|-|de)? ?([0-9]{1,4}(?![^\\s]\\d)))?(?=[^\\s\\w]| [^0-9]| $|$)`, 'giu'),
      read(text, match) {
        const name = match[2].toLowerCase();
        if (dayBefore.test(text.slice(Math.max(0, match.index - 24), match.index))) return undefined;
        if (lexicons.es.months[name] === undefined && match[3] === undefined) return undefined;
        const start = match.index + (match[1] ?? '').length;
        if (!startsWord(text, start) || !startsWord(text, match.index)) return undefined;
        const year = match[3] === undefined ? undefined : Number(match[3]);
        return { start, end: match.index + match[0].length, meaning: { kind: 'date', year, month: monthOf(name), yearByDay: 'first' } };
      },
    },
  ];
}

export const spanish: Grammar = {
  rules: spanishRules,
  monthRule: false,
  rangeBetween: /^\s*-\s*$/u,
  partOfDayBetween: /^ ?(?:,|de|aslas|a|a la|en la)? ?$/iu,
};
