// Every regular expression of the core checked for catastrophic backtracking: the literals and `new RegExp` calls
// of server/src/core are found with the TypeScript compiler, and each gets a family of adversarial 100 KB inputs
// (test/fuzz/adversarial.ts), run with `exec` in a loop as the code would; each must finish in 2 s. Patterns
// built at run time are checked as built (the timeline reader's rules, the web-residue patterns) or through the
// function that builds and uses them (language detection, the line classifiers, the date extractor). Every check
// runs in a worker, so a pattern that backtracks for minutes fails after its limit instead of stalling the suite.
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test, type TestContext } from 'node:test';
import * as ts from 'typescript';
import { residueMatchers } from '../../server/src/core/data/residue';
import { latinCharacter } from '../../server/src/core/language/rank';
import { timelineLanguages } from '../../server/src/core/timeline/lexicon';
import { readerFor } from '../../server/src/core/timeline/readers';
import { adversarialSize, regexInputs, timelineInputs, type InputSpec } from '../fuzz/adversarial';
import { IsolatePool, type Outcome } from '../fuzz/isolate';
import type { CallerBound } from '../fuzz/probes';

const core = path.join(__dirname, '..', '..', 'server', 'src', 'core');
// Checks run side by side, one worker per core (at most four): each measures its own time.
const isolate = new IsolatePool(path.join(__dirname, '..', 'fuzz', 'probes.ts'), Math.max(1, Math.min(4, availableParallelism())));
after(() => isolate.close());
const concurrency = isolate.size;

const regexLimitMs = 2_000;
// The extractor runs every rule of a language over each stretch of a line around a date cue.
const extractionLimitMs = 10_000;

interface FoundRegex {
  file: string;
  line: number;
  source: string;
  flags: string;
}

interface DynamicRegex {
  file: string;
  line: number;
  call: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const full = path.join(folder, name);
      return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
    });
}

/** Regular-expression literals and `new RegExp(…)` / `RegExp(…)` calls; those whose pattern is not a literal are dynamic. */
function collectRegexes(folder: string): { literal: FoundRegex[]; dynamic: DynamicRegex[] } {
  const literal: FoundRegex[] = [];
  const dynamic: DynamicRegex[] = [];
  for (const file of sourceFiles(folder)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const relative = path.relative(folder, file).split(path.sep).join('/');
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const visit = (node: ts.Node) => {
      if (ts.isRegularExpressionLiteral(node)) {
        const end = node.text.lastIndexOf('/');
        literal.push({ file: relative, line: lineOf(node), source: node.text.slice(1, end), flags: node.text.slice(end + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const [pattern, flags] = node.arguments ?? [];
        const isText = (n: ts.Node | undefined): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral => !!n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n));
        if (isText(pattern) && (flags === undefined || isText(flags))) literal.push({ file: relative, line: lineOf(node), source: pattern.text, flags: flags?.text ?? '' });
        else dynamic.push({ file: relative, line: lineOf(node), call: node.getText().replace(/\s+/g, ' ') });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literal, dynamic };
}

const found = collectRegexes(core);
const keyOf = (r: { file: string; source: string; flags: string }) => `${r.file} /${r.source}/${r.flags}`;

// An expression's text is one match of a reader rule, a few words of a line whose every run of whitespace is one
// space (extract.ts, normalise): far less than 400 characters.
const expressionText = { length: 400, collapseWhitespace: true, why: 'reads the text of one expression the reader found: under 400 characters, whitespace collapsed' };
/**
 * Patterns whose callers only ever hand them a bounded piece of text: these are run on the adversarial input cut
 * down as that caller would.
 */
const boundedByCaller = new Map<string, CallerBound & { why: string }>([
  [String.raw`timeline/extract.ts /\s+(?:[-–—]|bis|to|through|until|till|al|au|à|hasta|a|und|and|e|et|y)\s+/iu`, expressionText],
]);

/**
 * Known faults, by file and pattern (`file /source/flags`): a test here demonstrates each and reports as todo until
 * the pattern changes. None at present.
 */
const knownSlow = new Map<string, string>();

interface Slowest {
  what: string;
  input: string;
  ms: number;
}
const slowest: Slowest[] = [];

function remember(entry: Slowest) {
  slowest.push(entry);
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 5);
}

/** Runs each input through a probe in the worker; the first that throws or overruns fails the test. */
async function checkInputs(t: TestContext, what: string, specs: InputSpec[], limitMs: number, call: (spec: InputSpec) => Promise<Outcome<unknown>>) {
  let worst: Slowest | undefined;
  for (const spec of specs) {
    const outcome = await call(spec);
    if (outcome.kind === 'threw') assert.fail(`${what} threw on ${spec.name}: ${outcome.error}`);
    if (outcome.kind === 'timed out') assert.fail(`${what} did not finish on ${spec.name} (${adversarialSize / 1000} KB) within ${limitMs / 1000} s`);
    assert.ok(outcome.ms < limitMs, `${what} took ${Math.round(outcome.ms)} ms on ${spec.name}`);
    if (!worst || outcome.ms > worst.ms) worst = { what, input: spec.name, ms: outcome.ms };
  }
  if (worst) {
    remember(worst);
    t.diagnostic(`${specs.length} inputs; slowest: ${worst.input}, ${Math.round(worst.ms)} ms`);
  }
}

function checkPattern(t: TestContext, what: string, source: string, flags: string, bound?: CallerBound) {
  const specs = regexInputs(source);
  return checkInputs(t, what, specs, regexLimitMs, (spec) => isolate.call('execAll', [source, flags, spec, bound && { length: bound.length, collapseWhitespace: bound.collapseWhitespace }], regexLimitMs));
}

describe('regular expressions written in server/src/core', { concurrency }, () => {
  test('the collector finds them', () => {
    assert.ok(found.literal.length > 50, `${found.literal.length} literals`);
    for (const r of found.literal) assert.doesNotThrow(() => new RegExp(r.source, r.flags), keyOf(r));
  });

  for (const r of found.literal) {
    const bound = boundedByCaller.get(keyOf(r));
    const where = bound ? ` (as its caller cuts the input down: it ${bound.why})` : '';
    test(`${r.file}:${r.line} /${r.source}/${r.flags}${where}`, { todo: knownSlow.get(keyOf(r)) }, (t) => checkPattern(t, `/${r.source}/${r.flags}`, r.source, r.flags, bound));
  }
});

/** How each pattern built at run time is checked; a new one must be added here. */
const dynamicCovers: Array<{ file: string; call: RegExp; how: string }> = [
  { file: 'data/residue.ts', call: /\$\{body\}/, how: 'each web-residue pattern as built (residueMatchers), and matchResidue on long lines' },
  { file: 'data/special-lines.ts', call: /creditLabels/, how: 'isCreditLine on long lines' },
  { file: 'language/mask.ts', call: /escaped/, how: 'detectLanguage with configured names, on long paragraphs' },
  { file: 'timeline/extract.ts', call: /./, how: 'extractTemporalExpressions per language' },
  { file: 'timeline/lexicon.ts', call: /./, how: 'extractTemporalExpressions per language' },
  { file: 'timeline/reader.ts', call: /./, how: 'each reader rule’s pattern as built per language, and extractTemporalExpressions per language' },
  { file: 'timeline/grammar-de.ts', call: /./, how: 'each German reader rule’s pattern, and extractTemporalExpressions in German' },
  { file: 'timeline/grammar-it.ts', call: /./, how: 'each Italian reader rule’s pattern, and extractTemporalExpressions in Italian' },
  { file: 'timeline/grammar-en.ts', call: /./, how: 'each English reader rule’s pattern, and extractTemporalExpressions in English' },
  { file: 'timeline/grammar-fr.ts', call: /./, how: 'each French reader rule’s pattern, and extractTemporalExpressions in French' },
  { file: 'timeline/grammar-es.ts', call: /./, how: 'each Spanish reader rule’s pattern, and extractTemporalExpressions in Spanish' },
  { file: 'entities/tokens.ts', call: /./, how: 'wordTokens on long lines' },
  { file: 'language/rank.ts', call: /expressions\.Latin/, how: 'franc’s Latin expression, anchored, as built (latinCharacter)' },
];

describe('regular expressions built at run time', { concurrency }, () => {
  test('each is covered by a check below', (t) => {
    const uncovered = found.dynamic.filter((d) => !dynamicCovers.some((c) => c.file === d.file && c.call.test(d.call)));
    for (const d of found.dynamic) t.diagnostic(`${d.file}:${d.line} ${d.call.slice(0, 90)}`);
    assert.deepEqual(uncovered.map((d) => `${d.file}:${d.line} ${d.call}`), [], 'add a check for these patterns and list it in dynamicCovers');
  });

  for (const [i, { language, pattern }] of residueMatchers.entries()) {
    // matchResidue trims the line and gives up on anything longer than 200 characters.
    test(`data/residue.ts: web-residue pattern ${i} (${language}) /${pattern.source}/${pattern.flags} (in pieces of 200 characters: matchResidue skips longer lines)`, (t) =>
      checkPattern(t, `residue pattern ${i}`, pattern.source, pattern.flags, { length: 200 }));
  }

  for (const language of timelineLanguages) {
    for (const [i, pattern] of readerFor(language).patterns.entries()) {
      test(`timeline/reader.ts: rule ${i} for ${language} /${pattern.source.length > 120 ? pattern.source.slice(0, 117) + '…' : pattern.source}/${pattern.flags}`, (t) =>
        checkPattern(t, `${language} pattern ${i}`, pattern.source, pattern.flags));
    }
  }

  test('data/special-lines.ts and data/residue.ts: isCreditLine, parseDateline and matchResidue on long lines', (t) => {
    const specs = [...regexInputs('^(?:Bild|Fonte|Source)\\s*:\\s*\\S.{0,200}$'), ...regexInputs(String.raw`^(\d{1,2})[-./](\d{1,2})[-./](\d{4})\s+(\d{1,2})[:.](\d{2})\s*[-–—|]\s*Fonte\s*:\s*(\S.{0,200})$`)];
    for (const head of ['Bild: ', 'Fonte:', '24-05-2022 15:02 - Fonte: ', 'Deine E-Mail-Adresse wird nicht veröffentlicht.', '- Continua']) specs.push({ name: `“${head}”, then spaces`, head, unit: ' ', tail: 'x' });
    return checkInputs(t, 'the line classifiers', specs, regexLimitMs, (spec) => isolate.call('classifyOn', [spec], regexLimitMs));
  });

  test(`language/rank.ts: franc’s Latin expression, anchored (latinCharacter, ${latinCharacter.source.length} characters)`, (t) =>
    checkPattern(t, 'latinCharacter', latinCharacter.source, latinCharacter.flags));

  test('entities/tokens.ts: wordTokens on long lines', (t) => {
    // Letters, digits and the punctuation that joins them inside a word ("dell’Huawei", "U.S", "1.000", "3,5").
    const specs = regexInputs(String.raw`[\p{L}\p{Nd}_\u0301\u00AD][’'.:·,;][\p{L}\p{Nd}]`);
    for (const unit of ['a’', 'a.', '1,', '1.', 'a\u0301', '_a', 'a’1', '1’a', 'A.B.', '漢字', 'ไทย']) specs.push({ name: `${JSON.stringify(unit)} repeated`, unit });
    return checkInputs(t, 'wordTokens', specs, regexLimitMs, (spec) => isolate.call('tokensOn', [spec], regexLimitMs));
  });

  test('language/mask.ts: the name masker (built from configured names) and the masks, through detectLanguage', (t) => {
    const names = ['Leica Camera AG', 'Xiaomi', 'R & D', 'Lei Jun'];
    // Inputs for the pattern the masker builds from these names.
    const specs = regexInputs(String.raw`(?<![\p{L}\p{N}])(?:${names.join('|')})(?![\p{L}\p{N}])`);
    return checkInputs(t, 'detectLanguage', specs, regexLimitMs, (spec) => isolate.call('detectOn', [spec, names], regexLimitMs));
  });
});

describe('the date extractor on adversarial lines', { concurrency }, () => {
  for (const language of timelineLanguages) {
    const specs = timelineInputs(language);
    test(`extractTemporalExpressions, ${language}: ${specs.map((s) => s.name).join(', ')}`, (t) =>
      checkInputs(t, `extractTemporalExpressions (${language})`, specs, extractionLimitMs, (spec) => isolate.call('extractOn', [spec, language], extractionLimitMs)));
  }
});

test('the slowest inputs', (t) => {
  for (const s of slowest) t.diagnostic(`${Math.round(s.ms)} ms: ${s.what} on ${s.input}`);
});
