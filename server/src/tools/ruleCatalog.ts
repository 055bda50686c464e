/**
 * Everything generated from the rule registry: docs/rules.md, the rules table in the README and the
 * per-rule settings in package.json. A unit test regenerates them and fails when the committed files drift.
 */
import { analyzeArticle } from '../core/analyze';
import { defaultConfig } from '../core/config';
import { catalogOf } from '../core/entities/catalog';
import { CorpusFileIndex } from '../core/file-index';
import type { Rule, RuleCategory, RuleExample } from '../core/rule';
import { rules } from '../core/rules';

const categoryTitles: Record<RuleCategory, string> = {
  encoding: 'Encoding',
  file: 'File names',
  header: 'Header',
  structure: 'Structure',
  whitespace: 'Whitespace',
  content: 'Content',
  typography: 'Typography',
  language: 'Language tags',
  entities: 'Entities',
  timeline: 'Timeline',
};

export const defaultExampleFileName = '000_0123456789abcdef.txt';

/** Runs the whole engine (default config) on a docs example; the findings of `rule` only. */
export function exampleFindings(rule: Rule, example: RuleExample) {
  const fileName = example.fileName ?? defaultExampleFileName;
  const input = example.bytesHex !== undefined ? { bytes: Buffer.from(example.bytesHex, 'hex') } : { text: example.text };
  const entities = example.entities && catalogOf(example.entities);
  const config = example.maxArticleSize === undefined ? defaultConfig : { ...defaultConfig, maxArticleSize: example.maxArticleSize };
  const analysis = analyzeArticle({ ...input, file: { name: fileName, corpus: new CorpusFileIndex([fileName, ...(example.corpusFileNames ?? [])]), entities } }, config);
  return analysis.findings.filter((f) => f.ruleId === rule.id);
}

export type FixKind = 'safe' | 'quick fix' | 'none';

/** What the fix of a rule's bad example is: applied by "fix all", offered as a quick fix, or none. */
export function fixKind(rule: Rule): FixKind {
  const [finding] = exampleFindings(rule, rule.docs.bad);
  if (!finding?.fix) return 'none';
  return finding.fix.safe ? 'safe' : 'quick fix';
}

const fixLabels: Record<FixKind, string> = { safe: 'fix all', 'quick fix': 'quick fix', none: '—' };

/** Invisible characters made visible, so an example shows what the rule sees. */
function visible(text: string): string {
  return text
    .replace(/\r\n/g, '⟨CR⟩\n')
    .replace(/\r/g, '⟨CR⟩')
    .replace(/\t/g, '⟨tab⟩')
    .replace(/[\u00a0\u202f\u200b\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

function exampleBlock(label: string, example: RuleExample): string {
  const lines = [`${label}${example.fileName ? ` (file \`${example.fileName}\`${example.corpusFileNames ? `, beside \`${example.corpusFileNames.join('`, `')}\`` : ''})` : ''}:`, ''];
  if (example.bytesHex !== undefined) lines.push('```text', `bytes: ${example.bytesHex.replace(/(..)/g, '$1 ').trim()}`, '```');
  else lines.push('```text', visible(example.text), '```');
  return lines.join('\n');
}

export function rulesTable(): string {
  const rows = rules.map((rule) => `| [\`${rule.id}\`](docs/rules.md#${rule.id}) | ${categoryTitles[rule.category]} | ${rule.defaultSeverity} | ${fixLabels[fixKind(rule)]} | ${rule.description.replace(/\|/g, '\\|')} |`);
  return ['| Rule | Category | Default | Fix | What it checks |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export function rulesMarkdown(): string {
  const parts = [
    '# Rules',
    '',
    '<!-- Generated from the rule registry by `npm run generate`; edit the rule modules in server/src/core/rules/, not this file. -->',
    '',
    'Every rule has a stable id (the diagnostic’s `code`), a default severity that the corpus config or the editor settings can change or switch off, and, where a safe one exists, a fix. **fix all** fixes are applied by “Fix all” in the editor, on save with `source.fixAll.seedCorpus`, and by `seed-corpus fix`; **quick fix** fixes are offered for a person to judge and never applied automatically. Every finding also offers “Ignore <rule> in this file”, which adds the rule to the header’s `ignore` list.',
    '',
    'Invisible characters in the examples are shown as ⟨U+00A0⟩, ⟨tab⟩, ⟨CR⟩.',
    '',
  ];
  for (const [category, title] of Object.entries(categoryTitles)) {
    const inCategory = rules.filter((r) => r.category === category);
    if (inCategory.length === 0) continue;
    parts.push(`- ${title}: ${inCategory.map((r) => `[\`${r.id}\`](#${r.id})`).join(', ')}`);
  }
  parts.push('');
  for (const rule of rules) {
    parts.push(
      `## ${rule.id}`,
      '',
      `${rule.description}`,
      '',
      `Category: ${categoryTitles[rule.category]} · Default severity: ${rule.defaultSeverity} · Fix: ${fixLabels[fixKind(rule)]}`,
      '',
      rule.docs.rationale,
      '',
      exampleBlock('Bad', rule.docs.bad),
      '',
      exampleBlock('Good', rule.docs.good),
      '',
    );
  }
  return parts.join('\n');
}

/** `contributes.configuration.properties` entries, one per rule. */
export function ruleSettings(): Record<string, unknown> {
  return Object.fromEntries(
    rules.map((rule) => [
      `seedCorpus.rules.${rule.id}`,
      {
        type: 'string',
        enum: ['default', 'error', 'warning', 'information', 'hint', 'off'],
        default: 'default',
        markdownDescription: `${rule.description} \`default\` keeps the corpus config’s setting (else ${rule.defaultSeverity}).`,
        scope: 'resource',
      },
    ]),
  );
}

export const readmeMarkers = { start: '<!-- rules:start -->', end: '<!-- rules:end -->' };

/** The README with its rules table replaced by the generated one. */
export function readmeWithRulesTable(readme: string): string {
  const start = readme.indexOf(readmeMarkers.start);
  const end = readme.indexOf(readmeMarkers.end);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${readmeMarkers.start} … ${readmeMarkers.end} markers.`);
  return readme.slice(0, start + readmeMarkers.start.length) + '\n' + rulesTable() + '\n' + readme.slice(end);
}

/** package.json with its per-rule settings replaced by the generated ones (other settings kept, in order). */
export function manifestWithRuleSettings(manifest: { contributes?: { configuration?: { properties?: Record<string, unknown> } } }): typeof manifest {
  const configuration = manifest.contributes?.configuration;
  if (!configuration) throw new Error('package.json lacks contributes.configuration.');
  const others = Object.entries(configuration.properties ?? {}).filter(([key]) => !key.startsWith('seedCorpus.rules.'));
  configuration.properties = { ...Object.fromEntries(others), ...ruleSettings() };
  return manifest;
}
