import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { lineCache } from './lru';
import type { Span, TextEdit } from './text';

/** The keys an article header may hold, with what each means (also shown in docs and completion). */
export const headerKeys = {
  lang: 'BCP 47 tag of the article’s language (de, it, en-GB, …)',
  source: 'Where the article comes from (publication or site)',
  url: 'Address of the original article (http or https)',
  published: 'Publication date, ISO 8601 date or date-time (2022-05-24, 2022-05-24T15:02)',
  author: 'Who wrote the article',
  ignore: 'Rule ids to suppress in this file, e.g. [doubled-word, web-residue]',
} as const;

export type HeaderKey = keyof typeof headerKeys;

export interface HeaderField {
  key: string;
  keySpan: Span;
  /** A string for scalars, a list for sequences, undefined for an empty value. */
  value: string | string[] | undefined;
  /** Span of the value as written (for a sequence: the whole sequence). */
  valueSpan: Span;
  /** Per-item spans when the value is a sequence. */
  itemSpans?: Span[];
  /** Span of the whole `key: value` line, line break excluded. */
  lineSpan: Span;
}

export interface HeaderProblem {
  kind: 'unclosed' | 'syntax';
  span: Span;
  message: string;
}

export interface Header {
  /** From the opening `---` (a byte order mark before it included) to the end of the closing `---` line, line break included. */
  span: Span;
  /** Span of the key/value text between the fences. */
  contentSpan: Span;
  /** Offset of the closing fence's first character; undefined when the header is never closed. */
  closingStart?: number;
  fields: HeaderField[];
  problems: HeaderProblem[];
}

const fence = /^---[ \t]*$/;
/** The opening fence may follow a byte order mark: the `bom` rule reports that, and the header is still one. */
const openingFence = /^\ufeff?---[ \t]*$/;

/**
 * Reads the optional header: `---` on the very first line, `key: value` lines (YAML), `---`.
 * A header that never closes runs to the first blank line, so the body still gets checked.
 */
export function parseHeader(text: string, lineStarts: readonly number[]): Header | undefined {
  const lineText = (i: number) => lineContent(text, lineStarts, i);
  if (lineStarts.length === 0 || !openingFence.test(lineText(0))) return undefined;
  let closingLine = -1;
  for (let i = 1; i < lineStarts.length; i++) {
    if (fence.test(lineText(i))) {
      closingLine = i;
      break;
    }
    if (lineText(i).trim() === '') break;
  }
  const contentStart = lineStarts[1] ?? text.length;
  const problems: HeaderProblem[] = [];
  let contentEnd: number;
  let end: number;
  let closingStart: number | undefined;
  if (closingLine > 0) {
    closingStart = lineStarts[closingLine];
    contentEnd = closingStart;
    end = lineStarts[closingLine + 1] ?? text.length;
  } else {
    let last = 1;
    while (last < lineStarts.length && lineText(last).trim() !== '') last++;
    contentEnd = lineStarts[last] ?? text.length;
    end = contentEnd;
    problems.push({
      kind: 'unclosed',
      span: { start: 0, end: lineContent(text, lineStarts, 0).length },
      message: 'The header opened here is never closed: add a line holding only `---` after its last field.',
    });
  }
  const fields = fieldsOf(text, contentStart, Math.max(contentStart, contentEnd), problems);
  return { span: { start: 0, end }, contentSpan: { start: contentStart, end: Math.max(contentStart, contentEnd) }, closingStart, fields, problems };
}

function lineContent(text: string, lineStarts: readonly number[], line: number): string {
  const start = lineStarts[line];
  let end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return text.slice(start, end);
}

/**
 * Readings of recent headers, by where their fields start and their text: typing in the body re-reads an unchanged
 * header on every keystroke, and YAML's parser was some 4 % of a keystroke in a 100 KB article. Read, never changed.
 * Bounded by characters like the per-line caches (some 20,000 in the editor's thread), so that an indexing thread,
 * which reads each header once, keeps none: a field's value is a slice of its article, and the 64 headers it kept
 * held their articles' text past young collections (24 MB promoted over 4,000 bench articles, none without).
 */
const fieldReadings = lineCache<{ fields: HeaderField[]; problems: HeaderProblem[] }>(0.01);

function fieldsOf(text: string, start: number, end: number, problems: HeaderProblem[]): HeaderField[] {
  const reading = fieldReadings.getOrCompute(`${start}\u0000${text.slice(start, end)}`, () => {
    const found: HeaderProblem[] = [];
    return { fields: readFields(text, start, end, found), problems: found };
  });
  problems.push(...reading.problems);
  return reading.fields;
}

function readFields(text: string, start: number, end: number, problems: HeaderProblem[]): HeaderField[] {
  return readSimpleFields(text, start, end) ?? readFieldsWithYaml(text, start, end, problems);
}

/** YAML takes \n and \r\n as line breaks but not a lone \r; one \n for each keeps every offset as it is. */
function yamlSource(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/\r(?!\n)/g, '\n');
}

/**
 * A line YAML reads as a key and a plain one-line value: the key of letters, digits, `_` and `-`, at most 1024
 * characters (YAML's limit for an implicit key); the value starting with neither an indicator nor a space, and holding
 * no `#`, control character, byte order mark, line or paragraph separator, non-character or lone surrogate.
 * `readSimpleFields` refuses, beyond that, what YAML reads otherwise: see `nonStringKey` and `nullValue`.
 */
const simpleFieldLine = /^([A-Za-z][A-Za-z0-9_-]{0,1023}):( +)([^\p{Cc}\p{Cs}\ufeff\u2028\u2029\ufffe\uffff #?:,[\]{}&*!|>'"%@`-][^\p{Cc}\p{Cs}\ufeff\u2028\u2029\ufffe\uffff#]*)$/u;
/** Keys the core schema reads as booleans or null (`True: x` gives the key "true"); in any case, to be safe. */
const nonStringKey = /^(?:true|false|null)$/i;
/** Values read as null, which the header gives as undefined; numbers and booleans keep their text (`scalarText`). */
const nullValue = /^(?:~|null)$/i;

/**
 * The fields of a header of nothing but simple `key: value` lines, exactly as `readFieldsWithYaml` reads them, without
 * YAML's parser (most of the time spent on a header); undefined for anything else, which YAML reads instead.
 * Exported for the test that holds the two readings equal.
 */
export function readSimpleFields(text: string, start: number, end: number): HeaderField[] | undefined {
  const source = yamlSource(text, start, end);
  const fields: HeaderField[] = [];
  let lineStart = 0;
  while (lineStart < source.length) {
    const lineBreak = source.indexOf('\n', lineStart);
    const lineEnd = lineBreak < 0 ? source.length : lineBreak;
    const match = simpleFieldLine.exec(source.slice(lineStart, lineEnd));
    if (!match) return undefined;
    const [, key, spaces, value] = match;
    // A final space is not part of the value; `: ` or a final `:` starts a nested mapping.
    if (nonStringKey.test(key) || nullValue.test(value) || value.endsWith(' ') || value.endsWith(':') || value.includes(': ')) return undefined;
    const keyEnd = start + lineStart + key.length;
    fields.push({
      key,
      keySpan: { start: start + lineStart, end: keyEnd },
      value,
      valueSpan: { start: keyEnd + 1 + spaces.length, end: start + lineEnd },
      itemSpans: undefined,
      lineSpan: { start: start + lineStart, end: start + lineEnd },
    });
    lineStart = lineEnd + 1;
  }
  return fields.length > 0 ? fields : undefined;
}

/** The fields of any header, read by YAML's parser, its errors reported. Exported for the test of `readSimpleFields`. */
export function readFieldsWithYaml(text: string, start: number, end: number, problems: HeaderProblem[]): HeaderField[] {
  const source = yamlSource(text, start, end);
  if (source.trim() === '') return [];
  const doc = parseDocument(source, { uniqueKeys: false, schema: 'core', prettyErrors: false, strict: true });
  for (const error of doc.errors) {
    problems.push({ kind: 'syntax', span: { start: start + error.pos[0], end: start + Math.max(error.pos[1], error.pos[0] + 1) }, message: firstLine(error.message) });
  }
  if (doc.errors.length > 0) return [];
  const contents = doc.contents;
  if (!isMap(contents)) {
    problems.push({ kind: 'syntax', span: { start, end: start + firstLine(source).length }, message: 'The header must hold `key: value` lines.' });
    return [];
  }
  const fields: HeaderField[] = [];
  for (const pair of contents.items) {
    const key = pair.key as YamlNode | null;
    if (!isScalar(key) || !key.range) continue;
    const keySpan = { start: start + key.range[0], end: start + key.range[1] };
    const valueNode = pair.value as YamlNode | null;
    const lineStart = start + source.lastIndexOf('\n', key.range[0] - 1) + 1;
    let value: string | string[] | undefined;
    let valueSpan: Span = { start: keySpan.end, end: keySpan.end };
    let itemSpans: Span[] | undefined;
    if (valueNode && valueNode.range) {
      valueSpan = { start: start + valueNode.range[0], end: start + valueNode.range[1] };
      if (isSeq(valueNode)) {
        value = [];
        itemSpans = [];
        for (const item of valueNode.items) {
          const node = item as YamlNode;
          if (isScalar(node) && node.range) {
            const span = { start: start + node.range[0], end: start + node.range[1] };
            value.push(scalarText(node.value, text, span));
            itemSpans.push(span);
          }
        }
      } else if (isScalar(valueNode)) {
        value = valueNode.value === null ? undefined : scalarText(valueNode.value, text, valueSpan);
      } else {
        value = text.slice(valueSpan.start, valueSpan.end);
      }
    }
    let lineEnd = source.indexOf('\n', Math.max(valueSpan.end, keySpan.end) - start - 1);
    if (lineEnd < 0) lineEnd = source.length;
    if (source.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    fields.push({ key: String(key.value), keySpan, value, valueSpan, itemSpans, lineSpan: { start: lineStart, end: start + lineEnd } });
  }
  return fields;
}

/** Numbers and booleans keep their spelling as written: `published: 2022` is the text "2022". */
function scalarText(value: unknown, text: string, span: Span): string {
  return typeof value === 'string' ? value : text.slice(span.start, span.end);
}

function firstLine(s: string): string {
  return s.split(/\r?\n/)[0];
}

export function headerField(header: Header | undefined, key: string): HeaderField | undefined {
  return header?.fields.find((f) => f.key === key);
}

/** The rule ids listed under `ignore` (a list, or one string of ids separated by commas or spaces). */
export function ignoredRuleIds(header: Header | undefined): string[] {
  const value = headerField(header, 'ignore')?.value;
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : value.split(/[\s,]+/);
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** YAML scalar spelling of a value: plain when that reads back as the same string, double-quoted otherwise. */
export function yamlScalar(value: string): string {
  const plain = /^[\p{L}\p{N}_./@+-][\p{L}\p{N}_ ./@+:,'’()-]*$/u.test(value) && !/[:,]\s|\s$|: |#/.test(value) && !/^(true|false|null|~|yes|no|on|off)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

export type HeaderValue = string | readonly string[];

function formatValue(value: HeaderValue): string {
  return typeof value === 'string' ? yamlScalar(value) : `[${value.map(yamlScalar).join(', ')}]`;
}

/**
 * Edits that set header fields: replace an existing field's value, append missing ones before the closing
 * fence, or create the header when there is none. Undefined when the header is unclosed or broken:
 * editing it would be a guess.
 */
export function setHeaderFields(text: string, header: Header | undefined, values: ReadonlyArray<[string, HeaderValue]>): TextEdit[] | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : text.includes('\r') ? '\r' : '\n';
  if (!header) {
    const body = values.map(([key, value]) => `${key}: ${formatValue(value)}${eol}`).join('');
    return [{ start: 0, end: 0, newText: `---${eol}${body}---${eol}` }];
  }
  if (header.closingStart === undefined || header.problems.length > 0) return undefined;
  const edits: TextEdit[] = [];
  let appended = '';
  for (const [key, value] of values) {
    const field = headerField(header, key);
    if (field) {
      const replaced = { start: field.keySpan.end, end: field.lineSpan.end, newText: `: ${formatValue(value)}` };
      const current = text.slice(replaced.start, replaced.end);
      if (current !== replaced.newText) edits.push(replaced);
    } else {
      appended += `${key}: ${formatValue(value)}${eol}`;
    }
  }
  if (appended) edits.push({ start: header.closingStart, end: header.closingStart, newText: appended });
  return edits;
}
