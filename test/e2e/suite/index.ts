/**
 * The extension-host entry (`extensionTestsPath`), for both launchers: VS Code loads it inside the extension
 * host, where it runs every registered test of the suites (bundled with it, see editor/buildSuites.ts).
 */
import { formatSummary, reportMarker } from '../report';
import { runTests } from '../runner';

export async function run(): Promise<void> {
  const report = (line: string) => console.log(`${reportMarker}${line}`);
  const result = await runTests(report, process.env.SEED_CORPUS_E2E_FILTER);
  report(formatSummary(result));
  const { failed } = result;
  if (failed > 0) throw new Error(`${failed} extension-host test${failed === 1 ? '' : 's'} failed`);
}
