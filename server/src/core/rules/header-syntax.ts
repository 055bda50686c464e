import type { Rule } from '../rule';

const rule: Rule = {
  id: 'header-syntax',
  category: 'header',
  description: 'Header lines must be `key: value` pairs (YAML).',
  defaultSeverity: 'error',
  docs: {
    rationale: 'The header is a small YAML mapping, so values with colons or quotes follow YAML’s rules and every tool reads it the same way. A header that does not parse is reported at the exact spot, and its fields are not used.',
    bad: { text: '---\nlang de\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
    good: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    return (article.header?.problems ?? []).filter((p) => p.kind === 'syntax').map((p) => ({ span: p.span, message: `Header: ${p.message}` }));
  },
};

export default rule;
