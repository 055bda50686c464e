/** Debian's Chromium driven by playwright-core (which downloads no browser of its own), opening code-server's workbench. */
import { chromium, type BrowserContext } from 'playwright-core';
import { withTimeLimit } from '../timeLimit';
import type { Scratch } from './scratch';

/** Large enough for the Problems panel and an editor side by side to be readable in a screenshot. */
export const viewport = { width: 1400, height: 900 };

/** A headless Chromium with a fresh profile in the scratch folder; its home, temp and config folders too. */
export function launchChromium(executablePath: string, scratch: Scratch): Promise<BrowserContext> {
  return chromium.launchPersistentContext(scratch.folder('chromium-profile'), {
    executablePath,
    headless: true,
    viewport,
    env: scratch.env({ home: true }),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a workbench whose URL names an `extensionTestsPath`: VS Code runs that test module in its extension host
 * and reports through the page's automation hooks: `codeAutomationLog` for its log, `codeAutomationExit` for the
 * exit code (0 when `run()` resolved). Resolves with that exit code.
 */
export async function runExtensionTests(context: BrowserContext, workbenchUrl: string, log: (line: string) => void, timeoutMs: number): Promise<number> {
  const page = await context.newPage();
  let reportExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (reportExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
  await page.exposeFunction('codeAutomationLog', (level: string, message: string) => log(`[${level}] ${message}`));
  try {
    await page.goto(workbenchUrl);
    return await withTimeLimit(exited, timeoutMs, 'the extension-host suites finishing');
  } finally {
    await page.close();
  }
}
