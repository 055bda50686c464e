import assert from 'node:assert/strict';
import { test } from '../runner';
import { seedNames } from './golden';
import { activated, nextEvent, waitForGoldenFindings } from './helpers';

test('the language server is restarted after it is killed, and the diagnostics come back', async () => {
  const api = await activated();
  const killed = api.client.serverProcess?.pid;
  assert.ok(killed, 'the server runs as a child process of the extension host');
  const pass = nextEvent(api.onCorpusAnalysed, 'a whole-corpus pass of the restarted server');
  process.kill(killed, 'SIGKILL');
  const analysed = await pass;
  const restarted = api.client.serverProcess?.pid;
  assert.ok(restarted !== undefined && restarted !== killed, `a new server process (was ${killed}, now ${restarted})`);
  assert.ok(api.client.isRunning());
  assert.equal(analysed.files, seedNames.length);
  await waitForGoldenFindings('the restarted server’s diagnostics');
});
