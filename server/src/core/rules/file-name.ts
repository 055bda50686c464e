import type { Rule } from '../rule';
import { firstLineSpan } from './shared/spans';

/** `NNN_<16 lowercase hex>.txt`: a sequence number of at least three digits and a 64-bit id. */
export const fileNamePattern = /^(\d{3,})_([0-9a-f]{16})\.txt$/;

const rule: Rule = {
  id: 'file-name',
  category: 'file',
  description: 'File names must be `NNN_<16 lowercase hex digits>.txt`.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'The name carries the article’s sequence number and its id (16 lowercase hexadecimal digits); pipelines sort and join on both. At least three digits of sequence number (more for corpora beyond 999 articles).',
    bad: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.', fileName: 'leica-xiaomi.txt' },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.', fileName: '007_0123456789abcdef.txt' },
  },
  check({ article, file }) {
    if (!file || fileNamePattern.test(file.name)) return [];
    const hint = /[0-9A-F]{16}/.test(file.name) && fileNamePattern.test(file.name.toLowerCase()) ? ' (the id must be lowercase)' : '';
    return [{ span: firstLineSpan(article), message: `File name “${file.name}” is not NNN_<16 hex digits>.txt${hint}.` }];
  },
};

export default rule;
