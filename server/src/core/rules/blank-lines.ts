import type { Article, Line } from '../article';
import type { Rule, RuleFinding } from '../rule';

/** Lines after the title, without the empty remainder that follows a final line break. */
export function bodyLinesAfterTitle(article: Article): Line[] {
  if (!article.title) return [];
  const lines = article.lines.slice(article.title.number + 1);
  const last = lines[lines.length - 1];
  if (last && last.text === '' && last.start === article.text.length && article.text.length > 0) lines.pop();
  return lines;
}

const rule: Rule = {
  id: 'blank-lines',
  category: 'structure',
  description: 'No runs of blank lines between paragraphs, and no blank lines at the end of the file.',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'Exactly one blank line separates paragraphs; more is layout residue that makes paragraph counts and offsets disagree between tools. A single final line break is fine.',
    bad: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.\n\n\n\nDas erste Gerät kommt im Herbst.' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.\n\nDas erste Gerät kommt im Herbst.\n' },
  },
  check({ article }) {
    const lines = bodyLinesAfterTitle(article);
    const findings: RuleFinding[] = [];
    let runStart = -1;
    let lastContent: Line | undefined = article.title;
    const flush = (next: Line | undefined, runEnd: number) => {
      const count = runEnd - runStart;
      if (runStart < 0 || !lastContent) return;
      if (next && count >= 2) {
        findings.push({ span: { start: lines[runStart + 1].start, end: next.start }, message: `${count} blank lines in a row; paragraphs are separated by exactly one.` });
      } else if (!next && count >= 1) {
        findings.push({ span: { start: lastContent.breakEnd, end: article.text.length }, message: `${count} blank line${count > 1 ? 's' : ''} at the end of the file.` });
      }
    };
    lines.forEach((line, i) => {
      if (line.text === '') {
        if (runStart < 0) runStart = i;
        return;
      }
      flush(line, i);
      runStart = -1;
      lastContent = line;
    });
    flush(undefined, lines.length);
    return findings;
  },
  fix(_context, finding) {
    return { title: 'Delete the extra blank lines', edits: [{ ...finding.span, newText: '' }], safe: true };
  },
};

export default rule;
