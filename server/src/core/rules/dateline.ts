import { trimmedSpan } from '../article';
import { headerField, setHeaderFields, type Header } from '../header';
import type { Rule, RuleFinding } from '../rule';
import { deleteParagraph, paragraphAt } from './shared/paragraph-edits';

const rule: Rule = {
  id: 'dateline',
  category: 'content',
  description: 'A dateline (“24-05-2022 15:02 - Fonte: …”) belongs in the header as `published` and `source`, not in the text.',
  defaultSeverity: 'information',
  docs: {
    rationale: 'A date-and-source line is metadata that the scraper left in the body. In the header it can be checked and searched; in the text it is noise.',
    bad: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\n24-05-2022 15:02 - Quelle: www.example.com\n\nDie Partnerschaft beginnt im Juli.\n' },
    good: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.\n' },
  },
  check({ article }) {
    const findings: RuleFinding[] = [];
    for (const paragraph of article.paragraphs) {
      const dateline = paragraph.dateline;
      if (paragraph.kind !== 'dateline' || !dateline) continue;
      const existing = headerField(article.header, 'published')?.value;
      const where = dateline.source ? `\`published\` (and \`source: ${dateline.source}\`)` : '`published`';
      const swapped = dateline.unambiguous ? '' : ' Check day and month first: they could be the other way round.';
      const message =
        existing === undefined
          ? `Dateline gives the article's date (${dateline.published}); move it into the header as ${where}.${swapped}`
          : `Dateline gives the article's date (${dateline.published}), but the header already has \`published: ${String(existing)}\`; delete the dateline once the header is right.${swapped}`;
      findings.push({ span: trimmedSpan(paragraph.line), message, data: { published: dateline.published, source: dateline.source } });
    }
    return findings;
  },
  fix({ article }, finding) {
    const paragraph = paragraphAt(article, finding.span.start);
    const dateline = paragraph?.dateline;
    if (!paragraph || !dateline) return undefined;
    const values: Array<[string, string]> = [['published', dateline.published]];
    if (dateline.source) values.push(['source', dateline.source]);
    // A broken header cannot take the values: deleting the line alone would lose them.
    const headerEdits = setHeaderFields(article.text, article.header, values);
    if (!headerEdits) return undefined;
    return {
      title: 'Move dateline into the header (published, source)',
      // The header edits end before the title, the deletion starts after it: the two never overlap.
      edits: [...headerEdits, deleteParagraph(article, paragraph.line)],
      // Overwriting a different header value, or a date whose day and month may be swapped, is for a person to judge.
      safe: dateline.unambiguous && !overwrites(article.header, values),
    };
  },
};

function overwrites(header: Header | undefined, values: ReadonlyArray<[string, string]>): boolean {
  return values.some(([key, value]) => {
    const current = headerField(header, key)?.value;
    return current !== undefined && current !== value;
  });
}

export default rule;
