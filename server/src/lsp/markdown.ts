/** Markdown for hover cards and tooltips. Every piece of corpus or knowledge-base text goes through `escapeMarkdown`. */
import type { HoverCommand } from '../protocol';

/** Escapes Markdown and HTML syntax so text shows as written and can neither format, link nor inject HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`)).replace(/\r?\n/g, ' ');
}


export function commandLink(title: string, command: HoverCommand, args: unknown[]): string {
  return `[${escapeMarkdown(title)}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}
