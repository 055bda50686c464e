/**
 * Runs code-server (the VS Code workbench served to a browser, with a Node extension host) on 127.0.0.1 and a
 * free port, in a process group of its own so that stopping it also stops its extension host, file watcher
 * and the language server the extension starts.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withTimeLimit } from '../timeLimit';
import type { CodeServerInstallation } from './provision';
import { writeProfileSettings } from './profile';

export interface CodeServerOptions {
  installation: CodeServerInstallation;
  /** The editor profile (settings, state); created with the default settings when it does not exist. */
  userDataDir: string;
  extensionsDir: string;
  /** A folder for the server's config file and log. */
  stateDir: string;
  env: NodeJS.ProcessEnv;
}

export interface CodeServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The log file of the server's output. */
  logFile: string;
  /**
   * The workbench on `folder` with the extension at `extensionDevelopmentPath` loaded from its folder (no
   * package needed) and, given `extensionTestsPath`, that test module run in the extension host.
   */
  workbenchUrl(folder: string, development: { extensionDevelopmentPath: string; extensionTestsPath?: string }): string;
  /** Settles with the exit code when the server exits, on its own or stopped. */
  exited: Promise<number | null>;
  /** Stops the server and every process it started. */
  stop(): Promise<void>;
}

/** How long code-server may take to listen; it takes under a second here. */
const listenTimeoutMs = 30_000;

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { installation, extensionsDir, stateDir, env } = options;
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(stateDir, { recursive: true });
  const logFile = path.join(stateDir, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const { args, listening } = installation.startedBy === 'code-server' ? codeServerCommand(options) : vscodeServerCommand(options);
  // detached: the server leads a new session and process group (setsid), which stop() signals as a whole.
  const child = spawn(installation.node, args, { detached: true, env, stdio: ['ignore', 'pipe', log] });
  fs.closeSync(log);
  const pgid = child.pid!;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return signalGroup(pgid, 'SIGKILL');
    signalGroup(pgid, 'SIGTERM');
    const stopped = await withTimeLimit(exited, 5_000, 'code-server stopping').then(() => true, () => false);
    // Whatever is left of the group (or all of it, if the server did not stop in time) is killed.
    signalGroup(pgid, 'SIGKILL');
    if (!stopped) await exited;
  };

  try {
    const origin = await listeningOrigin(child, listening, logFile);
    return {
      origin,
      logFile,
      workbenchUrl(folder, development) {
        const remote = (fsPath: string) => `vscode-remote://${new URL(origin).host}${fsPath}`;
        const payload: Array<[string, string]> = [['extensionDevelopmentPath', remote(development.extensionDevelopmentPath)]];
        if (development.extensionTestsPath) payload.push(['extensionTestsPath', remote(development.extensionTestsPath)]);
        return `${origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      },
      exited,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface ServerCommand {
  args: string[];
  /** The line of its output that names the port it listens on, as the first group. */
  listening: RegExp;
}

/** code-server's own command line: its user settings in the user-data folder, as a desktop VS Code keeps them. */
function codeServerCommand({ installation, userDataDir, extensionsDir, stateDir }: CodeServerOptions): ServerCommand {
  writeProfileSettings(path.join(userDataDir, 'User', 'settings.json'));
  const configFile = path.join(stateDir, 'code-server.yaml');
  // Port 0: the system picks a free port, which the server then reports.
  fs.writeFileSync(configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return {
    args: [
      installation.entry,
      '--config', configFile,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    listening: /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/,
  };
}

/**
 * The VS Code server inside code-server, started directly: newer code-servers ignore the workbench's test
 * payload unless the server runs with --enable-smoke-test-driver, which their command line rejects. The browser
 * keeps the user settings there, so the profile's settings go into the server's machine settings.
 */
function vscodeServerCommand({ installation, userDataDir, extensionsDir }: CodeServerOptions): ServerCommand {
  writeProfileSettings(path.join(userDataDir, 'data', 'Machine', 'settings.json'));
  return {
    args: [
      installation.vscodeServerMain,
      '--host', '127.0.0.1',
      '--port', '0',
      '--without-connection-token',
      '--accept-server-license-terms',
      '--server-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--telemetry-level', 'off',
      '--disable-workspace-trust',
      '--enable-smoke-test-driver',
    ],
    listening: /Extension host agent listening on (\d+)/,
  };
}

/** Waits for the line in which the server names the port it listens on, copying its output to the log. */
function listeningOrigin(child: ReturnType<typeof spawn>, listening: RegExp, logFile: string): Promise<string> {
  const origin = new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      fs.appendFileSync(logFile, chunk);
      output += chunk.toString();
      const port = listening.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => reject(new Error(`code-server exited with code ${code} before listening; its log: ${logFile}`)));
  });
  return withTimeLimit(origin, listenTimeoutMs, `code-server listening (its log: ${logFile})`);
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // ESRCH: the group is already gone
  }
}
