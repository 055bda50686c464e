/**
 * Recognises knowledge-base entities in text: leftmost-longest match over the names, aliases and local names,
 * token by token through a trie built once per knowledge base. Work per token is bounded by the longest name
 * (in tokens), not by the number of entities, so matching is linear in the text.
 *
 * Inflected forms count: a German genitive ("Xiaomis", "Leica’s"), an elided article ("dell’Huawei") and hyphen
 * compounds ("Leica-Kamera", "Huawei-Leica") — the mention covers the name alone, so a rename keeps the rest.
 * Punctuation after a name's last word belongs to the name ("Pro+" is another name than "Pro"), except that a final
 * full stop ("S.p.A.") may be missing, or be the sentence's own: where a sentence may end after it, the mention
 * leaves it to the sentence, so that a rename or a case fix never takes the sentence's full stop away.
 */
import { entityNames, type KnowledgeBase } from './knowledge-base';
import { lowercaseStart, separatorKey, uppercaseStart, wordTokens, type Token } from './tokens';
import { lineCache, moveSpan, regionByRegion, type Placed } from '../lru';
import type { Span } from '../text';

export interface Mention {
  /** The name as written, without a genitive ending or elided article. */
  span: Span;
  entityId: string;
  text: string;
  /** The knowledge-base spelling matched (name, alias or local name). */
  spelling: string;
  /** The text differs from every spelling of the entity in letter case only ("SHARP" for "Sharp"). */
  caseDiffers: boolean;
}

interface Terminal {
  /** What follows the name's last word: "" for most, "+" for "Pro+", and "" again for "S.p.A.", whose final full stop is optional. */
  tail: string;
  entityId: string;
  spellings: string[];
  /** A spelling ends in a full stop ("S.p.A."): the text may have it, or leave it to the sentence's full stop. */
  stop: boolean;
}

interface TrieNode {
  /** The words that may follow, when any may: most nodes end a name, and an empty map each took 4 MB of 20 per thread. */
  children?: Map<string, TrieNode>;
  /**
   * The names that end with this node's word, one per tail, in the order first inserted. Most nodes end one name,
   * and a list of one is a fraction of a Map of one.
   */
  terminals?: Terminal[];
}

/** Separators longer than this cannot sit inside a name ("Leica Camera AG", "R & D"). */
const maxSeparator = 3;
/** The length of a German or English genitive ending ("Xiaomis", "Leica’s") the key ends in, else 0. */
function genitiveLength(key: string): number {
  return key.endsWith('’s') ? 2 : key.endsWith('s') ? 1 : 0;
}
const elision = /^\p{L}{1,6}’(?=\p{L})/u;
/** A name directly followed by a plus is another name: "Pro+" is not "Pro". */
const plus = 43;
const fullStop = 46;

/** A word's bit in `EntityMatcher.firstWords`, from its first two code units and its length. */
function firstWordBit(key: string, length: number): number {
  return ((key.charCodeAt(0) * 31 + key.charCodeAt(1)) * 67 + length) & 0xffff;
}

export class EntityMatcher {
  private readonly root: TrieNode = {};
  /**
   * A bit for each first word of a name (`firstWordBit`): most words of a text start no name, and are told so
   * without hashing them for the root's map, which a text's every word was looked up in.
   */
  private readonly firstWords = new Uint32Array(0x10000 / 32);
  /** The mentions of recently matched regions, by their text (see `regionByRegion`): a name never crosses a region's edge. */
  private readonly regionMentions = lineCache<Placed<Mention>>();

  constructor(readonly knowledgeBase: KnowledgeBase) {
    for (const entity of knowledgeBase.entities) {
      for (const spelling of entityNames(entity)) this.insert(spelling, entity.id);
    }
  }

  private insert(spelling: string, entityId: string): void {
    const tokens = wordTokens(spelling);
    if (tokens.length === 0) return;
    let node = this.root;
    const first = tokens[0].key;
    const bit = firstWordBit(first, first.length);
    this.firstWords[bit >>> 5] |= 1 << (bit & 31);
    tokens.forEach((token, i) => {
      const key = (i === 0 ? '' : separatorKey(spelling.slice(tokens[i - 1].end, token.start))) + token.key;
      const children = (node.children ??= new Map());
      let child = children.get(key);
      if (!child) children.set(key, (child = {}));
      node = child;
    });
    // What follows the last word is part of the name ("Pro+"), but for a final full stop, which the text may omit.
    const tail = spelling.slice(tokens[tokens.length - 1].end).trimEnd();
    const stop = tail.endsWith('.');
    const tailKey = stop ? tail.slice(0, -1) : tail;
    // Lists are made with their first item: an empty list given one item by `push` has room for seventeen, which
    // for the terminals and their spellings was 7 MB of a thread's 15 MB matcher.
    const terminal = node.terminals && terminalWithTail(node.terminals, tailKey);
    if (!terminal) {
      const added: Terminal = { tail: tailKey, entityId, spellings: [spelling], stop };
      if (node.terminals) node.terminals.push(added);
      else node.terminals = [added];
      return;
    }
    // The reader gives every spelling (case-insensitively) to one entity, so a terminal has one owner.
    if (terminal.entityId !== entityId) return;
    terminal.spellings.push(spelling);
    terminal.stop ||= stop;
  }

  /** The name the text has ending at `end` on this node (longest tail first), and where it ends. */
  private terminalAt(node: TrieNode | undefined, text: string, end: number): { terminal: Terminal; end: number } | undefined {
    // Most words end no name: no iterator is made for them (iterators were a tenth of what matching allocated).
    const terminals = node?.terminals;
    if (!terminals) return undefined;
    let found: { terminal: Terminal; end: number; tail: number } | undefined;
    for (const terminal of terminals) {
      const tail = terminal.tail;
      if ((found && tail.length <= found.tail) || !text.startsWith(tail, end)) continue;
      let nameEnd = end + tail.length;
      if (terminal.stop && text.charCodeAt(nameEnd) === fullStop && !endsSentence(text, nameEnd + 1)) nameEnd++;
      if (text.charCodeAt(nameEnd) !== plus) found = { terminal, end: nameEnd, tail: tail.length };
    }
    return found;
  }

  /** Mentions in the given spans of `text`, in order and never overlapping. */
  findMentions(text: string, regions: readonly Span[] = [{ start: 0, end: text.length }]): Mention[] {
    return regionByRegion(this.regionMentions, text, regions, (region) => this.mentionsIn(text, region), moveMention);
  }

  private mentionsIn(text: string, region: Span): Mention[] {
    const mentions: Mention[] = [];
    const tokens = wordTokens(text, region);
    for (let i = 0; i < tokens.length; ) {
      const found = this.longestAt(text, tokens, i);
      if (found) {
        mentions.push(found.mention);
        i = found.next;
      } else {
        i++;
      }
    }
    return mentions;
  }

  private longestAt(text: string, tokens: readonly Token[], i: number): { mention: Mention; next: number } | undefined {
    const first = tokens[i];
    // Most words hold no apostrophe: the elision expression runs only on those that do.
    const elided = first.key.includes('’') ? elision.exec(first.key) : null;
    const whole = this.longestFrom(text, tokens, i, first.start, first.key);
    if (!elided) return whole;
    const afterElision = this.longestFrom(text, tokens, i, first.start + elided[0].length, first.key.slice(elided[0].length));
    return afterElision && (!whole || afterElision.mention.span.end > whole.mention.span.end) ? afterElision : whole;
  }

  /** The longest mention starting at `start`, in token `i` whose key from there on is `firstKey`. */
  private longestFrom(text: string, tokens: readonly Token[], i: number, start: number, firstKey: string): { mention: Mention; next: number } | undefined {
    let best: { mention: Mention; next: number } | undefined;
    let node: TrieNode | undefined = this.root;
    for (let j = i; j < tokens.length && node; j++) {
      const key = j === i ? firstKey : tokens[j].key;
      const end = tokens[j].end;
      let prefix = '';
      if (j > i) {
        const separator = text.slice(tokens[j - 1].end, tokens[j].start);
        if (separator.length > maxSeparator || /[\r\n]/.test(separator)) break;
        prefix = separatorKey(separator);
      }
      const exact: TrieNode | undefined = j > i || this.mayStartName(key, key.length) ? node.children?.get(prefix + key) : undefined;
      const inflection = genitiveLength(key);
      const stemmed = inflection > 0 && key.length - inflection >= 2 && (j > i || this.mayStartName(key, key.length - inflection));
      const stem = stemmed ? node.children?.get(prefix + key.slice(0, -inflection)) : undefined;
      const stemTerminal = stem?.terminals && terminalWithTail(stem.terminals, '');
      const found = this.terminalAt(exact, text, end) ?? (stemTerminal && text.charCodeAt(end) !== plus ? { terminal: stemTerminal, end: end - inflection } : undefined);
      if (found && (!best || found.end > best.mention.span.end)) {
        const mention = this.accept(text, { start, end: found.end }, found.terminal);
        if (mention) best = { mention, next: j + 1 };
      }
      node = exact;
    }
    return best;
  }

  /** Whether the word `key.slice(0, length)` may be the first of a name (no word that is has its bit clear). */
  private mayStartName(key: string, length: number): boolean {
    const bit = firstWordBit(key, length);
    return (this.firstWords[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }

  /** A match in a different case is still a mention, unless it is a lower-case word ("sharp") for a capitalised name. */
  private accept(text: string, span: Span, terminal: Terminal): Mention | undefined {
    const written = text.slice(span.start, span.end);
    const surface = separatorKey(written);
    const same = (spelling: string) => separatorKey(spelling) === surface || (spelling.endsWith('.') && separatorKey(spelling.slice(0, -1)) === surface);
    const exact = terminal.spellings.find(same);
    if (!exact && lowercaseStart.test(surface) && terminal.spellings.every((s) => uppercaseStart.test(s))) return undefined;
    // Every spelling on one trie path folds to the same key, so any of them shows the intended case.
    return { span, entityId: terminal.entityId, text: written, spelling: exact ?? terminal.spellings[0], caseDiffers: !exact };
  }
}

function terminalWithTail(terminals: readonly Terminal[], tail: string): Terminal | undefined {
  for (const terminal of terminals) if (terminal.tail === tail) return terminal;
  return undefined;
}

const closingMarks = /[“”"»«’')\]]/u;
const lineBreak = /[\r\n]/;

/**
 * Whether a sentence may end before `at` (just after a full stop): closing quotes or brackets, then the end of
 * the line, or a space and anything but a lower-case word. "bei Sharp S.p.A. Die …" may end there, "Sharp S.p.A. hat" does not.
 */
function endsSentence(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && closingMarks.test(text[i])) i++;
  if (i >= text.length || lineBreak.test(text[i])) return true;
  if (text[i] !== ' ' && text[i] !== '\u00a0') return false;
  while (i < text.length && (text[i] === ' ' || text[i] === '\u00a0')) i++;
  return i >= text.length || !lowercaseStart.test(text[i]);
}

function moveMention(m: Mention, by: number): Mention {
  return { span: moveSpan(m.span, by), entityId: m.entityId, text: m.text, spelling: m.spelling, caseDiffers: m.caseDiffers };
}
