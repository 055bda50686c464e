/**
 * The Corpus Timeline's shape, kept apart from the VS Code API so it can be unit-tested: years and Undated at the top,
 * a year's events without a month (as a group when the year has months too) and its months below it, each with its
 * count as the server gives it, and the events of a month (or a year's no-month events, or Undated) loaded a page at
 * a time, with a "Show more…" row while there are more.
 */
import { timelineMaxPage, timelinePageSize, type TimelineEntry, type TimelineEventsResult, type TimelineGroup, type TimelinePlace } from '../../../server/src/protocol';

/** A group row: what the server counted, the entity filter it was counted under, a tree id and how it starts. */
export type GroupNode = TimelineGroup & {
  /** Stable across refreshes (VS Code keeps expansion state by id); differs per entity filter. */
  id: string;
  entity?: string;
  expanded: boolean;
};

export type TimelineNode =
  | GroupNode
  | { kind: 'event'; entry: TimelineEntry }
  /** Loads the next page of `group`, whose rows sit under `parent` (the group itself, or a year that shows them directly). */
  | { kind: 'more'; id: string; group: GroupNode; parent: GroupNode; shown: number; total: number };

/**
 * Groups start expanded when what they sit in holds at most a page of events (the top level: the whole timeline
 * shown; a year's groups: that year), so a small corpus or a rare entity opens fully and a large one shows its years.
 */
export const expandUpTo = timelinePageSize;

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: number): string {
  return monthNames[month - 1] ?? String(month);
}

/** The rows for the groups of one level; `total` is the events they hold together. */
export function groupNodes(groups: readonly TimelineGroup[], total: number, entity: string | undefined): GroupNode[] {
  const scope = entity === undefined ? '*' : `entity:${entity}`;
  const expanded = total <= expandUpTo;
  return groups.map((group) => ({ ...group, id: `${scope}/${groupKey(group)}`, entity, expanded }));
}

function groupKey(group: TimelineGroup): string {
  switch (group.kind) {
    case 'year':
      return `year:${group.year}`;
    case 'month':
      return `month:${group.year}-${group.month}`;
    case 'no-month':
      return `no-month:${group.year}`;
    case 'undated':
      return 'undated';
  }
}

/** Where a group's events are, for `seedCorpus/timelineEvents` (a year's rows are groups, not events). */
export function placeOf(group: Exclude<GroupNode, { kind: 'year' }>): TimelinePlace {
  switch (group.kind) {
    case 'month':
      return { year: group.year, month: group.month };
    case 'no-month':
      return { year: group.year };
    case 'undated':
      return {};
  }
}

/** The events of a group loaded so far, from its start, as of one version of the server's timeline. */
export interface Loaded {
  version: number;
  total: number;
  entries: TimelineEntry[];
}

/** How often a load starts over because the timeline changed between two of its pages, before it takes them as they come. */
const restarts = 3;

/**
 * Loads a group's events until `wanted` are loaded or there are no more: on from what is `loaded` while the
 * server's timeline is still that version, otherwise from the start again (an edit may have moved every page).
 */
export async function loadEvents(loaded: Loaded | undefined, wanted: number, fetch: (offset: number, limit: number) => Promise<TimelineEventsResult>): Promise<Loaded> {
  let current = loaded;
  let restarted = 0;
  while (!current || current.entries.length < Math.min(wanted, current.total)) {
    const offset = current?.entries.length ?? 0;
    const page = await fetch(offset, Math.min(Math.max(wanted - offset, 1), timelineMaxPage));
    if (current && page.version !== current.version && restarted++ < restarts) {
      current = undefined;
      continue;
    }
    current = { version: page.version, total: page.total, entries: current ? current.entries.concat(page.entries) : page.entries };
    if (page.entries.length === 0) break;
  }
  return current;
}

/**
 * A year whose events all lack a month (only "seit 1995") shows them straight under it, without a group: the
 * group its rows come from, if so.
 */
export function flattened(groups: readonly GroupNode[]): Extract<GroupNode, { kind: 'no-month' }> | undefined {
  const [first] = groups;
  return groups.length === 1 && first.kind === 'no-month' ? first : undefined;
}

/** A group's rows: the first `wanted` of its loaded events, then "Show more…" while the group has more. */
export function eventNodes(group: GroupNode, loaded: Loaded, wanted: number, parent: GroupNode = group): TimelineNode[] {
  const nodes: TimelineNode[] = loaded.entries.slice(0, wanted).map((entry) => ({ kind: 'event', entry }));
  if (loaded.total > nodes.length) nodes.push({ kind: 'more', id: `${group.id}/more`, group, parent, shown: nodes.length, total: loaded.total });
  return nodes;
}

/** A row label: the sentence cut to a readable length, with the expression kept in view. */
export function eventLabel(entry: TimelineEntry, maxLength = 70): string {
  const sentence = entry.sentence.replace(/\s+/g, ' ').trim();
  if (sentence.length <= maxLength) return sentence;
  const at = sentence.indexOf(entry.text);
  const start = at < 0 ? 0 : Math.max(0, Math.min(at - 20, sentence.length - maxLength));
  const cut = sentence.slice(start, start + maxLength - 1).trim();
  return `${start > 0 ? '…' : ''}${cut}…`;
}
