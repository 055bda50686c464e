import type { Article } from '../../article';
import type { Span } from '../../text';

/** Where file-wide findings go: the first line's content (an empty span at 0 for an empty file). */
export function firstLineSpan(article: Article): Span {
  const first = article.lines[0];
  return { start: 0, end: first ? first.end : 0 };
}
