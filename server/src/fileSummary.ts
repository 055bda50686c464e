/**
 * What the server keeps of an analysed article that is not open: its findings, its mentions and its events, each
 * with LSP ranges, and of the text only the stretches they show (a mention's context, an event's sentence).
 *
 * Kept compact, for corpora of 100,000 articles: an analysis thread packs an article's summary into one binary
 * block (`PackedSummary.data`: numbers as 16-bit words, or 32-bit ones when a number needs them, then the stretches
 * of text in UTF-8) and a table of its distinct strings (entity ids, spellings, values, resolutions); the server
 * keeps the block as it came and reads each field through getters of small objects (`CompactMention`,
 * `CompactEvent`) that hold only their summary and their place in the block. Strings and entity lists are interned
 * on receipt: an entity id or a resolution sentence is one string however many articles hold it. A block crosses
 * from a thread without a copy, and is what the disk cache stores.
 *
 * Block layout: byte 0 is the word size (2 or 4), then from byte 4 words (in the host's byte order): a header of
 * `headerWords` (mention count, event count, line count, text length, entity-list words, excerpt bytes, language
 * report bytes), the text's line starts, `mentionWords` per mention, `eventWords` per event, the entity lists (a
 * count, then string indexes), then the excerpt in UTF-8, then the language report (if any: see `packReport`). A text
 * field is two words, a byte range of the excerpt, unless a flag says it is in the string table (first word its
 * index): the excerpt cannot give every string exactly (a context that cuts a surrogate pair, an expression not as
 * written).
 */
import { expressionOf, type Analysis, type EarlierReadings, type Finding } from './core/analyze';
import type { CorpusConfig } from './core/config';
import { portableReport, type PortableLanguageReport } from './core/language/detect';
import type { Mention } from './core/entities/matcher';
import { lastAtOrBelow, type Range, type Span } from './core/text';
import type { AnchorKind, ArticleEvent } from './core/timeline';
import type { TimexMod, TimexType } from './core/timeline/timex';

export interface IndexedMention extends Mention {
  range: Range;
  /** About sixty characters of the line around the mention, for tree labels. */
  context: string;
}

export interface LocatedEvent extends ArticleEvent {
  range: Range;
}

export interface FileSummary {
  findings: Finding[];
  mentions: IndexedMention[];
  events: LocatedEvent[];
  /** The language report, for a re-analysis to reuse. */
  language?: PortableLanguageReport;
}

/** A summary as an analysis thread sends it and the cache stores it. */
export interface PackedSummary {
  findings: Finding[];
  strings: string[];
  /** Integers then UTF-8 (see the layout above); its own buffer, so a thread can transfer it. */
  data: Uint8Array;
}

const headerWords = 7;
const mentionWords = 9;
const eventWords = 16;
/** Bytes before the words: the word size, and padding to keep words aligned. */
const wordsAt = 4;

// Mention flags.
const caseDiffersFlag = 1;
const contextCutBefore = 2;
const contextCutAfter = 4;
const textAsSpelled = 8;
const textFromTable = 16;
const contextFromTable = 32;
// Event flags.
const anaphoricFlag = 1;
const hasMod = 2;
const eventTextFromTable = 4;
const sentenceFromTable = 8;

/** Characters of context on each side of a mention. */
const contextReach = 30;

// ---------------------------------------------------------------------------------------------------------------
// Interning

/** Distinct strings (and entity lists) kept for sharing; past this a table starts afresh (sharing is an economy, never a meaning). */
const internLimit = 1 << 18;
const interned = new Map<string, string>();

/**
 * Entity lists by their ids, one level per id: the ids are interned strings, which keep their hash. Keyed by the ids
 * joined, the 105,000 lists of a 10k warm start took 60-110 ms to look up; this way 17-40 ms.
 */
interface ListNode {
  list?: string[];
  next?: Map<string, ListNode>;
}
let internedLists: ListNode = {};
let listNodes = 0;

/** The one copy of a string equal to `text` that summaries share. */
export function intern(text: string): string {
  const found = interned.get(text);
  if (found !== undefined) return found;
  if (interned.size >= internLimit) interned.clear();
  interned.set(text, text);
  return text;
}

/** The one list of entity ids equal to `ids` that events share (never changed: see `CompactEvent.entities`). */
function internList(ids: string[]): string[] {
  if (listNodes >= internLimit) {
    internedLists = {};
    listNodes = 0;
  }
  let node = internedLists;
  for (const id of ids) {
    const next = (node.next ??= new Map());
    let child = next.get(id);
    if (child === undefined) {
      next.set(id, (child = {}));
      listNodes++;
    }
    node = child;
  }
  return (node.list ??= ids);
}

// ---------------------------------------------------------------------------------------------------------------
// Packing (in an analysis thread, or the server's thread for an open document)

/**
 * An article's summary as one block; what `summarise` reads back, and what the threads send. With the configuration
 * it was analysed with, the summary keeps the language report too (for a re-analysis to reuse: see `earlierOf`).
 */
export function packSummary(analysis: Analysis, config?: CorpusConfig): PackedSummary {
  // In the block, not a string beside it: the cache's records would hold it escaped (some 60% of their JSON at 10k
  // articles) and the server's heap as 10,000 strings, for a re-analysis to read.
  const language = config && analysis.language ? packReport(portableReport(analysis.language, config)) : undefined;
  return packFields(analysis, language);
}

/**
 * A language report as bytes: their count of JSON in UTF-8 (32 bits, little-endian), the JSON of all but the scores
 * (each paragraph as line, letters, language and its scores' tags by their place in `tags`), then each score as a
 * 64-bit float (little-endian), in the order of the paragraphs and of their scores. Where JSON wrote a score as some
 * 20 characters with its key, it takes 8 bytes: a bench article's report went from 1.7 KB to 0.84 KB, its whole
 * block from 5.2 KB to 4.3 KB.
 */
function packReport({ paragraphs, ...verdict }: PortableLanguageReport): Uint8Array {
  const tags: string[] = [];
  const tagIndex = (tag: string) => {
    const at = tags.indexOf(tag);
    return at >= 0 ? at : tags.push(tag) - 1;
  };
  const scores: number[] = [];
  const rows = paragraphs.map(({ line, letters, language, scores: byTag }) => {
    const order: number[] = [];
    for (const tag in byTag) {
      order.push(tagIndex(tag));
      scores.push(byTag[tag]);
    }
    return [line, letters, language, order];
  });
  const json = Buffer.from(JSON.stringify({ ...verdict, tags, paragraphs: rows }), 'utf8');
  const bytes = Buffer.alloc(4 + json.length + 8 * scores.length);
  bytes.writeUInt32LE(json.length, 0);
  json.copy(bytes, 4);
  scores.forEach((score, i) => bytes.writeDoubleLE(score, 4 + json.length + 8 * i));
  return bytes;
}

function unpackReport(bytes: Buffer): PortableLanguageReport {
  const jsonLength = bytes.readUInt32LE(0);
  const { tags, paragraphs: rows, ...verdict } = JSON.parse(bytes.toString('utf8', 4, 4 + jsonLength)) as Omit<PortableLanguageReport, 'paragraphs'> & { tags: string[]; paragraphs: Array<[number, number, string, number[]]> };
  let at = 4 + jsonLength;
  const paragraphs = rows.map(([line, letters, language, order]) => {
    const scores: Record<string, number> = {};
    for (const tag of order) {
      scores[tags[tag]] = bytes.readDoubleLE(at);
      at += 8;
    }
    return { line, letters, language, scores };
  });
  if (at !== bytes.length) throw new Error('summary language report of the wrong size');
  return { ...verdict, paragraphs };
}

function packFields(analysis: Analysis, language: Uint8Array = new Uint8Array(0)): PackedSummary {
  const article = analysis.article;
  const findings = analysis.findings;
  if (!article) return { findings, strings: [], data: blockOf([...new Array<number>(headerWords - 1).fill(0), language.length], [language]) };
  const text = article.text;
  const lineStarts = article.index.lineStarts;
  const mentions = analysis.mentions;
  const events = analysis.events ?? [];

  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const indexOf = (value: string): number => {
    let index = stringIndex.get(value);
    if (index === undefined) {
      stringIndex.set(value, (index = strings.length));
      strings.push(value);
    }
    return index;
  };

  // The stretches of text the fields show: each mention's context (its text too, when not its spelling), each
  // event's expression and sentence.
  const contexts = mentions.map((m) => contextOf(text, m.span));
  const stretches: number[] = [];
  mentions.forEach((m, i) => {
    stretches.push(contexts[i].start, contexts[i].end);
    if (m.text !== m.spelling) stretches.push(m.span.start, m.span.end);
  });
  for (const e of events) stretches.push(e.span.start, e.span.end, e.sentence.span.start, e.sentence.span.end);
  const excerpt = new Excerpt(text, stretches);

  const words: number[] = [];
  // Text fields to check once the excerpt is encoded: their first word, the string they must give, and the flag
  // (in the word at `flags`) that sends them to the string table instead.
  const textFields: Array<{ at: number; expected: string; flags: number; fallback: number }> = [];
  const textField = (start: number, end: number, expected: string, flags: number, fallback: number) => {
    textFields.push({ at: words.length, expected, flags, fallback });
    words.push(excerpt.offsetOf(start), excerpt.offsetOf(start) + (end - start));
  };

  words.push(mentions.length, events.length, lineStarts.length, text.length, 0, 0, language.length);
  for (const start of lineStarts) words.push(start);
  mentions.forEach((m, i) => {
    const flagsAt = words.length + mentionWords - 1;
    const context = contexts[i];
    words.push(m.span.start, m.span.end, indexOf(m.entityId), indexOf(m.spelling));
    if (m.text === m.spelling) words.push(0, 0);
    else textField(m.span.start, m.span.end, m.text, flagsAt, textFromTable);
    textField(context.start, context.end, text.slice(context.start, context.end), flagsAt, contextFromTable);
    words.push((m.caseDiffers ? caseDiffersFlag : 0) | (context.cutBefore ? contextCutBefore : 0) | (context.cutAfter ? contextCutAfter : 0) | (m.text === m.spelling ? textAsSpelled : 0));
  });
  // Events of one sentence name the same entities: each list is stored once.
  const lists = new Map<string, number>();
  const listWords: number[] = [];
  for (const e of events) {
    const flagsAt = words.length + eventWords - 1;
    words.push(e.span.start, e.span.end);
    textField(e.span.start, e.span.end, e.text, flagsAt, eventTextFromTable);
    words.push(indexOf(e.type), indexOf(e.value), e.mod ? indexOf(e.mod) : 0, indexOf(e.anchor), indexOf(e.resolution), e.sentence.span.start, e.sentence.span.end);
    textField(e.sentence.span.start, e.sentence.span.end, e.sentence.text, flagsAt, sentenceFromTable);
    const key = e.entities.join('\u0000');
    let list = lists.get(key);
    if (list === undefined) {
      lists.set(key, (list = lists.size));
      listWords.push(e.entities.length, ...e.entities.map(indexOf));
    }
    words.push(list, indexOf(e.language), (e.anaphoric ? anaphoricFlag : 0) | (e.mod ? hasMod : 0));
  }
  for (const word of listWords) words.push(word);
  words[4] = listWords.length;

  // Offsets so far count UTF-16 units of the excerpt; the block has UTF-8 bytes. A field the bytes do not give
  // back exactly (a stretch that cuts a surrogate pair) goes to the string table.
  const utf8 = excerpt.utf8Offsets();
  const bytes = Buffer.from(excerpt.text, 'utf8');
  words[5] = bytes.length;
  for (const { at, expected, flags, fallback } of textFields) {
    const start = utf8[words[at]];
    const end = utf8[words[at + 1]];
    if (bytes.toString('utf8', start, end) === expected) {
      words[at] = start;
      words[at + 1] = end;
    } else {
      words[at] = indexOf(expected);
      words[at + 1] = 0;
      words[flags] |= fallback;
    }
  }
  return { findings, strings, data: blockOf(words, [bytes, language]) };
}

/** The block of these words and the bytes after them (excerpt, language report), in 16-bit words when every word fits. */
function blockOf(words: readonly number[], tail: readonly Uint8Array[]): Uint8Array {
  let wide = false;
  for (const word of words) if (word > 0xffff) wide = true;
  const size = wide ? 4 : 2;
  const block = new Uint8Array(new ArrayBuffer(wordsAt + words.length * size + tail.reduce((sum, part) => sum + part.length, 0)));
  block[0] = size;
  (wide ? new Uint32Array(block.buffer, wordsAt, words.length) : new Uint16Array(block.buffer, wordsAt, words.length)).set(words);
  let at = wordsAt + words.length * size;
  for (const part of tail) {
    block.set(part, at);
    at += part.length;
  }
  return block;
}

/** The stretch of a mention's line that is its context (trimmed), and whether the line goes on either side. */
function contextOf(text: string, span: Span): { start: number; end: number; cutBefore: boolean; cutAfter: boolean } {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineEndAt = text.indexOf('\n', span.end);
  const lineEnd = lineEndAt === -1 ? text.length : lineEndAt;
  const start = Math.max(lineStart, span.start - contextReach);
  const end = Math.min(lineEnd, span.end + contextReach);
  const window = text.slice(start, end);
  const trimmedStart = start + (window.length - window.trimStart().length);
  return { start: trimmedStart, end: Math.max(trimmedStart, start + window.trimEnd().length), cutBefore: start > lineStart, cutAfter: end < lineEnd };
}

/** The stretches of a text that a summary shows, merged where they overlap, as one string. */
class Excerpt {
  readonly text: string;
  /** Where each piece starts in the article and in the excerpt. */
  private readonly from: number[] = [];
  private readonly to: number[] = [];

  /** `stretches`: start and end offsets in the article, in pairs. */
  constructor(article: string, stretches: readonly number[]) {
    const order: number[] = [];
    for (let i = 0; i < stretches.length; i += 2) order.push(i);
    order.sort((a, b) => stretches[a] - stretches[b]);
    const pieces: string[] = [];
    let length = 0;
    let start = -1;
    let end = -1;
    const flush = () => {
      if (start === -1) return;
      this.from.push(start);
      this.to.push(length);
      pieces.push(article.slice(start, end));
      length += end - start;
    };
    for (const i of order) {
      if (start !== -1 && stretches[i] <= end) {
        end = Math.max(end, stretches[i + 1]);
        continue;
      }
      flush();
      start = stretches[i];
      end = stretches[i + 1];
    }
    flush();
    this.text = pieces.join('');
  }

  /** The excerpt offset of an article offset within one of the stretches. */
  offsetOf(offset: number): number {
    const stretch = lastAtOrBelow(this.from, offset);
    return this.to[stretch] + (offset - this.from[stretch]);
  }

  /** For each UTF-16 offset of the excerpt (and its end), the UTF-8 byte offset, as `Buffer.write` encodes it. */
  utf8Offsets(): Uint32Array {
    const text = this.text;
    const offsets = new Uint32Array(text.length + 1);
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      offsets[i] = bytes;
      const c = text.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        // A pair is four bytes; an offset between its halves cannot be given and falls back to the table.
        offsets[++i] = bytes;
        bytes += 4;
      } else bytes += 3;
    }
    offsets[text.length] = bytes;
    return offsets;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** A summary as the server keeps it: the block as received, read through `mentions` and `events`. */
export class CompactSummary implements FileSummary {
  readonly findings: Finding[];
  readonly events: CompactEvent[];
  /** Interned. */
  readonly strings: string[];
  readonly data: Uint8Array;
  /** @internal The block's words and bytes, and where each part starts. */
  readonly words: Uint16Array | Uint32Array;
  readonly bytes: Buffer;
  readonly lists: string[][];
  readonly textLength: number;
  readonly lineCount: number;
  readonly mentionCount: number;
  readonly mentionsAt: number;
  readonly excerptAt: number;
  /** Where the language report's bytes start, and how many there are. */
  private readonly languageAt: number;
  private readonly languageBytes: number;

  /** Throws on a block that does not hold together (a damaged cache entry); strings are interned here, unless they were. */
  constructor({ findings, strings, data }: PackedSummary, { interned = false } = {}) {
    // Its own buffer of its own size: a view into a larger one would keep all of it.
    if (data.byteOffset !== 0 || data.buffer.byteLength !== data.byteLength || !(data.buffer instanceof ArrayBuffer)) data = new Uint8Array(data);
    const size = data[0];
    if (data.byteLength < wordsAt + headerWords * size || (size !== 2 && size !== 4)) throw new Error('summary block too short or of no word size');
    const head = size === 2 ? new Uint16Array(data.buffer, wordsAt, headerWords) : new Uint32Array(data.buffer, wordsAt, headerWords);
    const [mentionCount, eventCount, lineCount, textLength, listLength, excerptLength, languageBytes] = head;
    const wordCount = headerWords + lineCount + mentionCount * mentionWords + eventCount * eventWords + listLength;
    if (wordsAt + wordCount * size + excerptLength + languageBytes !== data.byteLength) throw new Error('summary block of the wrong size');
    if (lineCount === 0 && mentionCount + eventCount > 0) throw new Error('summary block without lines');
    this.data = data;
    const words = (this.words = size === 2 ? new Uint16Array(data.buffer, wordsAt, wordCount) : new Uint32Array(data.buffer, wordsAt, wordCount));
    this.bytes = Buffer.from(data.buffer, 0, data.byteLength);
    this.findings = findings.map(internFinding);
    this.strings = strings.map((s) => {
      if (typeof s !== 'string') throw new Error('summary string table damaged');
      return interned ? s : intern(s);
    });
    this.textLength = textLength;
    this.lineCount = lineCount;
    this.mentionCount = mentionCount;
    this.mentionsAt = headerWords + lineCount;
    this.excerptAt = wordsAt + wordCount * size;
    this.languageAt = this.excerptAt + excerptLength;
    this.languageBytes = languageBytes;
    const string = (index: number) => {
      if (index >= this.strings.length) throw new Error('summary string index out of range');
      return this.strings[index];
    };
    const textField = (at: number, fromTable: boolean) => {
      if (fromTable) string(words[at]);
      else if (!(words[at] <= words[at + 1] && words[at + 1] <= excerptLength)) throw new Error('summary text field out of range');
    };
    const span = (at: number) => {
      if (!(words[at] <= words[at + 1] && words[at + 1] <= textLength)) throw new Error('summary span out of range');
    };
    const eventsAt = this.mentionsAt + mentionCount * mentionWords;
    const listsAt = eventsAt + eventCount * eventWords;
    this.lists = [];
    for (let at = listsAt; at < wordCount; ) {
      const length = words[at++];
      if (at + length > wordCount) throw new Error('summary entity list damaged');
      const list: string[] = [];
      for (let k = 0; k < length; k++) list.push(string(words[at++]));
      this.lists.push(internList(list));
    }
    for (let i = 0, at = this.mentionsAt; i < mentionCount; i++, at += mentionWords) {
      const flags = words[at + 8];
      span(at);
      string(words[at + 2]);
      string(words[at + 3]);
      if (!(flags & textAsSpelled)) textField(at + 4, (flags & textFromTable) !== 0);
      textField(at + 6, (flags & contextFromTable) !== 0);
    }
    this.events = [];
    for (let i = 0, at = eventsAt; i < eventCount; i++, at += eventWords) {
      const flags = words[at + 15];
      span(at);
      textField(at + 2, (flags & eventTextFromTable) !== 0);
      string(words[at + 4]);
      string(words[at + 5]);
      string(words[at + 7]);
      string(words[at + 8]);
      string(words[at + 14]);
      if (flags & hasMod) string(words[at + 6]);
      span(at + 9);
      textField(at + 11, (flags & sentenceFromTable) !== 0);
      if (words[at + 13] >= this.lists.length) throw new Error('summary entity list index out of range');
      this.events.push(new CompactEvent(this, at));
    }
  }

  /** The language report, read from the block. */
  get language(): PortableLanguageReport | undefined {
    return this.languageBytes > 0 ? unpackReport(this.bytes.subarray(this.languageAt, this.languageAt + this.languageBytes)) : undefined;
  }

  /** The mentions, read from the block (made on each call: the summary keeps none, the mention index asks by entity). */
  get mentions(): CompactMention[] {
    const mentions: CompactMention[] = [];
    for (let i = 0, at = this.mentionsAt; i < this.mentionCount; i++, at += mentionWords) mentions.push(new CompactMention(this, at));
    return mentions;
  }

  /** The mentions of one entity. */
  mentionsOf(entityId: string): CompactMention[] {
    const mentions: CompactMention[] = [];
    const index = this.strings.indexOf(entityId);
    if (index === -1) return mentions;
    for (let i = 0, at = this.mentionsAt; i < this.mentionCount; i++, at += mentionWords) if (this.words[at + 2] === index) mentions.push(new CompactMention(this, at));
    return mentions;
  }

  /** Each entity mentioned, with its number of mentions (read from the block: no mention is made). */
  entityCounts(): Array<[string, number]> {
    const counts = new Uint32Array(this.strings.length);
    for (let i = 0, at = this.mentionsAt + 2; i < this.mentionCount; i++, at += mentionWords) counts[this.words[at]]++;
    const found: Array<[string, number]> = [];
    counts.forEach((count, index) => {
      if (count > 0) found.push([this.strings[index], count]);
    });
    return found;
  }

  /** Whether another summary has the same mentions: entities and spans (read from the blocks). */
  sameMentions(other: CompactSummary): boolean {
    if (other.mentionCount !== this.mentionCount) return false;
    for (let i = 0, at = this.mentionsAt, otherAt = other.mentionsAt; i < this.mentionCount; i++, at += mentionWords, otherAt += mentionWords) {
      if (this.words[at] !== other.words[otherAt] || this.words[at + 1] !== other.words[otherAt + 1]) return false;
      if (this.strings[this.words[at + 2]] !== other.strings[other.words[otherAt + 2]]) return false;
    }
    return true;
  }

  /** @internal A text field (two words at `at`), from the string table if `fromTable`. */
  textAt(at: number, fromTable: number): string {
    if (fromTable) return this.strings[this.words[at]];
    return this.bytes.toString('utf8', this.excerptAt + this.words[at], this.excerptAt + this.words[at + 1]);
  }

  /** @internal The range of a span, as `LineIndex.rangeOf` gives it. */
  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  private positionAt(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.textLength));
    const line = lastAtOrBelow(this.words, clamped, headerWords, this.lineCount);
    return { line, character: clamped - this.words[headerWords + line] };
  }

  /** The block as the cache stores it. */
  packed(): PackedSummary {
    return { findings: this.findings, strings: this.strings, data: this.data };
  }

  toJSON(): FileSummary {
    return { findings: this.findings, mentions: this.mentions.map((m) => m.toJSON()), events: this.events.map((e) => e.toJSON()) };
  }
}

/** A mention of a compact summary: its fields are read from the block on each access. */
export class CompactMention implements IndexedMention {
  constructor(
    private readonly summary: CompactSummary,
    private readonly at: number,
  ) {}

  get span(): Span {
    return { start: this.summary.words[this.at], end: this.summary.words[this.at + 1] };
  }

  get range(): Range {
    return this.summary.rangeOf(this.summary.words[this.at], this.summary.words[this.at + 1]);
  }

  get entityId(): string {
    return this.summary.strings[this.summary.words[this.at + 2]];
  }

  get spelling(): string {
    return this.summary.strings[this.summary.words[this.at + 3]];
  }

  get text(): string {
    const flags = this.summary.words[this.at + 8];
    return flags & textAsSpelled ? this.spelling : this.summary.textAt(this.at + 4, flags & textFromTable);
  }

  get caseDiffers(): boolean {
    return (this.summary.words[this.at + 8] & caseDiffersFlag) !== 0;
  }

  get context(): string {
    const flags = this.summary.words[this.at + 8];
    return `${flags & contextCutBefore ? '…' : ''}${this.summary.textAt(this.at + 6, flags & contextFromTable)}${flags & contextCutAfter ? '…' : ''}`;
  }

  toJSON(): IndexedMention {
    return { span: this.span, entityId: this.entityId, text: this.text, spelling: this.spelling, caseDiffers: this.caseDiffers, range: this.range, context: this.context };
  }
}

/** An event of a compact summary: its fields are read from the block on each access. */
export class CompactEvent implements LocatedEvent {
  constructor(
    private readonly summary: CompactSummary,
    private readonly at: number,
  ) {}

  get source(): 'article' {
    return 'article';
  }

  get span(): Span {
    return { start: this.summary.words[this.at], end: this.summary.words[this.at + 1] };
  }

  get range(): Range {
    return this.summary.rangeOf(this.summary.words[this.at], this.summary.words[this.at + 1]);
  }

  get text(): string {
    return this.summary.textAt(this.at + 2, this.summary.words[this.at + 15] & eventTextFromTable);
  }

  get type(): TimexType {
    return this.summary.strings[this.summary.words[this.at + 4]] as TimexType;
  }

  get value(): string {
    return this.summary.strings[this.summary.words[this.at + 5]];
  }

  get mod(): TimexMod | undefined {
    return this.summary.words[this.at + 15] & hasMod ? (this.summary.strings[this.summary.words[this.at + 6]] as TimexMod) : undefined;
  }

  get anchor(): AnchorKind {
    return this.summary.strings[this.summary.words[this.at + 7]] as AnchorKind;
  }

  get resolution(): string {
    return this.summary.strings[this.summary.words[this.at + 8]];
  }

  get sentence(): { span: Span; text: string } {
    return { span: { start: this.summary.words[this.at + 9], end: this.summary.words[this.at + 10] }, text: this.summary.textAt(this.at + 11, this.summary.words[this.at + 15] & sentenceFromTable) };
  }

  /** Shared by every event naming the same entities, in any article: read, never changed. */
  get entities(): string[] {
    return this.summary.lists[this.summary.words[this.at + 13]];
  }

  get language(): string {
    return this.summary.strings[this.summary.words[this.at + 14]];
  }

  get anaphoric(): true | undefined {
    return this.summary.words[this.at + 15] & anaphoricFlag ? true : undefined;
  }

  toJSON(): LocatedEvent {
    const event: LocatedEvent = { span: this.span, text: this.text, type: this.type, value: this.value, anchor: this.anchor, resolution: this.resolution, source: 'article', sentence: this.sentence, entities: [...this.entities], language: this.language, range: this.range };
    if (this.mod) event.mod = this.mod;
    if (this.anaphoric) event.anaphoric = true;
    return event;
  }
}

function internFinding(finding: Finding): Finding {
  if (typeof finding !== 'object' || finding === null || typeof finding.message !== 'string' || typeof finding.ruleId !== 'string') throw new Error('summary finding damaged');
  // Not the message: it may quote the text, and typing would fill the table with one per keystroke.
  finding.ruleId = intern(finding.ruleId);
  finding.severity = intern(finding.severity) as Finding['severity'];
  return finding;
}

/**
 * What a re-analysis of the same bytes may reuse of a summary (see `AnalysisOptions.earlier`): the mentions' spans,
 * the language report and the events' expressions, none of which depends on the knowledge base.
 */
export function earlierOf(summary: FileSummary): EarlierReadings {
  const events = summary.events;
  return {
    mentionSpans: summary.mentions.map((m) => m.span),
    language: summary.language,
    expressions: events.length > 0 ? { language: events[0].language, list: events.map(expressionOf) } : undefined,
  };
}

/** The summary the server keeps of an analysis (packed, then read back, as a thread's would be). */
export function summarise(analysis: Analysis): CompactSummary {
  return new CompactSummary(packSummary(analysis));
}
