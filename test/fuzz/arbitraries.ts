// Random articles for the property tests (test/unit/fix-properties.test.ts) and the fuzzer (test/fuzz/run.ts):
// generated ones, made of the seeds' words and of what trips the rules (dates, quotes, brackets, residue,
// datelines, broken headers), and the real seeds cut down and mutated the ways articles go wrong (trailing
// spaces, tabs, CRLF, straight quotes, doubled words, no-break spaces, a BOM, stray header lines, NFD, random
// Unicode). Mutations are plain data, so a failing case prints readably and shrinks.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseArticle } from '../../server/src/core/article';
import { compileKnowledgeBase, type EntityCatalog } from '../../server/src/core/entities/catalog';
import { readKnowledgeBase } from '../../server/src/core/entities/knowledge-base';

export const seedsFolder = path.join(__dirname, '..', '..', 'seeds');

/** The seed articles, by file name. */
export const seedTexts: ReadonlyArray<{ name: string; text: string }> = readdirSync(seedsFolder)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(path.join(seedsFolder, name), 'utf8') }));

/** The seeds' knowledge base, compiled, so that the entity rules run. */
export function seedCatalog(): EntityCatalog {
  return compileKnowledgeBase(readKnowledgeBase(readFileSync(path.join(seedsFolder, 'entities.json'), 'utf8')).knowledgeBase!);
}

const seedWords = [...new Set(seedTexts.flatMap(({ text }) => text.split(/\s+/u)).filter((w) => w.length > 0))];

/** Words and phrases each of which some rule or parser reacts to. */
const trickyTokens = [
  'baut baut', 'die die', 'Leica', 'LEICA', 'Lecia', 'Xiaomi', 'Xiaomis', 'dell’Huawei', 'Leica-Kamera', 'Leitz Phone 2', 'SHARP',
  '„Zitat“', '“quote”', '«citazione»', '»Zitat«', '"straight"', '„offen', 'zu“', '”', '"', '(già)', '( già )', '[1]', '(', ')', ']', '1)', 'a)',
  'im Juli', 'Ende März', 'seit 2016', 'seit fünf Jahren', '31 marzo scorso', 'l’anno scorso', 'last summer', 'en juillet', 'el próximo año',
  '24-05-2022', '2022-05-24', '15:02', '1.299', '3/4', 'Q3 2021', 'P50', 'RTX 2080', 'www.example.com', 'https://example.com/a?b=c', 'a@b.de',
  '–', '—', '…', '...', '\u00a0', '\u202f', '\u200b', '📷', 'é', 'e\u0301', 'ﬁ', 'İ', 'ß', '\u00ad',
];

const residueLines = ['Beitrage Teilen', '- Continua...', 'Leggi anche', 'Share this article', 'Lire la suite', 'Seguir leyendo', 'Kommentar schreiben', '» Weiterlesen …'];
const datelines = ['24-05-2022 15:02 - Fonte: www.fotografareindigitale.com', '24.05.2022 – Quelle: dpa', '2022-05-24', '05-06-2022 - Fonte: www.example.com', '31-02-2022 10:00'];
const creditLines = ['Bild: Leica Camera AG', 'Fonte: Xiaomi', 'Foto: dpa', 'Source: Reuters', 'Bildquelle:  Xiaomi '];
const headerLines = [
  'lang: de', 'lang: it', 'lang: DE', 'lang: ger', 'lang: de_DE', 'lang: deutsch', 'lang:', 'lang: [de, it]', 'lang: en-gb',
  'source: fotoMAGAZIN', 'url: https://www.example.com/2022/05/24/leica', 'url: ftp://x', 'url: kein Link',
  'published: 2022-05-24', 'published: 2022-05-24T15:02', 'published: 24.05.2022', 'published: 2022-02-30',
  'author: Andreas Jordan', 'ignore: [doubled-word]', 'ignore: doubled-word, web-residue', 'ignore: [no-such-rule]', 'ignore:',
  'lnag: de', 'foo: bar', 'key without colon', '  - item', 'lang: de: it', '"unclosed: x', '{ a: b',
];

const word = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...seedWords) },
  { weight: 3, arbitrary: fc.constantFrom(...trickyTokens) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);

const sentence = fc.array(word, { minLength: 1, maxLength: 24 }).map((words) => words.join(' '));

const paragraph = fc.oneof(
  { weight: 10, arbitrary: sentence },
  { weight: 1, arbitrary: fc.constantFrom(...residueLines) },
  { weight: 1, arbitrary: fc.constantFrom(...datelines) },
  { weight: 1, arbitrary: fc.constantFrom(...creditLines) },
);

const header = fc.option(
  fc
    .tuple(fc.array(fc.constantFrom(...headerLines), { maxLength: 6 }), fc.constantFrom('---\n', '---\n', '---\n', '--- \n', ''))
    .map(([lines, closing]) => `---\n${lines.map((l) => `${l}\n`).join('')}${closing}`),
  { nil: '', freq: 3 },
);

const separator = fc.oneof({ weight: 12, arbitrary: fc.constant('\n\n') }, { weight: 1, arbitrary: fc.constantFrom('\n', '\n\n\n', '\n \n', '\n\u00a0\n') });

/** An article built from scratch: an optional (possibly broken) header, a title, paragraphs of seed words and tricky tokens. */
export const generatedArticle: fc.Arbitrary<string> = fc
  .tuple(header, sentence, fc.array(fc.tuple(separator, paragraph), { maxLength: 6 }), fc.constantFrom('\n', '\n', '', '\n\n'))
  .map(([head, title, rest, end]) => `${head}${title}${rest.map(([sep, p]) => sep + p).join('')}${end}`);

/** A seed cut down to its header, its title and a few consecutive lines of its body, so that each run stays cheap. */
export const seedExcerpt: fc.Arbitrary<{ name: string; text: string }> = fc
  .tuple(fc.constantFrom(...seedTexts), fc.nat(), fc.integer({ min: 1, max: 8 }))
  .map(([seed, from, count]) => {
    const article = parseArticle(seed.text);
    const body = article.title ? article.title.number : article.bodyStartLine;
    const lines = seed.text.split('\n');
    const head = lines.slice(0, body + 1);
    const rest = lines.slice(body + 1);
    const start = rest.length === 0 ? 0 : from % rest.length;
    return { name: seed.name, text: [...head, ...rest.slice(start, start + count)].join('\n') + (count % 2 === 0 ? '\n' : '') };
  });

/** One way an article goes wrong; positions are reduced modulo the text's length or line count when applied. */
export type Mutation =
  | { kind: 'trailing whitespace'; line: number; whitespace: string }
  | { kind: 'leading whitespace'; line: number; whitespace: string }
  | { kind: 'tab'; at: number }
  | { kind: 'double space'; at: number }
  | { kind: 'CRLF'; everywhere: boolean; line: number }
  | { kind: 'CR'; line: number }
  | { kind: 'straight quotes' }
  | { kind: 'doubled word'; at: number }
  | { kind: 'no-break space'; at: number }
  | { kind: 'BOM' }
  | { kind: 'stray header line'; line: number; text: string }
  | { kind: 'deleted line'; line: number }
  | { kind: 'blank lines'; line: number; count: number }
  | { kind: 'NFD'; line: number; everywhere: boolean }
  | { kind: 'unicode'; at: number; text: string }
  | { kind: 'residue line'; line: number; text: string };

const whitespace = fc.constantFrom(' ', '  ', '\t', '\u00a0', ' \u00a0', '\u2003', '\u200b', ' \t ');

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('trailing whitespace' as const), line: fc.nat(), whitespace }),
  fc.record({ kind: fc.constant('leading whitespace' as const), line: fc.nat(), whitespace }),
  fc.record({ kind: fc.constant('tab' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('double space' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('CRLF' as const), everywhere: fc.boolean(), line: fc.nat() }),
  fc.record({ kind: fc.constant('CR' as const), line: fc.nat() }),
  fc.constant({ kind: 'straight quotes' as const }),
  fc.record({ kind: fc.constant('doubled word' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('no-break space' as const), at: fc.nat() }),
  fc.constant({ kind: 'BOM' as const }),
  fc.record({ kind: fc.constant('stray header line' as const), line: fc.nat(), text: fc.constantFrom('---', ...headerLines) }),
  fc.record({ kind: fc.constant('deleted line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('blank lines' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('NFD' as const), line: fc.nat(), everywhere: fc.boolean() }),
  fc.record({ kind: fc.constant('unicode' as const), at: fc.nat(), text: fc.string({ unit: fc.oneof(fc.constantFrom(...'\u0000\u0007\u001b\u0085\u0301\u0308\u00ad\u200b\u200d\u2028\u2029\ufeff\ufffd\ud83d\ude00\r\t'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('residue line' as const), line: fc.nat(), text: fc.constantFrom(...residueLines, ...datelines) }),
);

/** Where a position falls: at a character boundary that is never inside a surrogate pair. */
function boundary(text: string, at: number): number {
  let i = at % (text.length + 1);
  if (i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]) && /[\ud800-\udbff]/.test(text[i - 1])) i--;
  return i;
}

function mapLine(text: string, line: number, change: (line: string) => string[]): string {
  const lines = text.split('\n');
  const i = line % lines.length;
  lines.splice(i, 1, ...change(lines[i]));
  return lines.join('\n');
}

/** Positions of spaces between two words, for mutations that act there. */
function spaceAt(text: string, at: number): number | undefined {
  const spaces = [...text.matchAll(/(?<=\S) (?=\S)/g)].map((m) => m.index);
  return spaces.length === 0 ? undefined : spaces[at % spaces.length];
}

export function applyMutation(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'trailing whitespace':
      return mapLine(text, m.line, (l) => [l.replace(/\r?$/, (cr) => m.whitespace + cr)]);
    case 'leading whitespace':
      return mapLine(text, m.line, (l) => [m.whitespace + l]);
    case 'tab': {
      const i = boundary(text, m.at);
      return `${text.slice(0, i)}\t${text.slice(i)}`;
    }
    case 'double space':
    case 'no-break space': {
      const i = spaceAt(text, m.at);
      if (i === undefined) return text;
      return `${text.slice(0, i)}${m.kind === 'double space' ? '  ' : '\u00a0'}${text.slice(i + 1)}`;
    }
    case 'CRLF':
      return m.everywhere ? text.replace(/\r?\n/g, '\r\n') : mapLine(text, m.line, (l) => [l.endsWith('\r') ? l : `${l}\r`]);
    case 'CR': {
      const breaks = [...text.matchAll(/\n/g)].map((b) => b.index);
      if (breaks.length === 0) return text;
      const i = breaks[m.line % breaks.length];
      return `${text.slice(0, i)}\r${text.slice(i + 1)}`;
    }
    case 'straight quotes':
      return text.replace(/[„“”«»]/g, '"');
    case 'doubled word': {
      const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
      if (words.length === 0) return text;
      const w = words[m.at % words.length];
      return `${text.slice(0, w.index)}${w[0]} ${text.slice(w.index)}`;
    }
    case 'BOM':
      return `\ufeff${text}`;
    case 'stray header line':
      return mapLine(text, m.line, (l) => [m.text, l]);
    case 'deleted line':
      return mapLine(text, m.line, () => []);
    case 'blank lines':
      return mapLine(text, m.line, (l) => [l, ...Array<string>(m.count).fill('')]);
    case 'NFD':
      return m.everywhere ? text.normalize('NFD') : mapLine(text, m.line, (l) => [l.normalize('NFD')]);
    case 'unicode': {
      const i = boundary(text, m.at);
      return `${text.slice(0, i)}${m.text}${text.slice(i)}`;
    }
    case 'residue line':
      return mapLine(text, m.line, (l) => [l, '', m.text]);
  }
}

export interface FuzzArticle {
  /** Where the text came from: a seed's file name, or "generated". */
  origin: string;
  mutations: Mutation[];
  text: string;
}

/** An article to check: a generated one or a seed excerpt, with up to `maxMutations` mutations applied in turn. */
export function fuzzArticle(maxMutations = 5): fc.Arbitrary<FuzzArticle> {
  const base = fc.oneof(
    generatedArticle.map((text) => ({ origin: 'generated', text })),
    seedExcerpt.map(({ name, text }) => ({ origin: name, text })),
  );
  return fc.tuple(base, fc.array(mutation, { maxLength: maxMutations })).map(([{ origin, text }, mutations]) => ({
    origin,
    mutations,
    text: mutations.reduce(applyMutation, text),
  }));
}
