import { headerField } from '../header';
import { replaceTag } from '../language/declared';
import { checkTag, languageName } from '../language/tags';
import type { Rule } from '../rule';

const rule: Rule = {
  id: 'lang-tag-canonical',
  category: 'language',
  description: 'The `lang` tag must be written in canonical BCP 47 form (`de`, `de-DE`, not `DE`, `ger`, `de-de`).',
  defaultSeverity: 'error',
  docs: {
    rationale:
      'The same language written two ways (`de`, `DE`, `deu`, `ger`) splits the corpus for every tool that compares tags as strings. Canonical form is the shortest code (ISO 639-1 before 639-2/3), current codes for deprecated ones (`iw` → `he`), the language in lower case and the region in upper case (`de-DE`); the fix rewrites the tag.',
    bad: { text: '---\nlang: DE\n---\nNeue Kamera vorgestellt\n\nDer Hersteller aus Wetzlar hat am Montag eine neue Kamera vorgestellt.' },
    good: { text: '---\nlang: de\n---\nNeue Kamera vorgestellt\n\nDer Hersteller aus Wetzlar hat am Montag eine neue Kamera vorgestellt.' },
  },
  check({ article }) {
    const field = headerField(article.header, 'lang');
    if (typeof field?.value !== 'string') return [];
    const check = checkTag(field.value);
    if (check.kind !== 'non-canonical') return [];
    const message = `\`lang: ${field.value}\` is not the canonical form of ${languageName(check.canonical)}; write \`${check.canonical}\`.`;
    return [{ span: field.valueSpan, message, data: { canonical: check.canonical } }];
  },
  fix({ article }, finding) {
    const field = headerField(article.header, 'lang');
    const canonical = finding.data?.canonical;
    if (!field || typeof canonical !== 'string') return undefined;
    return { title: `Change to \`${canonical}\``, edits: [replaceTag(article.text, field, canonical)], safe: true };
  },
};

export default rule;
