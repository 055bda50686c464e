/**
 * Diagnostics of articles as on disk, sent together: a corpus pass publishes thousands, and one write to the pipe
 * each (one per turn of the event loop) took the server's thread some 0.7 s of a 10k cold index, each write waking
 * the client's reader. An open document's diagnostics go at once, and a disk verdict still waiting for the same
 * file is dropped: it is older, and must not come after them.
 */
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';

export class DiskDiagnostics {
  private readonly waiting = new Map<string, Diagnostic[]>();
  private timer?: NodeJS.Timeout;

  /** `delayMs`: how long a disk verdict waits at most. */
  constructor(
    private readonly send: (params: PublishDiagnosticsParams) => void,
    private readonly delayMs: number,
  ) {}

  /** A file's diagnostics as on disk, sent within `delayMs`; a newer verdict of the file replaces the one waiting. */
  queue(uri: string, diagnostics: Diagnostic[]): void {
    // Deleted first, so the file goes out in the order of its latest verdict.
    this.waiting.delete(uri);
    this.waiting.set(uri, diagnostics);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** An open document's diagnostics (of a version), sent now. */
  sendNow(params: PublishDiagnosticsParams): void {
    this.waiting.delete(params.uri);
    this.send(params);
  }

  /** Sends every waiting verdict now, in the order queued. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const [uri, diagnostics] of waiting) this.send({ uri, diagnostics });
  }
}
