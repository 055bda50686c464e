import { trimmedSpan } from '../article';
import type { Rule } from '../rule';
import { findingsByLine } from './shared/by-line';
import { allParagraphKinds, proseLines } from './shared/prose';

const runs = /[ \u00a0\u202f]{2,}/g;

const runsByLine = findingsByLine((article, line) => {
  const inner = trimmedSpan(line);
  const text = article.text.slice(inner.start, inner.end);
  return [...text.matchAll(runs)].map((m) => {
    const described = [...m[0]].map((c) => (c === ' ' ? 'space' : 'no-break space')).join(' + ');
    return { span: { start: inner.start + m.index, end: inner.start + m.index + m[0].length }, message: `Several spaces in a row (${described}); use one.` };
  });
});

const rule: Rule = {
  id: 'multiple-spaces',
  category: 'whitespace',
  description: 'Words must be separated by one space, not several (no-break spaces included).',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'Double spaces, and a no-break space next to a space (common in scraped text: “P50 Pro\u00a0 mit”), are invisible noise that breaks phrase search and n-gram counts.',
    bad: { text: 'Leica und Xiaomi\n\nDie Partnerschaft  beginnt im Juli.' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    return runsByLine(article, proseLines(article, allParagraphKinds));
  },
  fix({ article }, finding) {
    const run = article.text.slice(finding.span.start, finding.span.end);
    // A run of no-break spaces only keeps one: it was meant to bind the words.
    const single = /^\u00a0+$/.test(run) ? '\u00a0' : /^\u202f+$/.test(run) ? '\u202f' : ' ';
    return { title: 'Replace with a single space', edits: [{ ...finding.span, newText: single }], safe: true };
  },
};

export default rule;
