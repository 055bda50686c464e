/** Groups article files into corpora (a folder with `seed-corpus.json`, or else the file's own folder) with their config. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { mergeConfig, type ConfigProblem, type CorpusConfig, type CorpusConfigFile } from './core/config';
import { CorpusFileIndex } from './core/file-index';
import { findConfigRoot, findCorpusFiles, loadConfigFile } from './files';

export interface Corpus {
  root: string;
  configFile?: CorpusConfigFile;
  configProblems: ConfigProblem[];
  names: CorpusFileIndex;
}

export interface ArticleTarget {
  file: string;
  corpus: Corpus;
}

/** Resolves each file to its corpus; folders and configs are read once however many files share them. */
export class CorpusResolver {
  private readonly roots = new Map<string, Promise<string | undefined>>();
  private readonly corpora = new Map<string, Promise<Corpus>>();

  async resolve(file: string): Promise<ArticleTarget> {
    const folder = path.dirname(path.resolve(file));
    let root = this.roots.get(folder);
    if (!root) this.roots.set(folder, (root = findConfigRoot(folder)));
    const configRoot = await root;
    const key = configRoot ?? folder;
    let corpus = this.corpora.get(key);
    if (!corpus) this.corpora.set(key, (corpus = loadCorpus(key, configRoot !== undefined)));
    return { file: path.resolve(file), corpus: await corpus };
  }

  async all(): Promise<Corpus[]> {
    return Promise.all(this.corpora.values());
  }
}

async function loadCorpus(root: string, hasConfig: boolean): Promise<Corpus> {
  const loaded = hasConfig ? await loadConfigFile(root) : { problems: [] };
  const files = hasConfig ? (await findCorpusFiles(root)).textFiles : await textFilesIn(root);
  return { root, configFile: loaded.config, configProblems: loaded.problems, names: new CorpusFileIndex(files.map((f) => path.basename(f))) };
}

async function textFilesIn(folder: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(folder, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && e.name.endsWith('.txt')).map((e) => path.join(folder, e.name));
  } catch {
    return [];
  }
}

/** The configuration an article is checked with: defaults < corpus config file < overrides (editor settings). */
export function configFor(corpus: Corpus, overrides?: CorpusConfigFile): CorpusConfig {
  return mergeConfig(corpus.configFile, overrides);
}
