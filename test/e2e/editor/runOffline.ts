/**
 * The offline real-editor launcher, for this machine and CI: code-server (VS Code in a browser, with a Node
 * extension host) and Debian's Chromium, both provisioned on first use.
 *
 *   npm run test:e2e       the extension-host suites (test/e2e/suite), then the UI tests (test/e2e/ui)
 *   npm run screenshots    the UI tests only, also writing the README's pictures into docs/images/
 *
 * SEED_CORPUS_E2E_FILTER=<text> runs only the tests whose name contains the text.
 * SEED_CORPUS_E2E_VSCODE=newest runs them in the newest code-server tested (see provision.ts) instead of the
 * one with the oldest VS Code.
 * Screenshots and logs go to test/e2e/artifacts/e2e/; everything else lives in a scratch folder removed at the end.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { formatSummary, parseSummary, reportMarker } from '../report';
import { runTests, type RunResult } from '../runner';
import { Workbench, useWorkbench } from '../ui/workbench';
import { buildSuites } from './buildSuites';
import { launchChromium, runExtensionTests } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { runMain } from './main';
import { artifactsDir, docsImagesDir, repoRoot } from './paths';
import { codeServerReleases, provisionChromium, provisionCodeServer, ProvisionError, type CodeServerReleaseName } from './provision';
import { createScratch, type Scratch } from './scratch';

/** For all the suites together; each test also has its own limit (see runner.ts). */
const suitesTimeoutMs = 10 * 60_000;

async function main(): Promise<number> {
  const screenshotsOnly = process.argv.includes('--screenshots');
  const filter = process.env.SEED_CORPUS_E2E_FILTER;
  const artifacts = path.join(artifactsDir, 'e2e');
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const scratch = createScratch('e2e');
  try {
    const chromium = provisionChromium();
    const installation = provisionCodeServer(console.log, codeServerRelease());
    const suites = await buildSuites();
    const server = await startCodeServer({
      installation,
      userDataDir: scratch.folder('profile'),
      extensionsDir: scratch.folder('extensions'),
      stateDir: scratch.folder('code-server'),
      // The extension host inherits the server's environment, filter included.
      env: scratch.env({ home: true }),
    });
    const browser = await launchChromium(chromium, scratch);
    const total: RunResult = { passed: 0, failed: 0 };
    const count = (result: RunResult) => {
      total.passed += result.passed;
      total.failed += result.failed;
    };
    try {
      if (!screenshotsOnly) {
        console.log(`Extension-host suites, in VS Code ${installation.vscodeVersion} (code-server ${installation.version}):`);
        count(await runSuites(browser, server, scratch, suites, artifacts));
      }
      console.log('UI tests, in Chromium:');
      count(await runUiTests(browser, server, scratch, artifacts, screenshotsOnly, filter));
    } finally {
      await browser.close();
      await server.stop();
      fs.copyFileSync(server.logFile, path.join(artifacts, 'code-server.log'));
    }
    console.log(formatSummary(total));
    return total.failed === 0 && total.passed > 0 ? 0 : 1;
  } finally {
    scratch.dispose();
  }
}

function codeServerRelease(): CodeServerReleaseName {
  const wanted = process.env.SEED_CORPUS_E2E_VSCODE || 'minimum';
  if (!Object.hasOwn(codeServerReleases, wanted)) {
    throw new ProvisionError(`SEED_CORPUS_E2E_VSCODE=${wanted} names no code-server release: use one of ${Object.keys(codeServerReleases).join(', ')}.`);
  }
  return wanted as CodeServerReleaseName;
}

/** Runs the bundled suites in the extension host of a workbench on a fresh copy of the seeds. */
async function runSuites(browser: BrowserContext, server: CodeServer, scratch: Scratch, suites: string, artifacts: string): Promise<RunResult> {
  const workbenchLog = fs.openSync(path.join(artifacts, 'workbench-suites.log'), 'w');
  let summary: RunResult | undefined;
  const log = (line: string) => {
    fs.writeSync(workbenchLog, `${line}\n`);
    const report = /^\[\w+\] ([\s\S]*)$/.exec(line)?.[1];
    if (!report?.startsWith(reportMarker)) return;
    const text = report.slice(reportMarker.length);
    summary = parseSummary(text) ?? summary;
    if (!parseSummary(text)) console.log(text);
  };
  try {
    const folder = scratch.copySeeds('suites');
    const exitCode = await runExtensionTests(browser, server.workbenchUrl(folder, { extensionDevelopmentPath: repoRoot, extensionTestsPath: suites }), log, suitesTimeoutMs);
    const result: RunResult = summary ?? { passed: 0, failed: 0 };
    if (exitCode !== 0 && result.failed === 0) {
      console.log(`  ✗ the suites could not run (exit code ${exitCode}); see ${path.relative(repoRoot, path.join(artifacts, 'workbench-suites.log'))}`);
      result.failed++;
    }
    return result;
  } finally {
    fs.closeSync(workbenchLog);
  }
}

/** Runs the UI tests (test/e2e/ui/*.test.ts) on one workbench, on another fresh copy of the seeds. */
async function runUiTests(browser: BrowserContext, server: CodeServer, scratch: Scratch, artifacts: string, forDocs: boolean, filter?: string): Promise<RunResult> {
  const uiDir = path.join(repoRoot, 'test', 'e2e', 'ui');
  for (const name of fs.readdirSync(uiDir).filter((file) => file.endsWith('.test.ts')).sort()) await import(path.join(uiDir, name));
  const folder = scratch.copySeeds('ui');
  const page = await browser.newPage();
  try {
    await page.goto(server.workbenchUrl(folder, { extensionDevelopmentPath: repoRoot }));
    const workbench = new Workbench(page, { folder, screenshotsDir: artifacts, docsImagesDir: forDocs ? docsImagesDir : undefined });
    await workbench.ready();
    useWorkbench(workbench);
    return await runTests(console.log, filter);
  } finally {
    await page.close();
  }
}

runMain(main);
