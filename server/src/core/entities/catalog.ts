/**
 * A knowledge base compiled for matching: built once per knowledge-base version and shared by every article,
 * so recognition costs nothing per entity. The matcher and the spelling index are built on first use: a process
 * that only needs the entities (the CLI's main thread, a warm start whose every file is cached) never pays for them.
 */
import type { Article } from '../article';
import type { Span } from '../text';
import { createKnowledgeBase, type KnowledgeBase } from './knowledge-base';
import type { KbEntity } from './kb';
import { EntityMatcher, type Mention } from './matcher';
import { SpellingIndex } from './spelling';

export interface EntityCatalog {
  readonly knowledgeBase: KnowledgeBase;
  readonly matcher: EntityMatcher;
  readonly spelling: SpellingIndex;
}

export function compileKnowledgeBase(knowledgeBase: KnowledgeBase): EntityCatalog {
  let matcher: EntityMatcher | undefined;
  let spelling: SpellingIndex | undefined;
  return {
    knowledgeBase,
    get matcher() {
      return (matcher ??= new EntityMatcher(knowledgeBase));
    },
    get spelling() {
      return (spelling ??= new SpellingIndex(knowledgeBase));
    },
  };
}

export function catalogOf(entities: readonly KbEntity[]): EntityCatalog {
  return compileKnowledgeBase(createKnowledgeBase(entities));
}

/** Where an article names things: its title and every paragraph but web residue. */
export function mentionRegions(article: Article): Span[] {
  const lines = [...(article.title ? [article.title] : []), ...article.paragraphs.filter((p) => p.kind !== 'residue').map((p) => p.line)];
  return lines.map((line) => ({ start: line.start, end: line.end }));
}

export function findArticleMentions(article: Article, catalog: EntityCatalog): Mention[] {
  return catalog.matcher.findMentions(article.text, mentionRegions(article));
}
