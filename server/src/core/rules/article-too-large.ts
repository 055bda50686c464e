import type { Rule } from '../rule';

const rule: Rule = {
  id: 'article-too-large',
  category: 'file',
  description: 'An article larger than `maxArticleSize` (2 MB by default) is not analysed; it gets this one finding instead.',
  defaultSeverity: 'warning',
  docs: {
    rationale:
      'A news article is a few kilobytes; a file of megabytes in the corpus is usually a dump, a log or several articles pasted together. Checking it would keep the editor busy for nothing, so it is reported once and left alone. Split it, move it out of the corpus, or raise `maxArticleSize` in `seed-corpus.json` (or the `seedCorpus.maxArticleSize` setting).',
    bad: { text: `---\nlang: de\n---\nLeica\n\n${'Leica und Huawei arbeiten zusammen. '.repeat(40)}\n`, maxArticleSize: 1 },
    good: { text: '---\nlang: de\n---\nLeica\n\nLeica und Huawei arbeiten zusammen.\n', maxArticleSize: 1 },
  },
  checkSize(bytes, limitBytes) {
    if (bytes <= limitBytes) return [];
    const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
    return [{ span: { start: 0, end: 0 }, message: `This file is too large to analyse (${size(bytes)}; the limit is ${size(limitBytes)}): nothing else was checked. Raise \`maxArticleSize\` to check it.`, data: { bytes, limitBytes } }];
  },
};

export default rule;
