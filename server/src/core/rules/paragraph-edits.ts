import { isBlank, type Article, type Line, type Paragraph } from '../article';
import type { TextEdit } from '../text';

/** The paragraph whose line holds `offset` (a finding's start). */
export function paragraphAt(article: Article, offset: number): Paragraph | undefined {
  return article.paragraphs.find((p) => p.line.start <= offset && offset <= p.line.end);
}

/**
 * Deletes a paragraph line together with its blank-line separation, so that its neighbours keep the
 * separation they had from it: up to the next non-blank line when there is one, otherwise from the end of
 * the previous non-blank line to the end of the text (keeping a final line break).
 */
export function deleteParagraph(article: Article, line: Line): TextEdit {
  const { lines, text } = article;
  const next = lines.slice(line.number + 1).find((l) => !isBlank(l));
  if (next) return { start: line.start, end: next.start, newText: '' };
  let previous: Line | undefined;
  for (let i = line.number - 1; i >= 0 && !previous; i--) if (!isBlank(lines[i])) previous = lines[i];
  const finalBreak = /(?:\r\n|\n|\r)$/.exec(text)?.[0] ?? '';
  return { start: previous ? previous.end : line.start, end: text.length - finalBreak.length, newText: '' };
}
