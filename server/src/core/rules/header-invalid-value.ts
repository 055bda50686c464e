import { closest } from '../edit-distance';
import type { HeaderField } from '../header';
import { isCalendarDate } from '../data/special-lines';
import type { Rule, RuleFinding } from '../rule';
// The registry imports this rule too; the ids are read only when a header is checked, after loading.
import { ruleById } from './index';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

/** Why an ISO 8601 date or date-time is not one, or undefined when it is. */
export function invalidDate(value: string): string | undefined {
  const m = isoDate.exec(value);
  if (!m) return 'is not an ISO 8601 date (2022-05-24) or date-time (2022-05-24T15:02, 2022-05-24T15:02:00+02:00)';
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return 'is not a calendar date';
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return 'is not a valid time of day';
  if (m[7] !== undefined && (Number(m[7]) > 14 || Number(m[8]) > 59)) return 'has an impossible time zone offset';
  return undefined;
}

function invalidUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'must be an http or https address';
  } catch {
    return 'is not an absolute address (https://…)';
  }
}

function checkField(field: HeaderField): RuleFinding[] {
  const where = field.value === undefined ? field.keySpan : field.valueSpan;
  const say = (message: string, data?: Record<string, unknown>): RuleFinding => ({ span: where, message, data });
  if (field.key === 'ignore') {
    if (field.value === undefined) return [say('`ignore` is empty; list rule ids, e.g. [doubled-word], or remove the line.')];
    const ids = Array.isArray(field.value) ? field.value : field.value.split(/[\s,]+/).filter(Boolean);
    const spans = Array.isArray(field.value) ? field.itemSpans ?? [] : [];
    return ids.flatMap((id, i) => {
      if (ruleById.has(id)) return [];
      const suggestion = closest(id, ruleById.keys(), 3);
      return [{ span: spans[i] ?? where, message: `\`ignore\` names an unknown rule “${id}”${suggestion ? `; did you mean “${suggestion}”?` : '.'}`, data: suggestion && spans[i] ? { suggestion } : undefined }];
    });
  }
  if (field.key === 'lang' || !['source', 'url', 'published', 'author'].includes(field.key)) return [];
  if (field.value === undefined || (typeof field.value === 'string' && field.value.trim() === '')) return [say(`\`${field.key}\` is empty; give a value or remove the line.`)];
  if (Array.isArray(field.value)) return [say(`\`${field.key}\` must be a single value, not a list.`)];
  const problem = field.key === 'published' ? invalidDate(field.value) : field.key === 'url' ? invalidUrl(field.value) : undefined;
  return problem ? [say(`\`${field.key}: ${field.value}\` ${problem}.`)] : [];
}

const rule: Rule = {
  id: 'header-invalid-value',
  category: 'header',
  description: 'Header values must be valid: `published` an ISO 8601 date, `url` an http(s) address, `ignore` known rule ids, no empty values.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'Downstream tools sort by `published`, link by `url` and trust `ignore`; a value they cannot read is worse than none. `lang` is checked by the language rules.',
    bad: { text: '---\npublished: 24.05.2022\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
    good: { text: '---\npublished: 2022-05-24\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.' },
  },
  check({ article }) {
    return (article.header?.fields ?? []).flatMap(checkField);
  },
  fix(_context, finding) {
    const suggestion = finding.data?.suggestion;
    return typeof suggestion === 'string' ? { title: `Change to “${suggestion}”`, edits: [{ ...finding.span, newText: suggestion }], safe: false } : undefined;
  },
};

export default rule;
