// The Corpus Timeline's tree shape (years → months → events, "Undated" last) and its row labels.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventLabel, groupTimeline, type TimelineNode } from '../../client/src/views/timelineGroups';
import type { TimelineEntry } from '../../server/src/protocol';

const entry = (value: string, year?: number, month?: number, sentence = `Something happened (${value}).`): TimelineEntry => ({
  value, source: 'article', text: value, sentence, entities: [], resolution: '', description: value, year, month,
});

function outline(nodes: TimelineNode[], depth = 0): string[] {
  return nodes.flatMap((n) => {
    const pad = '  '.repeat(depth);
    if (n.kind === 'event') return [`${pad}${n.entry.value}`];
    const label = n.kind === 'year' ? String(n.year) : n.kind === 'month' ? `${n.year}-${n.month}` : 'Undated';
    return [`${pad}${label} (${n.count})`, ...outline(n.children, depth + 1)];
  });
}

describe('timeline tree', () => {
  test('years hold their year-only events and their months; undated and durations go last', () => {
    const tree = groupTimeline([entry('2016', 2016), entry('2016-07', 2016, 7), entry('2016-07-01', 2016, 7), entry('2022-03-31', 2022, 3), entry('2022-05', 2022, 5), entry('XXXX-07'), entry('P5Y')]);
    assert.deepEqual(outline(tree), [
      '2016 (3)', '  2016', '  2016-7 (2)', '    2016-07', '    2016-07-01',
      '2022 (2)', '  2022-3 (1)', '    2022-03-31', '  2022-5 (1)', '    2022-05',
      'Undated (2)', '  XXXX-07', '  P5Y',
    ]);
  });
  test('no Undated group when everything is dated; an empty timeline is empty', () => {
    assert.deepEqual(outline(groupTimeline([entry('2021', 2021)])), ['2021 (1)', '  2021']);
    assert.deepEqual(groupTimeline([]), []);
  });
  test('labels: short sentences whole, long ones cut around the expression', () => {
    assert.equal(eventLabel(entry('2016', 2016, undefined, 'Seit 2016 kooperiert Huawei mit Leica.')), 'Seit 2016 kooperiert Huawei mit Leica.');
    const long = { ...entry('2022-03-31', 2022, 3, `${'Lorem ipsum dolor sit amet. '.repeat(4)}Leica ha chiuso il 31 marzo scorso la partnership con Huawei, dopo sette anni.`), text: 'il 31 marzo scorso' };
    const label = eventLabel(long);
    assert.ok(label.length <= 72 && label.includes('il 31 marzo scorso') && label.startsWith('…'), label);
  });
});
