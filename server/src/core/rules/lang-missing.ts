import { trimmedSpan } from '../article';
import { headerField, setHeaderFields } from '../header';
import { describeDetection } from '../language/detect';
import type { Rule } from '../rule';

const rule: Rule = {
  id: 'lang-missing',
  category: 'language',
  description: 'The header must declare the article’s language in a `lang` field.',
  defaultSeverity: 'warning',
  docs: {
    rationale:
      'Everything downstream (tokenisers, spell checkers, the language rules here) needs the language, and guessing it again in every tool is neither cheap nor reliable. The message names the detected language; the fix adds it and is applied by “fix all” only when the detection is sure (at least 200 judged letters, at least 60% of them agreeing).',
    bad: {
      text: 'Neue Kamera für das Frühjahr angekündigt\n\nDer Hersteller aus Wetzlar hat am Montag eine neue Kamera vorgestellt. Sie soll im Frühjahr in den Handel kommen und richtet sich vor allem an Fotografen, die viel unterwegs sind.\n\nDas Gehäuse ist kleiner und leichter als beim Vorgänger, der Sensor dagegen größer. Einen Preis nannte das Unternehmen noch nicht.',
    },
    good: {
      text: '---\nlang: de\n---\nNeue Kamera für das Frühjahr angekündigt\n\nDer Hersteller aus Wetzlar hat am Montag eine neue Kamera vorgestellt. Sie soll im Frühjahr in den Handel kommen und richtet sich vor allem an Fotografen, die viel unterwegs sind.\n\nDas Gehäuse ist kleiner und leichter als beim Vorgänger, der Sensor dagegen größer. Einen Preis nannte das Unternehmen noch nicht.',
    },
  },
  check({ article, language }) {
    const header = article.header;
    // A header YAML cannot read has no fields to look in; header-syntax reports it.
    if (headerField(header, 'lang') || header?.problems.some((p) => p.kind === 'syntax')) return [];
    const span = header ? { start: 0, end: article.lines[0].end } : trimmedSpan(article.title ?? article.lines[0]);
    if (language.language === undefined) {
      return [{ span, message: 'The article has no `lang` tag; add its language’s BCP 47 tag to the header, e.g. `lang: de`.' }];
    }
    const detected = describeDetection(language.language, language.confidence);
    const message = language.sure
      ? `The article has no \`lang\` tag; it reads as ${detected}.`
      : `The article has no \`lang\` tag; it may read as ${detected}, but detection is unsure: add the right tag to the header.`;
    return [{ span, message, data: { detected: language.language, confidence: language.confidence } }];
  },
  fix({ article, language }, finding) {
    const detected = finding.data?.detected;
    if (typeof detected !== 'string') return undefined;
    const edits = setHeaderFields(article.text, article.header, [['lang', detected]]);
    return edits && { title: `Add \`lang: ${detected}\` to the header`, edits, safe: language.sure };
  },
};

export default rule;
