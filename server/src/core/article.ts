import { parseHeader, type Header } from './header';
import { matchResidue, type ResidueMatcher } from './data/residue';
import { isCreditLine, parseDateline, type Dateline } from './data/special-lines';
import { LineIndex, type Span } from './text';
import { lineCache } from './lru';

export interface Line {
  /** 0-based line number. */
  number: number;
  /** Offset of the first character. */
  start: number;
  /** Offset just after the last character before the line break. */
  end: number;
  /** Offset just after the line break (equals `end` on the last line). */
  breakEnd: number;
  text: string;
}

export type ParagraphKind = 'text' | 'credit' | 'dateline' | 'residue';

/** In this format a paragraph is one non-blank body line. */
export interface Paragraph {
  line: Line;
  kind: ParagraphKind;
  dateline?: Dateline;
  residue?: ResidueMatcher;
}

export interface Article {
  text: string;
  index: LineIndex;
  lines: Line[];
  header?: Header;
  /** First line after the header (0 without a header). */
  bodyStartLine: number;
  /** The first non-blank line after the header. */
  title?: Line;
  /** Non-blank lines after the title, in order. */
  paragraphs: Paragraph[];
}

const blank = /^[\s\u200b\ufeff]*$/u;

export function isBlank(line: Line): boolean {
  return blank.test(line.text);
}

/**
 * The line strings of recent analyses, by their text. A line an edit left alone is given the very string it had
 * before: every per-line cache (see `lineCache`) then finds its entry by identity, where a new string of the same
 * text was hashed once and compared in full with the key by each cache.
 */
const knownLines = lineCache<string>();

/**
 * The text of a slice in a string of its own. V8 makes a slice a view of the string it was cut from: a line kept
 * by the caches kept the whole article text of its edit alive, some 100 KB per keystroke in a 100 KB article. A
 * concatenation is flattened into a new string before it is sliced, so this keeps one character more, not the article.
 */
function detached(slice: string): string {
  return (slice + ' ').slice(0, -1);
}

export function parseArticle(text: string): Article {
  const index = new LineIndex(text);
  const starts = index.lineStarts;
  const lines: Line[] = starts.map((start, number) => {
    const breakEnd = number + 1 < starts.length ? starts[number + 1] : text.length;
    let end = breakEnd;
    if (end > start && text.charCodeAt(end - 1) === 10) end--;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const line = text.slice(start, end);
    return { number, start, end, breakEnd, text: knownLines.getOrCompute(line, () => detached(line)) };
  });
  const header = parseHeader(text, starts);
  const bodyStartLine = header ? index.positionAt(header.span.end).line + (header.span.end === text.length && !text.endsWith('\n') ? 1 : 0) : 0;
  let titleIndex = bodyStartLine;
  while (titleIndex < lines.length && isBlank(lines[titleIndex])) titleIndex++;
  const title = titleIndex < lines.length ? lines[titleIndex] : undefined;
  const paragraphs: Paragraph[] = [];
  for (let i = titleIndex + 1; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line)) continue;
    paragraphs.push(classify(line));
  }
  return { text, index, lines, header, bodyStartLine, title, paragraphs };
}

function classify(line: Line): Paragraph {
  const residue = matchResidue(line.text);
  if (residue) return { line, kind: 'residue', residue };
  const dateline = parseDateline(line.text);
  if (dateline) return { line, kind: 'dateline', dateline };
  if (isCreditLine(line.text)) return { line, kind: 'credit' };
  return { line, kind: 'text' };
}

/**
 * `read(article)`, remembered for the article it was last asked of: rules that share a reading of one article (quote
 * pairs, blank stretches) make it once per analysis. One article, not a WeakMap of them: an indexing thread reads
 * thousands, and the WeakMap's entries held each article's lines past young collections, to be promoted.
 */
export function lastArticleReading<T>(read: (article: Article) => T): (article: Article) => T {
  let last: { article: Article; reading: T } | undefined;
  return (article) => {
    if (last?.article !== article) last = { article, reading: read(article) };
    return last.reading;
  };
}

/** The span of a line's content without leading and trailing whitespace. */
export function trimmedSpan(line: Line): Span {
  const leading = line.text.length - line.text.trimStart().length;
  const trailing = line.text.length - line.text.trimEnd().length;
  return { start: line.start + leading, end: Math.max(line.start + leading, line.end - trailing) };
}
