/**
 * Recognises knowledge-base entities in text: leftmost-longest match over the names, aliases and local names,
 * token by token through a trie built once per knowledge base. Work per token is bounded by the longest name
 * (in tokens), not by the number of entities, so matching is linear in the text.
 *
 * Inflected forms count: a German genitive ("Xiaomis", "Leica’s"), an elided article ("dell’Huawei") and hyphen
 * compounds ("Leica-Kamera", "Huawei-Leica") — the mention covers the name alone, so a rename keeps the rest.
 */
import { entityNames, type KnowledgeBase } from './knowledge-base';
import { lowercaseStart, separatorKey, uppercaseStart, wordTokens, type Token } from './tokens';
import { LruCache, moveSpan, regionByRegion } from '../lru';
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

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal?: { entityId: string; spellings: string[] };
}

/** Separators longer than this cannot sit inside a name ("Leica Camera AG", "R & D"). */
const maxSeparator = 3;
const genitive = /(?:’s|s)$/u;
const elision = /^\p{L}{1,6}’(?=\p{L})/u;

export class EntityMatcher {
  private readonly root: TrieNode = { children: new Map() };
  /** The mentions of recently matched regions, by their text, with offsets into it: a name never crosses a region's edge. */
  private readonly regionMentions = new LruCache<string, Mention[]>(5000);

  constructor(readonly knowledgeBase: KnowledgeBase) {
    for (const entity of knowledgeBase.entities) {
      for (const spelling of entityNames(entity)) this.insert(spelling, entity.id);
    }
  }

  private insert(spelling: string, entityId: string): void {
    const tokens = wordTokens(spelling);
    if (tokens.length === 0) return;
    let node = this.root;
    tokens.forEach((token, i) => {
      const key = (i === 0 ? '' : separatorKey(spelling.slice(tokens[i - 1].end, token.start))) + token.key;
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { children: new Map() }));
      node = child;
    });
    // The reader gives every spelling (case-insensitively) to one entity, so a terminal has one owner.
    if (!node.terminal) node.terminal = { entityId, spellings: [] };
    if (node.terminal.entityId === entityId) node.terminal.spellings.push(spelling);
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
    const starts = [{ start: first.start, key: first.key }];
    const elided = elision.exec(first.key);
    if (elided) starts.push({ start: first.start + elided[0].length, key: first.key.slice(elided[0].length) });
    let best: { mention: Mention; next: number } | undefined;
    for (const start of starts) {
      let node: TrieNode | undefined = this.root;
      for (let j = i; j < tokens.length && node; j++) {
        // Spelled out, not spread: this runs for every word of every region.
        const token = j === i ? { start: start.start, end: tokens[j].end, key: start.key } : tokens[j];
        const separator = j === i ? '' : text.slice(tokens[j - 1].end, token.start);
        if (separator.length > maxSeparator || /[\r\n]/.test(separator)) break;
        const prefix = j === i ? '' : separatorKey(separator);
        const exact: TrieNode | undefined = node.children.get(prefix + token.key);
        const inflected = genitive.exec(token.key);
        const stem = inflected && token.key.length - inflected[0].length >= 2 ? node.children.get(prefix + token.key.slice(0, -inflected[0].length)) : undefined;
        const end = stem?.terminal && !exact?.terminal ? token.end - inflected![0].length : token.end;
        const terminal = exact?.terminal ?? stem?.terminal;
        if (terminal && (!best || end > best.mention.span.end)) {
          const mention = this.accept(text, { start: start.start, end }, terminal);
          if (mention) best = { mention, next: j + 1 };
        }
        node = exact;
      }
    }
    return best;
  }

  /** A match in a different case is still a mention, unless it is a lower-case word ("sharp") for a capitalised name. */
  private accept(text: string, span: Span, terminal: NonNullable<TrieNode['terminal']>): Mention | undefined {
    const written = text.slice(span.start, span.end);
    const surface = separatorKey(written);
    const exact = terminal.spellings.find((s) => separatorKey(s) === surface);
    if (!exact && lowercaseStart.test(surface) && terminal.spellings.every((s) => uppercaseStart.test(s))) return undefined;
    // Every spelling on one trie path folds to the same key, so any of them shows the intended case.
    return { span, entityId: terminal.entityId, text: written, spelling: exact ?? terminal.spellings[0], caseDiffers: !exact };
  }
}

function moveMention(m: Mention, by: number): Mention {
  return { span: moveSpan(m.span, by), entityId: m.entityId, text: m.text, spelling: m.spelling, caseDiffers: m.caseDiffers };
}
