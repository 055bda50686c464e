import type { Rule } from '../rule';
import { fileNamePattern } from './file-name';
import { firstLineSpan } from './shared/spans';

const rule: Rule = {
  id: 'unique-file-id',
  category: 'file',
  description: 'Sequence numbers and ids in file names must be unique across the corpus.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'Two articles with the same sequence number or the same id make every join and every reference ambiguous; usually one of them is a copy.',
    bad: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.', fileName: '007_0123456789abcdef.txt', corpusFileNames: ['007_fedcba9876543210.txt'] },
    good: { text: 'Leica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.', fileName: '007_0123456789abcdef.txt', corpusFileNames: ['008_fedcba9876543210.txt'] },
  },
  check({ article, file }) {
    if (!file?.corpus || !fileNamePattern.test(file.name)) return [];
    const [, sequence, id] = fileNamePattern.exec(file.name) ?? [];
    const sameSequence = file.corpus.sameSequence(file.name);
    const sameId = file.corpus.sameId(file.name);
    const span = firstLineSpan(article);
    const findings = [];
    if (sameSequence.length > 0) findings.push({ span, message: `Sequence number ${sequence} is also used by ${sameSequence.join(', ')}.` });
    if (sameId.length > 0) findings.push({ span, message: `Id ${id} is also used by ${sameId.join(', ')}.` });
    return findings;
  },
};

export default rule;
