/** Groups article files into corpora (a folder with `seed-corpus.json`, or else the file's own folder) with their config. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeBaseFile, mergeConfig, type ConfigProblem, type CorpusConfig, type CorpusConfigFile } from './core/config';
import { compileKnowledgeBase, type EntityCatalog } from './core/entities/catalog';
import { readKnowledgeBase, type KbProblem, type KbReading } from './core/entities/knowledge-base';
import { CorpusFileIndex } from './core/file-index';
import type { FileContext } from './core/rule';
import { findConfigRoot, findCorpusFiles, loadConfigFile } from './files';

export interface Corpus {
  root: string;
  configFile?: CorpusConfigFile;
  configProblems: ConfigProblem[];
  names: CorpusFileIndex;
  knowledgeBase?: CorpusKnowledgeBase;
}

/** A corpus's knowledge base: the last good version in use, and the problems of the current text. */
export interface CorpusKnowledgeBase {
  file: string;
  /** The last version that could be read; kept while the file is broken (mid-edit). */
  catalog?: EntityCatalog;
  problems: KbProblem[];
  /** The text the problems refer to. */
  text: string;
  /** The text `catalog` was read from, and where each entity stands in it. */
  goodText?: string;
  locations: KbReading['locations'];
  /** True while the text is not parsed yet (see `knowledgeBaseToRead`): reading any field above but `file` and `text` parses it. */
  readonly unread?: boolean;
}

export interface ArticleTarget {
  file: string;
  corpus: Corpus;
}

/** Resolves each file to its corpus; folders and configs are read once however many files share them. */
export class CorpusResolver {
  private readonly roots = new Map<string, Promise<string | undefined>>();
  private readonly corpora = new Map<string, Promise<Corpus>>();
  /** The text files under a folder as `findCorpusFiles` listed them: a corpus rooted there is not listed again. */
  private readonly listings = new Map<string, readonly string[]>();

  /**
   * `bounds`: the folders the config search may look in (see `findConfigRoot`); the server's workspace folders,
   * the CLI's current folder or given paths. `beforeKnowledgeBase` hears each corpus's knowledge-base text as read,
   * before it is parsed (`seed-corpus check` hands it to its analysis threads, which parse it meanwhile).
   */
  constructor(
    private readonly bounds: readonly string[],
    private readonly beforeKnowledgeBase?: (corpus: Corpus, text: string) => void,
  ) {}

  /** `textFiles`: every article-like file under `folder`, from `findCorpusFiles(folder)`. */
  remember(folder: string, textFiles: readonly string[]): void {
    this.listings.set(path.resolve(folder), textFiles);
  }

  async resolve(file: string): Promise<ArticleTarget> {
    const folder = path.dirname(path.resolve(file));
    let root = this.roots.get(folder);
    if (!root) this.roots.set(folder, (root = findConfigRoot(folder, this.bounds)));
    const configRoot = await root;
    const key = configRoot ?? folder;
    let corpus = this.corpora.get(key);
    if (!corpus) this.corpora.set(key, (corpus = loadCorpus(key, configRoot !== undefined, this.listings.get(key), this.beforeKnowledgeBase)));
    return { file: path.resolve(file), corpus: await corpus };
  }

  async all(): Promise<Corpus[]> {
    return Promise.all(this.corpora.values());
  }
}

async function loadCorpus(root: string, hasConfig: boolean, listed?: readonly string[], beforeKnowledgeBase?: (corpus: Corpus, text: string) => void): Promise<Corpus> {
  const loaded = hasConfig ? await loadConfigFile(root) : { problems: [] };
  const files = hasConfig ? listed ?? (await findCorpusFiles(root)).textFiles : await textFilesIn(root);
  const corpus: Corpus = { root, configFile: loaded.config, configProblems: loaded.problems, names: new CorpusFileIndex(files.map((f) => path.basename(f))) };
  if (hasConfig) await loadKnowledgeBase(corpus, beforeKnowledgeBase);
  return corpus;
}

/** The knowledge-base path of a corpus: the config's `knowledgeBase`, else `entities.json` beside the config. */
export function knowledgeBasePath(corpus: Corpus): string {
  return path.join(corpus.root, corpus.configFile?.knowledgeBase ?? defaultKnowledgeBaseFile);
}

/** Reads the corpus's knowledge base from disk; a missing default file just means no entities. */
export async function loadKnowledgeBase(corpus: Corpus, beforeParsing?: (corpus: Corpus, text: string) => void): Promise<void> {
  const file = knowledgeBasePath(corpus);
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT' || corpus.configFile?.knowledgeBase) corpus.configProblems.push({ path: 'knowledgeBase', message: `Cannot read the knowledge base ${file}: ${error.message}` });
    return undefined;
  });
  if (text === undefined) {
    corpus.knowledgeBase = undefined;
    return;
  }
  beforeParsing?.(corpus, text);
  // With no version before it, nothing depends on what it reads until it is used (see `knowledgeBaseToRead`).
  if (corpus.knowledgeBase) updateKnowledgeBase(corpus, file, text);
  else corpus.knowledgeBase = knowledgeBaseToRead(file, text);
}

/**
 * A knowledge base with no version before it, parsed when a field that needs it is first read: a warm start's pass
 * needs only its text (the cache says whether the same text was readable), and parsing 20,000 entities was a
 * quarter of the server's work there.
 */
function knowledgeBaseToRead(file: string, text: string): CorpusKnowledgeBase {
  let read: CorpusKnowledgeBase | undefined;
  const parsed = () => (read ??= readingOf(file, text, undefined));
  return {
    file,
    text,
    get catalog() {
      return parsed().catalog;
    },
    get problems() {
      return parsed().problems;
    },
    get goodText() {
      return parsed().goodText;
    },
    get locations() {
      return parsed().locations;
    },
    get unread() {
      return read === undefined;
    },
  };
}

/** Re-reads the knowledge base from `text` (disk or an open editor); returns whether the usable version changed. */
export function updateKnowledgeBase(corpus: Corpus, file: string, text: string): boolean {
  const previous = corpus.knowledgeBase;
  if (previous?.text === text && previous.file === file) return false;
  corpus.knowledgeBase = readingOf(file, text, previous);
  return corpus.knowledgeBase.catalog !== previous?.catalog;
}

/** `text` read, or, where it cannot be, the last version that could (`previous`) kept in use. */
function readingOf(file: string, text: string, previous: CorpusKnowledgeBase | undefined): CorpusKnowledgeBase {
  const reading = readKnowledgeBase(text);
  const good = reading.knowledgeBase !== undefined;
  return {
    file,
    catalog: good ? compileKnowledgeBase(reading.knowledgeBase!) : previous?.catalog,
    problems: reading.problems,
    text,
    goodText: good ? text : previous?.goodText,
    locations: good ? reading.locations : previous?.locations ?? new Map(),
  };
}

/** What the rules know about an article's place in its corpus. */
export function fileContextOf(file: string, corpus: Corpus | undefined): FileContext {
  return { name: path.basename(file), corpus: corpus?.names, entities: corpus?.knowledgeBase?.catalog };
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
