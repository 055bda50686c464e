import assert from 'node:assert/strict';
import { seedNames } from '../suite/golden';
import { uiTest, type Workbench } from './workbench';

const seed000 = '000_ebeef4f3d678d313.txt';

/** Counts and events are the whole corpus's once every article has been analysed: the Problems panel shows when. */
async function corpusAnalysed(workbench: Workbench): Promise<void> {
  await workbench.readProblems((problems) => seedNames.every((name) => problems.some((p) => p.file === name)));
  await workbench.hidePanel();
}

uiTest('hovering an entity shows its card: name, type, description, relations, counts and links', async (workbench) => {
  await corpusAnalysed(workbench);
  await workbench.openFile(seed000);
  await workbench.hidePanel();
  // Pointed at with the mouse, as a reader does: the first "Huawei", on line 3.
  const card = await workbench.pointAt('Huawei');
  await card.getByText('Open in knowledge base').waitFor();
  const text = await card.innerText();
  assert.match(text, /Huawei · organization/);
  assert.match(text, /Shenzhen/, 'the description or facts, in the article’s language');
  assert.match(text, /partnership with Leica Camera AG, 2016 – 2022-03-31/, 'a relation recorded on Leica’s side');
  assert.match(text, /Mentioned \d+ times in 4 articles · Open in knowledge base · Find all mentions · Show on timeline/);
  await workbench.screenshot('entity-hover', { forDocs: true });
});

uiTest('the Entities view lists the types and the entities with their mention counts', async (workbench) => {
  await corpusAnalysed(workbench);
  const rows = await workbench.openViewRows('Entities');
  assert.ok(rows.some((row) => /^Organizations/.test(row)), rows.join(' | '));
  assert.ok(rows.some((row) => /^Leica Camera AG, \d+ in 5 articles$/.test(row)), rows.join(' | '));
  await workbench.screenshot('entities-view');
});

uiTest('the Corpus Timeline view lists years and the events of the corpus, the knowledge base’s among them', async (workbench) => {
  await corpusAnalysed(workbench);
  // Only the rows in sight are rendered: the first years.
  const rows = await workbench.openViewRows('Corpus Timeline');
  assert.match(rows[0], /^2015 1 event/);
  assert.ok(rows.some((row) => row.startsWith('Seit 2016 kooperiert Huawei mit Leica.')), rows.join(' | '));
  assert.ok(rows.some((row) => row.startsWith('Leica Camera AG: partnership with Huawei starts')), rows.join(' | '));
  await workbench.screenshot('timeline-view', { forDocs: true });
});
