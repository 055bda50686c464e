/** Text primitives shared by the whole core: offsets, positions, edits. Positions are LSP-style (0-based, UTF-16). */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span of UTF-16 code unit offsets into the article text. */
export interface Span {
  start: number;
  end: number;
}

/** A replacement of `text.slice(start, end)` by `newText`. */
export interface TextEdit extends Span {
  newText: string;
}

/** Maps offsets to positions and back in O(log lines). Line breaks are \n, \r\n or a lone \r. */
const lineBreaks = /\r\n?|\n/g;

/**
 * By binary search, the index (counted from `from`) of the last of `count` ascending numbers of `sorted`, starting
 * at `from`, that is at most `value`; 0 when none is.
 */
export function lastAtOrBelow(sorted: ArrayLike<number>, value: number, from = 0, count = sorted.length - from): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sorted[from + middle] <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

export class LineIndex {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // The regex engine finds the breaks far faster than a loop over every character of a long article.
    lineBreaks.lastIndex = 0;
    for (let m = lineBreaks.exec(text); m; m = lineBreaks.exec(text)) starts.push(m.index + m[0].length);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBelow(this.lineStarts, clamped);
    return { line, character: clamped - this.lineStarts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/** Applies non-overlapping edits (in any order) to `text`. Throws on overlap: callers must never guess. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`Overlapping or out-of-range edit at ${edit.start}-${edit.end}`);
    }
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/** Edits sorted by position; insertions at one offset keep their given order. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order)
    .map((entry) => entry.edit);
}

/** True when two edit lists touch a common offset (insertions at the same point count as touching). */
export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.start < y.end && y.start < x.end || x.start === y.start || (x.start === x.end && x.start === y.end) || (y.start === y.end && y.start === x.end)));
}

/**
 * Counts the characters that `character`, an expression for one character (`^(?:…)$`), matches in a text: what
 * `text.match(global).length` gives, without an array of one-character strings. A table per UTF-16 code unit is
 * made on first use; a surrogate pair is put to the expression itself.
 */
export function characterCounter(character: RegExp): (text: string) => number {
  let units: Uint8Array | undefined;
  return (text) => {
    units ??= unitsMatching(character);
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (units[unit]) count++;
      else if (isHighSurrogate(unit) && i + 1 < text.length && character.test(text.slice(i, i + 2))) {
        count++;
        i++;
      }
    }
    return count;
  };
}

/** 1 for each UTF-16 code unit that `character`, an expression for one character (`^(?:…)$`), matches alone. */
export function unitsMatching(character: RegExp): Uint8Array {
  const units = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) units[unit] = character.test(String.fromCharCode(unit)) ? 1 : 0;
  return units;
}

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

export function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** What `\s` matches, by UTF-16 code unit. */
export function isWhitespace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
