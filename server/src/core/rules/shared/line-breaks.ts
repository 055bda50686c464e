import type { Article, Line } from '../../article';

/** The line break a line ends with (its own, or the file's usual one for the last line). */
export function lineBreakOf(article: Article, line: Line): string {
  const own = article.text.slice(line.end, line.breakEnd);
  return own || (article.text.includes('\r\n') ? '\r\n' : '\n');
}
