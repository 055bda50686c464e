import assert from 'node:assert/strict';
import { uiTest } from './workbench';

const seed000 = '000_ebeef4f3d678d313.txt';

uiTest('a seed opens as a Seed Article, and the status bar shows its language', async (workbench) => {
  await workbench.openFile(seed000);
  assert.equal(await workbench.waitForStatusBarText('status.editor.mode', 'Seed Article'), 'Seed Article');
  // The article declares no language; the server detects German.
  await workbench.waitForStatusBarText('seed-corpus.seed-corpus.seedCorpus.language', 'no lang · detected de');
  await workbench.screenshot('status-bar-language');
});

uiTest('hovering a doubled word shows the diagnostic’s message and rule', async (workbench) => {
  await workbench.openFile(seed000);
  await workbench.hidePanel();
  // Run alone, the test comes before the server has analysed the file, and the hover would find nothing to show.
  await workbench.waitForSquiggle('warning');
  // Line 3: "Die Leica Camera AG baut baut ihre Kooperationen …"; the second "baut" is the doubled one.
  const card = await workbench.hoverWord(seed000, 'baut', 3, 2);
  // The quick fixes are looked up after the card shows; it offers them once found. By its role: while they are looked
  // up, the card also reads "Checking for quick fixes...", which text matching takes for a second element.
  await card.getByRole('button', { name: /^Quick Fix/ }).waitFor();
  const text = await card.innerText();
  assert.match(text, /The word “baut” is doubled in “baut baut”; delete one of them\./);
  assert.match(text, /seed-corpus.*doubled-word/, 'the source and the rule');
  await workbench.screenshot('diagnostic-hover', { forDocs: true });
});
