/**
 * A minimal test runner for the real-editor tests: test files register tests with `test(name, fn)` as they
 * are loaded, and `runTests` runs them one after the other, each within its time limit, reporting one line
 * per test and returning the counts. The extension-host suites use it (no test framework is
 * at hand inside VS Code), and so do the UI tests, so that both read the same.
 */
import { withTimeLimit } from './timeLimit';

export interface TestContext {
  /** Runs `restore` after the test, passed or failed (the last registered first): to undo what the test changed. */
  cleanup(restore: () => unknown): void;
}

export interface TestOptions {
  /** The test fails when it has not finished within this time. */
  timeoutMs?: number;
}

export interface RunResult {
  passed: number;
  failed: number;
}

type TestBody = (t: TestContext) => unknown;

const defaultTimeoutMs = 60_000;
const registered: Array<{ name: string; body: TestBody; timeoutMs: number }> = [];

export function test(name: string, body: TestBody, options: TestOptions = {}): void {
  registered.push({ name, body, timeoutMs: options.timeoutMs ?? defaultTimeoutMs });
}

/** Runs the registered tests whose name contains `filter` (all without one). */
export async function runTests(log: (line: string) => void, filter?: string): Promise<RunResult> {
  const result: RunResult = { passed: 0, failed: 0 };
  for (const { name, body, timeoutMs } of registered) {
    if (filter && !name.includes(filter)) continue;
    const started = Date.now();
    const restores: Array<() => unknown> = [];
    const failures: unknown[] = [];
    try {
      await withTimeLimit(Promise.resolve().then(() => body({ cleanup: (restore) => restores.push(restore) })), timeoutMs, `test "${name}"`);
    } catch (error) {
      failures.push(error);
    }
    for (const restore of restores.reverse()) {
      try {
        await withTimeLimit(Promise.resolve().then(restore), timeoutMs, `cleanup of "${name}"`);
      } catch (error) {
        failures.push(error);
      }
    }
    const took = `${Date.now() - started} ms`;
    if (failures.length === 0) {
      result.passed++;
      log(`  ✓ ${name} (${took})`);
    } else {
      result.failed++;
      log(`  ✗ ${name} (${took})`);
      for (const failure of failures) log(indent(failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)));
    }
  }
  return result;
}

function indent(text: string): string {
  return text.replace(/^/gm, '      ');
}
