/**
 * Where each entity is mentioned across the corpus, kept in step with every analysis, so hovers, references
 * and the Entities view answer from an index instead of scanning every article.
 *
 * It keeps each file's summary (the same object the server keeps anyway) and, per entity, how many mentions each
 * file has: a compact summary gives one entity's mentions from its block when asked (see fileSummary.ts).
 */
import { CompactSummary, type FileSummary, type IndexedMention } from './fileSummary';

export interface FileMentions {
  file: string;
  mentions: IndexedMention[];
}

/** The files that mention an entity. */
interface EntityFiles {
  /** File → its number of mentions of the entity. */
  counts: Map<string, number>;
  /** The files in path order, kept until one comes or goes (sorting 10,000 paths took 7 ms of each request). */
  sorted?: string[];
  /** When a file that mentions the entity last changed (see `stamp`). */
  changed: number;
}

export class MentionIndex {
  /** Files with mentions: their summary. */
  private readonly byFile = new Map<string, FileSummary>();
  private readonly byEntity = new Map<string, EntityFiles>();
  /** Counts changes, so an entity's stamp is never given twice (not even after all its mentions went and came back). */
  private changes = 0;

  /** `beforeRead`: brings in changes held back (the server indexes an open document once its edits pause). */
  constructor(private readonly beforeRead: () => void = () => undefined) {}

  /** Records a file's mentions; returns whether they differ from what was recorded (entity or place). */
  set(file: string, summary: FileSummary): boolean {
    const before = this.byFile.get(file);
    const counts = entityCounts(summary);
    // A file seen for the first time changes the index only if it has mentions (known from the counts: reading a
    // compact summary's mentions makes an object each, a third of a warm start's pass).
    const same = before ? sameMentions(before, summary) : counts.length === 0;
    this.delete(file);
    if (counts.length === 0) return !same;
    this.byFile.set(file, summary);
    const changed = ++this.changes;
    for (const [entityId, count] of counts) {
      const files = this.byEntity.get(entityId);
      if (!files) this.byEntity.set(entityId, { counts: new Map([[file, count]]), changed });
      else {
        if (files.counts.size !== files.counts.set(file, count).size) files.sorted = undefined;
        files.changed = changed;
      }
    }
    return !same;
  }

  delete(file: string): boolean {
    const summary = this.byFile.get(file);
    if (!summary) return false;
    const changed = ++this.changes;
    for (const [entityId] of entityCounts(summary)) {
      const files = this.byEntity.get(entityId);
      if (!files?.counts.delete(file)) continue;
      if (files.counts.size === 0) this.byEntity.delete(entityId);
      files.sorted = undefined;
      files.changed = changed;
    }
    this.byFile.delete(file);
    return true;
  }

  inFile(file: string): readonly IndexedMention[] {
    this.beforeRead();
    return this.byFile.get(file)?.mentions ?? [];
  }

  /** Mentions of one entity, by file (files in path order, by code unit: `localeCompare` was a tenth of a request for 30,000 references). */
  mentionsOf(entityId: string): FileMentions[] {
    this.beforeRead();
    const files = this.byEntity.get(entityId);
    if (!files) return [];
    files.sorted ??= [...files.counts.keys()].sort();
    return files.sorted.map((file) => ({ file, mentions: mentionsIn(this.byFile.get(file)!, entityId) }));
  }

  /**
   * A number that changes whenever the entity's mentions may have (a file that mentions it, or did, was set again or
   * deleted): what is computed from `mentionsOf` holds while it stays the same. 0 while no file mentions it.
   */
  stamp(entityId: string): number {
    this.beforeRead();
    return this.byEntity.get(entityId)?.changed ?? 0;
  }

  counts(entityId: string): { mentions: number; articles: number } {
    this.beforeRead();
    const files = this.byEntity.get(entityId);
    let mentions = 0;
    for (const count of files?.counts.values() ?? []) mentions += count;
    return { mentions, articles: files?.counts.size ?? 0 };
  }
}

/** Each entity a summary mentions, with its number of mentions. */
function entityCounts(summary: FileSummary): Array<[string, number]> {
  if (summary instanceof CompactSummary) return summary.entityCounts();
  const counts = new Map<string, number>();
  for (const { entityId } of summary.mentions) counts.set(entityId, (counts.get(entityId) ?? 0) + 1);
  return [...counts];
}

function sameMentions(a: FileSummary, b: FileSummary): boolean {
  if (a instanceof CompactSummary && b instanceof CompactSummary) return a.sameMentions(b);
  const before = a.mentions;
  const after = b.mentions;
  return before.length === after.length && before.every((m, i) => m.entityId === after[i].entityId && m.span.start === after[i].span.start && m.span.end === after[i].span.end);
}

function mentionsIn(summary: FileSummary, entityId: string): IndexedMention[] {
  return summary instanceof CompactSummary ? summary.mentionsOf(entityId) : summary.mentions.filter((m) => m.entityId === entityId);
}
