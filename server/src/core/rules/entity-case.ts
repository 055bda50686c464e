import type { Rule } from '../rule';
import { exampleEntities } from './shared/example-entities';

const rule: Rule = {
  id: 'entity-case',
  category: 'entities',
  description: 'An entity name must be written in the letter case of the knowledge base (“Sharp”, not “SHARP”).',
  defaultSeverity: 'information',
  docs: {
    rationale: 'A name in another case is still recognised as the entity, so hovers and references work, but the corpus should spell a name one way. Add the other spelling as an alias in the knowledge base when it is intended (a brand written in capitals).',
    bad: { text: '---\nlang: de\n---\nLeica und SHARP\n\nLeica kündigt eine Kooperation mit SHARP an.\n', entities: exampleEntities },
    good: { text: '---\nlang: de\n---\nLeica und Sharp\n\nLeica kündigt eine Kooperation mit Sharp an.\n', entities: exampleEntities },
  },
  check(context) {
    return context.mentions
      .filter((m) => m.caseDiffers)
      .map((m) => ({ span: m.span, message: `“${m.text}” is written “${m.spelling}” in the knowledge base.`, data: { entity: m.entityId, spelling: m.spelling } }));
  },
  fix({ article }, finding) {
    const spelling = String(finding.data?.spelling);
    // A name's final full stop at the end of a sentence stays outside the mention: it is the sentence's too.
    const written = spelling.endsWith('.') && !article.text.slice(finding.span.start, finding.span.end).endsWith('.') ? spelling.slice(0, -1) : spelling;
    return { title: `Write “${written}”`, edits: [{ start: finding.span.start, end: finding.span.end, newText: written }], safe: false };
  },
};

export default rule;
