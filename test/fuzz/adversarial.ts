// Adversarial inputs for regular expressions and the date extractor: long runs of what a pattern mentions, the
// kind of text that makes a backtracking pattern try every split of a run at every start.
import { lexicons, type TimelineLanguage } from '../../server/src/core/timeline/lexicon';

/** A long input described by what it repeats, so that a worker can build it instead of receiving it. */
export interface InputSpec {
  name: string;
  /** Repeated to fill the input. */
  unit: string;
  /** Starts the input: a word a pattern begins with, before a run that never lets it finish. */
  head?: string;
  /** Ends the input: a character the run cannot match makes a pattern that needs the end give up late. */
  tail?: string;
}

export const adversarialSize = 100_000;

export function buildInput(spec: InputSpec, size = adversarialSize): string {
  const head = spec.head ?? '';
  const tail = spec.tail ?? '';
  const length = Math.max(0, size - head.length - tail.length);
  return head + spec.unit.repeat(Math.ceil(length / spec.unit.length)).slice(0, length) + tail;
}

// What an escape stands for, as one character that it matches.
const escapes: Record<string, string> = { d: '1', D: 'a', s: ' ', S: 'a', w: 'a', W: ' ', t: '\t', n: '\n', r: '\r', f: '\f', v: '\v', b: '', B: '' };
const properties: Record<string, string> = { L: 'a', Lu: 'A', Ll: 'a', N: '1', Nd: '1', M: '\u0301', P: '.', Z: ' ', Zs: ' ' };
const syntax = '()|?*+{}^$[]';

/**
 * The characters a pattern mentions (one for each escape, class member and literal) and its literal words (the
 * alternatives of "nr|model|version"), in the order written.
 */
export function patternAtoms(source: string): { chars: string[]; words: string[] } {
  const chars = new Set<string>();
  const words = new Set<string>();
  let word = '';
  const flush = () => {
    if (word.length > 1) words.add(word);
    word = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const e = source[++i];
      if (e === 'p' || e === 'P') {
        const end = source.indexOf('}', i);
        const name = source.slice(i + 2, end).replace(/^(?:General_Category|gc)=/, '');
        i = end;
        flush();
        chars.add(e === 'P' ? ' ' : properties[name] ?? 'a');
      } else if (e === 'u' && source[i + 1] === '{') {
        const end = source.indexOf('}', i);
        chars.add(String.fromCodePoint(parseInt(source.slice(i + 2, end), 16)));
        i = end;
        flush();
      } else if (e === 'u' || e === 'x') {
        const digits = e === 'u' ? 4 : 2;
        chars.add(String.fromCharCode(parseInt(source.slice(i + 1, i + 1 + digits), 16)));
        i += digits;
        flush();
      } else if (e in escapes) {
        if (escapes[e]) chars.add(escapes[e]);
        flush();
      } else {
        chars.add(e);
        word += e;
      }
    } else if (syntax.includes(c)) {
      flush();
      // A quantifier's bounds and a group's kind are syntax, not text.
      if (c === '{') i = Math.max(i, source.indexOf('}', i));
      if (c === '(' && source[i + 1] === '?') i += source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!' ? source.indexOf('>', i) - i : 2;
    } else if (c === '.') {
      flush();
      chars.add(c);
    } else {
      chars.add(c);
      word += c;
    }
  }
  flush();
  return { chars: [...chars], words: [...words] };
}

/** Characters every pattern gets, whatever it mentions: letters, digits, spaces, punctuation, quotes, a surrogate pair. */
const everyday = ['a', 'A', 'é', '1', ' ', '\u00a0', '\n', '.', ',', '-', '(', '"', '„', '«', '’', '@', '📷'];
/** Alternations and nestings that make patterns with nested or adjacent quantifiers try many splits. */
const rhythms = ['a a ', '1 1 ', '1.1.', '1-1-', '. . ', 'a-a-', 'a’a’', 'aA1', 'a1 ', 'www.a', 'a@a.', '„“', '"(', '«»', '([', '" "', '12:00 ', '24-05-2022 '];
/** What ends a run so that a pattern needing something else there fails only at the very end. */
const tails = ['\u0000', 'x', '1', ' ', '!'];

/** How many of a pattern's literal words get inputs of their own (alternations of month names run long). */
const maxWords = 12;

/**
 * A family of 100 KB inputs for one pattern: runs of each character it mentions, alone and before characters that
 * end the run; its words repeated, and each word before a run of spaces; then everyday characters and rhythms.
 */
export function regexInputs(source: string): InputSpec[] {
  const { chars, words } = patternAtoms(source);
  const specs: InputSpec[] = [];
  const add = (spec: InputSpec) => {
    if (!specs.some((s) => s.unit === spec.unit && s.tail === spec.tail && s.head === spec.head)) specs.push(spec);
  };
  const run = (c: string, endings: readonly string[]) => {
    add({ name: `run of ${JSON.stringify(c)}`, unit: c });
    for (const tail of endings) if (tail !== c) add({ name: `run of ${JSON.stringify(c)} then ${JSON.stringify(tail)}`, unit: c, tail });
    add({ name: `${JSON.stringify(c + ' ')} repeated`, unit: c + ' ' });
  };
  for (const c of chars) run(c, tails);
  for (let i = 0; i + 1 < chars.length; i++) add({ name: `${JSON.stringify(chars[i] + chars[i + 1])} repeated`, unit: chars[i] + chars[i + 1] });
  for (const w of words.slice(0, maxWords)) {
    add({ name: `${JSON.stringify(w + ' ')} repeated`, unit: w + ' ' });
    add({ name: `${JSON.stringify(w)}, then spaces`, head: w, unit: ' ', tail: 'x' });
  }
  for (const c of everyday) run(c, ['\u0000']);
  for (const unit of rhythms) add({ name: `${JSON.stringify(unit)} repeated`, unit });
  return specs;
}

/**
 * Inputs for the date extractor in one language: digits and dots, month names, a run of spaces, and words its
 * patterns start with (a period prefix such as "im", an edge such as "Ende") repeated, so that every expression
 * begins and none completes.
 */
export function timelineInputs(language: TimelineLanguage): InputSpec[] {
  const lexicon = lexicons[language];
  const months = Object.keys(lexicon.months);
  const words = [lexicon.periodPrefixes[0], Object.keys(lexicon.edges)[0]];
  return [
    { name: 'digits and dots', unit: '1.' },
    { name: 'month names', unit: `${months.slice(0, 3).join(' ')} ` },
    { name: 'spaces', unit: ' ', tail: 'x' },
    ...[...new Set(words)].map((word) => ({ name: `“${word} ${word} ${word}”`, unit: `${word} ` })),
  ];
}
