import { candidateRegions, findCandidates, type Candidate } from '../entities/candidates';
import type { KbEntity } from '../entities/kb';
import { workingLanguage } from '../language/declared';
import { primaryLanguage } from '../language/tags';
import { CachePerOwner, lineCache, moveSpan, regionByRegion, type Placed } from '../lru';
import type { Rule } from '../rule';
import { exampleEntities } from './shared/example-entities';

const rule: Rule = {
  id: 'entity-unknown',
  category: 'entities',
  description: 'Names that look like entities (capitalised word runs, model names such as “Leitz Phone 2”) but are not in the knowledge base.',
  defaultSeverity: 'hint',
  docs: {
    rationale: 'A knowledge base that misses what the corpus talks about gives no hover, no references and no timeline for it. The fix adds a skeleton entry (type guessed, this article as its source) to the knowledge base, to be completed there.',
    bad: { text: '---\nlang: de\n---\nLeica und Sharp\n\nIn Japan ist auch das Leitz Phone 2 erhältlich. Andreas Mohrland bestätigt es.\n', entities: exampleEntities },
    good: { text: '---\nlang: de\n---\nLeica und Sharp\n\nDie Kooperation mit Sharp beginnt im Juli.\n', entities: exampleEntities },
  },
  check(context) {
    const catalog = context.file?.entities;
    if (!catalog) return [];
    const { article, mentions } = context;
    const nounCapitalisation = primaryLanguage(workingLanguage(context) ?? '') === 'de';
    // A region's mentions, hence its candidates, follow from its text and the knowledge base alone.
    const cache = (nounCapitalisation ? germanRegionCandidates : regionCandidates).of(catalog);
    const candidates = regionByRegion(cache, article.text, candidateRegions(article), (region) => findCandidates(article.text, [region], mentions, { nounCapitalisation }), moveCandidate);
    return candidates.map((candidate) => ({
      span: candidate.span,
      message: `“${candidate.text}” is not in the knowledge base.`,
      data: { type: candidate.type, name: candidate.text },
    }));
  },
  fix(context, finding) {
    const name = String(finding.data?.name);
    const taken = context.file?.entities?.knowledgeBase.byId ?? new Map();
    const base = entityId(name);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    const entry: KbEntity = {
      id,
      type: finding.data?.type as KbEntity['type'],
      name,
      description: {},
      ...(context.file?.name ? { sources: [context.file.name] } : {}),
    };
    return { title: `Add “${name}” to the knowledge base`, edits: [], safe: false, addToKnowledgeBase: entry };
  },
};

const regionCandidates = new CachePerOwner<Placed<Candidate>>(lineCache);
const germanRegionCandidates = new CachePerOwner<Placed<Candidate>>(lineCache);

function moveCandidate(candidate: Candidate, by: number): Candidate {
  return { span: moveSpan(candidate.span, by), text: candidate.text, type: candidate.type };
}

/** A knowledge-base id from a name: "Leitz Phone 2" → "leitz-phone-2", "Imène Tarchouna" → "imene-tarchouna". */
export function entityId(name: string): string {
  const id = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return id === '' ? 'entity' : id;
}

export default rule;
