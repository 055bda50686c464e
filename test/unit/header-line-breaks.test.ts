// The header reads the same with every line break the line index knows (\n, \r\n, a lone \r): the same fields and
// values, with spans that are exact offsets into the original text, and edits that keep the file's line breaks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeArticle } from '../../server/src/core/analyze';
import { parseArticle } from '../../server/src/core/article';
import { defaultConfig } from '../../server/src/core/config';
import { setHeaderFields } from '../../server/src/core/header';
import { applyEdits } from '../../server/src/core/text';

const lines = ['---', 'lang: de', 'source: "fotoMAGAZIN"', 'ignore: [doubled-word, web-residue]', 'author: Andreas Jordan', '---', 'Leica und Xiaomi', '', 'Die Leica Camera AG baut baut ihre Kooperationen aus.', ''];
const breaks: Array<[string, string]> = [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']];

/** Each field as "key = value | value as written | key line as written". */
function fieldsOf(text: string): string[] {
  const header = parseArticle(text).header!;
  assert.deepEqual(header.problems, []);
  return header.fields.map((f) => `${f.key} = ${JSON.stringify(f.value)} | ${text.slice(f.valueSpan.start, f.valueSpan.end)} | ${text.slice(f.lineSpan.start, f.lineSpan.end)}`);
}

describe('header with each kind of line break', () => {
  const expected = fieldsOf(lines.join('\n'));
  for (const [name, eol] of breaks) {
    test(`${name}: the same fields, values and spans`, () => {
      const text = lines.join(eol);
      assert.deepEqual(fieldsOf(text), expected);
      const header = parseArticle(text).header!;
      assert.deepEqual(header.fields.map((f) => f.itemSpans?.map((s) => text.slice(s.start, s.end))).filter(Boolean), [['doubled-word', 'web-residue']]);
      assert.equal(text.slice(header.span.end), lines.slice(6).join(eol), 'the header ends after the closing fence’s line break');
    });

    test(`${name}: the header’s values count (lang, ignore); only the line endings are reported`, () => {
      const ids = analyzeArticle({ text: lines.join(eol) }, defaultConfig).findings.map((f) => f.ruleId);
      assert.deepEqual([...new Set(ids)], eol === '\n' ? [] : ['line-endings']);
    });

    test(`${name}: setting fields keeps the file’s line break`, () => {
      const text = lines.join(eol);
      const edits = setHeaderFields(text, parseArticle(text).header, [['lang', 'it'], ['published', '2022-05-24']])!;
      assert.equal(applyEdits(text, edits), [...lines.slice(0, 1), 'lang: it', ...lines.slice(2, 5), 'published: 2022-05-24', ...lines.slice(5)].join(eol));
    });
  }

  test('a syntax error is placed exactly with a lone CR as with LF', () => {
    const broken = ['---', 'lang: de', 'source: [fotoMAGAZIN', '---', 'Titel', ''];
    const problemsOf = (text: string) => parseArticle(text).header!.problems.map((p) => `${p.kind} ${p.span.start}-${p.span.end}`);
    assert.notDeepEqual(problemsOf(broken.join('\n')), []);
    assert.deepEqual(problemsOf(broken.join('\r')), problemsOf(broken.join('\n')));
  });
});
