import { legitimateDoubles } from '../data/doubled-words';
import { workingLanguage } from '../language/declared';
import { primaryLanguage } from '../language/tags';
import { lineCache, moveSpan, regionByRegion, type Placed } from '../lru';
import type { Rule, RuleContext, RuleFinding } from '../rule';
import type { Span } from '../text';
import { proseLines } from './shared/prose';

// A word: letters and digits, inner apostrophes and hyphens included (l’arrivo, Leica-Kamera). Each repetition
// starts with a separator outside the letter class, so matching is linear.
const word = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
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

function doublesIn(text: string, line: Span): Double[] {
  const doubles: Double[] = [];
  // The word before, by its offsets; none yet (no word ends at -2).
  let previousStart = -2;
  let previousEnd = -2;
  for (const m of text.slice(line.start, line.end).matchAll(word)) {
    const start = line.start + m.index;
    const end = start + m[0].length;
    // Words are lower-cased only when they may be the same: nearly every word differs from the one before at its first letter.
    if (start === previousEnd + 1 && text.charCodeAt(previousEnd) === space && maySameStart(text.charCodeAt(previousStart), text.charCodeAt(start))) {
      const current = m[0].toLowerCase();
      if (text.slice(previousStart, previousEnd).toLowerCase() === current && letter.test(current)) {
        doubles.push({ span: { start: previousEnd, end }, word: current, written: m[0], excerpt: text.slice(previousStart, end) });
      }
    }
    previousStart = start;
    previousEnd = end;
  }
  return doubles;
}

const space = 0x20;

/** Whether two words' first code units may be equal in lower case: ASCII letters and digits differ but in bit 0x20. */
function maySameStart(a: number, b: number): boolean {
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
