import type { Rule } from '../rule';
import type { TextEdit } from '../text';

const rule: Rule = {
  id: 'line-endings',
  category: 'encoding',
  description: 'Lines must end with LF (\\n), not CRLF or CR.',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'One line ending across the corpus keeps diffs, offsets and line counts comparable between tools and systems. The finding is reported once per file, at the first foreign line ending.',
    bad: { text: 'Leica und Xiaomi\r\n\r\nDie Partnerschaft beginnt im Juli.' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    const text = article.text;
    const first = text.indexOf('\r');
    if (first < 0) return [];
    let crlf = 0;
    let cr = 0;
    for (let i = first; i < text.length; i++) {
      if (text.charCodeAt(i) !== 13) continue;
      if (text.charCodeAt(i + 1) === 10) crlf++;
      else cr++;
    }
    const kinds = [crlf > 0 ? `${crlf} CRLF` : '', cr > 0 ? `${cr} CR` : ''].filter(Boolean).join(' and ');
    const end = text.charCodeAt(first + 1) === 10 ? first + 2 : first + 1;
    return [{ span: { start: first, end }, message: `The file has ${kinds} line ending${crlf + cr > 1 ? 's' : ''}; use LF (\\n) only.` }];
  },
  fix({ article }, finding) {
    const text = article.text;
    const edits: TextEdit[] = [];
    for (let i = finding.span.start; i < text.length; i++) {
      if (text.charCodeAt(i) !== 13) continue;
      edits.push(text.charCodeAt(i + 1) === 10 ? { start: i, end: i + 1, newText: '' } : { start: i, end: i + 1, newText: '\n' });
    }
    return { title: 'Convert line endings to LF', edits, safe: true, editorCommand: 'useLfLineEndings' };
  },
};

export default rule;
