/**
 * Reading a knowledge-base file: JSON with exact ranges for every problem, so the editor can underline the
 * offending entry in entities.json. A broken file yields no knowledge base (callers keep the last good one);
 * a broken entry is reported and skipped, so one typo never hides the other entities.
 */
import { findNodeAtLocation, modify, parseTree, printParseErrorCode, type Node, type NodeType, type ParseError } from 'jsonc-parser';
import type { Span, TextEdit } from '../text';
import { entityTypes, type EntityType, type KbEntity, type KbFact, type KbRelation, type Localized } from './kb';

export interface KbProblem {
  span: Span;
  message: string;
  severity: 'error' | 'warning';
}

export interface KnowledgeBase {
  entities: readonly KbEntity[];
  byId: ReadonlyMap<string, KbEntity>;
}

export interface KbReading {
  /** Undefined when the file is not a JSON object with an `entities` list. */
  knowledgeBase?: KnowledgeBase;
  problems: KbProblem[];
  /** Span of each accepted entity's object and of its `name` value in the file, for go-to-definition. */
  locations: ReadonlyMap<string, { entry: Span; name: Span }>;
}

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const tagPattern = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const timexPattern = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

export function createKnowledgeBase(entities: readonly KbEntity[]): KnowledgeBase {
  return { entities, byId: new Map(entities.map((e) => [e.id, e])) };
}

/**
 * The knowledge base with only what analysing an article reads of an entity: its id, type and spellings. An
 * analysis thread keeps this one: descriptions, facts, relations and sources are for hover cards, completion and the
 * timeline, which the server's own thread answers from the whole entries (20,000 bench entities: 17.0 -> 4.0 MiB).
 */
export function namesOnly(knowledgeBase: KnowledgeBase): KnowledgeBase {
  return createKnowledgeBase(
    knowledgeBase.entities.map(({ id, type, name, aliases, localNames }) => {
      const entity: KbEntity = { id, type, name };
      if (aliases) entity.aliases = aliases;
      if (localNames) entity.localNames = localNames;
      return entity;
    }),
  );
}

/** Every spelling that names the entity: canonical name, aliases and per-language names. */
export function entityNames(entity: KbEntity): string[] {
  return [...new Set([entity.name, ...(entity.aliases ?? []), ...Object.values(entity.localNames ?? {})])];
}

export function readKnowledgeBase(text: string): KbReading {
  return readWellFormed(text) ?? readKnowledgeBaseTree(text);
}

/**
 * The full reading, from jsonc's syntax tree: every problem with the span of what causes it. `readKnowledgeBase`
 * answers the same, faster when the file has no problem.
 */
export function readKnowledgeBaseTree(text: string): KbReading {
  const errors: ParseError[] = [];
  const root = treeOf(text, errors);
  if (root === tooDeep) return { problems: [{ span: { start: 0, end: Math.min(1, text.length) }, message: tooDeepMessage, severity: 'error' }], locations: new Map() };
  // An error at the very end (the file cut off) is the empty span there: one character more would lie past the text.
  const problems: KbProblem[] = errors.map((e) => ({
    span: { start: Math.min(e.offset, text.length), end: Math.min(text.length, e.offset + Math.max(1, e.length)) },
    message: `Invalid JSON: ${describeParseError(printParseErrorCode(e.error))}.`,
    severity: 'error',
  }));
  const locations = new Map<string, { entry: Span; name: Span }>();
  if (errors.length > 0 || !root) return { problems, locations };
  if (root.type !== 'object') return { problems: [problem(spanOf(root), 'The knowledge base must be a JSON object with an "entities" list.')], locations };
  const list = findNodeAtLocation(root, ['entities']);
  if (!list || list.type !== 'array') {
    return { problems: [problem(spanOf(list?.parent ?? root), 'The knowledge base needs an "entities" list.')], locations };
  }
  for (const property of root.children ?? []) {
    const key = property.children?.[0];
    if (key && key.value !== 'entities' && key.value !== '$schema') problems.push(problem(spanOf(key), `Unknown key "${key.value}".`, 'warning'));
  }
  const entries = list.children ?? [];
  const { entities, indices } = readEntities(treeAccess, entries, problems);
  entities.forEach((entity, i) => {
    const entry = entries[indices[i]];
    locations.set(entity.id, { entry: spanOf(entry), name: spanOf(findNodeAtLocation(entry, ['name'])!) });
  });
  return { knowledgeBase: createKnowledgeBase(entities), problems, locations };
}

const tooDeep = Symbol('too deep');
const tooDeepMessage = 'The file nests brackets too deeply to be read (thousands of levels; an entity needs three or four).';

/** jsonc's syntax tree, or `tooDeep` when its parser, which recurses once per level, runs out of stack. */
function treeOf(text: string, errors: ParseError[]): Node | undefined | typeof tooDeep {
  try {
    return parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  } catch (error) {
    if (error instanceof RangeError) return tooDeep;
    throw error;
  }
}

/**
 * A knowledge base without a single problem, read without a syntax tree: JSON.parse gives the values and a scan of
 * its strings and brackets the spans of each entry and its name. The same checks run on the plain values. Undefined
 * as soon as anything is unusual (a problem, an escaped or repeated key, another shape): the tree reading then
 * reports it with exact spans. A tree of 20,000 entities took three times as long and some 200 MB more.
 */
function readWellFormed(text: string): KbReading | undefined {
  const spans = scanEntries(text);
  if (!spans) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined;
  const { entities: list, $schema, ...others } = root as Record<string, unknown>;
  if (!Array.isArray(list) || list.length !== spans.length || ($schema !== undefined && typeof $schema !== 'string') || Object.keys(others).length > 0) return undefined;
  const problems: KbProblem[] = [];
  const { entities } = readEntities(plainAccess, list, problems);
  if (problems.length > 0 || entities.length !== list.length) return undefined;
  return { knowledgeBase: createKnowledgeBase(entities), problems, locations: new Map(entities.map((entity, i) => [entity.id, spans[i]])) };
}

// The characters the scan looks for: strings, escapes, keys, brackets and JSON's whitespace.
const quote = 0x22;
const backslash = 0x5c;
const colon = 0x3a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const space = 0x20;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;
const tab = 0x09;

/** The offset just past the string that opens at `start`, or -1 when it is never closed. Linear: each quote is looked at once. */
function stringEnd(text: string, start: number): number {
  for (let quoteAt = text.indexOf('"', start + 1); quoteAt !== -1; quoteAt = text.indexOf('"', quoteAt + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quoteAt - 1 - backslashes) === backslash) backslashes++;
    if (backslashes % 2 === 0) return quoteAt + 1;
  }
  return -1;
}

/** The offset of the first character at or after `start` that is not JSON whitespace. */
function skipSpace(text: string, start: number): number {
  let at = start;
  let code = text.charCodeAt(at);
  while (code === space || code === lineFeed || code === carriageReturn || code === tab) code = text.charCodeAt(++at);
  return at;
}

/**
 * A hash of the key whose string spans `start` to `end` (FNV-1a over its characters, cut to a small integer so that
 * maps hold it unboxed), or -1 when the key has an escape.
 */
function keyHash(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let at = start + 1; at < end - 1; at++) {
    const code = text.charCodeAt(at);
    if (code === backslash) return -1;
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  return hash & 0x3fffffff;
}

/**
 * The spans of the entries of a knowledge base (the containers two levels in: root → `entities` → entry) and of
 * each entry's `name` value. Undefined where a key is escaped or repeated in an object (JSON.parse keeps the last,
 * the tree the first) or an entry has no one name: the tree reading decides those. In valid JSON only strings (keys
 * where a colon follows) and brackets nest or name: one pass looks at each character between strings and jumps
 * from a string's opening quote to its closing one.
 */
function scanEntries(text: string): Array<{ entry: Span; name: Span }> | undefined {
  const entries: Array<{ entry: Span; name: Span }> = [];
  // Per depth, where the object open there starts (-1 for a list) and, per key hash, where the last key with it
  // stands. A key finds its hash after that start only when its object repeats it, or another key has the same hash:
  // either way the tree reading decides. No set of keys per object, no string per key.
  const objectStart: number[] = [];
  const keysByHash: Array<Map<number, number>> = [];
  let depth = 0;
  let entryStart = 0;
  let name: Span | undefined;
  let nameNext = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === quote) {
      const end = stringEnd(text, at);
      if (end === -1) return undefined;
      const next = skipSpace(text, end);
      if (text.charCodeAt(next) === colon) {
        const hash = keyHash(text, at, end);
        const start = objectStart[depth - 1];
        const keys = (keysByHash[depth - 1] ??= new Map());
        if (hash === -1 || !(start >= 0) || (keys.get(hash) ?? -1) > start) return undefined;
        keys.set(hash, at);
        nameNext = depth === 3 && end - at === 6 && text.startsWith('"name"', at);
        at = next;
      } else {
        if (nameNext && depth === 3) name = { start: at, end };
        nameNext = false;
        at = next - 1;
      }
    } else if (code === openBrace || code === openBracket) {
      objectStart[depth] = code === openBrace ? at : -1;
      if (depth === 2) {
        entryStart = at;
        name = undefined;
      }
      depth++;
    } else if (code === closeBrace || code === closeBracket) {
      depth--;
      if (depth === 2) {
        if (!name) return undefined;
        entries.push({ entry: { start: entryStart, end: at + 1 }, name });
      }
    }
  }
  return entries;
}

/**
 * What the checks ask of a JSON value, so that one set of checks reads both jsonc's syntax-tree nodes, whose spans
 * the problems carry, and JSON.parse's plain values, which have none.
 */
interface JsonAccess<V> {
  type(value: V): NodeType;
  /** The text of a string (an object's key included); undefined for any other value. */
  string(value: V): string | undefined;
  /** The value of an object's key (the first where the key repeats), undefined where it has none. */
  member(object: V, key: string): V | undefined;
  /** Visits an object's keys, as strings, each with its value, in order. */
  eachMember(object: V, visit: (key: V, value: V) => void): void;
  items(array: V): readonly V[];
  /** Where the value stands in the text, for a problem's span. */
  span(value: V): Span;
}

const treeAccess: JsonAccess<Node> = {
  type: (node) => node.type,
  string: (node) => (node.type === 'string' ? (node.value as string) : undefined),
  member: (node, key) => findNodeAtLocation(node, [key]),
  eachMember: (node, visit) => {
    // Only a tree without syntax errors is checked: each of its properties has a key and a value.
    for (const property of node.children ?? []) visit(property.children![0], property.children![1]);
  },
  items: (node) => node.children ?? [],
  span: spanOf,
};

const plainAccess: JsonAccess<unknown> = {
  type: (value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as 'object' | 'string' | 'number' | 'boolean')),
  string: (value) => (typeof value === 'string' ? value : undefined),
  member: (object, key) => (Object.hasOwn(object as object, key) ? (object as Record<string, unknown>)[key] : undefined),
  eachMember: (object, visit) => {
    for (const key of Object.keys(object as object)) visit(key, (object as Record<string, unknown>)[key]);
  },
  items: (array) => array as unknown[],
  // No place in the text; a problem here only sends the file to the tree reading, which has one.
  span: () => ({ start: 0, end: 0 }),
};

/** The entities of a list's entries, in order, with the index of the entry each was read from; problems are added. */
function readEntities<V>(json: JsonAccess<V>, entries: readonly V[], problems: KbProblem[]): { entities: KbEntity[]; indices: number[] } {
  const entities: KbEntity[] = [];
  const indices: number[] = [];
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    const entity = readEntity(json, entry, problems);
    if (!entity) continue;
    const idValue = json.member(entry, 'id')!;
    if (ids.has(entity.id)) {
      problems.push(problem(json.span(idValue), `Duplicate id "${entity.id}": an earlier entry has it; this entry is ignored.`));
      continue;
    }
    ids.add(entity.id);
    const names = entityNames(entity);
    const clashes = names.filter((name) => owners.has(name.toLowerCase()) && owners.get(name.toLowerCase()) !== entity.id);
    for (const name of clashes) {
      problems.push(problem(json.span(nameValue(json, entry, name) ?? idValue), `"${name}" already names "${owners.get(name.toLowerCase())}"; a name or alias must belong to one entity. It is not matched for "${entity.id}".`));
    }
    const kept = dropNames(entity, clashes);
    for (const name of kept === entity ? names : entityNames(kept)) owners.set(name.toLowerCase(), kept.id);
    entities.push(kept);
    indices.push(index);
  }
  // References can point forward, so they are checked once every id is known.
  for (const entry of entries) checkReferences(json, entry, ids, problems);
  return { entities, indices };
}

/** Warns of each reference in an entry (a fact's `entity`, a relation's `with`) to an id that no entry has. */
function checkReferences<V>(json: JsonAccess<V>, entry: V, ids: ReadonlySet<string>, problems: KbProblem[]): void {
  if (json.type(entry) !== 'object') return;
  for (const [list, key] of referenceKeys) {
    const items = json.member(entry, list);
    if (items === undefined || json.type(items) !== 'array') continue;
    json.items(items).forEach((item, i) => {
      const ref = json.type(item) === 'object' ? json.member(item, key) : undefined;
      const id = ref === undefined ? undefined : json.string(ref);
      if (id !== undefined && !ids.has(id)) problems.push(problem(json.span(ref!), `No entity has the id "${id}" (at ${list}[${i}].${key}).`, 'warning'));
    });
  }
}

const referenceKeys = [['facts', 'entity'], ['relations', 'with']] as const;

const entityKeys: readonly string[] = ['id', 'type', 'name', 'aliases', 'localNames', 'description', 'facts', 'relations', 'sources'];

function readEntity<V>(json: JsonAccess<V>, node: V, problems: KbProblem[]): KbEntity | undefined {
  if (json.type(node) !== 'object') {
    problems.push(problem(json.span(node), 'An entity must be an object with "id", "type" and "name".'));
    return undefined;
  }
  const errorsBefore = problems.length;
  const id = requiredString(json, node, 'id', problems);
  if (id !== undefined && !idPattern.test(id)) problems.push(problem(json.span(json.member(node, 'id')!), `The id "${id}" must be lower-case letters and digits joined by hyphens, e.g. "leica-camera".`));
  const type = requiredString(json, node, 'type', problems);
  if (type !== undefined && !(entityTypes as readonly string[]).includes(type)) {
    problems.push(problem(json.span(json.member(node, 'type')!), `"${type}" is not an entity type: use one of ${entityTypes.join(', ')}.`));
  }
  const name = requiredString(json, node, 'name', problems);
  if (name !== undefined && name.trim().length < 2) problems.push(problem(json.span(json.member(node, 'name')!), 'A name needs at least two characters.'));
  json.eachMember(node, (key) => {
    const keyText = json.string(key)!;
    if (!entityKeys.includes(keyText)) problems.push(problem(json.span(key), `Unknown key "${keyText}" in an entity.`, 'warning'));
  });
  const aliases = optionalStrings(json, node, 'aliases', problems, 'error');
  const localNames = optionalLocalized(json, node, 'localNames', problems);
  const description = optionalLocalized(json, node, 'description', problems);
  const facts = optionalList(json, node, 'facts', problems, readFact);
  const relations = optionalList(json, node, 'relations', problems, readRelation);
  const sources = optionalStrings(json, node, 'sources', problems, 'warning');
  if (problems.length > errorsBefore && problems.slice(errorsBefore).some((p) => p.severity === 'error')) return undefined;
  return { id: id!, type: type as EntityType, name: name!, aliases, localNames, description, facts, relations, sources };
}

function readFact<V>(json: JsonAccess<V>, node: V, problems: KbProblem[]): KbFact | undefined {
  const property = requiredString(json, node, 'property', problems);
  const value = requiredString(json, node, 'value', problems);
  const entity = optionalString(json, node, 'entity', problems);
  const sources = optionalStrings(json, node, 'sources', problems, 'warning');
  return property !== undefined && value !== undefined ? { property, value, entity, sources } : undefined;
}

function readRelation<V>(json: JsonAccess<V>, node: V, problems: KbProblem[]): KbRelation | undefined {
  const type = requiredString(json, node, 'type', problems);
  const other = requiredString(json, node, 'with', problems);
  const from = optionalString(json, node, 'from', problems);
  const until = optionalString(json, node, 'until', problems);
  for (const [key, value] of [['from', from], ['until', until]] as const) {
    if (value !== undefined && !timexPattern.test(value)) problems.push(problem(json.span(json.member(node, key)!), `"${value}" is not a date of the form 2016, 2022-05 or 2022-03-31.`, 'warning'));
  }
  const description = optionalLocalized(json, node, 'description', problems);
  const sources = optionalStrings(json, node, 'sources', problems, 'warning');
  if (type === undefined || other === undefined) return undefined;
  return { type, with: other, from: from && timexPattern.test(from) ? from : undefined, until: until && timexPattern.test(until) ? until : undefined, description, sources };
}

function requiredString<V>(json: JsonAccess<V>, node: V, key: string, problems: KbProblem[]): string | undefined {
  const child = json.member(node, key);
  if (child === undefined) {
    problems.push(problem(json.span(node), `Missing "${key}".`));
    return undefined;
  }
  const value = json.string(child);
  if (value === undefined) problems.push(problem(json.span(child), `"${key}" must be a string.`));
  return value;
}

function optionalString<V>(json: JsonAccess<V>, node: V, key: string, problems: KbProblem[]): string | undefined {
  const child = json.member(node, key);
  if (child === undefined) return undefined;
  const value = json.string(child);
  if (value === undefined) problems.push(problem(json.span(child), `"${key}" must be a string.`, 'warning'));
  return value;
}

/** A list of strings; names shorter than two characters would match everywhere, so they are refused. */
function optionalStrings<V>(json: JsonAccess<V>, node: V, key: string, problems: KbProblem[], severity: KbProblem['severity']): string[] | undefined {
  const child = json.member(node, key);
  if (child === undefined) return undefined;
  if (json.type(child) !== 'array') {
    problems.push(problem(json.span(child), `"${key}" must be a list of strings.`, severity));
    return undefined;
  }
  const values: string[] = [];
  for (const item of json.items(child)) {
    const value = json.string(item);
    if (value === undefined) problems.push(problem(json.span(item), `"${key}" must hold strings only.`, severity));
    else if (key === 'aliases' && value.trim().length < 2) problems.push(problem(json.span(item), 'An alias needs at least two characters; it is ignored.', 'warning'));
    else values.push(value);
  }
  return fitted(values);
}

function optionalLocalized<V>(json: JsonAccess<V>, node: V, key: string, problems: KbProblem[]): Localized | undefined {
  const child = json.member(node, key);
  if (child === undefined) return undefined;
  if (json.type(child) !== 'object') {
    problems.push(problem(json.span(child), `"${key}" must map language tags to text, e.g. { "de": "…", "en": "…" }.`, 'warning'));
    return undefined;
  }
  const values: Localized = {};
  json.eachMember(child, (keyNode, valueNode) => {
    const tag = json.string(keyNode)!;
    const value = json.string(valueNode);
    if (!tagPattern.test(tag)) problems.push(problem(json.span(keyNode), `"${tag}" is not a language tag such as "de" or "it".`, 'warning'));
    else if (value === undefined || (key === 'localNames' && value.trim().length < 2)) problems.push(problem(json.span(valueNode), key === 'localNames' ? 'A name needs at least two characters.' : 'A description must be a string.', 'warning'));
    else values[tag] = value;
  });
  return values;
}

function optionalList<V, T>(json: JsonAccess<V>, node: V, key: string, problems: KbProblem[], read: (json: JsonAccess<V>, item: V, problems: KbProblem[]) => T | undefined): T[] | undefined {
  const child = json.member(node, key);
  if (child === undefined) return undefined;
  if (json.type(child) !== 'array') {
    problems.push(problem(json.span(child), `"${key}" must be a list.`, 'warning'));
    return undefined;
  }
  const values: T[] = [];
  for (const item of json.items(child)) {
    if (json.type(item) !== 'object') {
      problems.push(problem(json.span(item), `Each of "${key}" must be an object.`, 'warning'));
      continue;
    }
    // Problems inside a fact or relation are warnings: the entity itself stays usable.
    const inner: KbProblem[] = [];
    const value = read(json, item, inner);
    for (const p of inner) problems.push({ ...p, severity: 'warning' });
    if (value !== undefined) values.push(value);
  }
  return fitted(values);
}

/**
 * A list grown by `push` keeps room for seventeen items however few it holds; a copy has room for its own. The
 * aliases, sources, facts and relations of 20,000 entities: 2.6 MB less in each thread that reads the knowledge base.
 */
function fitted<T>(list: T[]): T[] {
  return list.slice();
}

/** The value in an entity's entry that spells `name`: its name, one of its aliases or one of its local names. */
function nameValue<V>(json: JsonAccess<V>, entry: V, name: string): V | undefined {
  const aliases = json.member(entry, 'aliases');
  const localNames = json.member(entry, 'localNames');
  const candidates = [json.member(entry, 'name'), ...(aliases !== undefined && json.type(aliases) === 'array' ? json.items(aliases) : [])];
  if (localNames !== undefined && json.type(localNames) === 'object') json.eachMember(localNames, (_, value) => candidates.push(value));
  return candidates.find((candidate) => candidate !== undefined && json.string(candidate) === name);
}

function dropNames(entity: KbEntity, names: readonly string[]): KbEntity {
  if (names.length === 0) return entity;
  const localNames = entity.localNames && Object.fromEntries(Object.entries(entity.localNames).filter(([, v]) => !names.includes(v)));
  return { ...entity, aliases: entity.aliases?.filter((a) => !names.includes(a)), localNames };
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function spanOf(node: Node): Span {
  return { start: node.offset, end: node.offset + node.length };
}

function problem(span: Span, message: string, severity: KbProblem['severity'] = 'error'): KbProblem {
  return { span, message, severity };
}

/** The string values in an entity's entry that spell `spelling` (its name, an alias or a local name), as spans of their JSON strings. */
export function spellingSpans(kbText: string, entityId: string, spelling: string): Span[] {
  const root = treeOf(kbText, []);
  if (root === tooDeep) return [];
  const list = root && findNodeAtLocation(root, ['entities']);
  const entry = list?.children?.find((node) => node.type === 'object' && findNodeAtLocation(node, ['id'])?.value === entityId);
  if (!entry) return [];
  const strings = [findNodeAtLocation(entry, ['name']), ...(findNodeAtLocation(entry, ['aliases'])?.children ?? []), ...(findNodeAtLocation(entry, ['localNames'])?.children?.map((p) => p.children?.[1]) ?? [])];
  return strings.filter((n): n is Node => n?.type === 'string' && n.value === spelling).map(spanOf);
}

/** The edit that appends an entity to the knowledge base's `entities` list, keeping the file's formatting. */
export function appendEntityEdit(kbText: string, entity: KbEntity): TextEdit[] {
  const insertSpaces = !/^\t/m.test(kbText);
  const tabSize = /^( +)"/m.exec(kbText)?.[1].length ?? 2;
  return modify(kbText, ['entities', -1], entity, { formattingOptions: { insertSpaces, tabSize: Math.min(tabSize, 8), eol: '\n' } }).map((e) => ({
    start: e.offset,
    end: e.offset + e.length,
    newText: e.content,
  }));
}

/** A new knowledge-base file holding one entity. */
export function newKnowledgeBaseText(entity: KbEntity, schema?: string): string {
  return JSON.stringify({ ...(schema ? { $schema: schema } : {}), entities: [entity] }, null, 2) + '\n';
}
