// The core primitives every rule stands on: line index, edits, header parsing and editing, config layering, readings shared by rules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lastArticleReading, parseArticle } from '../../server/src/core/article';
import { mergeConfig, readConfigFile } from '../../server/src/core/config';
import { editsBetween, fixAll, ignoreRuleFix } from '../../server/src/core/fix';
import { ignoredRuleIds, setHeaderFields } from '../../server/src/core/header';
import { rules } from '../../server/src/core/rules';
import { applyEdits, LineIndex } from '../../server/src/core/text';
import { analyzeArticle } from '../../server/src/core/analyze';

describe('LineIndex', () => {
  test('maps offsets and positions across LF, CRLF and CR', () => {
    const index = new LineIndex('ab\r\ncd\ref\ngh');
    assert.deepEqual(index.lineStarts, [0, 4, 7, 10]);
    assert.deepEqual(index.positionAt(5), { line: 1, character: 1 });
    assert.equal(index.offsetAt({ line: 3, character: 1 }), 11);
    assert.equal(index.offsetAt({ line: 9, character: 0 }), 12);
  });
});

describe('applyEdits', () => {
  test('applies in position order and refuses overlaps', () => {
    assert.equal(applyEdits('abcdef', [{ start: 4, end: 5, newText: 'E' }, { start: 0, end: 1, newText: 'A' }]), 'AbcdEf');
    assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: '' }, { start: 2, end: 4, newText: '' }]), RangeError);
  });

  test('editsBetween yields minimal edits that rebuild the target', () => {
    const before = 'Titel\n\nDie Leica baut baut aus.\n\nZweiter Absatz.\nDritter.';
    const after = 'Titel\n\nDie Leica baut aus.\n\nZweiter Absatz.\n\nDritter.';
    const edits = editsBetween(before, after);
    assert.equal(applyEdits(before, edits), after);
    assert.deepEqual(edits.map((e) => before.slice(e.start, e.end)), ['baut ', '']);
  });

  test('editsBetween never splits a surrogate pair or a CRLF', () => {
    for (const [before, after] of [['Foto 📷 da', 'Foto 📸 da'], ['Titel\r\nText', 'Titel\nText']]) {
      const edits = editsBetween(before, after);
      assert.equal(applyEdits(before, edits), after);
      for (const edit of edits) {
        assert.ok(!/[\ud800-\udbff]$/.test(before.slice(0, edit.start)), 'starts inside a surrogate pair');
        assert.ok(!(before[edit.start - 1] === '\r' && before[edit.start] === '\n'), 'starts inside CRLF');
      }
    }
  });
});

describe('header', () => {
  test('exact ranges of keys and values; lists and strings for ignore', () => {
    const text = '---\nlang: de\nignore: [doubled-word, web-residue]\n---\nTitel\n\nText.';
    const article = parseArticle(text);
    const lang = article.header!.fields[0];
    assert.equal(text.slice(lang.keySpan.start, lang.keySpan.end), 'lang');
    assert.equal(text.slice(lang.valueSpan.start, lang.valueSpan.end), 'de');
    assert.deepEqual(ignoredRuleIds(article.header), ['doubled-word', 'web-residue']);
    assert.deepEqual(ignoredRuleIds(parseArticle('---\nignore: doubled-word, web-residue\n---\nT').header), ['doubled-word', 'web-residue']);
    assert.equal(article.title?.text, 'Titel');
  });

  test('an unclosed header runs to the first blank line and is reported', () => {
    const article = parseArticle('---\nlang: de\n\nTitel\n\nText.');
    assert.equal(article.header?.problems[0].kind, 'unclosed');
    assert.equal(article.title?.text, 'Titel');
    assert.equal(setHeaderFields(article.text, article.header, [['lang', 'it']]), undefined);
  });

  test('setHeaderFields creates, replaces and appends', () => {
    const bare = 'Titel\n\nText.';
    assert.equal(applyEdits(bare, setHeaderFields(bare, undefined, [['lang', 'de']])!), '---\nlang: de\n---\nTitel\n\nText.');
    const withHeader = '---\nlang: DE # old\nauthor: A. Jordan\n---\nTitel';
    const article = parseArticle(withHeader);
    assert.equal(applyEdits(withHeader, setHeaderFields(withHeader, article.header, [['lang', 'de'], ['source', 'fotoMAGAZIN: online']])!), '---\nlang: de\nauthor: A. Jordan\nsource: "fotoMAGAZIN: online"\n---\nTitel');
  });

  test('ignore suppresses a rule in its file, and the ignore quick fix adds it', () => {
    const text = 'Titel\n\nDie Leica baut baut aus.';
    const ruleIds = (t: string) => analyzeArticle({ text: t }, mergeConfig()).findings.map((f) => f.ruleId);
    assert.ok(ruleIds(text).includes('doubled-word'), `ruleIds(text).includes('doubled-word')`);
    const fix = ignoreRuleFix(parseArticle(text), 'doubled-word')!;
    const ignored = applyEdits(text, fix.edits);
    assert.equal(ignored, '---\nignore: [doubled-word]\n---\nTitel\n\nDie Leica baut baut aus.');
    assert.ok(!ruleIds(ignored).includes('doubled-word'), `!ruleIds(ignored).includes('doubled-word')`);
  });
});

describe('config', () => {
  const known = new Set(rules.map((r) => r.id));

  test('reads a config file, reporting and skipping bad entries', () => {
    const { config, problems } = readConfigFile({ languages: ['de', 'it'], rules: { 'doubled-word': 'off', 'no-such-rule': 'error', bom: 'loud' }, colour: 'blue' }, known);
    assert.deepEqual(config, { languages: ['de', 'it'], rules: { 'doubled-word': 'off' } });
    assert.deepEqual(problems.map((p) => p.path), ['rules.no-such-rule', 'rules.bom', 'colour']);
    assert.equal(readConfigFile([], known).problems.length, 1);
  });

  test('layers: defaults < config file < editor settings', () => {
    const merged = mergeConfig({ languages: ['de'], rules: { bom: 'error', 'doubled-word': 'off' } }, { rules: { 'doubled-word': 'hint' } });
    assert.deepEqual(merged, { languages: ['de'], rules: { bom: 'error', 'doubled-word': 'hint' }, names: [], maxArticleSize: 2048 });
    assert.equal(mergeConfig({ maxArticleSize: 100 }, { maxArticleSize: 300 }).maxArticleSize, 300);
  });
});

describe('fixAll', () => {
  test('reaches a fixpoint when fixes touch the same place (two header insertions)', () => {
    const text = 'Leica abbandona Huawei\n\n24-05-2022 15:02 - Fonte: www.example.com\n\nLeica ha annunciato la fine della sua partnership con Huawei, portando il produttore di fotocamere a cercare una nuova collaborazione nel mondo degli smartphone, con il produttore Xiaomi e con una lunga serie di annunci.';
    const result = fixAll({ text }, mergeConfig());
    assert.ok(result.text.startsWith('---\nlang: it\npublished: 2022-05-24T15:02\nsource: www.example.com\n---\nLeica abbandona Huawei\n\nLeica ha annunciato'), result.text);
    assert.deepEqual(result.applied, { 'lang-missing': 1, dateline: 1 });
  });

  test('whitespace-only stretch and trailing residue in one go', () => {
    const text = 'Titel\n\nErster Absatz.\n\n\u00a0\n\nZweiter Absatz.  \n\nBeitrage Teilen';
    assert.equal(fixAll({ text }, mergeConfig({ rules: { 'lang-missing': 'off' } })).text, 'Titel\n\nErster Absatz.\n\nZweiter Absatz.');
  });
});

describe('lastArticleReading', () => {
  test('reads an article once however often asked, and reads the next article afresh', () => {
    const read: string[] = [];
    const firstLine = lastArticleReading((article) => {
      read.push(article.text);
      return article.lines[0].text;
    });
    const first = parseArticle('Eins\n\nText.');
    const second = parseArticle('Zwei\n\nText.');
    assert.equal(firstLine(first), 'Eins');
    assert.equal(firstLine(first), 'Eins');
    assert.equal(firstLine(second), 'Zwei');
    assert.equal(firstLine(first), 'Eins');
    assert.deepEqual(read, ['Eins\n\nText.', 'Zwei\n\nText.', 'Eins\n\nText.']);
  });
});
