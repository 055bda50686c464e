import type { Rule, RuleFinding } from '../rule';
import { findingsByLine } from './shared/by-line';
import { excerpt, proseLines } from './shared/prose';

const isSpace = (c: string | undefined) => c === ' ' || c === '\u00a0';
const bracket = /[()[\]]/g;

const spacesByLine = findingsByLine((article, line) => {
  const { text } = article;
  const findings: RuleFinding[] = [];
  // Only the brackets are visited, each looking at the run of spaces beside it.
  bracket.lastIndex = 0;
  for (let m = bracket.exec(line.text); m; m = bracket.exec(line.text)) {
    const at = line.start + m.index;
    let start: number;
    let end: number;
    if (m[0] === '(' || m[0] === '[') {
      start = end = at + 1;
      while (end < line.end && isSpace(text[end])) end++;
      // Spaces at either end of the line are the leading/trailing-whitespace rules' business.
      if (end === start || end === line.end) continue;
    } else {
      start = end = at;
      while (start > line.start && isSpace(text[start - 1])) start--;
      // A run between "(" and ")" was reported after its opening bracket.
      if (start === end || start === line.start || text[start - 1] === '(' || text[start - 1] === '[') continue;
    }
    const span = { start, end };
    const where = m[0] === '(' || m[0] === '[' ? `after “${m[0]}”` : `before “${m[0]}”`;
    findings.push({ span, message: `Space ${where} in “${excerpt(text, line, span, 12)}”; delete it.` });
  }
  return findings;
});

const rule: Rule = {
  id: 'bracket-spacing',
  category: 'typography',
  description: 'No space may follow an opening bracket or precede a closing one: “(già)”, not “( già )”.',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'A space inside brackets is a typing or conversion slip in every language of the corpus, and it splits the bracket from its word for tokenizers.',
    bad: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Leica Camera AG ( aus Wetzlar) baut ihre Kooperationen aus.\n' },
    good: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Leica Camera AG (aus Wetzlar) baut ihre Kooperationen aus.\n' },
  },
  check({ article }) {
    return spacesByLine(article, proseLines(article, ['text', 'credit']));
  },

  fix(_context, finding) {
    return { title: 'Delete the space inside the brackets', edits: [{ ...finding.span, newText: '' }], safe: true };
  },
};

export default rule;
