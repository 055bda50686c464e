/**
 * `npm start`: opens seeds/ in VS Code with the extension loaded from this working tree (built by the npm
 * script just before). The desktop `code` when one is on PATH; otherwise code-server, installed on first use
 * into .vscode-test/, on 127.0.0.1 and a free port, with the URL to open printed. Ctrl+C stops the server
 * and everything it started.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { startCodeServer } from './codeServer';
import { runMain } from './main';
import { cacheDir, repoRoot, seedsDir } from './paths';
import { findOnPath, provisionCodeServer } from './provision';
import { createScratch } from './scratch';

async function main(): Promise<number> {
  const desktop = findOnPath('code');
  if (desktop) {
    // The desktop CLI hands the window to VS Code and returns; VS Code is then the person's to close.
    return spawnSync(desktop, [`--extensionDevelopmentPath=${repoRoot}`, seedsDir], { stdio: 'inherit' }).status ?? 1;
  }

  const installation = provisionCodeServer(console.log);
  const scratch = createScratch('start');
  // The profile is kept across starts, as a desktop VS Code keeps its own: settings and open editors survive.
  const server = await startCodeServer({
    installation,
    userDataDir: path.join(cacheDir, 'profile'),
    extensionsDir: path.join(cacheDir, 'profile-extensions'),
    stateDir: path.join(cacheDir, 'start'),
    env: scratch.env(),
  });
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await server.stop();
    scratch.dispose();
  };
  // Ctrl+C reaches this process twice, from the terminal and relayed by npm and tsx: the first signal stops,
  // and later ones must not end the process (the default) before the stop is complete.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      console.log('\nStopping VS Code…');
      void stop().then(() => process.exit(0));
    });
  }

  console.log(`\nSeed Corpus in VS Code (code-server ${installation.version}), with the extension from ${repoRoot}:\n`);
  console.log(`  ${server.workbenchUrl(seedsDir, { extensionDevelopmentPath: repoRoot })}\n`);
  console.log('Open that address in a browser on this machine. Press Ctrl+C to stop.');

  const exitCode = await server.exited;
  if (stopping) return 0;
  console.error(`code-server stopped by itself (exit code ${exitCode}); its log: ${server.logFile}`);
  await stop();
  return 1;
}

runMain(main);
