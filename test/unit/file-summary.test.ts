// The compact summaries the server keeps of every article (server/src/fileSummary.ts): packed in a thread, read
// back through getters, they must give every field of the plain summary they replace — spans, ranges, texts,
// contexts, optional fields — whatever the text (CRLF, emoji at a context's edge, names not as spelled).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyzeArticle, type Analysis } from '../../server/src/core/analyze';
import { defaultConfig, mergeConfig } from '../../server/src/core/config';
import { compileKnowledgeBase, type EntityCatalog } from '../../server/src/core/entities/catalog';
import { createKnowledgeBase, readKnowledgeBase } from '../../server/src/core/entities/knowledge-base';
import type { Span } from '../../server/src/core/text';
import { portableReport } from '../../server/src/core/language/detect';
import { CompactSummary, intern, packSummary, summarise, type FileSummary } from '../../server/src/fileSummary';
import { generateArticle, generateKnowledgeBase } from '../bench/generator';

/** The plain summary, as the server built it before summaries were packed: the reference. */
function plainSummary(analysis: Analysis): FileSummary {
  const article = analysis.article;
  if (!article) return { findings: analysis.findings, mentions: [], events: [] };
  return {
    findings: analysis.findings,
    mentions: analysis.mentions.map(({ span, entityId, text, spelling, caseDiffers }) => ({ span, entityId, text, spelling, caseDiffers, range: article.index.rangeOf(span), context: contextAround(article.text, span) })),
    events: (analysis.events ?? []).map((e) => {
      const located = { span: e.span, text: e.text, type: e.type, value: e.value, anchor: e.anchor, resolution: e.resolution, source: e.source, sentence: e.sentence, entities: e.entities, language: e.language, range: article.index.rangeOf(e.span) };
      return { ...located, ...(e.mod ? { mod: e.mod } : {}), ...(e.anaphoric ? { anaphoric: e.anaphoric } : {}) };
    }),
  };
}

function contextAround(text: string, span: Span): string {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineEndAt = text.indexOf('\n', span.end);
  const lineEnd = lineEndAt === -1 ? text.length : lineEndAt;
  const start = Math.max(lineStart, span.start - 30);
  const end = Math.min(lineEnd, span.end + 30);
  return `${start > lineStart ? '…' : ''}${text.slice(start, end).trim()}${end < lineEnd ? '…' : ''}`;
}

/** A summary as the server gets it from a thread: packed, cloned across, read back. */
function throughThread(analysis: Analysis): CompactSummary {
  const packed = packSummary(analysis);
  return new CompactSummary(structuredClone(packed, { transfer: [packed.data.buffer as ArrayBuffer] }));
}

/** Every field read through the getters (not `toJSON`), as the consumers read them. */
function fieldsOf(summary: FileSummary): FileSummary {
  return {
    findings: summary.findings,
    mentions: summary.mentions.map((m) => ({ span: m.span, entityId: m.entityId, text: m.text, spelling: m.spelling, caseDiffers: m.caseDiffers, range: m.range, context: m.context })),
    events: summary.events.map((e) => {
      const located = { span: e.span, text: e.text, type: e.type, value: e.value, anchor: e.anchor, resolution: e.resolution, source: e.source, sentence: e.sentence, entities: e.entities, language: e.language, range: e.range };
      return { ...located, ...(e.mod ? { mod: e.mod } : {}), ...(e.anaphoric ? { anaphoric: e.anaphoric } : {}) };
    }),
  };
}

function assertSameSummary(analysis: Analysis, label: string): CompactSummary {
  const expected = plainSummary(analysis);
  const compact = throughThread(analysis);
  assert.deepEqual(fieldsOf(compact), expected, label);
  assert.deepEqual(JSON.parse(JSON.stringify(compact)), JSON.parse(JSON.stringify(expected)), `${label}: toJSON`);
  assert.deepEqual(fieldsOf(summarise(analysis)), expected, `${label}: summarise`);
  return compact;
}

const seeds = path.join(__dirname, '..', '..', 'seeds');
const seedCatalog = compileKnowledgeBase(readKnowledgeBase(readFileSync(path.join(seeds, 'entities.json'), 'utf8')).knowledgeBase!);
const seedConfig = mergeConfig(JSON.parse(readFileSync(path.join(seeds, 'seed-corpus.json'), 'utf8')));

function analyse(text: string, catalog: EntityCatalog = seedCatalog, name = '001_0123456789abcdef.txt'): Analysis {
  return analyzeArticle({ text, file: { name, entities: catalog } }, seedConfig, { events: true });
}

describe('compact summaries', () => {
  test('the seeds: every field as in the plain summary', () => {
    let mentions = 0;
    let events = 0;
    for (const name of readdirSync(seeds).filter((f) => f.endsWith('.txt'))) {
      const compact = assertSameSummary(analyse(readFileSync(path.join(seeds, name), 'utf8'), seedCatalog, name), name);
      mentions += compact.mentions.length;
      events += compact.events.length;
    }
    assert.ok(mentions > 50 && events > 10, `${mentions} mentions, ${events} events`);
  });

  test('generated articles in four languages, with their faults', () => {
    const kb = generateKnowledgeBase(7, 2000);
    const catalog = compileKnowledgeBase(createKnowledgeBase(kb.entities));
    let withMod = 0;
    let notAsSpelled = 0;
    for (let index = 0; index < 60; index++) {
      const article = generateArticle(kb, 7, index);
      const analysis = analyse(article.text, catalog, article.name);
      const compact = assertSameSummary(analysis, article.name);
      withMod += compact.events.filter((e) => e.mod).length;
      notAsSpelled += compact.mentions.filter((m) => m.text !== m.spelling).length;
    }
    assert.ok(withMod > 0, 'some events have a modifier');
    assert.ok(notAsSpelled > 0, 'some mentions are not written as spelled');
  });

  test('edges: CRLF and lone CR lines, emoji and combining marks at a context’s edge, a name in capitals, an anaphoric date', () => {
    const texts = [
      'Leica und Xiaomi\r\n\r\nIm Juli 2022 stellte Xiaomi mit Leica das 12S Ultra vor.\r\nEin Jahr später folgte SHARP.\rAm 3. März 2023 kam Huawei.\n',
      `Titel\n\n${'😀'.repeat(20)} Leica ${'😀'.repeat(20)} und Xiaomi ${'e\u0301'.repeat(14)}Huawei${'😀'.repeat(15)}x.\n`,
      `Titel\n\n${'a'.repeat(29)}😀Leica baut seit 2016 mit Huawei.😀${'b'.repeat(28)}\n`,
      '---\nlang: de\npublished: 2022-05-24\n---\nLeica\n\nIm Juli stellte Leica vor. Ein Jahr danach kam Xiaomi, im vergangenen Sommer Huawei.\n',
      '',
      'Nur ein Titel',
    ];
    for (const [i, text] of texts.entries()) assertSameSummary(analyse(text), `text ${i}`);
  });

  test('an article that is not UTF-8: its findings only', () => {
    const analysis = analyzeArticle({ bytes: new Uint8Array([0x4c, 0xff, 0xfe, 0x0a]), file: { name: '001_0123456789abcdef.txt' } }, defaultConfig, { events: true });
    const compact = assertSameSummary(analysis, 'not UTF-8');
    assert.equal(compact.findings[0].ruleId, 'utf8-encoding');
  });

  test('any text: the same fields as the plain summary', () => {
    const pieces = ['Leica', 'SHARP', 'Xiaomi', 'Huawei', ' ', '\n', '\r\n', '\r', '😀', 'é', '„', '“', 'im Juli 2022', '. ', 'seit 2016', 'am 3. März', 'x'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = `Titel\n\n${parts.join('')}\n`;
        const analysis = analyse(text);
        assert.deepEqual(fieldsOf(throughThread(analysis)), plainSummary(analysis));
      }),
      { numRuns: 200 },
    );
  });

  test('strings are shared: equal entity ids and spellings of two articles are one string', () => {
    const a = summarise(analyse('Leica\n\nLeica und Xiaomi im Juli 2022.\n'));
    const b = throughThread(analyse('Xiaomi\n\nXiaomi und Leica seit 2016.\n'));
    assert.ok(a.strings.includes('leica-camera') && b.strings.includes('leica-camera'), `a.strings.includes('leica-camera') && b.strings.includes('leica-camera')`);
    assert.equal(intern('leica-camera'), a.strings.find((s) => s === 'leica-camera'));
    assert.equal(a.strings.find((s) => s === 'leica-camera'), b.strings.find((s) => s === 'leica-camera'));
  });

  test('entity lists are shared: events of two articles that name the same entities hold one list', () => {
    const both = (text: string) => throughThread(analyse(text)).events.map((event) => event.entities);
    const [pair] = both('Leica\n\nAm 4. Juli 2022 stellten Leica und Xiaomi das 12S Ultra vor.\n');
    const [samePair] = both('Xiaomi\n\nAm 1. März 2021 stellten Leica und Xiaomi ein Telefon vor.\n');
    const [one] = both('Leica\n\nAm 4. Juli 2022 stellte Leica ein Telefon vor.\n');
    const [sameOne] = both('Leica\n\nAm 1. März 2021 stellte Leica ein Telefon vor.\n');
    assert.deepEqual(pair, ['leica-camera', 'xiaomi']);
    assert.equal(samePair, pair);
    assert.deepEqual(one, ['leica-camera']);
    assert.equal(sameOne, one, 'a list that starts another is a list of its own');
  });

  test('an article past 64 K characters: 32-bit words, the same fields', () => {
    const paragraph = 'Im Juli 2022 stellte Xiaomi mit Leica das 12S Ultra vor, seit 2016 arbeitet Huawei mit SHARP. 😀 „Zitat“ und mehr.';
    const text = `Titel\n\n${Array.from({ length: 700 }, (_, i) => `${paragraph} Absatz ${i}.`).join('\n\n')}\n`;
    assert.ok(text.length > 65_536, 'text.length > 65_536');
    const analysis = analyse(text);
    assert.equal(packSummary(analysis).data[0], 4);
    assert.equal(packSummary(analyse('Leica\n\nLeica im Juli 2022.\n')).data[0], 2);
    assertSameSummary(analysis, 'long article');
  });

  test('the language report travels in the block: the same report back, scores to the bit and in their order, through a copy of the block; none without a configuration', () => {
    const config = seedConfig;
    // Past 64 KB of report (1,200 paragraphs), the words are 32 bits wide.
    const long = `Titel\n\n${Array.from({ length: 1200 }, (_, i) => `Im Juli 2022 stellte Xiaomi mit Leica das 12S Ultra vor. Absatz ${i}.`).join('\n\n')}\n`;
    for (const text of ['Leica\n\nLeica und Xiaomi im Juli 2022.\n', long]) {
      const analysis = analyse(text);
      const packed = packSummary(analysis, config);
      const expected = portableReport(analysis.language!, config);
      if (text === long) assert.ok(expected.paragraphs.every((p) => Object.keys(p.scores).length > 1), 'paragraphs scored in several languages');
      const back = new CompactSummary({ ...packed, data: new Uint8Array(packed.data) });
      // As plain data: a report without a language has no such key.
      assert.deepEqual(back.language, JSON.parse(JSON.stringify(expected)));
      assert.deepEqual(back.language!.paragraphs.map((p) => Object.keys(p.scores)), expected.paragraphs.map((p) => Object.keys(p.scores)), 'the scores in the ranking’s order');
      if (text === long) {
        // The header's seventh word counts the report's bytes.
        const reportBytes = packed.data[0] === 4 ? new Uint32Array(packed.data.buffer, packed.data.byteOffset + 4, 7)[6] : new Uint16Array(packed.data.buffer, packed.data.byteOffset + 4, 7)[6];
        assert.ok(reportBytes > 65_535 && packed.data[0] === 4, `${reportBytes} bytes of report, words of ${packed.data[0]} bytes`);
      }
      assert.deepEqual(back.toJSON(), summarise(analysis).toJSON(), 'the other fields as without it');
      assert.equal(summarise(analysis).language, undefined);
    }
  });

  test('a damaged block is refused, never read', () => {
    const packed = packSummary(analyse('Leica\n\nLeica und Xiaomi im Juli 2022.\n'));
    assert.equal(packed.data[0], 2);
    const damaged = (change: (words: Uint16Array, data: Uint8Array) => void) => {
      const data = new Uint8Array(packed.data);
      change(new Uint16Array(data.buffer, 4, (data.byteLength - 4) >> 1), data);
      return () => new CompactSummary({ ...packed, data });
    };
    new CompactSummary({ ...packed, data: new Uint8Array(packed.data) });
    // Header (seven words): mention count, event count, line count, ...; the first mention follows the line starts.
    const firstMention = (w: Uint16Array) => 7 + w[2];
    assert.throws(damaged((w) => (w[0] += 1)), /size/);
    assert.throws(damaged((w) => (w[6] += 1)), /size/, 'a language report longer than the block');
    assert.throws(damaged((_, data) => (data[0] = 3)), /word size/);
    assert.throws(damaged((w) => (w[firstMention(w) + 2] = 999)), /string index/);
    assert.throws(damaged((w) => (w[firstMention(w) + 1] = 60_000)), /span/);
    assert.throws(damaged((w) => (w[firstMention(w) + 7] = 60_000)), /text field/);
    assert.throws(() => new CompactSummary({ ...packed, data: packed.data.subarray(0, 8) }), /short/);
    assert.throws(() => new CompactSummary({ ...packed, strings: [1 as unknown as string] }), /string table/);
    assert.throws(() => new CompactSummary({ ...packed, findings: [null as never] }), /finding/);
  });
});
