/**
 * French for the timeline's reader (`reader.ts`): what chrono's French read, besides the rules every language has
 * from its lexicon (month names among them: "en juillet"). Dates with the day first ("le 1er mars 2022",
 * "24/05/2022"); weekdays ("lundi dernier"); days named from today ("hier soir", "cette nuit"); units counted from
 * today ("la semaine dernière", "il y a trois jours", "dans deux jours"). The text it reads is normalised: one space
 * between words, so a pattern needs no runs of spaces.
 */
import { alternation, cueKinds, lexicons, type OffsetUnit } from './lexicon';
import { bounded, dayOfMonth, found, isoDateRule, numericDateRule, startsWord, UnitAmounts, weekdayRule, writtenYear, type Grammar, type Rule, type Words } from './reader';
import type { PartOfDay } from './timex';

const monthAbbreviations: Record<string, number> = {
  jan: 1, janv: 1, fév: 2, févr: 2, fev: 2, fevr: 2, mar: 3, avr: 4, juin: 6, jun: 6, juil: 7, jul: 7, août: 8, aout: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12, déc: 12,
};
const months: Record<string, number> = { ...lexicons.fr.months, ...monthAbbreviations };
/** An abbreviated month may end in a full stop, which belongs to it ("le 3 déc. 2021"). */
const monthPattern = `(?:${alternation(Object.keys(monthAbbreviations))})\\.|${alternation(Object.keys(months))}`;

/** A year: four digits, or two from 50 to 99. */
const yearPattern = '[12][0-9]{3}|[5-9][0-9]';

/** chrono's French amounts: "quelques" was three. */
const amounts: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12, treize: 13, quelque: 3, quelques: 3,
};
/** chrono's French units: "ans" but not "an", which the lexicon's rules read. */
const units: Record<string, OffsetUnit> = { jour: 'day', jours: 'day', semaine: 'week', semaines: 'week', mois: 'month', ans: 'year', année: 'year', années: 'year' };
const unitAmounts = new UnitAmounts(amounts, units, { before: '', between: ',? ' });
const relativeWords = "prochaine?s?|derni[eè]re?s?|pass[ée]e?s?|pr[ée]c[ée]dents?|suivante?s?";

const partsOfDay: Record<string, PartOfDay | undefined> = { matin: 'MO', soir: 'EV', 'après-midi': 'AF', aprem: 'AF', 'a midi': 'MI', 'à minuit': undefined };

function frenchRules(words: Words): Rule[] {
  const weekdays = words.lexicon.weekdays;
  return [
    // "la semaine dernière", "l'année prochaine", "les trois derniers mois"
    {
      needs: cueKinds.unit,
      pattern: new RegExp(
        `(?:les?|la|l'|du|des?) ?(${alternation(Object.keys(amounts))}|[0-9]{1,3})?(?: ?(${relativeWords}))? ?(${alternation(Object.keys(units))})(?: ?(${relativeWords}))?`,
        'giu',
      ),
      read(text, match) {
        const modifier = (match[2] ?? match[4])?.toLowerCase();
        if (!modifier || !bounded(text, match)) return undefined;
        const back = /derni|pass|pr[ée]c/.test(modifier);
        const amount = match[1] === undefined ? 1 : (amounts[match[1].toLowerCase()] ?? Number(match[1]));
        return found(match, { meaning: { kind: 'shift', unit: units[match[3].toLowerCase()], amount: back ? -amount : amount } });
      },
    },
    // A part of the day alone is the reference day's: "ce matin", "cet après-midi".
    {
      needs: cueKinds.daytime,
      pattern: /(?:cet? ?)?(matin|soir|après-midi|aprem|a midi|à minuit)/giu,
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const partOfDay = partsOfDay[match[1].toLowerCase()];
        return partOfDay && found(match, { meaning: { kind: 'day', days: 0, partOfDay, yearOpen: true } });
      },
    },
    // "aujourd'hui", "hier", "maintenant", "cette nuit", "la veille"
    {
      needs: cueKinds.daytime,
      pattern: /(maintenant|aujourd'hui|demain|hier|cette ?nuit|la ?veille)/giu,
      read(text, match) {
        if (!bounded(text, match)) return undefined;
        const word = match[1].toLowerCase();
        if (word === 'maintenant') return found(match, { meaning: { kind: 'day', days: 0, now: true } });
        const days = word === 'demain' ? 1 : word === 'hier' || word.startsWith('la') ? -1 : 0;
        return found(match, { meaning: { kind: 'day', days } });
      },
    },
    isoDateRule(),
    numericDateRule(),
    // "le 1er mars 2022", "3 de mars", "du 1er au 3 mars"
    {
      needs: cueKinds.month | cueKinds.number,
      pattern: new RegExp(`([0-9]{1,2}(?:er)?)(?: ?(?:au|-|–|jusqu'au?| ) ?([0-9]{1,2}(?:er)?))?(?:-|/| ?(?:de)? ?)(${monthPattern})(?:(?:-|/|,? ?)(${yearPattern})(?![^\\s]\\d))?`, 'giu'),
      read(text, match) {
        if (!startsWord(text, match.index) || (!match[0].endsWith('.') && /[A-Za-z0-9_]/.test(text[match.index + match[0].length] ?? ''))) return undefined;
        const dayOf = (written: string) => Number(written.replace(/er$/i, ''));
        const toDay = match[2] === undefined ? undefined : dayOf(match[2]);
        return dayOfMonth(match, { day: dayOf(match[1]), toDay, month: months[match[3].toLowerCase().replace(/\.$/, '')], year: match[4] === undefined ? undefined : writtenYear(match[4]) });
      },
    },
    // "il y a trois jours"
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`il y a ?${unitAmounts.pattern}`, 'giu'),
      read: (text, match) => (bounded(text, match) ? unitAmounts.found(match, match[1], -1) : undefined),
    },
    // "dans deux jours", "de deux ans" (a date that far on; "pendant trois ans" is a duration)
    {
      needs: cueKinds.unit,
      pattern: new RegExp(`(?:dans|en|pour|pendant|de) ?${unitAmounts.pattern}`, 'giu'),
      read: (text, match) => (bounded(text, match) ? unitAmounts.found(match, match[1], 1) : undefined),
    },
    // "lundi", "lundi dernier", "ce vendredi"
    weekdayRule(weekdays, new RegExp(`(?:(ce) ?)?(${alternation(Object.keys(weekdays))})(?: ?(dernier|prochain))?`, 'giu'), (_before, after) =>
      after === 'dernier' ? 'last' : after === 'prochain' ? 'next' : 'nearest',
    ),
  ];
}

export const french: Grammar = {
  rules: frenchRules,
  monthRule: true,
  rangeBetween: /^\s*(?:à|a|au|-)\s*$/iu,
  partOfDayBetween: /^ ?(?:T|à|a|au|vers|de|,|-)? ?$/u,
};
