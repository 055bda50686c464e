// Properties of the fixes on random articles (generated ones, and the seeds cut down and mutated: see
// test/fuzz/arbitraries.ts): (a) a fix applied alone changes only its own range; (b) fix all applied twice is fix
// all applied once; (c) fix all keeps every letter and digit that no rule means to remove, in order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyzeArticle } from '../../server/src/core/analyze';
import { defaultConfig } from '../../server/src/core/config';
import { CorpusFileIndex } from '../../server/src/core/file-index';
import { fixAll } from '../../server/src/core/fix';
import type { FileContext } from '../../server/src/core/rule';
import { fuzzArticle, seedCatalog, seedTexts, type FuzzArticle } from '../fuzz/arbitraries';
import { changedLetters, fixAllTraced, fixAloneProblems, wordChangingRules } from '../fuzz/invariants';

const numRuns = 700;
const corpus = new CorpusFileIndex(seedTexts.map((s) => s.name));
const catalog = seedCatalog();

/** The file an article is checked as: its seed's name, in the seeds' corpus, with the seeds' knowledge base. */
function fileOf(article: FuzzArticle, withEntities: boolean): FileContext {
  return { name: article.origin === 'generated' ? '005_0123456789abcdef.txt' : article.origin, corpus, ...(withEntities ? { entities: catalog } : {}) };
}

describe('fix properties', () => {
  test('(a) every fix applied alone changes only its own range', () => {
    fc.assert(
      fc.property(fuzzArticle(), (article) => {
        // With the knowledge base, so that the entity rules offer their fixes too.
        const { findings } = analyzeArticle({ text: article.text, file: fileOf(article, true) }, defaultConfig);
        assert.deepEqual(findings.flatMap((finding) => fixAloneProblems(article.text, finding)), []);
      }),
      { numRuns },
    );
  });

  test('(b) fix all applied twice changes nothing more than fix all applied once', () => {
    fc.assert(
      fc.property(fuzzArticle(), (article) => {
        const file = fileOf(article, false);
        const once = fixAll({ text: article.text, file }, defaultConfig);
        const twice = fixAll({ text: once.text, file }, defaultConfig);
        assert.deepEqual(twice.applied, {}, 'the second run applied fixes');
        assert.equal(twice.text, once.text);
      }),
      { numRuns },
    );
  });

  test(`(c) fix all keeps every letter and digit, in order, except where ${[...wordChangingRules].join(', ')} delete or rewrite words`, () => {
    fc.assert(
      fc.property(fuzzArticle(), (article) => {
        const file = fileOf(article, false);
        const traced = fixAllTraced({ text: article.text, file }, defaultConfig);
        for (const pass of traced.passes) assert.equal(changedLetters(pass), undefined);
        // The trace makes the choices fixAll makes: the same text at the end.
        assert.equal(traced.text, fixAll({ text: article.text, file }, defaultConfig).text);
      }),
      { numRuns },
    );
  });
});

describe('faults the properties met, kept as regression tests', () => {
  test('fix all keeps the paragraphs after an unclosed header out of it, and a second run changes nothing', () => {
    const text = `---\nlang: de\n${Array.from({ length: 12 }, (_, i) => `\nAbsatz ${i + 1}.\n`).join('')}`;
    const once = fixAll({ text }, defaultConfig);
    assert.equal(once.text, text, 'nothing here is for fix all to change: the header needs a person');
    assert.deepEqual(fixAll({ text: once.text }, defaultConfig).applied, {});
  });

  test('a header after a byte order mark is read as a header: fix all removes the BOM and nothing else', () => {
    const text = '\ufeff---\nlang: de\nsource: fotoMAGAZIN\n---\nLeica und Xiaomi\n\nDie Leica Camera AG baut ihre Kooperationen aus.\n';
    assert.deepEqual(analyzeArticle({ text }, defaultConfig).findings.map((f) => f.ruleId), ['bom']);
    const fixed = fixAll({ text }, defaultConfig);
    assert.deepEqual(fixed.applied, { bom: 1 });
    assert.equal(fixed.text, text.slice(1));
  });
});
