/** Markdown for hover cards and tooltips. Every piece of corpus or knowledge-base text goes through `escapeMarkdown`. */

/** Escapes Markdown and HTML syntax so text shows as written and can neither format, link nor inject HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`)).replace(/\r?\n/g, ' ');
}

/** The extension's own commands that hover cards may link to; the client enables these and no others. */
export const hoverCommands = ['seedCorpus.openEntity', 'seedCorpus.findMentions'] as const;
export type HoverCommand = (typeof hoverCommands)[number];

export function commandLink(title: string, command: HoverCommand, args: unknown[]): string {
  return `[${escapeMarkdown(title)}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}
