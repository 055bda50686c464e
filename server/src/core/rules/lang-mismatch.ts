import { declaredLanguage, replaceTag } from '../language/declared';
import { describeDetection } from '../language/detect';
import { languageName, primaryLanguage } from '../language/tags';
import type { Rule } from '../rule';

const rule: Rule = {
  id: 'lang-mismatch',
  category: 'language',
  description: 'The language declared in `lang` must be the language the text is written in.',
  defaultSeverity: 'error',
  docs: {
    rationale:
      'A wrong tag is worse than none: it sends the article to the wrong tokeniser, spell checker or training split. The rule speaks only when detection is sure (at least 200 judged letters, at least 60% of them in one language) and the declared language is among the corpus `languages`, since detection chooses only among those. The fix is offered, never applied unasked: the tag may be right and the text wrong.',
    bad: {
      text: '---\nlang: it\n---\nNeue Kamera für das Frühjahr angekündigt\n\nDer Hersteller aus Wetzlar hat am Montag eine neue Kamera vorgestellt. Sie soll im Frühjahr in den Handel kommen und richtet sich vor allem an Fotografen, die viel unterwegs sind.\n\nDas Gehäuse ist kleiner und leichter als beim Vorgänger, der Sensor dagegen größer. Einen Preis nannte das Unternehmen noch nicht.',
    },
    good: {
      text: '---\nlang: de\n---\nNeue Kamera für das Frühjahr angekündigt\n\nDer Hersteller aus Wetzlar hat am Montag eine neue Kamera vorgestellt. Sie soll im Frühjahr in den Handel kommen und richtet sich vor allem an Fotografen, die viel unterwegs sind.\n\nDas Gehäuse ist kleiner und leichter als beim Vorgänger, der Sensor dagegen größer. Einen Preis nannte das Unternehmen noch nicht.',
    },
  },
  check({ article, config, language }) {
    const declared = declaredLanguage(article.header, config);
    if (!declared?.configured || !language.sure || language.language === undefined) return [];
    if (primaryLanguage(language.language) === primaryLanguage(declared.tag)) return [];
    const message = `\`lang: ${declared.written}\` (${languageName(declared.tag)}) but the text reads as ${describeDetection(language.language, language.confidence)}; correct the tag if the text is right.`;
    return [{ span: declared.field.valueSpan, message, data: { detected: language.language } }];
  },
  fix({ article, config }, finding) {
    const declared = declaredLanguage(article.header, config);
    const detected = finding.data?.detected;
    if (!declared || typeof detected !== 'string') return undefined;
    return { title: `Change to \`${detected}\``, edits: [replaceTag(article.text, declared.field, detected)], safe: false };
  },
};

export default rule;
