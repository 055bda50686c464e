import type { Article, Line, ParagraphKind } from '../../article';
import { isLowSurrogate, type Span } from '../../text';

/** Every kind of paragraph, for whitespace rules, which apply to every line of the body. */
export const allParagraphKinds: readonly ParagraphKind[] = ['text', 'credit', 'dateline', 'residue'];

/**
 * The lines typography rules read: the title and the paragraphs of the given kinds. Residue and datelines
 * are never among them: other rules delete or move those lines, so flagging their typography is noise.
 */
export function proseLines(article: Article, kinds: readonly ParagraphKind[] = ['text']): Line[] {
  const lines = article.paragraphs.filter((p) => kinds.includes(p.kind)).map((p) => p.line);
  return article.title ? [article.title, ...lines] : lines;
}

/** The span's text with up to `width` characters of its line either side, "…" marking a cut: for messages. */
export function excerpt(text: string, line: Line, span: Span, width = 20): string {
  let start = Math.max(line.start, span.start - width);
  let end = Math.min(line.end, span.end + width);
  // Never cut a surrogate pair in half.
  if (start > line.start && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < line.end && isLowSurrogate(text.charCodeAt(end))) end++;
  return `${start > line.start ? '…' : ''}${text.slice(start, end)}${end < line.end ? '…' : ''}`;
}
