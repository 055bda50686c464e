/**
 * The entity features of the language server: hover cards, go to definition, references, rename, symbols,
 * completion, semantic tokens, the knowledge-base edits of "Add to knowledge base", and the Entities view's
 * requests. Everything answers from the mention index and the corpora's compiled knowledge bases.
 */
import { pathToFileURL } from 'node:url';
import {
  CompletionItemKind,
  type CancellationToken,
  LSPErrorCodes,
  ResponseError,
  SemanticTokensBuilder,
  SymbolKind,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type Location,
  type Position,
  type SemanticTokensLegend,
  type TextDocumentEdit,
  type TextDocuments,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from './core/analyze';
import { spellingsStartingWith } from './core/entities/catalog';
import { entityNames, appendEntityEdit, newKnowledgeBaseText, spellingSpans } from './core/entities/knowledge-base';
import { entityTypes, type EntityType, type KbEntity } from './core/entities/kb';
import { headerField } from './core/header';
import { LruCache } from './core/lru';
import { LineIndex } from './core/text';
import { knowledgeBasePath, type Corpus, type KnowledgeBaseText } from './corpus';
import { checkpoint, throwIfCancelled, tokenOf } from './lsp/cancellation';
import { entityHoverMarkdown, hoverEventCount, type HoverEvents } from './lsp/entityHover';
import { toTextEdits } from './lsp/convert';
import { jsonBytes, SerializedResult } from './lsp/serializedResult';
import type { IndexedMention } from './fileSummary';
import type { MentionIndex } from './mentionIndex';
import { entitiesRequest, entityLocationRequest, entityMentionsRequest, type EntityMention } from './protocol';
import type { Workspace } from './workspace';

export interface EntityFeatureHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace(): Workspace;
  mentions: MentionIndex;
  /** The current analysis of an article: open ones brought up to date, others as last analysed. */
  analysisOf(uri: string): Promise<{ file: string; analysis: Analysis } | undefined>;
  /** The first `limit` dated events of an entity and how many it has, for its hover card (none until the timeline knows any). */
  eventsOf(entityId: string, limit: number): HoverEvents;
  toPath(uri: string): string | undefined;
  uriOf(file: string): string;
}

/** Semantic token types, one per entity type; package.json declares them with a standard super type each. */
export const semanticTokensLegend: SemanticTokensLegend = {
  tokenTypes: entityTypes.map((type) => `${type}Entity`),
  tokenModifiers: [],
};

const symbolKinds: Record<EntityType, SymbolKind> = {
  organization: SymbolKind.Class,
  person: SymbolKind.Object,
  product: SymbolKind.Package,
  place: SymbolKind.Namespace,
  publication: SymbolKind.File,
  other: SymbolKind.Constant,
};

const completionKinds: Record<EntityType, CompletionItemKind> = {
  organization: CompletionItemKind.Class,
  person: CompletionItemKind.Value,
  product: CompletionItemKind.Module,
  place: CompletionItemKind.Folder,
  publication: CompletionItemKind.File,
  other: CompletionItemKind.Constant,
};

const maxCompletions = 100;
const maxWorkspaceSymbols = 500;
/** Loops over the corpus (files, entities, mentions) let waiting messages in, and look for a cancellation, this often. */
const checkpointEvery = 256;

/**
 * Answers to references with at least this many locations are kept, a few of them, with their JSON: the entity of
 * 30,000 mentions took some 25 ms to gather and as long again to serialise, and its answer keeps a few megabytes.
 */
const manyLocations = 1000;
const referenceAnswersKept = 8;
const comma = Buffer.from(',', 'utf8');

/**
 * Line indexes of recent knowledge-base texts: building one over megabytes of JSON for each definition cost more than
 * the rest, and a text kept deflated is inflated once for it. An index holds its text: a knowledge base that asked
 * for one is in the heap again, as it was before it was kept deflated.
 */
const knowledgeBaseLines = new LruCache<KnowledgeBaseText | string, LineIndex>(4);

/** The line index of a knowledge base's text (an editor's, or as the server keeps it). */
function lineIndexOf(text: KnowledgeBaseText | string): LineIndex {
  return knowledgeBaseLines.getOrCompute(text, () => new LineIndex(typeof text === 'string' ? text : text.value));
}

export function registerEntityFeatures(host: EntityFeatureHost): void {
  const { connection, documents, mentions } = host;

  const manyReferences = new LruCache<string, { stamp: number; locations: Location[]; json: Buffer }>(referenceAnswersKept);
  const catalogOf = (file: string) => host.workspace().corpusOf(file)?.knowledgeBase?.catalog;

  async function mentionAt(uri: string, position: Position): Promise<{ file: string; analysis: Analysis; mention: Omit<IndexedMention, 'context'> } | undefined> {
    const found = await host.analysisOf(uri);
    if (!found?.analysis.article) return undefined;
    const offset = found.analysis.article.index.offsetAt(position);
    const mention = found.analysis.mentions.find((m) => m.span.start <= offset && offset <= m.span.end);
    return mention && { ...found, mention: { ...mention, range: found.analysis.article.index.rangeOf(mention.span) } };
  }

  function articleLanguage(analysis: Analysis): string | undefined {
    const declared = headerField(analysis.article?.header, 'lang')?.value;
    return typeof declared === 'string' ? declared : analysis.language?.language;
  }

  /** Where an entity's name stands in its knowledge base file. */
  function definitionOf(corpus: Corpus | undefined, entityId: string): Location | undefined {
    const kb = corpus?.knowledgeBase;
    const location = kb?.locations.get(entityId);
    if (!kb?.goodText || !location) return undefined;
    return { uri: host.uriOf(kb.file), range: lineIndexOf(kb.goodText).rangeOf(location.name) };
  }

  function locationOfEntity(entityId: string): { corpus: Corpus; entity: KbEntity } | undefined {
    for (const corpus of host.workspace().corpusList()) {
      const entity = corpus.knowledgeBase?.catalog?.knowledgeBase.byId.get(entityId);
      if (entity) return { corpus, entity };
    }
    return undefined;
  }

  connection.onHover(async ({ textDocument, position }) => {
    const found = await mentionAt(textDocument.uri, position);
    const catalog = found && catalogOf(found.file);
    const entity = catalog?.knowledgeBase.byId.get(found!.mention.entityId);
    if (!found || !catalog || !entity) return null;
    const markdown = entityHoverMarkdown({
      entity,
      knowledgeBase: catalog.knowledgeBase,
      language: articleLanguage(found.analysis),
      counts: mentions.counts(entity.id),
      events: host.eventsOf(entity.id, hoverEventCount),
    });
    return { contents: { kind: 'markdown', value: markdown }, range: found.mention.range };
  });

  connection.onDefinition(async ({ textDocument, position }) => {
    const found = await mentionAt(textDocument.uri, position);
    return (found && definitionOf(host.workspace().corpusOf(found.file), found.mention.entityId)) ?? null;
  });

  /**
   * Where an entity is mentioned across the corpus. The mentions are read at once (the index may change at the
   * checkpoints); the answers of much-mentioned entities are kept until their mentions change.
   */
  async function referencesOf(entityId: string, token: CancellationToken): Promise<{ locations: Location[]; json?: Buffer }> {
    const stamp = mentions.stamp(entityId);
    const kept = manyReferences.get(entityId);
    if (kept?.stamp === stamp) return kept;
    const locations: Location[] = [];
    let files = 0;
    for (const { file, mentions: list } of mentions.mentionsOf(entityId)) {
      if (++files % checkpointEvery === 0) await checkpoint(token);
      const uri = host.uriOf(file);
      for (const m of list) locations.push({ uri, range: m.range });
    }
    if (locations.length < manyLocations) return { locations };
    const answer = { stamp, locations, json: jsonBytes(locations) };
    manyReferences.set(entityId, answer);
    return answer;
  }

  /** The answer with the definition first, sent as the kept JSON where there is one (a `[` and a `,` around the definition's). */
  function referencesAnswer(definition: Location | undefined, { locations, json }: { locations: Location[]; json?: Buffer }): Location[] {
    const value = () => (definition ? [definition, ...locations] : locations);
    if (!json) return value();
    const parts = definition ? [jsonBytes([definition]).subarray(0, -1), comma, json.subarray(1)] : [json];
    // Typed as what it serialises to: the connection's handlers know no other result.
    return new SerializedResult(parts, value) as unknown as Location[];
  }

  connection.onReferences(async ({ textDocument, position, context }, token) => {
    await checkpoint(token);
    const found = await mentionAt(textDocument.uri, position);
    throwIfCancelled(token);
    if (!found) return null;
    const references = await referencesOf(found.mention.entityId, token);
    const definition = context.includeDeclaration ? definitionOf(host.workspace().corpusOf(found.file), found.mention.entityId) : undefined;
    return referencesAnswer(definition, references);
  });

  connection.onPrepareRename(async ({ textDocument, position }) => {
    const found = await mentionAt(textDocument.uri, position);
    if (!found) return null;
    return { range: found.mention.range, placeholder: found.mention.spelling };
  });

  connection.onRenameRequest(async ({ textDocument, position, newName }, token) => {
    // Cancellation is looked for before the work only: from the analysis on, the edit is built without yielding, so
    // the versions it names are those of the text its ranges come from.
    await checkpoint(token);
    const found = await mentionAt(textDocument.uri, position);
    throwIfCancelled(token);
    if (!found) return null;
    const corpus = host.workspace().corpusOf(found.file);
    const kb = corpus?.knowledgeBase;
    const catalog = kb?.catalog;
    const name = newName.trim();
    if (!corpus || !kb || !catalog) return null;
    if (name.length < 2 || /[\r\n]/.test(name)) throw new ResponseError(LSPErrorCodes.RequestFailed, 'A name needs at least two characters on one line.');
    if (kb.text !== kb.goodText) throw new ResponseError(LSPErrorCodes.RequestFailed, 'The knowledge base has errors; fix them before renaming.');
    const owner = catalog.knowledgeBase.entities.find((e) => e.id !== found.mention.entityId && entityNames(e).some((n) => n.toLowerCase() === name.toLowerCase()));
    if (owner) throw new ResponseError(LSPErrorCodes.RequestFailed, `“${name}” already names ${owner.name} (${owner.id}).`);
    const spelling = found.mention.spelling;
    const documentChanges: TextDocumentEdit[] = [];
    for (const { file, mentions: list } of mentions.mentionsOf(found.mention.entityId)) {
      const renamed = list.filter((m) => m.spelling === spelling);
      if (renamed.length === 0) continue;
      const uri = host.uriOf(file);
      documentChanges.push({ textDocument: { uri, version: documents.get(uri)?.version ?? null }, edits: renamed.map((m) => ({ range: m.range, newText: name })) });
    }
    const kbUri = host.uriOf(kb.file);
    const kbIndex = lineIndexOf(kb.text);
    const kbEdits = spellingSpans(kbIndex.text, found.mention.entityId, spelling).map((span) => ({ range: kbIndex.rangeOf(span), newText: JSON.stringify(name) }));
    if (kbEdits.length > 0) documentChanges.push({ textDocument: { uri: kbUri, version: documents.get(kbUri)?.version ?? null }, edits: kbEdits });
    return { documentChanges } satisfies WorkspaceEdit;
  });

  connection.onDocumentSymbol(async ({ textDocument }, token) => {
    const found = await host.analysisOf(textDocument.uri);
    await checkpoint(token);
    const article = found?.analysis.article;
    if (!found || !article) return null;
    const catalog = catalogOf(found.file);
    const symbols: DocumentSymbol[] = [];
    if (article.title) {
      const range = article.index.rangeOf(article.title);
      symbols.push({ name: article.title.text.trim() || '(untitled)', detail: 'title', kind: SymbolKind.String, range, selectionRange: range });
    }
    const seen = new Map<string, DocumentSymbol>();
    let count = 0;
    for (const mention of found.analysis.mentions) {
      if (++count % checkpointEvery === 0) await checkpoint(token);
      const entity = catalog?.knowledgeBase.byId.get(mention.entityId);
      if (!entity) continue;
      const range = article.index.rangeOf(mention.span);
      const symbol = seen.get(entity.id);
      if (symbol) {
        symbol.children!.push({ name: mention.text, kind: symbolKinds[entity.type], range, selectionRange: range });
        continue;
      }
      const created: DocumentSymbol = { name: entity.name, detail: entity.type, kind: symbolKinds[entity.type], range, selectionRange: range, children: [] };
      seen.set(entity.id, created);
      symbols.push(created);
    }
    // A symbol's range must enclose its children's: widen each entity's to span its last mention.
    for (const symbol of seen.values()) {
      const last = symbol.children![symbol.children!.length - 1];
      if (last) symbol.range = { start: symbol.range.start, end: last.range.end };
      symbol.detail = `${symbol.detail} · ${symbol.children!.length + 1}×`;
    }
    return symbols;
  });

  connection.onWorkspaceSymbol(async ({ query }, token) => {
    await checkpoint(token);
    const wanted = query.toLowerCase();
    const symbols: WorkspaceSymbol[] = [];
    let count = 0;
    for (const corpus of host.workspace().corpusList()) {
      for (const entity of corpus.knowledgeBase?.catalog?.knowledgeBase.entities ?? []) {
        if (symbols.length >= maxWorkspaceSymbols) return symbols;
        if (++count % checkpointEvery === 0) await checkpoint(token);
        if (wanted && !entityNames(entity).some((n) => n.toLowerCase().includes(wanted))) continue;
        const location = definitionOf(corpus, entity.id);
        if (location) symbols.push({ name: entity.name, kind: symbolKinds[entity.type], containerName: entity.type, location });
      }
    }
    return symbols;
  });

  connection.onCompletion(async ({ textDocument, position }, token) => {
    const found = await host.analysisOf(textDocument.uri);
    const document = documents.get(textDocument.uri);
    const catalog = found && catalogOf(found.file);
    if (!found || !document || !catalog) return null;
    // The typed prefix as the request found the text; an edit handled while this yields does not change it.
    const line = document.getText({ start: { line: position.line, character: 0 }, end: position });
    await checkpoint(token);
    const prefix = /[\p{L}\p{N}]+$/u.exec(line)?.[0] ?? '';
    const language = articleLanguage(found.analysis);
    const { found: spellings, more } = spellingsStartingWith(catalog, prefix, maxCompletions);
    const items = spellings.map(({ key, spelling, entity }): CompletionItem => ({
      label: spelling,
      kind: completionKinds[entity.type],
      detail: spelling === entity.name ? entity.type : `${entity.type} · ${entity.name}`,
      documentation: entity.description && (entity.description[language ?? 'en'] ?? entity.description.en),
      // Only the entity's canonical name is preselected-worthy; aliases follow it.
      sortText: `${spelling === entity.name ? 0 : 1}${key}`,
    }));
    return { isIncomplete: more || prefix === '', items };
  });

  connection.languages.semanticTokens.on(async ({ textDocument }) => {
    const builder = new SemanticTokensBuilder();
    const found = await host.analysisOf(textDocument.uri);
    const catalog = found && catalogOf(found.file);
    if (!found?.analysis.article || !catalog) return builder.build();
    const { index } = found.analysis.article;
    for (const mention of found.analysis.mentions) {
      const entity = catalog.knowledgeBase.byId.get(mention.entityId);
      if (!entity) continue;
      const range = index.rangeOf(mention.span);
      if (range.start.line !== range.end.line) continue;
      builder.push(range.start.line, range.start.character, range.end.character - range.start.character, entityTypes.indexOf(entity.type), 0);
    }
    return builder.build();
  });

  connection.onRequest(entitiesRequest, async (...args: unknown[]) => {
    await checkpoint(tokenOf(args));
    const entities = [];
    for (const corpus of host.workspace().corpusList()) {
      for (const entity of corpus.knowledgeBase?.catalog?.knowledgeBase.entities ?? []) {
        entities.push({ id: entity.id, name: entity.name, type: entity.type, ...mentions.counts(entity.id) });
      }
    }
    entities.sort((a, b) => entityTypes.indexOf(a.type) - entityTypes.indexOf(b.type) || b.mentions - a.mentions || a.name.localeCompare(b.name));
    return { entities };
  });

  connection.onRequest(entityMentionsRequest, async ({ id }, ...rest: unknown[]) => {
    const token = tokenOf(rest);
    await checkpoint(token);
    const result: EntityMention[] = [];
    let files = 0;
    for (const { file, mentions: list } of mentions.mentionsOf(id)) {
      if (++files % checkpointEvery === 0) await checkpoint(token);
      const uri = host.uriOf(file);
      for (const mention of list) result.push({ uri, range: mention.range, text: mention.text, context: mention.context });
    }
    return result;
  });

  connection.onRequest(entityLocationRequest, ({ id }) => {
    const located = locationOfEntity(id);
    return (located && definitionOf(located.corpus, id)) ?? null;
  });
}

/** The edit behind "Add to knowledge base": append the entry, or create the file when the corpus has none yet. */
export function knowledgeBaseEdit(corpus: Corpus, entry: KbEntity, openText: (file: string) => string | undefined): WorkspaceEdit {
  const file = corpus.knowledgeBase?.file ?? knowledgeBasePath(corpus);
  const uri = pathToFileURL(file).href;
  const text = openText(file) ?? corpus.knowledgeBase?.text;
  if (text === undefined) {
    return { documentChanges: [{ kind: 'create', uri, options: { ignoreIfExists: true } }, { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: newKnowledgeBaseText(entry) }] }] };
  }
  const lines = lineIndexOf(text);
  return { changes: { [uri]: toTextEdits(lines, appendEntityEdit(lines.text, entry)) } };
}
