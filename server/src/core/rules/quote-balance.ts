import type { Rule } from '../rule';
import { excerpt } from './shared/prose';
import { analyzeQuotes, closingMarkOf } from './shared/quotes';

const rule: Rule = {
  id: 'quote-balance',
  category: 'typography',
  description: 'Every double quotation mark must be paired within its paragraph: „…“, “…”, «…», »…« or "…".',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'A quotation that is never closed, or a closing mark without an opening one, usually means that text was lost or glued together when the article was scraped. Single quotes are not checked: ’ is also the apostrophe (l’arrivo).',
    bad: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nLei Jun sagt: „Die Kooperation bringt uns voran.\n' },
    good: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nLei Jun sagt: „Die Kooperation bringt uns voran.“\n' },
  },
  check({ article }) {
    return analyzeQuotes(article).strays.map((stray) => {
      const span = { start: stray.offset, end: stray.offset + 1 };
      const context = excerpt(article.text, stray.line, span);
      return {
        span,
        message: stray.closing
          ? `Quotation mark ${stray.mark} (${context}) closes nothing in this paragraph; add the opening mark or delete it.`
          : `Quotation mark ${stray.mark} (${context}) is never closed in this paragraph; add the closing ${closingMarkOf(stray.mark)} or delete it.`,
      };
    });
  },
};

export default rule;
