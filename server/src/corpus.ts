/** Groups article files into corpora (a folder with `seed-corpus.json`, or else the file's own folder) with their config. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { sha1 } from './analysisCache';
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
  text: KnowledgeBaseText;
  /** The text `catalog` was read from (the same object as `text` when that could be read), and where each entity stands in it. */
  goodText?: KnowledgeBaseText;
  locations: KbReading['locations'];
  /** True while the text is not parsed yet (see `knowledgeBaseToRead`): reading any field above but `file` and `text` parses it. */
  readonly unread?: boolean;
}

/**
 * A knowledge base's text. One read from disk is kept deflated once it has been parsed: the bench's 14 MB file (it
 * holds characters beyond Latin-1, so two bytes each) was 26 MB of the server's heap for as long as it ran, while
 * only its problems, a definition, a workspace symbol search, a rename and an added entity read it again. An editor's
 * text is kept as it is: the editor's document holds it anyway, and typing in it would deflate it at every pause.
 */
export class KnowledgeBaseText {
  private hashValue?: string;

  private constructor(
    private readonly plain: string | undefined,
    private readonly deflated: Buffer | undefined,
  ) {}

  /** A text kept as it is. */
  static kept(text: string): KnowledgeBaseText {
    return new KnowledgeBaseText(text, undefined);
  }

  /** A text decoded from a file's UTF-8 (well-formed, so UTF-8 gives it back exactly), kept deflated. */
  static deflated(text: string): KnowledgeBaseText {
    const bytes = Buffer.from(text, 'utf8');
    const kept = new KnowledgeBaseText(undefined, deflateRawSync(bytes, { level: 1 }));
    kept.hashValue = sha1(bytes);
    return kept;
  }

  /** The text (inflated again each time when kept deflated: callers keep what they need of it). */
  get value(): string {
    return this.plain ?? inflateRawSync(this.deflated!).toString('utf8');
  }

  /** SHA-1 of the text's UTF-8. */
  get hash(): string {
    return (this.hashValue ??= sha1(this.plain!));
  }

  /** Whether `text` is this text. */
  equals(text: string): boolean {
    return this.plain !== undefined ? this.plain === text : this.hash === sha1(text);
  }
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
  if (corpus.knowledgeBase) updateKnowledgeBase(corpus, file, text, { fromDisk: true });
  else corpus.knowledgeBase = knowledgeBaseToRead(file, text);
}

/**
 * A knowledge base with no version before it, parsed when a field that needs it is first read: a warm start's pass
 * needs only its text (the cache says whether the same text was readable), and parsing 20,000 entities was a
 * quarter of the server's work there.
 */
function knowledgeBaseToRead(file: string, text: string): CorpusKnowledgeBase {
  // Kept as it is until parsed (a warm start's threads may need it), then as the reading keeps it.
  let unread: KnowledgeBaseText | undefined = KnowledgeBaseText.kept(text);
  let read: CorpusKnowledgeBase | undefined;
  const parsed = () => {
    if (!read) {
      read = readingOf(file, unread!.value, undefined, true);
      unread = undefined;
    }
    return read;
  };
  return {
    file,
    get text() {
      return read?.text ?? unread!;
    },
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

/**
 * Re-reads the knowledge base from `text` (an open editor, or the disk: `fromDisk`); returns whether the usable version
 * changed.
 */
export function updateKnowledgeBase(corpus: Corpus, file: string, text: string, { fromDisk = false } = {}): boolean {
  const previous = corpus.knowledgeBase;
  if (previous?.file === file && previous.text.equals(text)) return false;
  corpus.knowledgeBase = readingOf(file, text, previous, fromDisk);
  return corpus.knowledgeBase.catalog !== previous?.catalog;
}

/** `text` read, or, where it cannot be, the last version that could (`previous`) kept in use. */
function readingOf(file: string, text: string, previous: CorpusKnowledgeBase | undefined, fromDisk: boolean): CorpusKnowledgeBase {
  const reading = readKnowledgeBase(text);
  const good = reading.knowledgeBase !== undefined;
  const kept = fromDisk ? KnowledgeBaseText.deflated(text) : KnowledgeBaseText.kept(text);
  return {
    file,
    catalog: good ? compileKnowledgeBase(reading.knowledgeBase!) : previous?.catalog,
    problems: reading.problems,
    text: kept,
    goodText: good ? kept : previous?.goodText,
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
