import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { corpusAnalysedNotification, type CorpusAnalysedParams } from '../../server/src/protocol';
import { configFileName } from '../../server/src/core/config';
import { articleLanguageId } from './articleFiles';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const fileWatchers = [
    vscode.workspace.createFileSystemWatcher('**/*.txt'),
    vscode.workspace.createFileSystemWatcher(`**/${configFileName}`),
  ];
  context.subscriptions.push(...fileWatchers);
  const clientOptions: LanguageClientOptions = {
    // Files only: the server reads the rest of the corpus from disk, where untitled and virtual documents are not.
    documentSelector: [{ scheme: 'file', language: articleLanguageId }],
    synchronize: { configurationSection: 'seedCorpus', fileEvents: fileWatchers },
    outputChannelName: 'Seed Corpus',
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
