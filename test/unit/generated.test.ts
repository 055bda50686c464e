// docs/rules.md, the README's rules table and package.json's per-rule settings are generated from the registry;
// this fails when someone edits a rule without running `npm run generate`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { rules } from '../../server/src/core/rules';
import { manifestWithRuleSettings, readmeWithRulesTable, rulesMarkdown } from '../../server/src/tools/ruleCatalog';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const hint = 'run `npm run generate` and commit the result';

test('docs/rules.md is up to date', () => assert.equal(read('docs/rules.md'), rulesMarkdown(), hint));

test('the README rules table is up to date', () => assert.equal(read('README.md'), readmeWithRulesTable(read('README.md')), hint));

test('package.json has one setting per rule, up to date', () => {
  const manifest = JSON.parse(read('package.json')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
  assert.deepEqual(manifest, manifestWithRuleSettings(JSON.parse(read('package.json'))), hint);
  const ruleKeys = Object.keys(manifest.contributes.configuration.properties).filter((k) => k.startsWith('seedCorpus.rules.'));
  assert.deepEqual(ruleKeys.sort(), rules.map((r) => `seedCorpus.rules.${r.id}`).sort());
});

test('every rule has a docs section the server can link to', () => {
  const headings = read('docs/rules.md').split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
  assert.deepEqual(headings, rules.map((r) => r.id));
});
