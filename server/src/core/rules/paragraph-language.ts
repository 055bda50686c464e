import { trimmedSpan } from '../article';
import { declaredLanguage } from '../language/declared';
import { paragraphMinGap, paragraphMinLetters } from '../language/detect';
import { languageLabel } from '../language/tags';
import type { Rule, RuleFinding } from '../rule';

const rule: Rule = {
  id: 'paragraph-language',
  category: 'language',
  description: 'Points out prose paragraphs written in another language than the article.',
  defaultSeverity: 'information',
  docs: {
    rationale: `A paragraph in another language is often a caption, a quotation or scraper residue that slipped in, and it skews anything trained per language. Only prose paragraphs of at least ${paragraphMinLetters} letters are judged (after hiding names, acronyms, numbers and addresses; credits, datelines and short lines never are), and only when their own language beats the article's by at least ${paragraphMinGap} of franc's normalised score: on shorter or closer calls franc is guessing. The article's language is the declared \`lang\` when detection can find it, else the detected one.`,
    bad: {
      text: '---\nlang: de\n---\nNeue Kamera für das Frühjahr angekündigt\n\nDer Hersteller aus Wetzlar hat am Montag eine neue Kamera vorgestellt. Sie soll im Frühjahr in den Handel kommen und richtet sich vor allem an Fotografen, die viel unterwegs sind.\n\nThe company said that the new camera would be smaller and lighter than the previous model, and that it should be available in shops across Europe in the spring at a lower price than before. More details will follow later this month.\n\nDas Gehäuse ist kleiner und leichter als beim Vorgänger, der Sensor dagegen größer. Einen Preis nannte das Unternehmen noch nicht.',
    },
    good: {
      text: '---\nlang: de\n---\nNeue Kamera für das Frühjahr angekündigt\n\nDer Hersteller aus Wetzlar hat am Montag eine neue Kamera vorgestellt. Sie soll im Frühjahr in den Handel kommen und richtet sich vor allem an Fotografen, die viel unterwegs sind.\n\nDas Unternehmen sagte, die neue Kamera werde kleiner und leichter als das bisherige Modell und solle im Frühjahr in ganz Europa zu einem niedrigeren Preis als bisher erhältlich sein.\n\nDas Gehäuse ist kleiner und leichter als beim Vorgänger, der Sensor dagegen größer. Einen Preis nannte das Unternehmen noch nicht.',
    },
  },
  check({ article, config, language }) {
    const reference = declaredLanguage(article.header, config)?.configured ?? language.language;
    if (reference === undefined) return [];
    const findings: RuleFinding[] = [];
    for (const judged of language.paragraphs) {
      // The title is judged for the article's language but is no paragraph.
      if (judged.paragraph.line === article.title || judged.letters < paragraphMinLetters || judged.language === reference) continue;
      if (1 - (judged.scores[reference] ?? 0) < paragraphMinGap) continue;
      findings.push({
        span: trimmedSpan(judged.paragraph.line),
        message: `This paragraph reads as ${languageLabel(judged.language)}, not ${languageLabel(reference)}.`,
        data: { language: judged.language },
      });
    }
    return findings;
  },
};

export default rule;
