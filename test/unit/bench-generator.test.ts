// The benchmark's corpus generator (test/bench/generator.ts): deterministic, articles the engine reads as
// intended in the intended languages, and a 20,000-entity knowledge base that loads without a problem.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { parseArticle } from '../../server/src/core/article';
import { defaultConfig } from '../../server/src/core/config';
import { readKnowledgeBase } from '../../server/src/core/entities/knowledge-base';
import { headerField } from '../../server/src/core/header';
import { detectLanguage } from '../../server/src/core/language/detect';
import { fileNamePattern } from '../../server/src/core/rules/file-name';
import { benchLanguages } from '../bench/prose';
import {
  articleFileName,
  generateArticle,
  generateKnowledgeBase,
  generatorVersion,
  hugeArticle,
  knowledgeBaseJson,
  knowledgeBaseSize,
  languageWeights,
  typingArticle,
} from '../bench/generator';

const seed = 7;
const kb = generateKnowledgeBase(seed);
const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

describe('bench generator', () => {
  test('the same seed gives the same bytes, another seed other bytes', () => {
    const again = generateKnowledgeBase(seed);
    assert.equal(sha(knowledgeBaseJson(again)), sha(knowledgeBaseJson(kb)));
    for (const index of [0, 1, 2, 517, 9_999]) {
      assert.equal(generateArticle(again, seed, index).text, generateArticle(kb, seed, index).text, `article ${index}`);
    }
    assert.equal(typingArticle(again, seed, 999).text, typingArticle(kb, seed, 999).text);
    assert.notEqual(generateArticle(kb, seed + 1, 0).text, generateArticle(kb, seed, 0).text);
  });

  test(`corpora on disk are reused by generator version: a change of output needs a new version (now ${generatorVersion})`, () => {
    const pinned = [0, 1, 2].map((i) => sha(generateArticle(kb, seed, i).text)).join(' ');
    assert.equal(`${sha(knowledgeBaseJson(kb))} ${pinned}`, 'f95453b48fb23623 119e54fbe21f4a51 55997d9b4cda27b5 7cd1c7f69cd6592e', 'the generator output changed: bump generatorVersion in test/bench/generator.ts and update this pin');
  });

  test('file names follow the seeds’ pattern and are unique', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => articleFileName(seed, i, 5));
    assert.ok(names.every((n) => fileNamePattern.test(n)), 'names.every((n) => fileNamePattern.test(n))');
    assert.equal(new Set(names.map((n) => n.slice(6, 22))).size, names.length);
    assert.ok(fileNamePattern.test(articleFileName(seed, 7)), 'fileNamePattern.test(articleFileName(seed, 7))');
  });

  test('articles parse: header with the declared language, a title, paragraphs of about 3 KB in all', () => {
    let bytes = 0;
    for (let i = 0; i < 300; i++) {
      const generated = generateArticle(kb, seed, i);
      const article = parseArticle(generated.text);
      bytes += Buffer.byteLength(generated.text);
      assert.ok(generated.text.length > 2000, `article ${i} is too short`);
      assert.deepEqual(article.header?.problems ?? [], [], `article ${i}: header problems`);
      const lang = headerField(article.header, 'lang')?.value;
      if (generated.faults.includes('lang-missing')) assert.equal(lang, undefined);
      else assert.equal(String(lang).toLowerCase(), generated.lang, `article ${i}: lang`);
      assert.ok(article.title, `article ${i}: no title`);
      assert.ok(article.paragraphs.length >= 3, `article ${i}: ${article.paragraphs.length} paragraphs`);
    }
    const average = bytes / 300;
    assert.ok(average > 2700 && average < 3700, `average ${average} bytes`);
  });

  test('the language mix is the requested one, and franc recognises each article’s language', () => {
    const counts: Record<string, number> = {};
    let clean = 0;
    let detected = 0;
    const n = 600;
    for (let i = 0; i < n; i++) {
      const generated = generateArticle(kb, seed, i);
      counts[generated.lang] = (counts[generated.lang] ?? 0) + 1;
      if (generated.faults.length === 0) clean++;
      if (i < 120 && detectLanguage(parseArticle(generated.text), defaultConfig).language === generated.lang) detected++;
    }
    for (const lang of benchLanguages) assert.ok(Math.abs(counts[lang] / n - languageWeights[lang]) < 0.06, `${lang}: ${counts[lang]} of ${n}`);
    assert.ok(detected >= 118, `franc recognised ${detected} of 120 articles`);
    // Most articles are clean; the rest carry a fault or two.
    assert.ok(clean / n > 0.4 && clean / n < 0.75, `${clean} of ${n} clean`);
  });

  test('the typing article is about 100 KB in some 35 paragraphs, the large one about 1 MB', () => {
    const typing = parseArticle(typingArticle(kb, seed, 999).text);
    assert.ok(typing.text.length > 95_000 && typing.text.length < 110_000, `${typing.text.length}`);
    assert.ok(typing.paragraphs.length >= 30 && typing.paragraphs.length <= 50, `${typing.paragraphs.length} paragraphs`);
    const huge = hugeArticle(kb, seed).text;
    assert.ok(huge.length > 1_000_000 && huge.length < 1_100_000, `${huge.length}`);
  });

  test('the 20,000-entity knowledge base loads without a problem: ids and names unique', () => {
    const reading = readKnowledgeBase(knowledgeBaseJson(kb));
    assert.deepEqual(reading.problems.slice(0, 3), []);
    assert.equal(reading.knowledgeBase?.entities.length, knowledgeBaseSize);
    const types = new Set(reading.knowledgeBase!.entities.map((e) => e.type));
    assert.deepEqual([...types].sort(), ['organization', 'other', 'person', 'place', 'product', 'publication']);
  });
});
