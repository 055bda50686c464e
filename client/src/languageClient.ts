import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverEnvironment } from '../../server/src/launch';
import { corpusAnalysedNotification, hoverCommands, type CorpusAnalysedParams, type SeedCorpusInitializationOptions } from '../../server/src/protocol';
import { articleLanguageId } from './articleFiles';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const env = { ...process.env, ...serverEnvironment };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, options: { env } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { env, execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // Articles, corpus configs and knowledge bases (any JSON file: the config names the knowledge base).
  const fileWatchers = [vscode.workspace.createFileSystemWatcher('**/*.txt'), vscode.workspace.createFileSystemWatcher('**/*.json')];
  context.subscriptions.push(...fileWatchers);
  const clientOptions: LanguageClientOptions = {
    // Files only: the server reads the rest of the corpus from disk, where untitled and virtual documents are not.
    // JSON files too, so a knowledge base open in an editor is checked as it is typed; the server ignores other JSON.
    documentSelector: [
      { scheme: 'file', language: articleLanguageId },
      { scheme: 'file', language: 'json' },
    ],
    // Hover cards link to the extension's own commands and to nothing else.
    markdown: { isTrusted: { enabledCommands: [...hoverCommands] }, supportHtml: false },
    synchronize: { configurationSection: 'seedCorpus', fileEvents: fileWatchers },
    outputChannelName: 'Seed Corpus',
    // The analysis cache lives in the extension's storage for this workspace (never in the corpus folder).
    initializationOptions: { cacheFolder: (context.storageUri ?? context.globalStorageUri).fsPath } satisfies SeedCorpusInitializationOptions,
  };
  return new LanguageClient('seedCorpus', 'Seed Corpus', serverOptions, clientOptions);
}

export interface CorpusAnalyses extends vscode.Disposable {
  /** Settles with the first whole-corpus pass: the signal that the server is ready, which tests wait on. */
  first: Promise<CorpusAnalysedParams>;
  /** Fires for every whole-corpus pass, the first included. */
  onDidAnalyse: vscode.Event<CorpusAnalysedParams>;
}

/** Listens for the server's corpus passes; call it before starting the client so the first is not missed. */
export function listenForCorpusAnalyses(client: LanguageClient): CorpusAnalyses {
  const analysed = new vscode.EventEmitter<CorpusAnalysedParams>();
  const first = new Promise<CorpusAnalysedParams>((resolve) => {
    const listener = analysed.event((params) => {
      listener.dispose();
      resolve(params);
    });
  });
  const handler = client.onNotification(corpusAnalysedNotification, (params) => analysed.fire(params));
  return {
    first,
    onDidAnalyse: analysed.event,
    dispose: () => {
      handler.dispose();
      analysed.dispose();
    },
  };
}
