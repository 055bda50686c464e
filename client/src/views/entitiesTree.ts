import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ServerTreeProvider } from './serverTree';
import {
  entitiesChangedNotification,
  entitiesRequest,
  entityMentionsRequest,
  type EntityMention,
  type EntitySummary,
  type EntityTypeName,
} from '../../../server/src/protocol';

export const entitiesViewId = 'seedCorpus.entities';

/** A row of the Entities view: a type, an entity of that type, or one mention of it. */
export type EntityNode =
  | { kind: 'type'; type: EntityTypeName; entities: EntitySummary[] }
  | { kind: 'entity'; entity: EntitySummary }
  | { kind: 'mention'; entity: EntitySummary; mention: EntityMention };

const typeTitles: Record<EntityTypeName, string> = {
  organization: 'Organizations',
  person: 'People',
  product: 'Products',
  place: 'Places',
  publication: 'Publications',
  other: 'Other',
};

const typeIcons: Record<EntityTypeName, string> = {
  organization: 'symbol-class',
  person: 'person',
  product: 'package',
  place: 'globe',
  publication: 'book',
  other: 'symbol-constant',
};

/** Types → entities (with mention counts) → mentions, for the whole corpus; refreshed when the server says mentions changed. */
export class EntitiesTreeProvider extends ServerTreeProvider<EntityNode> {

  constructor(client: LanguageClient) {
    super(client, entitiesChangedNotification);
  }

  async getChildren(node?: EntityNode): Promise<EntityNode[]> {
    if (!node) {
      const { entities } = await this.client.sendRequest(entitiesRequest);
      const byType = new Map<EntityTypeName, EntitySummary[]>();
      for (const entity of entities) {
        const list = byType.get(entity.type);
        if (list) list.push(entity);
        else byType.set(entity.type, [entity]);
      }
      return [...byType.entries()].map(([type, list]) => ({ kind: 'type', type, entities: list }));
    }
    if (node.kind === 'type') return node.entities.map((entity) => ({ kind: 'entity', entity }));
    if (node.kind === 'entity') {
      const mentions = await this.client.sendRequest(entityMentionsRequest, { id: node.entity.id });
      return mentions.map((mention) => ({ kind: 'mention', entity: node.entity, mention }));
    }
    return [];
  }

  getTreeItem(node: EntityNode): vscode.TreeItem {
    if (node.kind === 'type') {
      const item = new vscode.TreeItem(typeTitles[node.type], vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.entities.length);
      item.iconPath = new vscode.ThemeIcon(typeIcons[node.type]);
      item.contextValue = 'entityType';
      item.id = `type:${node.type}`;
      return item;
    }
    if (node.kind === 'entity') {
      const { entity } = node;
      const item = new vscode.TreeItem(entity.name, entity.mentions > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = entity.mentions === 0 ? 'not mentioned' : `${entity.mentions} in ${entity.articles} ${entity.articles === 1 ? 'article' : 'articles'}`;
      item.tooltip = `${entity.name} (${entity.type}, ${entity.id})`;
      item.accessibilityInformation = { label: `${entity.name}, ${item.description}` };
      item.iconPath = new vscode.ThemeIcon(typeIcons[entity.type]);
      item.contextValue = 'entity';
      item.id = `entity:${entity.id}`;
      return item;
    }
    const { mention } = node;
    const uri = vscode.Uri.parse(mention.uri);
    const item = new vscode.TreeItem(mention.context, vscode.TreeItemCollapsibleState.None);
    item.description = `${vscode.workspace.asRelativePath(uri)}:${mention.range.start.line + 1}`;
    item.tooltip = new vscode.MarkdownString().appendText(`${mention.text} — ${vscode.workspace.asRelativePath(uri)}, line ${mention.range.start.line + 1}`);
    item.resourceUri = uri;
    item.iconPath = vscode.ThemeIcon.File;
    item.contextValue = 'entityMention';
    item.id = `mention:${mention.uri}:${mention.range.start.line}:${mention.range.start.character}`;
    item.command = { title: 'Open Mention', command: 'vscode.open', arguments: [uri, { selection: this.client.protocol2CodeConverter.asRange(mention.range) }] };
    return item;
  }
}
