import { isBlank } from '../article';
import type { Rule } from '../rule';
import { bodyLinesAfterTitle } from './blank-lines';
import { lineBreakOf } from './shared/line-breaks';

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
    const lines = bodyLinesAfterTitle(article);
    const at = lines.findIndex((line) => line.start === finding.span.start);
    if (at < 0) return undefined;
    let first = at;
    while (first > 0 && isBlank(lines[first - 1])) first--;
    let after = at;
    while (after < lines.length && isBlank(lines[after])) after++;
    const next = lines[after];
    if (next) {
      // Between two paragraphs: the whole blank stretch becomes exactly one empty line.
      return { title: 'Replace the blank stretch with one empty line', edits: [{ start: lines[first].start, end: next.start, newText: lineBreakOf(article, lines[first]) }], safe: true };
    }
    const previous = first > 0 ? lines[first - 1] : article.title;
    if (!previous) return undefined;
    const finalBreak = /\r?\n$/.exec(article.text)?.[0] ?? '';
    return { title: 'Delete the blank lines at the end', edits: [{ start: previous.end, end: article.text.length, newText: finalBreak }], safe: true };
  },
};

export default rule;
