// The timeline-anchor rule, called directly (the integrator registers it): which articles it flags, what it says,
// and when its fix can know the date.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import rule from '../../server/src/core/rules/timeline-anchor';
import { applyFirstFix, contextFor, runRule } from './helpers';

const messages = (text: string) => runRule(rule, text).map((f) => `${f.covered}: ${f.message}`);

describe('timeline-anchor', () => {
  test('the bad example triggers it on its first relative date; the good one does not', () => {
    assert.deepEqual(messages(rule.docs.bad.text), [
      'im Juli: “im Juli” cannot be placed in time: the article has no `published` date and no dateline. Its URL suggests `published: 2022-05-24`.',
    ]);
    assert.deepEqual(messages(rule.docs.good.text), []);
  });

  test('the fix takes the date from the URL, as a quick fix only, and the finding goes away', () => {
    const fixed = applyFirstFix(rule, rule.docs.bad.text);
    assert.equal(fixed, '---\nlang: de\nurl: https://www.example.com/2022/05/24/leica-xiaomi\npublished: 2022-05-24\n---\nLeica und Xiaomi\n\nDas erste Gerät soll im Juli auf den Markt kommen.\n');
    assert.deepEqual(messages(fixed), []);
    const context = contextFor(rule.docs.bad.text);
    const [finding] = rule.check!(context);
    assert.equal(rule.fix!(context, finding)?.safe, false);
  });

  test('without a date to be known there is no fix', () => {
    for (const url of ['', 'url: https://www.example.com/leica-xiaomi\n', 'url: https://www.example.com/2022/13/40/leica\n']) {
      const text = `---\nlang: de\n${url}---\nLeica und Xiaomi\n\nDas erste Gerät soll im Juli auf den Markt kommen, heute nicht.\n`;
      const context = contextFor(text);
      const findings = rule.check!(context);
      assert.equal(findings.length, 1);
      assert.match(findings[0].message, /^“im Juli” and 1 more relative date cannot be placed in time: .* Add `published: YYYY-MM-DD` to the header\.$/);
      assert.equal(rule.fix!(context, findings[0]), undefined);
    }
  });

  test('quiet when a dateline dates the article, or nothing needs a date, or a date would not help', () => {
    const quiet = [
      '---\nlang: it\n---\nTitolo\n\n24-05-2022 15:02 - Fonte: www.example.com\n\nIl lancio è previsto per luglio.\n',
      '---\nlang: de\n---\nTitel\n\nSeit 2016 kooperiert Huawei mit Leica, seit fünf Jahren.\n',
      // Read against 2016, the narrative fallback, not unresolved.
      '---\nlang: de\n---\nTitel\n\nIm Jahr 2016 begann es, im Juli kam das Gerät.\n',
      // Counted from a date mentioned before it: the article's date would not resolve it either.
      '---\nlang: de\n---\nTitel\n\nEin Jahr später kam das P9.\n',
      // No language to read the dates in.
      'Titel\n\nim Juli\n',
    ];
    for (const text of quiet) assert.deepEqual(messages(text), [], text);
  });

  test('on the seeds: every undated article with relative dates, not seed 004, whose dateline dates it', () => {
    const seedsDir = path.join(__dirname, '..', '..', 'seeds');
    const flagged = readdirSync(seedsDir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((name) => [name, runRule(rule, readFileSync(path.join(seedsDir, name), 'utf8')).map((f) => `${f.line}: ${f.covered}`)]);
    assert.deepEqual(flagged, [
      ['000_ebeef4f3d678d313.txt', ['3: im Juli']],
      ['001_ad4d302a0f406064.txt', ['1: im Juli']],
      ['002_4d1a318a818ef0be.txt', ['11: vergangenes Jahr']],
      ['003_03ee35439bc31269.txt', ['1: luglio']],
      ['004_41a9ae8dc5d7d7d4.txt', []],
    ]);
  });
});
