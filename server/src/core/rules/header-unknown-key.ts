import { closest } from '../edit-distance';
import { headerKeys } from '../header';
import type { Rule } from '../rule';

const known = Object.keys(headerKeys);

const rule: Rule = {
  id: 'header-unknown-key',
  category: 'header',
  description: `Header keys must be one of ${known.map((k) => '`' + k + '`').join(', ')}.`,
  defaultSeverity: 'warning',
  docs: {
    rationale: 'A misspelt key (`langauge`, `autor`) silently carries no meaning: every tool ignores it. The fix renames a near miss to the key it was meant to be.',
    bad: { text: '---\nautor: Andreas Jordan\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
    good: { text: '---\nauthor: Andreas Jordan\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    return (article.header?.fields ?? [])
      .filter((field) => !(field.key in headerKeys))
      .map((field) => {
        const suggestion = closest(field.key, known);
        return {
          span: field.keySpan,
          message: `Unknown header key “${field.key}”${suggestion ? `; did you mean “${suggestion}”?` : `; known keys: ${known.join(', ')}.`}`,
          data: suggestion ? { suggestion } : undefined,
        };
      });
  },
  fix(_context, finding) {
    const suggestion = finding.data?.suggestion;
    return typeof suggestion === 'string' ? { title: `Rename to “${suggestion}”`, edits: [{ ...finding.span, newText: suggestion }], safe: false } : undefined;
  },
};

export default rule;
