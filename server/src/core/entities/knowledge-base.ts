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
  if (root.type !== 'object') return { problems: [problem(root, 'The knowledge base must be a JSON object with an "entities" list.')], locations };
  const list = findNodeAtLocation(root, ['entities']);
  if (!list || list.type !== 'array') {
    return { problems: [problem(list?.parent ?? root, 'The knowledge base needs an "entities" list.')], locations };
  }
  for (const property of root.children ?? []) {
    const key = property.children?.[0];
    if (key && key.value !== 'entities' && key.value !== '$schema') problems.push(problem(key, `Unknown key "${key.value}".`, 'warning'));
  }
  const entries = list.children ?? [];
  const { entities, indices } = readEntities(entries.length, (index) => entries[index], problems);
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
 * its strings and brackets the spans of each entry and its name. The same checks run on the values. Undefined as
 * soon as anything is unusual (a problem, an escaped or repeated key, another shape): the tree reading then
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
  const { entities } = readEntities(list.length, (index) => valueNode(list[index]), problems);
  if (problems.length > 0 || entities.length !== list.length) return undefined;
  return { knowledgeBase: createKnowledgeBase(entities), problems, locations: new Map(entities.map((entity, i) => [entity.id, spans[i]])) };
}

// A JSON string (a key when a colon follows) or a bracket: in valid JSON, nothing else nests or names.
// Where a string starts or a container opens or closes: in valid JSON, nothing else nests or names.
const jsonStructure = /["{}[\]]/g;
const jsonSpace = /[ \t\n\r]*/y;

/** The offset just past the string that opens at `start`, or -1 when it is never closed. Linear: no regex backtracking. */
function stringEnd(text: string, start: number): number {
  for (let quote = text.indexOf('"', start + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
  }
  return -1;
}

/**
 * The spans of the entries of a knowledge base (the containers two levels in: root → `entities` → entry) and of
 * each entry's `name` value. Undefined where a key is escaped or repeated in an object (JSON.parse keeps the last,
 * the tree the first) or an entry has no one name: the tree reading decides those.
 */
function scanEntries(text: string): Array<{ entry: Span; name: Span }> | undefined {
  const entries: Array<{ entry: Span; name: Span }> = [];
  // Per depth, the object open there (a serial number) and, per key, the object that last had it: no Set per object.
  const openObject: number[] = [];
  const keyOwners: Array<Map<string, number>> = [];
  let objects = 0;
  let depth = 0;
  let entryStart = 0;
  let name: Span | undefined;
  let nameNext = false;
  jsonStructure.lastIndex = 0;
  for (let m = jsonStructure.exec(text); m; m = jsonStructure.exec(text)) {
    const at = m.index;
    const mark = m[0];
    if (mark === '"') {
      const end = stringEnd(text, at);
      if (end === -1) return undefined;
      jsonStructure.lastIndex = end;
      jsonSpace.lastIndex = end;
      jsonSpace.test(text);
      if (text[jsonSpace.lastIndex] === ':') {
        const key = text.slice(at, end);
        const owner = openObject[depth - 1];
        const owners = (keyOwners[depth - 1] ??= new Map());
        if (key.includes('\\') || !owner || owners.get(key) === owner) return undefined;
        owners.set(key, owner);
        nameNext = depth === 3 && key === '"name"';
      } else {
        if (nameNext && depth === 3) name = { start: at, end };
        nameNext = false;
      }
    } else if (mark === '{' || mark === '[') {
      openObject[depth] = mark === '{' ? ++objects : 0;
      if (depth === 2) {
        entryStart = at;
        name = undefined;
      }
      depth++;
    } else {
      depth--;
      if (depth === 2) {
        if (!name) return undefined;
        entries.push({ entry: { start: entryStart, end: at + 1 }, name });
      }
    }
  }
  return entries;
}

/** A JSON value as a syntax-tree node without a place in the text, for the checks the tree reading runs. */
class ValueNode implements Node {
  readonly offset = 0;
  readonly length = 0;
  private built?: Node[];

  constructor(
    readonly type: NodeType,
    readonly value: unknown,
    private readonly raw: unknown,
  ) {}

  get children(): Node[] | undefined {
    if (!this.built && this.type === 'object') {
      const object = this.raw as Record<string, unknown>;
      this.built = Object.keys(object).map((key) => new PropertyNode(new ValueNode('string', key, key), valueNode(object[key])));
    } else if (!this.built && this.type === 'array') this.built = (this.raw as unknown[]).map(valueNode);
    return this.built;
  }
}

class PropertyNode implements Node {
  readonly type = 'property';
  readonly offset = 0;
  readonly length = 0;
  readonly children: Node[];

  constructor(key: Node, value: Node) {
    this.children = [key, value];
  }
}

function valueNode(value: unknown): Node {
  if (value === null) return new ValueNode('null', null, value);
  if (Array.isArray(value)) return new ValueNode('array', undefined, value);
  const type = typeof value;
  return new ValueNode(type === 'object' ? 'object' : type === 'string' ? 'string' : type === 'number' ? 'number' : 'boolean', type === 'object' ? undefined : value, value);
}

/**
 * The entities of a list's entries, in order, with the index of the entry each was read from; problems are added.
 * Entries are asked for one at a time (`entryAt`), so that nodes built for the check can go as soon as it is done.
 */
function readEntities(count: number, entryAt: (index: number) => Node, problems: KbProblem[]): { entities: KbEntity[]; indices: number[] } {
  const entities: KbEntity[] = [];
  const indices: number[] = [];
  const ids = new Map<string, Node>();
  const owners = new Map<string, string>();
  const refs: Array<[string, Node]> = [];
  for (let index = 0; index < count; index++) {
    const node = entryAt(index);
    refs.push(...references(node));
    const entity = readEntity(node, problems);
    if (!entity) continue;
    const idNode = findNodeAtLocation(node, ['id'])!;
    if (ids.has(entity.id)) {
      problems.push(problem(idNode, `Duplicate id "${entity.id}": an earlier entry has it; this entry is ignored.`));
      continue;
    }
    ids.set(entity.id, idNode);
    const clashes = entityNames(entity).filter((name) => owners.has(name.toLowerCase()) && owners.get(name.toLowerCase()) !== entity.id);
    for (const name of clashes) {
      problems.push(problem(nameNode(node, name) ?? idNode, `"${name}" already names "${owners.get(name.toLowerCase())}"; a name or alias must belong to one entity. It is not matched for "${entity.id}".`));
    }
    const kept = dropNames(entity, new Set(clashes));
    for (const name of entityNames(kept)) owners.set(name.toLowerCase(), kept.id);
    entities.push(kept);
    indices.push(index);
  }
  // References can point forward, so they are checked once every id is known.
  for (const [pathToRef, ref] of refs) {
    if (typeof ref.value === 'string' && !ids.has(ref.value)) problems.push(problem(ref, `No entity has the id "${ref.value}" (at ${pathToRef}).`, 'warning'));
  }
  return { entities, indices };
}

function readEntity(node: Node, problems: KbProblem[]): KbEntity | undefined {
  if (node.type !== 'object') {
    problems.push(problem(node, 'An entity must be an object with "id", "type" and "name".'));
    return undefined;
  }
  const errorsBefore = problems.length;
  const id = requiredString(node, 'id', problems);
  if (id !== undefined && !idPattern.test(id)) problems.push(problem(findNodeAtLocation(node, ['id'])!, `The id "${id}" must be lower-case letters and digits joined by hyphens, e.g. "leica-camera".`));
  const type = requiredString(node, 'type', problems);
  if (type !== undefined && !(entityTypes as readonly string[]).includes(type)) {
    problems.push(problem(findNodeAtLocation(node, ['type'])!, `"${type}" is not an entity type: use one of ${entityTypes.join(', ')}.`));
  }
  const name = requiredString(node, 'name', problems);
  if (name !== undefined && name.trim().length < 2) problems.push(problem(findNodeAtLocation(node, ['name'])!, 'A name needs at least two characters.'));
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    if (key && !['id', 'type', 'name', 'aliases', 'localNames', 'description', 'facts', 'relations', 'sources'].includes(key.value)) {
      problems.push(problem(key, `Unknown key "${key.value}" in an entity.`, 'warning'));
    }
  }
  const aliases = optionalStrings(node, 'aliases', problems, 'error');
  const localNames = optionalLocalized(node, 'localNames', problems);
  const description = optionalLocalized(node, 'description', problems);
  const facts = optionalList(node, 'facts', problems, readFact);
  const relations = optionalList(node, 'relations', problems, readRelation);
  const sources = optionalStrings(node, 'sources', problems, 'warning');
  if (problems.length > errorsBefore && problems.slice(errorsBefore).some((p) => p.severity === 'error')) return undefined;
  return { id: id!, type: type as EntityType, name: name!, aliases, localNames, description, facts, relations, sources };
}

function readFact(node: Node, problems: KbProblem[]): KbFact | undefined {
  const property = requiredString(node, 'property', problems);
  const value = requiredString(node, 'value', problems);
  const entity = optionalString(node, 'entity', problems);
  const sources = optionalStrings(node, 'sources', problems, 'warning');
  return property !== undefined && value !== undefined ? { property, value, entity, sources } : undefined;
}

function readRelation(node: Node, problems: KbProblem[]): KbRelation | undefined {
  const type = requiredString(node, 'type', problems);
  const other = requiredString(node, 'with', problems);
  const from = optionalString(node, 'from', problems);
  const until = optionalString(node, 'until', problems);
  for (const [key, value] of [['from', from], ['until', until]] as const) {
    if (value !== undefined && !timexPattern.test(value)) problems.push(problem(findNodeAtLocation(node, [key])!, `"${value}" is not a date of the form 2016, 2022-05 or 2022-03-31.`, 'warning'));
  }
  const description = optionalLocalized(node, 'description', problems);
  const sources = optionalStrings(node, 'sources', problems, 'warning');
  if (type === undefined || other === undefined) return undefined;
  return { type, with: other, from: from && timexPattern.test(from) ? from : undefined, until: until && timexPattern.test(until) ? until : undefined, description, sources };
}

function requiredString(node: Node, key: string, problems: KbProblem[]): string | undefined {
  const child = findNodeAtLocation(node, [key]);
  if (!child) {
    problems.push(problem(node, `Missing "${key}".`));
    return undefined;
  }
  if (child.type !== 'string') {
    problems.push(problem(child, `"${key}" must be a string.`));
    return undefined;
  }
  return child.value as string;
}

function optionalString(node: Node, key: string, problems: KbProblem[]): string | undefined {
  const child = findNodeAtLocation(node, [key]);
  if (!child) return undefined;
  if (child.type === 'string') return child.value as string;
  problems.push(problem(child, `"${key}" must be a string.`, 'warning'));
  return undefined;
}

/** A list of strings; names shorter than two characters would match everywhere, so they are refused. */
function optionalStrings(node: Node, key: string, problems: KbProblem[], severity: KbProblem['severity']): string[] | undefined {
  const child = findNodeAtLocation(node, [key]);
  if (!child) return undefined;
  if (child.type !== 'array') {
    problems.push(problem(child, `"${key}" must be a list of strings.`, severity));
    return undefined;
  }
  const values: string[] = [];
  for (const item of child.children ?? []) {
    if (item.type !== 'string') problems.push(problem(item, `"${key}" must hold strings only.`, severity));
    else if (key === 'aliases' && (item.value as string).trim().length < 2) problems.push(problem(item, 'An alias needs at least two characters; it is ignored.', 'warning'));
    else values.push(item.value as string);
  }
  return values;
}

function optionalLocalized(node: Node, key: string, problems: KbProblem[]): Localized | undefined {
  const child = findNodeAtLocation(node, [key]);
  if (!child) return undefined;
  if (child.type !== 'object') {
    problems.push(problem(child, `"${key}" must map language tags to text, e.g. { "de": "…", "en": "…" }.`, 'warning'));
    return undefined;
  }
  const values: Localized = {};
  for (const property of child.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    if (!tagPattern.test(keyNode.value)) problems.push(problem(keyNode, `"${keyNode.value}" is not a language tag such as "de" or "it".`, 'warning'));
    else if (valueNode.type !== 'string' || (key === 'localNames' && (valueNode.value as string).trim().length < 2)) problems.push(problem(valueNode, key === 'localNames' ? 'A name needs at least two characters.' : 'A description must be a string.', 'warning'));
    else values[keyNode.value] = valueNode.value as string;
  }
  return values;
}

function optionalList<T>(node: Node, key: string, problems: KbProblem[], read: (item: Node, problems: KbProblem[]) => T | undefined): T[] | undefined {
  const child = findNodeAtLocation(node, [key]);
  if (!child) return undefined;
  if (child.type !== 'array') {
    problems.push(problem(child, `"${key}" must be a list.`, 'warning'));
    return undefined;
  }
  const values: T[] = [];
  for (const item of child.children ?? []) {
    if (item.type !== 'object') {
      problems.push(problem(item, `Each of "${key}" must be an object.`, 'warning'));
      continue;
    }
    // Problems inside a fact or relation are warnings: the entity itself stays usable.
    const inner: KbProblem[] = [];
    const value = read(item, inner);
    problems.push(...inner.map((p) => ({ ...p, severity: 'warning' as const })));
    if (value !== undefined) values.push(value);
  }
  return values;
}

function references(entityNode: Node): Array<[string, Node]> {
  const found: Array<[string, Node]> = [];
  for (const [list, key] of [['facts', 'entity'], ['relations', 'with']] as const) {
    const items = findNodeAtLocation(entityNode, [list]);
    (items?.type === 'array' ? items.children ?? [] : []).forEach((item, i) => {
      const ref = item.type === 'object' ? findNodeAtLocation(item, [key]) : undefined;
      if (ref) found.push([`${list}[${i}].${key}`, ref]);
    });
  }
  return found;
}

function nameNode(entityNode: Node, name: string): Node | undefined {
  const candidates = [findNodeAtLocation(entityNode, ['name']), ...(findNodeAtLocation(entityNode, ['aliases'])?.children ?? []), ...(findNodeAtLocation(entityNode, ['localNames'])?.children?.map((p) => p.children?.[1]) ?? [])];
  return candidates.find((n) => n?.value === name);
}

function dropNames(entity: KbEntity, names: ReadonlySet<string>): KbEntity {
  if (names.size === 0) return entity;
  const localNames = entity.localNames && Object.fromEntries(Object.entries(entity.localNames).filter(([, v]) => !names.has(v)));
  return { ...entity, aliases: entity.aliases?.filter((a) => !names.has(a)), localNames };
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function spanOf(node: Node): Span {
  return { start: node.offset, end: node.offset + node.length };
}

function problem(node: Node, message: string, severity: KbProblem['severity'] = 'error'): KbProblem {
  return { span: spanOf(node), message, severity };
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
