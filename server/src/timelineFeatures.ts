/**
 * The timeline in the language server: every article's events, kept in step with its analysis, the knowledge
 * bases' dated relations, the `seedCorpus/timeline` request, and inlay hints after relative and partial dates.
 */
import { InlayHintKind, type CancellationToken, type Connection, type InlayHint } from 'vscode-languageserver';
import type { EntityCatalog } from './core/entities/catalog';
import { checkpoint, throwIfCancelled, tokenOf } from './lsp/cancellation';
import { compareEvents, describeTimex, relationEvents, timexParts, type RelationEvent, type TimelineEvent, type TimexMod } from './core/timeline';
import type { LocatedEvent } from './fileSummary';
import { timelineRequest, type TimelineEntry } from './protocol';

/** Sentences longer than this are cut for the row label (the tooltip has them whole). */
const labelLength = 80;
/** The timeline request lets waiting messages in, and looks for a cancellation, after this many articles. */
const checkpointEvery = 256;

type Located = { event: LocatedEvent | RelationEvent; file?: string };

/** The events in time order, as of one version of the index and one set of knowledge bases. */
interface Sorted {
  version: number;
  catalogs: readonly EntityCatalog[];
  located: Located[];
  /** The same, per entity named (in time order), made on first use: hovers and filtered requests read one entity's events. */
  byEntity?: Map<string, Located[]>;
  /** The whole timeline as the last unfiltered request got it, with the `uriOf` it was made with. */
  entries?: { uriOf: (file: string) => string; entries: TimelineEntry[] };
  /** Files updated in place since the timeline was last read. */
  updates: number;
}

/**
 * Changed files a sorted timeline takes in place (each in time linear in its size) before it is left to be sorted
 * again when next read: typing changes one file between two hovers, a corpus pass thousands.
 */
const updatesInPlace = 8;

export class TimelineIndex {
  private readonly byFile = new Map<string, LocatedEvent[]>();
  /** Counts changes: a sorted timeline of an older version is stale. */
  private version = 0;
  private sorted?: Sorted;

  /** Records an article's events; returns whether they changed. */
  set(file: string, events: LocatedEvent[]): boolean {
    const before = this.byFile.get(file) ?? [];
    const same = before.length === events.length && before.every((e, i) => e.value === events[i].value && e.span.start === events[i].span.start && e.entities.join() === events[i].entities.join());
    if (events.length === 0) this.byFile.delete(file);
    else this.byFile.set(file, events);
    // Unchanged values can still move (an edit above them shifts ranges), so every set replaces the file's events.
    this.replaceInSorted(file, before, events);
    return !same;
  }

  delete(file: string): boolean {
    this.replaceInSorted(file, this.byFile.get(file) ?? [], []);
    return this.byFile.delete(file);
  }

  /** Takes one file's change into the sorted timeline, if there is one and it is not due to be sorted again anyway. */
  private replaceInSorted(file: string, before: readonly LocatedEvent[], after: readonly LocatedEvent[]): void {
    const sorted = this.sorted;
    const upToDate = sorted?.version === this.version;
    this.version++;
    if (!sorted || !upToDate || sorted.updates >= updatesInPlace) return;
    const inserted = after.map((event): Located => ({ event, file }));
    for (const event of before) removeInOrder(sorted.located, event, file);
    for (const located of inserted) insertInOrder(sorted.located, located);
    if (sorted.byEntity) {
      for (const event of before) {
        for (const id of new Set(event.entities)) {
          const list = sorted.byEntity.get(id);
          if (list) removeInOrder(list, event, file);
          if (list?.length === 0) sorted.byEntity.delete(id);
        }
      }
      for (const located of inserted) {
        for (const id of new Set(located.event.entities)) {
          const list = sorted.byEntity.get(id);
          if (list) insertInOrder(list, located);
          else sorted.byEntity.set(id, [located]);
        }
      }
    }
    sorted.entries = undefined;
    sorted.updates++;
    sorted.version = this.version;
  }

  eventsIn(file: string): readonly LocatedEvent[] {
    return this.byFile.get(file) ?? [];
  }

  /** Every event of the corpus and the knowledge bases, in time order, optionally only those naming `entity`. */
  entries(catalogs: readonly EntityCatalog[], uriOf: (file: string) => string, entity?: string): TimelineEntry[] {
    return this.select(this.sortedNow(catalogs), catalogs, uriOf, entity);
  }

  /** `entries` for the timeline request: lets other messages in as it goes, and stops with RequestCancelled when the client cancels. */
  async entriesCancellable(token: CancellationToken, catalogs: readonly EntityCatalog[], uriOf: (file: string) => string, entity?: string): Promise<TimelineEntry[]> {
    await checkpoint(token);
    let sorted = this.current(catalogs);
    if (!sorted) {
      const version = this.version;
      const located: Located[] = [];
      let steps = 0;
      for (const _ of this.collect(located, catalogs)) if (++steps % checkpointEvery === 0) await checkpoint(token);
      throwIfCancelled(token);
      sorted = this.remember(version, catalogs, located);
    }
    return this.select(sorted, catalogs, uriOf, entity);
  }

  /** The sorted timeline, sorted again first if it is stale. */
  private sortedNow(catalogs: readonly EntityCatalog[]): Sorted {
    const sorted = this.current(catalogs);
    if (sorted) return sorted;
    const located: Located[] = [];
    for (const _ of this.collect(located, catalogs)) continue;
    return this.remember(this.version, catalogs, located);
  }

  /** The sorted timeline, if it is still that of the index and of these knowledge bases. */
  private current(catalogs: readonly EntityCatalog[]): Sorted | undefined {
    const sorted = this.sorted;
    const same = sorted && sorted.version === this.version && sorted.catalogs.length === catalogs.length && sorted.catalogs.every((c, i) => c === catalogs[i]);
    if (!same) return undefined;
    sorted.updates = 0;
    return sorted;
  }

  /** Sorts what was collected at `version`; keeps it unless the index changed meanwhile (the request yields). */
  private remember(version: number, catalogs: readonly EntityCatalog[], located: Located[]): Sorted {
    const sorted: Sorted = { version, catalogs, located: located.sort(compareLocated), updates: 0 };
    if (version === this.version) this.sorted = sorted;
    return sorted;
  }

  private select(sorted: Sorted, catalogs: readonly EntityCatalog[], uriOf: (file: string) => string, entity: string | undefined): TimelineEntry[] {
    const nameOf = (id: string) => catalogs.map((c) => c.knowledgeBase.byId.get(id)?.name).find((n) => n !== undefined) ?? id;
    const toEntries = (located: Located[]) => located.map(({ event, file }) => toEntry(event, nameOf, file ? uriOf(file) : undefined));
    if (entity) return toEntries(eventsNaming(sorted, entity));
    if (sorted.entries?.uriOf !== uriOf) sorted.entries = { uriOf, entries: toEntries(sorted.located) };
    return sorted.entries.entries;
  }

  /** Gathers the events into `located`, one step per article or knowledge base. */
  private *collect(located: Located[], catalogs: readonly EntityCatalog[]): Generator<void> {
    // A copy: an article re-indexed while the request yields must not be visited twice.
    for (const [file, events] of [...this.byFile]) {
      for (const event of events) located.push({ event, file });
      yield;
    }
    for (const catalog of catalogs) {
      for (const event of relationEvents(catalog.knowledgeBase.entities)) located.push({ event });
      yield;
    }
  }

  /**
   * The first `limit` dated events naming an entity, for its hover card (value and a short sentence), and how many
   * there are: straight from the sorted events, since a card needs neither their places nor their descriptions.
   */
  eventsOf(entity: string, catalogs: readonly EntityCatalog[], limit: number): { shown: Array<{ value: string; text: string }>; total: number } {
    const shown: Array<{ value: string; text: string }> = [];
    let total = 0;
    for (const { event } of eventsNaming(this.sortedNow(catalogs), entity)) {
      if (!isDated(event.value)) continue;
      if (++total <= limit) shown.push({ value: event.value, text: shorten(event.source === 'article' ? event.sentence.text : event.summary) });
    }
    return { shown, total };
  }
}

function eventsNaming(sorted: Sorted, entity: string): Located[] {
  if (!sorted.byEntity) {
    sorted.byEntity = new Map();
    for (const located of sorted.located) {
      for (const id of new Set(located.event.entities)) {
        const list = sorted.byEntity.get(id);
        if (list) list.push(located);
        else sorted.byEntity.set(id, [located]);
      }
    }
  }
  return sorted.byEntity.get(entity) ?? [];
}

const fileOrder = new Intl.Collator();

/** Time order; among equal dates, by file, then by place in the file. */
function compareLocated(a: Located, b: Located): number {
  return compareEvents(a.event, b.event) || fileOrder.compare(a.file ?? '', b.file ?? '') || spanStart(a.event) - spanStart(b.event);
}

/** The first index in the ordered list whose item comes after `located` (or equals it, with `orEqual`). */
function positionOf(list: readonly Located[], located: Located, orEqual: boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareLocated(list[middle], located);
    if (order < 0 || (order === 0 && !orEqual)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Removes a file's event from a list in time order, found by search among the events that sort equal to it. */
function removeInOrder(list: Located[], event: LocatedEvent, file: string): void {
  for (let i = positionOf(list, { event, file }, true); i < list.length && compareLocated(list[i], { event, file }) === 0; i++) {
    if (list[i].event === event) {
      list.splice(i, 1);
      return;
    }
  }
}

/** Inserts into a list in time order, after any equal ones (as a stable sort would place it). */
function insertInOrder(list: Located[], located: Located): void {
  list.splice(positionOf(list, located, false), 0, located);
}

function spanStart(event: TimelineEvent): number {
  return event.source === 'article' ? event.span.start : 0;
}

/** A resolved date with a year: what the timeline places in its years. */
function isDated(value: string): boolean {
  const parts = timexParts(value);
  return parts?.kind === 'date' && parts.resolved && parts.year !== undefined;
}

function toEntry(event: LocatedEvent | RelationEvent, nameOf: (id: string) => string, uri: string | undefined): TimelineEntry {
  const parts = timexParts(event.value);
  const calendar = parts?.kind === 'date' && isDated(event.value) ? { year: parts.year, month: parts.month } : {};
  const entities = event.entities.map((id) => ({ id, name: nameOf(id) }));
  if (event.source === 'knowledge-base') {
    return {
      value: event.value,
      source: 'knowledge-base',
      text: event.summary,
      sentence: event.summary,
      entities,
      resolution: event.sources.length > 0 ? `From the knowledge base, stated in ${event.sources.join(', ')}.` : 'From the knowledge base.',
      description: describeTimex(event.value),
      ...calendar,
    };
  }
  return {
    value: event.value,
    mod: event.mod,
    source: 'article',
    text: event.text,
    sentence: event.sentence.text,
    uri,
    range: event.range,
    entities,
    anchor: event.anchor,
    resolution: event.resolution,
    description: describeTimex(event.value, event.mod as TimexMod | undefined),
    ...calendar,
  };
}

export function shorten(sentence: string): string {
  const text = sentence.replace(/\s+/g, ' ').trim();
  return text.length <= labelLength ? text : `${text.slice(0, labelLength - 1).trimEnd()}…`;
}

/** "⟨2022-07⟩" after each expression whose value the text does not spell out (relative or partial), not after durations. */
export function timelineInlayHints(events: readonly LocatedEvent[]): InlayHint[] {
  return events
    .filter((e) => e.anchor !== 'absolute' && e.type !== 'DURATION')
    .map((e) => ({
      position: e.range.end,
      label: `⟨${e.value}${e.mod ? ` ${e.mod}` : ''}⟩`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: `${describeTimex(e.value, e.mod as TimexMod | undefined)}: ${e.resolution}`,
    }));
}

export interface TimelineHost {
  connection: Connection;
  timeline: TimelineIndex;
  catalogs(): EntityCatalog[];
  uriOf(file: string): string;
}

export function registerTimelineRequest({ connection, timeline, catalogs, uriOf }: TimelineHost): void {
  connection.onRequest(timelineRequest, async (params, ...rest: unknown[]) => ({ entries: await timeline.entriesCancellable(tokenOf(rest), catalogs(), uriOf, params?.entity) }));
}
