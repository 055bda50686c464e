/** File-system side of the corpus, shared by the language server and the CLI (the core never touches disk). */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { configFileName, readConfigFile, type ConfigProblem, type CorpusConfigFile } from './core/config';
import { ruleById } from './core/rules';

/** Folders never searched for articles. */
const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

export interface FoundFiles {
  /** Every `*.txt` file found. */
  textFiles: string[];
  /** Folders holding a corpus config file. */
  configRoots: string[];
}

/**
 * Lists `*.txt` files and corpus config folders under `root`. Symbolic links to folders are not followed
 * (no loops), unreadable folders are skipped: a corpus with one bad folder still gets checked.
 */
export async function findCorpusFiles(root: string): Promise<FoundFiles> {
  const found: FoundFiles = { textFiles: [], configRoots: [] };
  const pending = [root];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name) && !entry.name.startsWith('.')) pending.push(full);
      } else if (entry.isFile()) {
        if (entry.name === configFileName) found.configRoots.push(folder);
        else if (entry.name.endsWith('.txt')) found.textFiles.push(full);
      }
    }
  }
  found.textFiles.sort();
  found.configRoots.sort();
  return found;
}

/**
 * The nearest folder at or above `folder` that holds a corpus config file, looking only inside `bounds`: the walk
 * up stops at the outermost bound that contains `folder`, and nothing is looked at when no bound contains it. The
 * language server passes its workspace folders, the CLI the current folder or the paths it was given, so a
 * `seed-corpus.json` above them (say `/tmp/seed-corpus.json` on a shared machine) is never read.
 */
export async function findConfigRoot(folder: string, bounds: readonly string[]): Promise<string | undefined> {
  const limits = bounds.map((bound) => path.resolve(bound));
  let current = path.resolve(folder);
  while (limits.some((limit) => isWithin(current, limit))) {
    try {
      await fs.access(path.join(current, configFileName));
      return current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  }
  return undefined;
}

export interface LoadedConfig {
  config?: CorpusConfigFile;
  problems: ConfigProblem[];
}

/** Reads and validates `<root>/seed-corpus.json`; a broken file is reported, never thrown. */
export async function loadConfigFile(root: string): Promise<LoadedConfig> {
  const file = path.join(root, configFileName);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return { problems: [{ path: '', message: `Cannot read ${file}: ${(error as Error).message}` }] };
  }
  try {
    return readConfigFile(JSON.parse(text), new Set(ruleById.keys()));
  } catch (error) {
    return { problems: [{ path: '', message: `${file} is not valid JSON: ${(error as Error).message}` }] };
  }
}

/** Whether `file` lies inside `folder` (or is it), by path. */
export function isWithin(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..' + path.sep) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * Replaces a file's content atomically: a temporary file in the same folder, written and flushed to disk, then
 * renamed over the file, so a reader sees the old content or the new, never a mix, and a crash leaves one of
 * them. The file keeps its mode (and its owner, where the process may set it). Refuses a symbolic link or
 * anything but a regular file (callers pass the real path), and a file whose bytes are no longer `expected`,
 * checked before writing and again just before the rename. On any failure the file is as it was and no
 * temporary file is left.
 */
export async function writeFileAtomically(file: string, content: string, expected: Uint8Array): Promise<void> {
  const stat = await fs.lstat(file);
  if (stat.isSymbolicLink()) throw new Error(`${file} is a symbolic link; left untouched.`);
  if (!stat.isFile()) throw new Error(`${file} is not a regular file; left untouched.`);
  const assertUnchanged = async () => {
    if (!Buffer.from(expected).equals(await fs.readFile(file))) throw new Error(`${file} changed on disk while it was being fixed; left untouched.`);
  };
  await assertUnchanged();
  const mode = stat.mode & 0o7777;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temporary, 'wx', mode);
    try {
      await handle.writeFile(content);
      await handle.chmod(mode); // the umask narrowed the mode given to open
      if (stat.uid !== process.getuid?.() || stat.gid !== process.getgid?.()) {
        await handle.chown(stat.uid, stat.gid).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EPERM') throw error; // not ours to give away: the writer owns the new file, as with any editor's save
        });
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await assertUnchanged();
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
