/**
 * A scratch folder per run under .vscode-test/runs/: the editor profile, the browser profile, copies of the
 * seeds and every temp file of the processes the run starts, so nothing lands in ~ or /tmp. Removed when the
 * run ends; folders left by runs that were killed are removed by the next one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runsDir, seedsDir } from './paths';

export interface Scratch {
  root: string;
  /** A fresh folder `<root>/<name>`. */
  folder(name: string): string;
  /** A copy of the repository's seeds/ as `<root>/<name>/seeds`, to open as a workspace and change freely. */
  copySeeds(name: string): string;
  /**
   * The environment for processes the run starts (editor, browser, installers): their temp, config, data and
   * cache folders, and optionally their home, inside the scratch folder.
   */
  env(options?: { home?: boolean }): NodeJS.ProcessEnv;
  dispose(): void;
}

export function createScratch(label: string): Scratch {
  removeAbandonedRuns();
  const root = path.join(runsDir, `${label}-${process.pid}`);
  fs.rmSync(root, { recursive: true, force: true });
  const folder = (name: string) => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  // The runtime folder must be private to its user, or programs refuse it.
  const privateFolder = (name: string) => {
    const dir = folder(name);
    fs.chmodSync(dir, 0o700);
    return dir;
  };
  const tmp = folder('tmp');
  // This process's own temp files too (playwright's, esbuild's): os.tmpdir() reads TMPDIR on every call.
  process.env.TMPDIR = tmp;
  return {
    root,
    folder,
    copySeeds(name) {
      const seeds = path.join(folder(name), 'seeds');
      fs.cpSync(seedsDir, seeds, { recursive: true });
      return seeds;
    },
    env(options = {}) {
      return {
        ...process.env,
        TMPDIR: tmp,
        XDG_CONFIG_HOME: folder('xdg-config'),
        XDG_DATA_HOME: folder('xdg-data'),
        XDG_CACHE_HOME: folder('xdg-cache'),
        XDG_RUNTIME_DIR: privateFolder('xdg-runtime'),
        ...(options.home ? { HOME: folder('home') } : {}),
      };
    },
    dispose() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Scratch folders are named `<label>-<pid>`: one whose process is gone was left by a run that was killed. */
function removeAbandonedRuns(): void {
  if (!fs.existsSync(runsDir)) return;
  for (const name of fs.readdirSync(runsDir)) {
    const pid = Number(/-(\d+)$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) fs.rmSync(path.join(runsDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
