import { diffLines } from 'diff';
import { analyzeArticle, decodeUtf8, type Analysis, type ArticleInput, type Finding } from './analyze';
import type { CorpusConfig } from './config';
import { ignoredRuleIds, setHeaderFields } from './header';
import type { Article } from './article';
import type { Fix } from './rule';
import { applyEdits, editsOverlap, type TextEdit } from './text';

export interface FixAllResult {
  text: string;
  /** How many fixes were applied, per rule id. */
  applied: Record<string, number>;
  /** Findings that remain after fixing (of the last pass). */
  remaining: Finding[];
}

/** A fix the given host can apply as text edits; an editor command (line endings) only where asked. */
function applicable(fix: Fix | undefined, withEditorCommands: boolean): fix is Fix {
  return fix !== undefined && fix.safe && fix.edits.length > 0 && (withEditorCommands || fix.editorCommand === undefined);
}

/**
 * Applies every safe fix until none is left (fixes can reveal others, e.g. an emptied line making a run of
 * blank lines). Each pass takes the fixes whose edits do not touch each other, so no fix ever sees text
 * it was not computed for. Applying the result again changes nothing.
 */
export function fixAll(input: ArticleInput, config: CorpusConfig, options: { maxPasses?: number; withEditorCommands?: boolean } = {}): FixAllResult {
  const maxPasses = options.maxPasses ?? 10;
  const withEditorCommands = options.withEditorCommands ?? true;
  const applied: Record<string, number> = {};
  let analysis: Analysis = analyzeArticle(input, config);
  // Not decoded, or too large to analyse: nothing is fixed, and the text stays as it came.
  if (!analysis.article) return { text: input.text ?? (input.bytes && decodeUtf8(input.bytes)) ?? '', applied, remaining: analysis.findings };
  let text = analysis.article.text;
  for (let pass = 0; pass < maxPasses; pass++) {
    const chosen = new ChosenEdits();
    let count = 0;
    for (const finding of analysis.findings) {
      if (!applicable(finding.fix, withEditorCommands) || chosen.overlaps(finding.fix.edits)) continue;
      chosen.add(finding.fix.edits);
      applied[finding.ruleId] = (applied[finding.ruleId] ?? 0) + 1;
      count++;
    }
    if (count === 0) break;
    text = applyEdits(text, chosen.edits);
    analysis = analyzeArticle({ text, file: input.file }, config);
  }
  return { text, applied, remaining: analysis.findings };
}

/**
 * The edits chosen in one pass, sorted by start. They never overlap, so they are sorted by end too, and the ones a
 * new edit could touch are a short run found by binary search: a pass costs O(n log n), not O(n²).
 */
class ChosenEdits {
  readonly edits: TextEdit[] = [];

  overlaps(candidates: readonly TextEdit[]): boolean {
    return candidates.some((edit) => {
      let i = this.firstEndingAtOrAfter(edit.start);
      for (; i < this.edits.length && this.edits[i].start <= edit.end; i++) if (editsOverlap([this.edits[i]], [edit])) return true;
      return false;
    });
  }

  add(edits: readonly TextEdit[]): void {
    for (const edit of edits) this.edits.splice(this.firstStartingAfter(edit.start), 0, edit);
  }

  private firstEndingAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.edits.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.edits[middle].end < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private firstStartingAfter(offset: number): number {
    let low = 0;
    let high = this.edits.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.edits[middle].start <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Whether a finding has a fix that "fix all" would apply. */
export function isFixable(finding: Finding): boolean {
  return applicable(finding.fix, true);
}

/**
 * Minimal edits that turn `before` into `after`: a line diff, each changed hunk trimmed to the characters
 * that differ, so an editor keeps cursors and folds where nothing changed.
 */
export function editsBetween(before: string, after: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let offset = 0;
  let pending: TextEdit | undefined;
  const flush = () => {
    if (pending) edits.push(trimEdit(before, pending));
    pending = undefined;
  };
  for (const part of diffLines(before, after)) {
    if (part.added) {
      pending ??= { start: offset, end: offset, newText: '' };
      pending.newText += part.value;
    } else if (part.removed) {
      pending ??= { start: offset, end: offset, newText: '' };
      pending.end = offset + part.value.length;
      offset += part.value.length;
    } else {
      flush();
      offset += part.value.length;
    }
  }
  flush();
  return edits;
}

function trimEdit(text: string, edit: TextEdit): TextEdit {
  const old = text.slice(edit.start, edit.end);
  let prefix = 0;
  const max = Math.min(old.length, edit.newText.length);
  while (prefix < max && old.charCodeAt(prefix) === edit.newText.charCodeAt(prefix)) prefix++;
  // Never cut a surrogate pair or a CRLF in two: editors cannot place a position inside either.
  const splits = (text: string, at: number) => at > 0 && at < text.length && (/[\ud800-\udbff]/.test(text[at - 1]) || (text[at - 1] === '\r' && text[at] === '\n'));
  while (prefix > 0 && (splits(old, prefix) || splits(edit.newText, prefix))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === edit.newText.charCodeAt(edit.newText.length - 1 - suffix)) suffix++;
  while (suffix > 0 && (splits(old, old.length - suffix) || splits(edit.newText, edit.newText.length - suffix))) suffix--;
  return { start: edit.start + prefix, end: edit.end - suffix, newText: edit.newText.slice(prefix, edit.newText.length - suffix) };
}

/** The quick fix offered on every finding: add its rule to the header's `ignore` list. */
export function ignoreRuleFix(article: Article, ruleId: string): Fix | undefined {
  const ids = ignoredRuleIds(article.header);
  if (ids.includes(ruleId)) return undefined;
  const edits = setHeaderFields(article.text, article.header, [['ignore', [...ids, ruleId]]]);
  return edits && { title: `Ignore ${ruleId} in this file`, edits, safe: false };
}
