import { lastArticleReading, type Line } from '../../article';
import { proseLines } from './prose';

/** Double quotation styles, named by their opening mark. Single quotes are left alone: ’ is also an apostrophe. */
export type QuoteStyle = 'german' | 'english' | 'guillemets' | 'reversed guillemets' | 'straight';

export const quoteMarks: Record<QuoteStyle, { open: string; close: string }> = {
  german: { open: '„', close: '“' },
  english: { open: '“', close: '”' },
  guillemets: { open: '«', close: '»' },
  'reversed guillemets': { open: '»', close: '«' },
  straight: { open: '"', close: '"' },
};

const styleOpenedBy = new Map(Object.entries(quoteMarks).map(([style, marks]) => [marks.open, style as QuoteStyle]));

/** The mark that closes a quotation opened with `mark`. */
export function closingMarkOf(mark: string): string {
  return quoteMarks[styleOpenedBy.get(mark)!].close;
}

/** "„…“": a style as messages show it. */
export function quoteExample(style: QuoteStyle): string {
  return `${quoteMarks[style].open}…${quoteMarks[style].close}`;
}

export interface QuotePair {
  line: Line;
  /** Offsets of the opening and the closing mark. */
  open: number;
  close: number;
  /** The style of the opening mark. */
  style: QuoteStyle;
  /** False when the closing mark belongs to another style (“…“, „…”). */
  wellFormed: boolean;
}

export interface StrayQuote {
  line: Line;
  offset: number;
  mark: string;
  /** Whether the mark is left open, or closes nothing (a closing mark, or an opening-or-closing one that reads as closing). */
  closing: boolean;
}

export interface QuoteAnalysis {
  pairs: QuotePair[];
  strays: StrayQuote[];
  /** Pairs by the offset of their closing mark, where every quote-style finding ends. */
  byClose: ReadonlyMap<number, QuotePair>;
  /** The style with most well-formed pairs (on a tie the first used); undefined without any. */
  articleStyle?: QuoteStyle;
}

/** Pairs the double quotation marks of the title and the prose paragraphs, line by line (a paragraph is a line). */
export const analyzeQuotes = lastArticleReading((article): QuoteAnalysis => {
  const pairs: QuotePair[] = [];
  const strays: StrayQuote[] = [];
  for (const line of proseLines(article)) pairLine(article.text, line, pairs, strays);
  // Pairs are found at their closing mark; text order is by the opening one.
  pairs.sort((a, b) => a.open - b.open);
  strays.sort((a, b) => a.offset - b.offset);
  return { pairs, strays, byClose: new Map(pairs.map((pair) => [pair.close, pair])), articleStyle: dominantStyle(pairs) };
});

const quoteMark = /[„«»“”"]/g;

function pairLine(text: string, line: Line, pairs: QuotePair[], strays: StrayQuote[]): void {
  const stack: Array<{ offset: number; mark: string }> = [];
  const close = (offset: number) => {
    const opening = stack.pop()!;
    const style = styleOpenedBy.get(opening.mark)!;
    pairs.push({ line, open: opening.offset, close: offset, style, wellFormed: quoteMarks[style].close === text[offset] });
  };
  quoteMark.lastIndex = 0;
  // Only the marks are visited: a loop over every character cost a millisecond per keystroke in a 100 KB article.
  for (let m = quoteMark.exec(line.text); m; m = quoteMark.exec(line.text)) {
    const offset = line.start + m.index;
    const mark = m[0];
    const top = stack.at(-1)?.mark;
    switch (mark) {
      case '„':
        stack.push({ offset, mark });
        break;
      // Guillemets point either way: «…» (French, Italian) and »…« (German) each close the other.
      case '«':
        if (top === '»') close(offset);
        else stack.push({ offset, mark });
        break;
      case '»':
        if (top === '«') close(offset);
        else stack.push({ offset, mark });
        break;
      // “ closes German „…“ and, mismatched, “…“ (quote-style reports that); otherwise it opens English “…”.
      case '“':
        if (top === '„' || top === '“') close(offset);
        else stack.push({ offset, mark });
        break;
      case '”':
        if (top) close(offset);
        else strays.push({ line, offset, mark, closing: true });
        break;
      case '"':
        if (top === '"') close(offset);
        else stack.push({ offset, mark });
        break;
    }
  }
  for (const { offset, mark } of stack) strays.push({ line, offset, mark, closing: mark !== '„' && readsAsClosing(text, line, offset) });
}

// A mark right after a word and not before one ("Technologien.“ …") was meant to close, whatever it was paired as.
function readsAsClosing(text: string, line: Line, offset: number): boolean {
  const before = offset > line.start ? text[offset - 1] : ' ';
  const after = offset + 1 < line.end ? text[offset + 1] : ' ';
  return !/\s/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
}

function dominantStyle(pairs: readonly QuotePair[]): QuoteStyle | undefined {
  const counts = new Map<QuoteStyle, number>();
  for (const pair of pairs) if (pair.wellFormed) counts.set(pair.style, (counts.get(pair.style) ?? 0) + 1);
  let best: QuoteStyle | undefined;
  // Map order is first use, and only a strictly greater count replaces: ties go to the first used.
  for (const [style, count] of counts) if (best === undefined || count > counts.get(best)!) best = style;
  return best;
}
