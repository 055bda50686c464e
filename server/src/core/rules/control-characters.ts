import type { Rule } from '../rule';
import { findingsByLine } from './shared/by-line';

// C0 and C1 controls except tab, line feed and carriage return (their own rules cover those).
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]+/g;

// Line by line: no control character this rule reports is a line break.
const controlsByLine = findingsByLine((_article, line) =>
  [...line.text.matchAll(controls)].map((m) => ({
    span: { start: line.start + m.index, end: line.start + m.index + m[0].length },
    message: `Control character${m[0].length > 1 ? 's' : ''} ${[...m[0]].slice(0, 4).map((c) => 'U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join(' ')}${m[0].length > 4 ? ' …' : ''} in the text.`,
  })),
);

const rule: Rule = {
  id: 'control-characters',
  category: 'encoding',
  description: 'The text must not contain control characters (NUL, escape, C1 controls, …).',
  defaultSeverity: 'error',
  docs: {
    rationale: 'Control characters are invisible, break many tools, and in scraped text usually mean a broken conversion. The quick fix deletes them; it is not applied by “fix all”, because a control character can also hint that the file is not text at all.',
    bad: { text: 'Leica und Xiaomi\n\nDie Partnerschaft\u0007 beginnt im Juli.' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    return controlsByLine(article, article.lines);
  },
  fix(_context, finding) {
    return { title: 'Delete the control characters', edits: [{ ...finding.span, newText: '' }], safe: false };
  },
};

export default rule;
