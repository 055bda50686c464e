// Golden tests: the exact findings (rule id and 1-based line) on each of the five real seeds, and what fixing them does.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeArticle } from '../../server/src/core/analyze';
import { defaultConfig } from '../../server/src/core/config';
import { CorpusFileIndex } from '../../server/src/core/file-index';
import { fixAll, isFixable } from '../../server/src/core/fix';
import { seedGoldenFindings } from './golden';

const seedsDir = path.join(__dirname, '..', '..', 'seeds');
const seedFiles = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
const corpus = new CorpusFileIndex(seedFiles);
const analyse = (name: string, text = readFileSync(path.join(seedsDir, name), 'utf8')) => analyzeArticle({ text, file: { name, corpus } }, defaultConfig);

const golden = seedGoldenFindings;

describe('golden findings on the seeds', () => {
  test('the five seeds are all here', () => assert.deepEqual(seedFiles, Object.keys(golden)));

  for (const [name, expected] of Object.entries(golden)) {
    test(name, () => {
      const actual = analyse(name).findings.map((f) => [f.ruleId, f.range.start.line + 1]);
      assert.deepEqual(actual, expected);
    });
  }

  test('the findings the issue names, with their text', () => {
    const covered = (name: string, rule: string) => {
      const text = readFileSync(path.join(seedsDir, name), 'utf8');
      return analyse(name).findings.filter((f) => f.ruleId === rule).map((f) => text.slice(f.span.start, f.span.end));
    };
    assert.deepEqual(covered('000_ebeef4f3d678d313.txt', 'doubled-word'), [' baut']);
    assert.deepEqual(covered('000_ebeef4f3d678d313.txt', 'whitespace-only-line'), ['\u00a0']);
    assert.deepEqual(covered('000_ebeef4f3d678d313.txt', 'web-residue'), ['Beitrage Teilen']);
    assert.deepEqual(covered('003_03ee35439bc31269.txt', 'bracket-spacing'), [' ']);
    assert.deepEqual(covered('004_41a9ae8dc5d7d7d4.txt', 'web-residue'), ['- Continua...']);
    assert.deepEqual(covered('004_41a9ae8dc5d7d7d4.txt', 'dateline'), ['24-05-2022 15:02 - Fonte: www.fotografareindigitale.com']);
  });

  test('lang-missing detects de for 000–002 and it for 003–004, with a safe fix', () => {
    const detected = seedFiles.map((name) => analyse(name).findings.find((f) => f.ruleId === 'lang-missing'));
    assert.deepEqual(detected.map((f) => f?.data?.detected), ['de', 'de', 'de', 'it', 'it']);
    assert.ok(detected.every((f) => f?.fix?.safe), 'detected.every((f) => f?.fix?.safe)');
  });

  test('the dateline fix moves date and source into the header', () => {
    const name = '004_41a9ae8dc5d7d7d4.txt';
    const text = readFileSync(path.join(seedsDir, name), 'utf8');
    const result = fixAll({ text, file: { name, corpus } }, defaultConfig);
    assert.ok(result.text.startsWith('---\nlang: it\npublished: 2022-05-24T15:02\nsource: www.fotografareindigitale.com\n---\nLeica abbandona Huawei.'), result.text.slice(0, 200));
    assert.ok(!result.text.includes('24-05-2022'), `!result.text.includes('24-05-2022')`);
    assert.ok(!result.text.includes('Continua...'), `!result.text.includes('Continua...')`);
  });
});

describe('fix all on the seeds', () => {
  for (const name of seedFiles) {
    test(`${name}: leaves nothing fixable, is idempotent, and keeps the prose`, () => {
      const text = readFileSync(path.join(seedsDir, name), 'utf8');
      const once = fixAll({ text, file: { name, corpus } }, defaultConfig);
      assert.deepEqual(once.remaining.filter(isFixable).map((f) => f.ruleId), []);
      const twice = fixAll({ text: once.text, file: { name, corpus } }, defaultConfig);
      assert.equal(twice.text, once.text);
      assert.deepEqual(twice.applied, {});
      // Every word of the prose paragraphs survives (residue and datelines are what fixing removes).
      const article = analyse(name).article!;
      for (const paragraph of article.paragraphs.filter((p) => p.kind === 'text')) {
        for (const word of paragraph.line.text.split(/\s+/).filter((w) => w.length > 3 && /^\p{L}+$/u.test(w))) {
          assert.ok(once.text.includes(word), `${word} lost`);
        }
      }
    });
  }
});
