/** Core results → LSP types. The core speaks offsets and its own severities; the editor speaks LSP. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeAction, CodeActionKind, DiagnosticSeverity, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Finding } from '../core/analyze';
import type { Fix, Severity } from '../core/rule';
import type { LineIndex, TextEdit as CoreEdit } from '../core/text';

export const diagnosticSource = 'seed-corpus';
export const fixAllKind = `${CodeActionKind.SourceFixAll}.seedCorpus`;

/** An absolute POSIX path of ASCII letters, digits and `_.-`, without `.` or `..` segments: its URI needs no escapes. */
const plainPath = /^(?:\/[\w-][\w.-]*)+$/;

/**
 * `pathToFileURL(file).href`, written out directly for the usual plain path: pathToFileURL took some 5 µs a file,
 * 50 ms of a warm start at 10k articles.
 */
export function fileUri(file: string): string {
  return process.platform !== 'win32' && plainPath.test(file) ? `file://${file}` : pathToFileURL(file).href;
}

const severityMap: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Links to each rule's section of docs/rules.md as shipped with the extension (works offline); the
 * `#L<line>` fragment makes VS Code open the file at the rule's heading.
 */
export class RuleDocs {
  private readonly links = new Map<string, string>();

  constructor(file = path.join(__dirname, '..', 'docs', 'rules.md')) {
    if (!existsSync(file)) return;
    const base = pathToFileURL(file).href;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const heading = /^## `?([a-z0-9-]+)`?\s*$/.exec(line);
        if (heading) this.links.set(heading[1], `${base}#L${i + 1}`);
      });
  }

  href(ruleId: string): string | undefined {
    return this.links.get(ruleId);
  }
}

export function toDiagnostic(finding: Finding, docs: RuleDocs): Diagnostic {
  const href = docs.href(finding.ruleId);
  return {
    range: finding.range,
    severity: severityMap[finding.severity],
    code: finding.ruleId,
    codeDescription: href ? { href } : undefined,
    source: diagnosticSource,
    message: finding.message,
  };
}

export function toTextEdits(index: LineIndex, edits: readonly CoreEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: index.rangeOf(edit), newText: edit.newText }));
}

/** A quick fix for one diagnostic: text edits, or the editor command that does what edits cannot. */
export function toQuickFix(uri: string, index: LineIndex, fix: Fix, diagnostic: Diagnostic): CodeAction {
  const action = CodeAction.create(fix.title, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.safe;
  if (fix.editorCommand === 'useLfLineEndings') action.command = { title: fix.title, command: 'seedCorpus.useLfLineEndings', arguments: [uri] };
  else action.edit = { changes: { [uri]: toTextEdits(index, fix.edits) } };
  return action;
}

export function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
