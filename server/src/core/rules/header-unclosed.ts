import type { Rule } from '../rule';

const rule: Rule = {
  id: 'header-unclosed',
  category: 'header',
  description: 'A header opened with `---` must be closed by a second `---` line.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'Without the closing fence nobody can tell where the header ends and the title begins. Until it is closed, the header is taken to run to the first blank line, and header fixes are not offered.',
    bad: { text: '---\nlang: de\n\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
    good: { text: '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    return (article.header?.problems ?? []).filter((p) => p.kind === 'unclosed').map((p) => ({ span: p.span, message: p.message }));
  },
  fix({ article }) {
    const header = article.header;
    if (!header) return undefined;
    const eol = article.text.includes('\r\n') ? '\r\n' : '\n';
    const at = header.contentSpan.end;
    const needsBreak = at > 0 && article.text[at - 1] !== '\n';
    return { title: 'Close the header after its last field', edits: [{ start: at, end: at, newText: `${needsBreak ? eol : ''}---${eol}` }], safe: false };
  },
};

export default rule;
