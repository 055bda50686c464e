/**
 * A knowledge base compiled for matching: built once per knowledge-base version and shared by every article,
 * so recognition costs nothing per entity. The matcher and the spelling index are built on first use: a process
 * that only needs the entities (the CLI's main thread, a warm start whose every file is cached) never pays for them.
 */
import type { Article, Line } from '../article';
import { createKnowledgeBase, entityNames, type KnowledgeBase } from './knowledge-base';
import type { KbEntity } from './kb';
import { EntityMatcher, type Mention } from './matcher';
import { SpellingIndex } from './spelling';

export interface EntityCatalog {
  readonly knowledgeBase: KnowledgeBase;
  readonly matcher: EntityMatcher;
  readonly spelling: SpellingIndex;
  /** Every spelling (name, alias, local name) of every entity, sorted by its lower-case form: completion's index. */
  readonly spellings: readonly SpellingEntry[];
}

export interface SpellingEntry {
  /** The spelling in lower case. */
  key: string;
  spelling: string;
  entity: KbEntity;
}

export function compileKnowledgeBase(knowledgeBase: KnowledgeBase): EntityCatalog {
  let matcher: EntityMatcher | undefined;
  let spelling: SpellingIndex | undefined;
  let spellings: SpellingEntry[] | undefined;
  return {
    knowledgeBase,
    get matcher() {
      return (matcher ??= new EntityMatcher(knowledgeBase));
    },
    get spelling() {
      return (spelling ??= new SpellingIndex(knowledgeBase));
    },
    get spellings() {
      return (spellings ??= sortedSpellings(knowledgeBase));
    },
  };
}

function sortedSpellings(knowledgeBase: KnowledgeBase): SpellingEntry[] {
  const entries = knowledgeBase.entities.flatMap((entity) => entityNames(entity).map((spelling) => ({ key: spelling.toLowerCase(), spelling, entity })));
  return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Up to `limit` spellings that start with `prefix` (any case), in order; `more` when others follow. */
export function spellingsStartingWith(catalog: EntityCatalog, prefix: string, limit: number): { found: SpellingEntry[]; more: boolean } {
  const wanted = prefix.toLowerCase();
  const { spellings } = catalog;
  let low = 0;
  let high = spellings.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (spellings[middle].key < wanted) low = middle + 1;
    else high = middle;
  }
  const found: SpellingEntry[] = [];
  for (let i = low; i < spellings.length && spellings[i].key.startsWith(wanted); i++) {
    if (found.length === limit) return { found, more: true };
    found.push(spellings[i]);
  }
  return { found, more: false };
}

export function catalogOf(entities: readonly KbEntity[]): EntityCatalog {
  return compileKnowledgeBase(createKnowledgeBase(entities));
}

/** Where an article names things: its title and every paragraph but web residue. */
export function mentionRegions(article: Article): Line[] {
  return [...(article.title ? [article.title] : []), ...article.paragraphs.filter((p) => p.kind !== 'residue').map((p) => p.line)];
}

export function findArticleMentions(article: Article, catalog: EntityCatalog): Mention[] {
  return catalog.matcher.findMentions(article.text, mentionRegions(article));
}
