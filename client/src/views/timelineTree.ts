import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CommandId } from '../commands';
import { ServerTreeProvider } from './serverTree';
import { timelineChangedNotification, timelineEventsRequest, timelineGroupsRequest, timelinePageSize, type TimelineEntry } from '../../../server/src/protocol';
import { eventLabel, eventNodes, flattened, groupNodes, loadEvents, monthName, placeOf, type GroupNode, type Loaded, type TimelineNode } from './timelineGroups';

export const timelineViewId = 'seedCorpus.timeline';
const showMoreCommand: CommandId = 'seedCorpus.showMoreTimelineEvents';

const counted = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The Corpus Timeline view: years → months → events of the whole corpus, optionally only those naming one entity.
 * Each level is asked of the server when it is expanded, and events a page at a time.
 */
export class TimelineTreeProvider extends ServerTreeProvider<TimelineNode> {
  private filter: { id: string; name: string } | undefined;
  private view: vscode.TreeView<TimelineNode> | undefined;
  /** Events loaded per group id; dropped when the timeline changes. */
  private readonly loaded = new Map<string, Loaded>();
  /** Events to show per group id, once "Show more…" was used; kept across refreshes, so a group shows as many again. */
  private readonly wanted = new Map<string, number>();

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
    this.wanted.clear();
    void vscode.commands.executeCommand('setContext', 'seedCorpus.timelineFiltered', filter !== undefined);
    this.showFilter();
    this.refresh();
  }

  /** Reloads the whole tree (the timeline changed), or one group's rows. */
  override refresh(node?: TimelineNode): void {
    if (!node) this.loaded.clear();
    super.refresh(node);
  }

  /** "Show more…": the group shows its next page. */
  showMore(node: TimelineNode): void {
    if (node.kind !== 'more') return;
    this.wanted.set(node.group.id, node.shown + timelinePageSize);
    this.refresh(node.parent);
  }

  private showFilter(): void {
    if (this.view) this.view.description = this.filter ? `only ${this.filter.name}` : undefined;
  }

  async getChildren(node?: TimelineNode): Promise<TimelineNode[]> {
    if (!node) {
      const entity = this.filter?.id;
      const { groups, total } = await this.client.sendRequest(timelineGroupsRequest, { entity });
      return groupNodes(groups, total, entity);
    }
    if (node.kind === 'event' || node.kind === 'more') return [];
    if (node.kind !== 'year') return this.events(node, node);
    const { groups, total } = await this.client.sendRequest(timelineGroupsRequest, { entity: node.entity, year: node.year });
    const nodes = groupNodes(groups, total, node.entity);
    const only = flattened(nodes);
    return only ? this.events(only, node) : nodes;
  }

  /** The loaded events of a group, as rows under `parent`; loads what is wanted and not loaded yet. */
  private async events(group: Exclude<GroupNode, { kind: 'year' }>, parent: GroupNode): Promise<TimelineNode[]> {
    const { entity } = group;
    const place = placeOf(group);
    const wanted = this.wanted.get(group.id) ?? timelinePageSize;
    const loaded = await loadEvents(this.loaded.get(group.id), wanted, (offset, limit) => this.client.sendRequest(timelineEventsRequest, { entity, place, offset, limit }));
    this.loaded.set(group.id, loaded);
    return eventNodes(group, loaded, wanted, parent);
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    switch (node.kind) {
      case 'year':
        return group(node, String(node.year), 'calendar');
      case 'month':
        return group(node, monthName(node.month), 'calendar');
      case 'no-month':
        return group(node, 'Without a month', 'calendar', `Dated to ${node.year} as a whole, or to a half, quarter, season or week of it`);
      case 'undated':
        return group(node, 'Undated', 'question', 'Unresolved dates (no year known) and durations');
      case 'event':
        return this.eventItem(node.entry);
      case 'more':
        return moreItem(node);
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

function group(node: GroupNode, label: string, icon: string, tooltip?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.description = counted(node.count, 'event', 'events');
  item.iconPath = new vscode.ThemeIcon(icon);
  item.contextValue = 'timelineGroup';
  item.id = node.id;
  if (tooltip) item.tooltip = tooltip;
  return item;
}

function moreItem(node: Extract<TimelineNode, { kind: 'more' }>): vscode.TreeItem {
  const item = new vscode.TreeItem('Show more…', vscode.TreeItemCollapsibleState.None);
  const next = Math.min(timelinePageSize, node.total - node.shown);
  item.description = `${node.shown.toLocaleString('en-US')} of ${counted(node.total, 'event', 'events')}`;
  item.tooltip = `Show the next ${counted(next, 'event', 'events')}`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'timelineMore';
  item.id = node.id;
  item.command = { title: 'Show More Events', command: showMoreCommand, arguments: [node] };
  return item;
}
