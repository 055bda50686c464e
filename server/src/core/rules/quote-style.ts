import type { Rule, RuleFinding } from '../rule';
import type { TextEdit } from '../text';
import { excerpt } from './shared/prose';
import { analyzeQuotes, quoteExample, quoteMarks } from './shared/quotes';

const rule: Rule = {
  id: 'quote-style',
  category: 'typography',
  description: 'An article must use one style of double quotation marks, and close each quotation with the mark of the style it opened with.',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'Mixed styles („…“ next to “…”) and mismatched pairs (“…“) are artefacts of copying and machine translation. The article’s style is the one most of its well-formed quotations use.',
    bad: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nLei Jun sagt: „Die Kooperation bringt uns voran.“\n\nMatthias Harsch sagt: “Wir freuen uns.”\n\nDas Gerät kommt im „Juli“.\n' },
    good: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nLei Jun sagt: „Die Kooperation bringt uns voran.“\n\nMatthias Harsch sagt: „Wir freuen uns.“\n\nDas Gerät kommt im „Juli“.\n' },
  },
  check({ article }) {
    const { pairs, articleStyle } = analyzeQuotes(article);
    const findings: RuleFinding[] = [];
    for (const pair of pairs) {
      const opening = article.text[pair.open];
      const closing = article.text[pair.close];
      if (!pair.wellFormed) {
        const where = excerpt(article.text, pair.line, { start: pair.close, end: pair.close + 1 });
        // The fix converts a pair of another style than the article's whole, so the message says so.
        const advice =
          articleStyle === undefined || articleStyle === pair.style
            ? `close it with ${quoteMarks[pair.style].close}`
            : `write it as ${quoteExample(articleStyle)} like the rest of the article`;
        findings.push({
          span: { start: pair.close, end: pair.close + 1 },
          message: `Quotation opened with ${opening} is closed with ${closing} (${where}); ${advice}.`,
        });
      } else if (articleStyle !== undefined && pair.style !== articleStyle) {
        findings.push({
          span: { start: pair.open, end: pair.close + 1 },
          message: `${quoteExample(pair.style)} quotes in an article that uses ${quoteExample(articleStyle)}; use ${quoteExample(articleStyle)} here too.`,
        });
      }
    }
    return findings;
  },
  fix({ article }, finding) {
    const { byClose, articleStyle } = analyzeQuotes(article);
    // Both kinds of finding end at the pair's closing mark.
    const pair = byClose.get(finding.span.end - 1);
    if (!pair) return undefined;
    // A mismatched pair in the article's own style (or in an article without one) only needs its closing mark.
    if (articleStyle === undefined || articleStyle === pair.style) {
      const expected = quoteMarks[pair.style].close;
      return { title: `Close the quotation with ${expected}`, edits: [{ start: pair.close, end: pair.close + 1, newText: expected }], safe: true };
    }
    const { open, close } = quoteMarks[articleStyle];
    const edits: TextEdit[] = [
      { start: pair.open, end: pair.open + 1, newText: open },
      { start: pair.close, end: pair.close + 1, newText: close },
    ].filter((edit) => article.text[edit.start] !== edit.newText);
    return { title: `Use ${quoteExample(articleStyle)} quotes`, edits, safe: true };
  },
};

export default rule;
