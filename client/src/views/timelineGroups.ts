/**
 * The Corpus Timeline's shape, kept apart from the VS Code API so it can be unit-tested: years → months →
 * events, entries with only a year directly under it, and an "Undated" group for unresolved values and durations.
 */
import type { TimelineEntry } from '../../../server/src/protocol';

export type TimelineNode =
  | { kind: 'year'; year: number; children: TimelineNode[]; count: number }
  | { kind: 'month'; year: number; month: number; children: TimelineNode[]; count: number }
  | { kind: 'undated'; children: TimelineNode[]; count: number }
  | { kind: 'event'; entry: TimelineEntry };

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: number): string {
  return monthNames[month - 1] ?? String(month);
}

/** Groups entries (already in time order) into the tree's top level. */
export function groupTimeline(entries: readonly TimelineEntry[]): TimelineNode[] {
  const years = new Map<number, Extract<TimelineNode, { kind: 'year' }>>();
  const undated: Extract<TimelineNode, { kind: 'undated' }> = { kind: 'undated', children: [], count: 0 };
  const top: TimelineNode[] = [];
  for (const entry of entries) {
    const event: TimelineNode = { kind: 'event', entry };
    if (entry.year === undefined) {
      undated.children.push(event);
      undated.count++;
      continue;
    }
    let year = years.get(entry.year);
    if (!year) {
      year = { kind: 'year', year: entry.year, children: [], count: 0 };
      years.set(entry.year, year);
      top.push(year);
    }
    year.count++;
    if (entry.month === undefined) {
      year.children.push(event);
      continue;
    }
    const last = year.children[year.children.length - 1];
    if (last?.kind === 'month' && last.month === entry.month) {
      last.children.push(event);
      last.count++;
    } else {
      year.children.push({ kind: 'month', year: entry.year, month: entry.month, children: [event], count: 1 });
    }
  }
  if (undated.count > 0) top.push(undated);
  return top;
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
