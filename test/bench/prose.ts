/**
 * Prose of the synthetic articles, per language: news sentences about camera makers, phone makers and
 * companies, with slots the generator fills with knowledge-base names and dates.
 *
 * Slots: {org} {org2} (organisations), {person}, {product}, {place}, {pub} (a publication), {date} (a full
 * date with its preposition), {month} (a month with its preposition, sometimes with a year or an edge),
 * {year} (a year with its preposition), {yearnum} (a bare year), {n} (a small number), {pct} (a percentage),
 * {qo} {qc} (the language's opening and closing quotation marks).
 */

export const benchLanguages = ['de', 'it', 'en', 'fr'] as const;
export type BenchLanguage = (typeof benchLanguages)[number];

export interface Prose {
  sentences: readonly string[];
  titles: readonly string[];
  /** Short lines between paragraphs: captions and credits. */
  captions: readonly string[];
  credits: readonly string[];
  /** Lines a scraper leaves behind (web-residue). */
  residue: readonly string[];
  months: readonly string[];
  /** {date}: day {d}, month name {M}, year {y}. */
  date: string;
  /** {month}: a month alone, with its year, an edge of it; the last variant is relative ("last summer"). */
  month: readonly [string, string, string, string];
  /** {year}, three ways. */
  year: readonly [string, string, string];
  quotes: readonly [string, string];
  /** Words that may stand twice in a row by mistake (doubled-word). */
  doubled: readonly string[];
}

const de: Prose = {
  sentences: [
    '{org} hat {date} eine langfristige Partnerschaft mit {org2} angekündigt.',
    'Das erste gemeinsam entwickelte Smartphone soll {month} auf den Markt kommen.',
    'Die Zusammenarbeit mit {org2} hatte {org} bereits {year} verkündet.',
    '{person}, Leiter der Kameraentwicklung bei {org}, sprach von einem wichtigen Schritt für das Unternehmen.',
    '{qo}Unsere Kundinnen und Kunden dürfen sich auf eine außergewöhnliche Bildqualität freuen{qc}, sagte {person} in {place}.',
    'Das {product} ist eines der aktuellen Flaggschiff-Modelle des Herstellers und bietet einen großen Sensor mit {n} Megapixeln.',
    'Nach Angaben von {pub} stieg der Umsatz im vergangenen Quartal um {pct} Prozent.',
    'Der Konzern mit Hauptsitz in {place} beschäftigt inzwischen mehr als {n}000 Mitarbeiterinnen und Mitarbeiter.',
    'Seit {yearnum} arbeitet {org} bei Objektiven und Bildverarbeitung eng mit {org2} zusammen.',
    'Ob die Partnerschaft exklusiv ist, wollte ein Sprecher des Unternehmens auf Nachfrage nicht sagen.',
    'Branchenbeobachter rechnen damit, dass weitere Hersteller dem Beispiel schon bald folgen werden.',
    'Auf der Messe in {place} zeigte {org} {date} außerdem neue Objektive und passendes Zubehör.',
    'Das {product} kostet in Deutschland rund {n}99 Euro und ist {month} im Handel erhältlich.',
    'Die Handelsbeschränkungen der vergangenen Jahre haben das Geschäft von {org2} deutlich geschwächt.',
    'Laut einem Bericht von {pub} verhandelt {org} auch mit weiteren Smartphone-Herstellern.',
    '{person} leitet seit {yearnum} das Europageschäft von {org} und gilt als Architekt der neuen Strategie.',
    'Im Test überzeugte vor allem die Kamera bei wenig Licht, während der Akku nur durchschnittlich abschnitt.',
    'Die Aktie von {org} legte nach der Ankündigung um {pct} Prozent zu.',
    'Gerüchte über ein Ende der Zusammenarbeit mit {org2} gab es schon seit einigen Monaten.',
    '{qo}Wir wollen die Grenzen der mobilen Fotografie gemeinsam verschieben{qc}, heißt es in der Pressemitteilung von {org}.',
    'Die Entwicklung des neuen Kameramoduls dauerte nach Angaben von {person} fast zwei Jahre.',
    'Für Händler in {place} bedeutet die Ankündigung vor allem eines: mehr Nachfrage nach hochwertigen Geräten.',
    'Zuletzt trug das {product} noch den Schriftzug des Partners auf der Rückseite.',
    'Kritiker bemängeln, dass es sich dabei vor allem um Marketing handle und die Technik kaum Fortschritte mache.',
  ],
  titles: [
    '{org} und {org2} kündigen Partnerschaft an',
    'Trennt sich {org} von {org2}? Kooperation mit neuem Partner angekündigt',
    '{product} im Test: Starke Kamera, schwacher Akku',
    '{org} stellt neues Flaggschiff-Smartphone vor',
    'Erstes Smartphone von {org} und {org2} kommt {month}',
    '{person} wird neuer Chef von {org}',
    'Umsatz von {org} steigt deutlich',
    '{org} eröffnet neues Werk in {place}',
  ],
  captions: ['Das {product} im Überblick', 'Gruppenbild: Manager von {org} und {org2}', 'Ein Werbebild aus der Pressemitteilung von {org}'],
  credits: ['Bild: {org}', 'Quelle: {pub}', 'Bildquelle: {org}', 'Foto: {pub}'],
  residue: ['Beitrage Teilen', 'Schreibe einen Kommentar', 'Weiterlesen', 'Artikel teilen'],
  months: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  date: 'am {d}. {M} {y}',
  month: ['im {M}', 'im {M} {y}', 'Ende {M}', 'im vergangenen Sommer'],
  year: ['{y}', 'im Jahr {y}', 'seit {y}'],
  quotes: ['„', '“'],
  doubled: ['baut', 'hat', 'soll', 'neue'],
};

const it: Prose = {
  sentences: [
    '{org} ha annunciato {date} una collaborazione strategica a lungo termine con {org2}.',
    'Il lancio ufficiale del primo smartphone sviluppato congiuntamente è previsto {month}.',
    'La collaborazione tra {org} e {org2}, iniziata {year}, si è conclusa {date}.',
    '{person}, amministratore delegato di {org}, ha parlato di un passo importante per l’azienda.',
    '{qo}Questa cooperazione darà un forte impulso alla nostra strategia di imaging{qc}, ha dichiarato {person} a {place}.',
    'Il nuovo {product} è uno dei modelli di punta del produttore e offre un sensore da {n} megapixel.',
    'Secondo {pub}, il fatturato è cresciuto del {pct} per cento nell’ultimo trimestre.',
    'Il gruppo, con sede a {place}, impiega ormai più di {n}000 persone in tutto il mondo.',
    'Dal {yearnum} {org} collabora con {org2} nella progettazione ottica e nell’elaborazione delle immagini.',
    'L’azienda non ha voluto commentare se la partnership sarà esclusiva oppure no.',
    'Secondo gli analisti, altri produttori potrebbero seguire presto lo stesso esempio.',
    'Alla fiera di {place} {org} ha presentato {date} anche nuovi obiettivi e accessori.',
    'Il {product} costerà in Italia circa {n}99 euro e sarà disponibile nei negozi {month}.',
    'Le sanzioni degli Stati Uniti hanno indebolito in modo significativo l’attività di {org2} nel settore degli smartphone.',
    'Secondo quanto riportato da {pub}, {org} starebbe trattando anche con altri produttori di smartphone.',
    '{person} guida dal {yearnum} le attività europee di {org} ed è considerato l’artefice della nuova strategia.',
    'Nelle nostre prove la fotocamera ha convinto soprattutto in condizioni di scarsa luminosità, mentre la batteria si è rivelata nella media.',
    'Il titolo di {org} è salito del {pct} per cento dopo l’annuncio.',
    'Le voci sulla fine della collaborazione con {org2} circolavano già da alcuni mesi.',
    '{qo}Vogliamo spingere insieme i limiti della fotografia mobile{qc}, si legge nel comunicato di {org}.',
    'Lo sviluppo del nuovo modulo fotografico è durato quasi due anni, secondo {person}.',
    'Per i rivenditori di {place} l’annuncio significa soprattutto una cosa: più domanda di dispositivi di fascia alta.',
    'L’ultimo modello con il marchio del partner è stato il {product}.',
    'I critici sostengono che si tratti soprattutto di marketing e che la tecnologia faccia pochi progressi.',
  ],
  titles: [
    '{org} e {org2} annunciano una nuova partnership',
    '{org} abbandona {org2}. E si accasa con un nuovo partner',
    '{product}, la prova: fotocamera ottima, batteria nella media',
    '{org} presenta il nuovo smartphone di punta',
    'Il primo smartphone di {org} e {org2} arriva {month}',
    '{person} è il nuovo amministratore delegato di {org}',
    'Il fatturato di {org} cresce in modo deciso',
    '{org} apre un nuovo stabilimento a {place}',
  ],
  captions: ['Il {product} in sintesi', 'Foto di gruppo: i manager di {org} e {org2}', 'Un’immagine promozionale diffusa da {org}'],
  credits: ['Fonte: {pub}', 'Foto: {org}', 'Immagine: {org}', 'Crediti: {pub}'],
  residue: ['- Continua...', 'Lascia un commento', 'Condividi su Facebook', 'Leggi anche'],
  months: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  date: 'il {d} {M} {y}',
  month: ['a {M}', 'nel mese di {M} {y}', 'a fine {M}', 'la scorsa estate'],
  year: ['nel {y}', 'nel {y}', 'dal {y}'],
  quotes: ['“', '”'],
  doubled: ['che', 'nuovo', 'ha', 'sarà'],
};

const en: Prose = {
  sentences: [
    '{org} announced a long-term partnership with {org2} {date}.',
    'The first jointly developed smartphone is expected to go on sale {month}.',
    '{org} first announced its collaboration with {org2} {year}.',
    '{person}, head of camera development at {org}, called the agreement an important step for the company.',
    '{qo}Our customers can look forward to outstanding image quality{qc}, {person} said in {place}.',
    'The {product} is one of the manufacturer’s current flagship models and has a large {n}-megapixel sensor.',
    'According to {pub}, revenue rose by {pct} percent in the last quarter.',
    'The group, which is headquartered in {place}, now employs more than {n},000 people worldwide.',
    'Since {yearnum}, {org} has worked closely with {org2} on lenses and image processing.',
    'A company spokesperson declined to say whether the partnership would be exclusive.',
    'Industry observers expect other manufacturers to follow suit in the coming months.',
    'At the trade fair in {place}, {org} also showed new lenses and accessories {date}.',
    'The {product} will cost around {n}99 dollars in the United States and will be available in stores {month}.',
    'Trade restrictions in recent years have significantly weakened the smartphone business of {org2}.',
    '{org} is also in talks with other phone makers, {pub} reported.',
    '{person} has led the European business of {org} since {yearnum} and is seen as the architect of the new strategy.',
    'In our tests the camera impressed above all in low light, while battery life was merely average.',
    'Shares of {org} rose {pct} percent after the announcement.',
    'Rumours about the end of the collaboration with {org2} had been circulating for several months.',
    '{qo}Together we want to push the limits of mobile photography{qc}, the press release from {org} says.',
    'Developing the new camera module took almost two years, according to {person}.',
    'For retailers in {place}, the announcement means one thing above all: more demand for high-end devices.',
    'The last model to carry the partner’s lettering was the {product}.',
    'Critics say that this is mostly marketing and that the technology itself is hardly moving forward.',
  ],
  titles: [
    '{org} and {org2} announce a partnership',
    'Is {org} parting ways with {org2}? A new partner is announced',
    '{product} review: a great camera, an average battery',
    '{org} unveils its new flagship smartphone',
    'The first phone from {org} and {org2} arrives {month}',
    '{person} becomes the new chief executive of {org}',
    'Revenue at {org} rises sharply',
    '{org} opens a new plant in {place}',
  ],
  captions: ['The {product} at a glance', 'Group photo: managers of {org} and {org2}', 'A promotional image released by {org}'],
  credits: ['Source: {pub}', 'Photo: {org}', 'Image: {org}', 'Credit: {pub}'],
  residue: ['Read more', 'Leave a comment', 'Share this article', 'Continue reading'],
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  date: 'on {d} {M} {y}',
  month: ['in {M}', 'in {M} {y}', 'at the end of {M}', 'last summer'],
  year: ['in {y}', 'in {y}', 'back in {y}'],
  quotes: ['“', '”'],
  doubled: ['the', 'has', 'will', 'new'],
};

const fr: Prose = {
  sentences: [
    '{org} a annoncé {date} un partenariat à long terme avec {org2}.',
    'Le premier smartphone développé en commun devrait être commercialisé {month}.',
    '{org} avait déjà annoncé sa collaboration avec {org2} {year}.',
    '{person}, responsable du développement des appareils photo chez {org}, a parlé d’une étape importante pour l’entreprise.',
    '{qo}Nos clients peuvent s’attendre à une qualité d’image exceptionnelle{qc}, a déclaré {person} à {place}.',
    'Le {product} est l’un des modèles phares actuels du fabricant et dispose d’un grand capteur de {n} mégapixels.',
    'Selon {pub}, le chiffre d’affaires a progressé de {pct} pour cent au dernier trimestre.',
    'Le groupe, dont le siège se trouve à {place}, emploie désormais plus de {n} 000 personnes dans le monde.',
    'Depuis {yearnum}, {org} travaille étroitement avec {org2} sur les objectifs et le traitement d’image.',
    'Un porte-parole de l’entreprise n’a pas souhaité préciser si le partenariat serait exclusif.',
    'Les observateurs du secteur s’attendent à ce que d’autres fabricants suivent le mouvement dans les prochains mois.',
    'Au salon de {place}, {org} a également présenté {date} de nouveaux objectifs et accessoires.',
    'Le {product} coûtera environ {n}99 euros en France et sera disponible en magasin {month}.',
    'Les restrictions commerciales de ces dernières années ont nettement affaibli l’activité smartphone de {org2}.',
    'D’après {pub}, {org} serait également en discussion avec d’autres fabricants de téléphones.',
    '{person} dirige depuis {yearnum} les activités européennes de {org} et passe pour l’architecte de la nouvelle stratégie.',
    'Lors de nos essais, l’appareil photo a surtout convaincu en basse lumière, tandis que l’autonomie s’est révélée moyenne.',
    'L’action de {org} a progressé de {pct} pour cent après l’annonce.',
    'Les rumeurs sur la fin de la collaboration avec {org2} circulaient déjà depuis plusieurs mois.',
    '{qo}Nous voulons repousser ensemble les limites de la photographie mobile{qc}, indique le communiqué de {org}.',
    'Le développement du nouveau module photo a duré près de deux ans, selon {person}.',
    'Pour les revendeurs de {place}, l’annonce signifie surtout une chose : davantage de demande pour les appareils haut de gamme.',
    'Le dernier modèle portant la signature du partenaire était le {product}.',
    'Les critiques estiment qu’il s’agit surtout de marketing et que la technologie progresse à peine.',
  ],
  titles: [
    '{org} et {org2} annoncent un partenariat',
    '{org} se sépare-t-il de {org2} ? Un nouveau partenaire est annoncé',
    'Test du {product} : un excellent appareil photo, une autonomie moyenne',
    '{org} dévoile son nouveau smartphone haut de gamme',
    'Le premier smartphone de {org} et {org2} arrive {month}',
    '{person} devient le nouveau patron de {org}',
    'Le chiffre d’affaires de {org} progresse nettement',
    '{org} ouvre une nouvelle usine à {place}',
  ],
  captions: ['Le {product} en bref', 'Photo de groupe : les dirigeants de {org} et {org2}', 'Une image promotionnelle publiée par {org}'],
  credits: ['Source : {pub}', 'Photo : {org}', 'Crédit : {pub}', 'Illustration : {org}'],
  residue: ['Lire la suite', 'Laisser un commentaire', 'Partager cet article', 'Lire aussi'],
  months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  date: 'le {d} {M} {y}',
  month: ['en {M}', 'en {M} {y}', 'fin {M}', 'l’été dernier'],
  year: ['en {y}', 'en {y}', 'dès {y}'],
  quotes: ['«\u00a0', '\u00a0»'],
  doubled: ['le', 'a', 'nouveau', 'sera'],
};

export const prose: Record<BenchLanguage, Prose> = { de, it, en, fr };

/** Fills a calendar template: {d} day, {M} month name, {y} year. */
export function calendarText(p: Prose, template: string, { day = 1, month = 1, year }: { day?: number; month?: number; year: number }): string {
  return template.replace('{d}', String(day)).replace('{M}', p.months[month - 1]).replace('{y}', String(year));
}

/** Entity descriptions per language, by kind ({name}, {place}). */
export const descriptions: Record<string, Record<BenchLanguage, string>> = {
  camera: {
    de: '{name} ist ein Hersteller von Kameras und Objektiven mit Sitz in {place}.',
    it: '{name} è un produttore di fotocamere e obiettivi con sede a {place}.',
    en: '{name} is a maker of cameras and lenses based in {place}.',
    fr: '{name} est un fabricant d’appareils photo et d’objectifs basé à {place}.',
  },
  phone: {
    de: '{name} ist ein Smartphone-Hersteller mit Hauptsitz in {place}.',
    it: '{name} è un produttore di smartphone con sede a {place}.',
    en: '{name} is a smartphone maker headquartered in {place}.',
    fr: '{name} est un fabricant de smartphones dont le siège est à {place}.',
  },
  company: {
    de: '{name} ist ein Technologieunternehmen aus {place}.',
    it: '{name} è un’azienda tecnologica di {place}.',
    en: '{name} is a technology company from {place}.',
    fr: '{name} est une entreprise technologique de {place}.',
  },
  person: {
    de: '{name} ist Managerin oder Manager in der Kamera- und Smartphone-Branche.',
    it: '{name} è una figura dirigenziale del settore delle fotocamere e degli smartphone.',
    en: '{name} is an executive in the camera and smartphone industry.',
    fr: '{name} est cadre dirigeant dans le secteur des appareils photo et des smartphones.',
  },
  product: {
    de: 'Das {name} ist ein Smartphone mit großem Kamerasensor.',
    it: 'Il {name} è uno smartphone con un grande sensore fotografico.',
    en: 'The {name} is a smartphone with a large camera sensor.',
    fr: 'Le {name} est un smartphone doté d’un grand capteur photo.',
  },
  place: {
    de: '{name} ist eine Stadt und ein Standort der Kamera- und Elektronikindustrie.',
    it: '{name} è una città e un polo dell’industria fotografica ed elettronica.',
    en: '{name} is a city and a centre of the camera and electronics industry.',
    fr: '{name} est une ville et un pôle de l’industrie photo et électronique.',
  },
  publication: {
    de: '{name} ist eine Publikation über Fotografie und Technik.',
    it: '{name} è una testata dedicata alla fotografia e alla tecnologia.',
    en: '{name} is a publication about photography and technology.',
    fr: '{name} est une publication consacrée à la photographie et à la technologie.',
  },
  other: {
    de: '{name} ist eine Fachmesse für Fotografie und Bildgebung.',
    it: '{name} è una fiera dedicata alla fotografia e all’imaging.',
    en: '{name} is a trade fair for photography and imaging.',
    fr: '{name} est un salon professionnel de la photographie et de l’imagerie.',
  },
};
