import type { Rule } from '../rule';

const rule: Rule = {
  id: 'header-duplicate-key',
  category: 'header',
  description: 'Each header key may appear only once.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'With two `lang` lines, which one holds? Tools disagree (first wins, last wins, error). The fix deletes the later line; check which value is right first.',
    bad: { text: '---\nlang: de\nlang: it\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
    good: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    const seen = new Map<string, number>();
    const findings = [];
    for (const field of article.header?.fields ?? []) {
      const first = seen.get(field.key);
      if (first === undefined) {
        seen.set(field.key, article.index.positionAt(field.keySpan.start).line + 1);
        continue;
      }
      findings.push({ span: field.keySpan, message: `Header key “${field.key}” is already set on line ${first}.` });
    }
    return findings;
  },
  fix({ article }, finding) {
    const line = article.index.positionAt(finding.span.start).line;
    const start = article.index.lineStarts[line];
    const end = article.index.lineStarts[line + 1] ?? article.text.length;
    return { title: 'Delete this duplicate line', edits: [{ start, end, newText: '' }], safe: false };
  },
};

export default rule;
