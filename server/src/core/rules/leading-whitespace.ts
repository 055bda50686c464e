import type { Rule } from '../rule';
import { allParagraphKinds, proseLines } from './shared/prose';

const leading = /^[\s\u200b]+/u;

const rule: Rule = {
  id: 'leading-whitespace',
  category: 'whitespace',
  description: 'The title and paragraphs must not start with whitespace.',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'Indentation carries no meaning in this format; leading spaces are layout residue from the source page.',
    bad: { text: 'Leica und Xiaomi\n\n  Die Partnerschaft beginnt im Juli.' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    const lines = proseLines(article, allParagraphKinds);
    const findings = [];
    for (const line of lines) {
      // A byte order mark is the `bom` rule's business, not indentation.
      const skip = line.start === 0 && line.text.charCodeAt(0) === 0xfeff ? 1 : 0;
      const m = leading.exec(line.text.slice(skip));
      if (m) findings.push({ span: { start: line.start + skip, end: line.start + skip + m[0].length }, message: 'The line starts with whitespace.' });
    }
    return findings;
  },
  fix(_context, finding) {
    return { title: 'Delete the leading whitespace', edits: [{ ...finding.span, newText: '' }], safe: true };
  },
};

export default rule;
