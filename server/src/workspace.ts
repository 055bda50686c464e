/** The corpus as the server sees it: which files are articles, their corpora and configs, kept in step with the disk. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { CorpusConfig, CorpusConfigFile } from './core/config';
import { CorpusFileIndex } from './core/file-index';
import type { FileContext } from './core/rule';
import { configFor, CorpusResolver, fileContextOf, knowledgeBasePath, type Corpus } from './corpus';
import { findCorpusFiles } from './files';
import { defaultSettings, type SeedCorpusSettings } from './protocol';

export class Workspace {
  /** The config search stops at the workspace folders: nothing above them is read. */
  private resolver: CorpusResolver;
  /** Article path → its corpus. */
  private readonly articles = new Map<string, Corpus>();
  /** Each corpus with its number of articles: hovers and keystrokes ask for the corpora, not for 10,000 paths. */
  private readonly sizes = new Map<Corpus, number>();
  private configRoots: string[] = [];
  private settings: SeedCorpusSettings = defaultSettings;
  private matchesGlob: (relativePath: string) => boolean = picomatch(defaultSettings.files, { dot: true });

  constructor(private readonly folders: readonly string[]) {
    this.resolver = new CorpusResolver(folders);
  }

  setSettings(settings: SeedCorpusSettings): void {
    this.settings = settings;
    this.matchesGlob = picomatch(settings.files.length > 0 ? settings.files : defaultSettings.files, { dot: true });
  }

  /** Finds every article under the workspace folders (forgetting what was known before). */
  async scan(): Promise<void> {
    const resolver = new CorpusResolver(this.folders);
    const found = await Promise.all(this.folders.map((folder) => findCorpusFiles(folder)));
    found.forEach(({ textFiles }, i) => resolver.remember(this.folders[i], textFiles));
    const configRoots = found.flatMap((f) => f.configRoots);
    const articles: Array<[string, Corpus]> = [];
    for (const file of found.flatMap((f) => f.textFiles)) {
      if (this.isArticlePath(file, configRoots)) articles.push([file, (await resolver.resolve(file)).corpus]);
    }
    // Taken in at once: a request during a rescan (a settings change) answers from what was known before it, not
    // from an empty workspace (a semantic-tokens request answered empty is not asked again).
    this.resolver = resolver;
    this.configRoots = configRoots;
    this.articles.clear();
    this.sizes.clear();
    for (const [file, corpus] of articles) this.setArticle(file, corpus);
  }

  /** `*.txt` under a folder holding `seed-corpus.json` (`configRoots`), or matching a `seedCorpus.files` glob. */
  isArticlePath(file: string, configRoots = this.configRoots): boolean {
    if (!file.endsWith('.txt')) return false;
    if (configRoots.some((root) => isInside(file, root))) return true;
    return this.folders.some((folder) => isInside(file, folder) && this.matchesGlob(path.relative(folder, file).split(path.sep).join('/')));
  }

  articlePaths(): string[] {
    return [...this.articles.keys()];
  }

  has(file: string): boolean {
    return this.articles.has(file);
  }

  /** Adds a new article; returns the articles whose names now clash or no longer clash with it. */
  async add(file: string): Promise<string[]> {
    // As in the scan, only regular files count: not a FIFO (a read would block), not a link (it may lead outside).
    const stat = await fs.lstat(file).catch(() => undefined);
    if (!this.isArticlePath(file) || !stat?.isFile()) return [];
    const corpus = (await this.resolver.resolve(file)).corpus;
    corpus.names.add(path.basename(file));
    this.setArticle(file, corpus);
    return this.namesakes(file, corpus);
  }

  /** Forgets an article; returns the articles whose names clashed with it. */
  remove(file: string): string[] {
    const corpus = this.articles.get(file);
    if (!corpus) return [];
    const affected = this.namesakes(file, corpus);
    corpus.names.delete(path.basename(file));
    this.articles.delete(file);
    this.shrink(corpus);
    return affected;
  }

  private setArticle(file: string, corpus: Corpus): void {
    const before = this.articles.get(file);
    if (before === corpus) return;
    if (before) this.shrink(before);
    this.articles.set(file, corpus);
    this.sizes.set(corpus, (this.sizes.get(corpus) ?? 0) + 1);
  }

  private shrink(corpus: Corpus): void {
    const left = this.sizes.get(corpus)! - 1;
    if (left > 0) this.sizes.set(corpus, left);
    else this.sizes.delete(corpus);
  }

  private namesakes(file: string, corpus: Corpus): string[] {
    const name = path.basename(file);
    const clashing = new Set([...corpus.names.sameSequence(name), ...corpus.names.sameId(name)]);
    return [...this.articles.entries()].filter(([other, c]) => c === corpus && other !== file && clashing.has(path.basename(other))).map(([other]) => other);
  }

  /** The config an article is checked with: defaults < corpus config file < editor settings. */
  configOf(file: string): CorpusConfig {
    const corpus = this.articles.get(file);
    const overrides: CorpusConfigFile = {
      languages: this.settings.languages.length > 0 ? this.settings.languages : undefined,
      rules: Object.fromEntries(Object.entries(this.settings.rules).filter(([, value]) => value !== 'default')) as CorpusConfigFile['rules'],
      maxArticleSize: this.settings.maxArticleSize,
    };
    return corpus ? configFor(corpus, overrides) : configFor({ root: path.dirname(file), configProblems: [], names: new CorpusFileIndex() }, overrides);
  }

  fileContext(file: string): FileContext {
    return fileContextOf(file, this.articles.get(file));
  }

  corpusOf(file: string): Corpus | undefined {
    return this.articles.get(file);
  }

  /** Every corpus with articles. */
  corpusList(): Corpus[] {
    return [...this.sizes.keys()];
  }

  /** Every corpus with its articles. */
  corpora(): Map<Corpus, string[]> {
    const result = new Map<Corpus, string[]>();
    for (const [file, corpus] of this.articles) {
      const files = result.get(corpus);
      if (files) files.push(file);
      else result.set(corpus, [file]);
    }
    return result;
  }

  /** The corpora whose knowledge base is `file`. */
  corporaWithKnowledgeBase(file: string): Corpus[] {
    return this.corpusList().filter((c) => c.knowledgeBase?.file === file || knowledgeBasePath(c) === file);
  }

  /** Problems of the corpus config files, by config file path. */
  async configProblems(): Promise<Map<string, string[]>> {
    const problems = new Map<string, string[]>();
    for (const corpus of await this.resolver.all()) {
      if (corpus.configProblems.length === 0) continue;
      problems.set(path.join(corpus.root, 'seed-corpus.json'), corpus.configProblems.map((p) => (p.path ? `${p.path}: ` : '') + p.message));
    }
    return problems;
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
