import assert from 'node:assert/strict';
import { seedNames } from '../suite/golden';
import { uiTest } from './workbench';

uiTest('the explorer lists the seeds of the workspace', async (workbench) => {
  const rows = await workbench.openViewRows('seeds');
  assert.deepEqual(rows.filter((row) => row.endsWith('.txt')), seedNames);
  assert.ok(rows.includes('seed-corpus.json'), `the corpus config is listed: ${rows.join(', ')}`);
  await workbench.screenshot('explorer');
});
