// Files that are no proper article — binary, another encoding, empty, huge, pathologically nested — go through
// analyzeArticle and fixAll without an exception, in reasonable time, and end in findings that say what is wrong.
// Each case runs in a worker (test/fuzz/isolate.ts), so one that hangs fails after its time limit instead of
// stalling the suite.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { ruleById } from '../../server/src/core/rules';
import type { BadInputName } from '../fuzz/bad-inputs';
import { Isolate } from '../fuzz/isolate';
import type { BadInputAnalysis, BadInputFix, ReportedFinding } from '../fuzz/probes';

const isolate = new Isolate(path.join(__dirname, '..', 'fuzz', 'probes.ts'));
after(() => isolate.close());

// Loose on purpose: speed targets belong to the bench; this only tells "finishes" from "hangs".
const limitMs = 10_000;

interface Expectation {
  /** Exactly these rules report (each at least once). */
  only?: string[];
  /** At least these rules report. */
  includes?: string[];
  /** A finding's message matches this. */
  message?: RegExp;
  /** How many findings, when it matters. */
  count?: number;
  /** Fix all must leave the text as it is (nothing it could safely do). */
  unchanged?: boolean;
  /** A known fault in server/src that the case shows; the test reports as todo until it is fixed. */
  todo?: string;
}

const undecodable: Expectation = { only: ['utf8-encoding'], count: 1 };
const tooLarge = (extra: Expectation = {}): Expectation => ({
  only: ['article-too-large'],
  count: 1,
  message: /too large to analyse \(\d+(\.\d)? MB; the limit is 2\.0 MB\)/,
  todo: !ruleById.has('article-too-large') ? 'size limit not yet implemented' : undefined,
  ...extra,
});

const expectations: Record<BadInputName, Expectation> = {
  'random bytes (64 KB)': { ...undecodable, message: /^The file is not valid UTF-8 \(byte 0x[0-9A-F]{2} at line \d+\); re-save it as UTF-8\. Nothing else was checked\.$/ },
  'a PNG image': { ...undecodable, message: /not valid UTF-8 \(byte 0x89 at line 1\)/ },
  'Latin-1 text': { ...undecodable, message: /not valid UTF-8 \(byte 0xF6 at line 4\)/ },
  'UTF-16 LE with a byte order mark': { ...undecodable, message: /^The file is UTF-16 \(byte order mark FF FE\), not UTF-8/ },
  'UTF-16 BE with a byte order mark': { ...undecodable, message: /^The file is UTF-16 \(byte order mark FE FF\), not UTF-8/ },
  'an empty file': { includes: ['title-missing'], message: /has no title/, unchanged: true },
  'an empty buffer': { includes: ['title-missing'], message: /has no title/, unchanged: true },
  'a header only': { only: ['title-missing'], message: /has no title/, unchanged: true },
  'a header never closed': { includes: ['header-unclosed'], message: /never closed/ },
  'a header never closed, to the end of the file': { includes: ['header-unclosed', 'title-missing'], unchanged: true },
  'only whitespace': { includes: ['title-missing'] },
  'CR-only line endings': { only: ['line-endings'], message: /6 CR line endings/ },
  'NUL bytes': { only: ['control-characters'], count: 2, message: /^Control characters? U\+0000( U\+0000)? in the text\.$/, unchanged: true },
  // Fix all leaves it as it came: `seed-corpus fix` writes what fix all returns.
  'a 10 MB single line': tooLarge({ unchanged: true }),
  'a 10 MB single line, as bytes': tooLarge(),
  '200,000 lines': { only: [], unchanged: true },
  // 199,999 fixes in one pass: choosing those that do not overlap must not compare each with all chosen before.
  '200,000 lines without blank lines': { includes: ['paragraph-separation'], count: 200_000 },
  '20,000 whitespace-only lines': { includes: ['whitespace-only-line'] },
  'a 100 KB word': { includes: [] },
  '10,000 levels of nested brackets': { only: [], unchanged: true },
  '10,000 levels of nested quotes': { only: ['quote-style'] },
  '10,000 levels of mixed nesting': { only: ['quote-style'] },
  '10,000 unclosed brackets': { includes: ['bracket-balance'], count: 10_000, message: /^Bracket “\(” in “Text \(\(\(.*” is never closed in this paragraph; add the closing “\)” or delete it\.$/, unchanged: true },
  '10,000 closing brackets without opening': { includes: ['bracket-balance'], message: /closes nothing in this paragraph/, unchanged: true },
  '10,001 straight quotes': { only: ['quote-balance'], count: 1, unchanged: true },
  '10,000 unbalanced quotes of every kind': { includes: ['quote-balance'] },
};

/** A message a person can act on: a sentence, no placeholders left unfilled. */
function assertClearMessage(finding: ReportedFinding) {
  assert.match(finding.message, /^\S[\s\S]{9,}[.?]$/u, `${finding.ruleId}: “${finding.message}” is not a sentence`);
  assert.doesNotMatch(finding.message, /undefined|NaN|\[object |null\b/, `${finding.ruleId}: “${finding.message}”`);
}

function assertWellPlaced(finding: ReportedFinding, textLength: number | undefined) {
  const { start, end } = finding.range;
  assert.ok(start.line >= 0 && start.character >= 0 && (end.line > start.line || (end.line === start.line && end.character >= start.character)), `${finding.ruleId}: range ${JSON.stringify(finding.range)}`);
  if (textLength !== undefined) assert.ok(finding.span.start >= 0 && finding.span.start <= finding.span.end && finding.span.end <= textLength, `${finding.ruleId}: span ${finding.span.start}-${finding.span.end} of ${textLength}`);
}

async function run<T>(name: string, what: 'analyzeBadInput' | 'fixBadInput', input: BadInputName): Promise<T & { ms: number }> {
  const outcome = await isolate.call<T>(what, [input], limitMs);
  if (outcome.kind === 'timed out') assert.fail(`${name} did not finish in ${limitMs / 1000} s`);
  if (outcome.kind === 'threw') assert.fail(`${name} threw: ${outcome.error}`);
  return { ...outcome.value, ms: outcome.ms };
}

describe('bad input: analyzeArticle and fixAll', () => {
  for (const [name, expected] of Object.entries(expectations) as Array<[BadInputName, Expectation]>) {
    test(name, { todo: expected.todo }, async (t) => {
      const analysis = await run<BadInputAnalysis>('analyzeArticle', 'analyzeBadInput', name);
      const ids = [...new Set(analysis.findings.map((f) => f.ruleId))].sort();
      t.diagnostic(`analyzeArticle: ${Math.round(analysis.ms)} ms, ${analysis.findings.length} findings (${ids.join(', ') || 'none'})`);
      for (const finding of analysis.findings) {
        assertClearMessage(finding);
        assertWellPlaced(finding, analysis.textLength);
      }
      if (expected.only) assert.deepEqual(ids, [...expected.only].sort());
      for (const id of expected.includes ?? []) assert.ok(ids.includes(id), `${id} among ${ids.join(', ')}`);
      if (expected.count !== undefined) assert.equal(analysis.findings.length, expected.count);
      if (expected.message) assert.ok(analysis.findings.some((f) => expected.message!.test(f.message)), `a message like ${expected.message} among:\n${[...new Set(analysis.findings.map((f) => f.message))].slice(0, 5).join('\n')}`);

      const fixed = await run<BadInputFix>('fixAll', 'fixBadInput', name);
      t.diagnostic(`fixAll: ${Math.round(fixed.ms)} ms, applied ${JSON.stringify(fixed.applied)}`);
      assert.ok(fixed.lettersKept, 'fix all lost or added letters or digits');
      // Fixing must not make a new kind of problem: whatever remains was there before.
      assert.deepEqual(fixed.remaining.filter((id) => !ids.includes(id)), [], 'fix all made new problems');
      if (analysis.textLength === undefined) assert.deepEqual(fixed.applied, {}, 'nothing is fixed in a file that was not analysed');
      if (expected.unchanged) {
        assert.deepEqual(fixed.applied, {});
        if (fixed.text.input === 'text') assert.ok(fixed.text.same, `fix all changed the text (${fixed.text.length} characters left)`);
      }
    });
  }
});
