import * as vscode from 'vscode';
import type { LanguageClient, WorkspaceEdit } from 'vscode-languageclient/node';
import {
  entitiesRequest,
  entityLocationRequest,
  entityMentionsRequest,
  fixCorpusRequest,
  languageStatusRequest,
  setLanguageRequest,
  type LanguageStatus,
} from '../../server/src/protocol';
import { articleLanguageId } from './articleFiles';
import type { EntitiesTreeProvider, EntityNode } from './views/entitiesTree';
import type { TimelineNode } from './views/timelineGroups';
import { timelineViewId, type TimelineTreeProvider } from './views/timelineTree';

/** What command handlers work with. */
export interface CommandContext {
  client: LanguageClient;
  entities: EntitiesTreeProvider;
  timeline: TimelineTreeProvider;
}

type CommandHandler = (context: CommandContext, ...args: never[]) => unknown;

/** An entity as a command argument: its id (from a hover card link) or its row in the Entities view. */
type EntityArgument = string | EntityNode;

/** Every command of the extension; package.json contributes the same ids. */
const commands = {
  'seedCorpus.fixCorpus': ({ client }: CommandContext) => fixCorpus(client),
  'seedCorpus.setLanguage': ({ client }: CommandContext) => setLanguage(client),
  // The server offers this as a code action's command: an LSP text edit cannot change a document's line endings in VS Code.
  'seedCorpus.useLfLineEndings': (_context: CommandContext, uri: string) => useLfLineEndings(uri),
  'seedCorpus.restartServer': ({ client }: CommandContext) => client.restart(),
  'seedCorpus.showOutput': ({ client }: CommandContext) => client.outputChannel.show(),
  'seedCorpus.openEntity': ({ client }: CommandContext, entity: EntityArgument) => openEntity(client, entityIdOf(entity)),
  'seedCorpus.findMentions': ({ client }: CommandContext, entity: EntityArgument) => findMentions(client, entityIdOf(entity)),
  'seedCorpus.refreshEntities': ({ entities }: CommandContext) => entities.refresh(),
  'seedCorpus.showOnTimeline': (context: CommandContext, entity: EntityArgument) => showOnTimeline(context, entityIdOf(entity)),
  'seedCorpus.filterTimeline': (context: CommandContext) => filterTimeline(context),
  'seedCorpus.clearTimelineFilter': ({ timeline }: CommandContext) => timeline.setFilter(undefined),
  'seedCorpus.refreshTimeline': ({ timeline }: CommandContext) => timeline.refresh(),
  // The "Show more…" row of a timeline group.
  'seedCorpus.showMoreTimelineEvents': ({ timeline }: CommandContext, node: TimelineNode) => timeline.showMore(node),
} satisfies Record<`seedCorpus.${string}`, CommandHandler>;

export type CommandId = keyof typeof commands;

export function registerCommands(context: CommandContext): vscode.Disposable {
  const handlers: Array<[string, CommandHandler]> = Object.entries(commands);
  return vscode.Disposable.from(
    ...handlers.map(([id, handler]) => vscode.commands.registerCommand(id, (...args: never[]) => handler(context, ...args))),
  );
}

function entityIdOf(entity: EntityArgument): string {
  return typeof entity === 'string' ? entity : entity.kind === 'type' ? '' : entity.entity.id;
}

async function openEntity(client: LanguageClient, id: string): Promise<void> {
  const location = await client.sendRequest(entityLocationRequest, { id });
  if (!location) {
    void vscode.window.showWarningMessage(`No knowledge base defines “${id}”.`);
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { selection: client.protocol2CodeConverter.asRange(location.range) });
}

/** Shows every mention of an entity in the references peek of the active article (or of its first mention). */
async function findMentions(client: LanguageClient, id: string): Promise<void> {
  const mentions = await client.sendRequest(entityMentionsRequest, { id });
  if (mentions.length === 0) {
    void vscode.window.showInformationMessage('No article mentions it.');
    return;
  }
  const locations = mentions.map((m) => new vscode.Location(vscode.Uri.parse(m.uri), client.protocol2CodeConverter.asRange(m.range)));
  const editor = vscode.window.activeTextEditor;
  const [anchorUri, anchorPosition] = editor ? [editor.document.uri, editor.selection.active] : [locations[0].uri, locations[0].range.start];
  await vscode.commands.executeCommand('editor.action.showReferences', anchorUri, anchorPosition, locations);
}

/** Filters the Corpus Timeline to one entity's events and brings the view into sight. */
async function showOnTimeline({ client, timeline }: CommandContext, id: string): Promise<void> {
  const { entities } = await client.sendRequest(entitiesRequest);
  const entity = entities.find((e) => e.id === id);
  timeline.setFilter({ id, name: entity?.name ?? id });
  await vscode.commands.executeCommand(`${timelineViewId}.focus`);
}

async function filterTimeline(context: CommandContext): Promise<void> {
  const { entities } = await context.client.sendRequest(entitiesRequest);
  const picked = await vscode.window.showQuickPick(
    entities.filter((e) => e.mentions > 0).map((e) => ({ label: e.name, description: e.type, detail: `${e.mentions} mentions in ${e.articles} articles`, id: e.id })),
    { title: 'Show on Timeline', placeHolder: 'Only the events that name…', matchOnDescription: true },
  );
  if (picked) await showOnTimeline(context, picked.id);
}

async function fixCorpus(client: LanguageClient): Promise<void> {
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Fixing the corpus' }, () =>
    client.sendRequest(fixCorpusRequest),
  );
  if (result.fixes === 0) {
    void vscode.window.showInformationMessage('Nothing to fix.');
    return;
  }
  // As a refactoring, the edit is saved to files that were not open (setting `files.refactoring.autoSave`)
  // instead of leaving every article of the corpus as an unsaved editor.
  if (!(await applyServerEdit(client, result.edit, { isRefactoring: true }))) {
    void vscode.window.showErrorMessage('The fixes could not be applied; a file may have changed meanwhile. Try again.');
    return;
  }
  void vscode.window.showInformationMessage(`Applied ${count(result.fixes, 'fix', 'fixes')} in ${count(result.files, 'file', 'files')}.`);
}

async function setLanguage(client: LanguageClient): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId !== articleLanguageId) {
    void vscode.window.showInformationMessage('Open a seed article to set its language.');
    return;
  }
  const uri = client.code2ProtocolConverter.asUri(document.uri);
  const status = await client.sendRequest(languageStatusRequest, { uri });
  if (!status) {
    void vscode.window.showWarningMessage('The language server does not check this file as an article.');
    return;
  }
  const picked = await vscode.window.showQuickPick(languagePicks(status), {
    title: 'Set Article Language',
    placeHolder: status.declared === undefined ? 'The article declares no language' : `Declared: ${status.declared}`,
  });
  if (!picked) return;
  const edit = await client.sendRequest(setLanguageRequest, { uri, tag: picked.label });
  if (!edit) {
    void vscode.window.showWarningMessage(`The header cannot be edited safely; set "lang: ${picked.label}" by hand.`);
    return;
  }
  if (!(await applyServerEdit(client, edit))) {
    void vscode.window.showErrorMessage('The language could not be set; the article may have changed meanwhile. Try again.');
  }
}

/** The corpus languages, the detected one first. */
function languagePicks(status: LanguageStatus): vscode.QuickPickItem[] {
  const tags = status.detected === undefined ? status.languages : [status.detected, ...status.languages.filter((tag) => tag !== status.detected)];
  return tags.map((tag) => {
    const marks = [languageName(tag)];
    if (tag === status.detected) marks.push(`detected, ${Math.round(status.confidence * 100)}%`);
    if (tag === status.declared) marks.push('declared');
    return { label: tag, description: marks.filter(Boolean).join(' · ') };
  });
}

function languageName(tag: string): string | undefined {
  try {
    return new Intl.DisplayNames([vscode.env.language], { type: 'language' }).of(tag);
  } catch {
    return undefined; // not a tag Intl accepts; the tag alone will do
  }
}

async function useLfLineEndings(uri: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
  await editor.edit((builder) => builder.setEndOfLine(vscode.EndOfLine.LF));
}

async function applyServerEdit(client: LanguageClient, edit: WorkspaceEdit, metadata?: vscode.WorkspaceEditMetadata): Promise<boolean> {
  return vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(edit), metadata);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
