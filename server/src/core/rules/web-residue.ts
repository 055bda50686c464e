import { trimmedSpan } from '../article';
import { languageName } from '../language/tags';
import type { Rule, RuleFinding } from '../rule';
import { deleteParagraph, paragraphAt } from './shared/paragraph-edits';

const rule: Rule = {
  id: 'web-residue',
  category: 'content',
  description: 'Lines left over from the web page (share buttons, comment forms, “read more” links) must be deleted.',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'Scrapers carry page furniture into the text: “Beitrag teilen”, “Schreibe einen Kommentar”, “Continua…”. It is not part of the article and would be learned as if it were. The patterns are kept per language in `data/residue.ts`.',
    bad: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.\n\nBeitrag teilen\n' },
    good: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.\n' },
  },
  check({ article }) {
    const findings: RuleFinding[] = [];
    for (const paragraph of article.paragraphs) {
      if (paragraph.kind !== 'residue' || !paragraph.residue) continue;
      const span = trimmedSpan(paragraph.line);
      const language = paragraph.residue.language;
      findings.push({
        span,
        message: `“${article.text.slice(span.start, span.end)}” is web page residue (${languageName(language)}: a share, comment or read-more line), not part of the article; delete the line.`,
        data: { language },
      });
    }
    return findings;
  },
  fix({ article }, finding) {
    const paragraph = paragraphAt(article, finding.span.start);
    if (paragraph?.kind !== 'residue') return undefined;
    return { title: 'Delete this web page residue line', edits: [deleteParagraph(article, paragraph.line)], safe: true };
  },
};

export default rule;
