import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CorpusAnalysedParams } from '../../server/src/protocol';
import { associateArticleFiles } from './articleFiles';
import { registerCommands } from './commands';
import { createLanguageClient, listenForCorpusAnalyses } from './languageClient';
import { createLanguageStatusBar } from './statusBar';

/** What `activate` returns, for the extension tests. */
export interface SeedCorpusApi {
  client: LanguageClient;
  /** Settles when the server has analysed the whole corpus for the first time. */
  ready: Promise<CorpusAnalysedParams>;
  /** Fires after every whole-corpus pass, the first included. */
  onCorpusAnalysed: vscode.Event<CorpusAnalysedParams>;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SeedCorpusApi> {
  client = createLanguageClient(context);
  const analyses = listenForCorpusAnalyses(client);
  context.subscriptions.push(analyses, registerCommands(client), createLanguageStatusBar(client), associateArticleFiles());
  await client.start();
  return { client, ready: analyses.first, onCorpusAnalysed: analyses.onDidAnalyse };
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
