import * as vscode from 'vscode';
import { test } from '../runner';
import { goldenFindings } from './golden';
import { activated, nextEvent, seedUri, waitForFindings, waitForGoldenFindings } from './helpers';

test('switching a rule off in the settings takes its diagnostics away at once, no reload; restoring brings them back', async (t) => {
  const api = await activated();
  const settings = vscode.workspace.getConfiguration('seedCorpus');
  const pass = nextEvent(api.onCorpusAnalysed, 'a whole-corpus pass after the settings change');
  await settings.update('rules.web-residue', 'off', vscode.ConfigurationTarget.Global);
  t.cleanup(async () => {
    await settings.update('rules.web-residue', undefined, vscode.ConfigurationTarget.Global);
    await waitForGoldenFindings('web-residue back after restoring the setting');
  });
  await pass;
  // web-residue is reported on three seeds; every one loses it, and nothing else changes.
  for (const [name, golden] of Object.entries(goldenFindings)) {
    await waitForFindings(seedUri(name), golden.filter(([code]) => code !== 'web-residue'), 'web-residue switched off');
  }
});
