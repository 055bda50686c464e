/**
 * The server's batching of diagnostics of articles as on disk (`lsp/diskDiagnostics.ts`): they go out together
 * after the delay, in the order of each file's latest verdict; an open document's diagnostics go at once, and the
 * older disk verdict of that file waiting then is never sent after them.
 */
import assert from 'node:assert/strict';
import { mock, test, type TestContext } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { DiskDiagnostics } from '../../server/src/lsp/diskDiagnostics';

const problem = (message: string): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message });

/** A batcher whose sends are recorded, under mocked timers (`mock.timers.tick` moves time) for the test's length. */
function recording(t: TestContext): { sent: PublishDiagnosticsParams[]; batcher: DiskDiagnostics } {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const sent: PublishDiagnosticsParams[] = [];
  return { sent, batcher: new DiskDiagnostics((params) => sent.push(params), 50) };
}

test('disk verdicts wait for the delay, then go out together in the order of each file’s latest verdict', (t) => {
  const { sent, batcher } = recording(t);
  batcher.queue('file:///c/a.txt', [problem('a1')]);
  batcher.queue('file:///c/b.txt', [problem('b')]);
  batcher.queue('file:///c/a.txt', [problem('a2')]);
  mock.timers.tick(49);
  assert.deepEqual(sent, [], 'nothing before the delay');
  mock.timers.tick(1);
  assert.deepEqual(sent, [
    { uri: 'file:///c/b.txt', diagnostics: [problem('b')] },
    { uri: 'file:///c/a.txt', diagnostics: [problem('a2')] },
  ]);
  mock.timers.tick(1000);
  assert.equal(sent.length, 2, 'each verdict once');
  batcher.queue('file:///c/c.txt', []);
  mock.timers.tick(50);
  assert.deepEqual(sent[2], { uri: 'file:///c/c.txt', diagnostics: [] }, 'a later verdict starts a new wait');
});

test('an open document’s diagnostics go at once, and its file’s waiting disk verdict is dropped, never sent after them', (t) => {
  const { sent, batcher } = recording(t);
  batcher.queue('file:///c/a.txt', [problem('disk')]);
  batcher.queue('file:///c/b.txt', [problem('b')]);
  batcher.sendNow({ uri: 'file:///c/a.txt', version: 3, diagnostics: [problem('open')] });
  assert.deepEqual(sent, [{ uri: 'file:///c/a.txt', version: 3, diagnostics: [problem('open')] }]);
  mock.timers.tick(50);
  assert.deepEqual(sent.slice(1), [{ uri: 'file:///c/b.txt', diagnostics: [problem('b')] }], 'only the other file’s verdict follows');
});

test('flush sends every waiting verdict at once, and the timer then sends nothing again', (t) => {
  const { sent, batcher } = recording(t);
  batcher.queue('file:///c/a.txt', [problem('a')]);
  batcher.queue('file:///c/b.txt', []);
  batcher.flush();
  assert.deepEqual(sent.map((p) => p.uri), ['file:///c/a.txt', 'file:///c/b.txt']);
  mock.timers.tick(50);
  assert.equal(sent.length, 2);
  batcher.flush();
  assert.equal(sent.length, 2, 'nothing waiting, nothing sent');
});
