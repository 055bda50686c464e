import type { Rule, RuleFinding } from '../rule';
import { findingsByLine } from './shared/by-line';
import { excerpt, proseLines } from './shared/prose';

const partner: Record<string, string> = { ')': '(', ']': '[' };
const bracket = /[()[\]]/g;

// "1)", "a)", "iv)" opening a line or standing after a space are list markers, not brackets.
const enumeration = /^(?:\d{1,3}|\p{L}|[ivxIVX]{1,4})$/u;

function isEnumeration(text: string, lineStart: number, close: number): boolean {
  // Markers are short: looking back a few characters keeps the scan linear on long lines full of ")".
  let start = close;
  while (start > lineStart && close - start < 4 && !/\s/u.test(text[start - 1])) start--;
  const atWordStart = start === lineStart || /\s/u.test(text[start - 1]);
  return atWordStart && text[close] === ')' && enumeration.test(text.slice(start, close));
}

const bracketsByLine = findingsByLine((article, line) => {
  const { text } = article;
  const findings: RuleFinding[] = [];
  const open: number[] = [];
  const unmatched: number[] = [];
  bracket.lastIndex = 0;
  // Only the brackets are visited: a loop over every character cost a millisecond per keystroke in 100 KB.
  for (let m = bracket.exec(line.text); m; m = bracket.exec(line.text)) {
    const offset = line.start + m.index;
    const c = m[0];
    if (c === '(' || c === '[') open.push(offset);
    else if (c === ')' || c === ']') {
      const top = open.at(-1);
      if (top !== undefined && text[top] === partner[c]) open.pop();
      // Only a ")" that closes nothing can be a list marker: "(siehe Punkt 1)" is a bracket.
      else if (!isEnumeration(text, line.start, offset)) unmatched.push(offset);
    }
  }
  unmatched.push(...open);
  for (const offset of unmatched.sort((a, b) => a - b)) {
    const span = { start: offset, end: offset + 1 };
    const c = text[offset];
    const context = excerpt(text, line, span);
    findings.push({
      span,
      message:
        c === '(' || c === '['
          ? `Bracket “${c}” in “${context}” is never closed in this paragraph; add the closing “${c === '(' ? ')' : ']'}” or delete it.`
          : `Bracket “${c}” in “${context}” closes nothing in this paragraph; add the opening “${partner[c]}” or delete it.`,
    });
  }
  return findings;
});

const rule: Rule = {
  id: 'bracket-balance',
  category: 'typography',
  description: 'Round and square brackets must be paired within their paragraph.',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'An unclosed bracket, or a closing one without an opening one, usually means text was lost or glued together when the article was scraped. List markers such as “1)” or “a)” are not brackets.',
    bad: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Leica Camera AG (aus Wetzlar baut ihre Kooperationen aus.\n' },
    good: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Leica Camera AG (aus Wetzlar) baut ihre Kooperationen aus.\n' },
  },
  check({ article }) {
    return bracketsByLine(article, proseLines(article, ['text', 'credit']));
  },

};

export default rule;
