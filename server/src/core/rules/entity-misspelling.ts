import { mentionRegions } from '../entities/catalog';
import { uppercaseStart, wordTokens } from '../entities/tokens';
import { CachePerOwner, lineCache, moveSpan, regionByRegion, type Placed } from '../lru';
import type { Rule, RuleFinding } from '../rule';
import { exampleEntities } from './shared/example-entities';

const rule: Rule = {
  id: 'entity-misspelling',
  category: 'entities',
  description: 'A capitalised word one letter away from an entity name of five letters or more is a misspelling (“Lecia” for “Leica”).',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'Misspelt names are invisible to search and to the entity index. Only distinctive words of the knowledge base are compared — single-word names, a person’s surname, the first word of a long product or company name — and never words with digits: “Xiaomi 12 Ultra” is another phone than “Xiaomi 11 Ultra”, not a typo.',
    bad: { text: '---\nlang: it\n---\nXiaomi e Lecia: arriva l’accordo\n\nXiaomi annuncia un accordo con Lecia.\n', entities: exampleEntities },
    good: { text: '---\nlang: it\n---\nXiaomi e Leica: arriva l’accordo\n\nXiaomi annuncia un accordo con Leica.\n', entities: exampleEntities },
  },
  check(context) {
    const catalog = context.file?.entities;
    if (!catalog) return [];
    const { article, mentions } = context;
    let m = 0;
    // A region's mentions, hence its findings, follow from its text and the knowledge base alone.
    return regionByRegion(regionFindings.of(catalog), article.text, mentionRegions(article), (region) => {
      const findings: RuleFinding[] = [];
      for (const token of wordTokens(article.text, region)) {
        while (m < mentions.length && mentions[m].span.end <= token.start) m++;
        if ((m < mentions.length && mentions[m].span.start < token.end) || !uppercaseStart.test(token.text)) continue;
        const suggestion = catalog.spelling.suggest(token.text);
        if (!suggestion) continue;
        const entity = catalog.knowledgeBase.byId.get(suggestion.entityId)!;
        findings.push({
          span: { start: token.start, end: token.end },
          message: `“${token.text}” looks like a misspelling of “${suggestion.spelling}” (${entity.name}).`,
          data: { entity: entity.id, spelling: suggestion.spelling },
        });
      }
      return findings;
    }, (finding, by) => ({ span: moveSpan(finding.span, by), message: finding.message, data: finding.data }));
  },
  fix(_context, finding) {
    const spelling = String(finding.data?.spelling);
    return { title: `Correct to “${spelling}”`, edits: [{ ...finding.span, newText: spelling }], safe: false };
  },
};

const regionFindings = new CachePerOwner<Placed<RuleFinding>>(lineCache);

export default rule;
