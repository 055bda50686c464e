// What must hold for any article, stated once for the property tests and the bad-input tests: a fix changes
// only its own range, "fix all" keeps every letter and digit that no rule meant to remove, and applying it again
// changes nothing.
import { analyzeArticle, type ArticleInput, type Finding } from '../../server/src/core/analyze';
import type { CorpusConfig } from '../../server/src/core/config';
import { isFixable } from '../../server/src/core/fix';
import { applyEdits, editsOverlap, sortEdits, type Span, type TextEdit } from '../../server/src/core/text';

/**
 * Rules whose fixes delete or rewrite words by design, and so may change the letters of the text: web residue
 * and datelines are deleted (a dateline's date and source move into the header), a doubled word loses one copy, a
 * duplicate header line goes, the `lang`, `published` and misspelt or miscased names are written anew. Every
 * other fix only touches whitespace, line breaks, quotation marks, invisible characters or the Unicode form.
 */
export const wordChangingRules: ReadonlySet<string> = new Set([
  'web-residue',
  'dateline',
  'doubled-word',
  'header-duplicate-key',
  'header-unknown-key',
  'header-invalid-value',
  'lang-missing',
  'lang-tag-invalid',
  'lang-tag-canonical',
  'lang-mismatch',
  'entity-misspelling',
  'entity-case',
  'timeline-anchor',
]);

/**
 * Rules whose fix stays on the lines of its finding (line breaks included); the others reach elsewhere by design
 * (the header, a neighbouring line, every line ending of the file).
 */
export const lineLocalRules: ReadonlySet<string> = new Set([
  'bom',
  'unicode-nfc',
  'control-characters',
  'no-tabs',
  'trailing-whitespace',
  'leading-whitespace',
  'multiple-spaces',
  'doubled-word',
  'quote-style',
  'bracket-spacing',
  'entity-case',
  'entity-misspelling',
  'header-unknown-key',
  'header-invalid-value',
  'header-duplicate-key',
  'lang-tag-canonical',
  'lang-mismatch',
]);

/** The letters and digits of a text, in Unicode normalization form C. */
export function lettersAndDigits(text: string): string {
  return (text.normalize('NFC').match(/[\p{L}\p{N}]/gu) ?? []).join('');
}

/** The text with the given spans cut out. */
function without(text: string, spans: readonly Span[]): string {
  let kept = '';
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start > cursor) kept += text.slice(cursor, span.start);
    cursor = Math.max(cursor, span.end);
  }
  return kept + text.slice(cursor);
}

/** A character boundary an editor cannot place a position at: inside a surrogate pair or a CRLF. */
function splitsCharacter(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) || (before === 13 && after === 10);
}

function loneSurrogates(text: string): number {
  return text.match(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g)?.length ?? 0;
}

/** The line span around a finding: from the start of its first line to after the line break of its last. */
function linesOf(finding: Finding, text: string): Span {
  const start = Math.max(text.lastIndexOf('\n', finding.span.start - 1), text.lastIndexOf('\r', finding.span.start - 1)) + 1;
  const newline = /\r\n|\n|\r/g;
  newline.lastIndex = finding.span.end;
  const next = newline.exec(text);
  return { start, end: next ? next.index + next[0].length : text.length };
}

/**
 * What is wrong with a finding's fix applied alone, as sentences (none when all is well): its edits must lie
 * inside the text and not overlap, the text outside them must stay as it was, in order; no edit may start or end
 * inside a surrogate pair or a CRLF or leave a lone surrogate; a line-local rule's edits stay on its lines.
 */
export function fixAloneProblems(text: string, finding: Finding): string[] {
  const fix = finding.fix;
  if (!fix) return [];
  const problems: string[] = [];
  const where = `${finding.ruleId} at ${finding.span.start}-${finding.span.end} (“${fix.title}”)`;
  const edits = sortEdits(fix.edits);
  let cursor = 0;
  for (const edit of edits) {
    if (!(edit.start >= cursor && edit.start <= edit.end && edit.end <= text.length)) {
      problems.push(`${where}: edit ${edit.start}-${edit.end} is out of range or overlaps another`);
      return problems;
    }
    cursor = edit.end;
  }
  const fixed = applyEdits(text, edits);
  // Walk the edits through the fixed text: every stretch between them must be found unchanged where it belongs.
  let at = 0;
  cursor = 0;
  for (const edit of [...edits, { start: text.length, end: text.length, newText: '' }]) {
    const kept = text.slice(cursor, edit.start);
    if (fixed.slice(at, at + kept.length) !== kept) problems.push(`${where}: text outside its edits changed near ${cursor}`);
    at += kept.length;
    if (fixed.slice(at, at + edit.newText.length) !== edit.newText) problems.push(`${where}: the replacement is not where its edit is`);
    at += edit.newText.length;
    cursor = edit.end;
  }
  if (at !== fixed.length) problems.push(`${where}: the fixed text has ${fixed.length - at} characters more than its edits account for`);
  if (!fix.editorCommand) {
    for (const edit of edits) {
      if (splitsCharacter(text, edit.start) || splitsCharacter(text, edit.end)) problems.push(`${where}: edit ${edit.start}-${edit.end} starts or ends inside a surrogate pair or a CRLF`);
    }
  }
  if (loneSurrogates(fixed) > loneSurrogates(text)) problems.push(`${where}: the fix leaves a lone surrogate (half a character)`);
  if (lineLocalRules.has(finding.ruleId)) {
    const lines = linesOf(finding, text);
    for (const edit of edits) {
      if (edit.start < lines.start || edit.end > lines.end) problems.push(`${where}: edit ${edit.start}-${edit.end} reaches outside the finding's lines ${lines.start}-${lines.end}`);
    }
  }
  return problems;
}

export interface FixPass {
  before: string;
  after: string;
  edits: Array<TextEdit & { ruleId: string }>;
}

/**
 * "Fix all" pass by pass, choosing fixes exactly as `fixAll` in fix.ts does (safe fixes whose edits touch none
 * chosen before, in finding order), so each pass can be checked on its own.
 */
export function fixAllTraced(input: ArticleInput & { text: string }, config: CorpusConfig, maxPasses = 10): { text: string; passes: FixPass[] } {
  let text = input.text;
  const passes: FixPass[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const { findings } = analyzeArticle({ text, file: input.file }, config);
    const chosen: Array<TextEdit & { ruleId: string }> = [];
    for (const finding of findings) {
      if (!isFixable(finding) || editsOverlap(chosen, finding.fix!.edits)) continue;
      chosen.push(...finding.fix!.edits.map((edit) => ({ ...edit, ruleId: finding.ruleId })));
    }
    if (chosen.length === 0) break;
    const after = applyEdits(text, chosen);
    passes.push({ before: text, after, edits: chosen });
    text = after;
  }
  return { text, passes };
}

/**
 * Where a pass of "fix all" lost or added a letter or digit outside the edits of word-changing rules (compared in
 * NFC, since normalising is a fix), or undefined when none did.
 */
export function changedLetters(pass: FixPass): string | undefined {
  const exempt = pass.edits.filter((edit) => wordChangingRules.has(edit.ruleId));
  // Where each exempt edit's new text lies in the fixed text.
  const placed: Span[] = [];
  let delta = 0;
  for (const edit of sortEdits(pass.edits) as FixPass['edits']) {
    if (wordChangingRules.has(edit.ruleId)) placed.push({ start: edit.start + delta, end: edit.start + delta + edit.newText.length });
    delta += edit.newText.length - (edit.end - edit.start);
  }
  const before = lettersAndDigits(without(pass.before, exempt));
  const after = lettersAndDigits(without(pass.after, placed));
  if (before === after) return undefined;
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  const rules = [...new Set(pass.edits.map((e) => e.ruleId))].join(', ');
  return `letters differ after “${before.slice(Math.max(0, i - 20), i)}”: “${before.slice(i, i + 20)}” became “${after.slice(i, i + 20)}” (fixes of ${rules})`;
}
