import type { Article, Line } from '../../article';
import { lineCache, moveSpan, regionByRegion, type Placed } from '../../lru';
import type { RuleFinding } from '../../rule';

/**
 * A rule's findings line by line, each line's remembered by its text (one cache per rule): typing changes one line
 * of an article, and the others are not searched again. `find` must read nothing of the article outside the line
 * it is given; its spans are offsets into the article, as every rule reports them.
 */
export function findingsByLine(find: (article: Article, line: Line) => RuleFinding[]): (article: Article, lines: readonly Line[]) => RuleFinding[] {
  const cache = lineCache<Placed<RuleFinding>>();
  return (article, lines) => regionByRegion(cache, article.text, lines, (line) => find(article, line), movedFinding);
}

function movedFinding(finding: RuleFinding, by: number): RuleFinding {
  const moved: RuleFinding = { span: moveSpan(finding.span, by), message: finding.message };
  if (finding.data) moved.data = finding.data;
  return moved;
}
