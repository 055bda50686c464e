import { createRuleContext } from '../../server/src/core/analyze';
import { parseArticle } from '../../server/src/core/article';
import { defaultConfig, mergeConfig, type CorpusConfigFile } from '../../server/src/core/config';
import type { FileContext, Rule, RuleContext, RuleFinding } from '../../server/src/core/rule';
import { applyEdits } from '../../server/src/core/text';

/** A rule context for `text`, as the engine builds it (language detected lazily). */
export function contextFor(text: string, options: { config?: CorpusConfigFile; file?: FileContext } = {}): RuleContext {
  return createRuleContext(parseArticle(text), options.config ? mergeConfig(options.config) : defaultConfig, options.file);
}

/** Runs one rule alone and returns its findings with the text they cover. */
export function runRule(rule: Rule, text: string, options: Parameters<typeof contextFor>[1] = {}): Array<RuleFinding & { covered: string; line: number }> {
  const context = contextFor(text, options);
  return (rule.check?.(context) ?? []).map((f) => ({ ...f, covered: text.slice(f.span.start, f.span.end), line: context.article.index.positionAt(f.span.start).line + 1 }));
}

/** Applies the rule's fix for its first finding and returns the new text (throws when there is none). */
export function applyFirstFix(rule: Rule, text: string, options: Parameters<typeof contextFor>[1] = {}): string {
  const context = contextFor(text, options);
  const [finding] = rule.check?.(context) ?? [];
  if (!finding) throw new Error(`${rule.id} reported nothing`);
  const fix = rule.fix?.(context, finding);
  if (!fix) throw new Error(`${rule.id} offered no fix`);
  return applyEdits(text, fix.edits);
}
