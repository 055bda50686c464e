/** The `lang` header field as the language rules read it, and the one edit they all make to it. */
import type { CorpusConfig } from '../config';
import { headerField, type Header, type HeaderField } from '../header';
import type { RuleContext } from '../rule';
import type { TextEdit } from '../text';
import { configuredTag } from './detect';
import { checkTag } from './tags';

export interface DeclaredLanguage {
  field: HeaderField;
  /** The tag as written. */
  written: string;
  /** The tag in canonical form (`DE` → `de`). */
  tag: string;
  /** The corpus language it stands for; undefined when detection cannot find it, so nothing can contradict it. */
  configured?: string;
}

/** The declared language when `lang` holds a well-formed tag (canonical or not: the tag rules report the form). */
export function declaredLanguage(header: Header | undefined, config: CorpusConfig): DeclaredLanguage | undefined {
  const field = headerField(header, 'lang');
  if (typeof field?.value !== 'string') return undefined;
  const check = checkTag(field.value);
  if (check.kind === 'invalid') return undefined;
  const tag = check.kind === 'canonical' ? check.tag : check.canonical;
  return { field, written: field.value, tag, configured: configuredTag(config, tag) };
}

/** The article's language tag for language-dependent checks: its `lang` tag, else a sure detection, else undefined. */
export function workingLanguage(context: RuleContext): string | undefined {
  const declared = headerField(context.article.header, 'lang')?.value;
  if (typeof declared === 'string') return declared;
  return context.language.sure ? context.language.language : undefined;
}

/** Replaces the value of `lang` by `tag`, keeping its quotes if it had any (a tag never needs escaping). */
export function replaceTag(text: string, field: HeaderField, tag: string): TextEdit {
  const quote = text[field.valueSpan.start];
  const quoted = (quote === '"' || quote === "'") && field.valueSpan.end - field.valueSpan.start >= 2;
  return { ...field.valueSpan, newText: quoted ? `${quote}${tag}${quote}` : tag };
}
