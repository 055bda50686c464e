import { isBlank, lastArticleReading, type Line } from '../article';
import type { Rule } from '../rule';
import { bodyLinesAfterTitle } from './blank-lines';
import { lineBreakOf } from './shared/line-breaks';

interface BlankStretches {
  /** The body lines after the title. */
  lines: Line[];
  /** For each blank line of `lines`, the index of the first line of its blank stretch and of the line after the stretch. */
  first: Int32Array;
  after: Int32Array;
}

/**
 * The blank stretches of the body, found once per article: every line of a stretch gets the same fix, and a fix
 * per line that walked the lines again would make N whitespace-only lines in a row cost N².
 */
const blankStretches = lastArticleReading((article): BlankStretches => {
  const lines = bodyLinesAfterTitle(article);
  const first = new Int32Array(lines.length);
  const after = new Int32Array(lines.length);
  for (let i = 0; i < lines.length; ) {
    let end = i;
    while (end < lines.length && isBlank(lines[end])) end++;
    first.fill(i, i, end);
    after.fill(end, i, end);
    i = Math.max(end, i + 1);
  }
  return { lines, first, after };
});

/** The index of the line starting at `offset`, or -1 (binary search: the lines are in order). */
function lineAt(lines: readonly Line[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (lines[middle].start < offset) low = middle + 1;
    else if (lines[middle].start > offset) high = middle - 1;
    else return middle;
  }
  return -1;
}

const rule: Rule = {
  id: 'whitespace-only-line',
  category: 'whitespace',
  description: 'A line must not hold only whitespace (spaces, no-break spaces, …).',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'A line of invisible characters (often a lone no-break space from a web page) looks blank but is not: it breaks the paragraph structure. The fix turns the blank stretch around it into exactly one empty line.',
    bad: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.\n\n\u00a0\n\nDas erste Gerät kommt im Herbst.' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.\n\nDas erste Gerät kommt im Herbst.' },
  },
  check({ article }) {
    return bodyLinesAfterTitle(article)
      .filter((line) => line.text !== '' && isBlank(line))
      .map((line) => ({
        span: { start: line.start, end: line.end },
        message: `This line holds only whitespace (${[...new Set(line.text)].map((c) => (c === ' ' ? 'space' : 'U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'))).join(', ')}).`,
      }));
  },
  fix({ article }, finding) {
    const { lines, first: firsts, after: afters } = blankStretches(article);
    const at = lineAt(lines, finding.span.start);
    if (at < 0 || !isBlank(lines[at])) return undefined;
    const first = firsts[at];
    const next = lines[afters[at]];
    if (next) {
      // Between two paragraphs: the whole blank stretch becomes exactly one empty line.
      return { title: 'Replace the blank stretch with one empty line', edits: [{ start: lines[first].start, end: next.start, newText: lineBreakOf(article, lines[first]) }], safe: true };
    }
    const previous = first > 0 ? lines[first - 1] : article.title;
    if (!previous) return undefined;
    const finalBreak = article.text.endsWith('\r\n') ? '\r\n' : article.text.endsWith('\n') ? '\n' : '';
    return { title: 'Delete the blank lines at the end', edits: [{ start: previous.end, end: article.text.length, newText: finalBreak }], safe: true };
  },
};

export default rule;
