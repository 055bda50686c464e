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

/**
 * One file's mentions of one entity, in the lists of both. A deleted entry is marked gone (a count of 0) and left in
 * its entity's list until gone ones outnumber the others: with a Map per entity (file → count), indexing the 168,000
 * entries of the 10k bench corpus took 240-280 ms, with arrays 125-200 ms.
 */
interface Entry {
  file: string;
  entity: EntityFiles;
  /** The file's mentions of the entity; 0 once the entry is gone. */
  count: number;
}

/** The files that mention an entity. */
interface EntityFiles {
  id: string;
  /** Live and gone entries, in the order they came. */
  entries: Entry[];
  /** The live entries' number, and their mentions. */
  articles: number;
  mentions: number;
  /** The files in path order, kept until one comes or goes (sorting 10,000 paths took 7 ms of each request). */
  sorted?: string[];
  /** When a file that mentions the entity last changed (see `stamp`). */
  changed: number;
}

export class MentionIndex {
  /** Files with mentions: their summary and their entries. */
  private readonly byFile = new Map<string, { summary: FileSummary; entries: Entry[] }>();
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
    const same = before ? sameMentions(before.summary, summary) : counts.length === 0;
    const changed = ++this.changes;
    // An entity the file still mentions keeps its entry (and its entity's sorted files): re-indexing an open document
    // at each pause in typing would otherwise sort the files of every entity it names again.
    const kept = before && new Map(before.entries.map((entry) => [entry.entity.id, entry]));
    const entries: Entry[] = [];
    for (const [entityId, count] of counts) {
      const entry = kept?.get(entityId);
      if (entry) {
        kept!.delete(entityId);
        entry.entity.mentions += count - entry.count;
        entry.count = count;
        entry.entity.changed = changed;
        entries.push(entry);
      } else entries.push(this.add(file, entityId, count, changed));
    }
    for (const entry of kept?.values() ?? []) this.remove(entry, changed);
    if (entries.length > 0) this.byFile.set(file, { summary, entries });
    else this.byFile.delete(file);
    return !same;
  }

  delete(file: string): boolean {
    const found = this.byFile.get(file);
    if (!found) return false;
    const changed = ++this.changes;
    for (const entry of found.entries) this.remove(entry, changed);
    this.byFile.delete(file);
    return true;
  }

  private add(file: string, entityId: string, count: number, changed: number): Entry {
    let entity = this.byEntity.get(entityId);
    if (!entity) this.byEntity.set(entityId, (entity = { id: entityId, entries: [], articles: 0, mentions: 0, changed }));
    const entry: Entry = { file, entity, count };
    entity.entries.push(entry);
    entity.articles++;
    entity.mentions += count;
    entity.sorted = undefined;
    entity.changed = changed;
    return entry;
  }

  private remove(entry: Entry, changed: number): void {
    const { entity } = entry;
    entity.articles--;
    entity.mentions -= entry.count;
    entry.count = 0;
    entity.sorted = undefined;
    entity.changed = changed;
    if (entity.articles === 0) this.byEntity.delete(entity.id);
    else if (entity.entries.length > 2 * entity.articles) entity.entries = entity.entries.filter((e) => e.count > 0);
  }

  inFile(file: string): readonly IndexedMention[] {
    this.beforeRead();
    return this.byFile.get(file)?.summary.mentions ?? [];
  }

  /** Mentions of one entity, by file (files in path order, by code unit: `localeCompare` was a tenth of a request for 30,000 references). */
  mentionsOf(entityId: string): FileMentions[] {
    this.beforeRead();
    const entity = this.byEntity.get(entityId);
    if (!entity) return [];
    entity.sorted ??= entity.entries.flatMap((entry) => (entry.count > 0 ? [entry.file] : [])).sort();
    return entity.sorted.map((file) => ({ file, mentions: mentionsIn(this.byFile.get(file)!.summary, entityId) }));
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
    const entity = this.byEntity.get(entityId);
    return { mentions: entity?.mentions ?? 0, articles: entity?.articles ?? 0 };
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
