import { headerField, setHeaderFields } from '../header';
import { replaceTag } from '../language/declared';
import { describeDetection } from '../language/detect';
import { checkTag } from '../language/tags';
import type { Rule, RuleFinding } from '../rule';

const rule: Rule = {
  id: 'lang-tag-invalid',
  category: 'language',
  description: 'The `lang` field must hold one well-formed BCP 47 language tag.',
  defaultSeverity: 'error',
  docs: {
    rationale:
      'A tag that is not BCP 47 (`de_DE`, `deutsch`, `12`, a list) means nothing to the tools that read the corpus. The tag must start with a two- or three-letter ISO 639 language code. When the intent is plain (`de_DE` → `de-DE`, `Deutsch` → `de`), the fix writes the tag. An empty value gets the detected language, which “fix all” applies only when detection is sure.',
    bad: { text: '---\nlang: de_DE\n---\nNeue Kamera vorgestellt\n\nDer Hersteller aus Wetzlar hat am Montag eine neue Kamera vorgestellt.' },
    good: { text: '---\nlang: de-DE\n---\nNeue Kamera vorgestellt\n\nDer Hersteller aus Wetzlar hat am Montag eine neue Kamera vorgestellt.' },
  },
  check({ article, language }) {
    const field = headerField(article.header, 'lang');
    if (!field) return [];
    if (field.value === undefined || field.value === '') {
      // Empty is as good as missing: offer what lang-missing would.
      const span = field.value === undefined ? field.keySpan : field.valueSpan;
      if (language.language === undefined) return [{ span, message: 'The `lang` field is empty; write the article’s BCP 47 tag, e.g. `de`.' }];
      const message = `The \`lang\` field is empty; write the article’s tag (the text ${language.sure ? 'reads' : 'may read'} as ${describeDetection(language.language, language.confidence)}).`;
      return [{ span, message, data: { detected: language.language } }];
    }
    if (Array.isArray(field.value)) {
      return [{ span: field.valueSpan, message: '`lang` holds a list; write one BCP 47 tag for the article’s main language, e.g. `de`.' }];
    }
    const check = checkTag(field.value);
    if (check.kind !== 'invalid') return [];
    const finding: RuleFinding = check.suggestion
      ? { span: field.valueSpan, message: `\`lang: ${field.value}\` is not a BCP 47 tag; write \`${check.suggestion}\`.`, data: { suggestion: check.suggestion } }
      : { span: field.valueSpan, message: `\`lang: ${field.value}\` is not a BCP 47 tag; write a language tag such as \`de\`, \`it\` or \`de-CH\`.` };
    return [finding];
  },
  fix({ article, language }, finding) {
    const field = headerField(article.header, 'lang');
    const { suggestion, detected } = finding.data ?? {};
    if (!field) return undefined;
    if (typeof suggestion === 'string') return { title: `Change to \`${suggestion}\``, edits: [replaceTag(article.text, field, suggestion)], safe: true };
    if (typeof detected !== 'string') return undefined;
    const edits = setHeaderFields(article.text, article.header, [['lang', detected]]);
    return edits && { title: `Set \`lang: ${detected}\``, edits, safe: language.sure };
  },
};

export default rule;
