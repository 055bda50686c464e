// The fuzzer: `npm run fuzz [-- --seconds N] [-- --seed S]`. For a fixed time it generates articles (random ones and
// the seeds mutated, see arbitraries.ts; now and then raw Unicode or raw bytes) and runs the core on each in a
// worker (target.ts): the parser, analyzeArticle with every rule on and the seeds' knowledge base, fixAll, the entity
// matcher and the date extractor. An exception, or an input slower than the hang limit, is saved under the system's
// temporary folder and makes the exit status 1. The same seed generates the same inputs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { timelineLanguages } from '../../server/src/core/timeline/lexicon';
import { buildInput, regexInputs, timelineInputs } from './adversarial';
import { fuzzArticle } from './arbitraries';
import { Isolate } from './isolate';
import type { FuzzInput, FuzzResult } from './target';

interface Options {
  seconds: number;
  seed: number;
  /** An input slower than this is a hang. */
  hangMs: number;
}

function parseOptions(args: string[]): Options {
  const options: Options = { seconds: 60, seed: Date.now() % 1_000_000, hangMs: 2_000 };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split('=', 2);
    const value = inline ?? args[++i];
    const number = Number(value);
    if (!['--seconds', '--seed', '--hang-ms'].includes(flag) || value === undefined || !Number.isFinite(number) || number < 0) {
      process.stderr.write(`Usage: tsx test/fuzz/run.ts [--seconds N] [--seed S] [--hang-ms MS]\n(unknown or invalid: ${args[i]})\n`);
      process.exit(2);
    }
    if (flag === '--seconds') options.seconds = number;
    else if (flag === '--seed') options.seed = Math.floor(number);
    else options.hangMs = number;
  }
  return options;
}

const fileName = '005_0123456789abcdef.txt';

// Long lines of the kinds that make patterns backtrack, for a paragraph of 10 KB now and then.
const longLines = [...regexInputs(String.raw`[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*\s+"„“«»()[]–—.,:;`), ...timelineLanguages.flatMap((language) => timelineInputs(language))];

/** Inputs: mostly articles, sometimes raw Unicode text, raw bytes or a 10 KB paragraph; each with a language for the date extractor. */
const inputArbitrary: fc.Arbitrary<FuzzInput & { origin: string; mutations: number }> = fc
  .tuple(
    fc.oneof(
      { weight: 16, arbitrary: fuzzArticle(8).map((a) => ({ text: a.text, origin: a.origin, mutations: a.mutations.length })) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }).map((text) => ({ text, origin: 'unicode', mutations: 0 })) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ bytes, origin: 'bytes', mutations: 0 })) },
      { weight: 1, arbitrary: fc.constantFrom(...longLines).map((spec) => ({ text: `---\nlang: de\n---\nTitel\n\n${buildInput(spec, 10_000)}\n`, origin: `long line: ${spec.name}`, mutations: 0 })) },
    ),
    fc.constantFrom(...timelineLanguages),
  )
  .map(([input, language]) => ({ ...input, name: input.origin.endsWith('.txt') ? input.origin : fileName, language }));

/**
 * Faults already known, each shown by a todo test: an input that meets one is counted apart and does not fail the
 * run. Delete an entry once its fault is fixed.
 */
const knownFaults: Array<{ fault: string; meets: (input: FuzzInput) => boolean }> = [];

interface Finding {
  kind: 'exception' | 'hang';
  index: number;
  ms: number;
  size: number;
  detail: string;
  saved: string;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const folder = path.join(tmpdir(), 'seed-corpus-fuzz', `seed-${options.seed}`);
  mkdirSync(folder, { recursive: true });
  const save = (index: number, input: FuzzInput, what: string): string => {
    const file = path.join(folder, `${index}-${what}.${input.bytes ? 'bin' : 'txt'}`);
    writeFileSync(file, input.bytes ?? input.text ?? '');
    writeFileSync(`${file}.json`, JSON.stringify({ seed: options.seed, index, name: input.name, language: input.language }, null, 2) + '\n');
    return file;
  };
  // A call that takes far longer than the hang limit is stopped; the worker is replaced and fuzzing goes on.
  const isolate = new Isolate(path.join(__dirname, 'target.ts'));
  const deadline = Date.now() + options.seconds * 1000;
  const problems: Finding[] = [];
  const known = new Map<string, number>();
  const slowest: Array<{ index: number; ms: number; size: number; input: FuzzInput }> = [];
  let fuzzed = 0;
  process.stderr.write(`Fuzzing for ${options.seconds} s with seed ${options.seed}; inputs that fail are saved in ${folder}\n`);
  for (let batch = 0; Date.now() < deadline; batch++) {
    for (const input of fc.sample(inputArbitrary, { seed: options.seed + batch * 7919, numRuns: 50 })) {
      if (Date.now() >= deadline) break;
      const index = fuzzed++;
      const size = input.bytes?.length ?? input.text?.length ?? 0;
      const outcome = await isolate.call<FuzzResult>('fuzzOne', [{ text: input.text, bytes: input.bytes, name: input.name, language: input.language }], Math.max(options.hangMs * 5, 10_000));
      const slow = outcome.kind === 'timed out' || outcome.ms > options.hangMs;
      const fault = slow ? knownFaults.find((k) => k.meets(input))?.fault : undefined;
      if (fault) known.set(fault, (known.get(fault) ?? 0) + 1);
      slowest.push({ index, ms: outcome.ms, size, input });
      slowest.sort((a, b) => b.ms - a.ms);
      slowest.length = Math.min(slowest.length, 5);
      if (outcome.kind === 'timed out') {
        if (!fault) problems.push({ kind: 'hang', index, ms: outcome.ms, size, detail: 'stopped: no answer', saved: save(index, input, 'hang') });
        continue;
      }
      if (outcome.kind === 'threw') {
        problems.push({ kind: 'exception', index, ms: outcome.ms, size, detail: outcome.error, saved: save(index, input, 'exception') });
        continue;
      }
      for (const { stage, error } of outcome.value.errors) problems.push({ kind: 'exception', index, ms: outcome.ms, size, detail: `${stage}: ${error}`, saved: save(index, input, 'exception') });
      if (slow && !fault) {
        const stages = Object.entries(outcome.value.ms).map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`).join(', ');
        problems.push({ kind: 'hang', index, ms: outcome.ms, size, detail: stages, saved: save(index, input, 'hang') });
      }
    }
  }
  await isolate.close();

  const exceptions = problems.filter((p) => p.kind === 'exception');
  const hangs = problems.filter((p) => p.kind === 'hang');
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Inputs fuzzed: ${fuzzed} in ${options.seconds} s (seed ${options.seed})`);
  out(`Exceptions: ${exceptions.length}`);
  for (const p of exceptions) out(`  #${p.index} (${p.size} characters, saved ${p.saved}): ${p.detail.split('\n').slice(0, 3).join(' | ')}`);
  out(`Hangs (over ${options.hangMs} ms): ${hangs.length}`);
  for (const p of hangs) out(`  #${p.index} ${Math.round(p.ms)} ms (${p.size} characters, saved ${p.saved}): ${p.detail}`);
  for (const [fault, count] of known) out(`Known fault met by ${count} slow input${count > 1 ? 's' : ''} (not counted): ${fault}`);
  out('Slowest inputs:');
  for (const s of slowest) out(`  #${s.index} ${Math.round(s.ms)} ms, ${s.size} ${s.input.bytes ? 'bytes' : 'characters'}, saved ${save(s.index, s.input, 'slow')}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}

void main();
