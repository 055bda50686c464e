/** BCP 47 language tags: well-formedness, canonical form, and the ISO 639-3 codes franc speaks. */

/** ISO 639-1 ↔ the ISO 639-3 code franc reports (franc says `cmn` for Chinese and `arb` for Arabic). */
const francCodes: Record<string, string> = {
  de: 'deu', it: 'ita', en: 'eng', fr: 'fra', es: 'spa', pt: 'por', nl: 'nld', pl: 'pol', ru: 'rus', sv: 'swe',
  da: 'dan', fi: 'fin', nb: 'nob', nn: 'nno', cs: 'ces', sk: 'slk', sl: 'slv', hr: 'hrv', sr: 'srp', bs: 'bos',
  hu: 'hun', ro: 'ron', bg: 'bul', el: 'ell', tr: 'tur', uk: 'ukr', ca: 'cat', eu: 'eus', gl: 'glg', lt: 'lit',
  lv: 'lvs', et: 'ekk', ja: 'jpn', zh: 'cmn', ko: 'kor', ar: 'arb', he: 'heb', hi: 'hin', id: 'ind', ms: 'zlm',
  vi: 'vie', th: 'tha', fa: 'pes', sq: 'als', mk: 'mkd', be: 'bel', af: 'afr', cy: 'cym', ga: 'gle', is: 'isl',
};

const fromFranc = new Map(Object.entries(francCodes).map(([short, long]) => [long, short]));

/** franc's code for a BCP 47 tag's primary language, if franc knows it. */
export function francCode(tag: string): string | undefined {
  return francCodes[primaryLanguage(tag)];
}

/** The shortest BCP 47 tag for a franc code: `deu` → `de`. */
export function tagFromFranc(code: string): string | undefined {
  return fromFranc.get(code);
}

export function primaryLanguage(tag: string): string {
  return tag.split('-')[0].toLowerCase();
}

export type TagCheck =
  | { kind: 'canonical'; tag: string }
  | { kind: 'non-canonical'; tag: string; canonical: string }
  | { kind: 'invalid'; tag: string; suggestion?: string };

/** Classifies a tag as written: canonical (`de`, `de-CH`), non-canonical (`DE`, `deu`, `ger`, `de-de`), or invalid. */
export function checkTag(tag: string): TagCheck {
  const canonical = canonicalize(tag);
  if (canonical !== undefined) return canonical === tag ? { kind: 'canonical', tag } : { kind: 'non-canonical', tag, canonical };
  // Common slips that are not BCP 47 but say clearly what was meant: `de_DE`, `de.DE`, ` de `, `Deutsch`.
  const repaired = canonicalize(tag.trim().replace(/[_.]/g, '-')) ?? tagFromName(tag);
  return { kind: 'invalid', tag, suggestion: repaired };
}

/**
 * BCP 47 also admits 4–8 letter primary subtags, private-use-only tags (`x-foo`) and grandfathered ones
 * (`i-klingon`), but none names a registered language: only a 2–3 letter ISO 639 code does, so `deutsch`
 * is refused although Intl would take it.
 */
const languageFirst = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*$/;

function canonicalize(tag: string): string | undefined {
  if (!languageFirst.test(tag)) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical;
  } catch {
    return undefined;
  }
}

const displayNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** English name of a tag's language, for messages: `it` → "Italian". */
export function languageName(tag: string): string {
  try {
    return displayNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A language named with its tag, as messages show it: "German (de)". */
export function languageLabel(tag: string): string {
  return `${languageName(tag)} (${tag})`;
}

let tagsByName: Map<string, string> | undefined;

/** The tag of a language written out by name, in English or in itself: `German`, `Deutsch`, `italiano` → `de`, `it`. */
function tagFromName(name: string): string | undefined {
  if (!tagsByName) {
    tagsByName = new Map();
    for (const tag of Object.keys(francCodes)) {
      for (const spelled of [languageName(tag), new Intl.DisplayNames([tag], { type: 'language' }).of(tag)]) {
        const key = spelled?.toLocaleLowerCase('en');
        if (key && !tagsByName.has(key)) tagsByName.set(key, tag);
      }
    }
  }
  return tagsByName.get(name.trim().toLocaleLowerCase('en'));
}
