// The core is pure: the server, the CLI and the tests share it, so it must not import the editor, the protocol or Node's I/O.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const coreDir = path.join(__dirname, '..', '..', 'server', 'src', 'core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

test('server/src/core imports no vscode*, no LSP package and no file-system, network or process module', () => {
  const files = sourceFiles(coreDir);
  assert.ok(files.length > 30, 'files.length > 30');
  const offenders = files.flatMap((file) => {
    const imports = [...readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    return imports.filter((spec) => /^vscode/.test(spec) || /^(node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads|process)$/.test(spec)).map((spec) => `${path.relative(coreDir, file)} imports ${spec}`);
  });
  assert.deepEqual(offenders, []);
});
