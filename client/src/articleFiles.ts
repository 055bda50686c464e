import * as vscode from 'vscode';
import { configFileName } from '../../server/src/core/config';

export const articleLanguageId = 'seed-article';

/**
 * Gives plain-text documents that are articles the article language. The language contribution's
 * `filenamePatterns` cover only the default layout; this adds `seedCorpus.files` and corpus config folders
 * without claiming every `.txt` file.
 */
export function associateArticleFiles(): vscode.Disposable {
  // VS Code reports a language change as the document closing and at once reopening. An article that reopens
  // in another language in the same breath was switched by the user, whose choice stands while it is open.
  const keptByUser = new Set<string>();
  let justClosedArticle: string | undefined;

  const associateOpenDocuments = () => {
    for (const document of vscode.workspace.textDocuments) void associate(document, keptByUser);
  };
  const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${configFileName}`, false, true, true);
  associateOpenDocuments();

  return vscode.Disposable.from(
    configWatcher,
    configWatcher.onDidCreate(associateOpenDocuments),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const uri = document.uri.toString();
      if (document.languageId === articleLanguageId) {
        justClosedArticle = uri;
        queueMicrotask(() => (justClosedArticle = undefined));
      } else {
        keptByUser.delete(uri);
      }
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (document.uri.toString() === justClosedArticle && document.languageId !== articleLanguageId) keptByUser.add(justClosedArticle);
      else void associate(document, keptByUser);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('seedCorpus.files')) associateOpenDocuments();
    }),
  );
}

async function associate(document: vscode.TextDocument, keptByUser: ReadonlySet<string>): Promise<void> {
  if (!isCandidate(document) || keptByUser.has(document.uri.toString())) return;
  if (!(await isArticle(document))) return;
  // The check is asynchronous: the document may have closed or changed language meanwhile.
  if (isCandidate(document)) await vscode.languages.setTextDocumentLanguage(document, articleLanguageId);
}

function isCandidate(document: vscode.TextDocument): boolean {
  return !document.isClosed && document.uri.scheme === 'file' && document.languageId === 'plaintext' && document.uri.path.toLowerCase().endsWith('.txt');
}

async function isArticle(document: vscode.TextDocument): Promise<boolean> {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return false;
  const globs = vscode.workspace.getConfiguration('seedCorpus', document.uri).get<string[]>('files', []);
  if (globs.some((glob) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0)) return true;
  const parents = vscode.workspace.asRelativePath(document.uri, false).split('/').slice(0, -1);
  for (let depth = parents.length; depth >= 0; depth--) {
    if (await exists(vscode.Uri.joinPath(folder.uri, ...parents.slice(0, depth), configFileName))) return true;
  }
  return false;
}

function exists(uri: vscode.Uri): Thenable<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}
