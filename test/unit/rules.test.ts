// Every rule's documented examples are its first unit test: the bad one must trigger it, the good one must not,
// and a fix must make the finding go away while changing text only inside its edits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeArticle } from '../../server/src/core/analyze';
import { defaultConfig } from '../../server/src/core/config';
import { CorpusFileIndex } from '../../server/src/core/file-index';
import { rules } from '../../server/src/core/rules';
import { applyEdits, sortEdits } from '../../server/src/core/text';
import { defaultExampleFileName, exampleFindings } from '../../server/src/tools/ruleCatalog';

describe('rule registry', () => {
  test('ids are unique kebab-case and every rule is documented', () => {
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of rules) {
      assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(rule.description.endsWith('.'), `${rule.id}: description is a sentence`);
      assert.ok(rule.docs.rationale.length > 40, `${rule.id}: rationale says why`);
      assert.ok(rule.check || rule.checkBytes || rule.checkSize, `${rule.id}: checks something`);
    }
  });
});

for (const rule of rules) {
  describe(rule.id, () => {
    test('the bad example triggers it', () => {
      assert.ok(exampleFindings(rule, rule.docs.bad).length > 0, `${rule.id} did not report its bad example`);
    });

    test('the good example does not', () => {
      assert.deepEqual(exampleFindings(rule, rule.docs.good).map((f) => f.message), []);
    });

    const [finding] = rule.docs.bad.bytesHex === undefined ? exampleFindings(rule, rule.docs.bad) : [];
    if (finding?.fix) {
      test(`its fix (“${finding.fix.title}”) removes the finding and edits only its own ranges`, () => {
        const text = rule.docs.bad.text;
        const fixed = applyEdits(text, finding.fix!.edits);
        const name = rule.docs.bad.fileName ?? defaultExampleFileName;
        const after = analyzeArticle({ text: fixed, file: { name, corpus: new CorpusFileIndex([name]) } }, defaultConfig).findings;
        assert.ok(!after.some((f) => f.ruleId === rule.id && f.span.start === finding.span.start && f.message === finding.message), `${rule.id} still reported after its fix:\n${fixed}`);
        // Outside the edits, the text is the same characters in the same order.
        let cursor = 0;
        let rebuilt = '';
        for (const edit of sortEdits(finding.fix!.edits)) {
          rebuilt += text.slice(cursor, edit.start) + edit.newText;
          cursor = edit.end;
        }
        assert.equal(fixed, rebuilt + text.slice(cursor));
      });
    }
  });
}
