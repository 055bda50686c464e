import { isBlank } from '../article';
import type { Rule } from '../rule';
import { lineBreakOf } from './shared/line-breaks';

const rule: Rule = {
  id: 'title-separation',
  category: 'structure',
  description: 'The title must be followed by exactly one blank line.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'Without the blank line the title runs into the first paragraph, and tools that split on blank lines take both for the title.',
    bad: { text: 'Leica und Xiaomi\nDie Partnerschaft beginnt im Juli.' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    const title = article.title;
    const next = title && article.lines[title.number + 1];
    if (!title || !next || isBlank(next)) return [];
    return [{ span: { start: title.start, end: title.end }, message: 'The title is followed directly by text; add one blank line after it.' }];
  },
  fix({ article }) {
    const title = article.title;
    if (!title) return undefined;
    return { title: 'Insert a blank line after the title', edits: [{ start: title.end, end: title.end, newText: lineBreakOf(article, title) }], safe: true };
  },
};

export default rule;
