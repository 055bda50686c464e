import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ServerTreeProvider } from './serverTree';
import { timelineChangedNotification, timelineRequest, type TimelineEntry } from '../../../server/src/protocol';
import { eventLabel, groupTimeline, monthName, type TimelineNode } from './timelineGroups';

export const timelineViewId = 'seedCorpus.timeline';

/** The Corpus Timeline view: years → months → events of the whole corpus, optionally only those naming one entity. */
export class TimelineTreeProvider extends ServerTreeProvider<TimelineNode> {
  private filter: { id: string; name: string } | undefined;
  private view: vscode.TreeView<TimelineNode> | undefined;

  constructor(client: LanguageClient) {
    super(client, timelineChangedNotification);
  }

  attach(view: vscode.TreeView<TimelineNode>): void {
    this.view = view;
    this.showFilter();
  }

  get entityFilter(): { id: string; name: string } | undefined {
    return this.filter;
  }

  setFilter(filter: { id: string; name: string } | undefined): void {
    this.filter = filter;
    void vscode.commands.executeCommand('setContext', 'seedCorpus.timelineFiltered', filter !== undefined);
    this.showFilter();
    this.refresh();
  }

  private showFilter(): void {
    if (this.view) this.view.description = this.filter ? `only ${this.filter.name}` : undefined;
  }

  async getChildren(node?: TimelineNode): Promise<TimelineNode[]> {
    if (node) return node.kind === 'event' ? [] : node.children;
    const { entries } = await this.client.sendRequest(timelineRequest, { entity: this.filter?.id });
    return groupTimeline(entries);
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    switch (node.kind) {
      case 'year':
        return group(String(node.year), node.count, `year:${node.year}`, 'calendar');
      case 'month':
        return group(monthName(node.month), node.count, `month:${node.year}-${node.month}`, 'calendar');
      case 'undated':
        return group('Undated', node.count, 'undated', 'question');
      case 'event':
        return this.eventItem(node.entry);
    }
  }

  private eventItem(entry: TimelineEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(eventLabel(entry), vscode.TreeItemCollapsibleState.None);
    item.description = entry.entities.map((e) => e.name).join(', ');
    const fromKnowledgeBase = entry.source === 'knowledge-base';
    const place = entry.uri ? `${vscode.workspace.asRelativePath(vscode.Uri.parse(entry.uri))}, line ${entry.range!.start.line + 1}` : 'knowledge base';
    item.tooltip = new vscode.MarkdownString()
      .appendText(entry.sentence)
      .appendMarkdown('\n\n---\n\n')
      .appendText(`${entry.value}${entry.mod ? ` ${entry.mod}` : ''} — ${entry.description}`)
      .appendMarkdown('\n\n')
      .appendText(fromKnowledgeBase ? entry.resolution : `“${entry.text}” in ${place}. ${entry.resolution}`);
    item.iconPath = new vscode.ThemeIcon(fromKnowledgeBase ? 'database' : entry.anchor === 'absolute' ? 'circle-filled' : 'circle-outline');
    item.contextValue = fromKnowledgeBase ? 'timelineRelation' : 'timelineEvent';
    if (entry.uri && entry.range) {
      item.command = { title: 'Open Event', command: 'vscode.open', arguments: [vscode.Uri.parse(entry.uri), { selection: this.client.protocol2CodeConverter.asRange(entry.range) }] };
    }
    return item;
  }
}

function group(label: string, count: number, id: string, icon: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
  item.description = `${count} ${count === 1 ? 'event' : 'events'}`;
  item.iconPath = new vscode.ThemeIcon(icon);
  item.contextValue = 'timelineGroup';
  item.id = id;
  return item;
}
