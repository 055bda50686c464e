/**
 * Temporal expressions of an article, normalised to TIMEX3-style values.
 *
 * The title and the prose paragraphs are read (datelines are the article's date, see `articleDate`; credits and
 * web residue say nothing about the story), in the windows around words that may head a date, by the timeline's
 * own reader (`reader.ts`, with a grammar per language in `readers.ts`). Each expression is read against two
 * reference dates far apart: what agrees in both readings is written in the text ("2016", "24-05-2022":
 * absolute), what differs came from the reference. Those relative or partial expressions
 * ("im Juli", "vergangenes Jahr", "lunedì") are then resolved against, in this order:
 * - the article's date (header `published`, else the dateline), news style: "im Juli" in an article of
 *   2022-05-24 is 2022-07, "31 marzo scorso" is 2022-03-31;
 * - otherwise the last explicit date before the expression ("narrative"): "im Juli" after "2016" is 2016-07, a
 *   month or day without a year takes that year;
 * - otherwise nothing: the value keeps what the text fixes, `XXXX-07`, and the anchor is 'unresolved'.
 * Counting from a mentioned date ("un anno dopo", "ein Jahr später") always reads against the last explicit date
 * before it, never against the article's date.
 *
 * Extraction never throws.
 */
import { parseArticle, type Article } from '../article';
import { lineCache, moveSpan } from '../lru';
import { proseLines } from '../rules/shared/prose';
import { isWhitespace, type Span } from '../text';
import { anchorOf, articleDate, referenceDate, type Anchor } from './anchor';
import { alternation, cueKindOf, dateTriggerPattern, lexicons, timelineLanguage, type TimelineLanguage } from './lexicon';
import { hasOpenYear, readMeaning, type Reader } from './reader';
import { readerFor } from './readers';
import { differingFields, finestGranularity, readingValue, type CalendarReading, type ReadingField } from './reading';
import { isAtLeastAsFine, timexType, type TimexMod, type TimexType } from './timex';

/** How an expression's value was found. */
export type AnchorKind = 'absolute' | 'article-date' | 'narrative' | 'unresolved';

export interface TemporalExpression {
  /** Offsets into the article text. */
  span: Span;
  /** The expression as written. */
  text: string;
  type: TimexType;
  /** TIMEX3-style value (see `timex.ts`): `2022-07`, `XXXX-07`, `P5Y`. */
  value: string;
  mod?: TimexMod;
  anchor: AnchorKind;
  /** How the value was found, in a short English sentence (for tooltips). */
  resolution: string;
  /** Counted from a date mentioned before it ("un anno dopo"), never from the article's date. */
  anaphoric?: true;
}

export interface ExtractOptions {
  /** BCP 47 tag of the article's language; languages without a timeline lexicon yield no expressions. */
  language: string;
  /**
   * A TIMEX date (`2022-05-24`, `2022-05`, `2022`) to read relative expressions against instead of the article's
   * own date. A value that is not a resolved date leaves the article without one.
   */
  anchor?: string;
}

interface Candidate {
  /** Offsets into its line. */
  span: Span;
  text: string;
  /** The expression read against another reference: an anchor that is not the primary reference. */
  reread: (reference: Date) => CalendarReading | undefined;
  /** Which end of a range ("1. bis 3. März") this is, if any. */
  part?: 'start' | 'end';
  mod?: TimexMod;
  duration?: string;
  reading?: CalendarReading;
  /** The fields the reference supplied. */
  fromReference: Set<ReadingField>;
  /** The year is left open: a month or day that takes its year from the anchor. */
  openYear: boolean;
  /** Counted from a date mentioned before ("un anno dopo"). */
  anaphoric: boolean;
}

/** Where the article's date came from, for resolution sentences. */
type DateSource = 'published' | 'dateline' | 'option';
const sourceNames: Record<DateSource, string> = { published: 'header `published`', dateline: 'dateline', option: 'given reference date' };

// The candidates of recent lines: typing changes one line of a long article, not the others. Lines are looked up by
// their own string, then by language and reference: V8 hashes a string once, and every cache of an analysis looks
// up the same line strings.
const lineReadings = lineCache<Map<string, LineReading>>();

/** The last explicit date before an expression, which relative ones count from when the article has no date. */
interface Narrative {
  anchor: Anchor;
  value: string;
  text: string;
}

interface ResolvedLine {
  /** Offsets into the line. */
  expressions: TemporalExpression[];
  narrative?: Narrative;
}

/**
 * A line's candidates, and its resolved expressions by the article's date and the narrative date before the line:
 * typing changes one line, and the others resolve as they did. Kept together in the line's cache entry, not in a
 * WeakMap keyed by the candidates: an indexing thread caches no lines, and the WeakMap's entries, one per line of
 * every article, held the lines' expressions past young collections (half of what reading dates promoted).
 */
interface LineReading {
  candidates: Candidate[];
  resolved?: Map<string, ResolvedLine>;
}

// The second reference's year, far from any news (a leap year: "29. Februar" reads in both), or the other one
// when the primary is near it.
const secondYears = [2104, 2112];
// Days of the second reference's year: each month once, each day of the month once.
const secondDays: ReadonlyArray<[month: number, day: number]> = [[0, 16], [1, 3], [2, 27], [3, 9], [4, 21], [5, 5], [6, 13], [7, 25], [8, 1], [9, 18], [10, 7], [11, 23]];

/**
 * A reference far from the primary one: in one of `secondYears`, at least three years away (a month read
 * closest to its reference moves a year at most), on the first of `secondDays` whose month, day and weekday all
 * differ from the primary's, so that every field a reading takes from its reference differs between the two.
 * One always does: the primary shares its month with one of them, its day with one, its weekday with a few.
 */
export function secondReference(primary: Date): Date {
  const year = secondYears.find((y) => Math.abs(y - primary.getFullYear()) >= 3)!;
  const candidate = new Date(year, 0, 1, 12);
  for (const [month, day] of secondDays) {
    candidate.setMonth(month, day);
    if (month !== primary.getMonth() && day !== primary.getDate() && candidate.getDay() !== primary.getDay()) return candidate;
  }
  throw new Error(`no second reference for ${primary.toISOString()}`);
}

// Around each cue: more than the words of an expression before ("Ende des vergangenen") or after ("24. Mai 2022").
const windowPadding = 40;

/**
 * Every temporal expression of the title and prose paragraphs, in text order. A string is parsed as an
 * article first (a header in it counts).
 */
export function extractTemporalExpressions(source: string | Article, options: ExtractOptions): TemporalExpression[] {
  const language = timelineLanguage(options.language);
  if (!language) return [];
  const article = typeof source === 'string' ? parseArticle(source) : source;
  try {
    return new Extraction(article, language, options.anchor).run();
  } catch {
    // A failure in reading one article's dates must not take the editor down: the article has no timeline.
    return [];
  }
}

/** What reading a language's dates needs besides the article: made once per language. */
interface LanguageReading {
  reader: Reader;
  /** The words and numbers that may head a date (see `dateWindows`), and what kinds of cue each is. */
  dateTriggers: RegExp;
  cueKind: (cue: string) => number;
  /** An expression ending in a word that counts from a date mentioned before ("un anno dopo"). */
  laterWords: RegExp;
}

const languageReadings = new Map<TimelineLanguage, LanguageReading>();

function languageReading(language: TimelineLanguage): LanguageReading {
  let reading = languageReadings.get(language);
  if (!reading) {
    const lexicon = lexicons[language];
    reading = {
      reader: readerFor(language),
      dateTriggers: dateTriggerPattern(lexicon),
      cueKind: (cue) => cueKindOf(lexicon, cue),
      laterWords: new RegExp(`(?:${alternation(Object.keys(lexicon.laterSuffixes))})$`, 'iu'),
    };
    languageReadings.set(language, reading);
  }
  return reading;
}

class Extraction {
  private readonly reading: LanguageReading;
  private readonly articleAnchor?: { anchor: Anchor; value: string; source: DateSource };
  private readonly primary: Date;
  private readonly secondary: Date;

  constructor(
    private readonly article: Article,
    private readonly language: TimelineLanguage,
    anchorOption: string | undefined,
  ) {
    this.reading = languageReading(language);
    const dated = anchorOption !== undefined ? { value: anchorOption, source: 'option' as const } : articleDate(article);
    const anchor = dated && anchorOf(dated.value);
    if (dated && anchor) this.articleAnchor = { anchor, value: dated.value, source: dated.source };
    // With a day to read against, the first reading is already the answer; otherwise any date will do.
    this.primary = anchor && isAtLeastAsFine(anchor.granularity, 'day') ? referenceDate(anchor) : new Date(2000, 0, 15, 12);
    this.secondary = secondReference(this.primary);
  }

  run(): TemporalExpression[] {
    const expressions: TemporalExpression[] = [];
    let narrative: Narrative | undefined;
    const reading = `${this.language}\u0000${this.primary.getTime()}`;
    const dated = this.articleAnchor ? `${this.articleAnchor.value}\u0000${this.articleAnchor.source}` : '';
    for (const line of proseLines(this.article)) {
      const readings = lineReadings.getOrCompute(line.text, () => new Map());
      let read = readings.get(reading);
      if (!read) readings.set(reading, (read = { candidates: this.readCandidates(line.text) }));
      if (read.candidates.length === 0) continue;
      const byContext = (read.resolved ??= new Map());
      const context = narrative ? `${dated}\u0001${narrative.value}\u0000${narrative.text}` : dated;
      let resolved = byContext.get(context);
      if (!resolved) byContext.set(context, (resolved = this.resolveLine(read.candidates, narrative)));
      for (const expression of resolved.expressions) expressions.push(movedExpression(expression, line.start));
      narrative = resolved.narrative;
    }
    return expressions;
  }

  /** A line's expressions, offsets into the line, and the narrative date after it. */
  private resolveLine(candidates: readonly Candidate[], narrativeBefore: Narrative | undefined): ResolvedLine {
    const expressions: TemporalExpression[] = [];
    let narrative = narrativeBefore;
    for (const candidate of candidates) {
      const expression = this.resolve(candidate, narrative);
      if (!expression) continue;
      expressions.push(expression);
      if (expression.anchor === 'absolute' && expression.type !== 'DURATION') {
        const anchor = anchorOf(expression.value);
        if (anchor) narrative = { anchor, value: expression.value, text: expression.text };
      }
    }
    return { expressions, narrative };
  }

  /** What the reader finds in a line, in the windows around words that may head a date. */
  private readCandidates(lineText: string): Candidate[] {
    const { reader, dateTriggers, cueKind, laterWords } = this.reading;
    const { text, offsets } = normalise(lineText);
    const found: Candidate[] = [];
    for (const window of dateWindows(text, dateTriggers, cueKind)) {
      for (const expression of reader.read(text.slice(window.start, window.end), window.cues)) {
        const expressionText = text.slice(window.start + expression.start, window.start + expression.end);
        const anaphoric = laterWords.test(expressionText);
        for (const piece of rangePieces(expressionText, expression.endMeaning !== undefined)) {
          const trimmed = piece.text.trim();
          if (trimmed === '') continue;
          const from = window.start + expression.start + piece.offset + (piece.text.length - piece.text.trimStart().length);
          const last = from + trimmed.length - 1;
          const span = offsets ? { start: offsets[from], end: offsets[last] + 1 } : { start: from, end: last + 1 };
          const meaning = piece.part === 'end' ? expression.endMeaning : expression.meaning;
          const candidate: Candidate = {
            span,
            text: lineText.slice(span.start, span.end),
            reread: (reference) => meaning && readMeaning(meaning, reference),
            part: piece.part,
            mod: expression.mod ?? piece.mod,
            fromReference: new Set(),
            openYear: false,
            anaphoric,
          };
          if (expression.duration !== undefined) {
            found.push({ ...candidate, duration: expression.duration, mod: undefined });
            continue;
          }
          const reading = meaning && readMeaning(meaning, this.primary);
          if (!reading || !meaning) continue;
          candidate.reading = reading;
          candidate.fromReference = differingFields(reading, readMeaning(meaning, this.secondary));
          candidate.openYear = hasOpenYear(meaning);
          found.push(candidate);
        }
      }
    }
    return found;
  }

  /** A candidate's expression, resolved: offsets into its line. */
  private resolve(candidate: Candidate, narrative: Narrative | undefined): TemporalExpression | undefined {
    const span = candidate.span;
    // Built field by field, not spread: V8 copies a spread object with new keys slowly.
    const expression = (value: string, anchor: AnchorKind, resolution: string): TemporalExpression => {
      const found: TemporalExpression = { span, text: candidate.text, type: timexType(value), value, anchor, resolution };
      if (candidate.mod) found.mod = candidate.mod;
      if (candidate.anaphoric) found.anaphoric = true;
      return found;
    };
    // A duration's value starts with P, which timexType reads as DURATION.
    if (candidate.duration !== undefined) return expression(candidate.duration, 'absolute', 'a duration: it needs no reference date');
    const reading = candidate.reading;
    if (!reading) return undefined;
    if (candidate.fromReference.size === 0) return expression(readingValue(reading), 'absolute', 'written out in full');
    const unresolved = (why: string) => expression(readingValue(reading, candidate.fromReference), 'unresolved', `unresolved: ${why}`);
    if (candidate.anaphoric) {
      if (!narrative) return unresolved('it counts from a date mentioned before it, and none is');
      const value = this.readAgainst(candidate, narrative.anchor);
      return value === undefined
        ? unresolved(`${narrative.value} (“${narrative.text}”), the date before it, is not precise enough`)
        : expression(value, 'narrative', `counted from ${narrative.value} (“${narrative.text}”), the date mentioned before it`);
    }
    const dated = this.articleAnchor;
    if (dated) {
      const value = isAtLeastAsFine(dated.anchor.granularity, 'day') ? readingValue(reading) : this.readAgainst(candidate, dated.anchor);
      return value === undefined
        ? unresolved(`the article date ${dated.value} (${sourceNames[dated.source]}) is not precise enough`)
        : expression(value, 'article-date', `relative to the article date ${dated.value} (${sourceNames[dated.source]})`);
    }
    if (narrative) {
      const value = this.readAgainst(candidate, narrative.anchor);
      return value === undefined
        ? unresolved(`the article has no date, and ${narrative.value} (“${narrative.text}”), the last date before it, is not precise enough`)
        : expression(value, 'narrative', `relative to ${narrative.value} (“${narrative.text}”), the last explicit date before it: the article has no date`);
    }
    return unresolved('the article has no `published` date or dateline, and no explicit date comes before it');
  }

  /** The candidate's value read against an anchor, or undefined when the anchor does not fix what it needs. */
  private readAgainst(candidate: Candidate, anchor: Anchor): string | undefined {
    const reading = candidate.reading;
    if (!reading) return undefined;
    const onlyYear = [...candidate.fromReference].every((field) => field === 'year');
    // A month or day without a year ("im Juli", "31 marzo") takes the anchor's year, whatever else the anchor says.
    if (candidate.openYear && onlyYear) return readingValue({ ...reading, year: anchor.reading.year });
    if (!isAtLeastAsFine(anchor.granularity, finestGranularity(candidate.fromReference))) return undefined;
    const reread = candidate.reread(referenceDate(anchor));
    return reread && readingValue(reread);
  }
}

function movedExpression(expression: TemporalExpression, by: number): TemporalExpression {
  // Built field by field, in the order `resolve` builds them, not spread: V8 copies a spread object slowly.
  const { span, text, type, value, anchor, resolution, mod, anaphoric } = expression;
  const moved: TemporalExpression = { span: moveSpan(span, by), text, type, value, anchor, resolution };
  if (mod) moved.mod = mod;
  if (anaphoric) moved.anaphoric = true;
  return moved;
}

// Between the two ends of a range, in order of trust: a word or dash with spaces around it ("1. bis 3. März",
// "24-05-2022 - 26-05-2022"), a dash without ("2016–2018"), a hyphen before a closing year ("2016-2018").
const rangeConnectors = [/\s+(?:[-–—]|bis|to|through|until|till|al|au|à|hasta|a|und|and|e|et|y)\s+/iu, /\s*[–—]\s*/u, /-(?=\d{4}$)/u];

interface Piece {
  text: string;
  offset: number;
  part?: 'start' | 'end';
  mod?: TimexMod;
}

/** An expression, or the two ends of a range, each with its place in the expression's text. */
function rangePieces(written: string, isRange: boolean): Piece[] {
  if (!isRange) return [{ text: written, offset: 0 }];
  const text = written.trim();
  const offset = written.indexOf(text);
  for (const connector of rangeConnectors) {
    const m = connector.exec(text);
    if (!m || m.index === 0) continue;
    const after = m.index + m[0].length;
    return [
      { text: text.slice(0, m.index), offset, part: 'start', mod: 'ON_OR_AFTER' },
      { text: text.slice(after), offset: offset + after, part: 'end', mod: 'ON_OR_BEFORE' },
    ];
  }
  return [{ text: written, offset: 0 }];
}

/** Whitespace other than one space, or an apostrophe that is not straight: a line without any is read as it is. */
const needsNormalising = /[^\S ]|\s\s|[’‘ʼ`´]/;

interface NormalisedLine {
  text: string;
  /** The line offset of each character of `text`, then of the line's end; undefined when `text` is the line. */
  offsets?: Int32Array;
}

/**
 * The line as the reader reads it: every run of whitespace one space, typographic apostrophes straight
 * ("quest’anno" → "quest'anno"). Built from slices of the line, not character by character: every prose line of
 * every article passes here.
 */
export function normalise(line: string): NormalisedLine {
  if (!needsNormalising.test(line)) return { text: line };
  const offsets = new Int32Array(line.length + 1);
  let text = '';
  let length = 0;
  // The line is copied into `text` up to here.
  let copied = 0;
  let afterSpace = false;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (isWhitespace(code)) {
      if (afterSpace) {
        text += line.slice(copied, i);
        copied = i + 1;
        continue;
      }
      afterSpace = true;
      if (code !== 0x20) {
        text += line.slice(copied, i) + ' ';
        copied = i + 1;
      }
    } else {
      afterSpace = false;
      if (isTypographicApostrophe(code)) {
        text += line.slice(copied, i) + "'";
        copied = i + 1;
      }
    }
    offsets[length++] = i;
  }
  text += line.slice(copied);
  offsets[length] = line.length;
  return { text, offsets };
}

/** ’ ‘ ʼ ` ´ */
function isTypographicApostrophe(code: number): boolean {
  return code === 0x2019 || code === 0x2018 || code === 0x02bc || code === 0x60 || code === 0xb4;
}

/**
 * The stretches of a normalised line that may hold dates: `windowPadding` characters on either side of each word
 * or number that may head one, widened to whole words and merged where they meet.
 * Each kind of cue found is noted (`cueKindOf`): a rule of the reader runs only where a cue of a kind it needs is.
 */
function dateWindows(text: string, triggers: RegExp, kindOf: (cue: string) => number): Array<Span & { cues: number }> {
  const windows: Array<Span & { cues: number }> = [];
  triggers.lastIndex = 0;
  for (let m = triggers.exec(text); m; m = triggers.exec(text)) {
    let end = Math.min(text.length, m.index + m[0].length + windowPadding);
    const last = windows[windows.length - 1];
    const kinds = kindOf(m[0]);
    // Every cue counts ("14 … 1999 dollars": the window must reach past the year's unit), but the walk to a
    // space only ever covers text beyond the last window, so a long run without spaces is walked once.
    if (last && end <= last.end) {
      last.cues |= kinds;
      continue;
    }
    while (end < text.length && text[end] !== ' ') end++;
    if (last && m.index - windowPadding <= last.end + 1) {
      last.end = end;
      last.cues |= kinds;
    } else {
      // The previous window ends at a space, so this walk never goes back into it.
      let start = Math.max(0, m.index - windowPadding);
      while (start > 0 && text[start - 1] !== ' ') start--;
      windows.push({ start, end, cues: kinds });
    }
  }
  return windows;
}
