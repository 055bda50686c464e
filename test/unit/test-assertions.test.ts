// Every assert.ok (and assert()) in the tests says what it checks. Without a message, a failing one has Node read
// the call's source to word one; under tsx the call's position is in the transpiled module, Node parses the .ts file
// from there to its end again and again, and the failure hangs the suite for minutes instead of reporting.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const testDir = path.join(__dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'artifacts' ? [] : testFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The one-argument `assert.ok(…)` and `assert(…)` calls of a source, as "file:line". */
function messageless(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length === 1 && ['assert.ok', 'assert'].includes(node.expression.getText(source))) {
      found.push(`${path.relative(testDir, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('finds a message-less assert.ok and assert(), and passes those with a message', () => {
  const file = path.join(testDir, 'example.test.ts');
  assert.deepEqual(messageless(file, 'assert.ok(a);\nassert.ok(b, "b");\nassert(c);\nassert(d, "d");\nassert.equal(e, 1);\n'), ['example.test.ts:1', 'example.test.ts:3']);
});

test('no test asserts without a message', () => {
  const files = testFiles(testDir);
  assert.ok(files.length > 50, `the tests are found (${files.length} files)`);
  assert.deepEqual(files.flatMap((file) => messageless(file, readFileSync(file, 'utf8'))), []);
});
