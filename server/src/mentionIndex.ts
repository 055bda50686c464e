/**
 * Where each entity is mentioned across the corpus, kept in step with every analysis, so hovers, references
 * and the Entities view answer from an index instead of scanning every article.
 */
import type { IndexedMention } from './fileSummary';

export interface FileMentions {
  file: string;
  mentions: IndexedMention[];
}

export class MentionIndex {
  private readonly byFile = new Map<string, IndexedMention[]>();
  private readonly byEntity = new Map<string, Map<string, IndexedMention[]>>();

  /** Records a file's mentions; returns whether they differ from what was recorded (entity or place). */
  set(file: string, mentions: IndexedMention[]): boolean {
    const before = this.byFile.get(file) ?? [];
    const same = before.length === mentions.length && before.every((m, i) => m.entityId === mentions[i].entityId && m.span.start === mentions[i].span.start && m.span.end === mentions[i].span.end);
    this.delete(file);
    if (mentions.length === 0) return !same;
    this.byFile.set(file, mentions);
    for (const mention of mentions) {
      let files = this.byEntity.get(mention.entityId);
      if (!files) this.byEntity.set(mention.entityId, (files = new Map()));
      const list = files.get(file);
      if (list) list.push(mention);
      else files.set(file, [mention]);
    }
    return !same;
  }

  delete(file: string): boolean {
    const had = this.byFile.has(file);
    for (const mention of this.byFile.get(file) ?? []) {
      const files = this.byEntity.get(mention.entityId);
      files?.delete(file);
      if (files?.size === 0) this.byEntity.delete(mention.entityId);
    }
    this.byFile.delete(file);
    return had;
  }

  inFile(file: string): readonly IndexedMention[] {
    return this.byFile.get(file) ?? [];
  }

  /** Mentions of one entity, by file (files in path order). */
  mentionsOf(entityId: string): FileMentions[] {
    const files = this.byEntity.get(entityId);
    if (!files) return [];
    return [...files.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([file, mentions]) => ({ file, mentions }));
  }

  counts(entityId: string): { mentions: number; articles: number } {
    const files = this.byEntity.get(entityId);
    let mentions = 0;
    for (const list of files?.values() ?? []) mentions += list.length;
    return { mentions, articles: files?.size ?? 0 };
  }
}
