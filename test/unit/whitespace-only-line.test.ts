// whitespace-only-line's fix: the blank stretch around a line of whitespace becomes one empty line between
// paragraphs, and goes altogether at the end of the file; every line of one stretch gets the same fix.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import rule from '../../server/src/core/rules/whitespace-only-line';
import { applyEdits } from '../../server/src/core/text';
import { contextFor } from './helpers';

/** Each finding's fix applied alone, as the texts it makes. */
function fixedTexts(text: string): string[] {
  const context = contextFor(text);
  return (rule.check?.(context) ?? []).map((finding) => applyEdits(text, rule.fix!(context, finding)!.edits));
}

describe('whitespace-only-line fix', () => {
  test('between paragraphs: the whole stretch, empty lines included, becomes one empty line', () => {
    const text = 'Titel\n\nEins.\n\n \n\n\u00a0\t\n\nZwei.\n';
    assert.deepEqual(fixedTexts(text), ['Titel\n\nEins.\n\nZwei.\n', 'Titel\n\nEins.\n\nZwei.\n']);
  });

  test('two stretches: each line’s fix covers its own stretch only', () => {
    const text = 'Titel\n\nEins.\n \nZwei.\n\u00a0\n\nDrei.\n';
    assert.deepEqual(fixedTexts(text), ['Titel\n\nEins.\n\nZwei.\n\u00a0\n\nDrei.\n', 'Titel\n\nEins.\n \nZwei.\n\nDrei.\n']);
  });

  test('right after the title', () => {
    assert.deepEqual(fixedTexts('Titel\n \n\nText.\n'), ['Titel\n\nText.\n']);
  });

  test('at the end: the blank lines go, the final line break stays as it was', () => {
    assert.deepEqual(fixedTexts('Titel\n\nText.\n\n \n\n'), ['Titel\n\nText.\n']);
    assert.deepEqual(fixedTexts('Titel\n\nText.\n \n '), ['Titel\n\nText.', 'Titel\n\nText.']);
    assert.deepEqual(fixedTexts('Titel\r\n\r\nText.\r\n \r\n'), ['Titel\r\n\r\nText.\r\n']);
    assert.deepEqual(fixedTexts('Titel\n \n'), ['Titel\n']);
  });

  test('CRLF between paragraphs keeps CRLF', () => {
    assert.deepEqual(fixedTexts('Titel\r\n\r\nEins.\r\n \r\n\r\nZwei.\r\n'), ['Titel\r\n\r\nEins.\r\n\r\nZwei.\r\n']);
  });

  test('20,000 lines of one stretch: one edit for all, the same for each line', () => {
    const text = `Titel\n\nEins.\n${'\n '.repeat(20_000)}\nZwei.\n`;
    const context = contextFor(text);
    const findings = rule.check!(context);
    assert.equal(findings.length, 20_000);
    const edits = new Set(findings.map((finding) => JSON.stringify(rule.fix!(context, finding)!.edits)));
    assert.deepEqual([...edits], [JSON.stringify([{ start: 'Titel\n\nEins.\n'.length, end: text.length - 'Zwei.\n'.length, newText: '\n' }])]);
  });
});
