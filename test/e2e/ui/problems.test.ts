import assert from 'node:assert/strict';
import { goldenFindings, seedNames, sortFindings, type Finding } from '../suite/golden';
import { uiTest, type ProblemRow } from './workbench';

const findingsShown = (problems: ProblemRow[], name: string) => sortFindings(problems.filter((p) => p.file === name).map((p): Finding => [p.code, p.line]));

uiTest('the Problems panel lists the findings of every seed, open or not, as the golden lists', async (workbench) => {
  const problems = await workbench.readProblems((shown) => seedNames.every((name) => JSON.stringify(findingsShown(shown, name)) === JSON.stringify(goldenFindings[name])));
  assert.deepEqual([...new Set(problems.map((p) => p.file))].sort(), seedNames, 'a group per seed');
  for (const name of seedNames) assert.deepEqual(findingsShown(problems, name), goldenFindings[name], name);
  assert.deepEqual([...new Set(problems.map((p) => p.source))], ['seed-corpus']);
  const titleSeparation = problems.find((p) => p.code === 'title-separation');
  assert.equal(titleSeparation?.severity, 'Error');
  assert.match(titleSeparation.message, /add one blank line after it/);
  await workbench.screenshot('problems-panel', { forDocs: true });
});
