/**
 * The bench's typing: a letter typed at a varied place in a paragraph (a line of over 200 characters), then
 * deleted again, so the text comes back to what it was every second edit.
 */
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { Rng } from './generator';

/** The next edit of `text` each call, alternately typing a letter and deleting it. */
export function typingEdits(text: string, rng: Rng): () => TextDocumentContentChangeEvent {
  const lines = text.split('\n');
  const paragraphs = lines.flatMap((line, i) => (line.length > 200 ? [i] : []));
  let last: Position | undefined;
  return () => {
    if (last) {
      const change = { range: { start: last, end: { line: last.line, character: last.character + 1 } }, text: '' };
      last = undefined;
      return change;
    }
    const line = rng.pick(paragraphs);
    last = { line, character: rng.int(lines[line].replace(/\r$/, '').length) };
    return { range: { start: last, end: last }, text: 'e' };
  };
}
