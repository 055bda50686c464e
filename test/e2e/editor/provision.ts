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

/** The newest code-server whose engines accept Node 20; it embeds VS Code 1.100.3. */
export const codeServerVersion = '4.100.3';

/** Thrown when something is missing and cannot be installed from here; the message says what to install. */
export class ProvisionError extends Error {}

export interface CodeServerInstallation {
  version: string;
  /** The version of the VS Code it embeds. */
  vscodeVersion: string;
  /** Its command-line entry, run with this Node. */
  entry: string;
}

export function provisionChromium(): string {
  const found = chromiumExecutable();
  if (found) return found;
  aptInstall(['chromium'], 'Chromium is missing: install it (on Debian `sudo apt-get install chromium`) and run the tests again.');
  const installed = chromiumExecutable();
  if (!installed) throw new ProvisionError('Chromium is still missing after installing the Debian package: install Chromium so that `chromium` is on PATH.');
  return installed;
}

export function provisionCodeServer(log: (line: string) => void): CodeServerInstallation {
  const installDir = path.join(cacheDir, `code-server-${codeServerVersion}`);
  if (fs.existsSync(entryOf(installDir))) return describeInstallation(installDir);

  installBuildPrerequisites();
  log(`Installing code-server ${codeServerVersion} into ${path.relative(process.cwd(), installDir) || installDir} (once; about a minute)…`);
  // Installed beside its final place and renamed when complete, so an interrupted install is never taken for one.
  const staging = `${installDir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const tmp = path.join(staging, 'tmp');
  const npmCache = path.join(staging, 'npm-cache');
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), '{ "private": true }\n');
  prefillRipgrepCache(tmp);
  const args = ['install', `code-server@${codeServerVersion}`, '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'];
  // npm drops root privileges for install scripts unless told not to, and code-server's compile native modules.
  if (process.getuid?.() === 0) args.push('--unsafe-perm');
  const result = spawnSync('npm', args, {
    cwd: staging,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      TMPDIR: tmp,
      // node-pty's install script runs `npx node-gyp`, which would otherwise wait for a confirmation.
      npm_config_yes: 'true',
      npm_config_cache: npmCache,
      npm_config_devdir: path.join(tmp, 'node-gyp'),
      ...nodeHeaders(),
    },
  });
  if (result.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new ProvisionError(`Installing code-server ${codeServerVersion} with npm failed (see above): check that the npm registry is reachable and that python3, make, g++ and the Kerberos headers (libkrb5-dev) are installed.`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(npmCache, { recursive: true, force: true });
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.renameSync(staging, installDir);
  return describeInstallation(installDir);
}

const packageDirOf = (installDir: string) => path.join(installDir, 'node_modules', 'code-server');
const entryOf = (installDir: string) => path.join(packageDirOf(installDir), 'out', 'node', 'entry.js');

function describeInstallation(installDir: string): CodeServerInstallation {
  const packageDir = packageDirOf(installDir);
  const vscodePackage = JSON.parse(fs.readFileSync(path.join(packageDir, 'lib', 'vscode', 'package.json'), 'utf8')) as { version: string };
  return { version: codeServerVersion, vscodeVersion: vscodePackage.version, entry: entryOf(installDir) };
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
function nodeHeaders(): NodeJS.ProcessEnv {
  const prefix = path.dirname(path.dirname(process.execPath));
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
