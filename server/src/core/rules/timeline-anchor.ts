import { isCalendarDate } from '../data/special-lines';
import { headerField, setHeaderFields } from '../header';
import { workingLanguage } from '../language/declared';
import type { Rule } from '../rule';
import { articleDate } from '../timeline/anchor';

const rule: Rule = {
  id: 'timeline-anchor',
  category: 'timeline',
  description: 'Relative dates (“im Juli”, “vergangenes Jahr”) need the article’s own date: a `published` header field or a dateline.',
  defaultSeverity: 'information',
  docs: {
    rationale:
      'The timeline reads “im Juli” or “lunedì” against the date the article appeared. Without one it falls back on the last year the text names, or leaves the date open, and the event lands in the wrong year or among the undated. The fix adds `published` only when the date can be known, from a date in the article’s `url`, and only as a quick fix: a person should confirm it.',
    bad: { text: '---\nlang: de\nurl: https://www.example.com/2022/05/24/leica-xiaomi\n---\nLeica und Xiaomi\n\nDas erste Gerät soll im Juli auf den Markt kommen.\n' },
    good: { text: '---\nlang: de\npublished: 2022-05-24\n---\nLeica und Xiaomi\n\nDas erste Gerät soll im Juli auf den Markt kommen.\n' },
  },
  check(context) {
    const { article } = context;
    const language = workingLanguage(context);
    if (language === undefined || articleDate(article)) return [];
    // What an article date would place: the unresolved expressions that do not count from a mentioned date.
    const open = context.events.filter((e) => e.anchor === 'unresolved' && !e.anaphoric);
    if (open.length === 0) return [];
    const [first] = open;
    const others = open.length > 1 ? ` and ${open.length - 1} more relative date${open.length > 2 ? 's' : ''}` : '';
    const date = urlDate(headerField(article.header, 'url')?.value);
    const advice = date ? ` Its URL suggests \`published: ${date}\`.` : ' Add `published: YYYY-MM-DD` to the header.';
    return [
      {
        span: first.span,
        message: `“${first.text}”${others} cannot be placed in time: the article has no \`published\` date and no dateline.${advice}`,
        data: { expressions: open.map((e) => e.text), ...(date ? { published: date } : {}) },
      },
    ];
  },
  fix({ article }, finding) {
    const published = finding.data?.published;
    if (typeof published !== 'string') return undefined;
    const edits = setHeaderFields(article.text, article.header, [['published', published]]);
    // A URL's date is usually the publication's, sometimes an update's or a section's: a person confirms it.
    return edits && { title: `Add \`published: ${published}\` (the date in the article’s URL)`, edits, safe: false };
  },
};

/** A calendar date in a URL's path: `…/2022/05/24/…`, `…/2022-05-24-…`. */
function urlDate(url: string | string[] | undefined): string | undefined {
  if (typeof url !== 'string') return undefined;
  const m = /\/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?![\d])/.exec(url);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(year, month, day) ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : undefined;
}

export default rule;
