/**
 * The words of time the timeline's reader knows, per language (months, weekdays, seasons, quarters, durations,
 * number words, edges such as "Ende", "seit", "fino al"), and what its rules need to tell a date from a product
 * name. Words are lower case; apostrophes are straight (the extractor straightens typographic ones before reading).
 */
import type { DurationUnit, PartOfDay, Season, TimexMod } from './timex';

export const timelineLanguages = ['de', 'it', 'en', 'fr', 'es'] as const;
export type TimelineLanguage = (typeof timelineLanguages)[number];

export type OffsetUnit = 'year' | 'month' | 'week' | 'day';

export interface Lexicon {
  months: Record<string, number>;
  /** Month names that are also common words or first names: a date only with a cue (a preposition, a year). */
  ambiguousMonths: string[];
  /** Words before a month or season that belong to the expression ("im Juli", "en juillet"). */
  periodPrefixes: string[];
  /** Full weekday names; abbreviations ("Mi 11", "SA") are as often names and models, and are not read. */
  weekdays: Record<string, number>;
  /** Second halves of German compounds such as "Montagmorgen". */
  partsOfDay: Record<string, PartOfDay>;
  seasons: Record<string, Season>;
  /** Words before a season or quarter, besides `periodPrefixes` ("diesen Sommer", "l'estate", "in the first quarter"). */
  seasonPrefixes: string[];
  /** Ordinals for quarters and halves ("ersten Quartal", "primo semestre"). */
  ordinals: Record<string, number>;
  quarterWords: string[];
  halfWords: string[];
  /** Connectors between a period and its year ("Sommer des Jahres 2021", "estate del 2021", "summer of 2021"). */
  yearConnectors: string[];
  /** Words before a year that belong to the expression ("im Jahr 2022", "nel 2015"). */
  yearPrefixes: string[];
  /** Years relative to the reference, as set phrases: "dieses Jahr" 0, "l'an dernier" -1. */
  yearReferences: Record<string, number>;
  numbers: Record<string, number>;
  /** Numbers that are also articles ("ein Jahr", "un anno"): a duration only after a cue such as "seit". */
  articleNumbers: string[];
  /** Unspecified amounts ("seit vielen Jahren"): durations like `PXY`. */
  vagueAmounts: string[];
  durationUnits: Record<string, DurationUnit>;
  /** Words before a duration that belong to it ("seit fünf Jahren", "per sette anni"). */
  durationCues: string[];
  /** Set phrases for an unspecified number of years ("in den vergangenen Jahren", "negli ultimi anni"). */
  vagueYearPhrases: string[];
  /** Adjectives of length: "5-jährigen", "fünfjährige"; the stem follows a number. */
  yearAdjectiveStem?: string;
  offsetUnits: Record<string, OffsetUnit>;
  /** "vor einem Jahr", "il y a un an", "hace un año": counted back from the reference. */
  agoPrefixes: string[];
  agoSuffixes: string[];
  /** "in zwei Wochen", "dans un an": counted forward from the reference. */
  aheadPrefixes: string[];
  /** "ein Jahr später", "un anno dopo": counted from a date mentioned before (+1) or back from it (-1). */
  laterSuffixes: Record<string, 1 | -1>;
  /** Edges before a date, longest first is not required: the pattern sorts them. */
  edges: Record<string, TimexMod>;
  /** "vergangenen", "prossimo": the nearest such day or period before (-1) or after (+1) the reference. */
  directionPrefixes: Record<string, 1 | -1>;
  directionSuffixes: Record<string, 1 | -1>;
  weekWords: string[];
  /** Words that are a day or time of day on their own ("heute", "ieri", "tonight", "demain", "ayer"). */
  casualWords: string[];
  /** Units, currencies and counted nouns after a number that make it a quantity, not a year. */
  quantityNouns: string[];
}

// Shared by every language: units and currencies that follow quantities, never years.
const quantityUnits = [
  '%', '€', '$', '£', '¥', 'eur', 'euro', 'euros', 'usd', 'dollar', 'dollars', 'dollari', 'dólares', 'chf', 'yen', 'yuan',
  'mm', 'cm', 'm', 'km', 'g', 'kg', 't', 'mah', 'wh', 'kwh', 'w', 'kw', 'v', 'hz', 'mhz', 'ghz', 'mp', 'megapixel', 'pixel', 'px',
  'kb', 'mb', 'gb', 'tb', 'x', 'fps', 'dpi', 'ppi', 'nits', 'nit', 'iso', 'mal', 'volte', 'times', 'fois', 'veces',
];

const de: Lexicon = {
  months: { januar: 1, jänner: 1, februar: 2, märz: 3, maerz: 3, april: 4, mai: 5, juni: 6, juli: 7, august: 8, september: 9, oktober: 10, november: 11, dezember: 12 },
  ambiguousMonths: ['mai', 'august'],
  periodPrefixes: ['im', 'in'],
  weekdays: { montag: 1, dienstag: 2, mittwoch: 3, donnerstag: 4, freitag: 5, samstag: 6, sonnabend: 6, sonntag: 7 },
  partsOfDay: { morgen: 'MO', vormittag: 'MO', mittag: 'MI', nachmittag: 'AF', abend: 'EV', nacht: 'NI' },
  seasons: { frühling: 'SP', frühjahr: 'SP', sommer: 'SU', herbst: 'FA', winter: 'WI' },
  seasonPrefixes: ['diesen', 'diesem', 'in diesem'],
  ordinals: { ersten: 1, erstes: 1, erste: 1, zweiten: 2, zweites: 2, zweite: 2, dritten: 3, drittes: 3, dritte: 3, vierten: 4, viertes: 4, vierte: 4, '1.': 1, '2.': 2, '3.': 3, '4.': 4 },
  quarterWords: ['quartal', 'quartals', 'vierteljahr'],
  halfWords: ['halbjahr', 'halbjahres', 'jahreshälfte'],
  yearConnectors: ['des jahres', 'des jahrs'],
  yearPrefixes: ['im jahr', 'im jahre', 'des jahres'],
  yearReferences: {
    'dieses jahr': 0, 'diesem jahr': 0, 'dieses jahres': 0, 'des jahres': 0, 'laufenden jahres': 0,
    'vergangenen jahres': -1, 'letzten jahres': -1, 'vorigen jahres': -1, 'des vorjahres': -1, 'vorjahres': -1,
    'nächsten jahres': 1, 'kommenden jahres': 1, 'im kommenden jahr': 1,
  },
  numbers: {
    ein: 1, eine: 1, einem: 1, einen: 1, einer: 1, eines: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8,
    neun: 9, zehn: 10, elf: 11, zwölf: 12, fünfzehn: 15, zwanzig: 20, dreißig: 30, vierzig: 40, fünfzig: 50, hundert: 100,
  },
  articleNumbers: ['ein', 'eine', 'einem', 'einen', 'einer', 'eines'],
  vagueAmounts: ['einigen', 'einige', 'mehreren', 'mehrere', 'vielen', 'viele', 'etlichen', 'etliche', 'wenigen', 'wenige'],
  durationUnits: {
    jahr: 'Y', jahre: 'Y', jahren: 'Y', jahres: 'Y', monat: 'M', monate: 'M', monaten: 'M', monats: 'M',
    woche: 'W', wochen: 'W', tag: 'D', tage: 'D', tagen: 'D', jahrzehnt: 'DE', jahrzehnte: 'DE', jahrzehnten: 'DE',
  },
  durationCues: ['seit', 'für', 'über', 'nach', 'innerhalb von', 'binnen', 'fast', 'rund', 'knapp', 'mehr als', 'weniger als', 'etwa'],
  vagueYearPhrases: ['in den vergangenen jahren', 'in den letzten jahren', 'seit jahren', 'seit jahrzehnten', 'jahrelang', 'über jahre'],
  yearAdjectiveStem: 'jährig',
  offsetUnits: {
    jahr: 'year', jahre: 'year', jahren: 'year', monat: 'month', monate: 'month', monaten: 'month',
    woche: 'week', wochen: 'week', tag: 'day', tage: 'day', tagen: 'day',
  },
  agoPrefixes: ['vor'],
  agoSuffixes: [],
  aheadPrefixes: ['in'],
  laterSuffixes: { später: 1, danach: 1, darauf: 1, zuvor: -1, davor: -1, früher: -1 },
  edges: {
    ende: 'END', 'am ende': 'END', 'zum ende': 'END', 'gegen ende': 'END', 'bis ende': 'END', 'seit ende': 'END',
    anfang: 'START', 'zu beginn': 'START', beginn: 'START', 'seit anfang': 'START', 'bis anfang': 'START', 'ab anfang': 'START',
    mitte: 'MID', 'seit mitte': 'MID', 'bis mitte': 'MID', 'ab mitte': 'MID',
    seit: 'ON_OR_AFTER', ab: 'ON_OR_AFTER', 'seit dem': 'ON_OR_AFTER', 'ab dem': 'ON_OR_AFTER',
    bis: 'ON_OR_BEFORE', 'bis zum': 'ON_OR_BEFORE', 'bis zur': 'ON_OR_BEFORE', spätestens: 'ON_OR_BEFORE',
    vor: 'BEFORE', 'vor dem': 'BEFORE', nach: 'AFTER', 'nach dem': 'AFTER',
  },
  directionPrefixes: { vergangenen: -1, letzten: -1, vorigen: -1, kommenden: 1, nächsten: 1 },
  directionSuffixes: {},
  weekWords: ['woche', 'wochen'],
  casualWords: ['jetzt', 'heute', 'morgen', 'übermorgen', 'uebermorgen', 'gestern', 'vorgestern', 'nacht', 'vormittag', 'mittag', 'nachmittag', 'abend', 'mitternacht'],
  quantityNouns: ['stück', 'einheiten', 'mitarbeiter', 'mitarbeitern', 'menschen', 'personen', 'exemplare', 'punkte', 'seiten', 'zeichen', 'franken', 'prozent'],
};

const it: Lexicon = {
  months: { gennaio: 1, febbraio: 2, marzo: 3, aprile: 4, maggio: 5, giugno: 6, luglio: 7, agosto: 8, settembre: 9, ottobre: 10, novembre: 11, dicembre: 12 },
  ambiguousMonths: [],
  periodPrefixes: ['a', 'in', 'nel mese di', 'il mese di', 'nel'],
  weekdays: { lunedì: 1, lunedi: 1, martedì: 2, martedi: 2, mercoledì: 3, mercoledi: 3, giovedì: 4, giovedi: 4, venerdì: 5, venerdi: 5, sabato: 6, domenica: 7 },
  partsOfDay: {},
  seasons: { primavera: 'SP', estate: 'SU', autunno: 'FA', inverno: 'WI' },
  seasonPrefixes: ["quest'", 'questa', 'questo', "nell'", "l'", 'la', 'il', 'nel', 'durante il', "durante l'"],
  ordinals: { primo: 1, secondo: 2, terzo: 3, quarto: 4 },
  quarterWords: ['trimestre'],
  halfWords: ['semestre'],
  yearConnectors: ['del', 'di', "dell'anno", "nell'anno"],
  yearPrefixes: ['nel', "nell'anno"],
  yearReferences: {
    "dell'anno scorso": -1, "dell'anno passato": -1, "dello scorso anno": -1, 'del prossimo anno': 1, "dell'anno prossimo": 1,
    "di quest'anno": 0, "dell'anno in corso": 0,
  },
  numbers: {
    un: 1, uno: 1, una: 1, "un'": 1, due: 2, tre: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8, nove: 9, dieci: 10,
    undici: 11, dodici: 12, quindici: 15, venti: 20, trenta: 30, quaranta: 40, cinquanta: 50, cento: 100,
  },
  articleNumbers: ['un', 'uno', 'una', "un'"],
  vagueAmounts: ['alcuni', 'alcune', 'diversi', 'diverse', 'molti', 'molte', 'parecchi', 'parecchie', 'pochi', 'poche'],
  durationUnits: { anno: 'Y', anni: 'Y', mese: 'M', mesi: 'M', settimana: 'W', settimane: 'W', giorno: 'D', giorni: 'D', decennio: 'DE', decenni: 'DE' },
  durationCues: ['da', 'per', 'dopo', 'entro', 'circa', 'quasi', 'oltre', 'più di', 'meno di'],
  vagueYearPhrases: ['negli ultimi anni', 'negli anni scorsi', 'da anni', 'per anni', 'da decenni'],
  offsetUnits: { anno: 'year', anni: 'year', mese: 'month', mesi: 'month', settimana: 'week', settimane: 'week', giorno: 'day', giorni: 'day' },
  agoPrefixes: [],
  agoSuffixes: ['fa'],
  aheadPrefixes: ['tra', 'fra'],
  laterSuffixes: { dopo: 1, 'più tardi': 1, prima: -1 },
  edges: {
    fine: 'END', 'a fine': 'END', 'alla fine di': 'END', 'alla fine del': 'END', 'fine di': 'END', 'fine del': 'END', 'entro la fine di': 'END', 'entro la fine del': 'END', 'entro fine': 'END',
    inizio: 'START', 'a inizio': 'START', 'ad inizio': 'START', "all'inizio di": 'START', "all'inizio del": 'START', 'inizio di': 'START', 'inizio del': 'START',
    metà: 'MID', 'a metà': 'MID', 'metà di': 'MID', 'a metà di': 'MID', 'metà del': 'MID', 'a metà del': 'MID',
    dal: 'ON_OR_AFTER', "dall'": 'ON_OR_AFTER', da: 'ON_OR_AFTER', 'a partire da': 'ON_OR_AFTER', 'a partire dal': 'ON_OR_AFTER',
    'fino a': 'ON_OR_BEFORE', 'fino al': 'ON_OR_BEFORE', "fino all'": 'ON_OR_BEFORE', 'entro il': 'ON_OR_BEFORE', entro: 'ON_OR_BEFORE',
    'prima del': 'BEFORE', 'prima di': 'BEFORE', "prima dell'": 'BEFORE', 'dopo il': 'AFTER', "dopo l'": 'AFTER',
  },
  directionPrefixes: { 'lo scorso': -1, 'la scorsa': -1, 'il prossimo': 1, 'la prossima': 1 },
  directionSuffixes: { scorso: -1, scorsa: -1, passato: -1, passata: -1, prossimo: 1, prossima: 1 },
  weekWords: ['settimana', 'settimane'],
  casualWords: ['adesso', 'ora', 'oggi', 'stasera', 'stanotte', 'domani', 'dopodomani', 'ieri', 'stamattina', 'stamani', 'mattina', 'pomeriggio', 'sera', 'notte', 'mezzanotte', 'mezzogiorno'],
  quantityNouns: ['pezzi', 'unità', 'dipendenti', 'persone', 'copie', 'punti', 'pagine', 'franchi', 'per cento'],
};

const en: Lexicon = {
  months: { january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12 },
  ambiguousMonths: ['may', 'march', 'august'],
  periodPrefixes: ['in', 'during'],
  weekdays: { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 },
  partsOfDay: {},
  seasons: { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' },
  seasonPrefixes: ['this', 'in the', 'during the', 'the'],
  ordinals: { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 },
  quarterWords: ['quarter'],
  halfWords: ['half'],
  yearConnectors: ['of'],
  yearPrefixes: ['in', 'in the year'],
  yearReferences: {},
  numbers: {
    a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
    fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
  },
  articleNumbers: ['a', 'an'],
  vagueAmounts: ['several', 'many', 'some', 'a few'],
  durationUnits: { year: 'Y', years: 'Y', month: 'M', months: 'M', week: 'W', weeks: 'W', day: 'D', days: 'D', decade: 'DE', decades: 'DE' },
  durationCues: ['for', 'over', 'after', 'within', 'nearly', 'almost', 'about', 'more than', 'less than'],
  vagueYearPhrases: ['in recent years', 'for years', 'over the years', 'for decades', 'over the past years', 'over the last years'],
  yearAdjectiveStem: 'year',
  offsetUnits: { year: 'year', years: 'year', month: 'month', months: 'month', week: 'week', weeks: 'week', day: 'day', days: 'day' },
  agoPrefixes: [],
  agoSuffixes: ['ago'],
  aheadPrefixes: ['in'],
  laterSuffixes: { later: 1, after: 1, afterwards: 1, earlier: -1, before: -1 },
  edges: {
    'end of': 'END', 'the end of': 'END', 'by the end of': 'END', late: 'END', 'late in': 'END',
    'beginning of': 'START', 'the beginning of': 'START', 'start of': 'START', 'the start of': 'START', early: 'START', 'early in': 'START',
    mid: 'MID', 'mid-': 'MID', 'middle of': 'MID', 'the middle of': 'MID',
    since: 'ON_OR_AFTER', from: 'ON_OR_AFTER', 'starting in': 'ON_OR_AFTER',
    until: 'ON_OR_BEFORE', till: 'ON_OR_BEFORE', through: 'ON_OR_BEFORE', by: 'ON_OR_BEFORE',
    before: 'BEFORE', after: 'AFTER',
  },
  directionPrefixes: { last: -1, past: -1, next: 1, coming: 1 },
  directionSuffixes: {},
  weekWords: ['week', 'weeks'],
  casualWords: ['now', 'today', 'tonight', 'tomorrow', 'overmorrow', 'tmr', 'tmrw', 'yesterday', 'night', 'morning', 'afternoon', 'evening', 'midnight', 'midday', 'noon'],
  quantityNouns: ['units', 'employees', 'people', 'copies', 'points', 'pages', 'francs', 'percent', 'per cent'],
};

const fr: Lexicon = {
  months: { janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12 },
  ambiguousMonths: ['mars'],
  periodPrefixes: ['en', 'au mois de', 'le mois de', 'courant'],
  weekdays: { lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6, dimanche: 7 },
  partsOfDay: {},
  seasons: { printemps: 'SP', été: 'SU', automne: 'FA', hiver: 'WI' },
  seasonPrefixes: ['cet', 'cette', 'ce', "l'", 'au', 'le', 'du'],
  ordinals: { premier: 1, deuxième: 2, second: 2, troisième: 3, quatrième: 4 },
  quarterWords: ['trimestre'],
  halfWords: ['semestre'],
  yearConnectors: ['de', "de l'année"],
  yearPrefixes: ['en', "en l'an", "en l'année"],
  yearReferences: {
    'cette année': 0, "l'an dernier": -1, "l'an passé": -1, "l'année passée": -1, "l'an prochain": 1,
    "de l'année dernière": -1, "de l'an dernier": -1, "de l'année prochaine": 1, 'de cette année': 0,
  },
  numbers: {
    un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12,
    quinze: 15, vingt: 20, trente: 30, quarante: 40, cinquante: 50, cent: 100,
  },
  articleNumbers: ['un', 'une'],
  vagueAmounts: ['plusieurs', 'quelques', 'nombreuses', 'nombreux'],
  durationUnits: { an: 'Y', ans: 'Y', année: 'Y', années: 'Y', mois: 'M', semaine: 'W', semaines: 'W', jour: 'D', jours: 'D', décennie: 'DE', décennies: 'DE' },
  durationCues: ['depuis', 'pendant', 'durant', 'après', 'en', "d'ici", 'près de', 'environ', 'plus de', 'moins de'],
  vagueYearPhrases: ['ces dernières années', 'depuis des années', 'pendant des années', 'depuis des décennies'],
  offsetUnits: { an: 'year', ans: 'year', année: 'year', années: 'year', mois: 'month', semaine: 'week', semaines: 'week', jour: 'day', jours: 'day' },
  agoPrefixes: ['il y a'],
  agoSuffixes: [],
  aheadPrefixes: ['dans'],
  laterSuffixes: { 'plus tard': 1, après: 1, 'plus tôt': -1, auparavant: -1, avant: -1 },
  edges: {
    fin: 'END', 'à la fin de': 'END', 'à la fin du': 'END', 'fin de': 'END', 'fin du': 'END', "d'ici la fin de": 'END',
    début: 'START', 'au début de': 'START', 'au début du': 'START', 'début de': 'START', 'début du': 'START',
    'mi-': 'MID', 'à la mi-': 'MID', 'au milieu de': 'MID',
    depuis: 'ON_OR_AFTER', dès: 'ON_OR_AFTER', 'à partir de': 'ON_OR_AFTER', 'à partir du': 'ON_OR_AFTER', 'depuis le': 'ON_OR_AFTER',
    "jusqu'à": 'ON_OR_BEFORE', "jusqu'au": 'ON_OR_BEFORE', "jusqu'en": 'ON_OR_BEFORE', "d'ici": 'ON_OR_BEFORE',
    avant: 'BEFORE', 'avant le': 'BEFORE', après: 'AFTER', 'après le': 'AFTER',
  },
  directionPrefixes: {},
  directionSuffixes: { dernier: -1, dernière: -1, passé: -1, passée: -1, prochain: 1, prochaine: 1 },
  weekWords: ['semaine', 'semaines'],
  casualWords: ['maintenant', "aujourd'hui", 'demain', 'hier', 'nuit', 'veille', 'matin', 'soir', 'après-midi', 'aprem', 'midi', 'minuit'],
  quantityNouns: ['unités', 'employés', 'salariés', 'personnes', 'exemplaires', 'points', 'pages', 'francs', 'pour cent'],
};

const es: Lexicon = {
  months: { enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12 },
  ambiguousMonths: [],
  periodPrefixes: ['en', 'el mes de'],
  weekdays: { lunes: 1, martes: 2, miércoles: 3, miercoles: 3, jueves: 4, viernes: 5, sábado: 6, sabado: 6, domingo: 7 },
  partsOfDay: {},
  seasons: { primavera: 'SP', verano: 'SU', otoño: 'FA', invierno: 'WI' },
  seasonPrefixes: ['este', 'esta', 'el', 'en el', 'durante el'],
  ordinals: { primer: 1, primero: 1, segundo: 2, tercer: 3, tercero: 3, cuarto: 4 },
  quarterWords: ['trimestre'],
  halfWords: ['semestre'],
  yearConnectors: ['de', 'del'],
  yearPrefixes: ['en', 'en el año'],
  yearReferences: {
    'este año': 0, 'el año pasado': -1, 'el pasado año': -1, 'el próximo año': 1, 'el año próximo': 1, 'el año que viene': 1,
    'del año pasado': -1, 'de este año': 0, 'del próximo año': 1,
  },
  numbers: {
    un: 1, uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12,
    quince: 15, veinte: 20, treinta: 30, cuarenta: 40, cincuenta: 50, cien: 100,
  },
  articleNumbers: ['un', 'una'],
  vagueAmounts: ['varios', 'varias', 'muchos', 'muchas', 'algunos', 'algunas'],
  durationUnits: { año: 'Y', años: 'Y', mes: 'M', meses: 'M', semana: 'W', semanas: 'W', día: 'D', días: 'D', década: 'DE', décadas: 'DE' },
  durationCues: ['desde hace', 'durante', 'por', 'tras', 'después de', 'casi', 'más de', 'menos de'],
  vagueYearPhrases: ['en los últimos años', 'desde hace años', 'durante años', 'durante décadas'],
  offsetUnits: { año: 'year', años: 'year', mes: 'month', meses: 'month', semana: 'week', semanas: 'week', día: 'day', días: 'day' },
  agoPrefixes: ['hace'],
  agoSuffixes: [],
  aheadPrefixes: ['dentro de'],
  laterSuffixes: { después: 1, 'más tarde': 1, antes: -1 },
  edges: {
    'finales de': 'END', 'a finales de': 'END', 'fin de': 'END', 'a fin de': 'END', 'finales del': 'END', 'a finales del': 'END',
    'principios de': 'START', 'a principios de': 'START', 'comienzos de': 'START', 'inicios de': 'START', 'principios del': 'START', 'a principios del': 'START',
    'mediados de': 'MID', 'a mediados de': 'MID', 'mediados del': 'MID', 'a mediados del': 'MID',
    desde: 'ON_OR_AFTER', 'a partir de': 'ON_OR_AFTER', 'a partir del': 'ON_OR_AFTER', 'desde el': 'ON_OR_AFTER',
    hasta: 'ON_OR_BEFORE', 'hasta el': 'ON_OR_BEFORE',
    'antes de': 'BEFORE', 'antes del': 'BEFORE', 'después de': 'AFTER', 'después del': 'AFTER',
  },
  directionPrefixes: { 'el pasado': -1, 'el próximo': 1, 'la pasada': -1, 'la próxima': 1 },
  directionSuffixes: { pasado: -1, pasada: -1, próximo: 1, próxima: 1, 'que viene': 1 },
  weekWords: ['semana', 'semanas'],
  casualWords: ['ahora', 'hoy', 'mañana', 'manana', 'ayer', 'tarde', 'medianoche', 'mediodia', 'mediodía', 'noche'],
  quantityNouns: ['unidades', 'empleados', 'personas', 'ejemplares', 'puntos', 'páginas', 'francos', 'por ciento'],
};

export const lexicons: Record<TimelineLanguage, Lexicon> = { de, it, en, fr, es };

export function quantityWords(lexicon: Lexicon): string[] {
  return [...quantityUnits, ...lexicon.quantityNouns];
}

/** The timeline language of a BCP 47 tag (`de-CH` → `de`), or undefined when it has none. */
export function timelineLanguage(tag: string): TimelineLanguage | undefined {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return (timelineLanguages as readonly string[]).includes(primary) ? (primary as TimelineLanguage) : undefined;
}

/**
 * Each place (flag g) a date may stand: a number that can be a year or part of a numeric date, a quarter or half
 * ("Q3", "H1"), or the start of a word that heads a time expression (a month and its three-letter abbreviation, a
 * weekday, a season, a unit of time, a casual word, a year reference). Prefixes, edges, directions, number words and
 * other numbers never make a date without one of these ("am 24. Mai", "vor 3 Jahren": the month or unit is the
 * cue), so text far from any is not read.
 */
export function dateTriggerPattern(lexicon: Lexicon): RegExp {
  let pattern = dateTriggerPatterns.get(lexicon);
  if (!pattern) dateTriggerPatterns.set(lexicon, (pattern = buildDateTriggerPattern(lexicon)));
  return pattern;
}

const dateTriggerPatterns = new Map<Lexicon, RegExp>();

// A year ("2016", "1990er"), a numeric date ("24.05.2022", "2022-05-24", "24/5"), a quarter or half ("Q3").
const dateNumber = String.raw`(?<!\d)(?:\d{4}(?!\d)|\d{1,4}[./-]\d)|(?<![\p{L}\p{N}])[QH][1-4](?!\d)`;

function buildDateTriggerPattern(lexicon: Lexicon): RegExp {
  const months = Object.keys(lexicon.months);
  const words = [
    ...months,
    ...Object.keys(lexicon.weekdays),
    ...Object.keys(lexicon.partsOfDay),
    ...Object.keys(lexicon.seasons),
    ...lexicon.quarterWords,
    ...lexicon.halfWords,
    ...Object.keys(lexicon.durationUnits),
    ...Object.keys(lexicon.offsetUnits),
    ...lexicon.weekWords,
    ...lexicon.casualWords,
    ...(lexicon.yearAdjectiveStem ? [lexicon.yearAdjectiveStem] : []),
  ];
  // A month's abbreviation ("Dez.", "sett", "janv") is any start of its name of three letters or more, as a whole
  // word: "mar" alone would cue every "Markt" and "marchio", "dic" every "dice", each a window for the reader.
  const abbreviations = months.flatMap((m) => Array.from({ length: Math.max(0, m.length - 3) }, (_, i) => m.slice(0, 3 + i)));
  // No empty alternative: it would match nothing at every place, and the global search would never move on.
  const wholeWords = (tail: string) => (abbreviations.length > 0 ? `|(?:${alternation(abbreviations)})${tail}` : '');
  // A year reference needs a cue only when none of its words is one already ("vorjahres"; not "dell'anno scorso").
  const headsDate = new RegExp(`^(?:${alternation(words)}${wholeWords('$')})`, 'iu');
  for (const phrase of Object.keys(lexicon.yearReferences)) {
    const phraseWords = phrase.split(/[\s']+/);
    if (!phraseWords.some((w) => headsDate.test(w))) words.push(...phraseWords.filter((w) => w.length >= 4));
  }
  return new RegExp(`${dateNumber}|(?<![\\p{L}])(?:${alternation(words)}${wholeWords('(?![\\p{L}])')})`, 'giu');
}

/** Kinds of date cue, as bits: which of a reader's rules a stretch of text with such cues can match. */
export const cueKinds = {
  /** Four digits alone ("2016"). */
  year: 1,
  month: 2,
  weekday: 4,
  daytime: 8,
  season: 16,
  quarter: 32,
  unit: 64,
  /** Digits joined to more by a dot, slash or hyphen ("24.05", "5/2022"'s "5/2", "2022-05-24"'s "05-2"). */
  numericDate: 128,
  /** A quarter or half as a code ("Q3", "H1"). */
  periodCode: 256,
  /** Any of the three kinds of number above, for a rule that reads several. */
  number: 1 | 128 | 256,
} as const;
export const everyCueKind = 511;

const cueKindMaps = new Map<Lexicon, Map<string, number>>();

/** The kinds of a cue the trigger pattern found (its text as matched); every kind for one it does not know. */
export function cueKindOf(lexicon: Lexicon, cue: string): number {
  if (/^[qh]\d/i.test(cue)) return cueKinds.periodCode;
  // A cue of four digits is a year; one of digits and a separator has at most three before it (`dateNumber`).
  if (/^\d/.test(cue)) return cue.length === 4 && /^\d{4}$/.test(cue) ? cueKinds.year : cueKinds.numericDate;
  let kinds = cueKindMaps.get(lexicon);
  if (!kinds) cueKindMaps.set(lexicon, (kinds = buildCueKinds(lexicon)));
  return kinds.get(cue.toLowerCase()) ?? everyCueKind;
}

function buildCueKinds(lexicon: Lexicon): Map<string, number> {
  const kinds = new Map<string, number>();
  const add = (words: Iterable<string>, kind: number) => {
    for (const word of words) kinds.set(word, (kinds.get(word) ?? 0) | kind);
  };
  const months = Object.keys(lexicon.months);
  add(months.flatMap((m) => Array.from({ length: m.length - 2 }, (_, i) => m.slice(0, 3 + i))), cueKinds.month);
  add(Object.keys(lexicon.weekdays), cueKinds.weekday);
  add([...Object.keys(lexicon.partsOfDay), ...lexicon.casualWords], cueKinds.daytime);
  add(Object.keys(lexicon.seasons), cueKinds.season);
  add([...lexicon.quarterWords, ...lexicon.halfWords], cueKinds.quarter);
  const yearReferenceWords = Object.keys(lexicon.yearReferences).flatMap((phrase) => phrase.split(/[\s']+/));
  add([...Object.keys(lexicon.durationUnits), ...Object.keys(lexicon.offsetUnits), ...lexicon.weekWords, ...yearReferenceWords, ...(lexicon.yearAdjectiveStem ? [lexicon.yearAdjectiveStem] : [])], cueKinds.unit);
  return kinds;
}

/** A regex alternation of words, longest first so that "bis zum" wins over "bis"; spaces match any whitespace. */
export function alternation(words: Iterable<string>): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}
