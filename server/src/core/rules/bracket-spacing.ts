import type { Rule, RuleFinding } from '../rule';
import { excerpt, proseLines } from './shared/prose';

const isSpace = (c: string | undefined) => c === ' ' || c === '\u00a0';

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
    const { text } = article;
    const findings: RuleFinding[] = [];
    for (const line of proseLines(article, ['text', 'credit'])) {
      // A plain scan rather than a regular expression: each run of spaces is looked at once.
      for (let start = line.start; start < line.end; start++) {
        if (!isSpace(text[start])) continue;
        let end = start;
        while (end < line.end && isSpace(text[end])) end++;
        // Spaces at either end of the line are the leading/trailing-whitespace rules' business.
        const afterOpening = start > line.start && (text[start - 1] === '(' || text[start - 1] === '[') && end < line.end;
        const beforeClosing = end < line.end && (text[end] === ')' || text[end] === ']') && start > line.start;
        if (afterOpening || beforeClosing) {
          const span = { start, end };
          const where = afterOpening ? `after “${text[start - 1]}”` : `before “${text[end]}”`;
          findings.push({ span, message: `Space ${where} in “${excerpt(text, line, span, 12)}”; delete it.` });
        }
        start = end;
      }
    }
    return findings;
  },
  fix(_context, finding) {
    return { title: 'Delete the space inside the brackets', edits: [{ ...finding.span, newText: '' }], safe: true };
  },
};

export default rule;
