import type { Rule } from '../rule';
import { findingsByLine } from './shared/by-line';

const tabsByLine = findingsByLine((_article, line) =>
  [...line.text.matchAll(/\t+/g)].map((m) => ({ span: { start: line.start + m.index, end: line.start + m.index + m[0].length }, message: m[0].length > 1 ? `${m[0].length} tab characters; use a space.` : 'Tab character; use a space.' })),
);

const rule: Rule = {
  id: 'no-tabs',
  category: 'encoding',
  description: 'The text must not contain tab characters.',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'Tabs in prose are layout residue from the source page; they render differently everywhere and carry no meaning. The fix turns each run of tabs into one space.',
    bad: { text: 'Leica und Xiaomi\n\nDie Partnerschaft\tbeginnt im Juli.' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    return tabsByLine(article, article.lines);
  },
  fix({ article }, finding) {
    // Next to a space a tab is simply dropped, so the fix never makes a double space.
    const before = article.text[finding.span.start - 1];
    const after = article.text[finding.span.end];
    const touchesSpace = before === undefined || after === undefined || /\s/.test(before) || /\s/.test(after);
    return { title: 'Replace tabs with a space', edits: [{ ...finding.span, newText: touchesSpace ? '' : ' ' }], safe: true };
  },
};

export default rule;
