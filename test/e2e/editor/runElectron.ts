/**
 * The desktop launcher (`npm run test:e2e:electron`), for machines that can download VS Code or have one: runs
 * the same extension-host suites as the offline launcher (test/e2e/suite), in desktop VS Code through
 * @vscode/test-electron. The UI tests need the browser-hosted workbench and run with the offline launcher only.
 *
 * By default it downloads, into .vscode-test/, the oldest VS Code that package.json's `engines.vscode` accepts,
 * so the extension is tested against the minimum it claims. VSCODE_EXECUTABLE=<path to a VS Code executable>
 * uses that one instead. On Linux without a display, run it under `xvfb-run -a`.
 * SEED_CORPUS_E2E_FILTER=<text> runs only the tests whose name contains the text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests, TestRunFailedError } from '@vscode/test-electron';
import { buildSuites } from './buildSuites';
import { runMain } from './main';
import { cacheDir, repoRoot } from './paths';
import { writeProfileSettings } from './profile';
import { ProvisionError } from './provision';
import { createScratch } from './scratch';

async function main(): Promise<number> {
  const scratch = createScratch('electron');
  try {
    const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE || (await downloadVSCode());
    const suites = await buildSuites();
    const folder = scratch.copySeeds('suites');
    const userDataDir = scratch.folder('profile');
    writeProfileSettings(path.join(userDataDir, 'User', 'settings.json'));
    const { HOME, TMPDIR, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, XDG_RUNTIME_DIR } = scratch.env({ home: true });
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suites,
      launchArgs: [folder, `--user-data-dir=${userDataDir}`, `--extensions-dir=${scratch.folder('extensions')}`],
      // VS Code's own folders (and those of the language server it starts) in the scratch folder, as with code-server.
      extensionTestsEnv: { HOME, TMPDIR, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, XDG_RUNTIME_DIR, SEED_CORPUS_E2E_FILTER: process.env.SEED_CORPUS_E2E_FILTER },
    });
  } catch (error) {
    // A failing suite has reported its failures already; VS Code's exit code is all that is left to say.
    if (error instanceof TestRunFailedError) return error.code || 1;
    throw error;
  } finally {
    scratch.dispose();
  }
}

async function downloadVSCode(): Promise<string> {
  const version = minimumVSCodeVersion();
  try {
    return await downloadAndUnzipVSCode({ version, cachePath: cacheDir });
  } catch (error) {
    throw new ProvisionError(
      `VS Code ${version} could not be downloaded (${error instanceof Error ? error.message : String(error)}): set VSCODE_EXECUTABLE to a VS Code executable, or run the offline launcher, \`npm run test:e2e\`.`,
    );
  }
}

/** `^1.95.0` → `1.95.0`. */
function minimumVSCodeVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { vscode: string } };
  const minimum = /\d+\.\d+\.\d+/.exec(manifest.engines.vscode)?.[0];
  if (!minimum) throw new Error(`engines.vscode names no version: ${manifest.engines.vscode}`);
  return minimum;
}

runMain(main);
