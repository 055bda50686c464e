import type { Rule } from '../rule';

const rule: Rule = {
  id: 'bom',
  category: 'encoding',
  description: 'The file must not start with a byte order mark.',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'UTF-8 needs no byte order mark; tools that do not expect one read it as an invisible first character of the title.',
    bad: { text: '\ufeffLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    return article.text.charCodeAt(0) === 0xfeff ? [{ span: { start: 0, end: 1 }, message: 'The file starts with a byte order mark (U+FEFF); UTF-8 files here have none.' }] : [];
  },
  fix(_context, finding) {
    return { title: 'Remove the byte order mark', edits: [{ ...finding.span, newText: '' }], safe: true };
  },
};

export default rule;
