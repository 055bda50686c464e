import { legitimateDoubles } from '../data/doubled-words';
import { workingLanguage } from '../language/declared';
import { primaryLanguage } from '../language/tags';
import { lineCache, moveSpan, regionByRegion, type Placed } from '../lru';
import type { Rule, RuleContext, RuleFinding } from '../rule';
import { isHighSurrogate, isLowSurrogate, unitsMatching, type Span } from '../text';
import { proseLines } from './shared/prose';

// A word: letters, marks and digits, inner apostrophes and hyphens included (l’arrivo, Leica-Kamera): a run of
// word characters, then any number of one separator and a run of word characters.
const wordCharacter = /^[\p{L}\p{M}\p{N}]$/u;
const letter = /\p{L}/u;

const union: ReadonlySet<string> = new Set(Object.values(legitimateDoubles).flat());

/** The legitimate doubles for the declared language, else a sure detection, else every language's. */
function allowedDoubles(context: RuleContext): ReadonlySet<string> {
  const tag = workingLanguage(context);
  const list = tag === undefined ? undefined : legitimateDoubles[primaryLanguage(tag)];
  return list ? new Set(list) : union;
}

interface Double {
  /** The second word and the space before it. */
  span: Span;
  /** The word in lower case, as the legitimate doubles list it. */
  word: string;
  written: string;
  /** Both words as written. */
  excerpt: string;
}

/** The doubles of recent lines, by their text, whatever the language allows: typing changes one line. */
const lineDoubles = lineCache<Placed<Double>>();

/**
 * The doubles of one line: each word that follows the same word (in lower case, holding a letter) after exactly one
 * space, in the order of the line. Words are split as a left-to-right scan for the longest words would split them.
 */
export function doublesIn(text: string, line: Span): Double[] {
  const doubles: Double[] = [];
  // Spaces are looked for in the line alone, so that the search never runs past it; words are read in the text,
  // whose code units are quicker to read than a slice's.
  const lineText = text.slice(line.start, line.end);
  wordUnits ??= unitsMatching(wordCharacter);
  // Only the words either side of a space can make a double, so only they are read; and words are lower-cased only
  // when they may be the same: nearly every word differs from the one before at its first or last letter.
  for (let space = lineText.indexOf(' ', 1); space !== -1 && space < lineText.length - 1; space = lineText.indexOf(' ', space + 1)) {
    const gap = line.start + space;
    const start = gap + 1;
    if (wordWidthAt(text, start, line.end) === 0 || wordWidthBefore(text, gap, line.start) === 0) continue;
    const previousStart = wordStartBefore(text, gap, line.start);
    if (!maySameUnit(text.charCodeAt(previousStart), text.charCodeAt(start))) continue;
    const end = wordEndFrom(text, start, line.end);
    if (!maySameUnit(text.charCodeAt(gap - 1), text.charCodeAt(end - 1))) continue;
    const written = text.slice(start, end);
    const current = written.toLowerCase();
    if (text.slice(previousStart, gap).toLowerCase() === current && letter.test(current)) {
      doubles.push({ span: { start: gap, end }, word: current, written, excerpt: text.slice(previousStart, end) });
    }
  }
  return doubles;
}

/** 1 for each UTF-16 code unit that is a word character alone; made on first use. */
let wordUnits: Uint8Array | undefined;

/** The width in code units of the word character at `i`, 0 when there is none before `lineEnd`. */
function wordWidthAt(text: string, i: number, lineEnd: number): number {
  if (i >= lineEnd) return 0;
  const unit = text.charCodeAt(i);
  if (wordUnits![unit]) return 1;
  return isHighSurrogate(unit) && i + 1 < lineEnd && wordCharacter.test(text.slice(i, i + 2)) ? 2 : 0;
}

/** The width in code units of the word character that ends at `i`, 0 when there is none from `lineStart` on. */
function wordWidthBefore(text: string, i: number, lineStart: number): number {
  if (i <= lineStart) return 0;
  const unit = text.charCodeAt(i - 1);
  if (wordUnits![unit]) return 1;
  return isLowSurrogate(unit) && i - 2 >= lineStart && wordCharacter.test(text.slice(i - 2, i)) ? 2 : 0;
}

/**
 * The start of the word that ends at `end`. A separator belongs to a word only with a word character either side
 * (in "a-'b" the word is "b"), so walking back splits words as the scan from the left does. One loop over code
 * units, nearly all of them word characters alone, is what makes the walk cheap.
 */
function wordStartBefore(text: string, end: number, lineStart: number): number {
  let i = end;
  while (i > lineStart) {
    const unit = text.charCodeAt(i - 1);
    if (wordUnits![unit]) i--;
    else if (isLowSurrogate(unit) && wordWidthBefore(text, i, lineStart) === 2) i -= 2;
    else if (isSeparator(unit) && wordWidthBefore(text, i - 1, lineStart) > 0) i--;
    else break;
  }
  return i;
}

/** The end of the word that starts at `start`. */
function wordEndFrom(text: string, start: number, lineEnd: number): number {
  let i = start;
  while (i < lineEnd) {
    const unit = text.charCodeAt(i);
    if (wordUnits![unit]) i++;
    else if (isHighSurrogate(unit) && wordWidthAt(text, i, lineEnd) === 2) i += 2;
    else if (isSeparator(unit) && wordWidthAt(text, i + 1, lineEnd) > 0) i++;
    else break;
  }
  return i;
}

/** Whether the code unit joins two runs of word characters into one word. */
function isSeparator(unit: number): boolean {
  return unit === 0x27 || unit === 0x2019 || unit === 0x2d;
}

/**
 * Whether two words' first (or last) code units may be equal in lower case: ASCII letters and digits differ but in
 * bit 0x20, and lower case maps each code point on its own (but Σ), so an ASCII one stays first (or last).
 */
function maySameUnit(a: number, b: number): boolean {
  return a >= 0x80 || b >= 0x80 || (a | 0x20) === (b | 0x20);
}

function moveDouble(double: Double, by: number): Double {
  return { span: moveSpan(double.span, by), word: double.word, written: double.written, excerpt: double.excerpt };
}

const rule: Rule = {
  id: 'doubled-word',
  category: 'typography',
  description: 'The same word must not stand twice in a row (“baut baut”), except where the language allows it (“die die”).',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'A doubled word is almost always an editing slip. Doubles that are correct in a language (German “die die”, English “had had”, French “nous nous”) are kept per language in `data/doubled-words.ts`; numbers are never reported.',
    bad: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Leica Camera AG baut baut ihre Kooperationen aus.\n' },
    good: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Leica Camera AG baut ihre Kooperationen aus.\n' },
  },
  check(context) {
    const { article } = context;
    const findings: RuleFinding[] = [];
    let allowed: ReadonlySet<string> | undefined;
    for (const double of regionByRegion(lineDoubles, article.text, proseLines(article, ['text', 'credit']), (line) => doublesIn(article.text, line), moveDouble)) {
      // Detect the language only when there is something to judge: franc is the expensive part.
      allowed ??= allowedDoubles(context);
      if (!allowed.has(double.word)) findings.push({ span: double.span, message: `The word “${double.written}” is doubled in “${double.excerpt}”; delete one of them.` });
    }
    return findings;
  },
  fix({ article }, finding) {
    const removed = article.text.slice(finding.span.start, finding.span.end);
    return { title: `Delete the repeated “${removed.trim()}”`, edits: [{ ...finding.span, newText: '' }], safe: false };
  },
};

export default rule;
