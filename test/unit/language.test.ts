import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkTag, tagFromFranc } from '../../server/src/core/language/tags';
import { detectLanguage, paragraphMinLetters } from '../../server/src/core/language/detect';
import { parseArticle } from '../../server/src/core/article';
import { defaultConfig, mergeConfig } from '../../server/src/core/config';
import type { Fix, Rule } from '../../server/src/core/rule';
import { applyEdits } from '../../server/src/core/text';
import langMissing from '../../server/src/core/rules/lang-missing';
import langTagInvalid from '../../server/src/core/rules/lang-tag-invalid';
import langTagCanonical from '../../server/src/core/rules/lang-tag-canonical';
import langMismatch from '../../server/src/core/rules/lang-mismatch';
import paragraphLanguage from '../../server/src/core/rules/paragraph-language';
import { applyFirstFix, contextFor, runRule } from './helpers';

const seedDir = join(__dirname, '..', '..', 'seeds');
const seeds = {
  '000_ebeef4f3d678d313.txt': 'de',
  '001_ad4d302a0f406064.txt': 'de',
  '002_4d1a318a818ef0be.txt': 'de',
  '003_03ee35439bc31269.txt': 'it',
  '004_41a9ae8dc5d7d7d4.txt': 'it',
} as const;
const seedText = (name: string) => readFileSync(join(seedDir, name), 'utf8');

/** The first finding's fix, with the text it produces. */
function firstFix(rule: Rule, text: string): { fix: Fix; result: string } {
  const context = contextFor(text);
  const [finding] = rule.check?.(context) ?? [];
  assert.ok(finding, `${rule.id} reported nothing`);
  const fix = rule.fix?.(context, finding);
  assert.ok(fix, `${rule.id} offered no fix`);
  return { fix, result: applyEdits(text, fix.edits) };
}

const germanBody =
  'Neue Kamera für das Frühjahr angekündigt\n\nDer Hersteller aus Wetzlar hat am Montag eine neue Kamera vorgestellt. Sie soll im Frühjahr in den Handel kommen und richtet sich vor allem an Fotografen, die viel unterwegs sind.\n\nDas Gehäuse ist kleiner und leichter als beim Vorgänger, der Sensor dagegen größer. Einen Preis nannte das Unternehmen noch nicht.';
const shortBody = 'Neue Kamera vorgestellt\n\nDer Hersteller hat am Montag eine neue Kamera vorgestellt.';
const withLang = (value: string, body = germanBody) => `---\nlang: ${value}\n---\n${body}`;

describe('checkTag', () => {
  const cases: Array<[string, ReturnType<typeof checkTag>]> = [
    ['de', { kind: 'canonical', tag: 'de' }],
    ['de-CH', { kind: 'canonical', tag: 'de-CH' }],
    ['DE', { kind: 'non-canonical', tag: 'DE', canonical: 'de' }],
    ['ger', { kind: 'non-canonical', tag: 'ger', canonical: 'de' }],
    ['deu', { kind: 'non-canonical', tag: 'deu', canonical: 'de' }],
    ['de-de', { kind: 'non-canonical', tag: 'de-de', canonical: 'de-DE' }],
    ['en-us', { kind: 'non-canonical', tag: 'en-us', canonical: 'en-US' }],
    ['zh-hant-tw', { kind: 'non-canonical', tag: 'zh-hant-tw', canonical: 'zh-Hant-TW' }],
    ['iw', { kind: 'non-canonical', tag: 'iw', canonical: 'he' }],
    ['de_DE', { kind: 'invalid', tag: 'de_DE', suggestion: 'de-DE' }],
    ['deutsch', { kind: 'invalid', tag: 'deutsch', suggestion: 'de' }],
    ['Italian', { kind: 'invalid', tag: 'Italian', suggestion: 'it' }],
    ['x-foo', { kind: 'invalid', tag: 'x-foo', suggestion: undefined }],
    ['12', { kind: 'invalid', tag: '12', suggestion: undefined }],
    ['', { kind: 'invalid', tag: '', suggestion: undefined }],
  ];
  for (const [tag, expected] of cases) {
    test(JSON.stringify(tag), () => assert.deepEqual(checkTag(tag), expected));
  }

  test('franc codes map to the shortest tag', () => {
    assert.equal(tagFromFranc('deu'), 'de');
    assert.equal(tagFromFranc('ita'), 'it');
    assert.equal(tagFromFranc('xyz'), undefined);
  });
});

describe('detectLanguage', () => {
  for (const [name, language] of Object.entries(seeds)) {
    test(`seed ${name} reads as ${language}`, () => {
      const report = contextFor(seedText(name)).language;
      assert.equal(report.language, language);
      assert.equal(report.sure, true);
      assert.ok(report.confidence >= 0.8, `confidence ${report.confidence}`);
    });
  }

  test('only prose votes: credits, residue and the dateline do not', () => {
    const report = contextFor(seedText('000_ebeef4f3d678d313.txt')).language;
    const judgedLines = report.paragraphs.map((p) => p.paragraph.line.number + 1);
    assert.ok(judgedLines.includes(1), 'the title votes');
    for (const line of [15, 21, 33]) assert.ok(!judgedLines.includes(line), `line ${line} must not vote`);
    assert.ok(report.paragraphs.every((p) => p.paragraph.kind === 'text'), `report.paragraphs.every((p) => p.paragraph.kind === 'text')`);
  });

  test('a short article is detected but not sure', () => {
    const report = contextFor(shortBody).language;
    assert.equal(report.language, 'de');
    assert.equal(report.sure, false);
  });

  test('configured names are masked before judging', () => {
    const text = 'Gruppenbild\n\nAndreas Mohrland, Marius Eschweiler, Matthias Harsch, Imène Tarchouna';
    const article = parseArticle(text);
    assert.equal(detectLanguage(article, defaultConfig).paragraphs.length, 1);
    const names = mergeConfig({ names: ['Andreas Mohrland', 'Marius Eschweiler', 'Matthias Harsch', 'Imène Tarchouna'] });
    assert.equal(detectLanguage(article, names).paragraphs.length, 0, 'a line of names is too short to vote once they are hidden');
  });

  test('acronyms are masked whole, umlauts included', () => {
    const report = detectLanguage(parseArticle('Bahn\n\nDie ÖBB und die SBB fahren heute wieder nach Zürich.'), defaultConfig);
    // Die, und, die, fahren, heute, wieder, nach, Zürich: 36 letters; ÖBB and SBB are gone.
    assert.equal(report.paragraphs[0].letters, 36);
  });
});

describe('rule examples', () => {
  for (const rule of [langMissing, langTagInvalid, langTagCanonical, langMismatch, paragraphLanguage]) {
    test(`${rule.id}: bad triggers, good does not`, () => {
      assert.equal(runRule(rule, rule.docs.bad.text).length, 1);
      assert.deepEqual(runRule(rule, rule.docs.good.text), []);
    });
  }
});

describe('lang-missing', () => {
  for (const [name, language] of Object.entries(seeds)) {
    test(`seed ${name}: missing, fix adds lang: ${language}`, () => {
      const text = seedText(name);
      const [finding] = runRule(langMissing, text);
      assert.equal(finding.line, 1);
      assert.equal(finding.covered, text.split('\n')[0]);
      assert.equal(finding.data?.detected, language);
      const { fix, result } = firstFix(langMissing, text);
      assert.equal(fix.title, `Add \`lang: ${language}\` to the header`);
      assert.equal(fix.safe, true);
      assert.equal(result, `---\nlang: ${language}\n---\n${text}`);
    });
  }

  test('message names the detected language and confidence', () => {
    const [finding] = runRule(langMissing, germanBody);
    assert.equal(finding.message, 'The article has no `lang` tag; it reads as German (de, 100% of the judged text).');
    assert.deepEqual(finding.data, { detected: 'de', confidence: 1 });
  });

  test('a header without lang: reported on the opening line, the field is appended', () => {
    const text = `---\nsource: Example\n---\n${germanBody}`;
    const [finding] = runRule(langMissing, text);
    assert.equal(finding.covered, '---');
    assert.equal(applyFirstFix(langMissing, text), `---\nsource: Example\nlang: de\n---\n${germanBody}`);
  });

  test('short article: the fix is offered but not safe', () => {
    const [finding] = runRule(langMissing, shortBody);
    assert.match(finding.message, /may read as German \(de, \d+% of the judged text\), but detection is unsure/);
    assert.equal(firstFix(langMissing, shortBody).fix.safe, false);
  });

  test('nothing to detect: reported without a fix', () => {
    const context = contextFor('Titel\n\nKurz.');
    const [finding] = langMissing.check!(context);
    assert.equal(finding.data, undefined);
    assert.equal(langMissing.fix!(context, finding), undefined);
  });

  test('an unclosed header gets no fix; an unreadable one no finding', () => {
    const unclosed = `---\nsource: Example\n\n${germanBody}`;
    const context = contextFor(unclosed);
    const [finding] = langMissing.check!(context);
    assert.equal(langMissing.fix!(context, finding), undefined);
    assert.deepEqual(runRule(langMissing, `---\nlang: [de\n---\n${germanBody}`), []);
  });

  test('present lang: nothing', () => assert.deepEqual(runRule(langMissing, withLang('de')), []));
});

describe('lang-tag-invalid', () => {
  test('de_DE: reported on the value, safe fix to de-DE', () => {
    const [finding] = runRule(langTagInvalid, withLang('de_DE'));
    assert.equal(finding.covered, 'de_DE');
    assert.equal(finding.message, '`lang: de_DE` is not a BCP 47 tag; write `de-DE`.');
    const { fix, result } = firstFix(langTagInvalid, withLang('de_DE'));
    assert.deepEqual([fix.title, fix.safe], ['Change to `de-DE`', true]);
    assert.equal(result, withLang('de-DE'));
  });

  test('quotes are kept', () => assert.equal(applyFirstFix(langTagInvalid, withLang('"de_DE"')), withLang('"de-DE"')));
  test('deutsch → de', () => assert.equal(applyFirstFix(langTagInvalid, withLang('deutsch')), withLang('de')));

  test('12 and x-foo: reported without a fix', () => {
    for (const value of ['12', 'x-foo']) {
      const context = contextFor(withLang(value));
      const [finding] = langTagInvalid.check!(context);
      assert.match(finding.message, new RegExp(`^\`lang: ${value}\` is not a BCP 47 tag; write a language tag such as`));
      assert.equal(langTagInvalid.fix!(context, finding), undefined);
    }
  });

  test('a list is reported on the whole list', () => {
    const [finding] = runRule(langTagInvalid, withLang('[de, en]'));
    assert.equal(finding.covered, '[de, en]');
  });

  test('an empty value is reported on the key and filled with the detected language', () => {
    const text = withLang('').replace('lang: \n', 'lang:\n');
    const [finding] = runRule(langTagInvalid, text);
    assert.equal(finding.covered, 'lang');
    const { fix, result } = firstFix(langTagInvalid, text);
    assert.equal(fix.safe, true);
    assert.equal(result, withLang('de'));
  });

  test('valid tags are left to the other rules', () => {
    for (const value of ['de', 'DE', 'de-CH', 'ger']) assert.deepEqual(runRule(langTagInvalid, withLang(value)), []);
  });
});

describe('lang-tag-canonical', () => {
  const cases: Array<[string, string]> = [['DE', 'de'], ['ger', 'de'], ['deu', 'de'], ['de-de', 'de-DE'], ['iw', 'he'], ["'DE'", "'de'"], ['DE # German', 'de # German']];
  for (const [written, expected] of cases) {
    test(`${written} → ${expected}`, () => {
      const { fix, result } = firstFix(langTagCanonical, withLang(written));
      assert.equal(fix.safe, true);
      assert.equal(result, withLang(expected));
    });
  }

  test('message and span', () => {
    const [finding] = runRule(langTagCanonical, withLang('ger'));
    assert.equal(finding.covered, 'ger');
    assert.equal(finding.message, '`lang: ger` is not the canonical form of German; write `de`.');
  });

  test('canonical and invalid tags: nothing', () => {
    for (const value of ['de', 'de-DE', 'de_DE', '']) assert.deepEqual(runRule(langTagCanonical, withLang(value)), []);
  });
});

describe('lang-mismatch', () => {
  test('German declared as Italian: reported on the value, unsafe fix to de', () => {
    const [finding] = runRule(langMismatch, withLang('it'));
    assert.equal(finding.covered, 'it');
    assert.equal(finding.message, '`lang: it` (Italian) but the text reads as German (de, 100% of the judged text); correct the tag if the text is right.');
    const { fix, result } = firstFix(langMismatch, withLang('it'));
    assert.deepEqual([fix.title, fix.safe], ['Change to `de`', false]);
    assert.equal(result, withLang('de'));
  });

  test('a seed declared with the wrong language', () => {
    const text = `---\nlang: de\n---\n${seedText('003_03ee35439bc31269.txt')}`;
    assert.equal(runRule(langMismatch, text)[0].data?.detected, 'it');
  });

  test('non-canonical tags are compared by language', () => {
    assert.deepEqual(runRule(langMismatch, withLang('DE')), []);
    assert.deepEqual(runRule(langMismatch, withLang('de-AT')), []);
    assert.equal(runRule(langMismatch, withLang('IT')).length, 1);
  });

  test('a short article is not sure: no mismatch', () => assert.deepEqual(runRule(langMismatch, withLang('it', shortBody)), []));

  test('a language detection cannot find is left alone', () => {
    assert.deepEqual(runRule(langMismatch, withLang('nl')), []);
    assert.deepEqual(runRule(langMismatch, withLang('it'), { config: { languages: ['de', 'en'] } }), []);
  });

  test('invalid tags are left to lang-tag-invalid', () => assert.deepEqual(runRule(langMismatch, withLang('it_IT')), []));
});

describe('paragraph-language', () => {
  test('seed 000: the English group caption on line 13, nothing else', () => {
    const text = seedText('000_ebeef4f3d678d313.txt');
    const findings = runRule(paragraphLanguage, text);
    assert.deepEqual(findings.map((f) => f.line), [13]);
    assert.equal(findings[0].message, 'This paragraph reads as English (en), not German (de).');
    assert.equal(findings[0].covered, text.split('\n')[12]);
  });

  for (const name of Object.keys(seeds).slice(1)) {
    test(`seed ${name}: no paragraph in another language`, () => assert.deepEqual(runRule(paragraphLanguage, seedText(name)), []));
  }

  test('the declared language is the reference', () => {
    // Declared Italian: every long German paragraph stands out, the short title does not.
    const findings = runRule(paragraphLanguage, `---\nlang: it\n---\n${seedText('002_4d1a318a818ef0be.txt')}`);
    assert.deepEqual(findings.map((f) => f.line), [8, 14, 16, 20, 29]);
    assert.ok(findings.every((f) => f.message === 'This paragraph reads as German (de), not Italian (it).'), `findings.every((f) => f.message === 'This paragraph reads as German (de), not Italian (it).')`);
  });

  test('short paragraphs never count', () => {
    const report = contextFor(seedText('000_ebeef4f3d678d313.txt')).language;
    const foreignShort = report.paragraphs.filter((p) => p.language !== 'de' && p.letters < paragraphMinLetters);
    assert.ok(foreignShort.length > 0, 'seed 000 line 23 reads as French but is short');
    assert.ok(!runRule(paragraphLanguage, seedText('000_ebeef4f3d678d313.txt')).some((f) => f.line === 23), `!runRule(paragraphLanguage, seedText('000_ebeef4f3d678d313.txt')).some((f) => f.line === 23)`);
  });
});
