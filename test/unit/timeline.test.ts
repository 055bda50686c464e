// Temporal expressions: normalisation per language against a given article date, the three ways of anchoring
// relative expressions, the article date, and the golden timeline of the five seeds.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseArticle } from '../../server/src/core/article';
import { articleDate, extractTemporalExpressions } from '../../server/src/core/timeline';

/** Each sentence with the expressions expected in it, as `text → value` or `text → value MOD`. */
type Table = Array<[string, ...string[]]>;

function written(sentence: string, language: string, anchor?: string): string[] {
  return extractTemporalExpressions(sentence, { language, anchor }).map((e) => `${e.text} → ${e.value}${e.mod ? ` ${e.mod}` : ''}`);
}

function checkTable(language: string, table: Table) {
  for (const [sentence, ...expected] of table) {
    test(sentence, () => assert.deepEqual(written(sentence, language, '2022-05-24'), expected));
  }
}

// The article date of every table: Tuesday, 24 May 2022 (the date of seed 004).
describe('normalisation, German', () => {
  checkTable('de', [
    ['Das erste Gerät soll im Juli auf den Markt kommen.', 'im Juli → 2022-07'],
    ['Die Zusammenarbeit hatte Leica 2016 verkündet.', '2016 → 2016'],
    ['Beweise für das Ende der Zusammenarbeit Ende März.', 'Ende März → 2022-03 END'],
    ['Der Hersteller verneinte vergangenes Jahr ein Ende.', 'vergangenes Jahr → 2021'],
    ['Leica ist seit fünf Jahren Partner von Huawei.', 'seit fünf Jahren → P5Y'],
    ['Am 24-05-2022 wurde es bekannt.', '24-05-2022 → 2022-05-24'],
    ['Xiaomi hat heute offiziell bestätigt.', 'heute → 2022-05-24'],
    ['Die Nachricht wurde am Montagmorgen bekannt gegeben.', 'am Montagmorgen → 2022-05-23TMO'],
    ['Gerüchte über das Ende der Partnerschaft vor einem Jahr.', 'vor einem Jahr → 2021'],
    ['Im vergangenen Sommer ging Leica eine Partnerschaft ein.', 'Im vergangenen Sommer → 2021-SU'],
    ['Seit 2016 kooperiert Huawei mit Leica.', 'Seit 2016 → 2016 ON_OR_AFTER'],
    ['Smartphones, die im Jahr 2022 erschienen sind.', 'im Jahr 2022 → 2022'],
    ['Am 3. März 2021 begann es.', 'Am 3. März 2021 → 2021-03-03'],
    ['Im Juli 2022 kommt es in den Handel.', 'Im Juli 2022 → 2022-07'],
    ['Gestern Abend sprach er darüber.', 'Gestern Abend → 2022-05-23TEV'],
    ['Anfang 2023 soll der Nachfolger kommen.', 'Anfang 2023 → 2023 START'],
    ['Bis Mitte Juni bleibt der Preis.', 'Bis Mitte Juni → 2022-06 MID'],
    ['Im ersten Quartal 2022 stieg der Umsatz.', 'Im ersten Quartal 2022 → 2022-Q1'],
    ['In diesem Jahr wächst der Markt.', 'In diesem Jahr → 2022'],
    ['Am vergangenen Freitag kam die Meldung.', 'Am vergangenen Freitag → 2022-05-20'],
    ['Ab Juli ist es erhältlich.', 'Ab Juli → 2022-07 ON_OR_AFTER'],
    ['Mitte Juli dieses Jahres kommt es.', 'Mitte Juli dieses Jahres → 2022-07 MID'],
    ['Vor zwei Wochen war es so weit.', 'Vor zwei Wochen → 2022-W19'],
    ['Der Umsatz stieg von 2016 bis 2018.', '2016 → 2016 ON_OR_AFTER', '2018 → 2018 ON_OR_BEFORE'],
    ['Er kam im August, nicht im Mai.', 'im August → 2022-08', 'im Mai → 2022-05'],
    ['Ihrer bislang 5-jährigen Partnerschaft.', '5-jährigen → P5Y'],
    // Abbreviated months are read; a word that merely starts like one ("Markt", "Dezernat") is no cue.
    ['Am 3. Dez. 2021 begann es.', 'Am 3. Dez. 2021 → 2021-12-03'],
    ['Das Gerät kommt am 5. Sept. in den Handel.', 'am 5. Sept. → 2022-09-05'],
    ['Am 12. Okt kam die Meldung.', 'Am 12. Okt → 2022-10-12'],
    ['Das Dezernat prüft den Markt.'],
  ]);
});

// German is read by the timeline's own reader (reader.ts, grammar-de.ts), not by chrono: the forms chrono read, read alike.
describe('normalisation, German: more of what the reader reads', () => {
  checkTable('de', [
    ['Heute Morgen kam das Gerät.', 'Heute Morgen → 2022-05-24TMO'],
    ['Gestern Nachmittag kam das Gerät.', 'Gestern Nachmittag → 2022-05-23TAF'],
    ['Übermorgen kommt das Gerät.', 'Übermorgen → 2022-05-26'],
    ['Letzte Nacht kam das Gerät.', 'Letzte Nacht → 2022-05-23'],
    ['Am Dienstag kommt das Gerät.', 'Am Dienstag → 2022-05-24'],
    ['Am Sonntag kam das Gerät.', 'Am Sonntag → 2022-05-22'],
    ['Letzten Montag kam das Gerät.', 'Letzten Montag → 2022-05-23'],
    ['Nächsten Montag kommt das Gerät.', 'Nächsten Montag → 2022-05-30'],
    ['Am Dienstag, den 24. Mai 2022, kam es.', 'Am Dienstag, den 24. Mai 2022 → 2022-05-24'],
    ['Letzte Woche kam das Gerät.', 'Letzte Woche → 2022-W20'],
    ['Nächsten Monat kommt das Gerät.', 'Nächsten Monat → 2022-06'],
    ['Seit letztem Jahr läuft es.', 'Seit letztem Jahr → 2021 ON_OR_AFTER'],
    ['In drei Tagen kommt das Gerät.', 'In drei Tagen → 2022-05-27'],
    ['Vor fünf Monaten kam das Gerät.', 'Vor fünf Monaten → 2021-12'],
    ['Es war der 24.05.2022.', '24.05.2022 → 2022-05-24'],
    ['Am 2022-05-24 wurde es bekannt.', '2022-05-24 → 2022-05-24'],
    ['Am 24.5.22 wurde es bekannt.', '24.5.22 → 2022-05-24'],
    ['Die Version 1.5.22 kam.'],
    ['Am 24.5. wurde es bekannt.'],
    ['Im März letzten Jahres kam es.', 'Im März letzten Jahres → 2021-03'],
    ['Im Juli des Vorjahres kam es.', 'Im Juli des Vorjahres → 2021-07'],
    ['Im zweiten Halbjahr 2022 kommt es.', 'Im zweiten Halbjahr 2022 → 2022-H2'],
    ['Q3 2022 war stark.', 'Q3 2022 → 2022-Q3'],
    ['Das Modell 2016 war stark, die RTX 2080 auch.'],
    ['Es kostet 2016 Euro.'],
    ['Von März bis Juni war Messe.', 'März → 2022-03 ON_OR_AFTER', 'Juni → 2022-06 ON_OR_BEFORE'],
    ['Seit dem 3. März 2021 läuft es.', 'Seit dem 3. März 2021 → 2021-03-03 ON_OR_AFTER'],
    ['Am 30. Dezember kam es.', 'Am 30. Dezember → 2021-12-30'],
    ['Die fünfjährige Partnerschaft begann 2016.', 'fünfjährige → P5Y', '2016 → 2016'],
    // An abbreviated weekday is as often a name ("Leica Camera SA"), even before a date.
    ['Die Leica Camera SA am 9. Februar 2020 meldete es.', 'am 9. Februar 2020 → 2020-02-09'],
    // An impossible day is no date, nor is its month alone.
    ['Am 31. Februar kam es.'],
    ['Am Montag Abend kam es.', 'Am Montag Abend → 2022-05-23TEV'],
    ['Am 3. März Abend kam es.', 'Am 3. März Abend → 2022-03-03TEV'],
  ]);

  test('the end of a range without a year is not before its start', () => {
    assert.deepEqual(written('Vom 3. Juli bis zum 5. Juli war Messe.', 'de', '2022-01-02'), ['3. Juli → 2022-07-03 ON_OR_AFTER', 'zum 5. Juli → 2022-07-05 ON_OR_BEFORE']);
  });

  test('a weekday moved by a direction word is still a weekday when nothing resolves it', () => {
    const [expression] = extractTemporalExpressions('Titel\n\nAm vergangenen Freitag kam die Meldung.', { language: 'de' });
    assert.equal(`${expression.text} → ${expression.value} ${expression.anchor}`, 'Am vergangenen Freitag → XXXX-WXX-5 unresolved');
  });

  test('a year in a range stays what it says when the other end is relative', () => {
    assert.deepEqual(written('Titel\n\nVon 2016 bis heute lief es.', 'de'), ['2016 → 2016 ON_OR_AFTER', 'heute → XXXX-XX-XX ON_OR_BEFORE']);
  });
});

describe('normalisation, Italian', () => {
  checkTable('it', [
    ['Il lancio è previsto per luglio di quest’anno.', 'luglio di quest’anno → 2022-07'],
    ['Si è conclusa il 31 marzo scorso.', 'il 31 marzo scorso → 2022-03-31'],
    ['La collaborazione, iniziata nel 2015, è finita.', 'nel 2015 → 2015'],
    ['Secondo quanto annunciato lunedì.', 'lunedì → 2022-05-23'],
    ['Oggi Xiaomi annuncia la partnership.', 'Oggi → 2022-05-24'],
    ["L'anno scorso Huawei perse la licenza.", "L'anno scorso → 2021"],
    ['Il prossimo anno arriva il nuovo modello.', 'Il prossimo anno → 2023'],
    ['Dopo una partnership di sette anni.', 'sette anni → P7Y'],
    ['A luglio arriva il telefono.', 'luglio → 2022-07'],
    ['Sarà disponibile fino al 31 marzo.', 'fino al 31 marzo → 2022-03-31 ON_OR_BEFORE'],
    ['Il 24 maggio 2022 è uscito il comunicato.', 'Il 24 maggio 2022 → 2022-05-24'],
    ['Ieri sera ha parlato il CEO.', 'Ieri sera → 2022-05-23TEV'],
    ['Dal 2016 collaborano.', 'Dal 2016 → 2016 ON_OR_AFTER'],
    ['Entro la fine del 2022 arriverà.', 'Entro la fine del 2022 → 2022 END'],
    ["Nell'estate del 2021 fu presentato.", "Nell'estate del 2021 → 2021-SU"],
    ['La settimana scorsa è stato annunciato.', 'La settimana scorsa → 2022-W20'],
    ['Tre giorni fa è arrivata la conferma.', 'Tre giorni fa → 2022-05-21'],
    ['A fine marzo si è chiusa.', 'A fine marzo → 2022-03 END'],
    ["All'inizio di luglio arriva.", "All'inizio di luglio → 2022-07 START"],
    ['Nel primo trimestre del 2022 è cresciuta.', 'Nel primo trimestre del 2022 → 2022-Q1'],
    ['Negli ultimi anni è cresciuta.', 'Negli ultimi anni → PXY'],
    ["L'estate scorsa è uscito.", "L'estate scorsa → 2021-SU"],
    ['Il lancio è previsto per luglio, secondo quanto annunciato.', 'luglio → 2022-07'],
    // chrono reads the "mar" of a name as March; an expression starts and ends with a word.
    ['Il titolo di Delmar è salito nel 2019.', 'nel 2019 → 2019'],
    ['Delmar ha presentato a marzo il nuovo Delmar Aura.', 'marzo → 2022-03'],
    ['Il 3 dic. 2021 è iniziato.', 'Il 3 dic. 2021 → 2021-12-03'],
    ['Il lancio è fissato per il 5 sett.', 'il 5 sett. → 2022-09-05'],
    ['Il marchio dice che il mercato ottico cresce.'],
    // A name that starts like an abbreviated month ("Mar") was read as March while "mar" was a cue on its own.
    ['Secondo Mardel Today, il fatturato è cresciuto.'],
  ]);
});

// Italian is read by the timeline's own reader too: the forms chrono read there, read alike.
describe('normalisation, Italian: more of what the reader reads', () => {
  checkTable('it', [
    ['Domani arriva il telefono.', 'Domani → 2022-05-25'],
    ['Stasera arriva il telefono.', 'Stasera → 2022-05-24TNI'],
    ['Stamattina è arrivato il telefono.', 'Stamattina → 2022-05-24TMO'],
    ['Ieri notte è arrivato il telefono.', 'Ieri notte → 2022-05-23TEV'],
    ['Lunedì mattina è uscito.', 'Lunedì mattina → 2022-05-23TMO'],
    ['Martedì prossimo arriva il telefono.', 'Martedì prossimo → 2022-05-31'],
    ['Questo venerdì arriva il telefono.', 'Questo venerdì → 2022-05-27'],
    ['Sabato, 3 marzo 2018, è arrivato il telefono.', 'Sabato, 3 marzo 2018 → 2018-03-03'],
    ['Il primo marzo è uscito.', 'Il primo marzo → 2022-03-01'],
    ['Il 1° marzo è uscito.', 'Il 1° marzo → 2022-03-01'],
    ['Il 3 di marzo è uscito.', 'Il 3 di marzo → 2022-03-03'],
    ['Il Mar 3 è uscito.', 'Mar 3 → 2022-03-03'],
    ['Il 24/05/2022 è uscito.', '24/05/2022 → 2022-05-24'],
    ['Il 5/2022 è uscito.', '5/2022 → 2022-05'],
    ['Marzo del 2022 è stato buono.', 'Marzo del 2022 → 2022-03'],
    ['Il mese scorso è uscito.', 'Il mese scorso → 2022-04'],
    ['Questo mese esce.', 'Questo mese → 2022-05'],
    ['Questa settimana esce.'],
    ['Alcuni mesi fa è uscito.', 'Alcuni mesi fa → 2021-10'],
    ['Due anni e tre mesi fa è uscito.', 'Due anni e tre mesi fa → 2020-02'],
    ['Tra due giorni esce.', 'Tra due giorni → 2022-05-26'],
    ['In due anni è cresciuto.', 'In due anni → 2024'],
    ['Per tre anni è cresciuto.', 'Per tre anni → P3Y'],
    ['Entro tre mesi esce.', 'Entro tre mesi → P3M'],
    ['Dal 2016 al 2018 è cresciuto.', '2016 → 2016 ON_OR_AFTER', '2018 → 2018 ON_OR_BEFORE'],
    ['Nel nostro mar Mediterraneo del mar Nero.'],
    // A part of the day joins the day before it, which keeps its own date.
    ['Il 3 marzo sera è uscito.', 'Il 3 marzo sera → 2022-03-03TEV'],
    // "un'ora" is an hour, not "ora" (now); a weekday's text stops before a comma after it.
    ["Un'ora fa è uscito."],
    ['Il 25 maggio, mercoledì, esce.', 'Il 25 maggio → 2022-05-25', 'mercoledì → 2022-05-25'],
    // An abbreviated month alone is as often a weekday ("mar." is Tuesday too) or a word.
    ['La mar. sera esce.', 'sera → 2022-05-24TEV'],
    ['Il 31 febbraio è uscito.'],
  ]);

  test('the end of a range of weekdays is the next such day after its start', () => {
    assert.deepEqual(written('Dal lunedì al venerdì collaborano.', 'it', '2022-01-02'), ['lunedì → 2022-01-03 ON_OR_AFTER', 'venerdì → 2022-01-07 ON_OR_BEFORE']);
  });
});

describe('normalisation, English', () => {
  checkTable('en', [
    ['The first phone arrives in July.', 'July → 2022-07'],
    ['Leica announced it in 2016.', 'in 2016 → 2016'],
    ['At the end of March they split.', 'end of March → 2022-03 END'],
    ['Last year Huawei denied it.', 'Last year → 2021'],
    ['They have been partners for five years.', 'for five years → P5Y'],
    ['On 6 July 2022 it launched.', 'On 6 July 2022 → 2022-07-06'],
    ['Today Xiaomi confirmed the partnership.', 'Today → 2022-05-24'],
    ['The news came on Monday morning.', 'on Monday morning → 2022-05-23TMO'],
    ['A year ago the partnership ended.', 'A year ago → 2021'],
    ['Last summer Leica partnered with Sharp.', 'Last summer → 2021-SU'],
    ['Since 2016 they have cooperated.', 'Since 2016 → 2016 ON_OR_AFTER'],
    ['Next year a successor comes.', 'Next year → 2023'],
    ['The offer runs until 31 March 2022.', 'until 31 March 2022 → 2022-03-31 ON_OR_BEFORE'],
    ['Early March the talks ended.', 'Early March → 2022-03 START'],
    ['Sales grew in the first quarter of 2022.', 'in the first quarter of 2022 → 2022-Q1'],
    ['This year the market grows.', 'This year → 2022'],
    ['In May 2022 it was announced.', 'May 2022 → 2022-05'],
    ['Three days ago it was confirmed.', 'Three days ago → 2022-05-21'],
    ['In recent years it has grown.', 'In recent years → PXY'],
    ['A five-year partnership ended.', 'five-year → P5Y'],
    ['Prices rise from mid-June 2021.', 'mid-June 2021 → 2021-06 MID'],
    ['Last week he said so.', 'Last week → 2022-W20'],
    // A number is a year only where nothing after it says otherwise, however far the words that cue a date lie.
    ['The Xepre Aero 14 will cost around 1999 dollars in the United States and will be available in stores in July.', 'July → 2022-07'],
    ['It began on Dec 3, 2021.', 'Dec 3, 2021 → 2021-12-03'],
    ['The phone ships on Sept 5.', 'Sept 5 → 2022-09-05'],
    ['The market decision came fast.'],
  ]);
});

// English is read by the timeline's own reader too: the forms chrono read there, read alike.
describe('normalisation, English: more of what the reader reads', () => {
  checkTable('en', [
    ['Yesterday evening he spoke.', 'Yesterday evening → 2022-05-23TEV'],
    ['Tonight the phone arrives.', 'Tonight → 2022-05-24TNI'],
    ['Next Friday the phone arrives.', 'Next Friday → 2022-06-03'],
    ['On Saturday, March 3, 2018, it arrived.', 'On Saturday, March 3, 2018 → 2018-03-03'],
    ['March 3rd it arrived.', 'March 3rd → 2022-03-03'],
    ['On the 3rd of March it arrived.', '3rd of March → 2022-03-03'],
    ['On 05/24/2022 it arrived.', '05/24/2022 → 2022-05-24'],
    ['On 24/05/2022 it arrived.', '24/05/2022 → 2022-05-24'],
    ['In March of 2022 it arrived.', 'March of 2022 → 2022-03'],
    ['This week it arrives.'],
    ['A few days ago it arrived.', 'A few days ago → 2022-05-21'],
    ['Two years and three months ago it arrived.', 'Two years and three months ago → 2020-02'],
    ['Within three months it arrives.', 'Within three months → P3M'],
    ['From Monday to Friday it grew.', 'Monday → 2022-05-23 ON_OR_AFTER', 'Friday → 2022-05-27 ON_OR_BEFORE'],
    ['It may arrive in May.', 'May → 2022-05'],
    ['They march in March.', 'March → 2022-03'],
    ['By the end of 2022 it arrives.', 'By the end of 2022 → 2022 END'],
    ['March last year was good.', 'March last year → 2021-03'],
    ['Dec. 3, 2021 it arrived.', 'Dec. 3, 2021 → 2021-12-03'],
    ['On February 31 it arrived.'],
    // An abbreviated weekday is no weekday, even before a date; a weekday's text stops before a comma after it.
    ['On Sat, March 3 it arrived.', 'March 3 → 2022-03-03'],
    ['May 25, Wednesday, it arrives.', 'May 25 → 2022-05-25', 'Wednesday → 2022-05-25'],
  ]);

  test('"end of" a month takes the year that puts its last day closest', () => {
    assert.deepEqual(written('It runs until the end of February.', 'en', '2024-08-14'), ['end of February → 2024-02 END']);
  });
});

describe('normalisation, French', () => {
  checkTable('fr', [
    ['Le 23 mai 2022, Leica a annoncé un partenariat.', '23 mai 2022 → 2022-05-23'],
    ['Le téléphone arrive en juillet.', 'en juillet → 2022-07'],
    ['Leica a signé avec Huawei en 2016.', 'en 2016 → 2016'],
    ["L'année dernière Huawei l'a nié.", "L'année dernière → 2021"],
    ["L'an prochain il arrive.", "L'an prochain → 2023"],
    ['Il y a un an, cela a pris fin.', 'Il y a un an → 2021'],
    ['Depuis 2016 ils coopèrent.', 'Depuis 2016 → 2016 ON_OR_AFTER'],
    ["Aujourd'hui Xiaomi confirme.", "Aujourd'hui → 2022-05-24"],
    ['Lundi matin, la nouvelle est tombée.', 'Lundi matin → 2022-05-23TMO'],
    ["L'été dernier, Leica a signé avec Sharp.", "L'été dernier → 2021-SU"],
    ['Fin mars, la collaboration a pris fin.', 'Fin mars → 2022-03 END'],
    ['Ils sont partenaires depuis cinq ans.', 'depuis cinq ans → P5Y'],
    ['Hier, il a parlé.', 'Hier → 2022-05-23'],
    ['L’offre vaut jusqu’au 31 mars.', 'jusqu’au 31 mars → 2022-03-31 ON_OR_BEFORE'],
    ['En juillet 2022 il sort.', 'En juillet 2022 → 2022-07'],
    ['Cette année le marché croît.', 'Cette année → 2022'],
    ['Au premier trimestre 2022, les ventes ont crû.', 'Au premier trimestre 2022 → 2022-Q1'],
    ['Début 2023, il arrive.', 'Début 2023 → 2023 START'],
    ['Ces dernières années, il a grandi.', 'Ces dernières années → PXY'],
    ['La semaine dernière, il a annoncé.', 'La semaine dernière → 2022-W20'],
    ['Le 3 déc. 2021, tout a commencé.', '3 déc. 2021 → 2021-12-03'],
    ['Le lancement est prévu le 5 janv.', '5 janv. → 2022-01-05'],
    ['Mais la décision du marché est tombée.'],
  ]);
});

// French is read by the timeline's own reader too: the forms chrono read there, read alike.
describe('normalisation, French: more of what the reader reads', () => {
  checkTable('fr', [
    ['Hier soir il a parlé.', 'Hier soir → 2022-05-23TEV'],
    ['Cette nuit il arrive.', 'Cette nuit → 2022-05-24'],
    ['Cet après-midi il arrive.', 'Cet après-midi → 2022-05-24TAF'],
    ['Mardi prochain il arrive.', 'Mardi prochain → 2022-05-31'],
    ['Samedi, 3 mars 2018, il est arrivé.', 'Samedi, 3 mars 2018 → 2018-03-03'],
    ['Le 1er mars il est arrivé.', '1er mars → 2022-03-01'],
    ['Du 3 au 5 mars se tient le salon.', '3 → 2022-03-03 ON_OR_AFTER', '5 mars → 2022-03-05 ON_OR_BEFORE'],
    ['Les trois derniers mois il a grandi.', 'Les trois derniers mois → 2022-02'],
    ['Il y a quelques jours il est arrivé.', 'Il y a quelques jours → 2022-05-21'],
    ['Dans deux jours il arrive.', 'Dans deux jours → 2022-05-26'],
    ['Pendant trois ans il a grandi.', 'Pendant trois ans → P3Y'],
    ['Le 3 mars au soir il est arrivé.', '3 mars au soir → 2022-03-03TEV'],
    ['Juillet de cette année sera bon.', 'Juillet de cette année → 2022-07'],
    ['Le 31 février il est arrivé.'],
    // A weekday's text stops before the comma after it.
    ['Le 23 mai, lundi, il est arrivé.', '23 mai → 2022-05-23', 'lundi → 2022-05-23'],
  ]);
});

describe('normalisation, Spanish', () => {
  checkTable('es', [
    ['El 23 de mayo de 2022 Leica anunció la alianza.', '23 de mayo de 2022 → 2022-05-23'],
    ['El teléfono llega en julio.', 'julio → 2022-07'],
    ['El año pasado Huawei lo negó.', 'El año pasado → 2021'],
    ['Hace un año terminó.', 'Hace un año → 2021'],
    ['Desde 2016 cooperan.', 'Desde 2016 → 2016 ON_OR_AFTER'],
    ['Hoy Xiaomi lo confirma.', 'Hoy → 2022-05-24'],
    ['Son socios desde hace cinco años.', 'desde hace cinco años → P5Y'],
    ['A finales de marzo terminó.', 'A finales de marzo → 2022-03 END'],
  ]);
});

// Spanish is read by the timeline's own reader too: the forms chrono read there, read alike.
describe('normalisation, Spanish: more of what the reader reads', () => {
  checkTable('es', [
    ['Mañana llega el teléfono.', 'Mañana → 2022-05-25'],
    ['Esta mañana llegó.', 'Esta mañana → 2022-05-24TMO'],
    ['Esta tarde llega.', 'Esta tarde → 2022-05-24TAF'],
    ['Al mediodía llega.', 'mediodía → 2022-05-24TMI'],
    ['El lunes pasado llegó.', 'lunes pasado → 2022-05-23'],
    ['El próximo viernes llega.', 'próximo viernes → 2022-06-03'],
    ['Este viernes llega.', 'Este viernes → 2022-05-27'],
    ['El 3 de marzo de 2021 llegó.', '3 de marzo de 2021 → 2021-03-03'],
    ['El 1 de marzo llegó.', '1 de marzo → 2022-03-01'],
    ['El 24/05/2022 llegó.', '24/05/2022 → 2022-05-24'],
    ['El 2022-05-24 llegó.', '2022-05-24 → 2022-05-24'],
    ['En marzo de 2022 llegó.', 'marzo de 2022 → 2022-03'],
    ['El año que viene llega.', 'El año que viene → 2023'],
    ['Hace tres días llegó.', 'Hace tres días → 2022-05-21'],
    ['Dentro de dos días llega.', 'Dentro de dos días → 2022-05-26'],
    ['En dos años creció.', 'En dos años → 2024'],
    ['Durante tres años creció.', 'Durante tres años → P3Y'],
    ['Desde hace años crece.', 'Desde hace años → PXY'],
    ['Desde el 3 de marzo de 2021 crece.', 'Desde el 3 de marzo de 2021 → 2021-03-03 ON_OR_AFTER'],
    ['Hasta 2025 crece.', 'Hasta 2025 → 2025 ON_OR_BEFORE'],
    ['Antes de 2016 no estaba.', 'Antes de 2016 → 2016 BEFORE'],
    ['A principios de julio llega.', 'A principios de julio → 2022-07 START'],
    ['A mediados de julio llega.', 'A mediados de julio → 2022-07 MID'],
    ['El verano pasado llegó.', 'El verano pasado → 2021-SU'],
    ['En el primer trimestre de 2022 creció.', 'En el primer trimestre de 2022 → 2022-Q1'],
    ['El lunes, 23 de mayo llegó.', 'lunes, 23 de mayo → 2022-05-23'],
    ['Cuesta 1999 euros.'],
    ['El 31 de febrero llegó.'],
    // chrono read "de este año" alone; the month is read with it, as in Italian and French.
    ['Julio de este año será bueno.', 'Julio de este año → 2022-07'],
    // A weekday's text stops before the comma after it.
    ['El 23 de mayo, lunes, llegó.', '23 de mayo → 2022-05-23', 'lunes → 2022-05-23'],
  ]);
});

describe('ranges: two expressions, from the start on and until the end', () => {
  const cases: Array<[string, string, string[]]> = [
    ['de', 'Vom 24-05-2022 - 26-05-2022 läuft die Aktion.', ['24-05-2022 → 2022-05-24 ON_OR_AFTER', '26-05-2022 → 2022-05-26 ON_OR_BEFORE']],
    ['de', 'Vom 1. bis 3. März 2022 läuft die Messe.', ['1. → 2022-03-01 ON_OR_AFTER', '3. März 2022 → 2022-03-03 ON_OR_BEFORE']],
    ['de', 'Die Partnerschaft lief 2016–2018.', ['2016 → 2016 ON_OR_AFTER', '2018 → 2018 ON_OR_BEFORE']],
    ['it', 'Dal 1 al 3 marzo 2022 si tiene la fiera.', ['1 → 2022-03-01 ON_OR_AFTER', '3 marzo 2022 → 2022-03-03 ON_OR_BEFORE']],
    ['fr', 'Du 1er au 3 mars 2022 se tient le salon.', ['1er → 2022-03-01 ON_OR_AFTER', '3 mars 2022 → 2022-03-03 ON_OR_BEFORE']],
  ];
  for (const [language, sentence, expected] of cases) test(sentence, () => assert.deepEqual(written(sentence, language), expected));

  test('a range without a year is read against the anchor, or left open', () => {
    assert.deepEqual(written('Vom 1. bis 3. März läuft die Messe.', 'de', '2022-05-24'), ['1. → 2022-03-01 ON_OR_AFTER', '3. März → 2022-03-03 ON_OR_BEFORE']);
    assert.deepEqual(written('Vom 1. bis 3. März läuft die Messe.', 'de'), ['1. → XXXX-03-01 ON_OR_AFTER', '3. März → XXXX-03-03 ON_OR_BEFORE']);
  });
});

describe('anchoring', () => {
  const anchors = (text: string, language: string, anchor?: string) =>
    extractTemporalExpressions(text, { language, anchor }).map((e) => `${e.text} → ${e.value} ${e.anchor}`);

  test('the header’s published date anchors relative expressions, news style', () => {
    const text = '---\nlang: de\npublished: 2022-05-24T15:02:00+02:00\n---\nLeica und Xiaomi\n\nDas erste Gerät kommt im Juli. Die Zusammenarbeit hatte Leica 2016 verkündet.';
    assert.deepEqual(anchors(text, 'de'), ['im Juli → 2022-07 article-date', '2016 → 2016 absolute']);
    const [relative] = extractTemporalExpressions(text, { language: 'de' });
    assert.equal(relative.resolution, 'relative to the article date 2022-05-24 (header `published`)');
  });

  test('without an article date, the last explicit date before an expression anchors it (narrative)', () => {
    const text = 'Leica und Huawei\n\nIm Juli kam das Gerät. Leica gründete 2016 ein Labor. Im Juli kam das Gerät, vergangenes Jahr das erste, und heute das zweite.';
    assert.deepEqual(anchors(text, 'de'), [
      'Im Juli → XXXX-07 unresolved',
      '2016 → 2016 absolute',
      'Im Juli → 2016-07 narrative',
      'vergangenes Jahr → 2015 narrative',
      // A year does not say which day "heute" is.
      'heute → XXXX-XX-XX unresolved',
    ]);
  });

  test('a line read before resolves again against a new narrative date or article date before it', () => {
    // The second paragraph is the same string each time: its readings are remembered, its resolution must follow
    // what comes before it.
    const second = 'Im Juli kam das Gerät, vergangenes Jahr das erste.';
    const article = (first: string, header = '') => `${header}Leica und Huawei\n\n${first}\n\n${second}`;
    assert.deepEqual(anchors(article('Leica gründete 2016 ein Labor.'), 'de').slice(1), ['Im Juli → 2016-07 narrative', 'vergangenes Jahr → 2015 narrative']);
    assert.deepEqual(anchors(article('Leica gründete 2018 ein Labor.'), 'de').slice(1), ['Im Juli → 2018-07 narrative', 'vergangenes Jahr → 2017 narrative']);
    assert.deepEqual(anchors(article('Leica gründete ein Labor.'), 'de'), ['Im Juli → XXXX-07 unresolved', 'vergangenes Jahr → XXXX unresolved']);
    assert.deepEqual(anchors(article('Leica gründete 2018 ein Labor.', '---\npublished: 2022-05-24\n---\n'), 'de').slice(1), ['Im Juli → 2022-07 article-date', 'vergangenes Jahr → 2021 article-date']);
  });

  test('a day-precise narrative anchor resolves weekdays; a month or day without a year takes the anchor’s year', () => {
    const text = 'Titolo\n\nIl 3 marzo 2020 Leica annunciò la fine. Lunedì era arrivata la lettera, e il 31 dicembre tutto era finito.';
    assert.deepEqual(anchors(text, 'it'), ['Il 3 marzo 2020 → 2020-03-03 absolute', 'Lunedì → 2020-03-02 narrative', 'il 31 dicembre → 2020-12-31 narrative']);
  });

  test('counting from a mentioned date reads against that date even when the article has one', () => {
    const text = 'Titolo\n\nLa collaborazione, iniziata nel 2015 e sfociata nel primo telefono un anno dopo, è finita.';
    assert.deepEqual(anchors(text, 'it', '2022-05-24'), ['nel 2015 → 2015 absolute', 'un anno dopo → 2016 narrative']);
    assert.deepEqual(anchors('Titel\n\nEin Jahr später kam das P9.', 'de', '2022-05-24'), ['Ein Jahr später → XXXX unresolved']);
  });

  test('with no anchor at all, values keep what the text fixes and X the rest', () => {
    const cases: Array<[string, string, string]> = [
      ['de', 'Das Gerät kommt im Juli.', 'im Juli → XXXX-07'],
      ['de', 'Das Gerät kam vergangenes Jahr.', 'vergangenes Jahr → XXXX'],
      ['de', 'Die Nachricht kam am Montagmorgen.', 'am Montagmorgen → XXXX-WXX-1TMO'],
      ['de', 'Heute Abend spricht er.', 'Heute Abend → XXXX-XX-XXTEV'],
      ['de', 'Im vergangenen Sommer kam es.', 'Im vergangenen Sommer → XXXX-SU'],
      ['de', 'Vor zwei Wochen kam es.', 'Vor zwei Wochen → XXXX-WXX'],
      ['it', 'Previsto per luglio di quest’anno.', 'luglio di quest’anno → XXXX-07'],
      ['it', 'Si è conclusa il 31 marzo scorso.', 'il 31 marzo scorso → XXXX-03-31'],
      ['it', 'Annunciato lunedì.', 'lunedì → XXXX-WXX-1'],
      ['en', 'Last month it grew.', 'Last month → XXXX-XX'],
      // chrono's Spanish gave this one January's days, XXXX-01-XX.
      ['es', 'El lunes pasado llegó.', 'lunes pasado → XXXX-WXX-1'],
    ];
    for (const [language, sentence, expected] of cases) {
      const [expression] = extractTemporalExpressions(`Titel\n\n${sentence}`, { language });
      assert.equal(`${expression.text} → ${expression.value}`, expected);
      assert.equal(expression.anchor, 'unresolved');
    }
  });

  test('a coarse article date resolves what it can', () => {
    const text = '---\npublished: 2022\n---\nTitel\n\nIm Juli kommt es, heute nicht.';
    assert.deepEqual(anchors(text, 'de'), ['Im Juli → 2022-07 article-date', 'heute → XXXX-XX-XX unresolved']);
  });

  test('absolute expressions and durations do not depend on the anchor', () => {
    for (const anchor of [undefined, '2022-05-24', '1999-12-31']) {
      assert.deepEqual(anchors('Titel\n\nSeit 2016 kooperiert Huawei, seit fünf Jahren.', 'de', anchor), ['Seit 2016 → 2016 absolute', 'seit fünf Jahren → P5Y absolute']);
    }
  });

  test('languages without a lexicon give nothing; a region subtag is its language', () => {
    assert.deepEqual(extractTemporalExpressions('Titel\n\nOm 3 juli 2022.', { language: 'nl' }), []);
    assert.deepEqual(written('Titel\n\nDas Gerät kommt im Juli.', 'de-CH', '2022-05-24'), ['im Juli → 2022-07']);
  });

  test('spans point at the expression as written in the article text, typographic apostrophes and all', () => {
    const text = '---\nlang: it\n---\nTitolo\n\nIl lancio\u00a0è previsto per luglio di quest’anno.';
    const [expression] = extractTemporalExpressions(text, { language: 'it' });
    assert.equal(text.slice(expression.span.start, expression.span.end), 'luglio di quest’anno');
    assert.equal(expression.text, 'luglio di quest’anno');
  });
});

describe('articleDate', () => {
  test('published, as a date; a date-time keeps its day', () => {
    const article = parseArticle('---\npublished: 2022-05-24T15:02\n---\nTitel\n\n24-05-2021 15:02 - Quelle: dpa\n\nText.');
    const date = articleDate(article);
    assert.deepEqual({ value: date?.value, source: date?.source }, { value: '2022-05-24', source: 'published' });
    assert.equal(article.text.slice(date!.span.start, date!.span.end), '2022-05-24T15:02');
  });

  test('a dateline when there is no usable published date', () => {
    for (const header of ['', '---\npublished: 2022-13-45\n---\n']) {
      const article = parseArticle(`${header}Titel\n\n24-05-2022 15:02 - Quelle: dpa\n\nText.`);
      const date = articleDate(article);
      assert.equal(date?.value, '2022-05-24');
      assert.equal(date?.source, 'dateline');
      assert.equal(article.text.slice(date!.span.start, date!.span.end), '24-05-2022 15:02 - Quelle: dpa');
    }
  });

  test('none', () => assert.equal(articleDate(parseArticle('Titel\n\nText.')), undefined));
});

const seedsDir = path.join(__dirname, '..', '..', 'seeds');
const seedLanguages: Record<string, string> = {
  '000_ebeef4f3d678d313.txt': 'de',
  '001_ad4d302a0f406064.txt': 'de',
  '002_4d1a318a818ef0be.txt': 'de',
  '003_03ee35439bc31269.txt': 'it',
  '004_41a9ae8dc5d7d7d4.txt': 'it',
};

// Written by reading each seed: every temporal expression, with its value, modifier and anchor. Seeds 000–003
// have no date: what comes before their first explicit year stays unresolved, what follows it is read against it.
const goldenTimeline: Record<string, string[]> = {
  '000_ebeef4f3d678d313.txt': ['im Juli → XXXX-07 unresolved', '2016 → 2016 absolute', 'im Juli → 2016-07 narrative', 'im Juli → 2016-07 narrative'],
  '001_ad4d302a0f406064.txt': [
    'im Juli → XXXX-07 unresolved',
    'im Juli → XXXX-07 unresolved',
    'heute → XXXX-XX-XX unresolved',
    'Juli → XXXX-07 unresolved',
    'am Montagmorgen → XXXX-WXX-1TMO unresolved',
    'vor einem Jahr → XXXX unresolved',
    'Ende März → XXXX-03 END unresolved',
    'seit fünf Jahren → P5Y absolute',
    'Im vergangenen Sommer → XXXX-SU unresolved',
    'im Juli → XXXX-07 unresolved',
    '2016 → 2016 absolute',
    'im Jahr 2022 → 2022 absolute',
  ],
  '002_4d1a318a818ef0be.txt': ['5-jährigen → P5Y absolute', 'vergangenes Jahr → XXXX unresolved', 'Seit 2016 → 2016 ON_OR_AFTER absolute', 'in den vergangenen Jahren → PXY absolute'],
  '003_03ee35439bc31269.txt': ['luglio → XXXX-07 unresolved', 'luglio di quest’anno → XXXX-07 unresolved'],
  // The dateline "24-05-2022 15:02" is the article's date, not an event.
  '004_41a9ae8dc5d7d7d4.txt': [
    'sette anni → P7Y absolute',
    'luglio → 2022-07 article-date',
    'lunedì → 2022-05-23 article-date',
    'nel 2015 → 2015 absolute',
    'un anno dopo → 2016 narrative',
    'il 31 marzo scorso → 2022-03-31 article-date',
    'lunedì scorso → 2022-05-23 article-date',
  ],
};

describe('golden timeline of the seeds', () => {
  test('the five seeds are all here', () => assert.deepEqual(readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort(), Object.keys(goldenTimeline)));

  for (const [name, expected] of Object.entries(goldenTimeline)) {
    test(name, () => {
      const text = readFileSync(path.join(seedsDir, name), 'utf8');
      const expressions = extractTemporalExpressions(parseArticle(text), { language: seedLanguages[name] });
      assert.deepEqual(
        expressions.map((e) => `${e.text} → ${e.value}${e.mod ? ` ${e.mod}` : ''} ${e.anchor}`),
        expected,
      );
      for (const e of expressions) assert.equal(text.slice(e.span.start, e.span.end), e.text);
    });
  }

  test('seed 004 reads its relative dates against its dateline', () => {
    const article = parseArticle(readFileSync(path.join(seedsDir, '004_41a9ae8dc5d7d7d4.txt'), 'utf8'));
    assert.deepEqual(articleDate(article) && { value: articleDate(article)!.value, source: articleDate(article)!.source }, { value: '2022-05-24', source: 'dateline' });
    const lunedi = extractTemporalExpressions(article, { language: 'it' }).find((e) => e.text === 'lunedì');
    assert.equal(lunedi?.resolution, 'relative to the article date 2022-05-24 (dateline)');
  });
});
