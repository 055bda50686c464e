/** `seed-corpus check|fix|entities|timeline [paths…]`: the same engine as the language server, for CI and the shell. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyzeArticle, decodeUtf8, type Finding } from './core/analyze';
import { fixAll, isFixable } from './core/fix';
import { AnalysisPool, knowledgeBaseNames, type CorpusState } from './analysisPool';
import { CorpusResolver, configFor, fileContextOf, type ArticleTarget, type Corpus } from './corpus';
import { findCorpusFiles, isWithin, writeFileAtomically } from './files';
import { compileRegularExpressionsOnce } from './regexpCompilation';
import { LineIndex, type Range } from './core/text';
import { compareEventOrder, eventOrder, type AnchorKind, type EventOrder } from './core/timeline';

const usage = `Usage: seed-corpus <command> [paths…] [options]

Commands:
  check      report problems (default paths: seeds/); exits 1 when there are errors
  fix        apply the safe fixes in place (atomic writes) and report what changed
  entities   list the knowledge-base entities each article mentions, and names not in the knowledge base
  timeline   print the dated events of the articles in time order

Options:
  --format text|json   output format (default text)
  -h, --help           show this help

Each article's corpus config, seed-corpus.json, is the nearest one at or above its folder, looked for up to the
current folder (or, for a path outside it, up to that path): never above.`;

const commandNames = ['check', 'fix', 'entities', 'timeline'] as const;
type CommandName = (typeof commandNames)[number];

interface Options {
  command: CommandName;
  paths: string[];
  format: 'text' | 'json';
}

function parseArguments(argv: string[]): Options | string {
  const [command, ...rest] = argv;
  if (!(commandNames as readonly string[]).includes(command)) return command === undefined ? 'No command given.' : `Unknown command “${command}”.`;
  const options: Options = { command: command as CommandName, paths: [], format: 'text' };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--format') {
      const value = rest[++i];
      if (value !== 'text' && value !== 'json') return `--format takes text or json, not “${value ?? ''}”.`;
      options.format = value;
    } else if (arg.startsWith('--format=')) {
      const value = arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') return `--format takes text or json, not “${value}”.`;
      options.format = value;
    } else if (arg.startsWith('-')) {
      return `Unknown option “${arg}”.`;
    } else {
      options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) options.paths.push('seeds');
  return options;
}

interface Collected {
  /** Every `*.txt` file named or found under the given paths, once each, in order. */
  files: string[];
  /**
   * Where `fix` may write, as real paths: each given folder, and each given file as named (a symbolic link given
   * as a file is not followed here, so its target must lie in another given path to be written).
   */
  writable: string[];
  /**
   * Where the search for `seed-corpus.json` may look: the current folder, for the paths inside it; a path outside it
   * is its own bound (a folder, or a file's folder). Nothing above them is read.
   */
  bounds: string[];
  /** The text files found under each given folder (see `CorpusResolver.remember`). */
  listings: Map<string, string[]>;
}

async function collectFiles(paths: string[]): Promise<Collected> {
  const files = new Set<string>();
  const writable: string[] = [];
  const bounds = new Set<string>();
  const listings = new Map<string, string[]>();
  const cwd = process.cwd();
  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => undefined);
    if (!stat) throw new UsageError(`No such file or folder: ${given}`);
    const resolved = path.resolve(given);
    bounds.add(isWithin(resolved, cwd) ? cwd : stat.isDirectory() ? resolved : path.dirname(resolved));
    if (stat.isDirectory()) {
      const listed = (await findCorpusFiles(given)).textFiles.map((file) => path.resolve(file));
      listings.set(resolved, listed);
      for (const file of listed) files.add(file);
      writable.push(await fs.realpath(given));
    } else if (stat.isFile()) {
      files.add(path.resolve(given));
      writable.push(path.join(await fs.realpath(path.dirname(path.resolve(given))), path.basename(given)));
    } else {
      // A FIFO would block the read forever; a device or socket is no article either.
      throw new UsageError(`Not a file or folder: ${given}`);
    }
  }
  return { files: [...files], writable, bounds: [...bounds], listings };
}

/** An article's bytes; a file that cannot be read (gone meanwhile, a folder, no permission) is a usage error, not a crash. */
async function readArticle(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${relative(file)}: ${(error as Error).message}`);
  }
}

/**
 * What the analysis threads need of a corpus. The knowledge base goes as its text while this thread reads it too
 * (`knowledgeBase`): a text the threads cannot read gives them no entities, as it gives this thread none. Once read
 * here, its entities go as names (`knowledgeBaseNames`).
 */
function corpusState(corpus: Corpus, knowledgeBase?: string): CorpusState {
  const state: CorpusState = { key: corpus.root, signature: '', config: configFor(corpus), names: corpus.names.names() };
  if (knowledgeBase !== undefined) return { ...state, knowledgeBase };
  const catalog = corpus.knowledgeBase?.catalog;
  return catalog ? { ...state, entityNames: knowledgeBaseNames(catalog) } : state;
}

/**
 * The targets of the given paths, and the findings of each, in order, from the analysis threads (every core; the
 * same code as the server's). The threads start as soon as a knowledge base is read, and read it while this thread
 * does, for its problems: it took them a second to be ready after this thread was done with it.
 */
async function analyseInThreads(collected: Collected): Promise<Array<[ArticleTarget, Finding[]]>> {
  // This thread has nothing else to do meanwhile: it is one of the analysers, whatever an article's size.
  const pool = new AnalysisPool(path.join(__dirname, 'analysisWorker.js'), collected.files.length, { lane: { largestBytes: Infinity } });
  try {
    const { targets } = await resolveAll(collected, (corpus, text) => pool.prepare(corpusState(corpus, text)));
    for (const corpus of new Set(targets.map((target) => target.corpus))) pool.setCorpus(corpusState(corpus), { names: corpus.names, catalog: corpus.knowledgeBase?.catalog });
    const replies = await Promise.all(targets.map((target) => pool.analyse({ file: target.file, corpus: target.corpus.root, events: false, findingsOnly: true })));
    return targets.map((target, i) => {
      const reply = replies[i];
      if (!reply.findings) throw new UsageError(`Cannot read ${relative(target.file)}: ${reply.error ?? 'no result'}`);
      return [target, reply.findings];
    });
  } finally {
    pool.dispose();
  }
}

class UsageError extends Error {}

const relative = (file: string) => path.relative(process.cwd(), file) || file;

async function resolveAll({ files, bounds, listings }: Collected, beforeKnowledgeBase?: (corpus: Corpus, text: string) => void): Promise<{ targets: ArticleTarget[]; resolver: CorpusResolver }> {
  const resolver = new CorpusResolver(bounds, beforeKnowledgeBase);
  for (const [folder, listed] of listings) resolver.remember(folder, listed);
  const targets = await Promise.all(files.map((file) => resolver.resolve(file)));
  for (const corpus of await resolver.all()) {
    for (const problem of corpus.configProblems) process.stderr.write(`${relative(path.join(corpus.root, 'seed-corpus.json'))}: ${problem.path ? problem.path + ': ' : ''}${problem.message}\n`);
    const kb = corpus.knowledgeBase;
    if (!kb || kb.problems.length === 0) continue;
    const index = new LineIndex(kb.text.value);
    for (const problem of kb.problems) {
      const { line, character } = index.positionAt(problem.span.start);
      process.stderr.write(`${relative(kb.file)}:${line + 1}:${character + 1} ${problem.severity} knowledge-base ${problem.message}\n`);
    }
  }
  return { targets, resolver };
}

async function check(options: Options): Promise<number> {
  const analysed = await analyseInThreads(await collectFiles(options.paths));
  const results: Array<{ file: string; finding: Finding }> = [];
  for (const [target, findings] of analysed) {
    for (const finding of findings) results.push({ file: relative(target.file), finding });
  }
  if (options.format === 'json') {
    const json = results.map(({ file, finding }) => ({ file, range: finding.range, severity: finding.severity, code: finding.ruleId, message: finding.message, fixable: isFixable(finding) }));
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  } else {
    for (const { file, finding } of results) {
      process.stdout.write(`${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.severity} ${finding.ruleId} ${finding.message}\n`);
    }
    const count = (severity: string, noun: string, plural = noun + 's') => {
      const n = results.filter((r) => r.finding.severity === severity).length;
      return `${n} ${n === 1 ? noun : plural}`;
    };
    const fixable = results.filter((r) => isFixable(r.finding)).length;
    process.stderr.write(
      `${results.length} problem${results.length === 1 ? '' : 's'} (${count('error', 'error')}, ${count('warning', 'warning')}, ${count('information', 'information', 'information')}, ${count('hint', 'hint')}) in ${analysed.length} file${analysed.length === 1 ? '' : 's'}` +
        (fixable > 0 ? `; ${fixable} fixable with \`seed-corpus fix\`.\n` : '.\n'),
    );
  }
  return results.some((r) => r.finding.severity === 'error') ? 1 : 0;
}

async function fix(options: Options): Promise<number> {
  const collected = await collectFiles(options.paths);
  const { targets } = await resolveAll(collected);
  const report: Array<{ file: string; applied: Record<string, number>; error?: string }> = [];
  for (const target of targets) {
    const file = relative(target.file);
    const bytes = await fs.readFile(target.file).catch((error: Error) => error);
    if (bytes instanceof Error) {
      report.push({ file, applied: {}, error: `cannot be read (${bytes.message}); left untouched` });
      continue;
    }
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      report.push({ file, applied: {}, error: 'not valid UTF-8; left untouched' });
      continue;
    }
    const result = fixAll({ text, file: fileContextOf(target.file, target.corpus) }, configFor(target.corpus));
    if (result.text === text) continue;
    // Written where it really is, and only inside the given paths: a link out of them is not followed.
    const real = await fs.realpath(target.file).catch(() => target.file);
    if (!collected.writable.some((allowed) => isWithin(real, allowed))) {
      report.push({ file, applied: {}, error: `is a symbolic link to ${real}, outside the given paths; left untouched` });
      continue;
    }
    try {
      await writeFileAtomically(real, result.text, bytes);
      report.push({ file, applied: result.applied });
    } catch (error) {
      report.push({ file, applied: {}, error: (error as Error).message });
    }
  }
  const total = report.reduce((sum, r) => sum + Object.values(r.applied).reduce((a, b) => a + b, 0), 0);
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    for (const r of report) {
      const details = Object.entries(r.applied).map(([rule, n]) => (n > 1 ? `${rule} ×${n}` : rule)).join(', ');
      process.stdout.write(r.error ? `${r.file}: ${r.error}\n` : `${r.file}: ${details}\n`);
    }
    const changed = report.filter((r) => !r.error).length;
    process.stderr.write(`Applied ${total} fix${total === 1 ? '' : 'es'} in ${changed} file${changed === 1 ? '' : 's'} of ${targets.length}.\n`);
  }
  return report.some((r) => r.error) ? 1 : 0;
}

interface EntitiesReport {
  mentions: Array<{ file: string; range: Range; text: string; entity: string; type: string }>;
  candidates: Array<{ file: string; range: Range; text: string }>;
}

async function entities(options: Options): Promise<number> {
  const { targets } = await resolveAll(await collectFiles(options.paths));
  const report: EntitiesReport = { mentions: [], candidates: [] };
  for (const target of targets) {
    const catalog = target.corpus.knowledgeBase?.catalog;
    const analysis = analyzeArticle({ bytes: await readArticle(target.file), file: fileContextOf(target.file, target.corpus) }, configFor(target.corpus));
    const article = analysis.article;
    if (!article) continue;
    const file = relative(target.file);
    for (const mention of analysis.mentions) {
      const type = catalog?.knowledgeBase.byId.get(mention.entityId)?.type ?? 'other';
      report.mentions.push({ file, range: article.index.rangeOf(mention.span), text: mention.text, entity: mention.entityId, type });
    }
    for (const finding of analysis.findings.filter((f) => f.ruleId === 'entity-unknown')) {
      report.candidates.push({ file, range: finding.range, text: article.text.slice(finding.span.start, finding.span.end) });
    }
  }
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return 0;
  }
  const byEntity = new Map<string, EntitiesReport['mentions']>();
  for (const mention of report.mentions) {
    const list = byEntity.get(mention.entity);
    if (list) list.push(mention);
    else byEntity.set(mention.entity, [mention]);
  }
  for (const [entity, list] of [...byEntity.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    const files = new Set(list.map((m) => m.file)).size;
    process.stdout.write(`${entity} (${list[0].type}): ${list.length} in ${files} ${files === 1 ? 'file' : 'files'}\n`);
  }
  for (const candidate of report.candidates) {
    process.stdout.write(`${candidate.file}:${candidate.range.start.line + 1}:${candidate.range.start.character + 1} not in the knowledge base: ${candidate.text}\n`);
  }
  process.stderr.write(`${report.mentions.length} mentions of ${byEntity.size} entities and ${report.candidates.length} unknown names in ${targets.length} files.\n`);
  return 0;
}

interface TimelineRow {
  value: string;
  mod?: string;
  text: string;
  file: string;
  range: Range;
  sentence: string;
  entities: string[];
  anchor: AnchorKind;
}

async function timeline(options: Options): Promise<number> {
  const { targets } = await resolveAll(await collectFiles(options.paths));
  const located: Array<{ order: EventOrder; row: TimelineRow }> = [];
  for (const target of targets) {
    const analysis = analyzeArticle({ bytes: await readArticle(target.file), file: fileContextOf(target.file, target.corpus) }, configFor(target.corpus), { events: true });
    const article = analysis.article;
    if (!article) continue;
    const file = relative(target.file);
    for (const event of analysis.events ?? []) {
      const row = { value: event.value, mod: event.mod, text: event.text, file, range: article.index.rangeOf(event.span), sentence: event.sentence.text, entities: event.entities, anchor: event.anchor };
      located.push({ order: eventOrder(event), row });
    }
  }
  // Stable: events of one date keep file order, and text order within a file.
  located.sort((a, b) => compareEventOrder(a.order, b.order));
  const rows = located.map((l) => l.row);
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  for (const row of rows) {
    const value = `${row.value}${row.mod ? ` ${row.mod}` : ''}`.padEnd(16);
    process.stdout.write(`${value} ${row.file}:${row.range.start.line + 1}:${row.range.start.character + 1} “${row.text}” (${row.anchor})${row.entities.length > 0 ? ` [${row.entities.join(', ')}]` : ''}\n`);
  }
  process.stderr.write(`${rows.length} events in ${targets.length} files.\n`);
  return 0;
}

const commandTable: Record<CommandName, (options: Options) => Promise<number>> = { check, fix, entities, timeline };

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n\n${usage}\n`);
    return 2;
  }
  try {
    return await commandTable[options.command](options);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

// `seed-corpus … | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

compileRegularExpressionsOnce();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`seed-corpus: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
