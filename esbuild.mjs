// Bundles the extension client, the language server and the CLI into dist/.
// Usage: node esbuild.mjs [--watch] [--production]
import { chmodSync, existsSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  // jsonc-parser's UMD entry requires its modules dynamically, which a bundle cannot follow: take its ES modules.
  mainFields: ['module', 'main'],
};

// `npx seed-corpus` runs dist/cli.js directly: it must stay executable after every (re)build.
const executable = {
  name: 'executable',
  setup(build) {
    build.onEnd(() => {
      if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
    });
  },
};

const builds = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/main.ts', analysisWorker: 'server/src/analysisWorker.ts', analysisCacheWriter: 'server/src/analysisCacheWriter.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'server/src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [executable] },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
