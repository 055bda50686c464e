import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { languageStatusRequest, type LanguageStatus } from '../../server/src/protocol';
import { articleLanguageId } from './articleFiles';
import type { CommandId } from './commands';

const setLanguageCommand: CommandId = 'seedCorpus.setLanguage';

/** Enough to let a burst of diagnostics and editor switches settle into one request. */
const refreshDelayMs = 100;

/** Shows the active article's declared and detected language. */
export function createLanguageStatusBar(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('seedCorpus.language', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Seed Corpus: Article Language';
  item.command = setLanguageCommand;
  let request: vscode.CancellationTokenSource | undefined;
  let timer: NodeJS.Timeout | undefined;

  const refresh = async () => {
    request?.cancel();
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId !== articleLanguageId || document.uri.scheme !== 'file') {
      item.hide();
      return;
    }
    const current = (request = new vscode.CancellationTokenSource());
    try {
      const status = await client.sendRequest(languageStatusRequest, { uri: client.code2ProtocolConverter.asUri(document.uri) }, current.token);
      if (current.token.isCancellationRequested) return;
      if (status) show(item, status);
      else item.hide();
    } catch {
      // The server is stopped or restarting, or the request was overtaken: show nothing rather than something stale.
      if (!current.token.isCancellationRequested) item.hide();
    }
  };
  const scheduleRefresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), refreshDelayMs);
  };
  const isActive = (uri: vscode.Uri) => uri.toString() === vscode.window.activeTextEditor?.document.uri.toString();

  scheduleRefresh();
  return vscode.Disposable.from(
    item,
    {
      dispose: () => {
        clearTimeout(timer);
        request?.cancel();
      },
    },
    vscode.window.onDidChangeActiveTextEditor(scheduleRefresh),
    // The server re-analyses the article on every edit and publishes diagnostics when done.
    vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some(isActive)) scheduleRefresh();
    }),
    // A language change reopens the document, which may turn the active editor into an article or out of one.
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (isActive(document.uri)) scheduleRefresh();
    }),
  );
}

function show(item: vscode.StatusBarItem, status: LanguageStatus): void {
  const { declared, detected } = status;
  const disagree = declared !== undefined && detected !== undefined && primaryLanguage(declared) !== primaryLanguage(detected);
  if (declared === undefined) item.text = detected === undefined ? '$(globe) no lang' : `$(globe) no lang · detected ${detected}`;
  else item.text = disagree ? `$(globe) ${declared} ≠ ${detected}` : `$(globe) ${declared}`;
  // Only a sure detection contradicts the tag, as the lang-mismatch rule holds; an unsure one is just shown.
  item.backgroundColor = disagree && status.sure ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  item.tooltip = tooltip(status);
  item.show();
}

function tooltip(status: LanguageStatus): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString('**Article language**\n\n');
  const line = (label: string, value: string) => markdown.appendMarkdown(`${label}: `).appendText(value).appendMarkdown('\n\n');
  if (status.declared === undefined) line('Declared', 'none (no lang in the header)');
  else line('Declared', status.declaredValid ? status.declared : `${status.declared} (not a valid BCP 47 tag)`);
  if (status.detected === undefined) line('Detected', 'nothing (too little text to judge)');
  else line('Detected', `${status.detected}, ${Math.round(status.confidence * 100)}% of the judged text, ${status.sure ? 'certain' : 'not certain'}`);
  line('Corpus languages', status.languages.join(', '));
  markdown.appendMarkdown('Click to set the language.');
  return markdown;
}

/** `de-CH` and `de` agree: detection names languages, not regions. */
function primaryLanguage(tag: string): string {
  return tag.split('-')[0].toLowerCase();
}
