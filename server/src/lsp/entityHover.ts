/** The hover card of an entity mention: who or what it is, in the article's language, with its corpus footprint. */
import type { KnowledgeBase } from '../core/entities/knowledge-base';
import type { KbEntity, KbRelation, Localized } from '../core/entities/kb';
import { primaryLanguage } from '../core/language/tags';
import { commandLink, escapeMarkdown } from './markdown';

/** An entity's first dated events on the timeline, already formatted (value, sentence), and how many it has. */
export interface HoverEvents {
  shown: Array<{ value: string; text: string }>;
  total: number;
}

export interface HoverFacts {
  entity: KbEntity;
  knowledgeBase: KnowledgeBase;
  /** The article's language (BCP 47), for the description. */
  language?: string;
  counts: { mentions: number; articles: number };
  /** The text as written, when it differs from the canonical name. */
  written?: string;
  events?: HoverEvents;
}

const maxFacts = 8;
/** Dated events a card lists; the rest are counted. */
export const hoverEventCount = 5;

export function entityHoverMarkdown(facts: HoverFacts): string {
  const { entity, knowledgeBase } = facts;
  const nameOf = (id: string) => knowledgeBase.byId.get(id)?.name ?? id;
  const parts: string[] = [];
  const localName = facts.language ? localized(entity.localNames, facts.language, false) : undefined;
  const heading = `**${escapeMarkdown(entity.name)}** · *${entity.type}*` + (localName && localName !== entity.name ? ` · ${escapeMarkdown(localName)}` : '');
  parts.push(heading);
  const description = localized(entity.description, facts.language ?? 'en', true);
  if (description) parts.push(escapeMarkdown(description));
  // Footprint and actions before the details, so a long card shows them without scrolling.
  const { mentions, articles } = facts.counts;
  parts.push(
    `Mentioned ${mentions} ${mentions === 1 ? 'time' : 'times'} in ${articles} ${articles === 1 ? 'article' : 'articles'} · ` +
      [
        commandLink('Open in knowledge base', 'seedCorpus.openEntity', [entity.id]),
        commandLink('Find all mentions', 'seedCorpus.findMentions', [entity.id]),
        commandLink('Show on timeline', 'seedCorpus.showOnTimeline', [entity.id]),
      ].join(' · '),
  );
  const factLines = (entity.facts ?? []).slice(0, maxFacts).map((f) => `- ${escapeMarkdown(f.property)}: ${escapeMarkdown(f.entity ? nameOf(f.entity) : f.value)}`);
  if (factLines.length > 0) parts.push(factLines.join('\n'));
  const relations = (entity.relations ?? []).map((r) => `- ${escapeMarkdown(r.type)} with ${escapeMarkdown(nameOf(r.with))}${period(r.from, r.until)}`);
  const incoming = relationsTo(knowledgeBase, entity.id).map(({ holder, relation: r }) => `- ${escapeMarkdown(r.type)} with ${escapeMarkdown(holder.name)}${period(r.from, r.until)}`);
  if (relations.length + incoming.length > 0) parts.push(`**Relations**\n\n${[...relations, ...incoming].join('\n')}`);
  if (facts.events && facts.events.total > 0) {
    const { shown, total } = facts.events;
    const lines = shown.slice(0, hoverEventCount).map((e) => `- ${escapeMarkdown(e.value)}: ${escapeMarkdown(e.text)}`);
    const more = total > lines.length ? `\n- … ${total - lines.length} more` : '';
    parts.push(`**On the timeline**\n\n${lines.join('\n')}${more}`);
  }
  return parts.join('\n\n');
}

const incomingByKnowledgeBase = new WeakMap<KnowledgeBase, Map<string, Array<{ holder: KbEntity; relation: KbRelation }>>>();

/** The relations other entities hold with `id`, from an index made once per knowledge base (a card must not scan them all). */
function relationsTo(knowledgeBase: KnowledgeBase, id: string): Array<{ holder: KbEntity; relation: KbRelation }> {
  let incoming = incomingByKnowledgeBase.get(knowledgeBase);
  if (!incoming) {
    incoming = new Map();
    for (const holder of knowledgeBase.entities) {
      for (const relation of holder.relations ?? []) {
        const list = incoming.get(relation.with);
        if (list) list.push({ holder, relation });
        else incoming.set(relation.with, [{ holder, relation }]);
      }
    }
    incomingByKnowledgeBase.set(knowledgeBase, incoming);
  }
  return incoming.get(id) ?? [];
}

/** Text in the language (or its primary subtag), else English when `fallback`, else nothing. */
function localized(texts: Localized | undefined, language: string, fallback: boolean): string | undefined {
  if (!texts) return undefined;
  return texts[language] ?? texts[primaryLanguage(language)] ?? (fallback ? texts.en ?? Object.values(texts)[0] : undefined);
}

function period(from?: string, until?: string): string {
  const [start, end] = [from && escapeMarkdown(from), until && escapeMarkdown(until)];
  if (start && end) return `, ${start} – ${end}`;
  if (start) return `, since ${start}`;
  if (end) return `, until ${end}`;
  return '';
}
