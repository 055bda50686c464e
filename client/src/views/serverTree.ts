import * as vscode from 'vscode';
import type { LanguageClient, NotificationType0 } from 'vscode-languageclient/node';

/** A tree whose rows come from the language server and are reloaded whenever the server announces `changed`. */
export abstract class ServerTreeProvider<Node> implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(protected readonly client: LanguageClient, changedNotification: NotificationType0) {
    this.subscription = client.onNotification(changedNotification, () => this.refresh());
  }

  /** Reloads the whole tree, or only `node`'s children (an object the tree got from `getChildren`). */
  refresh(node?: Node): void {
    this.changed.fire(node);
  }

  abstract getChildren(node?: Node): Promise<Node[]>;
  abstract getTreeItem(node: Node): vscode.TreeItem;

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
