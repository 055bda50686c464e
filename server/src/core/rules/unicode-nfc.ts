import type { Rule } from '../rule';
import { findingsByLine } from './shared/by-line';

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

// Line by line: a line break composes with nothing, so the text is in NFC when each of its lines is.
const unnormalizedByLine = findingsByLine((_article, line) => {
  const normalized = line.text.normalize('NFC');
  if (normalized === line.text) return [];
  let prefix = 0;
  while (prefix < normalized.length && line.text[prefix] === normalized[prefix]) prefix++;
  let suffix = 0;
  while (suffix < normalized.length - prefix && line.text[line.text.length - 1 - suffix] === normalized[normalized.length - 1 - suffix]) suffix++;
  // Composed and decomposed astral characters can share a high surrogate: never cut a pair in two.
  if (prefix > 0 && isHighSurrogate(line.text.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isHighSurrogate(line.text.charCodeAt(line.text.length - 1 - suffix))) suffix--;
  const span = { start: line.start + prefix, end: line.end - suffix };
  const replacement = normalized.slice(prefix, normalized.length - suffix);
  return [{ span, message: `“${line.text.slice(prefix, line.text.length - suffix)}” is not in NFC; it should be written “${replacement}” (composed).`, data: { replacement } }];
});

const rule: Rule = {
  id: 'unicode-nfc',
  category: 'encoding',
  description: 'Text must be in Unicode normalization form C (composed characters).',
  defaultSeverity: 'warning',
  docs: {
    rationale: 'The same word spelled with composed (ü) and decomposed (u + ◌̈) characters looks identical but does not match in search, counts or entity recognition. NFC is what keyboards produce and what the web recommends.',
    bad: { text: 'Gru\u0308ße aus Wetzlar\n\nLeica kündigt eine Partnerschaft an.' },
    good: { text: 'Grüße aus Wetzlar\n\nLeica kündigt eine Partnerschaft an.' },
  },
  check({ article }) {
    return unnormalizedByLine(article, article.lines);
  },
  fix(_context, finding) {
    return { title: 'Normalize to NFC', edits: [{ ...finding.span, newText: String(finding.data?.replacement) }], safe: true };
  },
};

export default rule;
