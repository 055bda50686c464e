import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CorpusAnalysedParams } from '../../server/src/protocol';
import { associateArticleFiles } from './articleFiles';
import { registerCommands } from './commands';
import { createLanguageClient, listenForCorpusAnalyses } from './languageClient';
import { createLanguageStatusBar } from './statusBar';
import { EntitiesTreeProvider, entitiesViewId } from './views/entitiesTree';
import { TimelineTreeProvider, timelineViewId } from './views/timelineTree';

/** What `activate` returns, for the extension tests. */
export interface SeedCorpusApi {
  client: LanguageClient;
  /** Settles when the server has analysed the whole corpus for the first time. */
  ready: Promise<CorpusAnalysedParams>;
  /** Fires after every whole-corpus pass, the first included. */
  onCorpusAnalysed: vscode.Event<CorpusAnalysedParams>;
  /** The Entities view's data, as the view shows it. */
  entities: EntitiesTreeProvider;
  /** The Corpus Timeline view's data, as the view shows it. */
  timeline: TimelineTreeProvider;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SeedCorpusApi> {
  client = createLanguageClient(context);
  const analyses = listenForCorpusAnalyses(client);
  const entities = new EntitiesTreeProvider(client);
  const timeline = new TimelineTreeProvider(client);
  const timelineView = vscode.window.createTreeView(timelineViewId, { treeDataProvider: timeline, showCollapseAll: true });
  timeline.attach(timelineView);
  context.subscriptions.push(
    analyses,
    entities,
    vscode.window.createTreeView(entitiesViewId, { treeDataProvider: entities, showCollapseAll: true }),
    timeline,
    timelineView,
    registerCommands({ client, entities, timeline }),
    createLanguageStatusBar(client),
    associateArticleFiles(),
  );
  // The views show in workspaces that hold a corpus, which is where the extension activates.
  void vscode.commands.executeCommand('setContext', 'seedCorpus.active', true);
  await client.start();
  return { client, ready: analyses.first, onCorpusAnalysed: analyses.onDidAnalyse, entities, timeline };
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
