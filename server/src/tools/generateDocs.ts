/** `npm run generate`: rewrites docs/rules.md, the README's rules table and package.json's rule settings. */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { manifestWithRuleSettings, readmeWithRulesTable, rulesMarkdown } from './ruleCatalog';

const root = path.resolve(__dirname, '..', '..', '..');
const at = (file: string) => path.join(root, file);

writeFileSync(at('docs/rules.md'), rulesMarkdown());
writeFileSync(at('README.md'), readmeWithRulesTable(readFileSync(at('README.md'), 'utf8')));
writeFileSync(at('package.json'), JSON.stringify(manifestWithRuleSettings(JSON.parse(readFileSync(at('package.json'), 'utf8'))), null, 2) + '\n');
process.stdout.write('Wrote docs/rules.md, README.md (rules table) and package.json (rule settings).\n');
