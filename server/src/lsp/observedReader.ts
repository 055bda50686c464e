/**
 * A message reader that notes when the client last sent anything: the server sorts its timeline ahead of need
 * once the client has been quiet for a moment, not in the middle of a burst of requests (see `analyseCorpus`).
 */
import type { DataCallback, Disposable, MessageReader } from 'vscode-languageserver/node';

export class ObservedMessageReader implements MessageReader {
  /** `performance.now()` when the last message came; 0 before the first. */
  lastMessageAt = 0;

  constructor(private readonly reader: MessageReader) {}

  get onError(): MessageReader['onError'] {
    return this.reader.onError;
  }

  get onClose(): MessageReader['onClose'] {
    return this.reader.onClose;
  }

  get onPartialMessage(): MessageReader['onPartialMessage'] {
    return this.reader.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.reader.listen((message) => {
      this.lastMessageAt = performance.now();
      callback(message);
    });
  }

  dispose(): void {
    this.reader.dispose();
  }
}
