import { isBlank } from '../article';
import type { Rule } from '../rule';
import { lineBreakOf } from './shared/line-breaks';

const rule: Rule = {
  id: 'paragraph-separation',
  category: 'structure',
  description: 'Paragraphs must be separated by a blank line.',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'In this format a paragraph is a line, and paragraphs are separated by exactly one blank line; two lines in a row are usually a caption glued to the text, or paragraphs whose separation the scraper lost.',
    bad: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.\nDas erste Gerät kommt im Herbst.' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.\n\nDas erste Gerät kommt im Herbst.' },
  },
  check({ article }) {
    const findings = [];
    for (const paragraph of article.paragraphs) {
      const line = paragraph.line;
      const previous = article.lines[line.number - 1];
      if (!previous || previous === article.title || isBlank(previous)) continue;
      findings.push({ span: { start: line.start, end: line.end }, message: 'This paragraph follows the previous line directly; separate paragraphs with one blank line.' });
    }
    return findings;
  },
  fix({ article }, finding) {
    const line = article.lines[article.index.positionAt(finding.span.start).line - 1];
    return { title: 'Insert a blank line before this paragraph', edits: [{ start: line.end, end: line.end, newText: lineBreakOf(article, line) }], safe: true };
  },
};

export default rule;
