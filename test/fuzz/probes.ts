// What the robustness tests run in a worker (see isolate.ts), one call per input, so that a hang is stopped and
// reported instead of stalling the suite. Inputs are built here from small descriptions; results are plain data.
import { analyzeArticle, type Finding } from '../../server/src/core/analyze';
import { parseArticle } from '../../server/src/core/article';
import { defaultConfig, type CorpusConfig } from '../../server/src/core/config';
import { isCreditLine, parseDateline } from '../../server/src/core/data/special-lines';
import { matchResidue } from '../../server/src/core/data/residue';
import { fixAll } from '../../server/src/core/fix';
import { detectLanguage } from '../../server/src/core/language/detect';
import { wordTokens } from '../../server/src/core/entities/tokens';
import { extractTemporalExpressions } from '../../server/src/core/timeline';
import { buildInput, type InputSpec } from './adversarial';
import { badInputs, type BadInputName } from './bad-inputs';
import { lettersAndDigits } from './invariants';

const compiled = new Map<string, RegExp>();

/** How a caller cuts text down before a pattern sees it. */
export interface CallerBound {
  /** The pattern sees at most this many characters at a time. */
  length: number;
  /** Runs of whitespace reach it as one space. */
  collapseWhitespace?: boolean;
}

/**
 * Runs a pattern over an input as the code does, with the global flag: `exec` until it finds nothing more. With a
 * caller's bound, the input is first cut down as that caller would: whitespace collapsed, consecutive pieces.
 */
export function execAll(source: string, flags: string, spec: InputSpec, bound?: CallerBound): { matches: number } {
  const key = `${flags}/${source}`;
  let pattern = compiled.get(key);
  if (!pattern) compiled.set(key, (pattern = new RegExp(source, flags.includes('g') ? flags : `${flags}g`)));
  let input = buildInput(spec);
  if (bound?.collapseWhitespace) input = input.replace(/\s+/g, ' ');
  let matches = 0;
  const step = bound?.length ?? input.length;
  for (let start = 0; start < input.length; start += step) {
    const piece = input.slice(start, start + step);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(piece); m !== null; m = pattern.exec(piece)) {
      matches++;
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }
  return { matches };
}

export function extractOn(spec: InputSpec, language: string): { expressions: number } {
  return { expressions: extractTemporalExpressions(buildInput(spec), { language, anchor: '2022-05-24' }).length };
}

/** Word tokens of one long line, as the entity matcher, the candidate finder and the misspelling rule read it. */
export function tokensOn(spec: InputSpec): { tokens: number } {
  return { tokens: wordTokens(buildInput(spec)).length };
}

/** Language detection of an article whose one paragraph is the input, with names to mask (the masker is built from them). */
export function detectOn(spec: InputSpec, names: string[]): { language?: string } {
  const config: CorpusConfig = { ...defaultConfig, names };
  return { language: detectLanguage(parseArticle(`Titel\n\n${buildInput(spec)}\n`), config).language };
}

/** The line classifiers built from data (credits, datelines, web residue) on one long line. */
export function classifyOn(spec: InputSpec): { credit: boolean; dateline: boolean; residue: boolean } {
  const line = buildInput(spec);
  return { credit: isCreditLine(line), dateline: parseDateline(line) !== undefined, residue: matchResidue(line) !== undefined };
}

export interface ReportedFinding {
  ruleId: string;
  message: string;
  span: { start: number; end: number };
  range: Finding['range'];
}

export interface BadInputAnalysis {
  findings: ReportedFinding[];
  /** Length of the decoded text; undefined when the input was not analysed as text. */
  textLength?: number;
  lineCount?: number;
}

/** analyzeArticle on one of `badInputs`, with every rule at its default. */
export function analyzeBadInput(name: BadInputName): BadInputAnalysis {
  const { findings, article } = analyzeArticle(badInputs[name](), defaultConfig);
  return {
    findings: findings.map((f) => ({ ruleId: f.ruleId, message: f.message, span: f.span, range: f.range })),
    textLength: article?.text.length,
    lineCount: article?.lines.length,
  };
}

export interface BadInputFix {
  /** The fixed text's length, whether it is the input unchanged, and whether the input was text (not bytes). */
  text: { length: number; same: boolean; input: 'text' | 'bytes' };
  applied: Record<string, number>;
  remaining: string[];
  /** Whether the letters and digits are all still there, in order (none of these inputs has residue, a dateline or a header to write). */
  lettersKept: boolean;
}

/** fixAll on one of `badInputs`. */
export function fixBadInput(name: BadInputName): BadInputFix {
  const input = badInputs[name]();
  const result = fixAll(input, defaultConfig);
  const original = input.text ?? new TextDecoder().decode(input.bytes);
  return {
    text: { length: result.text.length, same: result.text === original, input: input.text === undefined ? 'bytes' : 'text' },
    applied: result.applied,
    remaining: [...new Set(result.remaining.map((f) => f.ruleId))],
    lettersKept: Object.keys(result.applied).length === 0 || lettersAndDigits(result.text) === lettersAndDigits(original),
  };
}
