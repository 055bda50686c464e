/**
 * The timeline in the language server: every article's events, kept in step with its analysis, the knowledge
 * bases' dated relations, the Corpus Timeline's paged requests, and inlay hints after relative and partial dates.
 */
import { ErrorCodes, InlayHintKind, ResponseError, type CancellationToken, type Connection, type InlayHint } from 'vscode-languageserver';
import type { EntityCatalog } from './core/entities/catalog';
import { checkpoint, tokenOf } from './lsp/cancellation';
import type { HoverEvents } from './lsp/entityHover';
import { compareEventOrder, compareEvents, describeTimex, eventOrder, relationEvents, timexParts, type EventOrder, type RelationEvent, type TimelineEvent, type TimexMod } from './core/timeline';
import { LruCache } from './core/lru';
import type { LocatedEvent } from './fileSummary';
import {
  timelineEventsRequest,
  timelineGroupsRequest,
  timelineMaxPage,
  timelinePageSize,
  type TimelineEntry,
  type TimelineEventsParams,
  type TimelineEventsResult,
  type TimelineGroup,
  type TimelineGroupsParams,
  type TimelineGroupsResult,
  type TimelinePlace,
} from './protocol';

/** Sentences longer than this are cut for the row label (the tooltip has them whole). */
const labelLength = 80;

type Located = { event: LocatedEvent | RelationEvent; file?: string };

/** The events at one place of the timeline (a month, a year's events without a month, Undated), in time order. */
interface Place {
  year?: number;
  month?: number;
  located: Located[];
}

/**
 * Events in time order (the whole timeline, or one entity's), and the same split by place, made on the first
 * group or page request and then kept in step: a group request counts places, a page slices one.
 */
class Scope {
  private places?: Map<number, Place>;

  constructor(private sorted: Located[] = []) {}

  get located(): readonly Located[] {
    return this.sorted;
  }

  /** Takes one file's change (`gone` out, `added` in, `added` in time order) in one pass over each list it touches. */
  replace(gone: ReadonlySet<Located['event']>, added: readonly Located[]): void {
    this.sorted = replaceInOrder(this.sorted, gone, added);
    if (!this.places) return;
    const addedByPlace = new Map<number, Located[]>();
    for (const event of gone) addedByPlace.set(placeKey(event.value), []);
    for (const located of added) addTo(addedByPlace, placeKey(located.event.value), located);
    for (const [key, list] of addedByPlace) {
      const place = this.places.get(key);
      if (!place) {
        if (list.length > 0) this.places.set(key, newPlace(key, list));
        continue;
      }
      place.located = replaceInOrder(place.located, gone, list);
      if (place.located.length === 0) this.places.delete(key);
    }
  }

  placesNow(): Map<number, Place> {
    if (!this.places) {
      this.places = new Map();
      for (const located of this.located) {
        const key = placeKey(located.event.value);
        const place = this.places.get(key);
        if (place) place.located.push(located);
        else this.places.set(key, newPlace(key, [located]));
      }
    }
    return this.places;
  }
}

/** Undated events' place key; a dated event's is `year * 16 + month`, month 0 for none. */
const undatedKey = -1;

function placeKey(value: string): number {
  return placeKeys.getOrCompute(value, () => {
    const parts = timexParts(value);
    if (parts?.kind !== 'date' || !parts.resolved || parts.year === undefined) return undatedKey;
    return parts.year * 16 + (parts.month ?? 0);
  });
}

/**
 * The places of recent values: the timeline's some 137,000 events at 10k articles have a few thousand values, and
 * reading each event's value anew was most of splitting the sorted timeline per entity (390 of 470 ms).
 */
const placeKeys = new LruCache<string, number>(20_000);

function keyOfPlace(place: TimelinePlace): number {
  return place.year === undefined ? undatedKey : place.year * 16 + (place.month ?? 0);
}

function newPlace(key: number, located: Located[]): Place {
  return key === undatedKey ? { located } : { year: Math.floor(key / 16), month: key % 16 || undefined, located };
}

/** The events in time order, as of one version of the index and one set of knowledge bases. */
interface Sorted {
  version: number;
  /** Told to clients: changes with every change of the events, whether sorted anew or updated in place. */
  stamp: number;
  catalogs: readonly EntityCatalog[];
  all: Scope;
  /** The same, per entity named (in time order), made on first use: filtered requests read one entity's events. */
  byEntity?: Map<string, Scope>;
  /** Files updated in place since the timeline was last read. */
  updates: number;
  /** Each article's entries (the objects the lists above share), in the order of its events. */
  byFile: Map<string, Located[]>;
  /** What the sort read of each event, for the split per entity; dropped by a change in place, or once split. */
  readBySort?: ReadBySort;
}

/** The events' entities, in the order of `all` as sorted (at stamp `stamp`). */
interface ReadBySort {
  stamp: number;
  entities: ReadonlyArray<readonly string[]>;
}

/**
 * Changed files a sorted timeline takes in place (each in one pass over the lists it touches, a few milliseconds at
 * 10k articles) before it is left to be sorted again when next read (a second or two): typing indexes the edited
 * article at each pause, some 64 times in a minute of typing between two timeline requests; a corpus pass changes
 * thousands.
 */
const updatesInPlace = 64;

/** One entity's article events and their files (side by side, in the order they came), as articles are indexed. */
interface EventsNaming {
  events: LocatedEvent[];
  files: string[];
  /** Changes with every change of these events (a card chosen before is stale). */
  stamp: number;
}

/** Hover cards chosen, kept until their entity's events or the knowledge bases change. */
const cardsKept = 2000;

export class TimelineIndex {
  private readonly byFile = new Map<string, LocatedEvent[]>();
  /**
   * Per entity, the article events naming it: a hover card chooses its events from these, with no sorted timeline.
   * Sorting the whole timeline for the first card after a pass (half a second at 10k articles) brought on a major
   * collection that held up the cards after it (docs/performance.md, "Since `8c7d100`").
   */
  private readonly naming = new Map<string, EventsNaming>();
  private namingStamps = 0;
  private readonly cards = new LruCache<string, { stamp: number; catalogs: readonly EntityCatalog[]; limit: number; card: HoverEvents }>(cardsKept);
  /** Counts changes: a sorted timeline of an older version is stale. */
  private version = 0;
  /** Counts sorted timelines made and updated in place. */
  private stamps = 0;
  private sorted?: Sorted;

  /** `beforeRead`: brings in changes held back (the server indexes an open document once its edits pause). */
  constructor(private readonly beforeRead: () => void = () => undefined) {}

  /** Records an article's events; returns whether they changed. */
  set(file: string, events: LocatedEvent[]): boolean {
    const before = this.byFile.get(file) ?? [];
    const same = before.length === events.length && before.every((e, i) => e.value === events[i].value && e.span.start === events[i].span.start && e.entities.join() === events[i].entities.join());
    if (events.length === 0) this.byFile.delete(file);
    else this.byFile.set(file, events);
    // Unchanged values can still move (an edit above them shifts ranges), so every set replaces the file's events.
    this.replaceInSorted(file, before, events);
    this.replaceNaming(file, before, events);
    return !same;
  }

  delete(file: string): boolean {
    const before = this.byFile.get(file) ?? [];
    this.replaceInSorted(file, before, []);
    this.replaceNaming(file, before, []);
    return this.byFile.delete(file);
  }

  /** Takes one file's change into the events of each entity its events name, before or after. */
  private replaceNaming(file: string, before: readonly LocatedEvent[], after: readonly LocatedEvent[]): void {
    const stamp = ++this.namingStamps;
    const gone = new Set<string>();
    for (const event of before) for (const id of event.entities) gone.add(id);
    for (const id of gone) {
      const naming = this.naming.get(id);
      if (!naming) continue;
      // In place, keeping the order of the rest: a typed article's entities each lose and regain its events at every
      // pause in typing.
      let kept = 0;
      for (let i = 0; i < naming.files.length; i++) {
        if (naming.files[i] === file) continue;
        naming.events[kept] = naming.events[i];
        naming.files[kept++] = naming.files[i];
      }
      naming.events.length = naming.files.length = kept;
      naming.stamp = stamp;
      if (kept === 0) this.naming.delete(id);
    }
    for (const event of after) {
      for (const id of distinct(event.entities)) {
        let naming = this.naming.get(id);
        if (!naming) this.naming.set(id, (naming = { events: [], files: [], stamp }));
        naming.events.push(event);
        naming.files.push(file);
        naming.stamp = stamp;
      }
    }
  }

  /** Takes one file's change into the sorted timeline, if there is one and it is not due to be sorted again anyway. */
  private replaceInSorted(file: string, before: readonly LocatedEvent[], after: readonly LocatedEvent[]): void {
    const sorted = this.sorted;
    const upToDate = sorted?.version === this.version;
    this.version++;
    if (!sorted || !upToDate || sorted.updates >= updatesInPlace) return;
    sorted.updates++;
    sorted.version = this.version;
    sorted.stamp = ++this.stamps;
    sorted.readBySort = undefined;
    const entries = sorted.byFile.get(file) ?? [];
    if (movedOnly(before, after, entries)) {
      // A keystroke mostly moves the article's events without changing their dates: every list keeps its order.
      after.forEach((event, i) => (entries[i].event = event));
      return;
    }
    const inserted = after.map((event): Located => ({ event, file }));
    if (inserted.length > 0) sorted.byFile.set(file, inserted);
    else sorted.byFile.delete(file);
    // Event by event, a 100 KB article's 400 events took a quarter of a second per change at 10k articles: each a
    // search and a splice of the whole timeline. Merged in, a change costs one pass over each list it touches.
    const gone = new Set<Located['event']>(before);
    const added = [...inserted].sort(compareLocated);
    sorted.all.replace(gone, added);
    if (sorted.byEntity) {
      const addedByEntity = new Map<string, Located[]>();
      for (const event of before) for (const id of event.entities) addedByEntity.set(id, []);
      for (const located of added) for (const id of distinct(located.event.entities)) addTo(addedByEntity, id, located);
      for (const [id, list] of addedByEntity) {
        const scope = sorted.byEntity.get(id);
        if (!scope) {
          if (list.length > 0) sorted.byEntity.set(id, new Scope(list));
          continue;
        }
        scope.replace(gone, list);
        if (scope.located.length === 0) sorted.byEntity.delete(id);
      }
    }
  }

  eventsIn(file: string): readonly LocatedEvent[] {
    this.beforeRead();
    return this.byFile.get(file) ?? [];
  }

  /**
   * The timeline's years and Undated, or one year's groups (its events without a month, then its months), with
   * their counts; of the whole corpus and the knowledge bases, or only the events naming `entity`.
   */
  async groups(token: CancellationToken, catalogs: readonly EntityCatalog[], { entity, year }: TimelineGroupsParams): Promise<TimelineGroupsResult> {
    const sorted = await this.sortedCancellable(token, catalogs);
    const places = scopeOf(sorted, entity).placesNow();
    const groups: TimelineGroup[] = [];
    let total = 0;
    if (year === undefined) {
      const years = new Map<number, number>();
      let undated = 0;
      for (const place of places.values()) {
        if (place.year === undefined) undated += place.located.length;
        else years.set(place.year, (years.get(place.year) ?? 0) + place.located.length);
      }
      for (const [y, count] of [...years].sort((a, b) => a[0] - b[0])) groups.push({ kind: 'year', year: y, count });
      if (undated > 0) groups.push({ kind: 'undated', count: undated });
    } else {
      const inYear = [...places.values()].filter((p) => p.year === year).sort((a, b) => (a.month ?? 0) - (b.month ?? 0));
      for (const { month, located } of inYear) groups.push(month === undefined ? { kind: 'no-month', year, count: located.length } : { kind: 'month', year, month, count: located.length });
    }
    for (const group of groups) total += group.count;
    return { groups, total, version: sorted.stamp };
  }

  /** A page of the events at one place of the timeline, in time order. */
  async page(token: CancellationToken, catalogs: readonly EntityCatalog[], uriOf: (file: string) => string, { entity, place, offset, limit }: { entity?: string; place: TimelinePlace; offset: number; limit: number }): Promise<TimelineEventsResult> {
    const sorted = await this.sortedCancellable(token, catalogs);
    const located = scopeOf(sorted, entity).placesNow().get(keyOfPlace(place))?.located ?? [];
    const nameOf = (id: string) => catalogs.map((c) => c.knowledgeBase.byId.get(id)?.name).find((n) => n !== undefined) ?? id;
    const entries = located.slice(offset, offset + limit).map(({ event, file }) => toEntry(event, nameOf, file ? uriOf(file) : undefined));
    return { entries, offset, total: located.length, version: sorted.stamp };
  }

  /** The sorted timeline for a request: lets other messages in as it sorts, and stops with RequestCancelled when the client cancels. */
  private async sortedCancellable(token: CancellationToken, catalogs: readonly EntityCatalog[]): Promise<Sorted> {
    await checkpoint(token);
    return inSlices(this.sortSteps(catalogs), () => checkpoint(token));
  }

  /** The sorted timeline, if it is still that of the index and of these knowledge bases. */
  private current(catalogs: readonly EntityCatalog[]): Sorted | undefined {
    this.beforeRead();
    const sorted = this.sorted;
    const same = sorted && sorted.version === this.version && sameCatalogs(sorted.catalogs, catalogs);
    if (!same) return undefined;
    sorted.updates = 0;
    return sorted;
  }

  /**
   * The sorted timeline, current or collected and sorted anew, in steps (see `inSlices`). What was sorted is kept
   * unless the index changed meanwhile.
   */
  private *sortSteps(catalogs: readonly EntityCatalog[]): Generator<void, Sorted> {
    const current = this.current(catalogs);
    if (current) return current;
    const version = this.version;
    const located = yield* this.collect(catalogs);
    const byFile = new Map<string, Located[]>();
    for (let i = 0; i < located.length; i++) {
      const entry = located[i];
      if (entry.file !== undefined) addTo(byFile, entry.file, entry);
      if (i % sortStep === sortStep - 1) yield;
    }
    const inOrder = yield* inTimeOrder(located);
    const stamp = ++this.stamps;
    const sorted: Sorted = { version, stamp, catalogs, all: new Scope(inOrder.located), updates: 0, byFile, readBySort: { stamp, entities: inOrder.entities } };
    if (version === this.version) this.sorted = sorted;
    return sorted;
  }

  /**
   * Gathers the events, one step per article or knowledge base, into a list made to its size: one grown by `push`
   * leaves each of its earlier copies behind (1.4 million events at 100k articles).
   */
  private *collect(catalogs: readonly EntityCatalog[]): Generator<void, Located[]> {
    // A copy: an article re-indexed while the request yields must not be visited twice.
    const files = [...this.byFile];
    const relations: RelationEvent[] = [];
    for (const catalog of catalogs) {
      for (const event of relationEventsOf(catalog)) relations.push(event);
      yield;
    }
    const located = new Array<Located>(files.reduce((count, [, events]) => count + events.length, 0) + relations.length);
    let at = 0;
    for (const [file, events] of files) {
      for (const event of events) located[at++] = { event, file };
      yield;
    }
    for (const event of relations) located[at++] = { event };
    return located;
  }

  /**
   * Sorts the timeline and splits it per entity ahead of need (the server does once a pass is over): at 10k articles
   * that took the Corpus Timeline's first request about a second. It works in slices, awaiting `pause` between
   * them, so that a keystroke meanwhile waits for one slice, not for the whole.
   */
  async prime(catalogs: readonly EntityCatalog[], pause: () => Promise<void>, sliceMs = defaultSliceMs): Promise<void> {
    // A timeline request that came in meanwhile sorted it or split it: the priming stops there rather than do it a
    // second time, in slices that hold up every request after.
    const sorted = await inSlices(this.sortSteps(catalogs), pause, sliceMs, () => this.current(catalogs));
    await inSlices(entityScopeSteps(sorted), pause, sliceMs, () => sorted.byEntity);
  }

  /**
   * The first `limit` dated events naming an entity in time order (as the sorted timeline has them), for its hover
   * card, and how many there are; chosen from the entity's own events, and kept until they change.
   */
  eventsOf(entity: string, catalogs: readonly EntityCatalog[], limit: number): HoverEvents {
    this.beforeRead();
    const naming = this.naming.get(entity);
    const stamp = naming?.stamp ?? 0;
    const kept = this.cards.get(entity);
    if (kept && kept.stamp === stamp && kept.limit === limit && sameCatalogs(kept.catalogs, catalogs)) return kept.card;
    const card = firstDated(naming, catalogs.flatMap((catalog) => relationsNaming(catalog).get(entity) ?? []), limit);
    this.cards.set(entity, { stamp, catalogs, limit, card });
    return card;
  }
}

function sameCatalogs(a: readonly EntityCatalog[], b: readonly EntityCatalog[]): boolean {
  return a.length === b.length && a.every((catalog, i) => catalog === b[i]);
}

/**
 * The first `limit` dated events of an entity by `compareLocated`, and how many are dated, in one pass: an event of a
 * year after the last one chosen is passed over on its year alone (most of a popular entity's thousands).
 */
function firstDated(naming: EventsNaming | undefined, relations: readonly RelationEvent[], limit: number): HoverEvents {
  const chosen: Located[] = [];
  let total = 0;
  let lastYear = Number.POSITIVE_INFINITY;
  const consider = (event: Located['event'], file: string | undefined) => {
    const key = placeKey(event.value);
    if (key === undatedKey) return;
    total++;
    if (limit <= 0 || (chosen.length === limit && Math.floor(key / 16) > lastYear)) return;
    const located = { event, file };
    if (chosen.length === limit && compareLocated(located, chosen[limit - 1]) >= 0) return;
    if (chosen.length === limit) chosen.pop();
    // After the ones it ties with, as a stable sort leaves them.
    let at = chosen.length;
    while (at > 0 && compareLocated(located, chosen[at - 1]) < 0) at--;
    chosen.splice(at, 0, located);
    if (chosen.length === limit) lastYear = Math.floor(placeKey(chosen[limit - 1].event.value) / 16);
  };
  if (naming) for (let i = 0; i < naming.events.length; i++) consider(naming.events[i], naming.files[i]);
  for (const event of relations) consider(event, undefined);
  const shown = chosen.map(({ event }) => ({ value: event.value, text: shorten(event.source === 'article' ? event.sentence.text : event.summary) }));
  return { shown, total };
}

const relationsByEntity = new WeakMap<EntityCatalog, Map<string, RelationEvent[]>>();

/** A knowledge base's dated relations per entity they name, made once per catalog. */
function relationsNaming(catalog: EntityCatalog): Map<string, RelationEvent[]> {
  let byEntity = relationsByEntity.get(catalog);
  if (!byEntity) {
    byEntity = new Map();
    for (const event of relationEventsOf(catalog)) for (const id of distinct(event.entities)) addTo(byEntity, id, event);
    relationsByEntity.set(catalog, byEntity);
  }
  return byEntity;
}

const noEvents = new Scope();

/** The whole timeline, or the events naming one entity. */
function scopeOf(sorted: Sorted, entity: string | undefined): Scope {
  return entity === undefined ? sorted.all : (entityScopes(sorted).get(entity) ?? noEvents);
}

/** The events of each entity, split from the sorted timeline on first use. */
function entityScopes(sorted: Sorted): Map<string, Scope> {
  return atOnce(entityScopeSteps(sorted));
}

function* entityScopeSteps(sorted: Sorted): Generator<void, Map<string, Scope>> {
  if (!sorted.byEntity) {
    const lists = new Map<string, Located[]>();
    const stamp = sorted.stamp;
    const all = sorted.all.located;
    // Read from what the sort read, when nothing changed since: the events' fields are read from 10,000 summary
    // blocks, and reading them again was most of the split (300 of 390 ms at once).
    const read = sorted.readBySort?.stamp === stamp ? sorted.readBySort : undefined;
    sorted.readBySort = undefined;
    for (let i = 0; i < all.length; i++) {
      const located = all[i];
      for (const id of distinct(read ? read.entities[i] : located.event.entities)) addTo(lists, id, located);
      yield;
    }
    const split = new Map<string, Scope>();
    for (const [id, list] of lists) {
      split.set(id, new Scope(list));
      if (split.size % sortStep === 0) yield;
    }
    // Kept unless a change came in between the steps (then the lists are stale: a request splits them again, at
    // once), or a request split them meanwhile.
    if (sorted.stamp === stamp) sorted.byEntity ??= split;
    return sorted.byEntity ?? split;
  }
  return sorted.byEntity;
}

/** How long a slice of work runs before `inSlices` lets other messages in. */
const defaultSliceMs = 4;

/** Runs the steps to the end at once. */
function atOnce<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Runs the steps, awaiting `pause` whenever a slice has run `sliceMs`; stops with what `doneMeanwhile` gives after a pause. */
export async function inSlices<T>(steps: Generator<void, T>, pause: () => Promise<void>, sliceMs = defaultSliceMs, doneMeanwhile?: () => T | undefined): Promise<T> {
  let sliceStart = performance.now();
  let step = steps.next();
  while (!step.done) {
    if (performance.now() - sliceStart >= sliceMs) {
      await pause();
      const done = doneMeanwhile?.();
      if (done !== undefined) return done;
      sliceStart = performance.now();
    }
    step = steps.next();
  }
  return step.value;
}

const relationsByCatalog = new WeakMap<EntityCatalog, readonly RelationEvent[]>();

/** A knowledge base's dated relations, read once per catalog (a new knowledge base comes as a new catalog). */
function relationEventsOf(catalog: EntityCatalog): readonly RelationEvent[] {
  let relations = relationsByCatalog.get(catalog);
  if (!relations) relationsByCatalog.set(catalog, (relations = relationEvents(catalog.knowledgeBase.entities)));
  return relations;
}

/** Appends `item` to the list of `key`, made on first use. */
function addTo<K, T>(lists: Map<K, T[]>, key: K, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}

/** Each id once: an article's event lists each entity once already, so this rarely copies (a Set per event did, for all 137,000). */
function distinct(ids: readonly string[]): readonly string[] {
  return ids.every((id, i) => ids.indexOf(id) === i) ? ids : [...new Set(ids)];
}

const fileOrder = new Intl.Collator();

/** Time order; among equal dates, by file, then by place in the file. */
function compareLocated(a: Located, b: Located): number {
  return compareEvents(a.event, b.event) || fileOrder.compare(a.file ?? '', b.file ?? '') || spanStart(a.event) - spanStart(b.event);
}

/**
 * `located` sorted by `compareLocated`, in the same order, faster: each distinct date (value, modifier, kind of
 * event) and each file is ranked once, then the events sort by those ranks and their place in the file. Sorting
 * 137,000 events with `compareLocated` itself compared dates and file paths some two million times each (seconds).
 */
function* inTimeOrder(located: Located[]): Generator<void, { located: Located[]; entities: Array<readonly string[]> }> {
  // Per value, its variants: an article's modifier, or a relation's edge (what else `compareEvents` reads).
  const dates = new Map<string, DateRank[]>();
  const files = new Map<string, number>();
  const dateOf = new Array<DateRank>(located.length);
  // Each event's fields are read once, here: from a summary block, each read is a walk through memory.
  const starts = new Float64Array(located.length);
  const entities = new Array<readonly string[]>(located.length);
  for (let i = 0; i < located.length; i++) {
    const { event, file } = located[i];
    const value = event.value;
    const variant = event.source === 'article' ? (event.mod ?? '') : event.edge === 'start' ? relationStart : relationEnd;
    let variants = dates.get(value);
    if (!variants) dates.set(value, (variants = []));
    let date = variants.find((d) => d.variant === variant);
    if (!date) variants.push((date = { variant, event, order: eventOrder(event), rank: 0 }));
    files.set(file ?? '', 0);
    dateOf[i] = date;
    starts[i] = spanStart(event);
    entities[i] = event.entities;
    yield;
  }
  yield* rankInOrder([...dates.values()].flat(), (a, b) => compareEventOrder(a.order, b.order), (date, rank) => (date.rank = rank));
  yield* rankInOrder([...files.keys()], (a, b) => fileOrder.compare(a, b), (file, rank) => files.set(file, rank));
  // Date and file in one number (ranks stay far below 2^26 each), then the place in the file. In typed arrays, and
  // the events' places sorted: an object per event held its key as a number of its own (some 5 MB at 10k articles).
  const keys = new Float64Array(located.length);
  for (let i = 0; i < located.length; i++) {
    keys[i] = dateOf[i].rank * 2 ** 26 + files.get(located[i].file ?? '')!;
    if (i % sortStep === 0) yield;
  }
  const order = yield* sortInSteps(located.length, (a, b) => keys[a] - keys[b] || starts[a] - starts[b]);
  yield;
  return { located: Array.from(order, (i) => located[i]), entities: Array.from(order, (i) => entities[i]) };
}

interface DateRank {
  variant: string;
  event: Located['event'];
  order: EventOrder;
  rank: number;
}

const relationStart = '\u0000start';
const relationEnd = '\u0000end';

/** Sorts `items` (in steps, see `sortInSteps`) and gives each its rank in that order, equal items the same one. */
function* rankInOrder<T>(items: readonly T[], compare: (a: T, b: T) => number, setRank: (item: T, rank: number) => void): Generator<void, void> {
  const order = yield* sortInSteps(items.length, (a, b) => compare(items[a], items[b]));
  let rank = 0;
  for (let i = 0; i < order.length; i++) {
    setRank(items[order[i]], i > 0 && compare(items[order[i - 1]], items[order[i]]) !== 0 ? ++rank : rank);
    if (i % sortStep === sortStep - 1) yield;
  }
}

/**
 * Items sorted or merged in a step of `sortInSteps`, or visited in a step of the loops around it: a millisecond or
 * two at 10k articles. Sorting the timeline in one go held up a request that came meanwhile by up to 160 ms.
 */
const sortStep = 2048;

/**
 * The indexes `0 … count - 1` in the order of `compare`, equal ones in index order, in steps of about `sortStep`
 * items: runs of `sortStep` sorted one per step, then merged pairwise, a step every `sortStep` items merged.
 */
function* sortInSteps(count: number, compare: (a: number, b: number) => number): Generator<void, Int32Array> {
  const inOrder = (a: number, b: number) => compare(a, b) || a - b;
  let from = new Int32Array(count);
  for (let i = 0; i < count; i++) from[i] = i;
  for (let start = 0; start < count; start += sortStep) {
    from.subarray(start, start + sortStep).sort(inOrder);
    yield;
  }
  let to = new Int32Array(count);
  let merged = 0;
  for (let width = sortStep; width < count; width *= 2) {
    for (let left = 0; left < count; left += 2 * width) {
      const middle = Math.min(left + width, count);
      const end = Math.min(left + 2 * width, count);
      let i = left;
      let j = middle;
      for (let k = left; k < end; k++) {
        to[k] = j >= end || (i < middle && inOrder(from[i], from[j]) < 0) ? from[i++] : from[j++];
        if (++merged % sortStep === 0) yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
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

/**
 * Whether a file's new events are its old ones (`entries` holds them in the timeline), each at a new place in the
 * article but with the same date and entities, in the same order: they sort as the old ones did, since events of one
 * file with the same date sort by their place in it.
 */
function movedOnly(before: readonly LocatedEvent[], after: readonly LocatedEvent[], entries: readonly Located[]): boolean {
  if (before.length !== after.length || entries.length !== before.length) return false;
  for (let i = 0; i < after.length; i++) {
    const [was, now] = [before[i], after[i]];
    if (entries[i].event !== was || was.value !== now.value || was.mod !== now.mod || !sameIds(was.entities, now.entities)) return false;
    if (i > 0 && !(before[i - 1].span.start < was.span.start && after[i - 1].span.start < now.span.start)) return false;
  }
  return true;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * `list` (in time order) without the events in `gone`, with `added` (in time order) merged in: each after the events
 * equal to it, as inserting them one by one would place them.
 */
function replaceInOrder(list: readonly Located[], gone: ReadonlySet<Located['event']>, added: readonly Located[]): Located[] {
  const kept = gone.size === 0 ? list : list.filter((located) => !gone.has(located.event));
  if (added.length === 0) return kept as Located[];
  const merged: Located[] = [];
  let from = 0;
  for (const located of added) {
    const at = positionOf(kept, located, false);
    while (from < at) merged.push(kept[from++]);
    merged.push(located);
  }
  while (from < kept.length) merged.push(kept[from++]);
  return merged;
}

function spanStart(event: TimelineEvent): number {
  return event.source === 'article' ? event.span.start : 0;
}

/** A resolved date with a year: what the timeline places in its years. */
function isDated(value: string): boolean {
  return placeKey(value) !== undatedKey;
}

function toEntry(event: LocatedEvent | RelationEvent, nameOf: (id: string) => string, uri: string | undefined): TimelineEntry {
  const entities = event.entities.map((id) => ({ id, name: nameOf(id) }));
  let entry: TimelineEntry;
  if (event.source === 'knowledge-base') {
    entry = {
      value: event.value,
      source: 'knowledge-base',
      text: event.summary,
      sentence: event.summary,
      entities,
      resolution: event.sources.length > 0 ? `From the knowledge base, stated in ${event.sources.join(', ')}.` : 'From the knowledge base.',
      description: describeTimex(event.value),
    };
  } else {
    entry = {
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
    };
  }
  const parts = timexParts(event.value);
  if (parts?.kind === 'date' && isDated(event.value)) {
    entry.year = parts.year;
    if (parts.month !== undefined) entry.month = parts.month;
  }
  return entry;
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

/** `seedCorpus/timelineGroups` and `seedCorpus/timelineEvents`: the Corpus Timeline, a level or a page at a time. */
export function registerTimelineRequests({ connection, timeline, catalogs, uriOf }: TimelineHost): void {
  connection.onRequest(timelineGroupsRequest, (params, ...rest: unknown[]) => {
    const { entity, year } = (params ?? {}) as Partial<Record<keyof TimelineGroupsParams, unknown>>;
    return timeline.groups(tokenOf(rest), catalogs(), { entity: entityParam(entity), year: wholeNumber(year, 'year') });
  });
  connection.onRequest(timelineEventsRequest, (params, ...rest: unknown[]) => {
    const { entity, place, offset, limit } = (params ?? {}) as Partial<Record<keyof TimelineEventsParams, unknown>>;
    if (typeof place !== 'object' || place === null) throw new ResponseError(ErrorCodes.InvalidParams, 'place: { year?, month? } is required');
    const { year, month } = place as Record<string, unknown>;
    const where = { year: wholeNumber(year, 'place.year'), month: wholeNumber(month, 'place.month') };
    if (where.month !== undefined && (where.year === undefined || where.month < 1 || where.month > 12)) throw new ResponseError(ErrorCodes.InvalidParams, 'place.month: 1–12, with a year');
    const from = wholeNumber(offset, 'offset') ?? 0;
    const size = Math.min(wholeNumber(limit, 'limit') ?? timelinePageSize, timelineMaxPage);
    if (from < 0 || size < 0) throw new ResponseError(ErrorCodes.InvalidParams, 'offset and limit cannot be negative');
    return timeline.page(tokenOf(rest), catalogs(), uriOf, { entity: entityParam(entity), place: where, offset: from, limit: size });
  });
}

function entityParam(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'entity: a knowledge-base id');
  return value;
}

function wholeNumber(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isSafeInteger(value)) throw new ResponseError(ErrorCodes.InvalidParams, `${name}: a whole number`);
  return value as number;
}
