/**
 * Bundles the extension-host suites with esbuild into out/e2e/suites.js: the runner entry (suite/index.ts)
 * and every suite/*.test.ts, so a new test file runs without being listed anywhere.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot, suitesBundle } from './paths';

export async function buildSuites(): Promise<string> {
  const suiteDir = path.join(repoRoot, 'test', 'e2e', 'suite');
  const testFiles = fs.readdirSync(suiteDir).filter((name) => name.endsWith('.test.ts')).sort();
  await esbuild.build({
    stdin: {
      contents: [...testFiles.map((name) => `import './${name}';`), `export { run } from './index';`].join('\n'),
      resolveDir: suiteDir,
      sourcefile: 'suites.ts',
      loader: 'ts',
    },
    outfile: suitesBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return suitesBundle;
}
