/** `seed-corpus check|fix [paths…]`: the same engine as the language server, for CI and the shell. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyzeArticle, decodeUtf8, type Finding } from './core/analyze';
import { fixAll, isFixable } from './core/fix';
import { CorpusResolver, configFor, fileContextOf, type ArticleTarget } from './corpus';
import { findCorpusFiles, writeFileAtomically } from './files';

const usage = `Usage: seed-corpus <command> [paths…] [options]

Commands:
  check   report problems (default paths: seeds/); exits 1 when there are errors
  fix     apply the safe fixes in place (atomic writes) and report what changed

Options:
  --format text|json   output format (default text)
  -h, --help           show this help`;

interface Options {
  command: 'check' | 'fix';
  paths: string[];
  format: 'text' | 'json';
}

function parseArguments(argv: string[]): Options | string {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'fix') return command === undefined ? 'No command given.' : `Unknown command “${command}”.`;
  const options: Options = { command, paths: [], format: 'text' };
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

/** Every `*.txt` file named or found under the given paths, once each, in order. */
async function collectFiles(paths: string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => undefined);
    if (!stat) throw new UsageError(`No such file or folder: ${given}`);
    if (stat.isDirectory()) for (const file of (await findCorpusFiles(given)).textFiles) files.add(path.resolve(file));
    else files.add(path.resolve(given));
  }
  return [...files];
}

class UsageError extends Error {}

const relative = (file: string) => path.relative(process.cwd(), file) || file;

async function resolveAll(files: string[]): Promise<{ targets: ArticleTarget[]; resolver: CorpusResolver }> {
  const resolver = new CorpusResolver();
  const targets = await Promise.all(files.map((file) => resolver.resolve(file)));
  for (const corpus of await resolver.all()) {
    for (const problem of corpus.configProblems) process.stderr.write(`${relative(path.join(corpus.root, 'seed-corpus.json'))}: ${problem.path ? problem.path + ': ' : ''}${problem.message}\n`);
  }
  return { targets, resolver };
}

async function check(options: Options): Promise<number> {
  const { targets } = await resolveAll(await collectFiles(options.paths));
  const results: Array<{ file: string; finding: Finding }> = [];
  for (const target of targets) {
    const bytes = await fs.readFile(target.file);
    const analysis = analyzeArticle({ bytes, file: fileContextOf(target.file, target.corpus) }, configFor(target.corpus));
    for (const finding of analysis.findings) results.push({ file: relative(target.file), finding });
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
      `${results.length} problem${results.length === 1 ? '' : 's'} (${count('error', 'error')}, ${count('warning', 'warning')}, ${count('information', 'information', 'information')}, ${count('hint', 'hint')}) in ${targets.length} file${targets.length === 1 ? '' : 's'}` +
        (fixable > 0 ? `; ${fixable} fixable with \`seed-corpus fix\`.\n` : '.\n'),
    );
  }
  return results.some((r) => r.finding.severity === 'error') ? 1 : 0;
}

async function fix(options: Options): Promise<number> {
  const { targets } = await resolveAll(await collectFiles(options.paths));
  const report: Array<{ file: string; applied: Record<string, number>; error?: string }> = [];
  for (const target of targets) {
    const file = relative(target.file);
    const bytes = await fs.readFile(target.file);
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      report.push({ file, applied: {}, error: 'not valid UTF-8; left untouched' });
      continue;
    }
    const result = fixAll({ text, file: fileContextOf(target.file, target.corpus) }, configFor(target.corpus));
    if (result.text === text) continue;
    try {
      await writeFileAtomically(target.file, result.text, bytes);
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
    return options.command === 'check' ? await check(options) : await fix(options);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`seed-corpus: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
