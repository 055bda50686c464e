import { isBlank, type Article, type Line, type Paragraph } from '../../article';
import type { TextEdit } from '../../text';

/** The paragraph whose line holds `offset` (a finding's start); a binary search, paragraphs being in text order. */
export function paragraphAt(article: Article, offset: number): Paragraph | undefined {
  const { paragraphs } = article;
  let low = 0;
  let high = paragraphs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const line = paragraphs[mid].line;
    if (offset < line.start) high = mid - 1;
    else if (offset > line.end) low = mid + 1;
    else return paragraphs[mid];
  }
  return undefined;
}

/**
 * Deletes a paragraph line together with its blank-line separation, so that its neighbours keep the
 * separation they had from it: up to the next non-blank line when there is one, otherwise from the end of
 * the previous non-blank line to the end of the text (keeping a final line break).
 */
export function deleteParagraph(article: Article, line: Line): TextEdit {
  const { lines, text } = article;
  let next = line.number + 1;
  while (next < lines.length && isBlank(lines[next])) next++;
  if (next < lines.length) return { start: line.start, end: lines[next].start, newText: '' };
  let previous = line.number - 1;
  while (previous >= 0 && isBlank(lines[previous])) previous--;
  const finalBreak = /(?:\r\n|\n|\r)$/.exec(text)?.[0] ?? '';
  return { start: previous >= 0 ? lines[previous].end : line.start, end: text.length - finalBreak.length, newText: '' };
}
