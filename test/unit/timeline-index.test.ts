// The server's timeline index keeps its sorted timeline in step with edits (one file at a time, in place) instead
// of sorting every event again: whatever the order of changes and reads, it must answer as a freshly built one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { LocatedEvent } from '../../server/src/fileSummary';
import { TimelineIndex } from '../../server/src/timelineFeatures';

const values = ['2016', '2016-07', '2019', '2021-SU', '2022-03-31', '2022-05', 'XXXX-07', 'P5Y'];
const entities = ['leica', 'xiaomi', 'huawei', 'sharp'];
const files = ['/c/a.txt', '/c/b.txt', '/c/c.txt', '/c/d.txt'];
const uriOf = (file: string) => `file://${file}`;

const event = fc.record({ value: fc.constantFrom(...values), start: fc.nat(500), entities: fc.subarray(entities) }).map(({ value, start, entities: ids }): LocatedEvent => ({
  span: { start, end: start + 4 },
  text: value,
  type: value.startsWith('P') ? 'DURATION' : 'DATE',
  value,
  anchor: 'absolute',
  resolution: 'written out in full',
  source: 'article',
  sentence: { span: { start, end: start + 10 }, text: `Sentence at ${start}.` },
  entities: ids,
  language: 'de',
  range: { start: { line: 0, character: start }, end: { line: 0, character: start + 4 } },
}));

// A change (a file's new events, or its removal) or a read (whole timeline, one entity, a hover's events).
const step = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), file: fc.constantFrom(...files), events: fc.array(event, { maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), file: fc.constantFrom(...files) }),
  fc.record({ kind: fc.constant('read' as const), entity: fc.option(fc.constantFrom(...entities), { nil: undefined }) }),
);

test('after any changes and reads, the index answers as one built afresh from the same files', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
      const index = new TimelineIndex();
      const state = new Map<string, LocatedEvent[]>();
      for (const s of steps) {
        if (s.kind === 'set') {
          index.set(s.file, s.events);
          if (s.events.length > 0) state.set(s.file, s.events);
          else state.delete(s.file);
        } else if (s.kind === 'delete') {
          index.delete(s.file);
          state.delete(s.file);
        } else {
          index.entries([], uriOf, s.entity);
          if (s.entity) index.eventsOf(s.entity, [], 5);
        }
      }
      const fresh = new TimelineIndex();
      for (const [file, events] of state) fresh.set(file, events);
      assert.deepEqual(index.entries([], uriOf), fresh.entries([], uriOf));
      for (const entity of entities) {
        assert.deepEqual(index.entries([], uriOf, entity), fresh.entries([], uriOf, entity));
        assert.deepEqual(index.eventsOf(entity, [], 5), fresh.eventsOf(entity, [], 5));
      }
    }),
    { numRuns: 300 },
  );
});
