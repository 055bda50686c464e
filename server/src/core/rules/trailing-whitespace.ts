import type { Rule } from '../rule';
import { isBlank } from '../article';

const whitespace = /[\s\u200b]/u;

/** Where the run of whitespace that ends `text` starts (text.length when there is none); scans back from the end. */
function trailingStart(text: string): number {
  let start = text.length;
  while (start > 0 && whitespace.test(text[start - 1])) start--;
  return start;
}

const rule: Rule = {
  id: 'trailing-whitespace',
  category: 'whitespace',
  description: 'Lines must not end with whitespace.',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'Invisible whitespace at the end of a line (often a no-break space) changes nothing on screen but breaks comparisons, deduplication and offsets.',
    bad: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.\u00a0' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    const findings = [];
    for (const line of article.lines) {
      if (isBlank(line)) continue;
      const start = trailingStart(line.text);
      if (start < line.text.length) findings.push({ span: { start: line.start + start, end: line.end }, message: 'Trailing whitespace at the end of the line.' });
    }
    return findings;
  },
  fix(_context, finding) {
    return { title: 'Delete the trailing whitespace', edits: [{ ...finding.span, newText: '' }], safe: true };
  },
};

export default rule;
