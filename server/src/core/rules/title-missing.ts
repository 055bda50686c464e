import { isBlank } from '../article';
import type { Rule } from '../rule';

const rule: Rule = {
  id: 'title-missing',
  category: 'structure',
  description: 'The first line after the header must be the title (not blank).',
  defaultSeverity: 'error',
  docs: {
    rationale: 'Pipelines take the first line after the header as the article’s title. Blank lines before it, or an article with no text at all, break that.',
    bad: { text: '\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    const first = article.lines[article.bodyStartLine];
    if (!article.title) {
      const at = first ? first.start : article.text.length;
      return [{ span: { start: at, end: first ? first.end : at }, message: 'The article has no title: the text after the header is empty.' }];
    }
    if (!first || !isBlank(first)) return [];
    const blanks = article.title.number - article.bodyStartLine;
    return [{ span: { start: first.start, end: article.title.start }, message: `The title must be the first line after the header; ${blanks} blank line${blanks > 1 ? 's' : ''} come${blanks > 1 ? '' : 's'} before it.` }];
  },
  fix({ article }, finding) {
    // An unclosed header ends at the first blank line: deleting it would pull the title into the header.
    if (!article.title || (article.header && article.header.closingStart === undefined)) return undefined;
    return { title: 'Remove the blank lines before the title', edits: [{ ...finding.span, newText: '' }], safe: true };
  },
};

export default rule;
